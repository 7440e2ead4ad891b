"""Why a new comment waits for a moderator: named rules with their examples.

hold_reasons(body, known_author) -> the messages of every rule that fires,
stored in ``Comment.held_reason`` and shown in the moderation list. Every comment is
held (the site's policy); the other rules tell the moderator what to look at first.
No side effects. Each rule's examples run in tests/test_comment_threads.py.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

# WordPress holds a comment with this many links ("comment_max_links", default 2).
MAX_LINKS = 2
_LINK = re.compile(r"https?://|www\.", re.I)


@dataclass(frozen=True)
class Candidate:
    body: str
    known_author: bool = False  # an earlier comment from this e-mail was approved


@dataclass(frozen=True)
class HoldRule:
    name: str
    message: str
    fires: Callable[[Candidate], bool]
    examples: tuple[tuple[Candidate, bool], ...]


RULES = (
    HoldRule(
        "policy",
        "every comment waits for a moderator",
        lambda c: True,
        ((Candidate("Thanks."), True),),
    ),
    HoldRule(
        "first-comment",
        "first comment from this e-mail address",
        lambda c: not c.known_author,
        ((Candidate("Hi", known_author=False), True), (Candidate("Hi", known_author=True), False)),
    ),
    HoldRule(
        "links",
        f"contains {MAX_LINKS} or more links",
        lambda c: len(_LINK.findall(c.body)) >= MAX_LINKS,
        (
            (Candidate("see https://a.example and www.b.example"), True),
            (Candidate("see https://a.example only"), False),
        ),
    ),
)


def hold_reasons(body: str, known_author: bool = False) -> list[str]:
    candidate = Candidate(body, known_author)
    return [rule.message for rule in RULES if rule.fires(candidate)]
