"""REST API (JSON) under /api/v1/.

Public, read-only:
    GET  articles/                 published pieces, newest first (?page=N, ?category=slug)
    GET  articles/<id>/            one piece with sources and per-sentence provenance
Staff (``Authorization: Bearer <token>`` from `newsdesk create_token`, or a staff session
for GET):
    POST articles/<id>/status      {"status": "published" | "retracted" | "draft"}
    GET  sources/                  every source with its health
    POST sources/                  {"url": ..., "name"?: ..., "kind"?: ...} -> 201
    GET  stories/<id>/             members with join score and reasons
Errors are JSON ``{"error": message}`` with a 4xx status; nothing is changed on error.
"""

from __future__ import annotations

import json
from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsdesk.accounts.models import ApiToken
from newsdesk.sources.adding import SourceRefused, add_source
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story, StoryArticle

PAGE_SIZE = 20


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _json_errors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as exc:
            return JsonResponse({"error": str(exc)}, status=exc.status)
        except Http404:
            return JsonResponse({"error": "not found"}, status=404)

    return wrapper


def _staff(request: HttpRequest, allow_session: bool = True):
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = ApiToken.user_for(header.removeprefix("Bearer ").strip())
    elif allow_session and request.user.is_authenticated:
        user = request.user
    else:
        user = None
    if user is None:
        raise ApiError(401, "authentication required: send 'Authorization: Bearer <token>'")
    if not user.is_staff:
        raise ApiError(403, "staff only")
    return user


def _body(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "request body must be a JSON object")
    return data


def _piece_summary(piece: StoryArticle, request: HttpRequest) -> dict:
    return {
        "id": piece.id,
        "headline": piece.headline,
        "url": request.build_absolute_uri(piece.get_absolute_url()),
        "status": piece.status,
        "category": piece.category.name if piece.category else None,
        "tags": [t.name for t in piece.tags.all()],
        "published_at": piece.published_at.isoformat() if piece.published_at else None,
    }


@_json_errors
@require_http_methods(["GET"])
def articles(request: HttpRequest) -> JsonResponse:
    pieces = (
        StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)
        .select_related("category")
        .prefetch_related("tags")
        .order_by("-published_at", "-id")
    )
    if request.GET.get("category"):
        pieces = pieces.filter(category__slug=request.GET["category"])
    page = Paginator(pieces, PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "page": page.number,
            "pages": page.paginator.num_pages,
            "count": page.paginator.count,
            "results": [_piece_summary(p, request) for p in page],
        }
    )


@_json_errors
@require_http_methods(["GET"])
def article_detail(request: HttpRequest, piece_id: int) -> JsonResponse:
    piece = get_object_or_404(StoryArticle.objects.select_related("category"), id=piece_id)
    if piece.status != StoryArticle.Status.PUBLISHED:
        _staff(request)  # drafts and retracted pieces are for the desk only
    data = _piece_summary(piece, request)
    data.update(
        {
            "body": piece.body,
            "backend": piece.backend,
            "problems": piece.problems,
            "sources": [
                {"article_id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url}
                for a in piece.sources.select_related("source")
            ],
            "provenance": piece.provenance,
        }
    )
    return JsonResponse(data)


@csrf_exempt  # token-authenticated only: a session cannot POST here, so no CSRF risk
@_json_errors
@require_http_methods(["POST"])
def article_status(request: HttpRequest, piece_id: int) -> JsonResponse:
    _staff(request, allow_session=False)
    piece = get_object_or_404(StoryArticle, id=piece_id)
    status = _body(request).get("status")
    if status not in StoryArticle.Status.values:
        raise ApiError(400, f"status must be one of {', '.join(StoryArticle.Status.values)}")
    StoryArticle.set_status(StoryArticle.objects.filter(id=piece.id), status)
    piece.refresh_from_db()
    return JsonResponse(_piece_summary(piece, request))


def _source_json(source: Source) -> dict:
    return {
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "url": source.url,
        "enabled": source.enabled,
        "disabled_reason": source.disabled_reason,
        "error_score": source.error_score,
        "last_error": source.last_error,
        "last_success_at": source.last_success_at.isoformat() if source.last_success_at else None,
        "next_check_at": source.next_check_at.isoformat() if source.next_check_at else None,
    }


@csrf_exempt  # POST is token-only (checked below); GET may use the staff session
@_json_errors
@require_http_methods(["GET", "POST"])
def sources(request: HttpRequest) -> JsonResponse:
    if request.method == "GET":
        _staff(request)
        return JsonResponse({"results": [_source_json(s) for s in Source.objects.all()]})
    _staff(request, allow_session=False)
    data = _body(request)
    kind = data.get("kind")  # absent: discovered, as ``newsdesk add_source`` does
    try:
        added = add_source(str(data.get("url", "")), kind=kind, name=str(data.get("name", "")))
    except SourceRefused as exc:
        raise ApiError(400, str(exc)) from None
    if not added.created:
        raise ApiError(409, "a source with this url exists already")
    source = added.source
    return JsonResponse(_source_json(source), status=201)


@_json_errors
@require_http_methods(["GET"])
def story_detail(request: HttpRequest, story_id: int) -> JsonResponse:
    _staff(request)
    story = get_object_or_404(Story, id=story_id)
    members = story.members.select_related("article__source").order_by("joined_at")
    return JsonResponse(
        {
            "id": story.id,
            "label": story.label,
            "first_seen": story.first_seen.isoformat(),
            "members": [
                {
                    "article_id": m.article_id,
                    "outlet": m.article.outlet,
                    "title": m.article.title,
                    "url": m.article.url,
                    "score": m.score,
                    "reasons": m.reasons,
                    "duplicate_of": m.article.duplicate_of_id,
                }
                for m in members
            ],
        }
    )
