"""Two sentences of one piece that state the same fact.

``repeats(texts) -> list[(later, earlier)]``: sentence ``later`` repeats ``earlier``
when most of the shorter one's content words (stems) are in the other, at least
``MIN_SHARED`` of them: "Yvonne Hiller, 43, shot two co-workers dead" and "Hiller shot
dead two of her co-workers". Word overlap, not meaning: a paraphrase with new words
passes. Pure; never raises.
"""

from __future__ import annotations

from newsdesk.language.words import content_stems

SHARE, MIN_SHARED = 0.6, 4


def repeats(texts: list[str]) -> list[tuple[int, int]]:
    """(later index, earlier index) for each sentence repeating an earlier one."""
    stems = [set(content_stems(t)) for t in texts]
    out = []
    for j in range(len(texts)):
        for i in range(j):
            shared = stems[i] & stems[j]
            small = min(len(stems[i]), len(stems[j])) or 1
            if len(shared) >= MIN_SHARED and len(shared) / small >= SHARE:
                out.append((j, i))
                break
    return out
