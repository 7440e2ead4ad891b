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

from dataclasses import dataclass, field

from newsdesk.language.words import words
from newsdesk.pipeline.types import Draft, SourceDoc, Span, WrittenSentence
from newsdesk.pipeline.write.attribution import attribute, credit_names
from newsdesk.pipeline.write.backend import WriterError
from newsdesk.pipeline.write.candidates import Candidate, candidates
from newsdesk.pipeline.write.categories import categorize, tags
from newsdesk.pipeline.write.copying import copied_indexes, copy_allowance
from newsdesk.pipeline.write.differences import note
from newsdesk.pipeline.write.headline import shorten
from newsdesk.pipeline.write.headline_choice import make_headline
from newsdesk.pipeline.write.layout import layout
from newsdesk.pipeline.write.outlets import credit_labels
from newsdesk.pipeline.write.reports import is_unnamed
from newsdesk.pipeline.write.select import Pick, select
from newsdesk.pipeline.write.sentences import split_sentences
from newsdesk.pipeline.write.tagging import clean_tags, tag_context

BUDGET_WORDS = 250
LEAD_POOL = 8  # a source's first usable sentences that may become the lead for its headline


def _spans(c: Candidate) -> list[Span]:
    return [Span(c.doc.article_id, c.start, c.end)] + [
        Span(c.doc.article_id, a, b) for a, b in c.extra
    ]


def _allowance(sources: list[SourceDoc]) -> dict[int, int]:
    """article_id -> sentences the story may reuse from it; WriterError when none may."""
    allowance = {d.article_id: copy_allowance(d.text, d.quote_at_length) for d in sources}
    if not any(allowance.values()):
        raise WriterError(
            "every source is under three sentences long: any article would copy "
            "more than a third of one; an editor has to write this story"
        )
    return allowance


@dataclass
class _Credits:
    """How the article names each source, and which unnamed reports it has introduced."""

    labels: dict[int, str]
    mentioned: list[str] = field(default_factory=list)

    def show(self, labels: list[str], same: bool = True) -> list[str]:
        total = sum(1 for label in self.labels.values() if is_unnamed(label))
        return credit_names(labels, self.mentioned, total, same)


def _difference(pick: Pick, other: Candidate, credits: _Credits) -> WrittenSentence | None:
    """ "The outlets differ on the figure: X has 12 people, Y has 15 people." or "... on the
    name: ..." (``differences.note``), citing both sentences; None when neither fits."""
    # "the first report has X, another report has Y": a contrast, never "the same report"
    before = len(credits.mentioned)
    (mine,) = credits.show([credits.labels[pick.main.doc.article_id]], same=False)
    (theirs,) = credits.show([credits.labels[other.doc.article_id]], same=False)
    credits.mentioned.append("")  # a note credits two: no "the same report" after it
    text = note(pick.main.text, other.text, mine, theirs)
    if not text:  # no note written: nobody was introduced ("the third report" never met)
        del credits.mentioned[before:]
        return None
    return WrittenSentence(text, _spans(pick.main) + _spans(other))


def _written(
    pick: Pick, names: list[str] | None, variant: int, credits: _Credits, proper
) -> list[WrittenSentence]:
    """The pick's sentence (attributed to ``names`` unless None), then disagreement notes."""
    cited = [pick.main, *pick.also]
    text = pick.main.text
    if names:
        text = attribute(text, credits.show(names), variant, proper)
    out = [WrittenSentence(text, [span for c in cited for span in _spans(c)], pick.main.text)]
    for other in pick.differs:
        note = _difference(pick, other, credits)
        if note:
            out.append(note)
    return out


def _paragraphs(
    picks: list[Pick], labels: dict[int, str], proper: frozenset[str]
) -> list[list[WrittenSentence]]:
    """Laid-out picks as sentences, one credit phrase to a paragraph where it can be.

    A paragraph names its outlet(s) in its first sentence. A later sentence of the same
    outlet's account carries no credit of its own when every outlet it cites is named
    in this paragraph or earlier in the piece (its sources stay in its spans, shown as
    citations); it is credited again only when it would leave an outlet never named.
    A paragraph that goes on with the account the previous one credited (the same
    outlets) carries no credit either: a credit where the outlet changes."""
    paragraphs, variant, credits = [], 0, _Credits(labels)
    named: set[str] = set()
    last: set[str] = set()  # the outlets the previous paragraph credited
    for group in layout(picks):
        sentences, here = [], set()
        for pick in group:
            names = list(dict.fromkeys(labels[c.doc.article_id] for c in [pick.main, *pick.also]))
            if not pick.differs and (
                (here and set(names) <= here | named) or (not here and set(names) == last)
            ):
                sentences += _written(pick, None, variant, credits, proper)
                here = here or set(names)
                continue
            sentences += _written(pick, names, variant, credits, proper)
            here |= set(names)
            named |= set(names)
            variant += 1
        paragraphs.append(sentences)
        last = here
    return paragraphs


