"""``newsdesk bench dedup``: near-duplicate recall and precision on synthetic edited copies.

Every document of the file gets one edited copy (seeded): word substitutions, truncation,
boilerplate added, or a mix. The stream is all originals (shuffled), then all copies
(shuffled), through ``Deduper.check``/``add`` with shipped defaults, ids only.

* recall: a copy counts as found when ``duplicate_of`` is its original or the article its
  original was itself marked a copy of; reported by true 5-word-shingle Jaccard band
  (``recall_j30`` ... ``recall_j90``: band [x, x+0.1)) and for all copies with J >= 0.6
  (``recall_j60``, the issue's target). Originals with no words are left out.
* precision: of all articles flagged, the share pointing at the right family or at an
  article whose true Jaccard with it is >= 0.5 (real near-copies inside the data set).
* ``docs_per_s``: check + add, CPU time, one core.
``baseline``: exact content-hash matching only (what feed readers do today), same stream.
"""

from __future__ import annotations

import random
import statistics
import time

from newsdesk.bench import _clustering as cl
from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.dedupe.minhash import content_hash, jaccard, shingles
from newsdesk.pipeline.types import DedupDecision, SourceDoc

NAME = "dedup"
HELP = "Recall by Jaccard band and precision of near-duplicate detection on edited copies"
BOILERPLATE = [
    "Sign up for our daily newsletter to get the latest headlines in your inbox.",
    "Copyright 2024 Example Media Group. All rights reserved.",
    "Follow us on social media for more updates on this developing story.",
    "This article originally appeared on a partner site and is republished with permission.",
    "Advertisement. Continue reading the main story below.",
    "Have a news tip? Contact our newsroom by email at any time.",
]


def add_arguments(parser) -> None:
    parser.add_argument("--data", required=True, help="JSONL with id, title, text")
    parser.add_argument("--seeds", type=int, default=5, help="edit/order seeds 0..N-1")


def edited_copy(text: str, rng: random.Random) -> str:
    """One synthetic copy of ``text``: substitutions, truncation, boilerplate, or a mix."""
    words = text.split()
    kind = rng.choice(["substitute", "truncate", "boilerplate", "mixed"])
    if kind in ("substitute", "mixed"):
        rate = rng.uniform(0.01, 0.12 if kind == "substitute" else 0.06)
        vocab = words or ["news"]
        words = [rng.choice(vocab) if rng.random() < rate else w for w in words]
    if kind in ("truncate", "mixed"):
        keep = rng.uniform(0.5 if kind == "truncate" else 0.7, 0.97)
        words = words[: max(1, round(len(words) * keep))]
    if kind in ("boilerplate", "mixed"):
        extra = rng.sample(BOILERPLATE, rng.randint(1, 4))
        head = [s for s in extra if rng.random() < 0.3]
        words = " ".join(head).split() + words + " ".join(s for s in extra if s not in head).split()
    return " ".join(words)


def _one_seed(rows: list[dict], seed: int) -> tuple[dict, dict]:
    rng = random.Random(seed)
    n = len(rows)
    texts = [r["text"] for r in rows] + [edited_copy(r["text"], rng) for r in rows]
    order = cl.shuffled(range(n), seed) + [n + i for i in cl.shuffled(range(n), seed + 1000)]
    deduper = Deduper()
    decisions: dict[int, DedupDecision] = {}
    start = time.process_time()
    for i in order:
        doc = SourceDoc(article_id=i, title=rows[i % n]["title"], text=texts[i])
        decisions[i] = deduper.check(doc, "")
        deduper.add(doc, "")
    seconds = time.process_time() - start
    sh = [shingles(t) for t in texts]
    ours = _score(n, sh, decisions, lambda i: {i, deduper.root.get(i, i)})
    ours["docs_per_s"] = 2 * n / seconds
    return ours, _score(n, sh, _hash_only(texts, order), lambda i: {i})


def _hash_only(texts: list[str], order: list[int]) -> dict[int, DedupDecision]:
    first: dict[str, int] = {}
    out = {}
    for i in order:
        digest = content_hash(texts[i])
        out[i] = DedupDecision(first.get(digest), "hash" if digest in first else "")
        first.setdefault(digest, i)
    return out


def _score(n: int, sh: list[set[int]], decisions: dict[int, DedupDecision], family) -> dict:
    bands: dict[int, list[bool]] = {b: [] for b in range(0, 10)}
    flagged = correct = 0
    for i, decision in decisions.items():
        target = decision.duplicate_of
        is_copy = i >= n
        hit = is_copy and target is not None and target in family(i - n)
        if is_copy and sh[i - n]:  # an empty original has nothing to copy
            bands[min(9, int(jaccard(sh[i], sh[i - n]) * 10))].append(hit)
        if target is not None:
            flagged += 1
            correct += hit or jaccard(sh[i], sh[target]) >= 0.5
    out = {f"recall_j{b}0": statistics.fmean(v) for b, v in bands.items() if b >= 3 and v}
    out.update({f"copies_j{b}0": len(v) for b, v in bands.items() if b >= 3})
    high = [h for b, v in bands.items() if b >= 6 for h in v]
    out["recall_j60"] = statistics.fmean(high) if high else 0.0
    out["precision"] = correct / flagged if flagged else 1.0
    out["flagged"] = flagged
    return out


def run(options: dict) -> dict:
    rows = cl.load_jsonl(options["data"])
    ours, base = [], []
    for seed in range(options.get("seeds") or 5):
        mine, theirs = _one_seed(rows, seed)
        ours.append(mine)
        base.append(theirs)
    result = _mean(ours)
    result["baseline"] = _mean(base)
    result["docs"] = len(rows)
    result["seeds"] = len(ours)
    result["floor_failures"] = [
        f"{key} {result[key]:.4f} < {floor}"
        for key, floor in (("recall_j60", 0.95), ("precision", 0.98))
        if result[key] < floor
    ]
    return result


def _mean(runs: list[dict]) -> dict:
    keys = set().union(*runs)
    return {k: statistics.fmean(r[k] for r in runs if k in r) for k in sorted(keys)}
