"""Shared helpers for the clustering and dedup benchmarks: data loading, metrics, baseline.

Not a benchmark itself (leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import json
import math
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path


def load_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSON Lines file (layout of shared/data/news-clustering): id, story, title, text.

    Only ``id``, ``story``, ``title`` and ``text`` are kept, so no other field (url, part,
    dateline) can reach a clusterer by accident. Raises ``KeyError`` on a row without them.
    """
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows.append({k: row[k] for k in ("id", "story", "title", "text")})
    return rows


def shuffled(rows: Sequence[dict], seed: int) -> list[dict]:
    """A copy of ``rows`` in the pseudo-random stream order of ``seed`` (deterministic)."""
    order = list(rows)
    random.Random(seed).shuffle(order)
    return order


def bcubed(gold: Sequence[str], pred: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of predicted labels against gold labels (same order)."""
    pairs = Counter(zip(gold, pred, strict=True))
    g_size, c_size = Counter(gold), Counter(pred)
    n = len(gold)
    p = sum(k * k / c_size[c] for (_, c), k in pairs.items()) / n
    r = sum(k * k / g_size[g] for (g, _), k in pairs.items()) / n
    return p, r, _f1(p, r)


def pairwise(gold: Sequence[str], pred: Sequence[object]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over all unordered document pairs."""
    both = sum(k * (k - 1) / 2 for k in Counter(zip(gold, pred, strict=True)).values())
    in_pred = sum(k * (k - 1) / 2 for k in Counter(pred).values())
    in_gold = sum(k * (k - 1) / 2 for k in Counter(gold).values())
    p = both / in_pred if in_pred else 1.0
    r = both / in_gold if in_gold else 1.0
    return p, r, _f1(p, r)


def nmi(gold: Sequence[str], pred: Sequence[object]) -> float:
    """Normalised mutual information with sqrt(H(G) * H(C)) normalisation."""
    n = len(gold)
    joint = Counter(zip(gold, pred, strict=True))
    g_size, c_size = Counter(gold), Counter(pred)
    mi = sum(k / n * math.log(n * k / (g_size[g] * c_size[c])) for (g, c), k in joint.items())
    h_g = -sum(k / n * math.log(k / n) for k in g_size.values())
    h_c = -sum(k / n * math.log(k / n) for k in c_size.values())
    if h_g == 0 or h_c == 0:
        return 1.0 if h_g == h_c else 0.0
    return mi / math.sqrt(h_g * h_c)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[str], pred: Sequence[object]) -> dict:
    """All clustering figures for one run: b3_*, pair_*, nmi, clusters."""
    b3 = bcubed(gold, pred)
    pw = pairwise(gold, pred)
    return {
        "b3_p": b3[0],
        "b3_r": b3[1],
        "b3_f1": b3[2],
        "pair_p": pw[0],
        "pair_r": pw[1],
        "pair_f1": pw[2],
        "nmi": nmi(gold, pred),
        "clusters": len(set(pred)),
    }


def summarise(runs: list[dict]) -> dict:
    """Mean of every numeric figure over runs, plus ``<key>_sd`` for b3_f1 and pair_f1."""
    out: dict = {}
    for key in runs[0]:
        values = [run[key] for run in runs]
        out[key] = statistics.fmean(values)
        if key in ("b3_f1", "pair_f1", "nmi", "docs_per_s"):
            out[key + "_sd"] = statistics.pstdev(values)
    return out


def tfidf_single_pass(texts: Sequence[str], threshold: float) -> list[int]:
    """The README's reference: TF-IDF (sublinear tf, English stop words, max_df 0.5) fitted on
    all texts, then each text in order joins the most similar story centroid if cosine >=
    ``threshold``, else starts a story. Returns one story label per text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5)
    x = matrix.fit_transform(texts).tocsr()
    sums: list[dict[int, float]] = []
    norms: list[float] = []
    index: dict[int, set[int]] = defaultdict(set)
    labels = []
    for i in range(x.shape[0]):
        row = dict(
            zip(
                x.indices[x.indptr[i] : x.indptr[i + 1]].tolist(),
                x.data[x.indptr[i] : x.indptr[i + 1]].tolist(),
                strict=True,
            )
        )
        best, best_sim = -1, threshold
        for story in {s for t in row for s in index[t]}:
            centroid = sums[story]
            sim = sum(w * centroid.get(t, 0.0) for t, w in row.items()) / (norms[story] or 1.0)
            if sim >= best_sim:
                best, best_sim = story, sim
        if best < 0:
            best = len(sums)
            sums.append({})
            norms.append(0.0)
        centroid = sums[best]
        for t, w in row.items():
            centroid[t] = centroid.get(t, 0.0) + w
            index[t].add(best)
        norms[best] = math.sqrt(sum(v * v for v in centroid.values()))
        labels.append(best)
    return labels
