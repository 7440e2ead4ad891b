"""A reader's search text as words and phrases, never as engine syntax.

Rules (examples in tests/test_search.py): words are runs of letters and digits (any
script); text between double quotes is a phrase; everything else (``*``, ``-``, ``:``,
``(``, ``NEAR``-style operators spelt in capitals are just words) separates words. At
most ``MAX_TERMS`` terms are kept, so a 1,000-character query costs no more than a short
one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TERMS = 12
MAX_CHARS = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def parse(text: str) -> Query:
    text = (text or "").replace("\x00", " ")[:MAX_CHARS]
    phrases = []
    for inner in _PHRASE.findall(text):
        words = tuple(w.lower() for w in _WORD.findall(inner))
        if len(words) > 1:
            phrases.append(words)
        elif words:  # a quoted single word is just a word
            text += f" {words[0]}"
    rest = _PHRASE.sub(" ", text)
    words = tuple(dict.fromkeys(w.lower() for w in _WORD.findall(rest) if w != "_"))
    terms = len(words) + len(phrases)
    if terms > MAX_TERMS:
        phrases = phrases[:MAX_TERMS]
        words = words[: max(0, MAX_TERMS - len(phrases))]
    return Query(words=words, phrases=tuple(phrases))


@dataclass
class Hits:
    """Matching piece ids, best first, and the query that found them (for ``snippets``)."""

    ids: list[int] = field(default_factory=list)
    query: Query | None = None
