"""Editor actions: add sources, approve drafts, correct, retract, set a status.

Each names the Django permission it needs and calls the same function the desk and the
CLI call (stories.editorial, sources.adding); a ValueError from them is a 400 with its
message, and nothing is changed.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from newsdesk.desk.api import serializers as s
from newsdesk.desk.api.access import needs, require
from newsdesk.sources.models import Source
from newsdesk.stories import editorial
from newsdesk.stories.models import StoryArticle

Status = StoryArticle.Status


def _valid(serializer_class, request) -> dict:
    if not isinstance(request.data, dict):
        raise ValidationError({"body": "the request body must be a JSON object"})
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    return form.validated_data


def _locked_piece(piece_id: int) -> StoryArticle:
    piece = StoryArticle.objects.filter(id=piece_id).first()
    if piece is None:
        raise NotFound("not found")
    return piece


def _decide(request, decision, *args) -> Response:
    try:
        piece = decision(*args)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    return Response(s.PieceSerializer(piece, context={"request": request}).data)


class Approve(APIView):
    permission_classes = [needs("stories.publish_storyarticle")]

    @extend_schema(request=None, responses={200: s.PieceSerializer, 400: dict, 404: dict})
    def post(self, request, piece_id: int) -> Response:
        piece = _locked_piece(piece_id)
        if piece.status != Status.DRAFT:
            raise ValidationError("only a draft is approved")
        return _decide(request, editorial.publish, piece, request.user)


class Submit(APIView):
    """A contributor sends a draft to the editors (needs change, not publish)."""

    permission_classes = [needs("stories.change_storyarticle")]

    @extend_schema(request=None, responses={200: s.PieceSerializer, 400: dict, 404: dict})
    def post(self, request, piece_id: int) -> Response:
        piece = _locked_piece(piece_id)
        return _decide(request, editorial.submit, piece, request.user)


class Correct(APIView):
    permission_classes = [needs("stories.correct_storyarticle")]

    @extend_schema(
        request=s.CorrectionSerializer, responses={200: s.PieceSerializer, 400: dict, 404: dict}
    )
    def post(self, request, piece_id: int) -> Response:
        data = _valid(s.CorrectionSerializer, request)
        piece = _locked_piece(piece_id)
        return _decide(
            request,
            lambda: editorial.correct(
                piece, request.user, data["note"], data.get("headline"), data.get("body")
            ),
        )


class Retract(APIView):
    permission_classes = [needs("stories.retract_storyarticle")]

    @extend_schema(
        request=s.RetractionSerializer, responses={200: s.PieceSerializer, 400: dict, 404: dict}
    )
    def post(self, request, piece_id: int) -> Response:
        data = _valid(s.RetractionSerializer, request)
        piece = _locked_piece(piece_id)
        return _decide(request, editorial.retract, piece, request.user, data["reason"])


# The status endpoint kept from the first API: the permission follows the new status.
_STATUS_NEEDS = {
    Status.PUBLISHED: "stories.publish_storyarticle",
    Status.DRAFT: "stories.publish_storyarticle",
    Status.RETRACTED: "stories.retract_storyarticle",
}


class SetStatus(APIView):
    @extend_schema(
        request=s.StatusSerializer, responses={200: s.PieceSerializer, 400: dict, 404: dict}
    )
    def post(self, request, piece_id: int) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = _valid(s.StatusSerializer, request)
        require(request, _STATUS_NEEDS[data["status"]])
        piece = _locked_piece(piece_id)
        if data["status"] == Status.PUBLISHED:
            return _decide(request, editorial.publish, piece, request.user)
        if data["status"] == Status.DRAFT:
            return _decide(request, editorial.unpublish, piece, request.user)
        reason = data["reason"] or "Retracted by the editors."
        return _decide(request, editorial.retract, piece, request.user, reason)


class Sources(APIView):
    """GET: every source with its health (view_source). POST: follow a new one
    (add_source) through sources.adding, the CLI's path."""

    def get_permissions(self):
        perm = "sources.add_source" if self.request.method == "POST" else "sources.view_source"
        return [needs(perm)()]

    @extend_schema(responses={200: s.SourceSerializer(many=True)})
    def get(self, request) -> Response:
        sources = Source.objects.order_by("name", "url")
        return Response(s.SourceSerializer(sources, many=True).data)

    @extend_schema(
        request=s.NewSourceSerializer,
        responses={201: s.SourceSerializer, 400: dict, 409: dict},
    )
    def post(self, request) -> Response:
        from newsdesk.sources.adding import add_source

        data = _valid(s.NewSourceSerializer, request)
        try:
            added = add_source(data["url"].strip(), kind=data.get("kind"), name=data["name"])
        except ValueError as exc:
            raise ValidationError({"url": str(exc)}) from None
        if not added.created:
            return Response({"error": f"already followed as source {added.source.pk}"}, 409)
        return Response(s.SourceSerializer(added.source).data, status=201)