def _credit_order(paragraphs: list[list[WrittenSentence]], labels: dict[int, str]) -> list[int]:
    """Article ids in the order the text introduces them: an unnamed report first cited
    on its own (not in a group) comes first, so that "one report" precedes "another"."""
    solo: dict[int, int] = {}
    first: dict[int, int] = {}
    sentences = [s for p in paragraphs for s in p]
    for n, s in enumerate(sentences):
        ids = list(dict.fromkeys(sp.article_id for sp in s.support))
        for a in ids:
            first.setdefault(a, n)
        unnamed = [a for a in ids if is_unnamed(labels[a])]
        if len(unnamed) == 1:
            solo.setdefault(unnamed[0], n)
    return sorted(first, key=lambda a: (solo.get(a, len(sentences)), first[a]))


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


def _ordered_credits(
    picks: list[Pick], sources: list[SourceDoc], proper: frozenset[str]
) -> tuple[list[SourceDoc], dict[int, str]]:
    """(sources the article cites, in the order it introduces them; their labels).

    Unnamed reports are numbered ("one report", "another report") in that order, which
    is also the order of ``Draft.sources``: the credit gate numbers them the same way.
    A first pass with the sources' own order finds it (which sentences cite what does
    not depend on the labels)."""
    first = credit_labels(sources)
    order = _credit_order(_paragraphs(picks, first, proper), first)
    by_id = {d.article_id: d for d in sources}
    used = [by_id[a] for a in order]
    return used, credit_labels(used + [d for d in sources if d.article_id not in order])


def _headline(
    picks: list[Pick],
    cands: list[Candidate],
    sources: list[SourceDoc],
    allowance: dict[int, int],
    ctx: dict,
) -> tuple[list[Pick], str]:
    """(picks, headline). When no body sentence makes a headline naming the story's main
    actor and an early source sentence does, that sentence becomes the lead (within the
    copy allowance), so the headline says who and the body supports it."""
    early = [c for c in sorted(cands, key=lambda c: c.index) if c.index < LEAD_POOL]
    body = [p.main.text for p in picks]
    line, text = make_headline(body, sources, [c.text for c in early], ctx, lead_ok=True)
    if text and text not in body:
        lead = next(c for c in early if c.text == text)
        # the story selected again around the new lead: within the same budget, nothing
        # that repeats it, what it already says no longer counted as missing
        widened = select(cands, allowance, BUDGET_WORDS, lead=lead)
        widened = _within_allowance(widened, sources, allowance)
        # never at the cost of the article: a lead that pushes out what made it long
        # enough to stand on its own is not worth its headline
        if widened and widened[0].main is lead and len(widened) >= min(len(picks), 3):
            return widened, line
        line, text = make_headline(body, sources, [c.text for c in early], ctx)
    return picks, line or shorten(picks[0].main.text)


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
    texts = [d.text for d in sources]
    outlets = [d.outlet for d in sources]
    ctx = tag_context(texts, outlets)
    picks, headline = _headline(picks, cands, sources, allowance, ctx)
    proper = _proper_words(sources)
    used, labels = _ordered_credits(picks, sources, proper)
    paragraphs = _paragraphs(picks, labels, proper)
    ctx["outlets"] |= {label.lower().removeprefix("the ") for label in labels.values()}
    story_tags = clean_tags(tags(texts, limit=12), texts, outlets, ctx=ctx)
    body = " ".join(p.main.text for p in picks)
    return Draft(
        headline=headline,
        paragraphs=paragraphs,
        sources=used,
        category=categorize(body, " ".join(d.title for d in sources)),
        tags=story_tags,
        backend="extractive",
    )
