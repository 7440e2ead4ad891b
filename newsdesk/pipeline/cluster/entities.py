"""Cheap event features: names, numbers and dates that tell two similar events apart.

Two rehab check-ins or two earthquakes share their vocabulary; they differ in who, where,
how much and when. ``event_features`` pulls those out of raw text with no model:

* names: capitalised words and runs of them ("Tara Reid" -> ``tara``, ``reid``,
  ``tara reid``); a capitalised word that opens a sentence counts only when the same word
  is also capitalised elsewhere, so "The" or "After" never become names;
* numbers: figures with at least two characters (``5.6``, ``2008``, ``90``); single digits
  are too common to mean anything;
* month and weekday names fall out of the name rule (they are capitalised in English).

Lower-cased, pre-processed text (such as Google News TS) yields numbers only, which is
the intended graceful degradation: the term vector then carries the decision alone.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsdesk.language.words import STOPWORDS

_CAP_RUN = re.compile(r"[A-Z][A-Za-z'\-]*(?:[ \t]+[A-Z][A-Za-z'\-]*)*")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_OPENERS = " \t\"'(\u201c\u2018"  # may stand between a sentence end and its first word


def event_features(text: str) -> Counter[str]:
    """``text`` -> counts of name phrases (lower-cased) and numbers, each with a prefix.

    Keys look like ``"@tara reid"``, ``"@reid"`` (names) and ``"#5.6"`` (numbers). Pure.
    """
    runs = [(m.group().split(), _opens_sentence(text, m.start())) for m in _CAP_RUN.finditer(text)]
    inside = {w for words, initial in runs for w in words[initial:]}
    found: Counter[str] = Counter()
    for words, initial in runs:
        if initial and words[0] not in inside:
            words = words[1:]
        run: list[str] = []
        for word in words:
            if _is_cap(word):
                run.append(word.lower().removesuffix("'s"))
            elif run:
                _flush(run, found)
        if run:
            _flush(run, found)
    found.update("#" + n.replace(",", "") for n in _NUMBER.findall(text) if len(n) >= 2)
    return found


def _opens_sentence(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in ".!?:\n"


@lru_cache(maxsize=262144)
def _is_cap(tok: str) -> bool:
    """A capitalised word that is not a stop word ("The", "After" are not names)."""
    return tok[0].isupper() and tok.lower() not in STOPWORDS


def _flush(run: list[str], found: Counter[str]) -> None:
    if not run:
        return
    for word in run:
        found["@" + word] += 1
    if len(run) > 1:
        found["@" + " ".join(run)] += 1
    run.clear()
