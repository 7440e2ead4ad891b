"""Tags a reader would click: people, organisations and places, one full name each.

``clean_tags(candidates, texts, outlets, limit=6) -> list[str]`` takes the ranked name
candidates of ``categories.tags`` and applies ``RULES`` in order: each is a named test
or rewrite with its examples, run by ``tests/test_write_rules.py``. A tag is dropped
when it is an outlet (of the story or a well-known one), a month, weekday or other
time word, a page word, an abbreviation, a lone adjective ("American", "Greek") or a
word the sources also write in lower case ("Security"); a leading title, function word
or possessive is cut ("Superior Court Judge James Bodiford" -> "James Bodiford",
"Across Athens" -> "Athens"); a
surname alone becomes the full name the sources give ("Rahman" -> "Hasim Rahman");
then duplicates go and at most ``limit`` stay. Pure; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.language.words import words
from newsdesk.pipeline.write.mentions import full_names
from newsdesk.pipeline.write.outlets import known_outlet_names
from newsdesk.pipeline.write.wordclass import FUNCTION_WORDS, looks_adjective

_TIME_WORDS = frozenset(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow tonight morning evening night week weekend
    month year""".split()
)
_PAGE_WORDS = frozenset(
    """updated posted published share comments comment photo photos video videos block click
    read more related advertisement subscribe sign login home news breaking latest tweet tweets
    calif
    fla ore wash mass conn capt lt sgt gen gov sen rep mr mrs ms dr st jr sr""".split()
)
_DEMONYMS = frozenset(
    """american british english french german greek italian spanish russian chinese japanese
    iranian iraqi israeli palestinian turkish indian pakistani afghan syrian egyptian
    mexican canadian australian irish scottish welsh european african asian arab muslim
    christian jewish catholic ukrainian korean brazilian dutch swiss swedish polish
    democrat democrats republican republicans""".split()
)
_LEADING = FUNCTION_WORDS | {"throughout", "across", "inside", "outside", "beyond"}
_TITLES = re.compile(
    r"^(?:[A-Z][a-z]+\s+){0,2}?(?:Court\s+)?"
    r"(?:(?:Senior|Chief|Deputy|Assistant|Former|Acting|Police|State|Fire)\s+)*"
    r"(?:President|Prime Minister|Minister|Judge|Justice|Trooper|Officer|Detective|Captain|"
    r"Capt|Lt|Sgt|Sergeant|Lieutenant|Gov|Governor|Sen|Senator|Rep|Mayor|Coach|Director|"
    r"Secretary|Chancellor|Prosecutor|Undersheriff|Sheriff|Dr|Mr|Mrs|Ms|Prof)\.?\s+(?=[A-Z][a-z]+\s+[A-Z])"
)
_KNOWN_OUTLETS = known_outlet_names() | frozenset(
    "hollywood reporter|daily news|us weekly|daily mail|huffington post|usa today|yahoo news|"
    "associated press|people|tmz|variety|espn|the telegraph|telegraph|sky news|"
    # photo agencies: a picture credit names no actor of the story
    "getty images|getty|ap photo|afp|epa|shutterstock|"
    # what outlets are called in other outlets' text ("THR reports", "told The Playlist")
    "thr|the playlist|playlist".split("|")
)


@dataclass(frozen=True)
class Rule:
    """A tag rewrite: the new tag, or "" to drop it; with (tag, expected) examples."""

    name: str
    apply: Callable[[str, dict], str]
    examples: tuple[tuple[str, str], ...]


def _not_outlet(tag: str, ctx: dict) -> str:
    low = tag.lower().removeprefix("the ")
    return "" if low in _KNOWN_OUTLETS or low in ctx.get("outlets", set()) else tag


def _not_time_or_page(tag: str, _ctx: dict) -> str:
    low = tag.lower().strip(".")
    return "" if low in _TIME_WORDS or low in _PAGE_WORDS else tag


def _not_lone_adjective(tag: str, _ctx: dict) -> str:
    if " " in tag:
        return tag
    return "" if tag.lower() in _DEMONYMS or looks_adjective(tag) else tag


def _untitled(tag: str, _ctx: dict) -> str:
    return _TITLES.sub("", tag)


