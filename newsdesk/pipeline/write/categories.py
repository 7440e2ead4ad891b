"""Story category and tags by an offline keyword rule (no model, no training data).

``categorize(text, title="") -> str`` returns one of ``CATEGORIES``: the category with
the most weighted evidence from the hand-made lexicon (``lib.category_lexicon``: words,
phrases and capitalised names; title words count ``TITLE_WEIGHT`` times); Crime and
Disasters need strong evidence; "World" when nothing matches. ``scores`` exposes the
evidence.
``chosen(mapped, own) -> str`` is the piece's category: the one most of the sources'
own mapped categories name (``SourceDoc.category``: an editor mapped that outlet's feed
category to ours, stronger evidence than a keyword lexicon), a tie going to ``own`` (the
writer's) when it is among the tied, else to the first source; ``own`` when no source
has one.
``tags(texts, limit) -> list[str]`` returns the names (capitalised word runs) that most
sources mention, falling back to frequent content words. Pure functions.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newsdesk.language.words import STOPWORDS, stem, words
from newsdesk.pipeline.write.category_lexicon import LEXICON, NAMES
from newsdesk.pipeline.write.facts import DATE_WORDS

CATEGORIES = (
    "World",
    "Politics",
    "Business",
    "Technology",
    "Science",
    "Health",
    "Sports",
    "Entertainment",
    "Crime",
    "Disasters",
)
TITLE_WEIGHT = 3  # a title word counts as much as three body words
STRONG = 8.0  # Crime and Disasters need this much evidence (about three decisive words)
MARGIN = 1.6  # ... and this much more than any other category
_TIE_ORDER = {
    c: i
    for i, c in enumerate(
        (
            "Politics",
            "Business",
            "Sports",
            "Technology",
            "Entertainment",
            "Science",
            "Health",
            "World",
            "Crime",
            "Disasters",
        )
    )
}


def _weights() -> tuple[
    dict[str, dict[str, int]], dict[str, dict[tuple[str, ...], int]], dict[str, str]
]:
    """stem -> {category: weight}, stem tuple (phrase) -> {category: weight}, name -> category."""
    single: dict[str, dict[str, int]] = {}
    phrases: dict[tuple[str, ...], dict[str, int]] = {}
    for cat, groups in LEXICON.items():
        for weight, entries in groups:
            for entry in entries.split():
                key = tuple(stem(w) for w in entry.split("_"))
                table = single if len(key) == 1 else phrases
                slot = key[0] if len(key) == 1 else key
                table.setdefault(slot, {})[cat] = max(weight, table.get(slot, {}).get(cat, 0))
    named = {name: cat for cat, text in NAMES.items() for name in text.split()}
    return single, phrases, named


_SINGLE, _PHRASES, _NAMED = _weights()
_PHRASE_LEN = max((len(k) for k in _PHRASES), default=1)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'\u2019][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?:\"\u201d]\s*$|^\s*$")


def _tokens(text: str, is_title: bool) -> tuple[list[str], list[bool], list[str]]:
    """(stems of all words, whether each is a name, the capitalised words). In a body, a
    capitalised word inside a sentence is a name ("Catching Fire"), not a common word;
    titles are often in title case, so their words are read both ways."""
    stems, is_name, capitalised = [], [], []
    for m in _WORD.finditer(text):
        word = m.group(0)
        name = False
        if word[:1].isupper():
            capitalised.append(word)
            starts = _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()])
            name = not is_title and not starts and not word.isupper()
        stems.append(stem(word))
        is_name.append(name)
    return stems, is_name, capitalised


def scores(text: str, title: str = "") -> dict[str, float]:
    """category -> weighted evidence in ``title`` (x TITLE_WEIGHT) and ``text``. Single
    words count only where they are not names; phrases ("White House", "world cup")
    count either way."""
    out = dict.fromkeys(CATEGORIES, 0.0)
    for part, factor in ((title, TITLE_WEIGHT), (text, 1)):
        stems, is_name, capitalised = _tokens(part, part is title)
        for i, s in enumerate(stems):
            if not is_name[i]:
                for cat, w in _SINGLE.get(s, {}).items():
                    out[cat] += w * factor
            for n in range(2, _PHRASE_LEN + 1):
                for cat, w in _PHRASES.get(tuple(stems[i : i + n]), {}).items():
                    out[cat] += w * factor
        for name in capitalised:
            cat = _NAMED.get(name)
            if cat:
                out[cat] += 2 * factor
    return out


def categorize(text: str, title: str = "") -> str:
    """The best-supported category of ``text`` (and its ``title``, weighted up).

    Crime and Disasters need ``STRONG`` evidence and ``MARGIN`` times any other category's, so a
    bank robbery is not Business and a film called "Catching Fire" is not a disaster;
    ties go by a fixed order; "World" when nothing matches.
    """
    evidence = scores(text, title)
    for cat in ("Crime", "Disasters"):
        others = max(v for c, v in evidence.items() if c != cat)
        if evidence[cat] < STRONG or evidence[cat] < MARGIN * others:
            evidence[cat] = 0.0
    best = max(CATEGORIES, key=lambda c: (evidence[c], -_TIE_ORDER[c]))
    return best if evidence[best] > 0 else "World"


# Time-zone and clock abbreviations are capitalised but name nothing ("06:00 BST").
_CLOCK_WORDS = frozenset(
    "am pm gmt bst utc est edt cst cdt mst mdt pst pdt cet cest ist aest".split()
)
_NAME_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|de|al)\b)*")


def chosen(mapped: list[str], own: str) -> str:
    """The piece's category from the sources' mapped ones and the writer's (see above)."""
    votes = Counter(m for m in mapped if m)
    if not votes:
        return own
    top = max(votes.values())
    tied = [m for m in votes if votes[m] == top]  # Counter keeps first-seen order
    return own if own in tied else tied[0]


