"""Word-level helpers shared by the writer and its gates: tokens, stems, stop words.

All functions are pure, deterministic and fast (the writer handles hundreds of
sentences per story within a few milliseconds). The stemmer is a small suffix
stripper, not Porter: it only has to make "reports"/"reported" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according would may might must shall us one
    two new also just like get got many much even still well back since""".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "edly",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


def words(text: str) -> list[str]:
    """Word tokens of ``text`` in order, case kept ("don't" stays one token)."""
    return _WORD.findall(text)


# Index terms keep a compound ("two-million") and a number ("5.6", "2,117") whole: the
# clusterer compares them across articles. Measured on ECB+ DEV: splitting them as
# ``words`` does costs 0.002 B3 F1 and changes which early articles join (docs/benchmarks.md).
_INDEX_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|\d+(?:[.,]\d+)*")


def index_words(text: str) -> list[str]:
    """Lower-cased index terms of ``text`` in order (see above), for the clusterer."""
    return _INDEX_WORD.findall(text.lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lower-cased crude stem: strips one common English suffix when 3+ letters remain."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the non-stop-words of ``text``, in order (numbers kept)."""
    return [stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=256)
def stem_set(text: str) -> frozenset[str]:
    """``content_stems`` of ``text`` as a set, cached: a story's source texts are met by
    several stages of the writer."""
    return frozenset(content_stems(text))


def normalize_space(text: str) -> str:
    """Typographic quotes/apostrophes/dashes made plain and whitespace collapsed."""
    table = {
        0x201C: '"',
        0x201D: '"',
        0x201E: '"',
        0x2033: '"',
        0x2018: "'",
        0x2019: "'",
        0x2032: "'",
        0x2013: "-",
        0x2014: "-",
        0xA0: " ",
    }
    return " ".join(text.translate(table).split())
