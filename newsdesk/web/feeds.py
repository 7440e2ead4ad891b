"""RSS 2.0 and Atom feeds of the latest published pieces, site-wide and per category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from newsdesk.stories.models import Category, StoryArticle
from newsdesk.web.views import published

FEED_SIZE = 30


def excerpt(piece: StoryArticle, words: int = 60) -> str:
    """First paragraph of the plain-text body, cut to ``words`` words."""
    first = piece.body.strip().split("\n\n", 1)[0]
    return Truncator(" ".join(first.split())).words(words)


class LatestFeed(Feed):
    """/feed/: the newest published pieces (plain-text descriptions, escaped by Django)."""

    description_template = None

    def title(self, obj=None) -> str:
        return settings.SITE_NAME

    def link(self, obj=None) -> str:
        return reverse("web:home")

    def author_name(self, obj=None) -> str:
        return settings.SITE_NAME

    def description(self, obj=None) -> str:
        return f"Latest news from {settings.SITE_NAME}"

    def _items(self):
        return published().prefetch_related("tags")

    def items(self, obj=None):
        return self._items()[:FEED_SIZE]

    def item_title(self, item: StoryArticle) -> str:
        return item.headline

    def item_description(self, item: StoryArticle) -> str:
        if item.correction_note:  # readers of the feed are told too
            return f"Correction: {item.correction_note}\n\n{excerpt(item)}"
        return excerpt(item)

    def item_pubdate(self, item: StoryArticle):
        return item.published_at

    def item_updateddate(self, item: StoryArticle):
        return item.updated_at

    def item_categories(self, item: StoryArticle) -> list[str]:
        names = [item.category.name] if item.category else []
        return names + [t.name for t in item.tags.all()]


class AtomFeed(LatestFeed):
    """/feed/atom/: the same items as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class CategoryFeed(LatestFeed):
    """/category/<slug>/feed/: newest published pieces in one category."""

    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def items(self, obj=None):
        return self._items().filter(category=obj)[:FEED_SIZE]
