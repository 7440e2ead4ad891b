"""Two events in one story: find the cut, and say whether it is worth making.

``bisect(vectors, min_part) -> Split | None``: the spectral (normalised-cut) bisection of
a story's member vectors and the ratio of the mean similarity *across* the cut to the
mean similarity *within* its two parts, with every feature re-weighted by its rarity
among the story's members (a local IDF: the topic's words fade, what one group shares
stands out). When the first article of a second event of the same kind joins a story and
the rest of that event follows it, the two groups are dense inside and loose between
(ratio well below 1). On ECB+ dev, online stories of 12+ articles holding two events cut
at 0.11-0.42 and stories of one event at 0.37 and up (cuts with a part under 6 articles
go lower: one outlet's angle), so the caller's limit and ``min_part`` trade the two (see
docs/benchmarks.md).

Pure numpy on unit-length sparse vectors (dicts); deterministic; never raises for odd
input (fewer than ``2 * min_part`` members or an all-zero graph gives None).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Split:
    """A proposed cut: positions (into the input list) of the part to move out, and the
    across/within similarity ratio that judged it."""

    moved: list[int]
    ratio: float


def bisect(vectors: list[dict[str, float]], min_part: int = 3) -> Split | None:
    """The normalised-cut bisection of ``vectors``; the part moved out is the one that does
    not hold the first vector (the story's oldest article keeps the story)."""
    n = len(vectors)
    if n < 2 * min_part:
        return None
    sim = _similarities(vectors)
    weights = np.clip(sim, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = weights.sum(axis=1)
    if not np.all(degree > 0):
        return None  # an article unrelated to every other one: not a two-event story
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - weights * np.outer(scale, scale)
    _, eigvecs = np.linalg.eigh(laplacian)
    side = eigvecs[:, 1] * scale > 0  # sign of the Fiedler vector
    if side[0]:
        side = ~side
    a, b = np.flatnonzero(~side), np.flatnonzero(side)
    if min(len(a), len(b)) < min_part:
        return None
    within = (_pair_mean(sim, a) * _pairs(a) + _pair_mean(sim, b) * _pairs(b)) / (
        _pairs(a) + _pairs(b)
    )
    if within <= 0:
        return None
    across = float(sim[np.ix_(a, b)].mean())
    return Split(moved=b.tolist(), ratio=across / within)


def _similarities(vectors: list[dict[str, float]]) -> np.ndarray:
    """Member-by-member cosine after the local re-weighting."""
    keys: dict[str, int] = {}
    cols = np.array([keys.setdefault(key, len(keys)) for vec in vectors for key in vec], int)
    rows = np.repeat(np.arange(len(vectors)), [len(vec) for vec in vectors])
    values = np.fromiter((w for vec in vectors for w in vec.values()), float, len(cols))
    # Weigh each feature by its rarity *inside the story*: the words every member shares
    # (the topic) fade, the names and words of one group of members (an event) stand out.
    df = np.bincount(cols, minlength=len(keys))
    values = values * np.log((len(vectors) + 1) / (df[cols] + 0.5))
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(vectors)))
    # Only features two members share add to a dot product: keep those columns (dense,
    # small), but take the norms from whole rows.
    shared = df[cols] >= 2
    compact = np.unique(cols[shared], return_inverse=True)[1]
    dense = np.zeros((len(vectors), int(compact.max(initial=-1)) + 1))
    dense[rows[shared], compact] = values[shared]
    scale = 1.0 / np.maximum(norms, 1e-9)
    return (dense @ dense.T) * np.outer(scale, scale)


def _pairs(part: np.ndarray) -> int:
    return len(part) * (len(part) - 1)


def _pair_mean(sim: np.ndarray, part: np.ndarray) -> float:
    """Mean similarity over ordered pairs of distinct members of ``part``."""
    block = sim[np.ix_(part, part)]
    return float((block.sum() - np.trace(block)) / _pairs(part))
