"""HTML sanitising with an allow-list (nh3). Only output of these functions may be marked safe."""

import html

import nh3

_BODY_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "em",
    "strong",
    "b",
    "i",
    "a",
    "figure",
    "figcaption",
    "img",
    "sup",
    "sub",
    "code",
    "pre",
    "hr",
}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}


def clean_html(raw: str) -> str:
    """Untrusted HTML -> HTML with only simple body tags; links get rel=nofollow noopener."""
    return nh3.clean(
        raw or "",
        tags=_BODY_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
    )


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs -> escaped ``<p>`` HTML (then cleaned, belt and braces)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return clean_html(body)


def cited_paragraphs_to_html(rows: list[list[tuple[str, list[tuple[int, int]]]]]) -> str:
    """Paragraphs of (sentence, [(source id, citation number)]) -> escaped ``<p>`` HTML
    with each sentence followed by superscript links to its sources ("#source-ID").

    Built here, escaped piece by piece (sentences are plain text, ids and numbers are
    integers), so it may be marked safe like the other output of this module."""
    out = []
    for sentences in rows:
        parts = []
        for text, cites in sentences:
            links = ",".join(
                f'<a href="#source-{int(sid)}" aria-label="source {int(n)}">{int(n)}</a>'
                for sid, n in cites
            )
            parts.append(html.escape(text) + (f'<sup class="cite">{links}</sup>' if links else ""))
        if parts:
            out.append("<p>" + " ".join(parts) + "</p>")
    return "".join(out)
