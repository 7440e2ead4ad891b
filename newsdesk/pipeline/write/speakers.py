"""Naming the speaker of a quote whose sentence does not name one.

News often writes ``"...," he said.`` or a bare quoted sentence after a sentence that
names the speaker. ``name_speaker(text, sents, i)`` looks for that name in the sentence
before sentence ``i`` and the one after (same paragraph) (a named quote speaker, or a full
name opening the previous sentence) and returns ``(new_text, (start, end))``: the text
with the pronoun replaced by the surname, or the bare quote closed with
``, Surname said.``, plus the span of the sentence the name came from (so the name is
in the cited support). Quoted words are left exactly as they were. None when no name
is found or the sentence has another shape.
"""

from __future__ import annotations

import re

from newsdesk.language.words import STOPWORDS
from newsdesk.pipeline.write.quotes import find_quotes, is_pronoun
from newsdesk.pipeline.write.sentences import Sentence

_PRONOUN_SAID = re.compile(
    r"([,?!][\"\u201d]\s+)(he|she)(\s+(?:said|says|added|told|explained|wrote|continued|noted)\b)"
)
_BARE_QUOTE = re.compile(r"^([\"\u201c])(.+?)([.?!])([\"\u201d])$")
_OPENING_NAME = re.compile(r"^((?:[A-Z][a-z]+\.?\s+){1,3}[A-Z][a-z]+)\b(?!\s+[A-Z])")


def _surname(phrase: str) -> str:
    caps = [w.strip(",.") for w in phrase.split() if w[:1].isupper() and w.lower() not in STOPWORDS]
    name = caps[-1] if caps else ""
    return name[:-2] if name.endswith(("'s", "\u2019s")) else name


def _name_near(sents: tuple[Sentence, ...], i: int) -> tuple[str, Sentence] | None:
    for j in (i - 1, i + 1):  # the gate checks the speaker within one sentence too
        if not 0 <= j < len(sents) or sents[j].para != sents[i].para and j > i:
            continue
        for q in find_quotes(sents[j].text):
            if q.speaker and not is_pronoun(q.speaker) and _surname(q.speaker):
                return _surname(q.speaker), sents[j]
        m = _OPENING_NAME.match(sents[j].text) if j == i - 1 else None
        if m and m.group(1).split()[0].lower() not in STOPWORDS:
            return _surname(m.group(1)), sents[j]
    return None


def name_speaker(
    text: str, sents: tuple[Sentence, ...], i: int
) -> tuple[str, tuple[int, int]] | None:
    """(text with its speaker named, span naming them) or None (see module note)."""
    found = _name_near(sents, i)
    if found is None:
        return None
    name, where = found
    pronoun = _PRONOUN_SAID.search(text)
    if pronoun and text.count('"') + text.count("\u201c") <= 2:
        return text[: pronoun.start(2)] + name + text[pronoun.end(2) :], (where.start, where.end)
    bare = _BARE_QUOTE.match(text)
    if bare and '"' not in bare.group(2) and "\u201d" not in bare.group(2):
        mark = "," if bare.group(3) == "." else bare.group(3)
        return f"{bare.group(1)}{bare.group(2)}{mark}{bare.group(4)} {name} said.", (
            where.start,
            where.end,
        )
    return None
