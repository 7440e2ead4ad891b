"""Read endpoints: pieces, stories, sources, categories, tags, approved comments."""

from django.conf import settings
from django.db.models import Prefetch, Q
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from newsdesk.articles.models import Article
from newsdesk.comments.models import Comment
from newsdesk.desk.api import serializers as s
from newsdesk.desk.api.access import needs, require
from newsdesk.stories.models import Category, Story, StoryArticle, StoryMember, Tag

PUBLISHED = StoryArticle.Status.PUBLISHED


class Pages(pagination.PageNumberPagination):
    """?page=N&page_size=M, capped at API_MAX_PAGE_SIZE; the answer says how many pages.
    A page that does not exist (0, -1, past the end, not a number) is a 400."""

    page_size = 20
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        self.max_page_size = settings.API_MAX_PAGE_SIZE
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError(
                {"page": "must be a whole number from 1 to the number of pages"}
            ) from None

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        shape = super().get_paginated_response_schema(schema)
        shape["properties"]["page"] = {"type": "integer"}
        shape["properties"]["pages"] = {"type": "integer"}
        return shape


@extend_schema(exclude=True)
class NoSuchEndpoint(APIView):
    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound("no such endpoint")

    def get(self, request, *args, **kwargs):
        raise NotFound("no such endpoint")


class Root(APIView):
    """Links to every collection and to the OpenAPI schema."""

    @extend_schema(responses={200: dict})
    def get(self, request, format=None) -> Response:
        names = ["articles", "stories", "sources", "categories", "tags", "comments"]
        links = {n: reverse(f"api:{n}", request=request, format=format) for n in names}
        links["schema"] = reverse("api:schema", request=request)
        links["openapi.json"] = reverse("api:openapi", request=request)
        return Response(links)


_FILTERS = [
    OpenApiParameter("category", str, description="category slug"),
    OpenApiParameter("tag", str, description="tag slug"),
    OpenApiParameter("outlet", str, description="source name or host of a cited article"),
    OpenApiParameter("since", str, description="published at or after (ISO 8601)"),
    OpenApiParameter("until", str, description="published before (ISO 8601)"),
]


@extend_schema(parameters=_FILTERS, responses={200: s.PieceSerializer(many=True), 400: dict})
class Pieces(generics.ListAPIView):
    serializer_class = s.PieceSerializer
    pagination_class = Pages

    def get_queryset(self):
        names = ("category", "tag", "outlet", "since", "until")
        given = {k: v for k, v in self.request.query_params.items() if k in names}
        query = s.ArticleFilterSerializer(data=given)
        if not query.is_valid():
            raise ValidationError(query.errors)
        f = query.validated_data
        pieces = StoryArticle.objects.filter(status=PUBLISHED).select_related("category")
        if "category" in f:
            pieces = pieces.filter(category__slug=f["category"])
        if "tag" in f:
            pieces = pieces.filter(tags__slug=f["tag"])
        if "outlet" in f:
            cited = Article.objects.filter(
                Q(source__name__iexact=f["outlet"]) | Q(source__host__iexact=f["outlet"])
            )
            pieces = pieces.filter(sources__in=cited)
        if "since" in f:
            pieces = pieces.filter(published_at__gte=f["since"])
        if "until" in f:
            pieces = pieces.filter(published_at__lt=f["until"])
        return pieces.distinct().prefetch_related("tags").order_by("-published_at", "-id")


class PieceDetail(APIView):
    """A published piece; drafts need stories.view_storyarticle; retracted -> 410."""

    @extend_schema(
        responses={
            200: s.PieceDetailSerializer,
            404: dict,
            410: OpenApiResponse(s.RetractedSerializer, description="retracted, with why"),
        }
    )
    def get(self, request, piece_id: int) -> Response:
        piece = _piece(piece_id)
        if piece.status == StoryArticle.Status.RETRACTED:
            return Response(
                {
                    "error": "retracted",
                    "headline": piece.headline,
                    "retraction_reason": piece.retraction_reason,
                    "retracted_at": piece.retracted_at,
                },
                status=410,
            )
        if piece.status != PUBLISHED:
            require(request, "stories.view_storyarticle")
        return Response(s.PieceDetailSerializer(piece, context={"request": request}).data)


def _piece(piece_id: int) -> StoryArticle:
    cited = Prefetch("sources", queryset=Article.objects.select_related("source"))
    piece = (
        StoryArticle.objects.select_related("category")
        .prefetch_related("tags", cited)
        .filter(id=piece_id)
        .first()
    )
    if piece is None:
        raise NotFound("not found")
    return piece


class Versions(generics.ListAPIView):
    serializer_class = s.VersionSerializer
    permission_classes = [needs("stories.view_storyarticle")]
    pagination_class = Pages

    def get_queryset(self):
        _piece(self.kwargs["piece_id"])
        return StoryArticle.objects.get(id=self.kwargs["piece_id"]).versions.order_by("number")


class Stories(generics.ListAPIView):
    serializer_class = s.StorySerializer
    permission_classes = [needs("stories.view_story")]
    pagination_class = Pages
    queryset = Story.objects.select_related("written").order_by("-last_updated", "-id")


class StoryDetail(generics.RetrieveAPIView):
    serializer_class = s.StoryDetailSerializer
    permission_classes = [needs("stories.view_story")]
    lookup_url_kwarg = "story_id"
    members = StoryMember.objects.select_related("article__source").order_by("joined_at", "id")
    queryset = Story.objects.select_related("written").prefetch_related(
        Prefetch("members", queryset=members)
    )


class Categories(generics.ListAPIView):
    serializer_class = s.CategorySerializer
    pagination_class = Pages
    queryset = Category.objects.order_by("name")


class Tags(Categories):
    serializer_class = s.TagSerializer
    queryset = Tag.objects.order_by("name")


@extend_schema(
    parameters=[OpenApiParameter("article", int, description="only this piece's comments")],
    responses={200: s.CommentSerializer(many=True), 400: dict},
)
class Comments(generics.ListAPIView):
    """Approved comments on published pieces; never the e-mail address."""

    serializer_class = s.CommentSerializer
    pagination_class = Pages

    def get_queryset(self):
        comments = Comment.objects.filter(
            status=Comment.Status.APPROVED, article__status=PUBLISHED
        ).order_by("created_at", "id")
        article = self.request.query_params.get("article")
        if article is not None:
            if not article.isdigit() or len(article) > 18:
                raise ValidationError({"article": "must be a piece id (a whole number)"})
            comments = comments.filter(article_id=int(article))
        return comments
