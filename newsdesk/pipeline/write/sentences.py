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
    no nos vs etc inc co corp ltd llc dept univ ave blvd mt ft approx est fig dist atty supt jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m""".split()
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")
# A terminal mark, optional closing quotes/brackets, whitespace, then what starts a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?\s?[A-Z0-9])")
# ECB+ and some scrapers space decimals and clock times ("5. 9", "$2. 6 million",
# "8. 40am"): a short number, a period, a space and digits is one number, not two
# sentences. A four-digit year may end a sentence ("in 1970. 25 people ...").
_AFTER_NUMBER = re.compile(r"\s?\d")
# "p.m." / "p. m." ends a sentence when a new one starts after it; a weekday, a month,
# a time zone or "local" continues the time ("8:30 p.m. Tuesday", "p. m. ET").
_CLOCK = re.compile(r"\b[ap]\.\s?m(\.)\s+(\S+)", re.IGNORECASE)
_CLOCK_GOES_ON = frozenset(
    """et est edt ct cst cdt mt mst pt pst pdt gmt utc bst cet local monday tuesday wednesday
    thursday friday saturday sunday jan january feb february march april may june july
    august sept september oct october nov november dec december on in at""".split()
)


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


def _inside_number(text: str, mark: int) -> bool:
    """True when the period at ``mark`` sits inside a spaced decimal or clock time."""
    start = mark
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if not 1 <= mark - start <= 3 or (start > 0 and text[start - 1] in ",."):
        return False
    return _AFTER_NUMBER.match(text, mark + 1) is not None


def _clock_ends_sentence(text: str, mark: int) -> bool:
    """True when the period at ``mark`` closes "a.m."/"p.m." and a new sentence follows."""
    for m in _CLOCK.finditer(text, max(0, mark - 4), min(len(text), mark + 40)):
        if m.start(1) == mark:
            word = m.group(2).strip("\"'\u201c(").rstrip(".,;:")
            return word[:1].isupper() and word.lower() not in _CLOCK_GOES_ON
    return False


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
        mark = match.start()
        if _inside_number(text, mark):
            continue
        if _is_abbreviation(text, mark) and not _clock_ends_sentence(text, mark):
            continue
        mark_end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
        if _inside_quote(text, start, mark_end, closes):  # after any closing mark
            continue
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
