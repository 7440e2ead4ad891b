"""Failures are weighted, stored on the source, back off, and disable it past the budget."""

from contextlib import nullcontext

import pytest
from hostile import Server

from newsdesk.pipeline.fetch import Gate, content_hash, fetch_source
from newsdesk.pipeline.parse import ParseError, parse
from newsdesk.sources import polling
from newsdesk.sources.models import Source, SourceEvent

OPEN_GATE = Gate(
    slot=lambda host: nullcontext(), allowed=lambda url: True, backoff=lambda h, s: None
)


@pytest.fixture
def limits(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_DEADLINE_S = 1.0
    settings.FETCH_MAX_BYTES = 128 * 1024
    settings.POLL_MIN_INTERVAL_S = 300
    settings.POLL_MAX_INTERVAL_S = 86400
    settings.FETCH_ERROR_BUDGET = 10


def _ingest_once(source: Source) -> str:
    """What a worker does with one source: fetch, parse, record the outcome."""
    result = fetch_source(source.url, gate=OPEN_GATE)
    error = result.error
    if result.ok:
        try:
            parse("feed", result.body, result.final_url, result.content_type)
        except ParseError as exc:
            error = str(exc)
    if error:
        kind = polling.classify(error, result.status)
        polling.record_failure(source, kind, error, result.retry_after_s)
        return kind
    polling.record_success(source, 1, 1, None)
    return "ok"


@pytest.mark.django_db
def test_hostile_servers_leave_a_clear_error_and_the_worker_goes_on(limits):
    paths = [
        "/chunked-huge",
        "/bomb",
        "/huge-length",
        "/hang",
        "/drip",
        "/loop",
        "/429",
        "/nothing",
    ]
    with Server() as server:
        sources = [Source.objects.create(url=server.url(p)) for p in paths + ["/ok"]]
        outcomes = [_ingest_once(s) for s in sources]
    assert outcomes == [
        "soft",
        "soft",
        "soft",
        "temporary",
        "temporary",
        "soft",
        "temporary",
        "hard",
        "ok",
    ]
    errors = {s.url.rsplit("/", 1)[1]: Source.objects.get(pk=s.pk).last_error for s in sources}
    assert errors["chunked-huge"] == "body exceeds the cap of 131072 bytes (after decompression)"
    assert errors["huge-length"] == "Content-Length 10737418240 exceeds the cap of 131072 bytes"
    assert errors["hang"] == errors["drip"] == "deadline of 1 s exceeded"
    assert errors["loop"] == "too many redirects (more than 5)"
    assert errors["nothing"] == "HTTP 404 Not Found"
    assert errors["ok"] == ""
    assert SourceEvent.objects.filter(level="warning").count() == 7


@pytest.mark.django_db
def test_retry_after_pushes_the_next_check(limits):
    with Server() as server:
        source = Source.objects.create(url=server.url("/429"))
        _ingest_once(source)
    source.refresh_from_db()
    delay = (source.next_check_at - source.last_checked_at).total_seconds()
    assert delay >= 300  # the minimum interval; Retry-After asked for 120 s


@pytest.mark.django_db
def test_budget_disables_with_visible_reason_and_editor_reenables(limits):
    source = Source.objects.create(url="https://gone.example/feed")
    disabled = [polling.record_failure(source, "hard", "HTTP 410 Gone") for _ in range(4)]
    assert disabled == [False, False, False, True]
    source.refresh_from_db()
    assert not source.enabled
    assert source.disabled_reason.startswith("disabled after 4 failures (score 12 of budget 10)")
    assert source.disabled_reason.endswith("last error: HTTP 410 Gone")
    polling.reenable(source, by="editor ann")
    source.refresh_from_db()
    assert source.enabled and source.error_score == 0 and source.disabled_reason == ""
    assert source.events.first().message == "re-enabled by editor ann"


@pytest.mark.django_db
def test_weights_differ_and_success_clears_the_score(limits):
    source = Source.objects.create(url="https://flaky.example/feed")
    for _ in range(39):
        polling.record_failure(source, "temporary", "deadline of 30 s exceeded")
    assert source.enabled  # 39 x 0.25 < 10
    polling.record_success(source, 0, 10, None)
    source.refresh_from_db()
    assert source.error_score == 0 and source.error_count == 0 and source.last_error == ""


@pytest.mark.parametrize(
    "error, status, kind",
    [
        ("non-public address 10.0.0.1 refused", 0, "hard"),
        ("disallowed by robots.txt", 0, "hard"),
        ("HTTP 410 Gone", 410, "hard"),
        ("not a feed: no RSS, RDF or Atom root element", 200, "hard"),
        ("HTTP 503 Service Unavailable", 503, "temporary"),
        ("connection failed: ConnectionRefusedError", 0, "temporary"),
        ("body exceeds the cap of 10 bytes", 200, "soft"),
        ("XML entity declarations refused (billion laughs / XXE guard)", 200, "soft"),
        ("host busy: no request slot for a.example within 60 s", 0, None),
    ],
)
def test_classify(error, status, kind):
    assert polling.classify(error, status) == kind


@pytest.mark.parametrize(
    "current, new, total, ttl, expected",
    [
        (900, 0, 20, None, 1350),  # nothing new: slower
        (900, 1, 20, None, 990),
        (900, 5, 20, None, 900),
        (900, 12, 20, None, 675),
        (900, 20, 20, None, 450),  # everything new: faster
        (400, 20, 20, None, 300),  # never below the minimum
        (80000, 0, 20, None, 86400),  # never above the maximum
        (900, 20, 20, 60, 3600),  # the feed's ttl is a floor
        (900, 0, 0, None, 1350),  # empty feed
    ],
)
def test_next_interval(settings, current, new, total, ttl, expected):
    settings.POLL_MIN_INTERVAL_S = 300
    settings.POLL_MAX_INTERVAL_S = 86400
    assert polling.next_interval(current, new, total, ttl) == expected


def test_unchanged_body_is_reported_as_not_modified(limits):
    with Server() as server:
        first = fetch_source(server.url("/ok"), gate=OPEN_GATE)
        again = fetch_source(
            server.url("/ok"), previous_hash=content_hash(first.body), gate=OPEN_GATE
        )
        conditional = fetch_source(server.url("/conditional"), gate=OPEN_GATE)
        second = fetch_source(server.url("/conditional"), etag=conditional.etag, gate=OPEN_GATE)
    assert first.ok and first.status == 200
    assert (
        again.not_modified
        and again.body == b""
        and again.headers["x-newsdesk-unchanged"] == "content-hash"
    )
    assert second.not_modified


def test_429_backs_off_the_host(limits):
    calls = []
    gate = Gate(
        slot=lambda host: nullcontext(),
        allowed=lambda url: True,
        backoff=lambda h, s: calls.append((h, s)),
    )
    with Server() as server:
        fetch_source(server.url("/429"), gate=gate)
    assert calls == [("127.0.0.1", 120.0)]
