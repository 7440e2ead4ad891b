"""People a piece names: a speaker is introduced by full name before a surname alone.

``full_names(texts) -> {surname: "First Surname"}`` reads the sources for the fullest
form of each person's name (a capitalised first name, optionally an initial, then the
surname; titles and place words are not first names). ``unintroduced(texts, names)``
lists ``(sentence index, surname, full name)`` for each sentence whose speaker is a
surname alone ("Steward said", "Mr. Gotti", "said Brimmer") or whose subject is one
("Dorsey's been at the plant") before the piece has given that person's full name. ``introduce(text, surname, full)`` rewrites the first such
mention with the full name. Pure; never raises.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.language.words import STOPWORDS
from newsdesk.pipeline.write.wordclass import FUNCTION_WORDS

_NAME = r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?"
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_FULL = re.compile(rf"\b({_NAME}(?:\s+[A-Z]\.)?)\s+({_NAME})\b")
_VERBS = r"(?:said|says|told|added|explained|noted|wrote|testified|insisted|argued)"
_SPEAKER = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Dr)\.?\s+({_NAME})\b|\b({_NAME})(?=\s+{_VERBS}\b)"
    rf"|\b{_VERBS}\s+({_NAME})(?=\s*[,.;]|$)"
)
# The person a sentence is about, a surname alone opening it (after a credit too):
# "Dorsey's been at the plant for 37 years", "According to Fox News, Comeaux, a ...".
# The repair names them in full where the sources give the name; a draft is not held
# for one (a speaker left unnamed is a gate fault, the subject is a matter of style).
_SUBJECT = re.compile(
    r"(?:^|,\s|\bthat\s)([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?=['\u2019]s\b|,\s|\s+[a-z])"
)
# Words that may stand before a surname without being a first name.
_NOT_FIRST = STOPWORDS | frozenset(
    """mr mrs ms dr prof president gov governor sen senator rep judge chief officer coach
    minister prime police sheriff mayor secretary general gen lt sgt capt detective attorney
    saint st lake mount fort port new north south east west united los san las le la de
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december the county city state district
    deputy assistant former acting interim u s dist atty""".split()
)


_PART_OF_NAME = re.compile(r"[A-Z][\w.'\u2019-]*\s$")
# Last words of organisations, not surnames: "the Commission said" needs no first name.
_NOT_SURNAME = frozenset(
    """commission committee department ministry police service council court agency office
    party union group center centre institute university association board bureau company
    corp authority government administration house senate congress army force foundation
    news times post press network league club team church hospital school""".split()
)


def full_names(texts: list[str]) -> dict[str, str]:
    """surname -> its most frequent full form in ``texts`` (see module note)."""
    seen: dict[str, Counter] = {}
    for text in texts:
        for m in _FULL.finditer(text):
            first, surname = m.group(1), m.group(2)
            lead = first.split()[0].lower().replace("\u2019", "'")
            if lead in _NOT_FIRST or surname.lower() in _NOT_FIRST | _NOT_SURNAME:
                continue
            if lead.endswith(("ing", "'s")) or lead in FUNCTION_WORDS:
                continue  # "Across Athens", "Considering Lionsgate", "Iran's Qeshm"
            seen.setdefault(surname, Counter())[f"{first} {surname}"] += 1
    return {s: c.most_common(1)[0][0] for s, c in seen.items()}


def unintroduced(
    texts: list[str], names: dict[str, str], subjects: bool = False
) -> list[tuple[int, str, str]]:
    """(index, surname, full name) of each first surname-only speaker, and with
    ``subjects`` of each first surname-only subject (see module note)."""
    out, said, flagged = [], "", set()
    for i, text in enumerate(texts):
        quoted = _quoted(text)
        found = [*_SPEAKER.finditer(text), *(_SUBJECT.finditer(text) if subjects else ())]
        for m in sorted(found, key=lambda m: m.start()):
            if any(a <= m.start() < b for a, b in quoted):
                continue  # quoted words stay exactly as spoken
            surname = next(g for g in m.groups() if g)
            if _PART_OF_NAME.search(text[: m.start()]) and not text[m.start() : m.end()].startswith(
                ("Mr", "Mrs", "Ms", "Dr")
            ):
                continue  # "Central Election Commission said": the word ends a longer name
            full = names.get(surname)
            if full and surname not in flagged and not _named(full, said + " " + text[: m.end()]):
                out.append((i, surname, full))
                flagged.add(surname)
        said += " " + text
    return out


def _named(full: str, text: str) -> bool:
    """True when ``text`` gives ``full``, with or without a middle initial or a nickname
    ("Kimani (Kiki) Gray", 'Vincent "The Chin" Gigante')."""
    first, surname = full.split()[0], full.split()[-1]
    middle = r"(?:[A-Z]\.\s+|\([^)]{1,30}\)\s+|[\"\u201c][^\"\u201d]{1,30}[\"\u201d]\s+)?"
    return re.search(rf"\b{re.escape(first)}\s+{middle}{re.escape(surname)}\b", text) is not None


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def introduce(text: str, surname: str, full: str) -> str:
    """``text`` with its first title-or-bare ``surname`` outside quotes replaced by ``full``."""
    name = re.escape(surname)
    pattern = rf"\b(?:Mr|Mrs|Ms|Dr)\.?\s+{name}\b|(?<![A-Z][a-z]\s)(?<![A-Z]\.\s)\b{name}\b"
    quoted = _quoted(text)
    for m in re.finditer(pattern, text):
        if not any(a <= m.start() < b for a, b in quoted):
            return text[: m.start()] + full + text[m.end() :]
    return text