def _bare(tag: str, ctx: dict) -> str:
    words = tag.replace("\u2019", "'").split()
    if "'s" in tag.replace("\u2019", "'"):  # "Iran's Qeshm" -> "Qeshm"
        words = re.split(r"'s\s+", tag.replace("\u2019", "'"))[-1].split()
    lead = words[0].lower() if words else ""
    if len(words) > 1 and (lead in _LEADING or lead.endswith("ing")):
        if words[0].lower() != "the" or len(words) == 2:  # "The Bush"; not "The Hunger Games"
            words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".") in _PAGE_WORDS:
        words = words[:-1]  # "Alaska Gov"
    if len(words) > 1 and words[-1].lower() in _DEMONYMS | {"asian"}:
        return ""  # "Central Asian": an adjective phrase
    return _full_name(" ".join(words), ctx)


def _not_common_word(tag: str, ctx: dict) -> str:
    if " " in tag:
        return tag
    return "" if not tag[:1].isupper() or tag.lower() in ctx.get("lower", set()) else tag


def _full_name(tag: str, ctx: dict) -> str:
    return tag if " " in tag else ctx.get("names", {}).get(tag, tag)


_PREFIXES = r"(?:New|Los|Las|San|Santa|Saint|St\.|Fort|Port|Mount|Lake|North|South|East|West)"
_NAME_GOES_ON = (
    r"\s+(?:(?:and|of|&)\s+(?:the\s+)?[A-Z]|(?:[a-z]+\s+)?(?:committee|commission|panel|hearings?))"
)


def _spans(tag: str, ctx: dict) -> list[tuple[int, int]]:
    """Where ``tag`` stands as whole words in the story's text (remembered in ``ctx``:
    the headline chooser cleans hundreds of names per story)."""
    seen = ctx.setdefault("spans", {})
    if tag not in seen:
        text, spans, at = ctx.get("text", ""), [], 0
        # str.find, not a regex: a pattern that opens with a look-behind is tried at every
        # position of the text (0.7 ms a name; the headline chooser cleans ~200 a story)
        while tag and (at := text.find(tag, at)) >= 0:
            end = at + len(tag)
            if not _word_char(text[at - 1 : at]) and not _word_char(text[end : end + 1]):
                spans.append((at, end))
            at = end
        seen[tag] = spans
    return seen[tag]


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_-")


def _whole_name(tag: str, ctx: dict) -> str:
    """A tag the sources only write inside a longer name: its first word cut off ("Orleans
    Saints" of "New Orleans Saints") gets it back; a name that always goes on ("National
    Oceanic [and Atmospheric Administration]", "Senate Watergate [committee]") goes."""
    text = ctx.get("text", "")
    found = _spans(tag, ctx)
    if not found:
        return tag
    heads = [re.search(rf"{_PREFIXES}\s+$", text[max(0, a - 8) : a]) for a, _ in found]
    if all(heads):
        return f"{heads[0].group(0)}{tag}"
    if all(re.match(_NAME_GOES_ON, text[b:]) for _, b in found):
        return ""
    return tag


def _first_name_alone(tag: str, ctx: dict) -> str:
    """A lone first name ("Vincent") is the one person the sources name with it."""
    if " " in tag:
        return tag
    fulls = {f for f in ctx.get("names", {}).values() if f.split()[0] == tag}
    return fulls.pop() if len(fulls) == 1 else tag


# Where a tag stands beside another word of a longer name. Before it, on the same line
# (a paragraph's first word is no neighbour): a capitalised word that is not a title and
# does not open a sentence (an opening quote may stand between); a capitalised word and
# "and" / "of the" ("Oceanic and", "Tomb of the"); one and an opening bracket (a
# nickname: "Kimani (Kiki) Gray"); a number ("357 Magnum"). After it: a capitalised
# word other than a suffix ("Jr."), "of the X", "and X".
_CAP_BEFORE = re.compile(r"(?:^|[^.!?\s][ \t][\"\u201c\u2018]?)([A-Z][\w'-]*)[ \t]$")
_JOINED_BEFORE = re.compile(r"[A-Z][\w'-]*[ \t]+(and|&|of|of the)[ \t]+$")
_BRACKET_BEFORE = re.compile(r"[A-Z][\w'-]*[ \t]\($")
_NUMBER_BEFORE = re.compile(r"\d[ \t]$")
_NAME_WORD_AFTER = re.compile(r"[ \t]+(?:([A-Z][a-z]+)|of[ \t]+the[ \t]+[A-Z]|and[ \t]+[A-Z])")
_TITLE_WORDS = frozenset(
    """President Minister Prime Judge Justice Coach Gov Governor Sen Senator Rep Mr Mrs Ms Dr
    Secretary Director Chancellor Mayor Sheriff Officer Detective Captain Capt Sergeant Sgt
    Lieutenant Lt Prosecutor Pope King Queen Prince Princess Sir Lord Lady General Gen Col
    Adm Chief Rev Commissioner Trooper Actress Actor Singer""".split()
)
_SUFFIXES = frozenset("Jr Sr II III IV".split())
_ORG_ENDS = frozenset(
    """administration commission committee department agency institute association authority
    board bureau council service foundation center centre university college society""".split()
)


