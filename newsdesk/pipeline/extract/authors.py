"""Cleaning raw byline strings into a list of person names.

Input: raw strings from JSON-LD ``author``, ``<meta name=author>`` or ``rel=author``
links. Output: plain names, deduplicated in order. Dropped: e-mail/URL strings,
prompts such as "Email the author", wire services and desks ("Associated Press",
"Reuters", "Staff"), the site's own name or domain, user handles ("admin"),
credentials ("MS", "RDN"), and strings too long to be a name. All-capitals names
are title-cased.
"""

from __future__ import annotations

import re

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|story|words|text|analysis|opinion|commentary|review)\s+)?"
    r"(?:by|von|por|par|di|da|oleh)\s*[:\-]?\s+|^\s*\w+:\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|(?<=\w\w)\.\s(?=[A-Z])|\band\b|\bund\b|\bet\b|\bwith\b)\s*", re.IGNORECASE
)
_NOT_NAMES = re.compile(
    r"^(?:e-?mail|contact|follow|view|more|read|see)\b|\bthe author\b|\bauthor profile\b"
    r"|\bstaff\b|\bdesk\b|\bnewsroom\b|\beditors?\b|\beditorial\b|\bcontributors?\b"
    r"|\bcorrespondents?\b|\breporters?\b|\bwriters?\b|\bnews service\b|\bwire\b"
    r"|\bpress\b|\binternational\b|\bagency\b|\bonline\b|\bteam\b|\bnews\b|admin|^the\b|^#|\.(?:com|org|net|co)\b"
    r"|\b(?:phd|md|ms|rdn|rd|mba|cpt)$|^(?:by|von|por|par|name)$|[*()\[\]:]"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
WIRES = {
    "ap",
    "associated press",
    "the associated press",
    "reuters",
    "thomson reuters",
    "afp",
    "agence france-presse",
    "agence france presse",
    "upi",
    "united press international",
    "pa",
    "pa media",
    "press association",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
    "bloomberg",
    "bloomberg news",
    "cnn",
    "bbc",
    "bbc news",
    "tass",
    "kyodo",
    "yonhap",
    "aap",
    "cp",
    "the canadian press",
    "canadian press",
    "ians",
    "pti",
    "ani",
    "anp",
    "nyt",
    "wsj",
}


_PARTICLES = {
    "de",
    "da",
    "di",
    "do",
    "dos",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "bin",
    "al",
    "el",
    "y",
    "e",
}


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _is_name(candidate: str, site: str) -> bool:
    lowered = candidate.lower().strip(". ")
    if not lowered or lowered in WIRES:
        return False
    if site and (_squash(lowered) in _squash(site) or _squash(site) in _squash(lowered)):
        return False  # the outlet itself: "Sky" on Sky News, "CNN Business" on CNN
    if candidate.isupper() and " " not in candidate:  # handles and credentials: "KWCHCIK", "MS"
        return False
    if "@" in candidate or "://" in candidate or candidate.startswith("www."):
        return False
    if _NOT_NAMES.search(candidate) or any(ch.isdigit() for ch in candidate):
        return False
    words = candidate.split()
    if any(w[0].islower() and w.lower() not in _PARTICLES for w in words):
        return False  # "Syrian defense ministries": names are capitalised
    return 1 <= len(words) <= 5 and any(ch.isalpha() for ch in candidate) and len(candidate) <= 60


_WIRE_SUFFIX = re.compile(
    r"\s+(?:"
    + "|".join(sorted((re.escape(w) for w in WIRES if " " in w), key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)


def _strip_wire_suffix(part: str) -> str:
    """'Jill Lawless Associated Press' -> 'Jill Lawless' (byline and credit run together)."""
    return _WIRE_SUFFIX.sub("", part)


def is_wire_credit(text: str) -> bool:
    """True when a byline opens with a wire service ("PTI, Washington", "By AP")."""
    first = _SPLIT.split(_PREFIX.sub("", " ".join(text.split())))[0]
    return first.strip(" .:-").lower() in WIRES


def clean_authors(raw: list[str], site: str = "") -> list[str]:
    """Raw byline strings -> person names (see module docstring); order kept, no repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        value = " ".join((value or "").split())
        if "://" in value and " " not in value:
            value = value.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
        for index, part in enumerate(_SPLIT.split(_PREFIX.sub("", value))):
            part = _PREFIX.sub("", part).strip(" .:-\u2013\u2014")
            if index == 0 and part.lower() in WIRES:
                break  # "PTI, Washington": a wire credit and its dateline
            part = _strip_wire_suffix(part)
            if re.fullmatch(r"[A-Za-z]+\.[A-Za-z]{4,}", part):
                part = part.replace(".", " ")  # "Carlos.Nadalim", a user name (not "x.com")
            if part.isupper() and " " in part:
                part = part.title()  # wire style "TOM KRISHER"
            if _is_name(part, site) and part.lower() not in seen:
                seen.add(part.lower())
                names.append(part)
    return names
