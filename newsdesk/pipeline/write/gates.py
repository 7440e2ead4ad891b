"""Gates every draft passes before it may be published without an editor.

``check_draft(draft, sources, require_links=True) -> list[str]`` returns one
human-readable reason per failure (empty list = may auto-publish):

- ``no support``: a sentence cites nothing, or cites a span outside its article;
- ``unsupported``: a number, date, name or negation of a sentence is missing from
  the source sentences it cites, or the sentence shares too few words with them;
- ``quote not verbatim`` / ``speaker mismatch``: text in quotation marks is not found
  word for word in a cited article, or the named speaker is not the one there;
- ``headline unsupported``: the headline states a fact or words the body lacks;
- reader faults (``repair.reader_faults``): a fragment, glued sentences, page
  furniture, a span cut inside a number, a repeated fact, a speaker named by surname
  before the full name;
- ``uncredited outlet`` / ``unlinked outlet``: an article used is not named in the
  text, not listed in the sources, or (with ``require_links``) has no http(s) link.
  Articles without an outlet are "one report", "another report", ... numbered in the
  order of the draft's sources list (else of ``sources``); a sentence crediting "both
  reports" / "two reports" credits exactly the unnamed reports it cites.

A sentence's facts are checked on its ``claim`` (the source words the writer credited,
carried in the draft); for a sentence without one (an LLM's), outlet names,
"one report"-style labels, "both reports"-style group phrases and back-references ("the
second report") are removed first. Credit is checked by the credit gate. Pure; never raises.

``length_problems(draft)`` is the editorial rule beside them (``write_story`` applies
both): a draft of fewer than ``MIN_SENTENCES`` sentences -- sources too short to reuse
more than a sentence or two of, at most a third of each -- waits for an editor rather
than going out as a one-line article.
"""

from __future__ import annotations

import re

from newsdesk.language.words import content_stems, normalize_space
from newsdesk.pipeline.types import Draft, SourceDoc, WrittenSentence
from newsdesk.pipeline.write.facts import has_negation, missing_facts
from newsdesk.pipeline.write.outlets import credit_labels
from newsdesk.pipeline.write.quotes import find_quotes, is_pronoun, quote_in, speaker_words
from newsdesk.pipeline.write.repair import reader_faults
from newsdesk.pipeline.write.reports import group_sizes, is_unnamed, strip_phrases
from newsdesk.pipeline.write.sentences import split_sentences

MIN_OVERLAP = 0.34  # share of a sentence's content words its support must contain
HEADLINE_OVERLAP = 0.7
MAX_HEADLINE_CHARS = 100
MIN_SENTENCES = 3


def _strip_labels(text: str, labels: list[str]) -> str:
    for label in sorted(set(labels), key=len, reverse=True):
        # whole words only: a short name ("UPI", "RT") must not cut "occupied" or "report"
        text = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return strip_phrases(text)


def _support_text(sentence: WrittenSentence, docs: dict[int, SourceDoc]) -> str | None:
    parts = []
    for span in sentence.support:
        doc = docs.get(span.article_id)
        if doc is None or not 0 <= span.start < span.end <= len(doc.text):
            return None
        parts.append(doc.text[span.start : span.end])
    return " ".join(parts) if parts else None


def _overlap(claim: str, support: str) -> float:
    mine = set(content_stems(claim))
    return len(mine & set(content_stems(support))) / len(mine) if mine else 1.0


def _speaker_ok(speaker: str, quote: str, texts: list[str]) -> bool:
    """True when a source sentence holding the quote, or one beside it, names the speaker."""
    wanted = speaker_words(speaker) or {speaker.split()[-1].lower()}
    surname = speaker.split()[-1].strip(".,'\u2019").lower()
    for text in texts:
        sentences = split_sentences(text)
        for i, s in enumerate(sentences):
            if quote not in normalize_space(s.text):
                continue
            window = " ".join(x.text for x in sentences[max(0, i - 1) : i + 2]).lower()
            # the source may give the full name earlier and the surname beside the quote
            if all(w in window for w in wanted) or (
                surname in window and all(w in " ".join(texts).lower() for w in wanted)
            ):
                return True
    return False


def _quote_problems(n: int, text: str, cited: list[SourceDoc], labels: list[str]) -> list[str]:
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        return [f"quote not verbatim: sentence {n} has unbalanced quotation marks"]
    problems = []
    texts = [d.text for d in cited]
    for q in find_quotes(text, min_words=1):
        if not any(quote_in(q.text, t) for t in texts):
            problems.append(
                f"quote not verbatim: sentence {n} quotes \u201c{q.text}\u201d, not found in its cited sources"
            )
            continue
        speaker = _strip_labels(q.speaker, labels).strip()
        if speaker and not is_pronoun(speaker) and not _speaker_ok(speaker, q.text, texts):
            problems.append(
                f"speaker mismatch: sentence {n} gives \u201c{q.text[:60]}\u201d to {q.speaker}, the source does not"
            )
    return problems


