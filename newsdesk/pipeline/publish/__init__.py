"""Publish stage: Draft -> Page (what the site stores and shows).

Input: a ``Draft`` from the writer. Output: a ``Page`` with the sanitised body HTML,
the status the piece may get, and the provenance in the JSON shape the desk shows.
No side effects; ``flows.refresh_story`` saves the Page. A draft with gate problems,
or any draft when auto-publishing is off, stays a draft for the review queue.
"""

from dataclasses import dataclass

from newsdesk.infra.sanitize import paragraphs_to_html
from newsdesk.pipeline.types import Draft


@dataclass(frozen=True)
class Page:
    headline: str
    body: str
    body_html: str
    status: str  # "published" or "draft"
    provenance: list[list[dict]]
    problems: list[str]


def build_page(draft: Draft, auto_publish: bool) -> Page:
    """Draft -> Page; publishes only a draft that passed every gate."""
    paragraphs = [" ".join(s.text for s in para) for para in draft.paragraphs]
    provenance = [
        [
            {
                "text": s.text,
                "support": [
                    {"article_id": sp.article_id, "start": sp.start, "end": sp.end}
                    for sp in s.support
                ],
            }
            for s in para
        ]
        for para in draft.paragraphs
    ]
    problems = list(draft.problems)
    status = "published" if auto_publish and not problems else "draft"
    return Page(
        headline=draft.headline.strip(),
        body="\n\n".join(paragraphs),
        body_html=paragraphs_to_html(paragraphs),
        status=status,
        provenance=provenance,
        problems=problems,
    )
