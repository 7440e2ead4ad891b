"""Why an article joined a story, in words an editor reads on the desk.

``reasons(vec, story, score) -> list[str]``: the names, numbers and words the article
shares with the story's centroid, ranked by their part in the cosine, then the cosine.
Feature keys follow ``pipeline/cluster/entities``: "@name", "#number", plain words. Pure.
"""

from __future__ import annotations

from newsdesk.pipeline.cluster.centroids import StoryCentroid


def _display(name: str) -> str:
    """ "tara reid" -> "Tara Reid" (names are stored lower-cased)."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def reasons(vec: dict[str, float], story: StoryCentroid, score: float) -> list[str]:
    """Shared names, numbers and words ranked by their part in the cosine."""
    cen = story.centroid
    shared = sorted(((vec[k] * cen[k], k) for k in vec if k in cen), reverse=True)
    names = [_display(k[1:]) for _, k in shared if k[0] == "@"][:4]
    numbers = [k[1:] for _, k in shared if k[0] == "#"][:3]
    words = [k for _, k in shared if k[0] not in "@#"][:5]
    reasons = []
    if names:
        reasons.append("shared entities: " + ", ".join(names))
    if numbers:
        reasons.append("shared numbers: " + ", ".join(numbers))
    if words:
        reasons.append("shared terms: " + ", ".join(words))
    reasons.append(f"cosine {score:.2f} with {len(story.members)} article(s)")
    return reasons
