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


def plain(text: str | None) -> str:
    """Collapse whitespace; titles and authors are plain text."""
    import re
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]*>", " ", text or "")).split())
