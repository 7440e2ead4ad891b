"""Public pages: home, article (with comments), category/tag archives, search, robots.txt.

Only StoryArticles with status=published are visible. A draft is a 404; a retracted
piece answers 410 Gone with a page saying it was withdrawn.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from newsdesk.desk.sitesettings import current as current_settings
from newsdesk.stories.models import Category, StoryArticle, Tag
from newsdesk.web import discussion, formstamp, jsonld, meta, navigation
from newsdesk.web import search as fulltext
from newsdesk.web.forms import CommentForm, approved_on
from newsdesk.web.pagecache import FRAGMENTS, per_stamp

PER_PAGE = 10
RECENT_COUNT = 8
SEARCH_MAX_CHARS = 200
SOURCE_FIELDS = ("url", "title", "site_name", "source__name", "source__host")
CARD_SKIPS = ("body_html", "provenance", "problems")


def site_settings():
    """The editors' settings, read once per page stamp like the context processor's."""
    return per_stamp("site_settings", current_settings)


def published() -> QuerySet[StoryArticle]:
    """Every publicly visible piece, newest first, with its category joined."""
    return (
        StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)
        .select_related("category")
        .order_by("-published_at", "-id")
    )


def _recent(exclude_id: int | None = None) -> list[StoryArticle]:
    """The sidebar's newest pieces, read once per page stamp (``per_stamp``)."""
    newest = per_stamp("recent", _newest)
    return [p for p in newest if p.pk != exclude_id][:RECENT_COUNT]


def _newest() -> list[StoryArticle]:
    items = published().select_related(None).only("headline", "slug", "published_at")
    return list(items[: RECENT_COUNT + 1])  # one spare for the article that shows it


