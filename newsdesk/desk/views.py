"""The editor's review queue at /desk/: drafts waiting with their problems, source health.

Needs stories.view_storyarticle. Read-only: each draft links to its review screen
(desk/pieces.py), where the decisions are taken.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsdesk.comments.models import Comment
from newsdesk.desk.access import desk_view
from newsdesk.sources.models import Source
from newsdesk.stories.admin import problems_list
from newsdesk.stories.models import StoryArticle

DRAFT_LIMIT = 100
SOURCE_LIMIT = 200
# The queue's links to the other screens, each shown only to those who may open it (a
# contributor or moderator was shown links that answered 403).
SCREENS = [
    ("stories.view_storyarticle", "admin:stories_storyarticle_changelist", "?status__exact=draft", "All drafts in the admin"),
    ("comments.view_comment", "admin:comments_comment_changelist", "?status__exact=pending", "{pending} awaiting moderation"),
    ("sources.view_source", "admin:sources_source_changelist", "", "Sources"),
    ("stories.view_story", "desk:stories", "", "Stories: why articles were grouped, move / split / merge"),
    ("stories.view_webhookdelivery", "desk:webhooks", "", "Webhook deliveries"),
    ("desk.view_sitesettings", "desk:settings", "", "Site settings"),
    ("pipeline.view_taskrun", "desk:runs", "", "Pipeline runs"),
    ("", "api:root", "", "API"),
]  # fmt: skip


@desk_view("stories.view_storyarticle")
def queue(request: HttpRequest) -> HttpResponse:
    """GET -> the review queue page: drafts (those a contributor submitted first, then
    oldest first), sources (worst health first)."""
    drafts = list(
        StoryArticle.objects.filter(status=StoryArticle.Status.DRAFT)
        .select_related("category", "submitted_by")
        .order_by(F("submitted_at").asc(nulls_last=True), "created_at")[:DRAFT_LIMIT]
    )
    for piece in drafts:
        piece.problems_html = problems_list(piece)
    day_ago = timezone.now() - timedelta(days=1)
    sources = Source.objects.annotate(
        items_day=Count("articles", filter=Q(articles__created_at__gte=day_ago))
    ).order_by("enabled", "-error_score", "name")[:SOURCE_LIMIT]
    pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
    label = f"{pending} comment{'' if pending == 1 else 's'}"
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "screens": [
            (reverse(name) + query, text.format(pending=label))
            for perm, name, query, text in SCREENS
            if not perm or request.user.has_perm(perm)
        ],
        "show_sources": request.user.has_perm("sources.view_source"),
        "drafts": drafts,
        "draft_total": StoryArticle.objects.filter(status=StoryArticle.Status.DRAFT).count(),
        "sources": sources,
        "can_change_sources": request.user.has_perm("sources.change_source"),
    }
    return render(request, "desk/queue.html", context)


@require_POST
@desk_view("sources.change_source")
def sources_bulk(request: HttpRequest) -> HttpResponse:
    """POST action=enable|disable with source ids: switch many sources at once."""
    ids = [int(v) for v in request.POST.getlist("source") if v.isdigit()]
    action = request.POST.get("action")
    if not ids or action not in ("enable", "disable"):
        messages.error(request, "select sources and choose enable or disable")
        return redirect("desk:queue")
    chosen = Source.objects.filter(id__in=ids)
    if action == "enable":
        count = chosen.update(
            enabled=True, disabled_reason="", error_count=0, error_score=0.0,
            next_check_at=timezone.now(), claimed_until=None,
        )  # fmt: skip
    else:
        count = chosen.update(enabled=False, disabled_reason=f"Disabled by {request.user}")
    messages.success(request, f"{action.capitalize()}d {count} source(s).")
    return redirect("desk:queue")
