"""Story category and tags by an offline keyword rule (no model, no training data).

``categorize(text) -> str`` returns one of ``CATEGORIES``: the category whose hand-made
lexicon stems occur most often in ``text`` ("World" when nothing matches).
``tags(texts, limit) -> list[str]`` returns the names (capitalised word runs) that most
sources mention, falling back to frequent content words. Pure functions.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.lib.facts import DATE_WORDS
from newsdesk.lib.words import STOPWORDS, stem, words

CATEGORIES = ("World", "Politics", "Business", "Technology", "Science", "Health", "Sports",
              "Entertainment", "Crime", "Disasters")
_LEXICON = {
    "Politics": "election vote voter senator senate congress parliament minister president "
                "campaign party governor lawmaker legislation bill democrat republican policy "
                "cabinet mayor referendum poll diplomat treaty sanction",
    "Business": "company market stock share investor profit revenue bank economy price deal "
                "merger acquisition earning trade billion ceo industry sales tax inflation",
    "Technology": "software app internet computer smartphone phone apple google microsoft "
                  "online data digital device chip tech cyber hacker iphone android robot",
    "Science": "scientist research study space nasa planet researcher species climate "
               "discovery astronomer physics experiment fossil satellite telescope",
    "Health": "health hospital patient disease virus doctor medical vaccine cancer drug "
              "treatment rehab outbreak infection surgery clinic mental",
    "Sports": "game team player coach season match league championship score win cup "
              "tournament football basketball baseball soccer olympic goal injury",
    "Entertainment": "film movie actor actress star music singer album show television tv "
                     "celebrity award festival concert hollywood director series",
    "Crime": "police arrest suspect murder kill shooting court charge trial prison robbery "
             "shot crime investigation jail gunman fraud stab victim bomb",
    "Disasters": "earthquake quake flood storm hurricane fire wildfire tsunami crash disaster "
                 "explosion collapse tornado rescue evacuate magnitude landslide cyclone",
}
_STEMS = {cat: {stem(w) for w in text.split()} for cat, text in _LEXICON.items()}
_NAME_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|de|al)\b)*")


def categorize(text: str) -> str:
    """The best-matching category of ``text``; "World" when no lexicon word occurs."""
    counts = Counter(stem(w) for w in words(text))
    best, best_hits = "World", 0
    for cat, stems in _STEMS.items():
        hits = sum(counts[s] for s in stems)
        if hits > best_hits:
            best, best_hits = cat, hits
    return best


def names(text: str) -> set[str]:
    """Capitalised word runs of ``text`` that are probably names (not sentence openers)."""
    out = set()
    for line in text.splitlines():
        for m in _NAME_RUN.finditer(line):
            name = m.group(0).strip(" .'")
            name = re.sub(r"\s+(?:of|de|al)$", "", name)
            before = line[:m.start()].rstrip()
            if " " not in name and (not before or before[-1] in ".!?\"\u201d:"):
                continue  # a capitalised first word is usually not a name
            if "'" in name or name.lower() in STOPWORDS or name.lower() in DATE_WORDS or len(name) < 3:
                continue
            out.add(name)
    return out


def tags(texts: list[str], limit: int = 6) -> list[str]:
    """3 to ``limit`` tags: names most sources mention, then frequent content words."""
    by_doc = Counter(n for t in texts for n in names(t))
    ranked = [n for n, c in by_doc.most_common() if c >= min(2, len(texts))]
    out: list[str] = []
    for name in ranked:
        if not any(name in o or o in name for o in out):
            out.append(name)
        if len(out) >= limit:
            return out
    freq = Counter(w.lower() for t in texts for w in words(t)
                   if w.lower() not in STOPWORDS and len(w) > 3 and w.isalpha())
    for word, _ in freq.most_common():
        if len(out) >= 3:
            break
        if not any(word in o.lower() for o in out):
            out.append(word)
    return out
