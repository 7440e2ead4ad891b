"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from newsdesk.infra.dates import parse_date
from newsdesk.pipeline.parse.adapters.base import ParseError, categories, plain, register
from newsdesk.pipeline.types import FeedItem, ParsedFeed


def looks_like_json(body: bytes, content_type: str = "") -> bool:
    return "json" in content_type.lower() or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


@register("jsonfeed")
def parse_jsonfeed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParseError(f"not a JSON Feed: invalid JSON ({exc})") from None
    except RecursionError:  # [[[[...]]]] nested deeper than the interpreter allows
        raise ParseError("not a JSON Feed: nested too deeply") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise ParseError("not a JSON Feed: no jsonfeed.org version")
    entries = doc.get("items")
    if not isinstance(entries, list):
        raise ParseError("not a JSON Feed: items is not a list")
    items, warnings = [], []
    for entry in entries:
        if not isinstance(entry, dict):
            warnings.append("item that is not an object skipped")
            continue
        link = str(entry.get("url") or entry.get("external_url") or "").strip()
        guid = str(entry.get("id") or "").strip()
        if not link and guid.startswith(("http://", "https://")):
            link = guid
        if not link:
            warnings.append(f"item without a url skipped: {guid[:80]!r}")
            continue
        items.append(
            FeedItem(
                url=urljoin(url, link),
                guid=guid,
                title=plain(str(entry.get("title") or "")),
                summary=str(entry.get("summary") or entry.get("content_text") or ""),
                author=_author(entry) or _author(doc),
                published_at=parse_date(
                    str(entry.get("date_published") or entry.get("date_modified") or "")
                ),
                categories=categories(entry.get("tags")),
            )
        )
    return ParsedFeed(items=items, title=plain(str(doc.get("title") or "")), warnings=warnings)


def _author(obj: dict) -> str:
    authors = obj.get("authors") or ([obj["author"]] if isinstance(obj.get("author"), dict) else [])
    names = [plain(str(a.get("name", ""))) for a in authors if isinstance(a, dict)]
    return ", ".join(n for n in names if n)
