"""The article body of a parsed page as a list of text blocks.

Input: the page tree (``lxml.html``; tweets in it are un-hidden, otherwise it is
not changed), its URL and metadata. Output: ``Block`` list, possibly empty.
Built on trafilatura (``fast=True``; the full cascade only when the fast pass finds
nothing), completed by ``pipeline/extract/chunks`` when the body is split over repeated
containers, cleaned by ``pipeline/extract/clean`` and, when the page's JSON-LD
``articleBody`` agrees with the extraction, filtered by it. Every rule was
measured on the extraction benchmark (see docs/benchmarks.md, "Extraction").
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html
from trafilatura.xml import xmltotxt

from newsdesk.pipeline.extract.chunks import add_missing_chunks
from newsdesk.pipeline.extract.clean import clean_blocks, link_texts
from newsdesk.pipeline.extract.shingles import shingles
from newsdesk.pipeline.types import PageMeta


@dataclass(frozen=True)
class Block:
    """One body block: ``tag`` is p, h2, li, blockquote or table; ``text`` is plain."""

    tag: str
    text: str


_TAGS = {"p": "p", "head": "h2", "quote": "blockquote", "table": "table"}
_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# Hover cards: a box inside a paragraph (picture, links) that pops up over a linked
# name. The link itself stays; the box is the span that does not start with it.
HOVER_CARD_XPATH = (
    "//p//span["
    + " or ".join(
        f"contains({_CLASS}, '{w}')"
        for w in ("rollover", "hover", "tooltip", "popover", "popup", "card")
    )
    + "][.//img or .//a][not(*[1][self::a])]"
)


def _render(element) -> str:
    """Plain text of one trafilatura XML element, its tail excluded."""
    tail, element.tail = element.tail, None
    text = xmltotxt(element, False)
    element.tail = tail
    return text.strip()


def blocks_from_xml(body) -> list[Block]:
    """Top-level elements of trafilatura's body -> blocks; loose text becomes paragraphs."""
    blocks: list[Block] = []

    def add(tag: str, text: str | None) -> None:
        text = (text or "").strip()
        if text:
            blocks.append(Block(tag, text if tag == "table" else " ".join(text.split())))

    add("p", body.text)
    for child in body:
        if child.tag == "list":
            for item in child.findall("item"):
                add("li", _render(item).removeprefix("- "))
        else:
            add(_TAGS.get(child.tag, "p"), _render(child))
        add("p", child.tail)
    return blocks


def unhide_tweets(tree: lxml_html.HtmlElement) -> None:
    """Strip the classes that make trafilatura drop embedded tweets (quoted body text)."""
    for quote in tree.xpath('//blockquote[contains(@class, "twitter-tweet")]'):
        node = quote
        for _ in range(4):  # the quote and its embed wrappers, never the page containers
            if node is None or node.tag in ("body", "article", "main"):
                break
            node.attrib.pop("class", None)
            node = node.getparent()


def _trafilatura_body(tree: lxml_html.HtmlElement, url: str, fast: bool):
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        fast=fast,
        include_comments=False,
        with_metadata=False,
        prune_xpath=[HOVER_CARD_XPATH],
    )
    return None if document is None else document.body


def filter_by_article_body(blocks: list[Block], article_body: str) -> list[Block]:
    """Drop blocks absent from JSON-LD articleBody when that body matches the extraction."""
    reference = shingles(article_body)
    if not reference or not blocks:
        return blocks
    extracted = shingles(" ".join(b.text for b in blocks))
    matched = sum((reference & extracted).values())
    # Consistent = each text covers most of the other; a teaser or another text is no evidence.
    if matched < 0.8 * sum(reference.values()) or matched < 0.6 * sum(extracted.values()):
        return blocks
    kept = []
    for block in blocks:
        own = shingles(block.text)
        if (
            block.tag == "blockquote"
            or sum(own.values()) < 8
            or sum((own & reference).values()) / sum(own.values()) >= 0.2
        ):
            kept.append(block)
    return kept


def visible_text(tree: lxml_html.HtmlElement) -> str:
    """Text of the page outside scripts, styles and templates."""
    parts = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "template"):
            parts.append(element.tail or "")
            continue
        parts.extend((element.text or "", element.tail or ""))
    return " ".join(parts)


def article_body_blocks(tree: lxml_html.HtmlElement, article_body: str) -> list[Block]:
    """JSON-LD articleBody as paragraphs, if the page shows (80%+ of) that text; else []."""
    reference = shingles(article_body)
    if not reference:
        return []
    shown = sum((reference & shingles(visible_text(tree))).values())
    if shown < 0.8 * sum(reference.values()):
        return []
    return [Block("p", " ".join(p.split())) for p in article_body.splitlines() if p.strip()]


def extract_blocks(tree: lxml_html.HtmlElement, url: str, meta: PageMeta) -> list[Block]:
    """Body blocks of the page (possibly empty); see module docstring."""
    unhide_tweets(tree)
    body = _trafilatura_body(tree, url, fast=True)
    if body is None or not len(body) and not (body.text or "").strip():
        body = _trafilatura_body(tree, url, fast=False)
    blocks = [] if body is None else blocks_from_xml(body)
    blocks = add_missing_chunks(tree, blocks, Block)
    titles = [meta.title, meta.headline]
    blocks = clean_blocks(blocks, titles, meta.description, link_texts(tree.iter("a")), url)
    if meta.article_body:
        blocks = filter_by_article_body(blocks, meta.article_body)
        if len(" ".join(b.text for b in blocks)) < 0.25 * len(meta.article_body):
            blocks = article_body_blocks(tree, meta.article_body) or blocks
    return blocks
