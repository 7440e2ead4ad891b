"""Identity in layers: canonical URLs, item keys and date sanity (table-driven)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.infra.dates import parse_date, sane_date
from newsdesk.infra.urls import canonical_url, declared_canonical, item_key

CANONICAL = [
    ("HTTP://Example.COM:80/a?b=2&a=1#frag", "http://example.com/a?a=1&b=2"),
    ("https://example.com:443", "https://example.com/"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("https://user:pw@example.com/x", "https://example.com/x"),
    ("https://example.com/x?utm_source=rss&utm_MEDIUM=feed&id=3", "https://example.com/x?id=3"),
    (
        "https://example.com/x?fbclid=AbC&gclid=1&mc_cid=2&mc_eid=3&msclkid=4",
        "https://example.com/x",
    ),
    (
        "https://example.com/x?_ga=1&yclid=2&igshid=3&pk_campaign=4&q=news",
        "https://example.com/x?q=news",
    ),
    ("https://example.com/%7euser/%2fa%2Fb", "https://example.com/~user/%2Fa%2Fb"),
    ("https://bücher.example/straße", "https://xn--bcher-kva.example/straße"),
    ("https://example.com./x", "https://example.com/x"),
    ("https://www.google.com/amp/s/news.example/a/b?x=1", "https://news.example/a/b?x=1"),
    ("https://news-example.cdn.ampproject.org/c/s/news.example/a", "https://news.example/a"),
    ("  https://example.com/x  ", "https://example.com/x"),
    ("mailto:desk@example.com", "mailto:desk@example.com"),
    ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
]


@pytest.mark.parametrize("raw, expected", CANONICAL)
def test_canonical_url(raw, expected):
    assert canonical_url(raw) == expected
    assert canonical_url(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "page, declared, expected",
    [
        (
            "https://amp.site.example/a.amp",
            "https://www.site.example/a",
            "https://www.site.example/a",
        ),
        ("https://m.site.example/a", "/a?utm_source=m", "https://m.site.example/a"),
        ("https://m.site.example/a", "https://site.example/a", "https://site.example/a"),
        ("https://copier.example/a", "https://victim.example/a", "https://copier.example/a"),
        ("https://site.example/a", "", "https://site.example/a"),
    ],
)
def test_declared_canonical_stays_on_site(page, declared, expected):
    assert declared_canonical(page, declared) == expected


def test_item_key_layers():
    when = datetime(2026, 3, 1, tzinfo=UTC)
    by_guid = item_key("g-1", "https://a.example/x", "Old title", when)
    assert by_guid == item_key("g-1", "https://a.example/moved", "New title", None)
    by_link = item_key("", "https://a.example/x?utm_source=a", "Old title", when)
    assert by_link == item_key("", "https://A.example/x", "New title", None)
    assert by_link != by_guid
    by_title = item_key("", "", "Same  Title", when)
    assert by_title == item_key("", "", "same title", when)
    assert by_title != item_key("", "", "same title", when + timedelta(days=1))
    assert len(by_guid) == 64 and int(by_guid, 16) >= 0


FETCHED = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value, expected, flagged",
    [
        (None, FETCHED, True),
        (datetime(1970, 1, 1, tzinfo=UTC), FETCHED, True),
        (datetime(1989, 12, 31, tzinfo=UTC), FETCHED, True),
        (datetime(1990, 1, 2, tzinfo=UTC), datetime(1990, 1, 2, tzinfo=UTC), False),
        (FETCHED + timedelta(minutes=30), FETCHED + timedelta(minutes=30), False),
        (FETCHED + timedelta(hours=3), FETCHED, True),
        (datetime(2026, 3, 10, 9, 0), datetime(2026, 3, 10, 9, 0, tzinfo=UTC), False),
        (
            datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=2))),
            datetime(2026, 3, 10, 7, 0, tzinfo=UTC),
            False,
        ),
    ],
)
def test_sane_date(value, expected, flagged):
    assert sane_date(value, FETCHED) == (expected, flagged)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-03-05", datetime(2026, 3, 5, tzinfo=UTC)),
        ("2026-03-05T21:00:00+01:00", datetime(2026, 3, 5, 20, 0, tzinfo=UTC)),
        ("2026-03-05T21:00:00Z", datetime(2026, 3, 5, 21, 0, tzinfo=UTC)),
        ("Thu, 05 Mar 2026 21:00:00 +0000", datetime(2026, 3, 5, 21, 0, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
