"""Clean-up rules for extracted body blocks, each measured on the extraction benchmark.

Input: the blocks trafilatura kept and the page's metadata. Output: the blocks that
are article text. Rules, in order: drop the headline, standfirst and URL repeated at
the top; drop teasers (a paragraph cut off with an ellipsis that a later paragraph
opens with); drop runs of link teasers (related-story lists); cut trailing "related
stories"/"tags"/"comments" sections; drop short date/time lines at the top; drop
promotional and navigation lines (newsletter, follow-us, read-more, related, share
prompts, comment policies). Pure functions; blocks are returned, never modified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from newsdesk.pipeline.extract.shingles import tokens


class _Block(Protocol):
    tag: str
    text: str


_MONTH = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|"
    r"novembro|dezembro|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"dicembre)",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"^(?:read more|related|also on|see also|click here|tap here|subscribe|"
    r"follow (?:us|him|her|them|\w+ on)|like this story|share this|get the latest|"
    r"get (?:the )?\w+ (?:on the go|app|newsletter)|download the|join (?:our|the)|"
    r"don'?t miss|watch:|listen:|leggi anche|lesen sie auch|leia (?:também|mais)|"
    r"have a tip|tell us what you think|email \w+ at|reach the reporters?|contact the (?:writer|author|reporter)|"
    r"this (?:sponsored )?(?:deal|article|story) (?:is brought|was originally|originally appeared)|"
    r"copyright|©|\(?photo:|\[?photo by)",
    re.IGNORECASE,
)
_PROMO_ANYWHERE = re.compile(
    r"newsletter|subscribe to|follow us on|delivered to your inbox|"
    r"click here to|clicking here|thanks for signing up|comments? (?:policy|are moderated)|"
    r"your inbox|processing your subscription|^\[\w+ [^\]]*\].*\[/\w+\]$|"
    r"contributed to this report|all rights reserved|may get a share of the sale|"
    r"\b(?:comments?|comentários|commentaires|kommentare|commenti)\b.*\b(?:moderat|aprovad|approv|polic|polít)",
    re.IGNORECASE,
)
# Short stamp lines: "Updated at 1:23 p.m.", "Published 18 November 2019", "5 min read".
_STAMP = re.compile(
    r"^(?:(?:last )?updated|published|posted|atualizado|aggiornato|aktualisiert)\b.*\d"
    r"|^(?:reading time|read time|tempo de leitura|lesezeit|tempo di lettura)\b|\bmin(?:ute)?s? read$",
    re.IGNORECASE,
)
_SECTION_END = re.compile(
    r"^(?:related(?: stories| articles| posts| content| coverage)?|you may also like|"
    r"you might also like|more from [\w .]+|most (?:read|popular|viewed)[\w ]*|"
    r"recommended(?: for you)?|read next|trending(?: now)?|popular(?: now)?|tags?|topics|"
    r"comments?|\d+ comments?|leave a (?:comment|reply)|share this(?: article| story)?|"
    r"see more photos|more stories|latest news|further reading)\s*[:.…]*$",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return [t.lower() for t in tokens(text)]


def similar(block: str, reference: str) -> bool:
    """True when the block is (nearly) the reference text, e.g. the headline."""
    a, b = _words(block), _words(reference)
    if not a or not b:
        return False
    if a == b:
        return True
    set_a, set_b = set(a), set(b)
    in_ref = sum(w in set_b for w in a) / len(a)
    in_block = sum(w in set_a for w in b) / len(b)
    return in_ref >= 0.8 and in_block >= 0.8


def drop_head_repeats(
    blocks: Sequence[_Block], titles: Sequence[str], standfirst: str, url: str = ""
) -> list:
    """Remove the headline(s), standfirst and page URL when repeated among the first blocks."""
    kept = list(blocks[4:])
    for block in reversed(blocks[:4]):
        # A standfirst comes out as a heading; a lede that the page also uses as its
        # description comes out as a paragraph and belongs to the body.
        standfirst_like = block.tag == "h2" and similar(block.text, standfirst)
        headline = any(similar(block.text, title) for title in titles)
        if not (headline or standfirst_like or block.text == url):
            kept.insert(0, block)
    return kept


def is_dateline(block: _Block) -> bool:
    """A short line that is mostly a date or time ("Published 18 November 2019")."""
    words = tokens(block.text)
    if (
        block.tag == "h2"
        or not 0 < len(words) <= 12
        or block.text.rstrip().endswith((".", "?", "!"))
    ):
        return False
    numbers = sum(w.isdigit() for w in words)
    return numbers >= 2 or (numbers == 1 and any(_MONTH.match(w) for w in words))


def is_promo(text: str) -> bool:
    """A promotional, sharing or navigation line rather than article text."""
    words = tokens(text)
    if len(words) > 60:
        return False
    if len(words) <= 12 and _STAMP.search(text.strip()):
        return True
    return bool(_PROMO.match(text.strip()) or (len(words) <= 30 and _PROMO_ANYWHERE.search(text)))


def cut_tail_sections(blocks: Sequence[_Block]) -> list:
    """Cut from a late section marker ("Related stories", "Tags", "Comments") to the end."""
    for index, block in enumerate(blocks):
        if index >= len(blocks) * 0.5 and _SECTION_END.match(block.text.strip()):
            return list(blocks[:index])
    return list(blocks)


def link_texts(anchors) -> set[str]:
    """Normalised texts (3+ words) of the page's links, to spot link teasers."""
    found = set()
    for anchor in anchors:
        text = anchor.text_content()
        if text.count(" ") < 2 or len(text.split()) < 3:  # most links: one or two words
            continue
        words = _words(text)
        if len(words) >= 3:
            found.add(" ".join(words))
    return found


