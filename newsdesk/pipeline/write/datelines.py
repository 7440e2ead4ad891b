"""Datelines: where a sentence's own words begin, and which outlet a dateline names.

The one dateline module of the writer. ``dateline_end(text, start=0, end=None) -> int``
is the offset just past a dateline opening ``text[start:end]`` ("LONDON (Reuters) - ",
"(CNN) ", "LARGO, Fla. — ", "WASHINGTON: ", "DUBAI " before "A"/"An"/"The", "(WANE) ",
an update stamp "Updated | "), or ``start`` when there is none (a match
longer than half the span is not a dateline); candidates and headlines both cut it.

Outlet names an article carries in its own text: wire datelines and credit lines.

Wire copy often arrives without a source name or a link (scraped pages, syndicated feed
items), yet says who wrote it: "WASHINGTON (AP) —", "LONDON (Reuters) -", "(CNN) —",
"NEW YORK (CNNMoney)", a last line "— The Associated Press", or a footer "Copyright
2016 The Associated Press. All rights reserved." ``outlet_host_in_text(text) -> str``
returns a host for that outlet ("apnews.com"; ``outlets.outlet_display_name`` turns it
into "The Associated Press"), or "".

Strict on purpose, because crediting the wrong outlet is worse than "one report": only
a short list of outlet names counts (a place or a person in parentheses never does);
a dateline must open a line; a credit line must be the text's last line; a copyright
line needs a year; photo credits ("(AP Photo/...)", "(Brian Snyder/Reuters)", "Image
copyright AFP") and "The Associated Press contributed to this report" do not count;
two different outlets found -> "". Pure; never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Name as written in datelines and credit lines -> a host that lib.outlets names
# (imported there: this module must not import lib.outlets).
_HOSTS = {
    "AP": "apnews.com",
    "Associated Press": "apnews.com",
    "Reuters": "reuters.com",
    "AFP": "afp.com",
    "Agence France-Presse": "afp.com",
    "CNN": "cnn.com",
    "CNNMoney": "cnn.com",
    "UPI": "upi.com",
    "Bloomberg": "bloomberg.com",
    "Bloomberg News": "bloomberg.com",
    "CBS News": "cbsnews.com",
    "NBC News": "nbcnews.com",
    "ABC News": "abcnews.go.com",
    "Fox News": "foxnews.com",
}
_NAMES = "|".join(re.escape(n) for n in sorted(_HOSTS, key=len, reverse=True))
_PLACE = r"[A-Z][A-Za-z.'-]*(?:,?[ ]+[A-Z][A-Za-z.'-]*){0,4}"
_DATELINE = re.compile(
    rf"^[ \t]*(?:{_PLACE}[ \t]*)?\((?P<name>{_NAMES})\)"
    r"(?:[ \t]*(?:[-\u2013\u2014]{1,2}|:)[ \t]*|[ \t]+(?=[A-Z\"\u201c]))",
    re.MULTILINE,
)
_SIGN_OFF = re.compile(rf"^[-\u2013\u2014]{{1,2}}[ \t]*(?:The[ \t]+)?(?P<name>{_NAMES})\.?$")
_COPYRIGHT = re.compile(
    rf"(?:Copyright|\u00a9)[ \t]+(?:\(c\)[ \t]+)?(?:19|20)\d\d[ \t]+(?:The[ \t]+)?(?P<name>{_NAMES})\b"
)
_TAIL_CHARS = 400  # a copyright footer sits at the very end
# Any dateline opening a sentence, with or without an outlet in parentheses.
_OPENING = re.compile(
    r"^(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*){0,4}\s*)?(?:,\s*\w+\.?\s*\d{0,2}\s*)?"
    r"(?:\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|[A-Z][A-Za-z ]{1,20})\))\s*[-\u2013\u2014:]+\s*"
    r"|^[A-Z][A-Z .,'-]{2,40}\s*[-\u2013\u2014]+\s+"
    r"|^[A-Z][A-Z .'-]{2,40},\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}\s*[-\u2013\u2014]+\s+"
    # CNN's datelines carry no dash: "Washington (CNN) Sarah Sanders was asked ..."
    r"|^(?:[A-Z][A-Za-z.'-]*(?:,?\s+[A-Z][A-Za-z.'-]*){0,4}\s*)?\((?:CNN|CNNMoney)\)\s+(?=[A-Z\"\u201c])"
    # a capitals-only place and a colon or dash with no space: "BEIRUT:", "ALASKA-"
    r"|^[A-Z]{3,}(?:[ ,][A-Z]{2,})*\s*[-\u2013\u2014:]+\s*"
    # a capitals-only place with no mark before an article: "DUBAI A Bahraini court ..."
    r"|^[A-Z]{3,}(?:\s[A-Z]{2,}){0,2}\s+(?=(?:A|An|The)\s+[A-Za-z])"
    # a station's call letters with no dash: "(WANE) The Fort Wayne mother ..."
    r"|^\([A-Z]{3,5}\)\s+(?=[A-Z\"\u201c])"
    # a page's update stamp: "Updated | When the first humans left Africa ..."
    r"|^(?:Updated|UPDATED|Update|UPDATE)\s*[|:]\s*(?=[A-Z\"\u201c])"
)


@lru_cache(maxsize=4096)
def outlet_host_in_text(text: str) -> str:
    """Host of the one outlet named by the text's datelines or credit line, else ""."""
    found = {m.group("name") for m in _DATELINE.finditer(text)}
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines:
        m = _SIGN_OFF.match(lines[-1])
        if m:
            found.add(m.group("name"))
    found |= {m.group("name") for m in _COPYRIGHT.finditer(text[-_TAIL_CHARS:])}
    hosts = {_HOSTS[n] for n in found}
    return hosts.pop() if len(hosts) == 1 else ""


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Offset past a dateline opening ``text[start:end]``, else ``start`` (module note)."""
    end = len(text) if end is None else end
    head = text[start : min(end, start + 60)]
    if not any(mark in head for mark in "(-:|\u2013\u2014") and not head[:3].isupper():
        return start  # cheap: most sentences have none of the marks
    m = _OPENING.match(text[start:end])
    return start + m.end() if m and m.end() < (end - start) // 2 else start
