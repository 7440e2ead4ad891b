"""Where two outlets' versions of one sentence differ: a figure or a name.

``select`` pairs a picked sentence with the most similar sentence of each other outlet;
these functions decide whether the pair disagrees and write the sentence that says so.

- ``numbers(text)``: the figures of a sentence ("1,200" -> "1200").
- ``differing_names(mine, theirs) -> (my name, their name) | None``: the two sentences
  name a different person or place in the same slot. Deliberately strict, because a
  false "the outlets differ" is worse than a missed one: each sentence has exactly one
  name run the other lacks; after dropping shared leading/trailing words (a title such
  as "Officer", a shared surname) both differences are at least two words long and
  none of their words occurs anywhere in the other sentence; and the two runs sit in
  the same slot (the same word before them or after them). So "John Smith" against
  "Jon Smyth" differs; "John Smith" against "Smith", "President Trump" against "Donald
  Trump", or a sentence naming one more person does not.
- ``note(...)``: one sentence that says so and credits both: "The outlets differ on
  the figure: X has 14 survivors, Y has 16 survivors." or "The outlets differ on the
  name: X has John Smith, Y has Jon Smyth." ("The two reports from X differ on the
  name: ... and ..." for two articles of one outlet; None when no note applies).

Pure; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.language.words import STOPWORDS
from newsdesk.pipeline.write.facts import DATE_WORDS, NUMBER_WORDS

_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_NUMBER_UNIT = re.compile(r"(\d[\d,.]*)\s+([a-z]+)")
_TOKEN = re.compile(r"[A-Z]\.|[A-Za-z][A-Za-z'\u2019-]*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec".split())
_NOT_NAMES = STOPWORDS | DATE_WORDS | NUMBER_WORDS | _MONTHS | frozenset("mr mrs ms dr".split())
MIN_NAME_WORDS = 2


@dataclass(frozen=True)
class _Run:
    words: tuple[str, ...]
    before: tuple[str, ...]  # the two lower-cased tokens before the run ("^" past the start)
    after: tuple[str, ...]  # the two lower-cased tokens after the run ("$" past the end)


def _value(figure: str) -> str:
    """ "6.0" -> "6", "1,200" -> "1200": one spelling per value, so that "magnitude 6"
    and "magnitude-6.0" are no disagreement."""
    figure = figure.replace(",", "")
    if "." in figure:
        figure = figure.rstrip("0").rstrip(".") or "0"
    return figure


def numbers(text: str) -> set[str]:
    """Figures written in digits, one spelling per value ("6.0" -> "6", "1,200" -> "1200")."""
    return {_value(m.group(0)) for m in _DIGITS.finditer(text)}


def _is_name_word(token: str) -> bool:
    return token[:1].isupper() and token.lower().strip(".") not in _NOT_NAMES


def _runs(text: str) -> list[_Run]:
    """Maximal runs of capitalised non-stop words (a lone sentence-opening word is no name)."""
    tokens = _TOKEN.findall(text.strip().lstrip("\"'\u201c\u2018("))
    runs, i = [], 0
    while i < len(tokens):
        if not _is_name_word(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and _is_name_word(tokens[j]):
            j += 1
        if i > 0 or j - i > 1:
            padded = ["^", "^", *(t.lower() for t in tokens), "$", "$"]
            runs.append(
                _Run(tuple(tokens[i:j]), tuple(padded[i : i + 2]), tuple(padded[j + 2 : j + 4]))
            )
        i = j
    return runs


def _lower_words(text: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(text)}


def _core(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``x`` and ``y`` without their shared leading and trailing words."""
    a, b = [w.lower() for w in x], [w.lower() for w in y]
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    return a, b


def _same_slot(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Same two neighbouring tokens, one of them a content word ("victim as", ", 34")."""
    return mine == theirs and any(t[:1].isalnum() and t not in STOPWORDS for t in mine)


def differing_names(mine: str, theirs: str) -> tuple[str, str] | None:
    """(name in ``mine``, name in ``theirs``) when they name different people or places
    in the same slot (see module note), else None."""
    my_words, their_words = _lower_words(mine), _lower_words(theirs)
    only_mine = [r for r in _runs(mine) if not {w.lower() for w in r.words} <= their_words]
    only_theirs = [r for r in _runs(theirs) if not {w.lower() for w in r.words} <= my_words]
    if len(only_mine) != 1 or len(only_theirs) != 1:
        return None
    x, y = only_mine[0], only_theirs[0]
    a, b = _core(x.words, y.words)
    if len(a) < MIN_NAME_WORDS or len(b) < MIN_NAME_WORDS:
        return None
    if set(a) & their_words or set(b) & my_words:
        return None
    if not (_same_slot(x.before, y.before) or _same_slot(x.after, y.after)):
        return None
    return " ".join(x.words), " ".join(y.words)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def note(mine: str, theirs: str, my_label: str, their_label: str) -> str | None:
    """The sentence saying how ``theirs`` (from ``their_label``) differs from ``mine``."""
    units = {u: n for n, u in _NUMBER_UNIT.findall(mine)}
    for number, unit in _NUMBER_UNIT.findall(theirs):
        if unit in units and _value(units[unit]) != _value(number):
            pair = (f"{units[unit]} {unit}", f"{number} {unit}")
            return _differ("figure", pair, my_label, their_label)
    names = differing_names(mine, theirs)
    return None if names is None else _differ("name", names, my_label, their_label)


def _differ(what: str, pair: tuple[str, str], my_label: str, their_label: str) -> str:
    """One sentence crediting both versions: "The outlets differ on the figure: A has 12
    people, B has 15 people." """
    if their_label == my_label:  # two articles of one outlet
        return f"The two reports from {my_label} differ on the {what}: {pair[0]} and {pair[1]}."
    outlets = "reports" if my_label.endswith(" report") else "outlets"
    return (
        f"The {outlets} differ on the {what}: {my_label} has {pair[0]}, "
        f"{their_label} has {pair[1]}."
    )