def _sentence_problems(
    n: int, s: WrittenSentence, docs: dict[int, SourceDoc], labels: list[str]
) -> list[str]:
    support = _support_text(s, docs)
    if support is None:
        return [f"no support: sentence {n} cites no valid source sentence"]
    # the writer says what the sentence claims; else credit phrases are stripped here
    claim = s.claim or _strip_labels(s.text, labels)
    problems = []
    # its words up to the last comma: a credit may replace ", a source said" at the end
    core = normalize_space(s.claim).rstrip(".!?")
    core = (core.rsplit(",", 1)[0] if "," in core else core)[1:]
    if s.claim and core not in normalize_space(s.text):
        problems.append(f"unsupported: sentence {n} does not say the claim it carries")
    missing = missing_facts(claim, support)
    pieces = [docs[sp.article_id].text[sp.start : sp.end] for sp in s.support]
    if not has_negation(claim) and all(has_negation(p) for p in pieces):
        missing.append("a dropped negation")
    if missing:
        problems.append(
            f"unsupported: sentence {n} has {', '.join(missing)} not in its cited support"
        )
    elif _overlap(claim, support) < MIN_OVERLAP:
        problems.append(f"unsupported: sentence {n} shares too few words with its cited support")
    cited = [docs[sp.article_id] for sp in s.support]
    return problems + _quote_problems(n, s.text, list(dict.fromkeys(cited)), labels)


def _headline_problems(draft: Draft, labels: list[str]) -> list[str]:
    if not draft.headline.strip():
        return ["headline unsupported: the headline is empty"]
    problems = []
    if len(draft.headline) > MAX_HEADLINE_CHARS:
        problems.append(
            f"headline unsupported: {len(draft.headline)} characters, over {MAX_HEADLINE_CHARS}"
        )
    body = _strip_labels(draft.body_text, labels)
    head = _strip_labels(draft.headline, labels)
    missing = missing_facts(head, body)
    if missing:
        problems.append(f"headline unsupported: {', '.join(missing)} not in the body")
    elif _overlap(head, body) < HEADLINE_OVERLAP:
        problems.append("headline unsupported: most of its words are not in the body")
    return problems


def _grouped(draft: Draft, labels: dict[int, str]) -> set[int]:
    """Unnamed reports credited together: a sentence citing k of them that says "both
    reports", "two other reports", "all three reports" (k reports) credits all k."""
    out: set[int] = set()
    for s in draft.sentences:
        ids = {sp.article_id for sp in s.support if sp.article_id in labels}
        unnamed = {a for a in ids if is_unnamed(labels[a])}
        if len(unnamed) > 1 and len(unnamed) in group_sizes(s.text):
            out |= unnamed
    return out


def _uncredited(draft: Draft, used: list[int], labels: dict[int, str]) -> list[str]:
    body = normalize_space(draft.body_text).lower()
    grouped = _grouped(draft, labels)
    return [
        f"uncredited outlet: {labels[a]} is used but not named in the text"
        for a in used
        if a not in grouped and normalize_space(labels[a]).lower() not in body
    ]


def _credit_problems(draft: Draft, docs: dict[int, SourceDoc], require_links: bool) -> list[str]:
    """Unnamed reports are numbered in the order of the draft's sources list ("one
    report" first), or else in the order of ``docs``: either numbering must credit all."""
    used = list(
        dict.fromkeys(
            sp.article_id for s in draft.sentences for sp in s.support if sp.article_id in docs
        )
    )
    listed = {d.article_id for d in draft.sources}
    ordered = [docs[d.article_id] for d in draft.sources if d.article_id in docs]
    ordered += [d for d in docs.values() if d.article_id not in listed]
    labels = credit_labels(docs.values())
    problems = _uncredited(draft, used, credit_labels(ordered))
    if problems:
        problems = _uncredited(draft, used, labels)
    for article_id in used:
        label = labels[article_id]
        if article_id not in listed:
            problems.append(f"uncredited outlet: {label} is used but missing from the sources list")
        url = docs[article_id].url or ""
        if require_links and not url.startswith(("http://", "https://")):
            problems.append(f"unlinked outlet: {label} has no http(s) link")
    return problems


def sentence_problems(draft: Draft, sources: list[SourceDoc]) -> list[list[str]]:
    """Support and quote failures of each sentence of ``draft``, one list per sentence."""
    docs = {d.article_id: d for d in sources}
    labels = list(credit_labels(sources).values())
    return [_sentence_problems(n, s, docs, labels) for n, s in enumerate(draft.sentences, 1)]


def check_draft(draft: Draft, sources: list[SourceDoc], require_links: bool = True) -> list[str]:
    """All gate failures of ``draft`` against ``sources`` (see module note)."""
    docs = {d.article_id: d for d in sources}
    labels = credit_labels(sources)
    if not draft.sentences:
        return ["no support: the draft has no sentences"]
    problems = [p for ps in sentence_problems(draft, sources) for p in ps]
    problems += _headline_problems(draft, list(labels.values()))
    problems += _credit_problems(draft, docs, require_links)
    return problems + reader_faults(draft, sources)


def length_problems(draft: Draft) -> list[str]:
    """``too short`` when the body has fewer than ``MIN_SENTENCES`` sentences."""
    count = len(draft.sentences)
    if count >= MIN_SENTENCES:
        return []
    plural = "s" * (count != 1)
    return [f"too short: {count} sentence{plural}; at least {MIN_SENTENCES} to publish on its own"]
