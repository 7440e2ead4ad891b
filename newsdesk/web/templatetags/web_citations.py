"""``{% cited_body piece sources %}``: the article body with citation links.

Each sentence of the piece's ``provenance`` is followed by superscript numbers linking
to its sources in the page's sources box (``<li id="source-ID">``, numbered in the box's
order). When the provenance no longer says what the body says (an editor rewrote the
body as a whole), or a piece has none, the body is shown as before, without numbers:
a citation must never point from words its source did not give.
"""

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from newsdesk.infra.sanitize import cited_paragraphs_to_html

register = template.Library()


def _rows(provenance) -> list[list[dict]]:
    rows = [p if isinstance(p, list) else [p] for p in provenance or []]
    return [[s for s in p if isinstance(s, dict)] for p in rows]


def _same_text(rows: list[list[dict]], body: str) -> bool:
    mine = [" ".join(" ".join(str(s.get("text", "")) for s in p).split()) for p in rows]
    theirs = [" ".join(p.split()) for p in (body or "").split("\n\n") if p.strip()]
    return bool(theirs) and [p for p in mine if p] == theirs


@register.simple_tag
def cited_body(piece, sources) -> SafeString:
    """The body of ``piece`` with citation links to ``sources`` (see module note)."""
    rows = _rows(piece.provenance)
    number = {src.id: n for n, src in enumerate(sources, 1)}
    if not rows or not number or not _same_text(rows, piece.body):
        if piece.body_html:
            return mark_safe(piece.body_html)  # sanitised when it was stored
        return mark_safe(linebreaks(piece.body, autoescape=True))  # escaped by linebreaks
    cited = []
    for p in rows:
        sentences = []
        for s in p:
            ids = dict.fromkeys(sp.get("article_id") for sp in s.get("support") or [])
            cites = sorted(((i, number[i]) for i in ids if i in number), key=lambda c: c[1])
            sentences.append((str(s.get("text", "")), cites))
        cited.append(sentences)
    return mark_safe(cited_paragraphs_to_html(cited))
