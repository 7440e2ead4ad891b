"""Clean-up rules, byline cleaning, date parsing and charset decoding, table-driven."""

from datetime import UTC, date, datetime

import pytest

from newsdesk.infra.charset import declared_charset, decode_html
from newsdesk.pipeline.extract.authors import clean_authors
from newsdesk.pipeline.extract.body import Block
from newsdesk.pipeline.extract.clean import (
    clean_blocks,
    drop_link_runs,
    drop_teasers,
    is_dateline,
    is_promo,
)
from newsdesk.pipeline.extract.dates import parse_date, url_date

BODY = [
    Block("p", f"Paragraph {n} of the story says something long enough to matter here.")
    for n in range(6)
]


def test_headline_and_heading_standfirst_dropped_but_a_lede_kept():
    title = "Council approves new harbour plan"
    lede = "The council approved the new harbour plan on Monday after a long debate."
    blocks = [Block("h2", title), Block("h2", lede), Block("p", lede), *BODY]
    kept = clean_blocks(blocks, [title, ""], standfirst=lede)
    assert kept == [Block("p", lede), *BODY]


@pytest.mark.parametrize(
    ("tag", "text", "expected"),
    [
        ("p", "Published 18 November 2019", True),
        ("p", "sexta-feira, 22 de outubro de 2010 às 20:13", True),
        ("p", "UPDATED: Tue., Nov. 19, 2019", True),
        ("p", "2018 Jeongdong Theater Tradition Series Performance", False),
        ("h2", "Clinching in November 2019, 12 teams", False),
        ("p", "He was born on 4 May 1990 in Leeds.", False),
    ],
)
def test_datelines(tag, text, expected):
    assert is_dateline(Block(tag, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sign up for our newsletter to get the day's top stories.", True),
        ("READ MORE: China plague outbreak confirmed in Beijing", True),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", True),
        ("Fox News' Jessica Napoli contributed to this report.", True),
        ("Updated at 1:23 p.m.", True),
        ("Tempo de leitura: 1 minuto", True),
        ("5 min read", True),
        (
            "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.",
            True,
        ),
        ("The newsletter, which began in 1990, has 40,000 readers and " + "more " * 30, False),
        ("Sign up for a Hulu ad-free account for $11.99 a month", False),
        ("The company published its results on Tuesday.", False),
    ],
)
def test_promo_lines(text, expected):
    assert is_promo(text) is expected


def test_trailing_related_section_is_cut():
    blocks = [*BODY, Block("h2", "Related stories"), Block("p", "Another story entirely")]
    assert clean_blocks(blocks, [], "") == BODY
    early = [BODY[0], Block("h2", "Tags"), *BODY[1:]]
    assert clean_blocks(early, [], "") == early  # too early to be a trailing section


def test_runs_of_link_teasers_are_dropped_single_links_kept():
    links = {"gronk serena perform with laker girls", "pats place olszewski on ir"}
    teasers = [
        Block("p", "Gronk, Serena perform with Laker Girls Gronk may have found his calling"),
        Block("p", "Pats place Olszewski on IR New England's roster is re-shuffling"),
    ]
    assert drop_link_runs([BODY[0], *teasers, BODY[1]], links) == [BODY[0], BODY[1]]
    assert drop_link_runs([BODY[0], teasers[0], BODY[1]], links) == [BODY[0], teasers[0], BODY[1]]


