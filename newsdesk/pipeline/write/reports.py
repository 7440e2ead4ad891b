"""Phrases for reports that carry no outlet name: "both reports", "the second report".

Articles without a source name or link (all of Multi-News; feed items that lack both)
are credited as "one report", "another report", "a third report", ...
(``outlets.unnamed_label``), numbered in the order the article lists them. A story also
needs the phrases a reader expects beside those labels, and the credit gate has to
recognise them:

- ``group_phrase(k, total, others=False)``: "both reports" (k == total == 2), "all
  three reports" (k == total > 2), "two reports", or "two other reports" (beside a
  named outlet), for one sentence credited to ``k`` unnamed reports together;
- ``back_reference(label)``: "another report" -> "the second report", for a report
  already introduced (saying "another report" again would seem to mean a new one;
  the writer says "the same report" right after a report's last credit);
- ``group_sizes(text)``: how many reports each group phrase in ``text`` covers;
- ``strip_phrases(text)``: ``text`` without group phrases and back-references (also
  "the same report"), whose
  number words ("two", "second") are credits, not facts to check.

Pure; never raises.
"""

from __future__ import annotations

import re

from newsdesk.pipeline.write.outlets import unnamed_label

_COUNTS = "two three four five six seven eight nine ten".split()
_NTH = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_LABEL_INDEX = {unnamed_label(i): i for i in range(100)}
_COUNT = r"(?P<n>both|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_GROUP = re.compile(rf"\b(?:all\s+)?{_COUNT}\s+(?:other\s+)?reports\b", re.IGNORECASE)
_BACK = re.compile(
    rf"\bthe\s+(?:same|{'|'.join(_NTH)}|\d+(?:st|nd|rd|th))\s+report\b|{_GROUP.pattern}",
    re.IGNORECASE,
)


def is_unnamed(label: str) -> bool:
    """True for "one report"-style labels, back-references and group phrases."""
    low = label.lower()
    return low in _LABEL_INDEX or bool(_BACK.fullmatch(low))


def group_phrase(k: int, total: int, others: bool = False) -> str:
    """Credit for ``k`` (>= 2) of the story's ``total`` unnamed reports at once."""
    count = _COUNTS[k - 2] if 2 <= k <= len(_COUNTS) + 1 else str(k)
    if others:
        return f"{count} other reports"
    if k == total:
        return "both reports" if k == 2 else f"all {count} reports"
    return f"{count} reports"


def back_reference(label: str) -> str:
    """ "another report" -> "the second report"; other labels unchanged."""
    index = _LABEL_INDEX.get(label.lower())
    if index is None:
        return label
    if index < len(_NTH):
        return f"the {_NTH[index]} report"
    return f"the {label.split()[1]} report"  # "an 11th report" -> "the 11th report"


def group_sizes(text: str) -> list[int]:
    """Reports covered by each group phrase of ``text``: "Both reports say" -> [2]."""
    out = []
    for m in _GROUP.finditer(text):
        word = m.group("n").lower()
        out.append(
            2 if word == "both" else int(word) if word.isdigit() else _COUNTS.index(word) + 2
        )
    return out


def strip_phrases(text: str) -> str:
    """``text`` with group phrases and back-references blanked out."""
    return _BACK.sub(" ", text)
