"""THREATS C1-C11: stored HTML goes through the nh3 allow-list (``infra/sanitize``),
titles and authors are plain text, and script contexts are escaped.

Every fixture is hostile; each expectation is what must never survive.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from newsdesk.infra.sanitize import clean_html, paragraphs_to_html
from newsdesk.pipeline.parse import parse
from newsdesk.web import jsonld

FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "base", "meta",
                  "form", "input", "button", "video", "audio", "link", "noscript"}  # fmt: skip


class _Elements(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def _inert(html: str) -> None:
    """No forbidden element, no event handler or style, only http(s) or relative URLs."""
    for tag, attrs in _Elements(html).found:
        assert tag not in FORBIDDEN_TAGS, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in {"style", "srcdoc", "formaction"}
            if name in {"href", "src"}:
                scheme = urlsplit("".join(value.split())).scheme.lower()
                assert scheme in {"", "http", "https"}, (value, html)


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script><p>text</p>",
        "<img src=x onerror=alert(1)>",
        '<p onclick="alert(1)" onmouseenter="alert(1)">hover</p>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<body onload=alert(1)>",
    ],
)
def test_C1_scripts_handlers_and_script_urls_are_removed(raw):
    _inert(clean_html(raw))


@pytest.mark.parametrize(
    "raw",
    [
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<button formaction="javascript:alert(1)">go</button>',
        '<form><button formaction="javascript:alert(1)">go</button></form>',
        '<object data="javascript:alert(1)"></object><embed src="x.swf">',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    ],
)
def test_C2_dangerous_attributes_are_not_let_through(raw):
    _inert(clean_html(raw))


@pytest.mark.parametrize(
    "raw",
    [
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        '<a title="&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;">x</a>',
    ],
)
def test_C3_mutation_xss_cheat_sheet_inputs_stay_inert_and_stable(raw):
    once = clean_html(raw)
    _inert(once)
    assert clean_html(once) == once  # sanitising again changes nothing: nothing to mutate


def test_C4_no_embed_from_any_origin_survives():
    for raw in ['<iframe src="https://www.youtube.com/embed/x"></iframe>',
                '<iframe src="file:///etc/passwd"></iframe>', '<video src="https://x/v.mp4">']:  # fmt: skip
        out = clean_html(raw)
        assert "<iframe" not in out and "<video" not in out


def test_C5_style_attributes_and_elements_are_removed():
    raw = ('<a style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9" '
           'href="https://x.example/">cover</a><style>body{display:none}</style>')  # fmt: skip
    out = clean_html(raw)
    _inert(out)
    assert "position" not in out and "display" not in out and "cover" in out


def test_C6_written_bodies_load_nothing_from_elsewhere():
    # The only HTML marked safe on the site is a piece's body, built from plain text.
    body = paragraphs_to_html(['<img src="http://t.example/p.gif" width=1 height=1>', "Text"])
    assert "<img" not in body and "&lt;img" in body


def test_C7_base_meta_form_and_inputs_are_removed():
    raw = ('<base href="//evil.example/"><meta http-equiv=refresh content="0;url=//evil">'
           '<form action="//evil"><input name=password></form><a href="/x">x</a>')  # fmt: skip
    out = clean_html(raw).lower()
    for tag in ("<base", "<meta", "<form", "<input"):
        assert tag not in out


def test_C8_titles_and_authors_are_plain_text():
    rss = (
        '<rss version="2.0"><channel><title>T</title><item>'
        "<title>&lt;img src=x onerror=alert(1)&gt;Breaking</title>"
        "<author>&quot;&gt;&lt;svg onload=alert(1)&gt;</author>"
        "<link>https://x.example/1</link></item></channel></rss>"
    )
    item = parse("feed", rss.encode(), "https://x.example/rss").items[0]
    assert item.title == "Breaking"
    assert "<" not in item.author and "onload" not in item.author


def test_C10_body_links_open_without_opener_or_referrer():
    out = clean_html('<a href="https://x.example/" target="_blank">x</a>')
    rel = out.split('rel="')[1].split('"')[0].split()
    assert {"noopener", "noreferrer", "nofollow"} <= set(rel)


def test_C11_json_ld_cannot_close_its_script_element():
    tag = jsonld.script_tag({"headline": "</script><script>alert(1)</script>", "x": "<!--"})
    inner = tag.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["headline"] == "</script><script>alert(1)</script>"
