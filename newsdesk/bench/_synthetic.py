"""Synthetic full-length articles for timing dedup + clustering as the window grows.

Deterministic (seeded). Words are made-up syllable strings drawn from a Zipf-like
vocabulary of 30,000 words; each story adds its own topic words, capitalised names and
figures, so the clusterer sees realistic sparse vectors and a growing number of stories
(about one per five articles). No real text is involved.
"""

from __future__ import annotations

import gc
import random
import time

from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.dedupe import Deduper
from newsdesk.pipeline.types import SourceDoc, StorySplit

FREEZE_EVERY = 1000  # the cluster worker's value (newsdesk.pipeline.cluster_state.FREEZE_EVERY)

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _word(i: int) -> str:
    out = []
    i += 70  # at least two syllables
    while i:
        i, r = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out)


class ArticleMaker:
    """``article(i)`` -> SourceDoc of about ``length`` words; story ``i // 5`` shuffled a little."""

    def __init__(self, seed: int = 7, vocab: int = 30000, length: int = 280) -> None:
        self.rng = random.Random(seed)
        self.vocab = [_word(i) for i in range(vocab)]
        self.weights = [1.0 / (rank + 10) for rank in range(vocab)]
        self.length = length

    def article(self, i: int) -> SourceDoc:
        story = i // 5 + self.rng.randrange(3)
        srng = random.Random(story)
        topic = srng.sample(self.vocab[2000:], 12)
        names = [srng.choice(self.vocab).title() for _ in range(4)]
        figures = [str(srng.randrange(10, 5000)) for _ in range(2)]
        words = self.rng.choices(self.vocab, self.weights, k=self.length)
        for pos in self.rng.sample(range(self.length), self.length // 5):
            words[pos] = self.rng.choice(topic + names + figures)
        sentences = [" ".join(words[k : k + 18]) + "." for k in range(0, self.length, 18)]
        title = " ".join(self.rng.sample(topic, 4) + names[:1])
        return SourceDoc(
            article_id=i, title=title, text="\n".join(s.capitalize() for s in sentences)
        )


def scaling_curve(
    total: int,
    checkpoints: tuple[int, ...] = (1000, 2000, 5000, 10000, 20000, 50000),
    block: int = 1000,
) -> dict:
    """Mean microseconds per article (dedup + cluster, CPU time) over the ``block``
    articles before each checkpoint <= ``total``, all articles inside one window; plus
    the ratio of the last checkpoint to the first, and the time of one repair pass
    (``StoryClusterer.repair``) over the whole window at the end. Garbage collection is
    left on, so its pauses are part of the figure; like the cluster worker, the loop calls
    ``gc.freeze()`` every ``FREEZE_EVERY`` articles, outside the timed part."""
    maker = ArticleMaker()
    deduper, clusterer = Deduper(), StoryClusterer()
    marks = sorted(c for c in checkpoints if c <= total)
    curve: dict[str, float] = {}
    spent = 0.0
    next_story = 0
    for i in range(total):
        doc = maker.article(i)  # generated outside the timed part
        if i % FREEZE_EVERY == 0:
            gc.freeze()  # as the cluster worker does (pipeline/cluster_state.py), untimed
        start = time.process_time()
        deduper.check(doc, "")
        deduper.add(doc, "")
        decision = clusterer.assign(doc)
        story = decision.story_id
        if story is None:
            story, next_story = next_story, next_story + 1
        clusterer.add(doc, story)
        for change in clusterer.take_changes():
            if isinstance(change, StorySplit):
                clusterer.split(change.story, change.articles, next_story)
                next_story += 1
        took = time.process_time() - start
        if any(m - block <= i < m for m in marks):
            spent += took
        if i + 1 in marks:
            curve[str(i + 1)] = round(spent / block * 1e6, 1)
            spent = 0.0
    first, last = curve.get(str(marks[0])), curve.get(str(marks[-1]))
    start = time.process_time()
    moved = clusterer.repair()
    repair_s = time.process_time() - start
    return {
        "repair_s": round(repair_s, 2),
        "repair_moves": len(moved),
        "us_per_article": curve,
        "stories": len(clusterer.stories),
        "ratio_last_first": round(last / first, 3) if first and last else None,
    }
