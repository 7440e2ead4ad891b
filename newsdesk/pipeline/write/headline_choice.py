"""Choosing the headline: who did what, in words the sources agree on.

``make_headline(sentences, sources, pool=(), outlets=()) -> str``: ``sentences`` are the
body's own sentences, best first; ``pool`` more source sentences (usable candidates,
early ones first): those that name the story's main actor may give a better headline
when the body's own do not. Each is compressed (``headline.compress``) and ranked by, in order:

1. a well-formed clause (``headline.well_formed``) not too close to a source title;
2. it opens on a word, not a quotation mark;
3. it names the story's main actor (``main_names``: the name most sources mention,
   after the tag rules drop outlets, page and time words, lone adjectives);
4. it ends at a phrase boundary in every source that holds its last words
   (``ends_mid_phrase``: no "his IBF [and WBO titles]") and in its own sentence (no
   "allowed agencies [to skip reviews]");
5. how many other shared names it holds, then how many sources share most of its
   content words ("where the sources agree");
6. a body sentence before a pool sentence, then the better-ranked one.

A pool sentence is only considered when every number and name of its headline is in the
body and most of its words are (the headline gate's rule), so the headline never says
what the article does not. Returns "" when nothing yields a clause or a clean line.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.language.words import content_stems, normalize_space, stem_set
from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write.categories import names
from newsdesk.pipeline.write.facts import DATE_WORDS, missing_facts, support_of
from newsdesk.pipeline.write.headline import (
    CONTROL_VERBS,
    LOOK_AT,
    MAX_CHARS,
    balanced,
    compress,
    too_close,
    well_formed,
)
from newsdesk.pipeline.write.tagging import clean_tag, tag_context
from newsdesk.pipeline.write.wordclass import verb_index

POOL_SIZE = 30  # pool sentences looked at (the writer passes early ones first)
BODY_OVERLAP = 0.75  # share of a pool headline's content words the body must hold (gate: 0.7)
AGREE = 0.6  # a source "agrees" when it holds this share of the headline's content words
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e]|''")
# Words that open a new phrase after a headline's last word: "... missiles | this week"
PHRASE_OPENERS = frozenset(
    """to in on at by for from with without after before during since until as while when
    because but who which where whose that than amid despite near over under into across
    against following including says said told according this last next early late earlier
    later -- \u2013 \u2014 - more""".split()
) | {w for w in DATE_WORDS}


def main_names(sources: list[SourceDoc], ctx: dict | None = None) -> tuple[list[str], list[str]]:
    """(names two or more sources mention, most shared first; the most shared ones),
    counted over title + text, each after the tag rules (outlets, page words, time
    words and lone adjectives are no actors: "PHOTOS", "Getty Images", "Greek")."""
    ctx = ctx or tag_context([d.text for d in sources], [d.outlet for d in sources])
    cleaned: dict[str, str] = {}
    by_doc: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for i, d in enumerate(sources):
        text = f"{d.title}\n{d.text}"
        found = names(d.title) | names(d.text)  # line by line: the same as names(text)
        for name in found:
            if name not in cleaned:
                cleaned[name] = clean_tag(name, ctx)
        mine = {cleaned[n] for n in found if cleaned[n]}  # "Director Gary Ross" = "Gary Ross"
        by_doc.update(mine)
        for n in found:
            if cleaned[n]:
                first.setdefault(cleaned[n], (i, text.find(n)))
    order = sorted(first, key=lambda n: (first[n], n))  # deterministic: no set order leaks
    shared = sorted(((n, by_doc[n]) for n in order if by_doc[n] >= 2), key=lambda nc: -nc[1])
    return [n for n, _ in shared], [n for n, c in shared if c == shared[0][1]]


def names_any(line: str, names: list[str]) -> int:
    """How many of ``names`` ``line`` mentions (any word of three or more letters)."""
    low = f" {line.lower()} "
    return sum(
        1
        for name in names
        if any(
            f" {part.lower()} " in low or f" {part.lower()}'" in low
            for part in name.split()
            if len(part) > 2
        )
    )


def _opens_phrase(after: str) -> bool:
    if not after or after[:1] in ",.;:!?)\"'\u201d\u2019":
        return True
    tokens = after.split()
    nxt = tokens[0].lower().strip(",.;:") if tokens else ""
    if nxt in PHRASE_OPENERS:
        return True
    # "... request for the wall | and is not backing down": a new clause
    return nxt == "and" and verb_index(["x", *tokens[1:3]]) == 1


def ends_mid_phrase(line: str, texts: list[str], normalized: bool = False) -> bool:
    """True when ``line``'s last three words occur in ``texts`` only ever followed by a
    word that continues their phrase ("a man serving [a life sentence]");
    ``normalized``: the texts have been through ``normalize_space`` already."""
    tail = " ".join(normalize_space(line).split()[-3:])
    seen = False
    for text in texts:
        text = text if normalized else normalize_space(text)
        at = text.find(tail)
        while tail and at >= 0:
            after = text[at + len(tail) :]
            at = text.find(tail, at + 1)
            if after[:1].isalnum() or after[:1] == "-" and after[1:2] != "-":
                continue  # the tail ends inside a longer word there
            seen = True
            if _opens_phrase(after.lstrip(" ") if after[:1] == " " else after):
                return False
    return seen


def _object_wants_to(line: str, sentence: str) -> bool:
    """True when ``line`` stops after a verb such as "allowed" and its object, and the
    sentence it comes from goes on with "to": "allowed agencies [to skip reviews]"."""
    tokens = line.split()
    if not any(t.lower().strip(",") in CONTROL_VERBS for t in tokens[-4:-1]):
        return False
    tail = " ".join(tokens[-2:])
    at = normalize_space(sentence).find(tail)
    return at >= 0 and normalize_space(sentence)[at + len(tail) :].startswith(" to ")


def _agreeing(line: str, stems: list[set[str]]) -> int:
    mine = set(content_stems(line))
    if not mine:
        return 0
    return sum(1 for s in stems if len(mine & s) >= AGREE * len(mine))


def _in_body(line: str, body, body_stems: set[str]) -> bool:
    mine = set(content_stems(line))
    if mine and len(mine & body_stems) < BODY_OVERLAP * len(mine):
        return False
    return not missing_facts(line, body)


def make_headline(
    sentences: list[str],
    sources: list[SourceDoc],
    pool: list[str] | tuple = (),
    ctx: dict | None = None,
    lead_ok: bool = False,
) -> tuple[str, str]:
    """(the best headline from the body's sentences and the pool, the sentence it
    compresses) (see module note); ("", "") when none."""
    titles = [d.title for d in sources if d.title]
    texts = [d.text for d in sources]
    shared, main = main_names(sources, ctx)
    stems = [stem_set(t) for t in texts]
    plain = [normalize_space(t) for t in texts]
    body = support_of(" ".join(sentences))
    body_stems = set(content_stems(" ".join(sentences)))
    tried: list[tuple[str, bool, int]] = [(s, True, n) for n, s in enumerate(sentences[:LOOK_AT])]
    # a pool sentence is only worth compressing when it names the main actor
    wanted = [s for s in pool if s not in sentences and names_any(s, main)] if main else []
    tried += [(s, False, n) for n, s in enumerate(wanted[:POOL_SIZE])]
    best, best_key = ("", ""), None
    for text, own, rank in tried:
        line = compress(text)
        if not line or len(line) > MAX_CHARS or (_QUOTED.search(line) and not balanced(line)):
            continue
        supported = own or _in_body(line, body, body_stems)
        if not supported and not lead_ok:
            continue
        key = (
            well_formed(line) and not too_close(line, titles),
            line[:1] not in "\"'\u201c\u2018",  # a headline opens on a word
            names_any(line, main) > 0 if main else True,
            not ends_mid_phrase(line, plain, normalized=True) and not _object_wants_to(line, text),
            supported,
            own,
            _agreeing(line, stems),
            -rank,
        )
        if best_key is None or key > best_key:
            best, best_key = (line, text), key
    # a quotation that is not a clause is no headline: the caller shortens the lead
    return best if best_key and (best_key[0] or best_key[1]) else ("", "")
