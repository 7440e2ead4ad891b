"""What a page's <head> says about itself: title, <meta>, <link> (feed discovery, canonicals).

``read_head(html)`` -> HeadInfo. Uses the stdlib tolerant HTML parser, never fetches,
stops at <body> so a huge page costs little. Bytes are decoded as UTF-8 with replacement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HeadInfo:
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # name/property (lower) -> content
    links: list[dict[str, str]] = field(default_factory=list)  # attrs of each <link>

    def link_href(self, rel: str) -> str:
        for link in self.links:
            if rel in link.get("rel", "").lower().split():
                return link.get("href", "")
        return ""


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = HeadInfo()
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "body":
            self.done = True
        elif tag == "title" and not self.info.title:
            self._in_title = True
        elif tag == "meta":
            key = (
                values.get("property") or values.get("name") or values.get("itemprop") or ""
            ).lower()
            if key and key not in self.info.meta:
                self.info.meta[key] = values.get("content", "").strip()
        elif tag == "link":
            self.info.links.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.info.title += data


def read_head(html: bytes | str, limit: int = 512 * 1024) -> HeadInfo:
    """Parse the head of ``html`` (first ``limit`` characters at most)."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    parser = _HeadParser()
    for start in range(0, min(len(text), limit), 8192):
        parser.feed(text[start : start + 8192])
        if parser.done:
            break
    parser.close()
    parser.info.title = " ".join(parser.info.title.split())
    return parser.info
