"""Two sentences of one piece that state the same fact.

``repeats(texts) -> list[(later, earlier)]``: sentence ``later`` repeats ``earlier``
when most of the shorter one's content words (stems) are in the other, at least
``MIN_SHARED`` of them ("Yvonne Hiller, 43, shot two co-workers dead" and "Hiller shot
dead two of her co-workers"), or when both report the same kind of event (``EVENTS``:
a death, an arrest, a charge, a sentence ...) about at least ``MIN_ANCHORS`` of the
same names and numbers (or one of them and three more shared words) ("Bettie Page died ... in Los Angeles" and "Bettie Page passed
away ... at a Los Angeles hospital"). Words, not meaning: a paraphrase of another kind
passes. Pure; never raises.
"""

from __future__ import annotations

from functools import lru_cache

from newsdesk.language.words import content_stems, words
from newsdesk.pipeline.write.facts import facts

SHARE, MIN_SHARED = 0.6, 4
MIN_ANCHORS = 2
# Words naming the kind of event a sentence reports (lower-case, as written).
EVENTS = {
    "death": "died dies dead death deaths killed killing kill passed suffocated",
    "arrest": "arrested arrest detained custody",
    "charge": "charged charges accused indicted",
    "sentence": "sentenced sentence jailed convicted guilty",
    "injury": "injured injuring wounded hurt",
    "resignation": "resigned resigns resignation",
    "quake": "earthquake quake magnitude",
    "fire": "fire blaze burning burned torched",
    "unrest": "riot riots rioters rioting melee clashed clashes brawl",
    "vote": "election elections vote voted voters voting ballot ballots polls",
    "offer": "offer offered offers bid",
    "reversal": "rescinded rescind reverse reversed revoked revoke overturned overturn repeal",
    "hire": "hired appointed named signed",
}
_EVENT_OF = {w: kind for kind, ws in EVENTS.items() for w in ws.split()}


def restates(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when ``stems`` sets ``a`` and ``b`` state the same fact (see module note)."""
    words_a = {x for x in a if ":" not in x}
    words_b = {x for x in b if ":" not in x}
    shared = len(words_a & words_b)
    overlap = shared >= MIN_SHARED and shared / (min(len(words_a), len(words_b)) or 1) >= SHARE
    return overlap or _same_event(a, b)


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """Content stems of ``text`` plus its ``event:kind`` and ``anchor:name`` markers."""
    found = facts(text)
    kinds = {_EVENT_OF[w] for w in map(str.lower, words(text)) if w in _EVENT_OF}
    anchors = {e.lower() for e in found.entities} | set(found.numbers)
    return frozenset(
        set(content_stems(text)) | {f"event:{k}" for k in kinds} | {f"anchor:{a}" for a in anchors}
    )


def _same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = a & b
    anchors = sum(1 for x in shared if x.startswith("anchor:"))
    plain = sum(1 for x in shared if ":" not in x)
    about_same = anchors >= MIN_ANCHORS or (anchors >= 1 and plain >= 3)
    return about_same and any(x.startswith("event:") for x in shared)


def repeats(texts: list[str]) -> list[tuple[int, int]]:
    """(later index, earlier index) for each sentence repeating an earlier one."""
    sets = [stems(t) for t in texts]
    out = []
    for j in range(len(texts)):
        i = next((i for i in range(j) if restates(sets[i], sets[j])), None)
        if i is not None:
            out.append((j, i))
    return out
