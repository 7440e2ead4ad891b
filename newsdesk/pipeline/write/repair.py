"""Repairs a draft before the gates: what a reader would see as broken is fixed or cut.

``repair(draft, sources) -> Draft``, in order:
1. a speaker named by surname alone before the piece gives the full name ("Steward
   said") is named in full, and the source sentence giving that name joins the
   sentence's support (``mentions``);
2. a sentence that is a fragment, glued to another or page furniture (``faults``), that
   cites a span cut inside a number or gives a figure its cited spans do not (the
   source's "5.9" written "5"), or that repeats an earlier sentence's fact
   (``repeats``) is dropped.
When a dropped sentence was the one naming a speaker in full, step 1 runs again on
what is left. Each repair is listed in ``Draft.repairs`` ("dropped sentence 3: glued_heading").
``reader_faults(draft, sources)`` lists what is still wrong, one reason per fault, for
the gates: a draft from any backend with one of them is held. Pure; never raises.
"""

from __future__ import annotations

from dataclasses import replace

from newsdesk.pipeline.types import Draft, SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.write.facts import facts
from newsdesk.pipeline.write.faults import KIND, cuts_number, sentence_faults
from newsdesk.pipeline.write.mentions import full_names, introduce, unintroduced
from newsdesk.pipeline.write.repeats import repeats
from newsdesk.pipeline.write.sentences import split_sentences


def _faults(draft: Draft, docs: dict[int, SourceDoc]) -> list[tuple[int, str]]:
    """(sentence index, reason) for each sentence-level fault and repeated fact."""
    out = []
    for n, s in enumerate(draft.sentences):
        out += [(n, f"{KIND[name]}: {name}") for name in sentence_faults(s.text)]
        for sp in s.support:
            doc = docs.get(sp.article_id)
            if doc is not None and cuts_number(doc.text, sp.start, sp.end):
                out.append((n, "number changed: its cited span is cut inside a number"))
                break
        else:
            changed = _changed_figures(s, docs)
            if changed:
                out.append((n, f"number changed: {', '.join(changed)} not in its cited span"))
    # the claim as its source words say it: credit phrases repeat by design
    # (a note on where outlets differ restates its first span on purpose: not a repeat)
    firsts = [s.support[0] if s.support else None for s in draft.sentences]
    claims = [
        ""
        if n and firsts[n] in firsts[:n] and len({sp.article_id for sp in s.support}) > 1
        else _first_span_text(s, docs)
        for n, s in enumerate(draft.sentences)
    ]
    out += [(j, f"repeated fact: restates sentence {i + 1}") for j, i in repeats(claims)]
    return out


def _changed_figures(s: WrittenSentence, docs: dict[int, SourceDoc]) -> list[str]:
    """Figures (with a digit) the sentence says and its cited spans do not: "5" where the
    span says "5.9". Number words are left to the support gate ("the second report" is a
    credit, not a figure)."""
    spans = [
        docs[sp.article_id].text[sp.start : sp.end] for sp in s.support if sp.article_id in docs
    ]
    if not spans:
        return []  # no support: the support gate's to report
    mine = {n for n in facts(s.claim or s.text).numbers if any(ch.isdigit() for ch in n)}
    return sorted(mine - facts(" ".join(spans)).numbers)


def _first_span_text(s: WrittenSentence, docs: dict[int, SourceDoc]) -> str:
    span = s.support[0] if s.support else None
    doc = docs.get(span.article_id) if span else None
    return doc.text[span.start : span.end] if doc and 0 <= span.start < span.end else s.text


def reader_faults(draft: Draft, sources: list[SourceDoc]) -> list[str]:
    """Reasons a reader would object to ``draft`` (see module note)."""
    docs = {d.article_id: d for d in sources}
    reasons = [f"{why.split(':')[0]}: sentence {n + 1} ({why})" for n, why in _faults(draft, docs)]
    names = full_names([d.text for d in sources])
    texts = [s.text for s in draft.sentences]
    reasons += [
        f"speaker not introduced: sentence {n + 1} says {surname} before {full}"
        for n, surname, full in unintroduced(texts, names)
    ]
    return reasons


def _naming_span(full: str, sources: list[SourceDoc], cited: list[int]) -> Span | None:
    """The first sentence giving ``full`` in an article the draft already cites (so the
    new span never brings in an outlet the piece does not credit), in ``cited`` order."""
    by_id = {d.article_id: d for d in sources}
    for doc in (by_id[a] for a in cited if a in by_id):
        for s in split_sentences(doc.text):
            if full in s.text:
                return Span(doc.article_id, s.start, s.end)
    return None


def _introduce(draft: Draft, sources: list[SourceDoc]) -> tuple[list[WrittenSentence], list[str]]:
    sentences = list(draft.sentences)
    names = full_names([d.text for d in sources])
    done = []
    for n, surname, full in unintroduced([s.text for s in sentences], names, subjects=True):
        mine = [sp.article_id for sp in sentences[n].support]
        anywhere = [sp.article_id for s in sentences for sp in s.support]
        span = _naming_span(full, sources, list(dict.fromkeys(mine + anywhere)))
        text = introduce(sentences[n].text, surname, full)
        if span is None or text == sentences[n].text:
            continue
        claim = introduce(sentences[n].claim, surname, full) if sentences[n].claim else ""
        sentences[n] = WrittenSentence(text, [*sentences[n].support, span], claim)
        done.append(f"named sentence {n + 1}'s {surname} as {full}")
    return sentences, done


def repair(draft: Draft, sources: list[SourceDoc]) -> Draft:
    """``draft`` with names introduced and broken sentences dropped (see module note)."""
    if not draft.sentences:
        return draft
    sentences, done = _introduce(draft, sources)
    shape = [len(p) for p in draft.paragraphs]
    named = replace(draft, paragraphs=_reshape(sentences, shape))
    drop: dict[int, str] = {}
    for n, why in _faults(named, {d.article_id: d for d in sources}):
        drop.setdefault(n, why)
    done += [f"dropped sentence {n + 1}: {why}" for n, why in sorted(drop.items())]
    kept = [s if n not in drop else None for n, s in enumerate(named.sentences)]
    paragraphs = [p for p in ([s for s in p if s is not None] for p in _reshape(kept, shape)) if p]
    out = replace(named, paragraphs=paragraphs, repairs=[*draft.repairs, *done])
    if drop and out.sentences:
        # a dropped sentence may have been the one naming a speaker in full: name again
        again, more = _introduce(out, sources)
        out = replace(
            out,
            paragraphs=_reshape(again, [len(p) for p in out.paragraphs]),
            repairs=[*out.repairs, *more],
        )
    return out


def _reshape(flat: list, shape: list[int]) -> list[list]:
    out, at = [], 0
    for size in shape:
        out.append(flat[at : at + size])
        at += size
    return out
