"""Direct quotes and their speakers.

``find_quotes(text) -> list[Quote]`` finds double-quoted passages (straight or curly)
and, when the sentence names one, the speaker ("..., X said", "X said: ...",
"X told Y"). ``quote_in(quote, source)`` says whether a quote appears verbatim in a
source text, modulo typographic quotes, whitespace and the trailing comma/period that
English moves inside closing quotes. Pure functions; never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.language.words import normalize_space

_QUOTE = re.compile(
    r"[\"\u201c\u201d\u201e]\s*([^\"\u201c\u201d\u201e]{2,}?)\s*[\"\u201c\u201d\u201e]"
)
_VERB = r"(?:said|says|told|tells|added|adds|explained|wrote|writes|stated|insisted|noted|asked|recalled|warned|declared)"
_NAME = r"((?:(?:the|a|an|another|one)\s+)?(?:\w[\w.'\u2019-]*\s+){0,5}?[A-Za-z][\w.'\u2019-]*)"
_AFTER_SPEAKER_VERB = re.compile(r"^[\s,.!?-]*" + _NAME + r"\s+" + _VERB + r"\b")
_AFTER_VERB_SPEAKER = re.compile(
    r"^[\s,.!?-]*" + _VERB + r"\s+" + _NAME + r"\s*(?:[,.;]|$|(?=\s(?:who|in|on|at|to)\b))"
)
_BEFORE = re.compile(_NAME + r"\s+" + _VERB + r"(?:\s+\w+){0,3}\s*[:,]?\s*$")
PRONOUNS = frozenset("he she they it i we you his her their".split())


@dataclass(frozen=True)
class Quote:
    text: str  # the quoted words, without the quote marks
    start: int  # offsets of the quoted words in the searched text
    end: int
    speaker: str  # "" when the sentence names nobody


def _clean(quoted: str) -> str:
    return normalize_space(quoted).rstrip(",.;: ").strip()


def _speaker(text: str, q_start: int, q_end: int) -> str:
    after = text[q_end : q_end + 120]
    for pattern in (_AFTER_VERB_SPEAKER, _AFTER_SPEAKER_VERB):
        m = pattern.match(after)
        if m:
            return m.group(1).strip()
    m = _BEFORE.search(text[max(0, q_start - 120) : q_start])
    return m.group(1).strip() if m else ""


def find_quotes(text: str, min_words: int = 3) -> list[Quote]:
    """Quoted passages of at least ``min_words`` words (shorter ones are scare quotes)."""
    out = []
    for m in _QUOTE.finditer(text):
        inner = m.group(1)
        if len(inner.split()) < min_words:
            continue
        out.append(Quote(_clean(inner), m.start(1), m.end(1), _speaker(text, m.start(), m.end())))
    return out


def quote_in(quote: str, source: str) -> bool:
    """True when the quoted words occur verbatim in ``source`` (see module note)."""
    needle = _clean(quote)
    return bool(needle) and needle in normalize_space(source)


def speaker_words(speaker: str) -> set[str]:
    """Capitalised words of a speaker phrase ("Foreign Minister Lavrov" -> both), lower-cased."""
    return {w.strip(".,'\u2019").lower() for w in speaker.split() if w[:1].isupper()} - {
        "the",
        "a",
        "an",
        "another",
        "one",
        "",
    }


def is_pronoun(speaker: str) -> bool:
    """True when the speaker phrase is only a pronoun ("he", "she", "they")."""
    return speaker.strip().lower() in PRONOUNS
