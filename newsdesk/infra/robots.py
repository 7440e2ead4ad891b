"""robots.txt rules (the fetching and caching live in ``sources/politeness.py``).

``allowed(robots_txt, url, agent)`` -> bool and ``crawl_delay(robots_txt, agent)`` ->
seconds or None, from the text of a robots.txt. An empty text allows everything. Pure.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.robotparser import RobotFileParser

AGENT_TOKEN = "newsdesk"


@lru_cache(maxsize=256)
def _parser(robots_txt: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(robots_txt.splitlines())
    return parser


def allowed(robots_txt: str, url: str, agent: str = AGENT_TOKEN) -> bool:
    """Whether ``agent`` may fetch ``url`` under these rules."""
    if not robots_txt.strip():
        return True
    return _parser(robots_txt).can_fetch(agent, url)


def crawl_delay(robots_txt: str, agent: str = AGENT_TOKEN) -> float | None:
    """The Crawl-delay asked of ``agent`` (or of ``*``), in seconds."""
    if not robots_txt.strip():
        return None
    delay = _parser(robots_txt).crawl_delay(agent)
    return float(delay) if delay is not None else None
