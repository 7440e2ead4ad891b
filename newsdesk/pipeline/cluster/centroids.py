"""In-memory story centroids and a capped inverted index over their strongest features.

The index maps a feature (term, name or number) to the stories that recently used it,
most recent last. Each posting list is capped, so a query touches at most
``query_terms * posting_cap`` stories however many stories the window holds: the cost of
one lookup stays flat as the window grows (a stale story drops off the list of a common
term, but it stays reachable through its rarer terms).
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import mul


def dot(vec: dict[str, float], other: dict[str, float]) -> float:
    """Sparse dot product, iterating ``vec`` (pass the shorter one first). map() over
    C-level callables: about twice as fast as a generator expression on this hot path."""
    return sum(map(mul, vec.values(), map(other.get, vec, repeat(0.0))))


@dataclass
class StoryCentroid:
    """A story's running state: member vectors summed into ``centroid`` (with its norm)."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    members: dict[int, dict[str, float]] = field(default_factory=dict)  # doc id -> vector
    first_t: float = math.inf
    last_t: float = -math.inf

    def add(self, doc_id: int, vec: dict[str, float], t: float) -> None:
        """Add one member vector (replacing an earlier one with the same doc id)."""
        if doc_id in self.members:
            self.remove(doc_id)
        cen = self.centroid
        cross = dot(vec, cen)
        values = vec.values()
        self.norm2 += 2 * cross + sum(map(mul, values, values))
        for k, w in vec.items():
            cen[k] = cen.get(k, 0.0) + w
        self.members[doc_id] = vec
        self.first_t, self.last_t = min(self.first_t, t), max(self.last_t, t)

    def remove(self, doc_id: int) -> None:
        """Take one member out; the centroid and its norm are recomputed exactly."""
        vec = self.members.pop(doc_id)
        cen = self.centroid
        for k, w in vec.items():
            left = cen.get(k, 0.0) - w
            if abs(left) < 1e-9:
                cen.pop(k, None)
            else:
                cen[k] = left
        self.norm2 = sum(w * w for w in cen.values())

    def cosine(self, vec: dict[str, float]) -> float:
        """Cosine between a unit-length ``vec`` and the centroid (0.0 for an empty story)."""
        if self.norm2 <= 0:
            return 0.0
        return dot(vec, self.centroid) / math.sqrt(self.norm2)

    def similarity(self, other: StoryCentroid) -> float:
        """Cosine between the two centroids."""
        if self.norm2 <= 0 or other.norm2 <= 0:
            return 0.0
        small, big = sorted((self.centroid, other.centroid), key=len)
        return dot(small, big) / math.sqrt(self.norm2 * other.norm2)


class StoryIndex:
    """feature -> recent story ids (insertion-ordered, capped at ``posting_cap``)."""

    def __init__(self, posting_cap: int = 48) -> None:
        self.posting_cap = posting_cap
        self.postings: dict[str, OrderedDict[int, None]] = {}

    def touch(self, story_id: int, keys: list[str]) -> None:
        """Record that ``story_id`` just used ``keys`` (moves it to the recent end)."""
        for key in keys:
            plist = self.postings.get(key)
            if plist is None:
                plist = self.postings[key] = OrderedDict()
            plist[story_id] = None
            plist.move_to_end(story_id)
            if len(plist) > self.posting_cap:
                plist.popitem(last=False)

    def candidates(self, keys: list[str]) -> dict[int, int]:
        """story id -> number of ``keys`` it shares, over the posting lists of ``keys``."""
        get = self.postings.get
        return Counter(chain.from_iterable(get(key, ()) for key in keys))

    def forget(self, story_id: int, keys: list[str]) -> None:
        """Drop ``story_id`` from the posting lists of ``keys`` (expired or merged story)."""
        for key in keys:
            plist = self.postings.get(key)
            if plist is not None:
                plist.pop(story_id, None)
                if not plist:
                    del self.postings[key]