def _beside_a_name_word(text: str, start: int, end: int, tag: str) -> bool:
    """Is ``tag`` at ``start:end`` written as part of a longer name? Around a name of two
    words or more only clear joins count: a capitalised word before it is mostly a role
    ("Chairman Donna Langley"), "and" before it a list ("Jeff Shell and Donna Langley")
    unless the tag ends like an organisation, a number a year ("1798 Thomas Malthus")."""
    window = text[max(0, start - 30) : start]
    single = " " not in tag
    cap = _CAP_BEFORE.search(window)
    if single and cap and cap.group(1) not in _TITLE_WORDS:
        return True
    joined = _JOINED_BEFORE.search(window)
    org = tag.split()[-1].lower() in _ORG_ENDS
    if joined and (joined.group(1).startswith("of") or single or org):
        return True
    if _BRACKET_BEFORE.search(window) or (single and _NUMBER_BEFORE.search(window)):
        return True
    after = _NAME_WORD_AFTER.match(text[end : end + 30])
    return bool(after) and after.group(1) not in _SUFFIXES


def _not_part_of_a_name(tag: str, ctx: dict) -> str:
    """A tag the sources only write beside another name word or a number is a piece of a
    longer name ("Church Avenue", "Tomb of the Unknown Soldier", "Catching Fire", ".357
    Magnum", "Brooklyn Supreme Court", "Kimani (Kiki) Gray"), not a tag of its own."""
    text = ctx.get("text", "")
    found = _spans(tag, ctx)
    if not found:
        return tag
    joined = sum(_beside_a_name_word(text, a, b, tag) for a, b in found)
    return "" if joined == len(found) else tag


