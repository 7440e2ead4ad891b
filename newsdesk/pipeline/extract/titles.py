"""Titles without time stamps: named rules with their examples.

clean_title(title) -> the title with any "Updated 11/27/2005 3:41 PM" stamp removed; a
title that is nothing but a stamp becomes "" so the next candidate (og:title, headline,
<h1>, <title>, then the body's lead) is used. lead_title(text) -> a title from the first
words of the body, for a page whose every title is a stamp. Pure functions.
Every rule's examples run in tests/test_extract_titles.py.
"""

import re
from dataclasses import dataclass

_WORD = r"(?:Updated|Last updated|Posted|Published|Modified|Last modified)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
)
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT[+-]\d+))?)"
# A stamp: an optional "Updated:" word, then a date and/or a time.
STAMP = (
    rf"(?:{_WORD}\s*:?\s*(?:on\s+)?)?"
    rf"(?:{_DATE}(?:,?\s*(?:at\s+)?{_TIME})?|{_TIME}(?:,?\s*(?:on\s+)?{_DATE})?)"
)
_SEP = r"\s*[|:\u2013\u2014-]\s*"


@dataclass(frozen=True)
class TitleRule:
    name: str
    pattern: re.Pattern
    examples: tuple[tuple[str, str], ...]  # (title, cleaned)


RULES = (
    TitleRule(
        "stamp-only",
        re.compile(rf"^\s*{STAMP}\s*$", re.I),
        (
            ("Updated 11/27/2005 3:41 PM", ""),
            ("Posted: Nov. 27, 2005 at 3:41 p.m. ET", ""),
            ("Last updated 2013-05-03 07:18", ""),
            ("15:41 GMT", ""),
        ),
    ),
    TitleRule(
        "leading-stamp",
        re.compile(rf"^\s*{STAMP}{_SEP}", re.I),
        (
            (
                "Updated 11/27/2005 3:41 PM - Earthquake jolts southern Iran",
                "Earthquake jolts southern Iran",
            ),
            ("Published: 3 May 2013 | Lohan checks into rehab", "Lohan checks into rehab"),
        ),
    ),
    TitleRule(
        "trailing-stamp",
        re.compile(rf"{_SEP}{STAMP}\s*$", re.I),
        (
            (
                "Earthquake jolts southern Iran - Updated 3:41 PM ET",
                "Earthquake jolts southern Iran",
            ),
            ("Storm warning | 27 November 2005", "Storm warning"),
        ),
    ),
)

# Titles that mention a time or a date in their words are left alone.
KEPT = (
    "Strike ends after 10:30 talks deadline",
    "Markets fall on 9/11 anniversary",
    "Council meets at 3:41 PM to vote on budget",
)


def clean_title(title: str) -> str:
    text = " ".join((title or "").split())
    for rule in RULES:
        text = rule.pattern.sub("", text).strip()
    return text


LEAD_WORDS = 12


def lead_title(text: str) -> str:
    """The body's first sentence, at most LEAD_WORDS words ('…' where cut)."""
    first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    words = first.split()
    if len(words) <= LEAD_WORDS:
        return first.rstrip(".")
    return " ".join(words[:LEAD_WORDS]).rstrip(",;:") + "…"
