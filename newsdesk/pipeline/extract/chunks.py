"""Recovering article text split over repeated sibling containers ("chunks").

Some sites cut the body into several identical containers (``div.article__body``
between ad slots); trafilatura then keeps only one of them. Input: the page tree and
the extracted blocks. If the paragraph that opens the extraction sits in a container
whose class repeats among its siblings (checked up to three levels up), and those
siblings hold at least half as much paragraph text again that was not extracted,
the missing paragraphs are merged in document order. Otherwise the blocks come back
unchanged. Pure; the tree is only read.
"""

from __future__ import annotations

from typing import Protocol

from lxml import html as lxml_html


class _Block(Protocol):
    tag: str
    text: str


def _norm(text: str) -> str:
    return " ".join(text.split())


def _chunk_set(anchor: lxml_html.HtmlElement) -> list:
    node = anchor.getparent()
    for _ in range(3):
        parent = node.getparent() if node is not None else None
        if parent is None:
            return []
        cls = node.get("class")
        if cls:
            same = [e for e in parent if e.tag == node.tag and e.get("class") == cls]
            if len(same) >= 2:
                return same
        node = parent
    return []


def add_missing_chunks(tree: lxml_html.HtmlElement, blocks: list, make_block) -> list:
    """Blocks with the paragraphs of sibling chunks merged in; see module docstring."""
    texts = {b.text for b in blocks}
    anchor = next((p for p in tree.iter("p") if _norm(p.text_content()) in texts), None)
    chunks = _chunk_set(anchor) if anchor is not None else []
    paragraphs = [_norm(p.text_content()) for chunk in chunks for p in chunk.iter("p")]
    missing = sum(len(t) for t in paragraphs if t and t not in texts)
    if missing < 200 or missing < 0.5 * sum(len(b.text) for b in blocks):
        return blocks
    merged, position = [], 0
    for text in filter(None, paragraphs):
        if text in texts:
            while position < len(blocks):  # emit extracted blocks up to this paragraph
                merged.append(blocks[position])
                position += 1
                if merged[-1].text == text:
                    break
        else:
            merged.append(make_block("p", text))
    return merged + list(blocks[position:])
