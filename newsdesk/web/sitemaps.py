"""XML sitemaps: the standard one (django.contrib.sitemaps) and a Google News sitemap.

The news sitemap lists only pieces published in the last two days, as Google asks.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newsdesk.stories.models import Category, StoryArticle, Tag

NEWS_WINDOW = timedelta(days=2)
NEWS_MAX_URLS = 1000  # Google News sitemap limit


def _published():
    return StoryArticle.objects.filter(status=StoryArticle.Status.PUBLISHED)


class ArticleSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return _published().order_by("-published_at", "-id")

    def lastmod(self, item: StoryArticle):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.5

    def items(self):
        return Category.objects.filter(storyarticle__status="published").distinct()


class TagSitemap(CategorySitemap):
    priority = 0.3

    def items(self):
        return Tag.objects.filter(storyarticle__status="published").distinct()


class HomeSitemap(Sitemap):
    changefreq = "always"
    priority = 1.0

    def items(self) -> list[str]:
        return ["web:home"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}


def news_sitemap(request: HttpRequest) -> HttpResponse:
    """GET -> Google News sitemap XML of pieces published within NEWS_WINDOW."""
    since = timezone.now() - NEWS_WINDOW
    items = _published().filter(published_at__gte=since).order_by("-published_at")
    entries = [
        {"loc": request.build_absolute_uri(p.get_absolute_url()), "piece": p}
        for p in items[:NEWS_MAX_URLS]
    ]
    xml = render_to_string("web/news_sitemap.xml", {"entries": entries}, request=request)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
