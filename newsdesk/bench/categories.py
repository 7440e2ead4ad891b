"""``newsdesk bench categories --data FILE.jsonl --json OUT``: the category rule on labelled news.

Input: news-categories JSON Lines (``{"id", "title", "text", "label"}``; BBC News or AG
News, see ../shared/data/news-categories/README.md), or ``--data demo`` for the bundled
demo corpus (each article's ``section``). Our ten categories are mapped onto the set's
labels (``MAPS``); a prediction with no counterpart (e.g. Crime on BBC) counts as wrong,
and gold labels with no counterpart (the demo's geographic sections US/UK/World) are
left out and counted in ``skipped``. Figures:

- ``accuracy`` and ``macro_f1`` (over the gold labels) of ``categorize(text, title)``;
- ``baseline``: the same for "always the most frequent gold label" of this file,
  measured in the same run;
- ``confusion``: gold label -> our category -> count; ``ms_per_doc``.
Nothing is trained: the lexicon is hand-written (``lib.categories``).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict

from newsdesk.demo.corpus import load_corpus
from newsdesk.pipeline.write.categories import categorize

NAME = "categories"
HELP = "Category rule on labelled news (BBC, AG News, demo sections): accuracy, macro-F1."
NONE = "(none)"
MAPS = {
    "bbc": {
        "Politics": "politics",
        "World": "politics",
        "Business": "business",
        "Technology": "tech",
        "Science": "tech",
        "Sports": "sport",
        "Entertainment": "entertainment",
    },
    "ag": {
        "World": "World",
        "Politics": "World",
        "Crime": "World",
        "Disasters": "World",
        "Business": "Business",
        "Technology": "Sci/Tech",
        "Science": "Sci/Tech",
        "Health": "Sci/Tech",
        "Sports": "Sports",
    },
    "demo": {
        "Politics": "Politics",
        "Business": "Business",
        "Technology": "Technology",
        "Sports": "Sport",
        "Entertainment": "Entertainment",
        "Science": "Science",
        "Health": "Health",
    },
}


def add_arguments(parser) -> None:
    parser.add_argument("--data", required=True, help="news-categories JSONL, or 'demo'")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")


def load(path: str) -> tuple[str, list[tuple[str, str, str]], int]:
    """(set name, [(title, text, gold label)], documents skipped) for a JSONL file or 'demo'."""
    if path == "demo":
        gold = set(MAPS["demo"].values())
        articles = load_corpus().articles
        docs = [(a.title, a.text, a.section) for a in articles if a.section in gold]
        return "demo", docs, len(articles) - len(docs)
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    kind = "ag" if any(r["label"] == "Sci/Tech" for r in rows) else "bbc"
    return kind, [(r.get("title") or "", r["text"], r["label"]) for r in rows], 0


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy and macro-F1 over the gold labels."""
    n = max(1, len(gold))
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 4),
        "macro_f1": round(sum(f1s) / max(1, len(f1s)), 4),
    }


def run(options: dict) -> dict:
    kind, docs, skipped = load(options["data"])
    if options.get("limit"):
        docs = docs[: options["limit"]]
    start = time.perf_counter()
    ours = [categorize(text, title) for title, text, _ in docs]
    ms = 1000 * (time.perf_counter() - start) / max(1, len(docs))
    gold = [label for _, _, label in docs]
    pred = [MAPS[kind].get(c, NONE) for c in ours]
    confusion: dict[str, Counter] = defaultdict(Counter)
    for g, c in zip(gold, ours, strict=True):
        confusion[g][c] += 1
    majority = Counter(gold).most_common(1)[0][0] if gold else NONE
    baseline = {"system": f"always '{majority}'", **scores(gold, [majority] * len(gold))}
    return {
        "data": options["data"],
        "set": kind,
        "documents": len(docs),
        "skipped": skipped,
        **scores(gold, pred),
        "ms_per_doc": round(ms, 3),
        "baseline": baseline,
        "confusion": {g: dict(c.most_common()) for g, c in sorted(confusion.items())},
    }
