"""Only articles are reports: a source that is an error page, a paywall or cookie
notice, an archive's crawl notice, a list of links or a caption is not written from.

``not_an_article(doc) -> str`` names the ``RULES`` entry that fires on the whole
source text ("" for an article). Each rule has its examples (text -> fires?), run by
``tests/test_write_rules.py``. ``write_story`` leaves such sources out of the piece
(never credited) and lists them in ``Draft.repairs``. Pure; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.pipeline.write.sentences import split_sentences

MIN_WORDS = 25  # a shorter text is a caption or a teaser, not an article


@dataclass(frozen=True)
class Rule:
    name: str
    fires: Callable[[str], bool]
    examples: tuple[tuple[str, bool], ...]


def _search(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern, re.IGNORECASE)
    # a notice opens the text; the same words deep in a long article are quoted news
    return lambda text: compiled.search(text[:400]) is not None and len(text.split()) < 250


def _link_list(text: str) -> bool:
    lines = [s.text for s in split_sentences(text)]
    bare = [
        t
        for t in lines
        if len(t.split()) < 9 and not t.rstrip("\"'\u201d)").endswith((".", "!", "?"))
    ]
    return len(lines) >= 5 and len(bare) > 0.6 * len(lines)


_CAPTION_WORDS = re.compile(r"\b(?:photo|image|credit|getty|file|pictured|video)\b", re.IGNORECASE)


def _caption(text: str) -> bool:
    if len(text.split()) >= MIN_WORDS:
        return False
    ends = text.rstrip().endswith((".", "!", "?", '"', "\u201d"))
    return _CAPTION_WORDS.search(text) is not None or not ends


_ARTICLE = (
    "Police said the fire broke out on Tuesday night in the warehouse district. Firefighters "
    "needed six hours to bring it under control, and twelve people were taken to hospital. "
    "The cause is under investigation, the fire department said on Wednesday morning."
)

RULES: tuple[Rule, ...] = (
    Rule(
        "error_page",
        _search(
            r"page (?:you (?:requested|are looking for)|cannot be found|not found)|"
            r"\b404\b.{0,40}\bnot found|sorry,? (?:the|this) page|no longer available"
        ),
        (
            ("Sorry, the page you requested was not found. " + "Try the search box. " * 3, True),
            (_ARTICLE, False),
        ),
    ),
    Rule(
        "paywall_or_cookie_notice",
        _search(
            r"subscribe (?:now )?to (?:continue|read)|to continue reading|subscribers only|"
            r"we use cookies|enable (?:cookies|javascript)|your browser (?:does not|doesn't)"
        ),
        (
            (
                "To continue reading, subscribe now for full access. " + "Already a member? " * 4,
                True,
            ),
            (_ARTICLE, False),
        ),
    ),
    Rule(
        "archive_notice",
        _search(r"crawls? of supported sites|these crawls are part of|wayback machine"),
        (
            (
                "These crawls are part of an effort to archive pages as they are created. "
                "Crawls of supported sites are saved as the pages are linked. " * 2,
                True,
            ),
            (_ARTICLE, False),
        ),
    ),
    Rule(
        "link_list",
        _link_list,
        (
            ("Home\nPolitics\nSport\nWeather\nMarkets\nContact us\n" + _ARTICLE[:60], True),
            (_ARTICLE, False),
        ),
    ),
    Rule(
        "caption",
        _caption,
        (
            ("Firefighters at the scene on Tuesday. (AP Photo/Rich Pedroncelli)", True),
            ("Actress Tara Reid has checked into rehab, her publicist said on Friday.", False),
            (_ARTICLE, False),
        ),
    ),
)


def not_an_article(text: str) -> str:
    """The first rule that fires on ``text``, or "" when it reads as an article."""
    return next((rule.name for rule in RULES if rule.fires(text)), "")
