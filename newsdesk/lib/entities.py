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

from newsdesk.lib.textvec import STOP_WORDS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*\s+|\n+")


def event_features(text: str) -> Counter[str]:
    """``text`` -> counts of name phrases (lower-cased) and numbers, each with a prefix.

    Keys look like ``"@tara reid"``, ``"@reid"`` (names) and ``"#5.6"`` (numbers). Pure.
    """
    sentences = [_TOKEN.findall(s) for s in _SENTENCE_END.split(text)]
    capitalised_inside = {tok for sent in sentences for tok in sent[1:] if _is_cap(tok)}
    found: Counter[str] = Counter()
    for sent in sentences:
        run: list[str] = []
        for pos, tok in enumerate(sent):
            if tok[0].isdigit():
                if len(tok) >= 2:
                    found["#" + tok.replace(",", "")] += 1
                _flush(run, found)
            elif _is_cap(tok) and (pos > 0 or tok in capitalised_inside):
                run.append(tok.lower())
            else:
                _flush(run, found)
        _flush(run, found)
    return found


def _is_cap(tok: str) -> bool:
    return tok[0].isupper() and tok.lower() not in STOP_WORDS


def _flush(run: list[str], found: Counter[str]) -> None:
    if not run:
        return
    for word in run:
        found["@" + word] += 1
    if len(run) > 1:
        found["@" + " ".join(run)] += 1
    run.clear()