@lru_cache(maxsize=512)
def names(text: str) -> frozenset[str]:
    """Capitalised word runs of ``text`` that are probably names (not sentence openers);
    cached: tags, headlines and their checks read the same sources."""
    out = set()
    for line in text.splitlines():
        for m in _NAME_RUN.finditer(line):
            name = m.group(0).strip(" .'")
            name = re.sub(r"\s+(?:of|de|al)$", "", name)
            before = line[: m.start()].rstrip()
            if " " not in name and (not before or before[-1] in '.!?"\u201d:'):
                continue  # a capitalised first word is usually not a name
            if (
                "'" in name
                or name.lower() in STOPWORDS
                or name.lower() in DATE_WORDS
                or name.lower() in _CLOCK_WORDS
                or len(name) < 3
            ):
                continue
            out.add(name)
    return frozenset(out)


def names_by_sources(texts: list[str]) -> list[tuple[str, int]]:
    """(name, how many of ``texts`` mention it), most mentioned first; ties go to the
    name met first (deterministic: no set order leaks into tags or headlines)."""
    by_doc: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for i, text in enumerate(texts):
        for name in names(text):
            by_doc[name] += 1
            first.setdefault(name, (i, text.find(name)))
    return sorted(by_doc.items(), key=lambda nc: (-nc[1], first[nc[0]], nc[0]))


def tags(texts: list[str], limit: int = 6) -> list[str]:
    """3 to ``limit`` tags: names most sources mention, then frequent content words."""
    ranked = [n for n, c in names_by_sources(texts) if c >= min(2, len(texts))]
    out: list[str] = []
    for name in ranked:
        if not any(name in o or o in name for o in out):
            out.append(name)
        if len(out) >= limit:
            return out
    freq = Counter(
        w.lower()
        for t in texts
        for w in words(t)
        if w.lower() not in STOPWORDS and len(w) > 3 and w.isalpha()
    )
    for word, _ in freq.most_common():
        if len(out) >= 3:
            break
        if not any(word in o.lower() for o in out):
            out.append(word)
    return out
