"""The offline extractive writer (default backend): no model, a few milliseconds a story.

``write(sources) -> Draft``:
1. cut every source into candidate sentences (``candidates``), each with its span;
2. select the central, corroborated, early ones within the copy allowance (about a
   third of each source's sentences, never a whole paragraph) (``select``);
3. attribute each to its outlet(s) with varied phrasing, merging outlets that agree
   and noting figures they disagree on (``attribution``);
4. lay them out as a one-sentence lead plus 2-5 short paragraphs, and write a
   headline, a category and tags.
Raises ``WriterError`` when no source has a usable sentence. Quotes are copied with
their whole sentence, so they stay verbatim and keep their speaker.
"""

from __future__ import annotations

from newsdesk.lib.categories import categorize, tags
from newsdesk.lib.copying import copied_indexes, copy_allowance
from newsdesk.lib.outlets import credit_labels
from newsdesk.lib.sentences import split_sentences
from newsdesk.lib.words import words
from newsdesk.pipeline.types import Draft, SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.writers import WriterError
from newsdesk.pipeline.writers.attribution import attribute
from newsdesk.pipeline.writers.candidates import Candidate, candidates
from newsdesk.pipeline.writers.differences import note
from newsdesk.pipeline.writers.headline import make_headline, shorten
from newsdesk.pipeline.writers.layout import layout
from newsdesk.pipeline.writers.select import Pick, select

BUDGET_WORDS = 250


def _spans(c: Candidate) -> list[Span]:
    return [Span(c.doc.article_id, c.start, c.end)] + [
        Span(c.doc.article_id, a, b) for a, b in c.extra
    ]


def _allowance(sources: list[SourceDoc]) -> dict[int, int]:
    """article_id -> sentences the story may reuse from it; WriterError when none may."""
    allowance = {d.article_id: copy_allowance(d.text) for d in sources}
    if not any(allowance.values()):
        raise WriterError(
            "every source is under three sentences long: any article would copy "
            "more than a third of one; an editor has to write this story"
        )
    return allowance


def _difference(pick: Pick, other: Candidate, labels: dict[int, str]) -> WrittenSentence | None:
    """ "X put the figure at 15 people rather than 12." or "The outlets differ on the
    name: ..." (``differences.note``), citing both sentences; None when neither fits."""
    mine, theirs = labels[pick.main.doc.article_id], labels[other.doc.article_id]
    text = note(pick.main.text, other.text, mine, theirs)
    return WrittenSentence(text, _spans(pick.main) + _spans(other)) if text else None


def _written(
    pick: Pick, names: list[str] | None, variant: int, labels, proper
) -> list[WrittenSentence]:
    """The pick's sentence (attributed to ``names`` unless None), then disagreement notes."""
    cited = [pick.main, *pick.also]
    text = attribute(pick.main.text, names, variant, proper) if names else pick.main.text
    out = [WrittenSentence(text, [span for c in cited for span in _spans(c)])]
    for other in pick.differs:
        note = _difference(pick, other, labels)
        if note:
            out.append(note)
    return out


def _paragraphs(
    picks: list[Pick], labels: dict[int, str], proper: frozenset[str]
) -> list[list[WrittenSentence]]:
    """Laid-out picks as sentences. A paragraph names its outlet(s) in its first sentence
    and again whenever the outlet changes; a sentence continuing the same outlet's
    account in the same paragraph carries no second attribution."""
    paragraphs, variant = [], 0
    for group in layout(picks):
        sentences, previous = [], None
        for pick in group:
            names = list(dict.fromkeys(labels[c.doc.article_id] for c in [pick.main, *pick.also]))
            if names == previous and not pick.differs:
                sentences += _written(pick, None, variant, labels, proper)
                continue
            sentences += _written(pick, names, variant, labels, proper)
            previous, variant = names, variant + 1
        paragraphs.append(sentences)
    return paragraphs


def _within_allowance(
    picks: list[Pick], sources: list[SourceDoc], allowance: dict[int, int]
) -> list[Pick]:
    """Drop the weakest picks until no source has more sentences copied than allowed,
    counted exactly as the benchmark counts (``lib.copying``), then any pick left
    leaning on a dropped one."""
    picks = list(picks)
    while picks:
        texts = [p.main.text for p in picks]
        over = next(
            (d for d in sources if len(copied_indexes(texts, d.text)) > allowance[d.article_id]),
            None,
        )
        if over is None:
            break
        culprits = [p for p in picks if copied_indexes([p.main.text], over.text)]
        picks.remove(min(culprits, key=lambda p: p.score))
        while True:
            kept = {(p.main.doc.article_id, p.main.index) for p in picks}
            leaning = [
                p
                for p in picks
                if p.main.needs_prev and (p.main.doc.article_id, p.main.index - 1) not in kept
            ]
            if not leaning:
                break
            picks = [p for p in picks if p not in leaning]
    return picks


def _proper_words(sources: list[SourceDoc]) -> frozenset[str]:
    """Words the sources capitalise somewhere other than at a sentence start."""
    out = set()
    for doc in sources:
        for s in split_sentences(doc.text):
            out.update(w for w in words(s.text)[1:] if w[:1].isupper())
    return frozenset(out)


def _used(sources: list[SourceDoc], paragraphs: list[list[WrittenSentence]]) -> list[SourceDoc]:
    cited = {span.article_id for p in paragraphs for s in p for span in s.support}
    return [d for d in sources if d.article_id in cited]


def write(sources: list[SourceDoc]) -> Draft:
    """Draft for one story (see module note); ``problems`` is left for the gates."""
    if not sources:
        raise WriterError("no sources to write from")
    cands = candidates(sources)
    if not cands:
        raise WriterError(f"none of the {len(sources)} sources has a sentence that can stand alone")
    allowance = _allowance(sources)
    picks = _within_allowance(select(cands, allowance, BUDGET_WORDS), sources, allowance)
    if not picks:
        raise WriterError("every usable sentence would copy more than a third of some source")
    labels = credit_labels(sources)
    proper = _proper_words(sources)
    paragraphs = _paragraphs(picks, labels, proper)
    texts = [d.text for d in sources]
    story_tags = tags(texts)
    headline = make_headline([p.main.text for p in picks], story_tags, [d.title for d in sources])
    if not headline:
        headline = shorten(picks[0].main.text)
    body = " ".join(p.main.text for p in picks)
    return Draft(
        headline=headline,
        paragraphs=paragraphs,
        sources=_used(sources, paragraphs),
        category=categorize(body, " ".join(d.title for d in sources)),
        tags=story_tags,
        backend="extractive",
    )
