"""Drafts as readers and the bench see them: one JSON object per story, fault counts.

``draft_record(story, draft, sources, reasons)`` is the ``--articles`` line for one story
with exactly the keys ``story, headline, paragraphs, sentences, tags, category, status,
reasons, sources`` (a story the writer refused is "held" with its reason and no text).
``reader_counts(draft, sources)`` counts what a reader would object to in the final
draft, by kind; ``repair_counts(draft)`` counts the writer's repairs by rule;
``credits_per_paragraph(draft)`` counts credit phrases in each paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.pipeline.types import Draft, SourceDoc
from newsdesk.pipeline.write.outlets import credit_labels
from newsdesk.pipeline.write.repair import reader_faults

FAULT_KINDS = (
    "fragment",
    "glued",
    "furniture",
    "number changed",
    "repeated fact",
    "speaker not introduced",
)
_CREDIT = re.compile(
    r"\b(?:according to|reported|reports|said in a report|told)\b|\breport(?:s)? says?\b",
    re.IGNORECASE,
)


def draft_record(story: str, draft: Draft | None, sources: list[SourceDoc], why: str = "") -> dict:
    """The ``--articles`` line for one story (see module note)."""
    docs = [
        {"id": d.article_id, "outlet": d.outlet, "title": d.title, "text": d.text} for d in sources
    ]
    if draft is None:
        return {
            "story": story, "headline": "", "paragraphs": [], "sentences": [], "tags": [],
            "category": "", "status": "held", "reasons": [why], "sources": docs,
        }  # fmt: skip
    return {
        "story": story,
        "headline": draft.headline,
        "paragraphs": [" ".join(s.text for s in p) for p in draft.paragraphs],
        "sentences": [
            {"text": s.text, "sources": list(dict.fromkeys(sp.article_id for sp in s.support))}
            for s in draft.sentences
        ],
        "tags": list(draft.tags),
        "category": draft.category,
        "status": "held" if draft.problems else "published",
        "reasons": list(draft.problems),
        "sources": docs,
    }


def reader_counts(draft: Draft, sources: list[SourceDoc]) -> Counter:
    """Reader faults left in ``draft``, by kind (``FAULT_KINDS``)."""
    return Counter(r.split(":")[0] for r in reader_faults(draft, sources))


def repair_counts(draft: Draft) -> Counter:
    """Repairs by rule: "dropped sentence 2: glued: glued_heading" -> "glued_heading"."""
    out: Counter = Counter()
    for r in draft.repairs:
        if r.startswith("named"):
            out["speaker_introduced"] += 1
            continue
        kind, _, rule = r.split(": ", 1)[-1].partition(": ")
        out[rule if kind in ("fragment", "glued", "furniture") else kind] += 1
    return out


def credits_per_paragraph(draft: Draft) -> list[int]:
    """Credit phrases (an outlet named, "according to", "... reported") per paragraph."""
    labels = [label.lower() for label in credit_labels(draft.sources).values() if label]
    out = []
    for p in draft.paragraphs:
        count = 0
        for s in p:
            low = s.text.lower()
            count += any(label in low for label in labels) or bool(_CREDIT.search(s.text))
        out.append(count)
    return out
