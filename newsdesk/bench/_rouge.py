"""ROUGE at a fixed word budget, with bootstrap intervals (for ``bench write``).

Uses the ``rouge-score`` package (Porter stemming), F1 x 100. Texts are cut to the
first ``budget`` words; for ROUGE-Lsum both sides are split into sentences, one a line.
"""

from __future__ import annotations

import random

from newsdesk.pipeline.write.sentences import split_sentences

METRICS = ("rouge1", "rouge2", "rougeLsum")


def cut(text: str, budget: int) -> str:
    """The first ``budget`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:budget])


def _lines(text: str) -> str:
    return "\n".join(s.text for s in split_sentences(text))


def scorer():
    """A stemming RougeScorer; ImportError names the missing test extra."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "bench write on summaries needs rouge-score (pip install newsdesk[test])"
        ) from exc
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score(rs, system: str, reference: str, budget: int) -> dict[str, float]:
    """F1 x 100 per metric of ``system`` cut at ``budget`` words against ``reference``."""
    result = rs.score(_lines(reference), _lines(cut(system, budget)))
    return {m: 100.0 * result[m].fmeasure for m in METRICS}


def bootstrap(values: list[float], rounds: int = 1000, seed: int = 13) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values``."""
    if not values:
        return (0.0, 0.0)
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(rounds))
    return (round(means[int(0.025 * rounds)], 2), round(means[int(0.975 * rounds) - 1], 2))


def summarize(rows: list[dict[str, float]], rounds: int, seed: int) -> dict:
    """Mean and 95% interval of each metric over ``rows`` (one dict per cluster)."""
    out: dict = {}
    for m in METRICS:
        values = [r[m] for r in rows]
        out[m] = round(sum(values) / len(values), 2) if values else 0.0
        out[f"{m}_ci95"] = list(bootstrap(values, rounds, seed))
    return out


def paired(a: list[dict[str, float]], b: list[dict[str, float]], rounds: int, seed: int) -> dict:
    """Mean difference a - b per metric with a paired bootstrap interval."""
    out: dict = {}
    for m in METRICS:
        diffs = [x[m] - y[m] for x, y in zip(a, b, strict=True)]
        out[m] = round(sum(diffs) / len(diffs), 2) if diffs else 0.0
        out[f"{m}_ci95"] = list(bootstrap(diffs, rounds, seed))
    return out
