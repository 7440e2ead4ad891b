"""A new headline from the story's own lead sentences.

``make_headline(sentences, actors, titles) -> str`` compresses the first of
``sentences`` (the body's own sentences, best first) that names one of ``actors``:
it drops a leading subordinate clause ("After ..., "), a trailing attribution
(", police said"), parentheses and quotes, then cuts at a clause boundary to at most
``MAX_CHARS`` characters. Because the words come from a body sentence, the headline
claims nothing the body does not say. A candidate too close to a source title
(``too_close``) is skipped. Returns "" when no sentence fits.
"""

from __future__ import annotations

import re

from newsdesk.lib.words import STOPWORDS, content_stems

MAX_CHARS = 90
_LEADING = re.compile(
    r"^(?:after|as|while|when|following|despite|in|on|at|amid|with|without|since|before|"
    r"according to|for|by|during|although|though|if)\b[^,]{0,80},\s+", re.IGNORECASE
)
_TRAILING_SAID = re.compile(r",?\s+(?:[\w.'-]+\s+){0,6}?(?:said|says|reported|reports|told\s+[\w\s]+)\s*$")
_PAREN = re.compile(r"\s*\([^)]*\)")
_CUTS = re.compile(r",\s+(?:which|who|where|but|and|while|as|after|saying)\b|;|\s+-\s+|,\s|\s+(?:after|as|when|while|because|but)\s+")
_APPOSITIVE = re.compile(r",\s[^\"\u201c]{3,100},\s(?=[a-z])")
_AUXILIARIES = frozenset("is are was were has have had will would can could may might must did does do".split())
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e]|''")


def _has_verb(text: str) -> bool:
    """Crude check that a headline is a clause, not a bare noun phrase."""
    for w in text.split():
        w = w.strip(",.;:'\"")
        if w in _AUXILIARIES or (w.islower() and len(w) > 3 and w.endswith(("ed", "es", "s")) and not w.endswith("ss")):
            return True
    return False


def _compress(text: str) -> str:
    text = _PAREN.sub("", text).strip().rstrip(".!?")
    text = _LEADING.sub("", text)
    text = _TRAILING_SAID.sub("", text)
    for _ in range(2):  # "Esther Williams, whose ... 1950s, has died" -> "Esther Williams has died"
        text = _APPOSITIVE.sub(" ", text, count=1)
    was_cut = len(text) > MAX_CHARS
    if was_cut:
        cut = [m.start() for m in _CUTS.finditer(text) if 30 <= m.start() <= MAX_CHARS]
        if not cut:
            return ""
        text = text[: cut[-1]]
    # Shouted lead-ins ("A FIRE-BOMB attack") read as normal words; acronyms stay.
    words = [w.capitalize() if w.isupper() and len(w.strip(",.")) > 4 else w for w in text.split()]
    if len(words) > 4 and words[0] in ("A", "An"):
        words = words[1:]
    while was_cut and words and words[-1].lower().strip(",") in STOPWORDS:
        words.pop()  # a cut may leave "... to retain his"; a whole clause keeps its end
    text = " ".join(words).rstrip(",;:-")
    return text[:1].upper() + text[1:]


def too_close(headline: str, titles: list[str]) -> bool:
    """True when ``headline`` shares 60% or more of its content words with a source title."""
    mine = set(content_stems(headline))
    for title in titles:
        theirs = set(content_stems(title))
        if mine and theirs and len(mine & theirs) / len(mine | theirs) >= 0.6:
            return True
    return False


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` without final punctuation, cut at a word boundary to ``limit`` characters,
    with trailing small words dropped (the fallback when no clause fits)."""
    out: list[str] = []
    for word in text.rstrip(".!?").split():
        if len(" ".join(out + [word])) > limit:
            break
        out.append(word)
    while out and out[-1].lower().strip(",;:") in STOPWORDS:
        out.pop()
    return " ".join(out).rstrip(",;:-")


def make_headline(sentences: list[str], actors: list[str], titles: list[str]) -> str:
    """Headline from the best body sentence that names a main actor (see module note)."""
    fallback = ""
    for text in sentences:
        if _QUOTED.search(text):
            continue
        line = _compress(text)
        if len(line.split()) < 4 or not _has_verb(line) or too_close(line, titles):
            continue
        if any(a.lower() in line.lower() for a in actors[:3]):
            return line
        fallback = fallback or line
    return fallback
