"""Laying picked sentences out as an article: a lead, then paragraphs by outlet.

``layout(picks) -> list[list[Pick]]``: the best pick alone as the lead; the others
grouped by the outlet they come from (outlets in order of their best pick), in their
source order inside a group (so an outlet's account reads as it was told), at most
``MAX_PER_PARAGRAPH`` to a paragraph; lone picks from different outlets share
paragraphs; never more than ``MAX_PARAGRAPHS`` paragraphs. Pure.
"""

from __future__ import annotations

from newsdesk.pipeline.writers.select import Pick

MAX_PER_PARAGRAPH = 3
MAX_PARAGRAPHS = 6


def layout(picks: list[Pick]) -> list[list[Pick]]:
    """Paragraphs of picks (see module note); [] for no picks."""
    if not picks:
        return []
    groups: dict[int, list[Pick]] = {}
    for pick in picks[1:]:
        groups.setdefault(pick.main.doc.article_id, []).append(pick)
    paragraphs, loose = [picks[:1]], []
    for group in groups.values():
        group.sort(key=lambda p: p.main.index)
        if len(group) == 1:
            loose += group
            if len(loose) == MAX_PER_PARAGRAPH:
                paragraphs.append(loose)
                loose = []
            continue
        for i in range(0, len(group), MAX_PER_PARAGRAPH):
            paragraphs.append(group[i:i + MAX_PER_PARAGRAPH])
    if loose:
        paragraphs.append(loose)
    while len(paragraphs) > MAX_PARAGRAPHS:
        tail = paragraphs.pop()
        paragraphs[-1] = paragraphs[-1] + tail
    return paragraphs
