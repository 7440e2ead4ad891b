"""Desk screens for stories: why each article joined, and the editor's corrections.

GET  /desk/stories/            recent stories with their outlets and written status
GET  /desk/stories/<id>/       members with join score and reasons, copies ("also
                               published by"), and forms to move, split and merge
POST /desk/stories/<id>/       action=move|split|merge (stories.membership),
                               do_not_write (on|off), pin (on|off: the written piece
                               leads the home page; needs publish permission);
                               redirects back with a message.
Reading needs stories.view_story, every action stories.change_story.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from newsdesk.desk.access import desk_view, require
from newsdesk.stories import membership
from newsdesk.stories.models import Story, StoryArticle, StoryMember

LIST_LIMIT = 200


@desk_view("stories.view_story")
def story_list(request: HttpRequest) -> HttpResponse:
    stories = (
        Story.objects.annotate(size=Count("members"))
        .select_related("written")
        .order_by("-last_updated")[:LIST_LIMIT]
    )
    context = {**admin.site.each_context(request), "title": "Stories", "stories": stories}
    return render(request, "desk/stories.html", context)


@desk_view("stories.view_story", "stories.change_story")
@require_http_methods(["GET", "POST"])
def story_detail(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(Story, id=story_id)
    if request.method == "POST":
        return _apply(request, story)
    members = (
        StoryMember.objects.filter(story=story)
        .select_related("article__source", "article__duplicate_of")
        .order_by("article__published_at", "id")
    )
    originals = [m for m in members if m.article.duplicate_of_id is None]
    copies = [m for m in members if m.article.duplicate_of_id is not None]
    context = {
        **admin.site.each_context(request),
        "title": f"Story {story.id}: {story}",
        "story": story,
        "originals": originals,
        "copies": copies,
        "written": getattr(story, "written", None),
    }
    return render(request, "desk/story.html", context)


def _apply(request: HttpRequest, story: Story) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        if action == "move":
            target = _int(request.POST.get("target"), "target story")
            for article_id in _ids(request):
                membership.move_article(article_id, target)
            messages.success(request, f"Moved to story {target}.")
        elif action == "split":
            new = membership.split_story(story.id, _ids(request))
            messages.success(request, f"Split into new story {new.id}.")
        elif action == "merge":
            other = _int(request.POST.get("other"), "story to merge")
            membership.merge_stories(story.id, [other])
            messages.success(request, f"Story {other} merged into this one.")
        elif action == "do_not_write":
            on = request.POST.get("value") == "on"
            Story.objects.filter(id=story.id).update(do_not_write=on)
            messages.success(
                request,
                "The writer leaves this story alone." if on else "The writer may write this story.",
            )
        elif action == "pin":
            require(request, "stories.publish_storyarticle")
            on = request.POST.get("value") == "on"
            if not StoryArticle.objects.filter(story=story).update(pinned=on):
                raise ValueError("this story has no written piece to pin")
            messages.success(request, "Pinned to the home page." if on else "Unpinned.")
        else:
            raise ValueError(f"unknown action {action!r}")
    except ValueError as exc:
        messages.error(request, str(exc))
    if not Story.objects.filter(id=story.id).exists():
        return redirect("desk:stories")
    return redirect("desk:story", story_id=story.id)


def _ids(request: HttpRequest) -> list[int]:
    ids = [_int(v, "article") for v in request.POST.getlist("article")]
    if not ids:
        raise ValueError("select at least one article")
    return ids


def _int(value, what: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
