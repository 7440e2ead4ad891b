"""Sparse text vectors for story clustering: tokens, an online IDF, dict-based cosine.

Vectors are plain ``dict[str, float]`` so that a story centroid is a dict too and the
inverted index can share keys with it. Pure Python by design: at a few hundred terms
per article a dict dot product is faster than building a scipy row.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import filterfalse
from operator import mul

from newsdesk.language.words import STOPWORDS, index_words, stem

# Digits alone carry no topic (a number's value is an event feature, see entities).
_SKIP = STOPWORDS | {str(d) for d in range(10)}


def terms(text: str) -> Counter[str]:
    """``text`` -> counts of stemmed content words (stop words removed), through the
    stemmer and stop-word list the writer uses too (``language/words``)."""
    return Counter(map(stem, filterfalse(_SKIP.__contains__, index_words(text))))


class OnlineIdf:
    """Document frequencies counted as documents arrive. The clusterer weighs a key by
    ``1 + trust * log((n + 1) / (df + 1))`` (scikit-learn's smoothed IDF, shrunk towards 1
    while ``n`` is small), so unseen terms weigh the most."""

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        """Count one document containing ``keys`` (each key once)."""
        self.n += 1
        self.df.update(set(keys))


def normalised(vec: dict[str, float]) -> dict[str, float]:
    """``vec`` scaled to unit length (an empty or zero vector is returned as is)."""
    values = vec.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    return {k: v / norm for k, v in vec.items()} if norm else dict(vec)