@pytest.mark.parametrize(
    ("raw", "site", "expected"),
    [
        (["Email the author"], "", []),
        (["By Jane Doe, Associated Press"], "", ["Jane Doe"]),
        (["The Associated Press"], "", []),
        (["Reuters"], "", []),
        (
            ["By DANICA KIRKA and JILL LAWLESS Associated Press"],
            "",
            ["Danica Kirka", "Jill Lawless"],
        ),
        (["PTI, Washington"], "", []),
        (["Sarah E. Needleman"], "", ["Sarah E. Needleman"]),
        (["Finian Cunningham. Sputnik International"], "", ["Finian Cunningham"]),
        (["Sky"], "Sky News", []),
        (["Jill Disis, CNN Business"], "CNN", ["Jill Disis"]),
        (["Ilana Muhlstein, MS, RDN"], "", ["Ilana Muhlstein"]),
        (["admin", "Name *", "By", "jane@example.org", "https://x.org/"], "", []),
        (["https://example.org/author/jane-doe"], "", ["Jane Doe"]),
        (["Carlos.Nadalim"], "", ["Carlos Nadalim"]),
        (["Staff Reports", "Syrian defense ministries"], "", []),
        (["Analysis by Chris Cillizza"], "", ["Chris Cillizza"]),
        (["Jane Doe", "jane doe"], "", ["Jane Doe"]),
    ],
)
def test_clean_authors(raw, site, expected):
    assert clean_authors(raw, site) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-18T23:04:24-05:00", datetime(2019, 11, 19, 4, 4, 24, tzinfo=UTC)),
        ("2019-11-19T13:03:00.000Z", datetime(2019, 11, 19, 13, 3, tzinfo=UTC)),
        ("2019-11-19", datetime(2019, 11, 19, tzinfo=UTC)),
        ("Tue, 19 Nov 2019 10:00:00 GMT", datetime(2019, 11, 19, 10, tzinfo=UTC)),
        ("Nov 18, 2019 11:04 PM EST", datetime(2019, 11, 19, 4, 4, tzinfo=UTC)),
        ("Nov 18, 2019 11:04 PM XYZ", datetime(2019, 11, 18, 23, 4, tzinfo=UTC)),
        ("1574121884", datetime(2019, 11, 19, 0, 4, 44, tzinfo=UTC)),
        ("not a date", None),
        ("1970-01-01", None),
        ("2999-01-01", None),
        ("", None),
    ],
)
def test_parse_date_gives_aware_utc_or_none(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b'<meta charset="ISO-8859-1">', "cp1252"),
        (b'<meta charset="x-bogus">', None),
        (b"\xef\xbb\xbf<html>", "utf-8"),
        (b"<html>", None),
    ],
)
def test_declared_charset(data, expected):
    assert declared_charset(data) == expected


def test_decode_html_falls_back_without_raising():
    assert decode_html("already text") == "already text"
    assert decode_html('<meta charset="cp1251">Привет'.encode("cp1251")).endswith("Привет")
    assert decode_html(b'<meta charset="utf-8">caf\xe9') == '<meta charset="utf-8">caf\ufffd'
    mislabelled = '<meta charset="iso-8859-1">café'.encode()
    assert decode_html(mislabelled).endswith("café")
    assert decode_html('<meta charset="iso-8859-1">café'.encode("latin-1")).endswith("café")
    assert decode_html("Привет".encode("koi8-r"), header_charset="koi8-r") == "Привет"
    assert decode_html("ｈｉ".encode("utf-16")).endswith("ｈｉ")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/2019/11/18/story", date(2019, 11, 18)),
        ("https://x.com/a/2019/nov/18/story", date(2019, 11, 18)),
        ("https://x.com/story-2019-11-18.html", date(2019, 11, 18)),
        ("https://x.com/2019/11/story", None),
        ("https://x.com/2019/13/45/story", None),
        ("", None),
    ],
)
def test_url_date(url, expected):
    assert url_date(url) == expected


def test_all_capitals_link_teaser_dropped_but_capital_heading_kept():
    links = {"sean spicer eliminated from dancing with the stars"}
    teaser = Block("p", "SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'")
    heading = Block("p", "WHO IS THE FRONT-RUNNER IN THIS RACE?")
    assert drop_link_runs([BODY[0], teaser, heading, BODY[1]], links) == [BODY[0], heading, BODY[1]]


def test_missing_chunks_are_merged_in_document_order():
    from lxml import html as lxml_html

    from newsdesk.pipeline.extract.chunks import add_missing_chunks

    para = [
        f"Paragraph {n} of a long article body that goes on for a while, " * 3 for n in range(6)
    ]
    html = (
        "<html><body><div class='chunks'>"
        + "".join(
            f"<div class='grid'><div class='body'><p>{a}</p><p>{b}</p></div></div><div class='ad'></div>"
            for a, b in zip(para[::2], para[1::2], strict=True)
        )
        + "</div></body></html>"
    )
    tree = lxml_html.document_fromstring(html)
    first = [Block("p", " ".join(p.split())) for p in para[:2]]
    merged = add_missing_chunks(tree, first, Block)
    assert [b.text for b in merged] == [" ".join(p.split()) for p in para]
    whole = [Block("p", " ".join(p.split())) for p in para]
    assert add_missing_chunks(tree, whole, Block) == whole


def test_a_teaser_of_the_first_paragraph_is_dropped_a_trailing_off_sentence_kept():
    full = (
        "Esther Williams has died. The star of such MGM movie hits as \u201cTake Me Out "
        "to the Ball Game\u201d passed away in Beverly Hills on Thursday at the age of 91."
    )
    teaser = Block(
        "p", "Esther Williams has died. The star of such MGM movie hits as \u201cTake\u2026"
    )
    trailing = Block("p", "And then, she said, the music stopped and everyone went home...")
    kept = drop_teasers([teaser, Block("p", full), trailing, *BODY])
    assert kept == [Block("p", full), trailing, *BODY]
    assert drop_teasers([Block("p", "Read more\u2026"), *BODY]) == [
        Block("p", "Read more\u2026"),
        *BODY,
    ]
