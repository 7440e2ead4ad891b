"""THREATS B1 / B2: entity declarations are refused in every encoding a feed parser
would detect on its own (UTF-32 was missed), before any parser runs; and the expat in
use is checked at start."""

import pytest

from newsdesk.infra.xmlsafe import XmlRefused, refuse_entities
from newsdesk.pipeline.parse import ParseError, parse

LAUGHS = (
    '<?xml version="1.0" encoding="{enc}"?><!DOCTYPE rss [<!ENTITY a "ha">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title>'
    "<item><title>&b;</title><link>https://x.example/1</link></item></channel></rss>"
)


def _body(codec: str, declared: str, bom: bytes = b"") -> bytes:
    return bom + LAUGHS.format(enc=declared).encode(codec)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_body("utf-32-le", "utf-32", b"\xff\xfe\x00\x00"), id="utf-32-le-bom"),
        pytest.param(_body("utf-32-be", "utf-32", b"\x00\x00\xfe\xff"), id="utf-32-be-bom"),
        pytest.param(_body("utf-32-le", "utf-32"), id="utf-32-le"),
        pytest.param(_body("utf-32-be", "utf-32"), id="utf-32-be"),
        pytest.param(_body("utf-16-le", "utf-16", b"\xff\xfe"), id="utf-16-le-bom"),
        pytest.param(_body("utf-16-be", "utf-16"), id="utf-16-be"),
        pytest.param(_body("cp037", "cp037"), id="ebcdic"),
        pytest.param(_body("utf-7", "utf-7"), id="utf-7-declared"),
        pytest.param(_body("utf-8", "utf-8"), id="utf-8"),
    ],
)
def test_B1_B2_entity_declarations_are_refused_in_any_encoding(body):
    with pytest.raises(XmlRefused):
        refuse_entities(body)
    with pytest.raises(ParseError, match="entity declarations refused"):
        parse("feed", body, "https://x.example/rss")


def test_B1_plain_feeds_in_those_encodings_still_parse():
    feed = (
        '<?xml version="1.0" encoding="utf-32"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Hello</title><link>https://x.example/1</link></item></channel></rss>"
    )
    body = b"\xff\xfe\x00\x00" + feed.encode("utf-32-le")
    refuse_entities(body)
    assert parse("feed", body, "https://x.example/rss").items[0].title == "Hello"


def test_B1_entities_spelt_in_utf7_are_refused():
    body = b'<?xml version="1.0" encoding="utf-7"?>+ADw-!DOCTYPE r +AFs-+ADw-!ENTITY a "b"+AD4-'
    with pytest.raises(XmlRefused):
        refuse_entities(body)


@pytest.mark.parametrize("version, warned", [((2, 5, 0), True), ((2, 6, 0), False)])
def test_B2_an_old_expat_is_reported_at_start(monkeypatch, version, warned):
    import pyexpat

    from django.core.checks import run_checks

    monkeypatch.setattr(pyexpat, "version_info", version)
    ids = [message.id for message in run_checks()]
    assert ("newsdesk.W001" in ids) == warned
