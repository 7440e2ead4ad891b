"""Extract stage: an article page's HTML -> ExtractedArticle.

``extract(html, url)`` decodes bytes (BOM, meta charset, else UTF-8 with
replacement), parses once with lxml, reads metadata (``pipeline/extract/metadata``) and
the body (``pipeline/extract/body``: trafilatura plus measured clean-up rules).
Output: ``ExtractedArticle`` with ``text`` = body paragraphs joined by blank lines
(no headline, no byline) and ``html`` = the same blocks as simple, unsanitised HTML.
Only the first ``EXTRACT_MAX_BYTES`` of a page are read (``pipeline/extract/limits``);
a cut page says so in ``ExtractedArticle.warnings``.
Failure: ``ExtractionError`` when the page cannot be parsed or has no article body
(fewer than ``MIN_BODY_WORDS`` words); no other exception escapes for bad HTML.
No side effects.
"""

from __future__ import annotations

from dataclasses import fields, replace
from html import escape

from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from newsdesk.infra.charset import decode_html
from newsdesk.infra.storable import storable
from newsdesk.pipeline.extract.body import Block, extract_blocks
from newsdesk.pipeline.extract.limits import bounded
from newsdesk.pipeline.extract.metadata import extract_metadata
from newsdesk.pipeline.extract.titles import lead_title
from newsdesk.pipeline.types import ExtractedArticle, PageMeta

# Fewer words than this is a menu or an error page, not an article (the shortest
# benchmark body has 69 words).
MIN_BODY_WORDS = 15


class ExtractionError(Exception):
    """The page holds no extractable article body (message says why)."""


def parse_html(html: str | bytes) -> lxml_html.HtmlElement:
    """Decoded, parsed document; ExtractionError when there is nothing to parse."""
    text = decode_html(html)
    if not text.strip():
        raise ExtractionError("empty page")
    try:
        # trafilatura's loader: comments and processing instructions dropped, which
        # its extraction heuristics expect.
        tree = load_html(text)
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}") from None
    if tree is None:
        raise ExtractionError("unparseable HTML")
    return tree


def _table_html(text: str) -> str:
    """trafilatura's '| a | b |' rows -> <table>; separator rows ('|---|') skipped."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or set(line.strip()) <= set("|-: "):
            continue
        cells = [escape(c.strip(), quote=False) for c in line.strip().strip("|").split("|")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def blocks_to_html(blocks: list[Block]) -> str:
    """Blocks -> simple HTML; consecutive list items share one <ul>."""
    parts: list[str] = []
    in_list = False
    for block in blocks:
        if block.tag == "li" and not in_list:
            parts.append("<ul>")
        elif block.tag != "li" and in_list:
            parts.append("</ul>")
        in_list = block.tag == "li"
        if block.tag == "table":
            parts.append(_table_html(block.text))
        else:
            parts.append(f"<{block.tag}>{escape(block.text, quote=False)}</{block.tag}>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


def _storable_meta(meta: PageMeta) -> PageMeta:
    """JSON-LD strings may hold ``\\u0000`` escapes: every text field made storable."""
    changes = {}
    for name in (f.name for f in fields(meta)):
        value = getattr(meta, name)
        if isinstance(value, str):
            changes[name] = storable(value)
        elif isinstance(value, list):
            changes[name] = [storable(v) if isinstance(v, str) else v for v in value]
    return replace(meta, **changes)


def extract(html: str | bytes, url: str, max_bytes: int | None = None) -> ExtractedArticle:
    """Page HTML (str or bytes) and its URL -> ExtractedArticle; see module docstring."""
    if max_bytes is None:
        from django.conf import settings

        max_bytes = settings.EXTRACT_MAX_BYTES
    html, cut = bounded(html, max_bytes)
    tree = parse_html(html)
    try:
        meta = extract_metadata(tree, url)
        blocks = extract_blocks(tree, url, meta)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:
        # Parser-level failures on malformed input (none seen on 1,000 fuzzed pages).
        raise ExtractionError(f"malformed page: {type(exc).__name__}: {exc}") from exc
    if sum(len(block.text.split()) for block in blocks) < MIN_BODY_WORDS:
        raise ExtractionError("no article body found")
    text = "\n\n".join(block.text for block in blocks)
    if not meta.title:  # every title on the page was empty or only a time stamp
        meta = replace(meta, title=lead_title(text))
    return ExtractedArticle(
        url=url,
        text=storable(text),
        html=storable(blocks_to_html(blocks)),
        meta=_storable_meta(meta),
        warnings=[cut] if cut else [],
    )
