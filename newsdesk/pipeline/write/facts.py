"""Checkable facts of a sentence: numbers, dates, named entities and negations.

``facts(text) -> Facts`` is what the support gate compares between a written sentence
and the source sentences it cites: every number, date word and named entity of the
written sentence must occur in the support, and a negated sentence needs a negated
support. Named entities are capitalised words that do not open the sentence (or that
open it and are not ordinary words); this is a heuristic, tuned to fail closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.language.words import STOPWORDS, normalize_space, words

NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions trillion
    dozen dozens half first second third fourth fifth""".split()
)
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december yesterday today tomorrow
    tonight""".split()
)
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
# Capitalised words that are ordinary at a sentence start or in headlines.
_COMMON_CAPS = STOPWORDS | frozenset(
    "mr mrs ms dr i i'm it's but and or so yet after before while when as if".split()
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class Facts:
    numbers: frozenset[str]
    entities: frozenset[str]
    negated: bool


def _numbers(text: str) -> set[str]:
    found = {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    for w in words(text):
        lw = w.lower()
        if lw in NUMBER_WORDS or lw in DATE_WORDS:
            found.add(lw)
    return found


def _entities(text: str) -> set[str]:
    found: set[str] = set()
    sentence_start = True
    for w in words(text):
        base = w.replace("\u2019", "'")
        if base.lower().endswith("'s"):
            base = base[:-2]
        lw = base.lower()
        is_cap = base[:1].isupper()
        if is_cap and lw not in _COMMON_CAPS and lw not in NUMBER_WORDS and lw not in DATE_WORDS:
            if not sentence_start or not _ordinary(lw):
                found.add(lw)
        sentence_start = False
    return found


def _ordinary(lw: str) -> bool:
    """Sentence-initial capitalised words that are probably not names."""
    return lw in _COMMON_CAPS or lw.endswith(("ly", "ing")) or lw in {"police", "officials"}


def has_negation(text: str) -> bool:
    """True when ``text`` contains a negation word or an n't contraction."""
    for w in words(normalize_space(text)):
        lw = w.lower()
        if lw in NEGATIONS or lw.endswith("n't"):
            return True
    return False


def facts(text: str) -> Facts:
    """Numbers (digits or number/date words, lower-cased), entities (lower-cased), negation."""
    text = normalize_space(text)
    return Facts(frozenset(_numbers(text)), frozenset(_entities(text)), has_negation(text))


def support_of(support: str) -> tuple[Facts, set[str]]:
    """The facts and lower-cased words of ``support``, for ``missing_facts`` (compute once
    when many claims meet the same support)."""
    support_words = {w.lower().replace("\u2019", "'") for w in words(normalize_space(support))}
    support_words |= {w[:-2] for w in support_words if w.endswith("'s")}
    return facts(support), support_words


def missing_facts(claim: str, support: str | tuple[Facts, set[str]]) -> list[str]:
    """Facts of ``claim`` absent from ``support`` (text, or ``support_of`` it): e.g.
    ["number 500", "name Paris", "negation"]."""
    mine = facts(claim)
    theirs, support_words = support_of(support) if isinstance(support, str) else support
    out = [f"number {n}" for n in sorted(mine.numbers - theirs.numbers)]
    out += [f"name {e}" for e in sorted(mine.entities) if e not in support_words]
    if mine.negated and not theirs.negated:
        out.append("negation")
    return out
