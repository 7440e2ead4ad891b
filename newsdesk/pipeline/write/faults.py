"""What a reader sees as broken in one sentence: named rules, each with its examples.

``sentence_faults(text) -> list[str]`` names every ``RULES`` entry that fires on a
sentence: a fragment (unbalanced quotes or brackets, opening lower-case or on a closing
mark, ending inside a sum of money), two sentences glued together, or page furniture
(time stamps, "Updated", "First Posted", bylines, photo credits, section labels, other
pages' dated headlines). ``cuts_number(text, start, end)`` is True when a span of a
source starts or ends inside a number of that source ("5. 9" cut after "5."): such a
span changes the figure it cites. Candidate filters, the gates and the bench all use
these rules; ``tests/test_write_rules.py`` runs every example. Pure; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


@dataclass(frozen=True)
class Rule:
    """A named test on a sentence, with (sentence, fires?) examples."""

    name: str
    kind: str  # "fragment", "glued" or "furniture": the reason a reader is given
    fires: Callable[[str], bool]
    examples: tuple[tuple[str, bool], ...]


def _search(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    compiled = re.compile(pattern, flags)
    return lambda text: compiled.search(text) is not None


def _unbalanced_quotes(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("\u201c") != text.count("\u201d")


def _unbalanced_brackets(text: str) -> bool:
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


def _starts_lower(text: str) -> bool:
    first = text.lstrip("\"'\u201c\u2018( ")[:1]
    return first.isalpha() and first.islower()


RULES: tuple[Rule, ...] = (
    Rule(
        "unbalanced_quotes",
        "fragment",
        _unbalanced_quotes,
        (
            ("Our thoughts and prayers go out to their families, according to NBC10.\u201d", True),
            ('"We will win," said Doe.', False),
        ),
    ),
    Rule(
        "unclosed_single_quote",
        "fragment",
        lambda text: (
            text.startswith(("'", "\u2018"))
            and re.search(r"[\w.,!?][\u2019'](?=[\s.,;:]|$)", text[1:]) is None
        ),
        (
            (
                "'Representatives of the two political parties will compete for victory in the "
                "parliamentary elections, according to Trend.",
                True,
            ),
            ("'We will rebuild,' the mayor said.", False),
        ),
    ),
    Rule(
        "unbalanced_brackets",
        "fragment",
        _unbalanced_brackets,
        (
            ("NBC News reported that 6 million) the thieves reversed into the store.", True),
            ("The thieves took jewels worth two million euros ($2.6 million).", False),
        ),
    ),
    Rule(
        "starts_lower_case",
        "fragment",
        _starts_lower,
        (
            ("netanyahu's government said it would respond.", True),
            ("Netanyahu's government said it would respond.", False),
        ),
    ),
    Rule(
        "starts_with_closing_mark",
        "fragment",
        _search(r"^\s*[\u201d\u2019)\],.;:]"),
        (
            ("\u201d The mayor said the city would rebuild.", True),
            ("\u201cWe will rebuild,\u201d the mayor said.", False),
        ),
    ),
    Rule(
        "ends_inside_number",
        "fragment",
        _search(r"(?:[$\u00a3\u20ac]|\(\$?)\d{1,3}\.$"),
        (
            ("The gang made off with a two-million-euro ($2.", True),
            ("Police said the gang fled in a car worth $2.", True),
            ("The quake's magnitude was 5.9.", False),
        ),
    ),
    Rule(
        "glued_heading",
        "glued",
        _search(
            r"\b[a-z]{2,}\s+(?:An|He|She|They|We|His|Her|Their|These|Those)\s+[a-z]{2,}"
            r"|\b(?!said\b|says\b|told\b|of\b|by\b|in\b|at\b|from\b|and\b|to\b|called\b|titled\b)"
            r"[a-z]{3,}\s+(?:An|The|A)\s+(?:[a-z]+\s+)?[a-z]+ed\b"
            # a heading ending on a plural noun, then the article: "double murders A man"
            r"|\b[a-z]{4,}s\s+(?:A|The)\s+[a-z]+\b"
        ),
        (
            ("Rioters threw bottles at officers An orderly protest followed on Sunday.", True),
            ("The protesters threw bottles He said the police had acted.", True),
            (
                "Police not searching for any other suspects in connection with double murders A "
                "man said to have been released was questioned.",
                True,
            ),
            ("She read The Lord of the Rings twice.", False),
            ("He told The New York Times that he had resigned.", False),
            ("She starred in An Officer and a Gentleman in 1982.", False),
        ),
    ),
    Rule(
        "glued_quote",
        "glued",
        _search(r"[.?!][\"\u201d]\s+[A-Z][a-z]+\s+[a-z]"),
        (
            ('"It was terrible." Engineers were called to the site on Monday.', True),
            ('"It was terrible," said Engineer Tom Smith on Monday.', False),
        ),
    ),
    Rule(
        "time_stamp",
        "furniture",
        _search(
            r"\b(?:First Posted|Posted|Updated|Last updated|Published)\s*:|^Updated\s*\|"
            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\s?(?:AM|PM)\s+(?:ET|EST|EDT|PT|GMT)\b"
        ),
        (
            (
                "First Posted: 10/25/11 06:44 PM ET Updated: 12/25/11 05:12 AM ET An 18-year "
                "old male confessed.",
                True,
            ),
            ("Updated | When the first humans left Africa, they got shorter.", True),
            ("The store opened at 10 a.m. on Saturday.", False),
        ),
    ),
    Rule(
        "photo_credit",
        "furniture",
        _search(
            r"\((?:AP|Reuters|AFP)[^)]*Photo|\bPhoto(?:graph)?\s*(?:by|:)|\bCredit\s*:"
            r"|\bGetty Images\b|\bFile (?:photo|image)\b|\bBuy Photo\b|^Image (?:from|courtesy|via)\b"
            r"|\bhandout (?:photo|picture|image)\b",
            re.IGNORECASE,
        ),
        (
            ("Firefighters at the scene on Sunday (AP Photo/Rich Pedroncelli).", True),
            (
                "Buy Photo Genesee County health official Jim Henry was among those calling for "
                "action.",
                True,
            ),
            ("Image from the Sprayable Energy campaign.", True),
            (
                "Two naval aviators pilot a P-8A Poseidon during a search mission in this "
                "March 24, 2014 handout photo.",
                True,
            ),
            ("A file image from the Galileo spacecraft shows the Conemara region of Europa.", True),
            ("Firefighters worked through the night on Sunday.", False),
            ("The image from the camera showed the suspect's car.", False),
        ),
    ),
    Rule(
        "byline",
        "furniture",
        _search(
            r"^By\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b|\b(?:Staff Writer|Staff Reporter|"
            r"Associated Press Writer|Contributing Writer)\b"
        ),
        (
            ("By John Smith, Staff Writer The council met on Monday.", True),
            ("By Monday the council had met twice.", False),
        ),
    ),
    Rule(
        "section_label",
        "furniture",
        _search(
            r"^['\u2018\"\u201c][A-Z][^'\u2019\"\u201d.,!?]{2,40}['\u2019\"\u201d]\s+(?:Mr|Mrs|Ms|Dr|[A-Z][a-z]+\s+[A-Z])"
        ),
        (
            ("'Untimely death' Mr Jenkin said the family was devastated.", True),
            ("\u201cWe will rebuild,\u201d Mayor Tom Smith said.", False),
        ),
    ),
    Rule(
        "dated_heading",
        "furniture",
        _search(rf"\b{_MONTH} \d{{1,2}}, \d{{4}} [A-Z][A-Za-z]*\b|\u2026|\.\.\."),
        (
            (
                "Yahoo News reported that Hiller Feuded with Co-Workers Prior to Shooting; "
                "Risk Factors \u2026 Sep 10, 2010 Yvonne Hiller, 43, opened fire.",
                True,
            ),
            (
                "Former President Bush Had Enacted Legislation that Could Have Put More Animals "
                "in Danger Mar 4, 2009 In a move that could anger some, President Obama acted.",
                True,
            ),
            (
                "Repair time will be around twelve days October 10, 2011 SEACOM said today "
                "that the total repair time will be twelve days.",
                True,
            ),
            ("On Sept. 10, 2010, Yvonne Hiller opened fire at the plant.", False),
        ),
    ),
    Rule(
        "reader_address",
        "furniture",
        # the page talking to its reader: a call to read, click, download, an app or a
        # form's fine print, "after the jump"
        _search(
            r"^(?:Read on|Read more|Click|Check out|Download|Scroll|Watch|See more|Stay tuned|"
            r"Don't miss|Find out|Tell us|Vote|Please (?:keep|leave|share|post|send|let)|"
            r"Here(?:'s| is| are)\s+(?:a|an|what|how|why|his|her|their|"
            r"the (?:latest|full|video|list)))\b|\bafter the jump\b|\bBy submitting this form\b"
            r"|\bapp now!|\bin the comments\b",
            re.IGNORECASE,
        ),
        (
            ("Read on for the backstage reactions of Jon Cryer, Claire Danes and others.", True),
            ("Check out Dead50.net for ticketing information.", True),
            ("Here's his take on border security and tax reform, in his own words.", True),
            ("Here's a sampling of some of those projects.", True),
            ("Please keep posting them in the comments.", True),
            ("Here is the council's plan, which the mayor announced on Monday.", False),
            ("Download the Us Weekly iPhone app now!", True),
            ("Details on her potential 'Dancing' dreams after the jump!", True),
            ("Note: By submitting this form, you agree to Third Door Media's terms .", True),
            ("Investigators will watch the video again on Monday.", False),
            ("Watchdog groups said the rules were too weak.", False),
        ),
    ),
    Rule(
        "video_heading",
        "furniture",
        # a video's title and running time glued to the text: "... new highs (3:40) As ..."
        _search(r"\(\d{1,2}:\d\d\)\s+[A-Z]|\|\s*(?:AP|Getty|Reuters)?\s*(?:Photo|Video)\b"),
        (
            (
                "Wedding costs soar to new highs (3:40) As Americans feel better about the "
                "economy, spending on weddings rose.",
                True,
            ),
            (
                "Said one law professor. | AP Photo Trump's alleged plea to Comey stirs "
                "obstruction talk.",
                True,
            ),
            ("The race started at 10:30 (local time) on Sunday.", False),
        ),
    ),
    Rule(
        "caption_position",
        "furniture",
        # a photo caption placing its subjects: "third from left", "(left)"
        _search(
            r",\s+(?:(?:second|third|fourth|fifth|far)\s+)?(?:from\s+)?(?:left|right),"
            r"|\((?:left|right|center|centre)\)"
        ),
        (
            (
                "Sarah Kate Ellis, GLAAD president and CEO, third from left, and transgender "
                "service members arrive at the awards.",
                True,
            ),
            ("Mayor Tom Smith (left) and his deputy open the bridge.", True),
            ("The senator moved from left to right over the years, aides said.", False),
            ("Rescuers arrived from the left bank of the river.", False),
        ),
    ),
)


def sentence_faults(text: str) -> list[str]:
    """Names of the ``RULES`` that fire on ``text``, in rule order."""
    return [rule.name for rule in RULES if rule.fires(text)]


KIND = {rule.name: rule.kind for rule in RULES}
_DIGITS_AFTER = re.compile(r"\s?\d")
_DIGIT_MARK_BEFORE = re.compile(r"\d\.\s?$")


def cuts_number(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` begins or ends inside a number of ``text``."""
    if not 0 <= start < end <= len(text):
        return False  # a span outside its text is the support gate's to report
    ends_cut = (
        end >= 2
        and text[end - 1] == "."
        and text[end - 2].isdigit()
        and _DIGITS_AFTER.match(text, end) is not None
        and not text[max(0, end - 6) : end - 1].strip().isdigit()  # a year: "in 1970. 25 ..."
    )
    starts_cut = (
        start < len(text)
        and text[start].isdigit()
        and _DIGIT_MARK_BEFORE.search(text, max(0, start - 4), start) is not None
    )
    return ends_cut or starts_cut