def _link_led(text: str, links: set[str]) -> bool:
    """A short block that opens with a whole link text (a teaser: title + blurb)."""
    words = _words(text)
    if not 3 <= len(words) <= 25:
        return False
    return any(
        " ".join(words[:k]) in links for k in range(max(3, int(len(words) * 0.3)), len(words) + 1)
    )


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 15 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def drop_link_runs(blocks: Sequence[_Block], links: set[str]) -> list:
    """Drop link teasers: runs of 2+ (a related list) and all-capitals single ones."""
    flags = [_link_led(b.text, links) for b in blocks]
    kept = []
    for index, block in enumerate(blocks):
        in_run = flags[index] and (
            (index > 0 and flags[index - 1]) or (index + 1 < len(blocks) and flags[index + 1])
        )
        if not in_run and not (flags[index] and _shouting(block.text)):
            kept.append(block)
    return kept


def drop_teasers(blocks: Sequence[_Block]) -> list:
    """Remove a teaser: a block cut off with an ellipsis whose words open a later block
    (a page's summary of its own first paragraph, "Williams has died. The star of…")."""
    texts = [" ".join(_words(b.text)) for b in blocks]
    kept = []
    for i, block in enumerate(blocks):
        stem = block.text.rstrip().removesuffix("…").removesuffix("...").rstrip()
        cut = stem != block.text.rstrip() and len(_words(stem)) >= 5
        head = " ".join(_words(stem))
        if not (cut and any(t.startswith(head) for t in texts[i + 1 :])):
            kept.append(block)
    return kept


def clean_blocks(
    blocks: Sequence[_Block],
    titles: Sequence[str],
    standfirst: str,
    links: set[str] | None = None,
    url: str = "",
) -> list:
    """Apply every rule of this module; see its docstring."""
    kept = drop_teasers(drop_head_repeats(blocks, titles, standfirst, url))
    if links:
        kept = drop_link_runs(kept, links)
    kept = cut_tail_sections(kept)
    kept = [b for i, b in enumerate(kept) if not (i < 4 and is_dateline(b))]
    return [b for b in kept if not is_promo(b.text)]
