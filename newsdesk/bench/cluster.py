"""``newsdesk bench cluster``: story clustering on labelled JSON Lines (news-clustering layout).

For each seed the documents are shuffled into a stream and run through the product path
with shipped defaults: ``Deduper`` first (a copy joins its original's story, as flows.py
does), then ``StoryClusterer.assign``/``add`` for the rest, story ids assigned here. Only
title and text reach the pipeline. Figures are means over seeds (``*_sd``: population sd);
``docs_per_s`` times dedup + clustering together. ``baseline`` is the README's TF-IDF
single-pass reference run on the same orders in the same process. Product labels are the
stories after the repair pass (``StoryClusterer.repair``, the product's periodic repair
job, run once at the end of the stream); ``online`` holds the same figures for the stories
at the end of the stream, before it. ``docs_per_s`` is the stream alone; ``repair_ms`` the
pass. ``--scaling N`` adds the per-article time curve on N synthetic full-length articles
(see ``_synthetic``).
"""

from __future__ import annotations

import statistics
import time

from newsdesk.bench import _clustering as cl
from newsdesk.bench._synthetic import scaling_curve
from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.types import SourceDoc, StorySplit

NAME = "cluster"
HELP = "B-cubed/pairwise/NMI of story clustering on a labelled JSONL file, vs TF-IDF single-pass"


def add_arguments(parser) -> None:
    parser.add_argument("--data", required=True, help="JSONL with id, story, title, text")
    parser.add_argument("--seeds", type=int, default=5, help="stream orders (seeds 0..N-1)")
    parser.add_argument(
        "--baseline-threshold",
        type=float,
        default=None,
        help="cosine threshold of the baseline (default: README's tuned value, "
        "0.20 for full articles, 0.10 for short items)",
    )
    parser.add_argument(
        "--scaling",
        type=int,
        default=0,
        help="also time N synthetic articles (e.g. 50000); 0 = skip",
    )
    parser.add_argument(
        "--floor-b3",
        type=float,
        default=None,
        help="fail (non-zero exit) when mean B-cubed F1 is below this",
    )


def run_product(rows: list[dict]) -> tuple[list[int], list[int], float, float]:
    """Story labels per row from the shipped dedup + clustering path: at the end of the
    stream, and after the repair pass that the product runs periodically (run once here,
    at the end); plus the CPU seconds of each.

    Mirrors flows.py: a copy joins its original's story; otherwise ``assign`` decides and
    a None starts a story; the clusterer's own merges and splits are applied as they come.
    """
    deduper, clusterer = Deduper(), StoryClusterer()
    next_story = 0
    start = time.process_time()
    for i, row in enumerate(rows):
        doc = SourceDoc(article_id=i, title=row["title"], text=row["text"])
        copy = deduper.check(doc, "")
        deduper.add(doc, "")
        story = clusterer.story_of.get(copy.duplicate_of) if copy.duplicate_of is not None else None
        if story is None:
            story = clusterer.assign(doc).story_id
        if story is None:
            story, next_story = next_story, next_story + 1
        clusterer.add(doc, story)
        next_story = _apply_splits(clusterer, next_story)
    stream_s = time.process_time() - start
    online = [clusterer.story_of[i] for i in range(len(rows))]
    start = time.process_time()
    clusterer.repair()
    clusterer.take_changes()
    repair_s = time.process_time() - start
    return online, [clusterer.story_of[i] for i in range(len(rows))], stream_s, repair_s


def _apply_splits(clusterer: StoryClusterer, next_story: int) -> int:
    """Apply the proposed splits the way flows does (merges and moves are already done
    in memory); returns the next free story id."""
    for change in clusterer.take_changes():
        if isinstance(change, StorySplit):
            clusterer.split(change.story, change.articles, next_story)
            next_story += 1
    return next_story


def run(options: dict) -> dict:
    rows = cl.load_jsonl(options["data"])
    long_texts = statistics.median(len(r["text"].split()) for r in rows) >= 100
    base_th = options.get("baseline_threshold") or (0.20 if long_texts else 0.10)
    ours, base, online = [], [], []
    for seed in range(options.get("seeds") or 5):
        stream = cl.shuffled(rows, seed)
        gold = [r["story"] for r in stream]
        online_labels, labels, stream_s, repair_s = run_product(stream)
        ours.append(
            cl.score(gold, labels)
            | {"docs_per_s": len(rows) / stream_s, "repair_ms": 1000 * repair_s}
        )
        online.append(cl.score(gold, online_labels))
        start = time.process_time()
        labels = cl.tfidf_single_pass([r["title"] + "\n" + r["text"] for r in stream], base_th)
        base.append(
            cl.score(gold, labels) | {"docs_per_s": len(rows) / (time.process_time() - start)}
        )
    result = cl.summarise(ours)
    result["baseline"] = cl.summarise(base) | {"threshold": base_th}
    result["online"] = cl.summarise(online)  # before the repair pass
    result["docs"] = len(rows)
    result["seeds"] = len(ours)
    result["per_seed_b3_f1"] = [round(r["b3_f1"], 4) for r in ours]
    result["settings"] = StoryClusterer().settings()
    if options.get("scaling"):
        result["scaling"] = scaling_curve(options["scaling"])
    floor = options.get("floor_b3")
    result["floor_failures"] = (
        [f"b3_f1 {result['b3_f1']:.4f} < {floor}"] if floor and result["b3_f1"] < floor else []
    )
    return result
