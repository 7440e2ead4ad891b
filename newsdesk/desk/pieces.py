"""Desk screens for one written piece: review, decide, correct, see its history.

GET  /desk/pieces/<id>/          the piece beside its sources: each sentence next to the
                                 source span that supports it (highlighted), the reasons
                                 it was held, and the forms the user's role allows
POST /desk/pieces/<id>/          action=sentence|approve|reject|rewrite|correct|retract|
                                 unpublish; each checks its own permission, calls
                                 stories.editorial (or flows.rewrite_story) and redirects
                                 back with a message; bad input changes nothing
GET  /desk/pieces/<id>/history/  every version with who, when, why, and a diff
"""

import difflib
import re

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from newsdesk.articles.models import Article
from newsdesk.desk.access import desk_view, require
from newsdesk.stories import editorial
from newsdesk.stories.models import StoryArticle

CONTEXT_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# action -> (permission, what it does)
ACTIONS = {
    "sentence": "stories.change_storyarticle",
    "submit": "stories.change_storyarticle",
    "approve": "stories.publish_storyarticle",
    "reject": "stories.publish_storyarticle",
    "rewrite": "stories.change_storyarticle",
    "unpublish": "stories.publish_storyarticle",
    "correct": "stories.correct_storyarticle",
    "retract": "stories.retract_storyarticle",
}


@desk_view("stories.view_storyarticle")
def piece_review(request: HttpRequest, piece_id: int) -> HttpResponse:
    piece = get_object_or_404(StoryArticle.objects.select_related("category"), id=piece_id)
    if request.method == "POST":
        return _decide(request, piece)
    rows = _sentences(piece)
    context = {
        **admin.site.each_context(request),
        "title": piece.headline,
        "piece": piece,
        "paragraphs": rows,
        "problems": [p.get("message", p) if isinstance(p, dict) else p for p in piece.problems],
        "cited": piece.sources.select_related("source"),
        "backends": sorted(_writer_backends()),
        "can": {a: request.user.has_perm(p) for a, p in ACTIONS.items()},
    }
    return render(request, "desk/piece.html", context)


def _sentences(piece: StoryArticle) -> list[list[dict]]:
    """provenance -> paragraphs of {text, edited_by, spans: [{article, before, span, after}]}."""
    paragraphs = [p if isinstance(p, list) else [p] for p in piece.provenance or []]
    ids = {
        ref.get("article_id")
        for para in paragraphs
        for s in para
        if isinstance(s, dict)
        for ref in s.get("support") or []
    }
    articles = Article.objects.select_related("source").in_bulk(
        [i for i in ids if isinstance(i, int)]
    )
    out = []
    for para in paragraphs:
        row = []
        for s in para:
            if not isinstance(s, dict):
                continue
            spans = []
            for ref in s.get("support") or []:
                art = articles.get(ref.get("article_id"))
                if art is None:
                    continue
                start, end = int(ref.get("start") or 0), int(ref.get("end") or 0)
                spans.append(
                    {
                        "article": art,
                        "before": art.text[max(0, start - CONTEXT_CHARS) : start],
                        "span": art.text[start:end],
                        "after": art.text[end : end + CONTEXT_CHARS],
                    }
                )
            row.append({"text": s.get("text", ""), "edited_by": s.get("edited_by"), "spans": spans})
        out.append(row)
    return out


def _decide(request: HttpRequest, piece: StoryArticle) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, f"unknown action {action!r}")
        return redirect("desk:piece", piece_id=piece.id)
    require(request, ACTIONS[action])
    post, user = request.POST, request.user
    try:
        if action == "sentence":
            para, index = _int(post.get("para")), _int(post.get("index"))
            editorial.edit_sentence(piece, user, para, index, post.get("text", ""))
            done = "Sentence changed."
        elif action == "submit":
            editorial.submit(piece, user, post.get("note", ""))
            done = "Submitted: the draft waits for an editor at the top of the queue."
        elif action == "approve":
            editorial.publish(piece, user)
            done = "Approved: the piece is live."
        elif action == "reject":
            editorial.reject(piece, user, post.get("reason", ""))
            done = "Rejected."
        elif action == "rewrite":
            from newsdesk.pipeline import flows  # the writer stack: numpy, scipy, sklearn

            status = flows.rewrite_story(piece.story_id, post.get("backend", ""))
            done = f"Rewritten: {status}." if status else "The writer could not write it."
        elif action == "unpublish":
            editorial.unpublish(piece, user)
            done = "Back to draft: the page is offline."
        elif action == "correct":
            editorial.correct(
                piece, user, post.get("note", ""), post.get("headline"), post.get("body")
            )
            done = "Corrected: the note is on the page."
        else:
            editorial.retract(piece, user, post.get("reason", ""))
            done = "Retracted: the page says why."
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("desk:piece", piece_id=piece.id)


def _int(value) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(f"not a number: {value!r}") from None


@desk_view("stories.view_storyarticle")
def piece_history(request: HttpRequest, piece_id: int) -> HttpResponse:
    piece = get_object_or_404(StoryArticle, id=piece_id)
    versions = list(piece.versions.order_by("number"))
    rows = []
    for before, after in zip([None, *versions], versions, strict=False):
        rows.append({"version": after, "diff": _diff(before, after) if before else []})
    context = {
        **admin.site.each_context(request),
        "title": f"History: {piece.headline}",
        "piece": piece,
        "rows": list(reversed(rows)),
    }
    return render(request, "desk/history.html", context)


def _lines(body: str) -> list[str]:
    # One sentence a line, so a changed sentence shows as itself, not as its paragraph.
    return [s for line in body.split("\n") for s in _SENTENCE_END.split(line)]


def _diff(before, after) -> list[tuple[str, str]]:
    """Two versions -> [(css class, line)] of a unified diff of headline and body."""
    old = [before.headline, "", *_lines(before.body)]
    new = [after.headline, "", *_lines(after.body)]
    lines = difflib.unified_diff(old, new, f"v{before.number}", f"v{after.number}", lineterm="")
    kinds = {"+": "added", "-": "removed", "@": "hunk"}
    return [(kinds.get(line[:1], ""), line) for line in lines]


def _writer_backends() -> list[str]:
    # Imported here, not at module level: loading the site's URLs must not pull the
    # writer's numpy/scipy/scikit-learn into every web worker (51 -> 153 MB each).
    from newsdesk.pipeline.write import backends

    return list(backends())
