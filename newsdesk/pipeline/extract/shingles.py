"""Word-shingle scoring of extracted text against a ground truth.

This is the metric of the public article-extraction benchmark (Scrapinghub/Zyte,
2020), restated in ``shared/data/extraction-benchmark/README.md``: word 4-gram
shingles as multisets, per-document precision/recall normalised so that every
document weighs the same, corpus precision over non-empty predictions only, and
F1 of the corpus means (not a mean of per-document F1s).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Maximal runs of Unicode word characters, case kept."""
    return _WORD.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of word n-grams; 1..n-1 tokens give one shingle, empty text none."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class DocScore:
    """Scores of one prediction against its truth."""

    precision: float
    recall: float
    empty: bool  # the prediction has no tokens
    exact: bool  # token sequences are equal


def score_doc(predicted: str, truth: str) -> DocScore:
    """Per-document precision and recall on normalised shingle counts."""
    pred, gold = shingles(predicted), shingles(truth)
    matched = sum((pred & gold).values())
    fp = sum(pred.values()) - matched
    fn = sum(gold.values()) - matched
    exact = tokens(predicted) == tokens(truth)
    if fp == 0 and fn == 0:
        return DocScore(1.0, 1.0, not pred, exact)
    # Normalising by tp+fp+fn does not change the ratios; it is kept implicit.
    precision = matched / (matched + fp) if matched + fp else 0.0
    recall = matched / (matched + fn) if matched + fn else 0.0
    return DocScore(precision, recall, not pred, exact)


def corpus_metrics(scores: Sequence[DocScore]) -> dict[str, float | int]:
    """Corpus precision (non-empty predictions), recall, F1 of means, accuracy, empties."""
    nonempty = [s.precision for s in scores if not s.empty]
    precision = sum(nonempty) / len(nonempty) if nonempty else 0.0
    recall = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "accuracy": accuracy,
        "empty": sum(s.empty for s in scores),
        "n": len(scores),
    }


def bootstrap_std(scores: Sequence[DocScore], samples: int = 1000, seed: int = 0) -> dict:
    """Standard deviation of f1/precision/recall/accuracy over document resamples."""
    rng = random.Random(seed)
    keys = ("f1", "precision", "recall", "accuracy")
    draws: dict[str, list[float]] = {k: [] for k in keys}
    for _ in range(samples if scores else 0):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        figures = corpus_metrics(sample)
        for key in keys:
            draws[key].append(figures[key])
    return {f"{k}_std": _std(v) for k, v in draws.items()}


def _std(values: list[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
