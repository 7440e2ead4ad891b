"""Public pages: home, article (with comments), category/tag archives, search, robots.txt.

Only StoryArticles with status=published are visible. A draft is a 404; a retracted
piece answers 410 Gone with a page saying it was withdrawn.
"""

from django.contrib import messages
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.desk.sitesettings import comments_closed
from newsdesk.stories.models import Category, StoryArticle, Tag
from newsdesk.web import formstamp, jsonld
from newsdesk.web import search as fulltext
from newsdesk.web.forms import (
    DUPLICATE_MESSAGE,
    CommentForm,
    client_ip_hash,
    is_duplicate,
    rate_limited,
    retry_after_s,
)

PER_PAGE = 10
RECENT_COUNT = 8
SEARCH_MAX_CHARS = 200
MODERATION_MESSAGE = "Your comment is awaiting moderation."


def published() -> QuerySet[StoryArticle]:
    """Every publicly visible piece, newest first, with its category joined."""
    return (
        StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)
        .select_related("category")
        .order_by("-published_at", "-id")
    )


def _recent(exclude_id: int | None = None) -> list[StoryArticle]:
    items = published().select_related(None).only("headline", "slug", "published_at")
    if exclude_id is not None:
        items = items.exclude(pk=exclude_id)
    return list(items[:RECENT_COUNT])


def _page(request: HttpRequest, items) -> Page:
    """The requested page; a malformed or out-of-range ``?page=`` is a 404, not page 1
    or the last page again under another URL."""
    try:
        return Paginator(items, PER_PAGE, allow_empty_first_page=True).page(
            request.GET.get("page") or 1
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page") from None


def _listing(request: HttpRequest, items: QuerySet, **context) -> HttpResponse:
    context.update(page=_page(request, items), recent=_recent())
    return render(request, "web/archive.html", context)


def home(request: HttpRequest) -> HttpResponse:
    """Latest published pieces, paginated; pieces an editor pinned come first."""
    return _listing(request, published().order_by("-pinned", "-published_at", "-id"), is_home=True)


def category(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive of one category (404 for an unknown slug)."""
    cat = get_object_or_404(Category, slug=slug)
    return _listing(
        request,
        published().filter(category=cat),
        title=f"Category: {cat.name}",
        heading_kind="Category",
        heading_name=cat.name,
        feed_url=reverse("web:category_feed", args=[cat.slug]),
    )


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive of one tag (404 for an unknown slug)."""
    tg = get_object_or_404(Tag, slug=slug)
    items = published().filter(tags=tg)
    return _listing(
        request, items, title=f"Tag: {tg.name}", heading_kind="Tag", heading_name=tg.name
    )


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search (newsdesk/web/search): every word, any order, stemmed; "phrases";
    best match first, newer first among equals; highlighted snippets. Empty query, no
    results; a page past the end is a 404."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_CHARS]
    hits = fulltext.search(query)
    page = _page(request, hits.ids)
    pieces = published().in_bulk(list(page.object_list))
    page.object_list = [pieces[i] for i in page.object_list if i in pieces]
    for piece in page.object_list:
        piece.snippet = hits.snippets.get(piece.id, "")
    return render(
        request,
        "web/archive.html",
        {
            "page": page,
            "recent": _recent(),
            "title": f"Search: {query}" if query else "Search",
            "is_search": True,
            "query": query,
        },
    )


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """The article page; POST adds a pending comment and redirects back.

    Draft or unknown slug -> 404; a piece whose story was merged into another story's
    -> 301 to the surviving piece; retracted -> 410 with a withdrawal notice (also for
    POST, so no comment is stored on a piece that is not public).
    """
    piece = get_object_or_404(StoryArticle.objects.select_related("category"), slug=slug)
    survivor = piece.redirect_to
    if survivor is not None and survivor.status == StoryArticle.Status.PUBLISHED:
        return redirect(survivor.get_absolute_url(), permanent=True)
    if piece.status == StoryArticle.Status.RETRACTED:
        return render(request, "web/gone.html", {"piece": piece, "recent": _recent()}, status=410)
    if piece.status != StoryArticle.Status.PUBLISHED:
        raise Http404("No such article")
    form = CommentForm()
    if request.method == "POST" and comments_closed():
        messages.error(request, "Comments are closed.")
    elif request.method == "POST":
        form = CommentForm(request.POST)
        response = _take_comment(request, piece, form)
        if response is not None:
            return response
    return render(request, "web/article.html", _article_context(request, piece, form))


def _take_comment(request: HttpRequest, piece: StoryArticle, form: CommentForm):
    """Store a valid comment as pending and redirect; None means re-render with errors.

    A client past the rate limit gets the form back with 429 and ``Retry-After``; the
    same comment from the same address on the same piece is refused as a duplicate.
    """
    if not form.is_valid():
        return None
    if not form.is_bot():
        try:
            formstamp.age(request.POST.get(formstamp.FIELD, ""), piece.id)
        except formstamp.StampRefused as refused:
            form.add_error(None, str(refused))
            return None
        ip_hash = client_ip_hash(request)
        if rate_limited(ip_hash):
            form.add_error(
                None, "You have posted several comments just now. Please wait a few minutes."
            )
            context = _article_context(request, piece, form)
            response = render(request, "web/article.html", context, status=429)
            response["Retry-After"] = str(retry_after_s(ip_hash))
            return response
        if is_duplicate(piece, form.cleaned_data["email"], form.cleaned_data["body"]):
            form.add_error("body", DUPLICATE_MESSAGE)
            return None
        comment = form.save(commit=False)
        comment.article = piece
        comment.ip_hash = ip_hash
        comment.save()
    # A bot that filled the honeypot sees the same answer, so it learns nothing.
    messages.success(request, MODERATION_MESSAGE)
    return redirect(piece.get_absolute_url() + "#comments")


def _article_context(request: HttpRequest, piece: StoryArticle, form: CommentForm) -> dict:
    sources = list(piece.sources.select_related("source").order_by("source__name", "id"))
    outlets = list(dict.fromkeys(a.outlet for a in sources))
    url = request.build_absolute_uri(piece.get_absolute_url())
    tags = list(piece.tags.all())
    return {
        "piece": piece,
        "tags": tags,
        "sources": sources,
        "outlets": outlets,
        # Comments left on pieces merged into this one stay readable here.
        "comments": Comment.objects.filter(
            Q(article=piece) | Q(article__redirect_to=piece), status="approved"
        ).only("name", "website", "body", "created_at"),
        "form": form,
        "form_stamp": formstamp.stamp(piece.id),  # fresh on every render, errors included
        "recent": _recent(exclude_id=piece.pk),
        "canonical_url": url,
        "jsonld": jsonld.script_tag(jsonld.news_article(piece, url, tags, sources)),
    }


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt: keep crawlers out of the admin and desk; point them to both sitemaps.

    Search result pages are not blocked here but say ``noindex`` themselves: a blocked
    page cannot tell a crawler not to index it (Lighthouse SEO)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /desk/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('web:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('web:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