RULES: tuple[Rule, ...] = (
    Rule(
        "not_an_outlet",
        _not_outlet,
        (
            ("The Hollywood Reporter", ""),
            ("Daily News", ""),
            ("Getty Images", ""),
            ("Lindsay Lohan", "Lindsay Lohan"),
        ),
    ),
    Rule(
        "not_a_time_or_page_word",
        _not_time_or_page,
        (
            ("Sep", ""),
            ("Updated", ""),
            ("Block", ""),
            ("Calif", ""),
            ("Tweets", ""),
            ("Athens", "Athens"),
        ),
    ),
    Rule(
        "not_a_lone_adjective",
        _not_lone_adjective,
        (("American", ""), ("Greek", ""), ("Greece", "Greece"), ("American Pie", "American Pie")),
    ),
    Rule(
        "no_title",
        _untitled,
        (
            ("Superior Court Judge James Bodiford", "James Bodiford"),
            ("Senior Trooper William Hakim", "William Hakim"),
            ("Prime Minister George Papandreou", "George Papandreou"),
            ("Supreme Court", "Supreme Court"),
            ("Interior Secretary Dirk Kempthorne", "Dirk Kempthorne"),
            ("Prosecutor David Rossi", "David Rossi"),
        ),
    ),
    Rule(
        "full_name",
        _full_name,
        (("Rahman", "Hasim Rahman"), ("Athens", "Athens")),
    ),
    Rule(
        "bare_name",
        _bare,
        (
            ("Considering Lionsgate", "Lionsgate"),
            ("Across Athens", "Athens"),
            ("The Bush", "Bush"),
            ("Throughout Egypt", "Egypt"),
            ("The Hunger Games", "The Hunger Games"),
            ("Iran's Qeshm", "Qeshm"),
            ("Alaska Gov", "Alaska"),
            ("Central Asian", ""),
        ),
    ),
    Rule(
        "whole_name",
        _whole_name,
        (
            ("Orleans Saints", "New Orleans Saints"),
            ("National Oceanic", ""),
            ("Senate Watergate", ""),
            ("Indianapolis Colts", "Indianapolis Colts"),
        ),
    ),
    Rule(
        "first_name_alone",
        _first_name_alone,
        (("Vincent", "Vincent Gigante"), ("Athens", "Athens")),
    ),
    Rule(
        "not_part_of_a_name",
        _not_part_of_a_name,
        (
            ("Church", ""),
            ("Tomb", ""),
            ("Fire", ""),
            ("Magnum", ""),
            ("Brooklyn", "Brooklyn"),
            ("Athens", "Athens"),
            ("Brooklyn Supreme", ""),
            ("Atmospheric Administration", ""),
            ("Unknown Soldier", ""),
            ("Kiki", ""),
            ("Kimani Gray", "Kimani Gray"),
            ("Robert Pitman", "Robert Pitman"),
            ("Donna Langley", "Donna Langley"),
            ("Thomas Malthus", "Thomas Malthus"),
            ("George Papandreou", "George Papandreou"),
            ("Arcade Joseph Comeaux", "Arcade Joseph Comeaux"),
        ),
    ),
    Rule(
        "not_a_common_word",
        _not_common_word,
        (("Security", ""), ("gang", ""), ("Athens", "Athens"), ("Lionsgate", "Lionsgate")),
    ),
)
EXAMPLE_CONTEXT = {
    "outlets": {"ktla"},
    "names": {"Rahman": "Hasim Rahman", "Gigante": "Vincent Gigante"},
    "lower": {"security", "gang"},
    "text": (
        "The New Orleans Saints lost. The National Oceanic and Atmospheric Administration "
        "agreed, as did the Senate Watergate committee and the Indianapolis Colts. Robert Pitman and "
        "the Senate Watergate investigative committee were there on Sunday. Robert Pitman, 24, "
        "and riots on "
        "Church and New York Avenues in Brooklyn. Wreaths at the Tomb of the Unknown Soldier in Athens. "
        'The sequel "Catching Fire" opens. She had a .357 Magnum. Athens is calm. Brooklyn was calm. '
        "In the Brooklyn Supreme Court, Kimani (Kiki) Gray's mother spoke of Kimani Gray. "
        "Prime Minister George Papandreou met Arcade Joseph Comeaux Jr. of Texas and Universal "
        "Chairman Donna Langley. Jeff Shell and Donna Langley agreed. In 1798 Thomas Malthus wrote."
    ),
}


def tag_context(texts: list[str], outlets: list[str]) -> dict:
    """What the rules need to know about a story: its outlets, full names, lower-case words."""
    return {
        "outlets": {o.lower().removeprefix("the ") for o in outlets if o},
        "names": full_names(texts),
        "lower": {w for t in texts for w in words(t) if w.islower()},
        "text": "\n".join(texts),
    }


def clean_tag(tag: str, ctx: dict) -> str:
    """``tag`` after every rule ("" when one drops it)."""
    for _ in range(2):  # twice: a cut ("The Ukrainian") may need an earlier rule
        before = tag
        for rule in RULES:
            tag = rule.apply(tag, ctx) if tag else tag
        if tag == before:
            break  # nothing changed: a second pass would change nothing either
    return tag


def clean_tags(
    candidates: list[str],
    texts: list[str],
    outlets: list[str],
    limit: int = 6,
    ctx: dict | None = None,
) -> list[str]:
    """Tags from ranked ``candidates`` (see module note); ``ctx``: ``tag_context`` of the
    same texts and outlets, when the caller has it."""
    ctx = ctx or tag_context(texts, outlets)
    out: list[str] = []
    for tag in candidates:
        tag = clean_tag(tag, ctx)
        if tag and not any(tag.lower() == o.lower() or tag in o for o in out):
            out = [o for o in out if o not in tag]  # "Thompson" gives way to "Tony Thompson"
            out.append(tag)
        if len(out) >= limit:
            break
    return out
