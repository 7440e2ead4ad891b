"""Undoing ECB+'s tokenisation for the demo corpus, so its pages read as published text.

``detokenize(text) -> str`` applies ``RULES`` in order: each is a named regular
expression and replacement with its examples (input -> expected), run by
``tests/test_demo_detokenize.py``. ECB+ stores text split into tokens and joined with
spaces: ``“ NYPD, KKK … ”``, ``$300, 000``, ``5. 9``, ``8: 30 p. m.``, ``TMZ. com``,
``L. A.``, ``- -``. Used by ``scripts/build_demo_corpus.py``; pure, never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    replace: str
    examples: tuple[tuple[str, str], ...]


def _rule(name: str, pattern: str, replace: str, *examples: tuple[str, str]) -> Rule:
    return Rule(name, re.compile(pattern), replace, examples)


RULES: tuple[Rule, ...] = (
    _rule(
        "curly_quote_spacing",
        r"([\u201c\u2018]) (?=\S)|(?<=\S) ([\u201d])",
        r"\1\2",
        ("said \u201c NYPD, KKK \u201d on Monday", "said \u201cNYPD, KKK\u201d on Monday"),
        ("hits as \u201c Take Me Out \u201d and", "hits as \u201cTake Me Out\u201d and"),
    ),
    _rule(
        "straight_quote_before_speaker",
        r"([,.!?]) \"(?= (?:[A-Z][\w.'-]* ){1,3}(?:said|says|told|added|explained)\b)",
        r'\1"',
        ('hard to hit, " Emanuel Steward said.', 'hard to hit," Emanuel Steward said.'),
        ('I said, " Oh my god!', 'I said, " Oh my god!'),
    ),
    _rule(
        "straight_quote_at_line_end",
        r"([,.!?]) \"(?=\n|$)",
        r'\1"',
        ('choice of rehab facilities. "', 'choice of rehab facilities."'),
    ),
    _rule(
        "single_quote_closing",
        r"([.!?,]) \u2019",
        "\\1\u2019",
        ("said, \u2018Oh, God! \u2019 he", "said, \u2018Oh, God!\u2019 he"),
    ),
    _rule(
        "caliber",
        r"\b([Aa]n?|[Tt]he)\. (\d{2,3})\b",
        r"\1 .\2",
        ("returned with a. 357 Magnum and", "returned with a .357 Magnum and"),
        ("the. 22-caliber rifle", "the .22-caliber rifle"),
    ),
    _rule(
        "split_decimal",
        r"(?<![\d,.])(\d{1,3})\. (\d)",
        r"\1.\2",
        ("magnitude at 5. 9, but", "magnitude at 5.9, but"),
        ("($2. 6 million)", "($2.6 million)"),
        ("born in 1970. 25 people came", "born in 1970. 25 people came"),
    ),
    _rule(
        "split_thousands",
        r"(?<![\d,.])(\d{1,3}(?:,\d{3})*), (\d{3})(?!\d)",
        r"\1,\2",
        ("$300, 000 in cash", "$300,000 in cash"),
        ("fell 2, 117 points", "fell 2,117 points"),
        ("won 6-4, 6-3", "won 6-4, 6-3"),
    ),
    _rule(
        "split_clock",
        r"\b(\d{1,2}): (\d{2})\b",
        r"\1:\2",
        ("at 8: 30 p.m.", "at 8:30 p.m."),
    ),
    _rule(
        "split_am_pm",
        r"\b([aApP])\. ([mM])\.",
        r"\1.\2.",
        ("at 8:30 p. m. ET", "at 8:30 p.m. ET"),
    ),
    _rule(
        "split_initials",
        r"\b([A-Z])\. (?=[A-Z]\.)",
        r"\1.",
        ("moved to L. A. in 2009", "moved to L.A. in 2009"),
        ("the U. S. Geological Survey", "the U.S. Geological Survey"),
        ("F. B. I. agents and Judge James R. Dabney", "F.B.I. agents and Judge James R. Dabney"),
    ),
    _rule(
        "split_domain",
        r"\b(\w+)\. (com|org|net|gov|co\.uk)\b",
        r"\1.\2",
        ("TMZ. com reported", "TMZ.com reported"),
    ),
    _rule(
        "split_dash",
        r" - - ",
        " \u2014 ",
        ("Catching Fire - - and the deal", "Catching Fire \u2014 and the deal"),
    ),
)


# Straight quotes cannot be told apart by their neighbours (", " opens in 'said, " We'
# and closes in 'now, " Heller'): their order can, when a paragraph's marks pair up.
STRAIGHT_QUOTE_EXAMPLES = (
    (
        'The rep said, " We appreciate it, " and left.',
        'The rep said, "We appreciate it," and left.',
    ),
    ('" We wait, " he said. " Then we act. "', '"We wait," he said. "Then we act."'),
    ('An odd " mark stays', 'An odd " mark stays'),
)


def straight_quotes(text: str) -> str:
    """Spaces inside paired straight quotes removed: after an opening, before a closing."""
    pieces = text.split('"')
    if len(pieces) % 2 == 0:
        return text  # an odd number of marks: which one opens is unknown
    for k in range(1, len(pieces), 2):  # pieces[k] is quoted
        if pieces[k].startswith(" ") and pieces[k][1:2].strip():
            pieces[k] = pieces[k][1:]
        if pieces[k].endswith(" ") and pieces[k][-2:-1].strip():
            pieces[k] = pieces[k][:-1]
    return '"'.join(pieces)


def detokenize(text: str) -> str:
    """``text`` with every ``RULES`` replacement applied, in order, then straight quotes."""
    for rule in RULES:
        text = rule.pattern.sub(rule.replace, text)
    return straight_quotes(text)
