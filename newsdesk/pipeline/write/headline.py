"""Headline form: one sentence compressed to a headline, and its checks.

``compress(sentence) -> str`` makes a headline of one sentence; ``well_formed(line)``
says whether it is a clause a reader accepts; ``too_close`` compares it with the
sources' titles; ``shorten`` is the fallback cut. ``headline_choice.make_headline``
picks among the compressed sentences.

``compress`` keeps a subject and its main verb and drops, in this order: parentheses,
a leading dateline, hedge ("It seems", "According to X,") or subordinate clause
("After ..., "), a trailing attribution (", police said"), non-restrictive clauses
(", who ..., "), time phrases ("on Monday", "this morning"), and, only when still over
``MAX_CHARS``, trailing phrases at a phrase boundary after the verb (never mid-phrase,
never right after a transitive verb). It then drops a leading article, sentence-cases
the start and removes the final period; "" when the sentence yields no clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.language.words import STOPWORDS, content_stems
from newsdesk.pipeline.write.datelines import dateline_end
from newsdesk.pipeline.write.wordclass import is_function_word, looks_adjective, verb_index

MAX_CHARS = 90
LOOK_AT = 20
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_LEADING = re.compile(
    r"^(?:after|as|while|when|once|following|despite|in|on|at|amid|with|without|since|before|until|"
    r"according to|for|by|during|although|though|if|today|yesterday|tonight|earlier|meanwhile|"
    r"late|early|last|shortly|about|minutes|hours|moments|just|now|then|also|however|instead)\b"
    r"[^,]{0,140},[\"\u201d]?\s+|^[A-Z][a-z]+ing\b[^,\"\u201c]{0,140},\s+(?=[A-Z])",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"^(?:it (?:seems|appears|is (?:understood|believed|reported|thought))(?: that)?|"
    r"(?:officials|police|authorities|reports|sources) (?:say|said)(?: that)?)\s+",
    re.IGNORECASE,
)
_TRAILING_SAID = re.compile(
    r"(?:,?\s+(?:[\w.'-]+\s+){0,6}?(?:said|says|say|reported|reports|told\s+[\w\s]+)"
    r"|,?\s+(?:it|as) (?:was|has been|is) (?:reported|announced|confirmed)\b.*"
    r"|,\s+according to\b.*)\s*$"
)
_PAREN = re.compile(r"\s*\([^)]*\)")
_RELATIVE = re.compile(r",\s+(?:who|whose|which|where)\s[^,\"\u201c]{2,120},\s+(?=[a-z])")
_APPOSITIVE = re.compile(
    r",\s(?=(?:the|a|an|or|who|whose|which|now|once|then|formerly|\d|[A-Z]))[^\"\u201c,]{3,160},\s(?=([a-z]+))"
)
_NAME_THEN_CLAUSE = re.compile(r"^([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}),\s")
_COMMA_WORD = re.compile(r",\s([a-z]+)\b")
_DASHED_RELATIVE = re.compile(r",\s+(?:who|whose|which)\s.{2,200}\s[\u2013\u2014-]\s(?=[a-z])")
_COMMA_IN_QUOTE = re.compile(r"([\"\u201c])([^\"\u201d]{1,60}?),\s*([\"\u201d])")
_TAIL_CLAUSE = re.compile(r",\s+(?:who|whose|which|where|a|an|the|saying|adding|as|while)\s.*$")
_TIME = re.compile(
    rf"\s+(?:(?:on|late|early|last|this|by)\s+)?{_DAY}(?!['\u2019])(?:\s+(?:morning|afternoon|evening|night))?"
    rf"(?:,?\s+(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?)?"
    rf"|\s+(?:on|by)\s+{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"|\s+(?:this|last|late|early)\s+(?:week|weekend|month|year|morning|afternoon|evening|night)"
    r"|\s+(?:today|yesterday|tonight|overnight)\b(?!['\u2019])"
    r"|\s+in\s+(?:19|20)\d\d$"
)
_CUT_BEFORE = re.compile(
    r",\s|;\s|\s[-\u2013\u2014]+\s|\s(?=(?:to|in|on|at|for|after|before|with|during|from|as|because|when|while|but|"
    r"amid|following|despite|over|into|near|since|until|by|which|who|where|and|including)\s)"
)
_BE = frozenset("is are was were be been being".split())
_AUXILIARY = _BE | frozenset(
    "has have had will would could should may might must did does do".split()
)
# Verbs whose object takes a "to" clause: "allowed agencies [to skip reviews]"
CONTROL_VERBS = frozenset(
    """allow allows allowed ask asks asked urge urges urged order orders ordered force forces
    forced tell tells told persuade persuaded require requires required encourage encouraged
    enable enables enabled want wants wanted invite invited expect expects expected""".split()
)
_PERFECT = frozenset("has have had".split())
_INTRANSITIVE = frozenset(
    """died dies resigned resigns crashed crashes exploded explodes collapsed collapses erupted
    erupts surrendered surrenders escaped escapes retired retires arrived arrives fell falls
    struck strikes closed closes""".split()
)
_TAKES_TO = frozenset(
    """have has had try tries tried want wants wanted need needs needed plan plans
    planned going expected likely able set due began begin begins agreed agree hope hopes hoped
    decided refused promised continue continues continued used seems seemed appears appeared""".split()
)
_SAYING = frozenset(
    "says said say told tells announced announces reported reports confirmed confirms".split()
)
_QUOTED = re.compile(r"[\"\u201c\u201d\u201e]|''")
_LONG_QUOTE = re.compile(
    r"[\"\u201c][^\"\u201d]*(?:\s\S+){3}[^\"\u201d]*[\"\u201d]|[.!?,]\s*[\"\u201d]"
)
_OPENS_CLAUSE = re.compile(
    r"\s(?:when|because|while|who|whom|whose|which|that|where|although|if|as(?! well)|he|she|they|it|we|what|how|why|whether)\s|,\s+(?:with\s|\w+(?:ing|ed)\s)"
)
_PRONOUNS = frozenset("he she they it his her their its him them this these those".split())
# Openers that point at the source page around the sentence: not a headline on its own
# ("Here's how the Arizona Republic ended up at that number").
_DEICTIC = frozenset(
    "here here's there's that's it's what's read click watch see scroll whoever whatever".split()
)
# A headline ending "... filed earlier" or "... found in Tibet 16 years" stops inside a
# time phrase ("earlier this year", "16 years after they died")
_TIME_TAIL = re.compile(
    r"(?:\b(?:earlier|later)|\b\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?))$",
    re.IGNORECASE,
)
# Phrases that need what follows them: "indicted in connection [with the theft]"
_OPEN_PHRASES = frozenset(
    p.strip()
    for p in """in connection|in response|in relation|in addition|as part|in front|in charge|
    on behalf|in favor|in favour|in honor|in honour|in search|in support|in memory""".split("|")
)
_LEADING_TIME = re.compile(r"^(?:Yesterday|Today|Tonight|Earlier today|Last night)\s+(?=[A-Z])")


def balanced(text: str) -> bool:
    return (
        text.count('"') % 2 == 0
        and text.count("\u201c") == text.count("\u201d")
        and "''" not in text
    )


def _ends_well(tokens: list[str], verb: int) -> bool:
    """The last token closes a phrase: no function word, adjective or dangling transitive verb."""
    last = tokens[-1].strip(",;:")
    if is_function_word(last) or looks_adjective(last) or last.endswith("-"):
        return False
    if " ".join(tokens[-2:]).lower().strip(",;:") in _OPEN_PHRASES:
        return False
    if _TIME_TAIL.search(" ".join(tokens[-2:])):
        return False
    if last.lower().endswith("ing") and len(tokens) > 1 and tokens[-2].endswith(","):
        return False  # "Largest dinosaur foot ever found, belonging [to ...]"
    if len(tokens) - 1 == verb:
        return last.lower() in _INTRANSITIVE or last.lower() in _BE or last.lower() in _PERFECT
    low = last.lower()
    if low.endswith(("ed", "ing")) and low.isalpha() and len(tokens) - 2 >= verb:
        before = tokens[-2].lower()
        return (
            before in _BE or before.endswith("ly") or low in _INTRANSITIVE or not low.endswith("ed")
        )
    return True


def _list_comma(text: str, at: int) -> bool:
    """True for a comma inside a list of names ("his IBF, IBO and WBO titles")."""
    before = text[:at].split()[-1:] or [""]
    after = text[at + 1 :].split()[:1] or [""]
    return before[0][:1].isupper() and (after[0][:1].isupper() or after[0][:1].isdigit())


def _cut(text: str) -> str:
    """The longest prefix of ``text`` within MAX_CHARS that ends at a phrase boundary
    after the main verb, leaves no subordinate clause half-said and ends well; ""
    when there is none."""
    tokens = text.split()
    verb = verb_index(tokens)
    if verb < 0:
        return ""
    if tokens[verb].lower() in _SAYING:
        # "ministry says Internet cables [were cut]": what follows is the news, so the
        # cut comes after the reported clause's own verb, or not at all
        said = verb_index(["x", *tokens[verb + 1 :]])
        if said < 2:
            return ""
        verb += said
        if tokens[verb].lower() in _SAYING:
            return ""
    verb_end = len(" ".join(tokens[: verb + 1]))
    for m in sorted(_CUT_BEFORE.finditer(text), key=lambda m: -m.start()):
        if not verb_end <= m.start() <= MAX_CHARS:
            continue
        head = text[: m.start()].rstrip(",;: ")
        rest = text[m.end() :]
        if m.group(0).startswith(",") and _list_comma(text, m.start()):
            continue
        if rest.startswith("to ") and head.split()[-1].lower() in _TAKES_TO:
            continue  # "will have [to try]", "expected [to direct]": the verb needs its "to"
        if rest.startswith("and ") and verb_index(["x", *rest[4:].split()[:2]]) != 1:
            continue  # "X and Y" of nouns: cutting it would leave half a list
        if _OPENS_CLAUSE.search(head[verb_end:] + " "):
            continue  # "killed when the accused thugs [opened fire]": a clause cut short
        if balanced(head) and _ends_well(head.split(), verb):
            return head
    return ""


def _drop_appositive(m: re.Match) -> str:
    """An appositive goes when a verb follows it (it sat between subject and verb), when
    it glosses ("..., or previously unknown, ...") or is a short place ("Biloxi, Miss.,
    motel"); ", killing 10 people, injuring ..." is a list of facts and stays."""
    chunk = m.group(0)[2:-2].split()
    place = len(chunk) <= 2 and all(w[:1].isupper() for w in chunk)
    return " " if verb_index(["x", m.group(1)]) == 1 or chunk[0] == "or" or place else m.group(0)


def _name_then_predicate(text: str) -> str:
    """ "W. Mark Felt, the ... source who, better known as "Deep Throat," ..., has died"
    -> "W. Mark Felt has died": a name, anything between commas, then its verb."""
    m = _NAME_THEN_CLAUSE.match(text)
    if not m:
        return text
    verbs = [
        w
        for w in _COMMA_WORD.finditer(text, m.end() + 3, m.end() + 240)
        if w.group(1) not in ("and", "or", "but") and verb_index(["x", w.group(1)]) == 1
    ]
    # the last one: a verb after an earlier comma may belong to a relative clause ("who,
    # better known as X, became ...")
    return f"{m.group(1)} {text[verbs[-1].start(1) :]}" if verbs else text


def _strip(text: str) -> str:
    text = _PAREN.sub("", text).strip().rstrip(".!?").strip()
    text = text[dateline_end(text) :]
    text = _LEADING_TIME.sub("", text)  # "Yesterday Josh checked himself into ..."
    text = _COMMA_IN_QUOTE.sub(
        r"\1\2\3,", text
    )  # '"Million Dollar Mermaid, " whose' -> '..." , whose'
    for _ in range(2):
        text = _HEDGE.sub("", text)
        text = _LEADING.sub("", text)
    text = _TRAILING_SAID.sub("", text)
    text = _name_then_predicate(text)
    text = _DASHED_RELATIVE.sub(" ", text)
    text = _RELATIVE.sub(" ", text)
    for _ in range(2):  # "Esther Williams, whose ... 1950s, has died" -> "Esther Williams has died"
        text = _APPOSITIVE.sub(_drop_appositive, text, count=1)
    text = _TIME.sub("", text)
    return text.strip(" ,;:")


@lru_cache(maxsize=4096)  # pure; a story's headline may be chosen twice
def compress(sentence: str) -> str:
    """Headline-style compression of one body sentence (see module note); "" if none."""
    text = _strip(sentence)
    if len(text) > MAX_CHARS:
        text = _TAIL_CLAUSE.sub("", text)
    if len(text) > MAX_CHARS:
        text = _cut(text)
    # Shouted lead-ins ("A FIRE-BOMB attack") read as normal words; acronyms stay.
    words = [w.capitalize() if w.isupper() and len(w.strip(",.")) > 4 else w for w in text.split()]
    if (
        len(words) > 4
        and words[0] in ("The", "A", "An", "the", "a", "an")
        and words[1][:1].isalnum()
    ):
        words = words[1:]
    text = " ".join(words).rstrip(",;:-.")
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=4096)
def well_formed(line: str) -> bool:
    """A clause: 4+ words, a subject before a finite verb, a proper end, at most
    MAX_CHARS characters, balanced quotes (quoting at most three words), not opening on
    a function word, no pronoun in the subject."""
    tokens = line.split()
    if len(tokens) < 4 or len(line) > MAX_CHARS or not balanced(line):
        return False
    verb = verb_index(tokens)
    first = tokens[0].lower().strip("\"'\u201c")
    if verb <= 0 or is_function_word(first) or first.endswith("ly") or _LONG_QUOTE.search(line):
        return False
    if first.replace("\u2019", "'") in _DEICTIC:
        return False
    if any(re.sub(r"['\u2019]s$", "", t.lower().strip(",")) in _PRONOUNS for t in tokens[:verb]):
        return False  # "Speculation about his successor ...": whose?
    if any(t.lower() in ("who", "which", "that") for t in tokens[:verb]) and not any(
        verb_index(tokens[j - 1 : j + 1]) == 1 for j in range(verb + 2, len(tokens))
    ):
        return False  # "Mafia boss who was arrested in a sweep": the verb is the relative's
    main = verb  # "had told": the auxiliary's main verb
    while main + 1 < len(tokens) and tokens[main].lower() in _AUXILIARY:
        main += 1
    if tokens[main].lower() in _SAYING and verb_index(["x", *tokens[main + 1 :]]) < 1:
        return False  # "Ministry says Internet cables": the news is in the clause left out
    if tokens[verb].endswith("ed") and len(tokens) > verb + 1 and tokens[verb + 1] == "by":
        return False  # "Mother of a girl killed by a stray bullet": a noun phrase
    return _ends_well(tokens, verb)


def too_close(headline: str, titles: list[str]) -> bool:
    """True when ``headline`` shares 60% or more of its content words with a source title."""
    mine = set(content_stems(headline))
    for title in titles:
        theirs = set(content_stems(title))
        if mine and theirs and len(mine & theirs) / len(mine | theirs) >= 0.6:
            return True
    return False


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` without final punctuation, cut at a word boundary to ``limit`` characters,
    with trailing small words dropped (the fallback when no clause fits)."""
    out: list[str] = []
    for word in text.rstrip(".!?").split():
        if len(" ".join(out + [word])) > limit:
            break
        out.append(word)
    # a cut headline must not end on a small word or an adjective waiting for its noun
    while out and (
        out[-1].lower().strip(",;:") in STOPWORDS
        or is_function_word(out[-1].lower().strip(",;:"))
        or looks_adjective(out[-1].strip(",;:"))
    ):
        out.pop()
    line = " ".join(out).rstrip(",;:-")
    lead = re.match(r"(?:The|A|An)\s+(?=\S)", line)  # headline style drops a leading article
    return line[lead.end()].upper() + line[lead.end() + 1 :] if lead else line
