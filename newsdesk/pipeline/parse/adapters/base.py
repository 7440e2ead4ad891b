"""The adapter registry: one parser per source document kind.

An adapter is ``(body: bytes, url: str, content_type: str) -> ParsedFeed`` that raises
``ParseError`` with a message for people when the document is broken or hostile. It
returns raw items (dates as found, None when absent); ``pipeline/parse.py`` applies date
sanity, de-duplication and the item cap for every kind alike.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.pipeline.types import ParsedFeed

Adapter = Callable[[bytes, str, str], ParsedFeed]
_REGISTRY: dict[str, Adapter] = {}


class ParseError(ValueError):
    """A document that cannot be read as the kind asked for; ``str()`` says why."""


def register(kind: str) -> Callable[[Adapter], Adapter]:
    """Decorator: make ``adapter`` the parser for ``kind`` (one adapter per kind)."""

    def wrap(adapter: Adapter) -> Adapter:
        if kind in _REGISTRY and _REGISTRY[kind] is not adapter:
            raise ValueError(f"adapter kind {kind!r} registered twice")
        _REGISTRY[kind] = adapter
        return adapter

    return wrap


def get(kind: str) -> Adapter:
    """The adapter for ``kind``; ParseError for an unknown kind."""
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise ParseError(f"no adapter for kind {kind!r} (known: {', '.join(kinds())})") from None


def kinds() -> list[str]:
    return sorted(_REGISTRY)


MAX_CATEGORIES = 10  # a feed item tagged with fifty terms is keyword stuffing, not a category
MAX_CATEGORY_CHARS = 100


def categories(terms) -> tuple[str, ...]:
    """An item's category terms as plain text: de-duplicated (case aside), in the
    feed's order, at most ``MAX_CATEGORIES`` of at most ``MAX_CATEGORY_CHARS`` each."""
    out: dict[str, str] = {}
    for term in terms if isinstance(terms, list | tuple) else []:
        text = plain(str(term))[:MAX_CATEGORY_CHARS].strip()
        if text and text.casefold() not in out:
            out[text.casefold()] = text
    return tuple(out.values())[:MAX_CATEGORIES]


def plain(text: str | None) -> str:
    """Collapse whitespace; titles and authors are plain text."""
    import re
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]*>", " ", text or "")).split())
