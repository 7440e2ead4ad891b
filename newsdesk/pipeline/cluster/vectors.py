"""Sparse text vectors for story clustering: tokens, an online IDF, dict-based cosine.

Vectors are plain ``dict[str, float]`` so that a story centroid is a dict too and the
inverted index can share keys with it. Pure Python by design: at a few hundred terms
per article a dict dot product is faster than building a scipy row.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import filterfalse
from operator import mul

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "just", "like"}
# one-letter tokens go with the stop words (regex only yields them for digits)
_SKIP = STOP_WORDS | {str(d) for d in range(10)}
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|\d+(?:[.,]\d+)*")


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """A light plural/possessive stripper ("quakes" -> "quake", "reid's" -> "reid").

    Deliberately weaker than Porter: it only merges forms that mean the same thing.
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """``text`` -> counts of lower-cased, stemmed content words (stop words removed)."""
    return Counter(map(stem, filterfalse(_SKIP.__contains__, _WORD.findall(text.lower()))))


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
