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

``event_marks`` reads two *slots* from an article's lead -- the weekday of the event ("on
Tuesday") and the figures -- so the clusterer can see a conflict: both sides state a
value of the same slot and the values differ (a quake on Sunday vs one on Monday; 5.6 vs
6.1). Sharing vocabulary says "same kind of event"; a conflicting slot says "another one".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsdesk.lib.textvec import STOP_WORDS

_CAP_RUN = re.compile(r"[A-Z][A-Za-z'\-]*(?:[ \t]+[A-Z][A-Za-z'\-]*)*")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+) $")
# a capitalised word before a weekday makes a name ("Black Friday", "Cyber Monday"),
# except these, which only date the event
_DATING = frozenset(
    "On Last Late Early By Since Until Next This Every Each And Or From To Before After Of".split()
)
_SLOTS = ("wd:", "#:")
_LEAD_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
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
    return tok[0].isupper() and tok.lower() not in STOP_WORDS


def _flush(run: list[str], found: Counter[str]) -> None:
    if not run:
        return
    for word in run:
        found["@" + word] += 1
    if len(run) > 1:
        found["@" + " ".join(run)] += 1
    run.clear()


def event_marks(lead: str) -> tuple[str, ...]:
    """The distinct slot values ``lead`` states: ``"wd:tuesday"`` (weekday of the event, cased text
    only) and ``"#:33"`` (figures of two or more digits, commas dropped), plus the bare
    slot (``"wd:"``, ``"#:"``) for each slot stated, so a story's mark counts say at once
    whether it states a slot at all. Pure.

    Read from the lead only: the body of a follow-up recalls other days and figures."""
    marks = {"wd:" + m.group().lower() for m in _WEEKDAY.finditer(lead)
             if _dates_event(lead[max(0, m.start() - 16): m.start()])}
    marks.update("#:" + n.replace(",", "") for n in _LEAD_NUMBER.findall(lead) if len(n) >= 2)
    marks.update({m[: m.index(":") + 1] for m in marks})
    # a sorted tuple: ordered output, and a tuple of strings is left alone by the GC
    return tuple(sorted(marks))


def _dates_event(before: str) -> bool:
    """Whether the weekday after ``before`` dates an event rather than naming one."""
    word = _WORD_BEFORE.search(before)
    return word is None or word.group(1) in _DATING


def conflicts(marks: tuple[str, ...], story_marks: dict[str, int]) -> int:
    """How many slots (weekday, figures) both sides state with no value in common.

    ``marks``: an article's ``event_marks``; ``story_marks``: mark -> number of a story's
    members stating it. 0 when either side states nothing for a slot."""
    found = 0
    for slot in _SLOTS:
        if slot not in marks or story_marks.get(slot, 0) <= 0:
            continue
        if not any(story_marks.get(m, 0) > 0 for m in marks if m != slot and m.startswith(slot)):
            found += 1
    return found
