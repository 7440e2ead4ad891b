"""Prompt for LLM writers: numbered source sentences in, numbered citations out.

``numbered(sources, max_chars) -> Numbered``: every sentence of every source gets a
number ([1], [2], ...) that maps back to its article and character span. Sources are
taken whole, in order, while they fit in ``max_chars``; the ones that do not fit are
listed in ``left_out`` (never cut mid-text), and ``WriterError`` is raised when not even
the first source fits. ``messages(numbered)`` builds the chat messages;
``parse_reply(text, numbered)`` turns the model's JSON reply into a headline,
paragraphs of ``WrittenSentence`` and category/tags, raising ``ValueError`` when the
reply is not the requested JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from newsdesk.pipeline.types import SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.write.backend import WriterError
from newsdesk.pipeline.write.categories import CATEGORIES
from newsdesk.pipeline.write.outlets import credit_labels
from newsdesk.pipeline.write.sentences import split_sentences

_INLINE_CITE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")

SYSTEM = (
    "You are a careful news editor. Write an original news article about one story using "
    "ONLY the numbered source sentences given. Rules: every sentence you write must cite "
    "the numbers of the source sentences that support it; do not add any fact, number, "
    "date, name or negation that the cited sentences do not contain; put words in "
    "quotation marks only when they appear word for word in a cited sentence, and name "
    "the same speaker as the source; attribute each claim to its outlet by the name given "
    "in the source header (for example 'according to X', 'X reported', 'X and Y both "
    "reported'); say so when outlets disagree; name every outlet you use. The headline is "
    "new (not a source title), at most 90 characters, names the main actors and claims "
    "nothing the article does not say. Write a lead and 3 to 6 short paragraphs. Reply with "
    'JSON only: {"headline": str, "paragraphs": [[{"text": str, "cites": [int]}]], '
    '"category": one of ' + ", ".join(CATEGORIES) + ', "tags": [3 to 6 short strings]}.'
)


@dataclass
class Numbered:
    spans: dict[int, Span] = field(default_factory=dict)  # sentence number -> its span
    block: str = ""  # the numbered text given to the model
    used: list[SourceDoc] = field(default_factory=list)
    left_out: list[SourceDoc] = field(default_factory=list)


def _source_block(doc: SourceDoc, label: str, first: int) -> tuple[str, dict[int, Span]]:
    lines, spans = [f"Source: {label}" + (f" <{doc.url}>" if doc.url else "")], {}
    for k, s in enumerate(split_sentences(doc.text), first):
        lines.append(f"[{k}] {s.text}")
        spans[k] = Span(doc.article_id, s.start, s.end)
    return "\n".join(lines), spans


def numbered(sources: list[SourceDoc], max_chars: int) -> Numbered:
    """Numbered sentences of the sources that fit in ``max_chars`` (see module note)."""
    labels = credit_labels(sources)
    out = Numbered()
    blocks: list[str] = []
    for doc in sources:
        block, spans = _source_block(doc, labels[doc.article_id], len(out.spans) + 1)
        if out.left_out or sum(len(b) for b in blocks) + len(block) > max_chars:
            out.left_out.append(doc)
            continue
        blocks.append(block)
        out.spans.update(spans)
        out.used.append(doc)
    if not out.used:
        raise WriterError(
            f"the first source alone has more than {max_chars} characters of numbered "
            "sentences, the model's input limit; refusing to truncate it"
        )
    out.block = "\n\n".join(blocks)
    return out


def messages(num: Numbered) -> list[dict]:
    """Chat messages asking for a cited article from ``num``."""
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": "Numbered source sentences:\n\n" + num.block},
    ]


def _sentence(item, num: Numbered) -> WrittenSentence:
    if isinstance(item, str):
        item = {"text": item}
    text = str(item.get("text", "")).strip()
    cites = [int(c) for c in item.get("cites", []) if str(c).isdigit()]
    for m in _INLINE_CITE.finditer(text):  # tolerate "... [3][5]" in the text itself
        cites += [int(c) for c in re.split(r"\s*,\s*", m.group(1))]
    text = _INLINE_CITE.sub("", text).strip()
    support = [num.spans[c] for c in dict.fromkeys(cites) if c in num.spans]
    return WrittenSentence(text, support)


def parse_reply(content: str, num: Numbered) -> dict:
    """{"headline", "paragraphs", "category", "tags"} from the model's JSON reply."""
    data = json.loads(_FENCE.sub("", content.strip()))
    if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), list):
        raise ValueError("reply has no paragraphs list")
    paragraphs = []
    for para in data["paragraphs"]:
        items = para.get("sentences", []) if isinstance(para, dict) else para
        if not isinstance(items, list):
            items = [items]
        sentences = [_sentence(item, num) for item in items]
        if sentences:
            paragraphs.append([s for s in sentences if s.text])
    tags = [str(t).strip() for t in data.get("tags") or [] if str(t).strip()]
    return {
        "headline": str(data.get("headline") or "").strip(),
        "paragraphs": [p for p in paragraphs if p],
        "category": str(data.get("category") or ""),
        "tags": tags[:6],
    }
