"""THREAT A5 / H8: a feed body that looks like a path or URL is data, never opened.

feedparser opens a str or bytes argument that names a file: a server answering the
23-byte body ``/tmp/secret_feed.xml`` made newsdesk store that local file's items, and
``/dev/zero`` made the worker read until MemoryError. Every adapter is run on such
bodies while ``open`` records (and refuses) any attempt to open them.
"""

import builtins
import io
import os

import pytest

from newsdesk.pipeline.parse import adapters
from newsdesk.pipeline.parse.adapters import ParseError
from newsdesk.pipeline.parse.adapters.discovery import feed_links
from newsdesk.pipeline.parse.adapters.opml import read_opml

SECRET_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>secret</title>'
    "<item><title>local file item</title><link>https://secret.example/1</link></item>"
    "</channel></rss>"
)


@pytest.fixture
def hostile_bodies(tmp_path, monkeypatch):
    """Bodies naming local files; any open() of them is recorded and refused."""
    secret = tmp_path / "secret_feed.xml"
    secret.write_text(SECRET_FEED)
    names = {str(secret), "/etc/passwd", "/dev/zero", f"file://{secret}"}
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def guard(target):
        name = os.fsdecode(target) if isinstance(target, str | bytes | os.PathLike) else ""
        if name in names or name.removeprefix("file://") in names:
            opened.append(name)
            raise AssertionError(f"parser opened {name}")

    def fake_open(file, *args, **kwargs):
        guard(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        guard(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    return [name.encode() for name in sorted(names)], opened


@pytest.mark.parametrize("kind", adapters.kinds())
def test_A5_H8_every_adapter_treats_a_path_body_as_data(kind, hostile_bodies):
    bodies, opened = hostile_bodies
    for body in bodies:
        try:
            parsed = adapters.get(kind)(body, "https://feeds.example/rss", "")
        except ParseError:
            continue
        assert all("secret" not in item.url for item in parsed.items)
    assert opened == []


def test_A5_H8_opml_and_discovery_treat_a_path_body_as_data(hostile_bodies):
    bodies, opened = hostile_bodies
    for body in bodies:
        with pytest.raises(ParseError):
            read_opml(body)
        assert feed_links(body, "https://site.example/") == []
    assert opened == []


def test_A5_feedparser_only_ever_receives_a_bytes_stream(monkeypatch):
    import feedparser

    seen = []
    real = feedparser.parse

    def spy(source, *args, **kwargs):
        seen.append(type(source))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    parsed = adapters.get("feed")(SECRET_FEED.encode(), "https://feeds.example/rss", "")
    assert [i.title for i in parsed.items] == ["local file item"]
    assert seen == [io.BytesIO]