def _page(request: HttpRequest, items, count: int | None = None) -> Page:
    """The requested page (``count``: the number of items, when already known); a
    malformed or out-of-range ``?page=`` is a 404, not page 1 or the last page again under
    another URL."""
    paginator = Paginator(items, PER_PAGE, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count  # a cached_property: the COUNT query is not run
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page") from None


def listing(
    request: HttpRequest, items: QuerySet, *, lead: str, title: str = "", **context
) -> HttpResponse:
    """One page of a list of pieces (home, category, tag, date archive), with its <head>
    metadata: the description is ``lead`` followed by the page's headlines.

    The list's length is counted once per page stamp (a path names one list; its pieces
    change only with the stamp): the COUNT reads an index entry per published piece."""
    count = per_stamp(f"count:{request.path}", items.count, store=FRAGMENTS)
    # Cards show no body HTML, provenance or gate problems: not read, not decoded.
    page = _page(request, items.defer(*CARD_SKIPS), count)
    headlines = [piece.headline for piece in page.object_list]
    if page.number > 1:
        title = f"{title or 'Latest news'} – page {page.number}"
    context.update(
        page=page,
        recent=_recent(),
        title=title,
        meta=meta.head(
            request,
            title=title,
            description=meta.listing_description(lead, headlines),
            url=meta.canonical(request, page.number),
        ),
    )
    return render(request, "web/archive.html", context)


def home(request: HttpRequest) -> HttpResponse:
    """Latest published pieces, paginated; pieces an editor pinned come first."""
    items = published().order_by("-pinned", "-published_at", "-id")
    lead = site_settings().description.strip().rstrip(".") or "Latest news"
    return listing(request, items, lead=lead, is_home=True)


def category(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive of one category (404 for an unknown slug)."""
    cat = get_object_or_404(Category, slug=slug)
    return listing(
        request,
        published().filter(category=cat),
        lead=f"Latest {cat.name} news",
        title=f"Category: {cat.name}",
        heading_kind="Category",
        heading_name=cat.name,
        feed_url=reverse("web:category_feed", args=[cat.slug]),
    )


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    """Archive of one tag (404 for an unknown slug)."""
    tg = get_object_or_404(Tag, slug=slug)
    items = published().filter(tags=tg)
    return listing(
        request,
        items,
        lead=f"News tagged {tg.name}",
        title=f"Tag: {tg.name}",
        heading_kind="Tag",
        heading_name=tg.name,
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
    marked = fulltext.snippets(hits, [piece.id for piece in page.object_list])
    for piece in page.object_list:
        piece.snippet = marked.get(piece.id, "")
    title = f"Search: {query}" if query else "Search"
    if page.number > 1:
        title = f"{title} – page {page.number}"
    found = f"{page.paginator.count} result{'s' if page.paginator.count != 1 else ''}"
    description = f"{found} for “{query}”." if query else "Search the news."
    return render(
        request,
        "web/archive.html",
        {
            "page": page,
            "recent": _recent(),
            "title": title,
            "is_search": True,
            "query": query,
            # Search result pages are for readers, not for an index (Lighthouse SEO).
            "meta": meta.head(
                request,
                title=title,
                description=description,
                url=meta.canonical(request, page.number, query),
                noindex=True,
            ),
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
    site = site_settings()
    form = _comment_form(request, piece, site)
    if request.method == "POST" and not discussion.is_open(piece, site):
        form.add_error(None, "Comments are closed.")
    elif request.method == "POST":
        response = discussion.take(request, piece, form)
        if response is not None:
            return response
    retry_after = getattr(form, "retry_after_s", None)  # set by a refused flood
    context = _article_context(request, piece, form, site)
    response = render(request, "web/article.html", context, status=429 if retry_after else 200)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _comment_form(request: HttpRequest, piece: StoryArticle, site) -> CommentForm:
    """The posted form, or an empty one (replying to ``?replytocom=N`` when given)."""
    depth = site.thread_depth
    if request.method == "POST":
        return CommentForm(request.POST, piece=piece, max_depth=depth)
    reply_to = request.GET.get("replytocom", "")
    initial = {"parent": int(reply_to)} if reply_to.isdigit() else {}
    return CommentForm(initial=initial, piece=piece, max_depth=depth)


def _article_context(request: HttpRequest, piece: StoryArticle, form: CommentForm, site) -> dict:
    # Only what the page shows: each source row also holds the page's raw HTML (~188 KB).
    cited = piece.sources.select_related("source").order_by("source__name", "id")
    sources = list(cited.only(*SOURCE_FIELDS))
    outlets = list(dict.fromkeys(a.outlet for a in sources))
    url = request.build_absolute_uri(piece.get_absolute_url())
    tags = list(piece.tags.all())
    # Comments left on pieces merged into this one stay readable here.
    comments = list(approved_on(piece).only("name", "website", "body", "created_at", "parent_id"))
    previous, following = navigation.neighbours(piece)
    reply_to = form["parent"].value()
    return {
        "piece": piece,
        "tags": tags,
        "sources": sources,
        "outlets": outlets,
        "comments": comments,
        "threads": discussion.thread(comments, site.thread_depth),
        "thread_depth": site.thread_depth,
        "reply_to": next((c for c in comments if str(c.pk) == str(reply_to)), None),
        "comments_open": discussion.is_open(piece, site),
        "form": form,
        # Nothing posted, no reply: the fields' HTML is every page's (article.html).
        "blank_form": not form.is_bound and reply_to in (None, ""),
        "previous": previous,
        "next": following,
        "form_stamp": formstamp.stamp(piece.id),  # fresh on every render, errors included
        "recent": _recent(exclude_id=piece.pk),
        "canonical_url": url,
        "meta": meta.head(
            request,
            title=piece.headline,
            description=piece.body,
            url=url,
            kind="article",
            image=piece.image,
            published=piece.published_at,
            modified=piece.updated_at,
        ),
        "jsonld": jsonld.script_tag(
            jsonld.news_article(piece, url, tags, sources, logo=site.logo_url)
        ),
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
