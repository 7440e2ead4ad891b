"""The article body of a parsed page as a list of text blocks.

Built on trafilatura's main-content extraction, then cleaned with general rules
measured on the extraction benchmark (see docs/benchmarks.md, "Extraction").
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.xml import xmltotxt
from lxml import html as lxml_html

from newsdesk.lib.extract_clean import clean_blocks
from newsdesk.lib.extract_metadata import PageMeta


import json, os
_OPTS = json.loads(os.environ.get("EXOPTS", "{}"))


@dataclass(frozen=True)
class Block:
    """One body block: ``tag`` is p, h2, h3, h4, li or blockquote; ``text`` is plain."""

    tag: str
    text: str


_TAGS = {"p": "p", "head": "h2", "quote": "blockquote", "table": "table"}


def _render(element) -> str:
    """Plain text of one trafilatura XML element, its tail excluded."""
    tail, element.tail = element.tail, None
    text = xmltotxt(element, False)
    element.tail = tail
    return text.strip()


def _blocks_from_xml(body) -> list[Block]:
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


def extract_blocks(tree: lxml_html.HtmlElement, url: str, meta: PageMeta) -> list[Block]:
    """Body blocks of the page (possibly empty); the tree is not modified."""
    document = trafilatura.bare_extraction(
        tree, url=url or None, include_comments=False, with_metadata=False, **_OPTS
    )
    if document is None or document.body is None:
        return []
    blocks = _blocks_from_xml(document.body)
    if os.environ.get("NOCLEAN"):
        return blocks
    return clean_blocks(blocks, meta.title, meta.description)
