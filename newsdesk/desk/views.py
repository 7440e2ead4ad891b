"""The editor's review queue at /desk/: drafts waiting with their problems, source health.

Needs stories.view_storyarticle. Read-only: each draft links to its review screen
(desk/pieces.py), where the decisions are taken.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.comments.models import Comment
from newsdesk.desk.access import desk_view
from newsdesk.sources.models import Source
from newsdesk.stories.admin import problems_list
from newsdesk.stories.models import StoryArticle

DRAFT_LIMIT = 100
SOURCE_LIMIT = 200


@desk_view("stories.view_storyarticle")
def queue(request: HttpRequest) -> HttpResponse:
    """GET -> the review queue page: drafts (oldest first), sources (worst health first)."""
    drafts = list(
        StoryArticle.objects.filter(status=StoryArticle.Status.DRAFT)
        .select_related("category")
        .order_by("created_at")[:DRAFT_LIMIT]
    )
    for piece in drafts:
        piece.problems_html = problems_list(piece)
    sources = Source.objects.order_by("enabled", "-error_score", "name")[:SOURCE_LIMIT]
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "drafts": drafts,
        "draft_total": StoryArticle.objects.filter(status=StoryArticle.Status.DRAFT).count(),
        "sources": sources,
        "pending_comments": Comment.objects.filter(status=Comment.Status.PENDING).count(),
    }
    return render(request, "desk/queue.html", context)
