"""Sentence splitting with character offsets, for per-sentence provenance.

``split_sentences(text)`` -> list of ``Sentence`` whose ``start``/``end`` index into
``text`` (so ``text[s.start:s.end] == s.text``). Paragraphs are separated by blank
lines; a single newline also ends a sentence (ECB+ stores one sentence per line, and
scraped pages put headings and captions on lines of their own). Never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Words that end with a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    no nos vs etc inc co corp ltd llc dept univ ave blvd mt ft approx est fig jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m""".split()
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")
# A terminal mark, optional closing quotes/brackets, whitespace, then what starts a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?\s?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its span, its paragraph and its rank in the text."""

    start: int
    end: int
    text: str
    para: int
    index: int


def _pieces(text: str, pattern: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] on ``pattern``; return stripped non-empty (start, end) spans."""
    spans, cursor = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _is_abbreviation(text: str, mark: int) -> bool:
    """True when the period at ``mark`` closes an abbreviation or an initial."""
    if text[mark] != ".":
        return False
    word_start = mark
    while (
        word_start > 0
        and not text[word_start - 1].isspace()
        and text[word_start - 1] not in "(\"'\u201c"
    ):
        word_start -= 1
    word = text[word_start:mark].lower()
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in _ABBREVIATIONS


def _inside_quote(text: str, start: int, at: int, closes: bool) -> bool:
    """True when a quotation opened before ``at`` (in this line) is still open there."""
    if not closes:
        return False
    head = text[start:at]
    return head.count('"') % 2 == 1 or head.count("\u201c") > head.count("\u201d")


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # A quotation of several sentences stays one unit, so it keeps its speaker; only
    # when the line's quote marks pair up (a stray mark must not swallow the line).
    line = text[start:end]
    closes = line.count('"') % 2 == 0 and line.count("\u201c") == line.count("\u201d")
    spans, cursor = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, match.start()):
            continue
        if _inside_quote(text, start, match.start() + 1, closes):
            continue
        mark_end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
        spans.append((cursor, mark_end))
        cursor = match.end()
    spans.append((cursor, end))
    return [(a, b) for a, b in spans if b > a and text[a:b].strip()]


@lru_cache(maxsize=512)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` in order, with offsets, paragraph number and index.

    Cached: the writer, its gates and the benchmark split the same texts.
    """
    out: list[Sentence] = []
    for para_no, (p_start, p_end) in enumerate(_pieces(text, _PARAGRAPH, 0, len(text))):
        for l_start, l_end in _pieces(text, _LINE, p_start, p_end):
            for a, b in _split_line(text, l_start, l_end):
                while a < b and text[a].isspace():
                    a += 1
                out.append(Sentence(a, b, text[a:b], para_no, len(out)))
    return tuple(out)
