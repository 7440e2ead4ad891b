"""Laying picked sentences out as an article: a lead, then paragraphs by outlet.

``layout(picks) -> list[list[Pick]]``: the best pick alone as the lead; the others
grouped by the outlet they come from (the lead's outlet first, so that its account goes
on without a second credit, then the others in order of their best pick), in their
source order inside a group (so an outlet's account reads as it was told), at most
``MAX_PER_PARAGRAPH`` to a paragraph. A paragraph holds one outlet's account, so it
needs one credit phrase: a lone pick is a paragraph of its own, and past
``MAX_PARAGRAPHS`` a paragraph joins the one before only when both come from the same
outlet. Pure.
"""

from __future__ import annotations

from newsdesk.pipeline.write.select import Pick

MAX_PER_PARAGRAPH = 3
MAX_PARAGRAPHS = 8


def layout(picks: list[Pick]) -> list[list[Pick]]:
    """Paragraphs of picks (see module note); [] for no picks."""
    if not picks:
        return []
    lead = _chain(picks[0], picks)
    groups: dict[int, list[Pick]] = {lead[-1].main.doc.article_id: []}
    for pick in picks[1:]:
        if pick not in lead:
            groups.setdefault(pick.main.doc.article_id, []).append(pick)
    paragraphs = [lead]
    for group in filter(None, groups.values()):
        group.sort(key=lambda p: p.main.index)
        paragraphs += _chunks(group)
    while (
        len(paragraphs) > MAX_PARAGRAPHS
        and len(paragraphs) > 2
        and paragraphs[-1][0].main.doc.article_id == paragraphs[-2][-1].main.doc.article_id
    ):
        tail = paragraphs.pop()
        paragraphs[-1] = paragraphs[-1] + tail
    return paragraphs


def _chain(first: Pick, picks: list[Pick]) -> list[Pick]:
    """``first`` followed by the picks that lean on it, one after another."""
    chain = [first]
    by_place = {(p.main.doc.article_id, p.main.index): p for p in picks}
    while True:
        nxt = by_place.get((chain[-1].main.doc.article_id, chain[-1].main.index + 1))
        if nxt is None or not nxt.main.needs_prev:
            return chain
        chain.append(nxt)


def _chunks(group: list[Pick]) -> list[list[Pick]]:
    """Paragraphs of up to MAX_PER_PARAGRAPH picks, never separating a leaning pick from
    the sentence it leans on (such a paragraph may run longer)."""
    out: list[list[Pick]] = []
    for pick in group:
        if out and (len(out[-1]) < MAX_PER_PARAGRAPH or pick.main.needs_prev):
            out[-1].append(pick)
        else:
            out.append([pick])
    return out
