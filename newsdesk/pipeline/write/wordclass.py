"""Rough English word classes for headline writing and checking (no tagger, no model).

- ``is_function_word(w)``: articles, prepositions, conjunctions, pronouns, auxiliaries:
  a headline must not end on one;
- ``looks_adjective(w)``: a word with an adjective suffix ("environmental", "previous")
  that is not a common noun with the same ending ("trial", "official", "executive");
- ``verb_index(tokens)``: index of the first token that is probably a finite verb
  (an auxiliary, a common news verb in any form, or an "-ed" word not after a
  determiner), or -1.

Hand-made lists from general English knowledge; heuristics tuned to be cautious. Pure.
"""

from __future__ import annotations

FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if because although though while whereas when where
    whether that which who whom whose what as than of to in on at by for from with without
    into onto upon over under about after before during since until through between among
    against toward towards across around near off out up down via per amid despite
    his her its their our my your this these those he she it they we you i him them us
    me himself herself itself themselves is are was were be been being am has have had do does did will would shall should can
    could may might must not no also just very more most some any each every all both either
    neither such own other another there here then now only even about whose whom""".split()
)
AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must did does do should shall".split()
)
_DETERMINERS = frozenset(
    "a an the his her its their our my your this that these those some any no every each".split()
)
# Irregular and common news verbs; regular ones also match through their -s/-ed forms.
_IRREGULAR = frozenset(
    """hit hits won wins win lost loses lose shot shoots shoot killed kills dies died die fell falls
    left leaves leave took takes gave gives went goes came comes made makes found finds held holds
    struck strikes broke breaks fled flees led leads sent sends set sets told tells threw throws
    stole steals beat beats quit quits sold sells bought buys ran runs saw sees sought seeks
    began begins became becomes brought brings caught catches chose chooses drew draws drove drives
    ate fought fights forgot froze got gets grew grows heard hears hid kept keeps knew knows laid
    lays lay met meets paid pays put puts rose rises said says sank sat slew spent spends spoke
    stood stands stuck swore swept swam taught tore wore wrote writes sank sinks shook shakes
    hung hurt hurts sued sues cut cuts shut shuts spread spreads""".split()
)
_NEWS_VERBS = frozenset(
    """announce arrest attack accuse agree approve award ban block call charge claim confirm
    convict crash damage defeat deny destroy die elect end enter escape explode face fail fire
    fix force hire hold injure join jail kill land launch lead miss name offer open order place
    plan plead protest quake rally raise reach receive reject release replace report rescue
    resign retain return reveal rock rule sentence settle shake sign sink stop strike suffer
    suspend target threaten top urge vote warn wound remain continue appear seem want need
    hope expect try keep move turn ask admit allow decide refuse promise prepare struggle""".split()
)
_ADJ_SUFFIXES = ("al", "ous", "ive", "ful", "ic", "able", "ible", "less", "ary", "ish")
_NOUNS_WITH_ADJ_SUFFIX = frozenset(
    """trial official officials rival festival capital hospital deal final arrival proposal
    approval survival approval criminal general animal journal signal terminal total
    detective executive explosive motive relative representative initiative objective
    republic music traffic clinic public topic critic logic graphic epidemic panic mechanic
    table cable label vegetable bible anniversary secretary library salary boundary
    diary summary military dictionary commentary documentary""".split()
)


def is_function_word(word: str) -> bool:
    """True for articles, prepositions, conjunctions, pronouns and auxiliaries."""
    return word.lower().strip(",.;:!?'\"\u2019") in FUNCTION_WORDS


def looks_adjective(word: str) -> bool:
    """True for a lower-case word with an adjective suffix that is not a known noun."""
    w = word.strip(",.;:!?'\"\u2019")
    if not w.isalpha() or not w.islower() or len(w) < 5 or w in _NOUNS_WITH_ADJ_SUFFIX:
        return False
    return w.endswith(_ADJ_SUFFIXES)


def _inflections(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    out = {base + "s", stem + "ed", base + "d" if base.endswith("e") else base + "ed"}
    if base.endswith(("h", "x", "s")):
        out.add(base + "es")
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return out


_FINITE = AUXILIARIES | _IRREGULAR | frozenset(f for b in _NEWS_VERBS for f in _inflections(b))


def verb_index(tokens: list[str]) -> int:
    """Index of the first probable finite verb in ``tokens`` (not the first token), or -1."""
    for i, token in enumerate(tokens[1:], 1):
        w = token.strip(",.;:!?'\"\u2019\u201c\u201d")
        if not w.isalpha() or not w.islower():
            continue
        previous = tokens[i - 1].lower().strip(",'\"")
        if previous in _DETERMINERS:
            continue  # "the attack", "his shot": a noun after a determiner
        if w in _FINITE or (
            w.endswith("ed") and len(w) > 4 and w not in ("hundred", "speed", "breed")
        ):
            return i
    return -1
