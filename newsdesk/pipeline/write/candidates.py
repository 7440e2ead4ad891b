"""Source sentences a writer may reuse, with their spans, as ``Candidate`` values.

``candidates(sources) -> list[Candidate]`` splits every source into sentences, trims
datelines ("LONDON (Reuters) - ", "(CNN) ", "LARGO, Fla. — "), and drops what cannot
stand alone in a new article: fragments and headings (no final punctuation),
boilerplate (cookie notices, share buttons, archive banners), sentences that open on a
pronoun or a conjunction, and quotes whose speaker is missing or only a pronoun.
Offsets stay exact: ``text`` is always ``doc.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.language.words import words
from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write.datelines import dateline_end
from newsdesk.pipeline.write.facts import facts
from newsdesk.pipeline.write.faults import sentence_faults
from newsdesk.pipeline.write.quotes import find_quotes, is_pronoun
from newsdesk.pipeline.write.sentences import split_sentences
from newsdesk.pipeline.write.speakers import name_speaker

MIN_WORDS, MAX_WORDS = 6, 55
# Lower-case substrings that mark page furniture rather than news (plain ``in`` checks:
# one big case-insensitive regex alternation was the writer's slowest step).
_BOILERPLATE = (
    "http:",
    "https:",
    "www.",
    ".com ",
    ".com.",
    "\u00a9",
    "copyright",
    "all rights reserved",
    "click here",
    "cookie",
    "javascript",
    "subscribe",
    "sign up",
    "newsletter",
    "email this",
    "share this",
    "follow us",
    "tweet with a location",
    "alexa internet",
    "wayback machine",
    "internet archive",
    "advertisement",
    "related:",
    "photo:",
    "image:",
    "getty images",
    "read more",
    "terms of use",
    "terms of service",
    "privacy policy",
    "log in",
    "login",
    "caption",
    "@",
    "warc",
    "this crawl",
    "wayback",
    "rating is available",
    "has been rented",
    "autoplay",
    "your browser",
    "this video",
    "replay",
)
_BAD_OPENERS = frozenset("them that or which who him i we our you your then".split())
# "So were the two women she's accused of ...": an inversion that only the sentence
# before it explains (and, once "So" is cut, a question)
_INVERSION = re.compile(
    r"^(?:(?:So|Nor|Neither)\s+)?(?:were|was|did|does|do|is|are|has|have|had)\s+(?:the|a|an|they|he|she|it|his|her|their)\b",
    re.IGNORECASE,
)
# A sentence opening on one of these leans on the sentence before it: usable only right
# after that sentence (``Candidate.needs_prev``).
_LEANING_OPENERS = frozenset("he she they his her their it its this these those".split())
# A leading connective refers to a sentence the article will not carry: drop it.
_CONNECTIVE = re.compile(
    r"(?:But|And|However|Also|Still|Yet|So|Moreover|Indeed|Now)\b,?\s+"
    r"(?!(?:far|much|many|long|that)\b)(?=[A-Za-z\"\u201c])"  # "So far," is no connective
)
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|we|we're|our|us)\b|\bI\u2019")
_CAPTION_DATE = re.compile(
    r",\s+(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.$"
)
_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


@dataclass(frozen=True)
class Candidate:
    doc: SourceDoc
    start: int
    end: int
    text: str  # what the article will say: the source words, or them with a speaker named
    index: int  # rank of the sentence in its source (0 = first)
    para: int  # paragraph number in its source
    has_quote: bool
    extra: tuple[tuple[int, int], ...] = ()  # more spans of the same source it relies on
    needs_prev: bool = False  # only usable right after the source sentence before it


_GLUED = re.compile(r"[.?!]\s*[\"\u201d]\s+[A-Z]")


def _quotes_ok(text: str) -> str:
    """ "plain", "quote" (every quote has a named speaker), "speaker" (one lacks it), "no"."""
    straight = text.count('"')
    if straight % 2 or text.count("\u201c") != text.count("\u201d"):
        return "no"
    if straight == 0 and "\u201c" not in text:
        return "plain"
    quotes = find_quotes(text)
    if not quotes:
        return "plain"  # only scare quotes around a word or two
    if all(q.speaker and not is_pronoun(q.speaker) for q in quotes):
        return "quote"
    outside = _QUOTED.sub(" ", text)
    # "Obama offered this: ..." names its speaker in another way; but a quoted sentence
    # glued to the next one ('... damage. " Engineers were called ...', a splitter miss
    # on spaced quote marks) does not: the name there belongs to the next sentence
    glued = _GLUED.search(text)
    if not any(q.speaker for q in quotes) and facts(outside).entities and not glued:
        return "quote"
    return "speaker"


def _boilerplate(text: str) -> bool:
    low = text.lower()
    return any(marker in low for marker in _BOILERPLATE)


def usable(text: str) -> str:
    """ "plain", "quote", "speaker" (usable once its speaker is named) or "no"."""
    tokens = words(text)
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or not _END.search(text):
        return "no"
    first = text.lstrip("\"'\u201c\u2018(")
    if not first[:1].isupper() and not first[:1].isdigit():
        return "no"
    if (
        opener(text) in _BAD_OPENERS
        or _INVERSION.match(text)
        or text.startswith("CLOSE ")
        or _boilerplate(text)
        or "..." in text
        or "\u2026" in text
        or sentence_faults(text)
    ):
        return "no"
    if sum(1 for t in tokens if t[:1].isupper()) > 0.6 * len(tokens):
        return "no"  # title case: a heading or a caption
    outside = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(outside) or _CAPTION_DATE.search(text):
        return "no"  # the original writer's own voice, or a photo caption
    if outside.rstrip("\"'\u201d) ").endswith("?"):
        return "no"  # a rhetorical question from the original piece
    return _quotes_ok(text)


def opener(text: str) -> str:
    """The first word, lower-cased, or "" when the sentence opens with a quote."""
    if text[:1] in '"\u201c':  # words inside a quote may open with "We" or "It"
        return ""
    tokens = words(text)
    return tokens[0].lower().replace("\u2019", "'").split("'")[0] if tokens else ""


def _candidate(doc: SourceDoc, sents, i: int) -> Candidate | None:
    s = sents[i]
    start = dateline_end(doc.text, s.start, s.end)
    connective = _CONNECTIVE.match(doc.text, start, s.end)
    if connective:
        start = connective.end()
    text = doc.text[start : s.end]
    if connective:
        text = text[:1].upper() + text[1:]
    status = usable(text)
    if status == "no":
        return None
    if status != "speaker":
        leaning = opener(text) in _LEANING_OPENERS and i > 0
        return Candidate(
            doc, start, s.end, text, s.index, s.para, status == "quote", needs_prev=leaning
        )
    named = name_speaker(text, sents, i)
    if named is None:
        return None
    written, extra = named
    return Candidate(doc, start, s.end, written, s.index, s.para, True, (extra,))


def candidates(sources: list[SourceDoc]) -> list[Candidate]:
    """Usable sentences of all ``sources``, in source order."""
    out: list[Candidate] = []
    for doc in sources:
        sents = split_sentences(doc.text)
        for i in range(len(sents)):
            c = _candidate(doc, sents, i)
            if c is not None:
                out.append(c)
    return out
