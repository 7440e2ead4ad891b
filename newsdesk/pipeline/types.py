"""Typed values passed between pipeline stages.

Stages take and return these plain dataclasses; only ``flows.py`` turns them into
ORM rows. Keeping them free of Django lets every stage be tested with plain values.

    Source --fetch--> FetchResult --parse--> FeedItem --fetch+extract--> ExtractedArticle
      --dedupe--> DedupDecision --cluster--> ClusterDecision --write--> Draft --publish--> Page
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# FetchResult is defined by the HTTP module (shared infrastructure), which fills it.
from newsdesk.infra.http import FetchResult  # noqa: F401


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed or sitemap, before its page is fetched."""

    url: str
    guid: str = ""
    title: str = ""
    summary: str = ""
    author: str = ""
    published_at: datetime | None = None
    date_flagged: bool = False  # the feed's date was missing or implausible
    categories: tuple[str, ...] = ()  # the feed's own category/tag terms, in its order


@dataclass(frozen=True)
class ParsedFeed:
    """What an adapter found in one fetched document."""

    items: list[FeedItem]
    title: str = ""
    ttl_minutes: int | None = None  # feed's own polling hint (RSS ttl, sy:updatePeriod)
    warnings: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemap index: sitemaps to fetch next


@dataclass(frozen=True)
class PageMeta:
    """What an article page says about itself (meta tags, JSON-LD, <h1>); empty strings
    when it says nothing. The extract stage fills it; ``ExtractedArticle.meta`` carries it."""

    title: str = ""
    description: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    image: str = ""
    language: str = ""
    site_name: str = ""
    canonical_url: str = ""
    article_body: str = ""  # JSON-LD articleBody, unverified
    headline: str = ""  # the page's first <h1>, which may differ from og:title


@dataclass(frozen=True)
class ExtractedArticle:
    """The readable content of one article page, with what the page says about itself."""

    url: str
    text: str  # body paragraphs separated by blank lines ("\n\n"); no headline
    html: str = ""  # body as simple HTML (p, h2-h4, ul/ol/li, blockquote); unsanitised
    meta: PageMeta = field(default_factory=lambda: PageMeta())
    warnings: list[str] = field(default_factory=list)  # e.g. the page was cut to the size cap


@dataclass(frozen=True)
class DedupDecision:
    """Whether a document copies an earlier one, and why."""

    duplicate_of: int | None  # id of the earliest article it copies, or None
    layer: str = ""  # "url", "hash", "near" or "" when unique
    similarity: float = 0.0


@dataclass(frozen=True)
class ClusterDecision:
    """The story a document joins (None = starts a new story) and why."""

    story_id: int | None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)  # shared entities/terms etc.


@dataclass(frozen=True)
class StoryMerge:
    """Story ``gone``'s articles now belong to story ``kept`` (an article bridged them, a
    lone article's second chance reached ``kept``, or an editor merged them)."""

    kept: int
    gone: int
    note: str = ""


@dataclass(frozen=True)
class StorySplit:
    """Articles ``articles`` of ``story`` (and their copies) leave it for a new story, which
    is kept apart from it from then on."""

    story: int
    articles: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class ArticleMove:
    """Article ``article`` (and its copies) moves from story ``old`` to story ``new``."""

    article: int
    old: int
    new: int
    note: str = ""


# What the clusterer (or an editor) changes in story membership, as values: the cluster
# stage returns them, ``stories.membership.apply`` writes them to the rows.
MembershipChange = StoryMerge | StorySplit | ArticleMove


@dataclass(frozen=True)
class SourceDoc:
    """One stored article as the dedupe, cluster and write stages see it."""

    article_id: int
    outlet: str = ""  # display name to credit ("BBC News"); may be a host name
    url: str = ""  # canonical URL
    title: str = ""
    text: str = ""  # paragraphs separated by blank lines
    published_at: datetime | None = None
    category: str = ""  # ours, from the source's map of its feed categories ("" = none)
    quote_at_length: bool = False  # the outlet allows reusing more than short excerpts


@dataclass(frozen=True)
class Span:
    """Where a written sentence's support lives: an article and a character range."""

    article_id: int
    start: int
    end: int


@dataclass(frozen=True)
class WrittenSentence:
    """One published sentence, the source spans supporting it, and its claim: what it
    states without the credit phrase the writer wrapped it in ("" when the backend does
    not say, e.g. an LLM's sentence: the gates then strip credit phrases themselves)."""

    text: str
    support: list[Span]
    claim: str = ""


@dataclass(frozen=True)
class Draft:
    """A written story article with per-sentence provenance.

    ``paragraphs`` is a list of paragraphs, each a list of sentences.
    ``problems`` lists the gate failures; an empty list means publishable.
    """

    headline: str
    paragraphs: list[list[WrittenSentence]]
    sources: list[SourceDoc]
    category: str = ""
    tags: list[str] = field(default_factory=list)
    backend: str = ""
    problems: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # what the writer fixed or cut

    @property
    def sentences(self) -> list[WrittenSentence]:
        return [s for p in self.paragraphs for s in p]

    @property
    def body_text(self) -> str:
        return "\n\n".join(" ".join(s.text for s in p) for p in self.paragraphs)
