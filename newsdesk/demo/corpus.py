"""The bundled demo corpus: typed outlets and articles read from ``corpus/*.json``.

``load_corpus()`` -> Corpus. The JSON files are written by scripts/build_demo_corpus.py
from ECB+ (CC BY 3.0, see corpus/README.md). Fails with FileNotFoundError / KeyError /
ValueError when the files are missing or malformed; there is no partial result.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from importlib import resources
from pathlib import Path

FEED_KINDS = ("rss", "atom", "jsonfeed")


@dataclass(frozen=True)
class Outlet:
    """One fake outlet: a real publisher's name, served under ``/<slug>/``."""

    slug: str
    name: str
    homepage_host: str  # the publisher's real host, for attribution only
    hosts: tuple[str, ...]
    feed_kind: str  # one of FEED_KINDS
    template: int  # which page layout (1-3) the server renders

    @property
    def feed_path(self) -> str:
        name = {"rss": "feed.xml", "atom": "atom.xml", "jsonfeed": "feed.json"}[self.feed_kind]
        return f"/{self.slug}/{name}"


@dataclass(frozen=True)
class Article:
    """One real article (ECB+ text) as published by one outlet."""

    id: str
    story: str  # gold story label, e.g. "7_ecbplus"
    outlet: str  # Outlet.slug
    outlet_name: str
    outlet_host: str
    original_url: str
    title: str
    section: str
    author: str
    published: datetime  # timezone-aware UTC
    date_source: str  # dateline | url | story | republication
    paragraphs: tuple[str, ...]
    republished_from: str | None = None  # id of the article this one copies verbatim

    @property
    def text(self) -> str:
        """Body paragraphs separated by blank lines (the ExtractedArticle.text convention)."""
        return "\n\n".join(self.paragraphs)

    @property
    def number(self) -> str:
        """Stable 8-digit article number; derived from the id, not the id itself, because
        ECB+ ids name the topic and would leak the story into URLs."""
        return f"{zlib.crc32(self.id.encode()) % 10**8:08d}"

    @property
    def slug(self) -> str:
        words = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        cut = words[:72].rsplit("-", 1)[0] if len(words) > 72 else words
        return f"{cut or 'article'}-{self.number}"

    @property
    def path(self) -> str:
        """Server path: /<outlet>/<yyyy>/<mm>/<slug>.html."""
        return f"/{self.outlet}/{self.published:%Y/%m}/{self.slug}.html"


@dataclass(frozen=True)
class Corpus:
    """All outlets and articles; articles keep the file's order (topic, id)."""

    outlets: tuple[Outlet, ...]
    articles: tuple[Article, ...]

    def outlet(self, slug: str) -> Outlet:
        return next(o for o in self.outlets if o.slug == slug)

    def by_outlet(self, slug: str) -> list[Article]:
        """Articles of one outlet, newest first."""
        return sorted(
            (a for a in self.articles if a.outlet == slug),
            key=lambda a: (a.published, a.id),
            reverse=True,
        )

    @cached_property
    def stories(self) -> dict[str, list[Article]]:
        """Gold story label -> its articles."""
        groups: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            groups[article.story].append(article)
        return dict(groups)

    def by_path(self, path: str) -> Article | None:
        return next((a for a in self.articles if a.path == path), None)


def corpus_dir() -> Path:
    """The folder holding outlets.json and articles.json (inside the installed package)."""
    return Path(str(resources.files("newsdesk.demo") / "corpus"))


def load_corpus(folder: Path | None = None) -> Corpus:
    """Read outlets.json + articles.json from ``folder`` (default: the bundled corpus)."""
    folder = folder or corpus_dir()
    outlets = json.loads((folder / "outlets.json").read_text(encoding="utf-8"))
    articles = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    return Corpus(
        outlets=tuple(
            Outlet(
                slug=o["slug"],
                name=o["name"],
                homepage_host=o["homepage_host"],
                hosts=tuple(o["hosts"]),
                feed_kind=o["feed_kind"],
                template=o["template"],
            )
            for o in outlets
        ),
        articles=tuple(_article(a) for a in articles),
    )


def _article(row: dict) -> Article:
    fields = dict(
        row, paragraphs=tuple(row["paragraphs"]), published=datetime.fromisoformat(row["published"])
    )
    return Article(**fields)
