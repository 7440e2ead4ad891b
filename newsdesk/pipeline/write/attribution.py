"""Attribution phrasing: a source sentence plus who reported it, read naturally.

``attribute(text, labels, variant) -> str`` wraps a reused sentence in one of several
phrasings ("According to X, ...", "X reported that ...", "..., X reported.",
"X and Y both reported that ...", "..., a senior official told X.", "Both reports say
..." -- "say" and "says" take no "that"), chosen by ``variant`` so that consecutive sentences vary. Quoted words are never touched: the
phrase goes before an opening quote or after a closing one. Pure; never raises.
"""

from __future__ import annotations

import re

from newsdesk.language.words import STOPWORDS
from newsdesk.pipeline.write.candidates import opener
from newsdesk.pipeline.write.reports import back_reference, group_phrase, group_sizes, is_unnamed

_SAID_BY_SOURCE = re.compile(
    r",\s+((?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:source|official|spokesman|spokeswoman|"
    r"spokesperson|diplomat|aide|officer)s?)\s+(?:said|says)\.$"
)
_LOWER_OK = STOPWORDS | frozenset(
    "police officials authorities investigators witnesses residents officers experts analysts "
    "researchers scientists doctors several dozens hundreds thousands".split()
)
_ATTRIBUTED = re.compile(r"\baccording to\b", re.IGNORECASE)
_ENDS_ATTRIBUTED = re.compile(
    r"\b(?:said|says|reported|reports|told [\w ]+|according to [\w .]+)\.$"
)
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
# a reported sentence opening on one of these needs "that" after "says"
_SUBORDINATORS = frozenset(
    "when if after as while because although though since until before once unless where "
    "whether despite".split()
)


def join_labels(labels: list[str]) -> str:
    """["A"] -> "A"; ["A", "B"] -> "A and B"; ["A", "B", "C"] -> "A, B and C"."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# a stop word that opens a name before a capitalised word: "New York", not "new York"
_NAME_START = frozenset({"New"})
_TITLES = frozenset("Mr Mrs Ms Dr Rev Sir Lord Lady Prof Gen Gov Sen Rep St".split())
# Occupations written before a name are lower case inside a sentence (AP style:
# "actress Lindsay Lohan", "coach Sean Payton"); formal titles keep their capital
# ("President Barack Obama", "Prime Minister George Papandreou"), so only these go.
_ROLES = frozenset(
    "actor actress singer rapper comedian filmmaker coach quarterback pitcher striker "
    "goalkeeper astronaut novelist playwright chef businessman businesswoman billionaire "
    "tycoon photographer journalist musician guitarist drummer".split()
)  # not "star", "teen", "model", "director", "producer": "Star Wars", "Producer Price"


def _lower_first(text: str, proper: frozenset[str]) -> str:
    parts = text.split(" ", 2)
    first = parts[0]
    bare = re.sub(r"['\u2019]s$", "", first.strip(",;:").rstrip("."))  # "Obama's" -> "Obama"
    if not first[:1].isupper() or (len(bare) > 1 and bare.isupper()) or bare == "I":
        return text
    if bare in _TITLES or sum(ch.isupper() for ch in bare) > 1:
        return text  # "Mr Pitman", "ALASKA-Shortly", "McDermott"
    following = parts[1] if len(parts) > 1 else ""
    if bare.lower() in _ROLES and following[:1].isupper():
        return text[:1].lower() + text[1:]  # "Actress Lindsay Lohan" -> "actress Lindsay ..."
    gerund = bare.endswith("ing") and bare not in proper  # "Losing Thomas is bad enough"
    if following[:1].isupper() and (bare in _NAME_START or bare.lower() not in _LOWER_OK):
        if bare in _NAME_START or not gerund:
            return text  # a name only seen opening sentences: "Earl Bloom of the Register"
    if bare.lower() in _LOWER_OK or bare not in proper:
        return text[:1].lower() + text[1:]
    return text


def credit_names(
    labels: list[str], mentioned: list[str], unnamed_total: int, same: bool = True
) -> list[str]:
    """``labels`` as a sentence shows them. Two or more unnamed reports become one group
    phrase ("both reports", "two other reports"); an unnamed report already introduced
    on its own becomes a back-reference: "the same report" (with ``same``) right after a
    credit to it alone, else "the second report". Named outlets come first.
    ``unnamed_total`` is the story's number of unnamed reports; ``mentioned`` (appended
    to) lists the labels credited so far, "" closing a credit to several."""
    unnamed = [label for label in labels if is_unnamed(label)]
    named = [label for label in labels if not is_unnamed(label)]
    if len(unnamed) > 1:
        mentioned.append("")
        return named + [group_phrase(len(unnamed), unnamed_total, others=bool(named))]
    shown = []
    for label in named + unnamed:  # "Reuters and the first report", not the reverse
        if label in unnamed and label in mentioned:
            again = same and mentioned[-1] == label
            shown.append("the same report" if again else back_reference(label))
        else:
            shown.append(label)
        mentioned.append(label)
    if len(labels) > 1:
        mentioned.append("")  # "the same report" only right after a credit to it alone
    return shown


def _verb(labels: list[str], variant: int) -> str:
    if any(group_sizes(label) for label in labels):
        return "say" if len(labels) == 1 else "reported"
    if len(labels) > 1:
        return "both reported" if len(labels) == 2 else "all reported"
    if is_unnamed(labels[0]):
        return "says"
    return ("reports", "reported")[variant % 2]


def attribute(
    text: str, labels: list[str], variant: int, proper: frozenset[str] = frozenset()
) -> str:
    """``text`` attributed to ``labels`` (outlet names or "one report"-style labels).

    ``proper`` holds words the sources capitalise inside sentences (names): a sentence
    opening with one keeps its capital after a prefix; others are lower-cased
    ("The" -> "the", "Rescuers" -> "rescuers"). Acronyms and "I" keep theirs.
    """
    who = join_labels(labels)
    text = text.strip()
    starts_quoted = text[:1] in _QUOTES
    ends_plain = text.endswith(".") and text[-2:-1] not in _QUOTES
    said = _SAID_BY_SOURCE.search(text)
    if _ATTRIBUTED.search(text):
        variant |= 1  # the sentence already says "according to": use "X reported that"
    elif _ENDS_ATTRIBUTED.search(text) and not starts_quoted:
        # "X reported that Mr. LaRue had heart problems, Gary Hargrove said." reads as if
        # X reported the saying: credit the outlet for the whole sentence instead.
        variant &= ~1
    if said and len(labels) == 1 and not is_unnamed(labels[0]) and variant % 2 == 0:
        return text[: said.start()] + f", {said.group(1)} told {who}."
    if (
        ends_plain
        and (starts_quoted or variant % 4 in (2, 3))
        and not _ENDS_ATTRIBUTED.search(text)
    ):
        body = text[:-1]
        if variant % 2 == 0 or starts_quoted:
            return f"{body}, according to {who}."
        return f"{body}, {who} {_verb(labels, variant)}."
    if variant % 2 == 0 or starts_quoted:
        return f"According to {who}, {_lower_first(text, proper)}"
    verb = _verb(labels, variant)
    # "Another report says the ...", but "Both reports say that when the door went up ..."
    plain = verb in ("says", "say") and opener(text) not in _SUBORDINATORS
    that = "" if plain else " that"
    return _cap(f"{who} {verb}{that} {_lower_first(text, proper)}")
