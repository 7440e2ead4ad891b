"""Deterministic headline checks for ``bench write`` (rough word classes, no tagger).

``checks(headline, sources) -> dict[str, bool]`` with:

- ``ends_ok``: the last word is not a function word or an adjective ("... to retain
  his", "... subject to enhanced environmental") and not a hyphen or a comma;
- ``has_verb``: a probable finite verb after the first word (a clause, not a label);
- ``names_actor``: some name that two or more sources mention occurs in it (true when
  no name is shared); outlets, page words ("PHOTOS", "Getty Images"), time words and
  lone adjectives are not names (the tag rules; before, "Getty Images" or "Tweet" could
  be a story's "main actor"), and names are counted over the sources that are
  articles (``reportable``: an archive's crawl notice naming "Internet Archive" is not);
- ``whole_phrase``: where the headline's last words occur in a source, the word after
  them there opens a new phrase (punctuation, a dash, a preposition, a subordinator,
  a relative pronoun, a time phrase, "and" before a verb, or nothing): no cut inside
  "his IBF [and WBO titles]" or "a man serving [a life sentence]" (before, a time
  phrase the headline style drops, "... tested ballistic missiles [this week]", counted
  as a cut);
- ``main_actor``: the name the most sources mention (any of them on a tie) occurs in
  it (true when no name is shared);
- ``style``: headline style: no leading article ("The ..."), hedge ("It seems") or
  time phrase ("Today, ..."), no trailing time phrase ("... on Monday",
  "... Saturday morning");
- ``short``: at most 90 characters;
- ``clean``: balanced quotation marks, a capital or a digit first, no final period.

``headline_ok`` is all eight. The same word-class lists guide the writer, so these
figures measure form, not meaning; the examples in docs/benchmarks.md show the rest.
"""

from __future__ import annotations

import re

from newsdesk.pipeline.types import SourceDoc
from newsdesk.pipeline.write.headline_choice import ends_mid_phrase, main_names, names_any
from newsdesk.pipeline.write.reportable import not_an_article
from newsdesk.pipeline.write.wordclass import is_function_word, looks_adjective, verb_index

MAX_CHARS = 90
KEYS = (
    "ends_ok",
    "has_verb",
    "names_actor",
    "main_actor",
    "whole_phrase",
    "style",
    "short",
    "clean",
    "headline_ok",
)
_OPENERS = re.compile(
    r"^(?:the|a|an|it (?:seems|appears)|today|yesterday|tonight|on \w+day|earlier|"
    r"late|early|last)\b",
    re.IGNORECASE,
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday
    tonight morning afternoon evening night week weekend""".split()
)


def shared_names(sources: list[SourceDoc]) -> tuple[list[str], list[str]]:
    """(names mentioned by two or more of ``sources``, most shared first; the most shared
    ones), counted over title + text, outlets, page and time words and lone adjectives
    left out (``headline_choice.main_names``)."""
    return main_names(sources)


def _style(headline: str) -> bool:
    tail = [w.lower().strip(",.") for w in headline.split()[-2:]]
    return not _OPENERS.match(headline) and not any(w in _TIME_WORDS for w in tail)


def _names_actor(headline: str, actors: list[str]) -> bool:
    return not actors or names_any(headline, actors) > 0


def checks(headline: str, sources: list[SourceDoc]) -> dict[str, bool]:
    """Form checks of one headline (see module note)."""
    tokens = headline.split()
    # a source that is no article (an archive's crawl notice, an error page) names no
    # actor of the story: the writer leaves it out, and so do the checks
    shared, main = shared_names([d for d in sources if not not_an_article(d.text)] or sources)
    last = tokens[-1] if tokens else ""
    out = {
        "ends_ok": bool(last)
        and not is_function_word(last)
        and not looks_adjective(last)
        and not last.endswith(("-", ",", ";", ":")),
        "has_verb": verb_index(tokens) > 0,
        "names_actor": _names_actor(headline, shared),
        "main_actor": _names_actor(headline, main),
        "whole_phrase": not ends_mid_phrase(headline, [d.text for d in sources]),
        "style": _style(headline),
        "short": 0 < len(headline) <= MAX_CHARS,
        "clean": headline.count('"') % 2 == 0
        and headline.count("\u201c") == headline.count("\u201d")
        and (headline[:1].isupper() or headline[:1].isdigit())
        and not headline.endswith("."),
    }
    out["headline_ok"] = all(out.values())
    return out
