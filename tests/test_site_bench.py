"""``newsdesk bench site``'s parts: the synthetic site, the Python load generator and the
report's shape (the bench itself runs gunicorn for minutes; it is run by hand)."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.bench import _load, _sitedata, site
from newsdesk.comments.models import Comment
from newsdesk.stories.models import Category, StoryArticle, Tag

pytestmark = pytest.mark.django_db


def test_the_synthetic_site_is_published_and_served(client):
    built = _sitedata.build(30, comments=40, raw_kb=1)
    assert StoryArticle.objects.filter(status="published").count() == 30
    assert (Category.objects.count(), Tag.objects.count()) == (10, 50)
    assert Comment.objects.filter(status="approved").count() == 40
    words = [len(p.body.split()) for p in StoryArticle.objects.all()]
    assert min(words) >= 400 and max(words) <= 800
    assert len(built["articles"]) == 30 and len(built["searches"]) == 20
    for path in site._paths({**built, "article_bytes": 1}).values():
        if path[0].startswith("/static/"):
            continue
        assert client.get(path[0]).status_code == 200, path[0]


def test_the_python_load_generator_counts_requests_errors_and_percentiles(tmp_path):
    (tmp_path / "page.html").write_text("hello")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        good = _load._threads(base, ["/page.html"], 2, 0.5)
        bad = _load._threads(base, ["/page.html", "/missing.html"], 2, 0.5)
    finally:
        server.shutdown()
    assert good["requests"] > 10 and good["errors"] == 0
    assert good["p50_ms"] <= good["p95_ms"] <= good["p99_ms"]
    assert 0 < bad["errors"] < bad["requests"]


def test_the_report_has_every_page_at_concurrency_8_beside_the_static_file():
    def cell(rps):
        return {"rps": rps, "p50_ms": 1.0, "p95_ms": 2.0, "p99_ms": 3.0, "errors": 0}

    names = [name for name, _, _ in site._cells(site._paths(_FAKE_SITE))]
    rounds = [
        {level: {n: cell(1000.0 if n == "static" else r) for n in names} for level in ("1", "8")}
        for r in (10.0, 30.0, 20.0)
    ]
    options = {"pieces": 1, "comments": 0, "seconds": 1, "repeats": 3, "workers": 2}
    report = site._report(rounds, options, _FAKE_SITE, 1.0, "/tmp/x")
    for page in site.PAGES:
        for name in (page, f"{page}_cached"):
            assert report[name]["rps"] == 20.0  # the median round
            assert report[name]["ratio_to_static"] == 0.02
            assert {"p50_ms", "p95_ms", "p99_ms"} <= report[name].keys()
    assert report["static_rps"] == 1000.0


_FAKE_SITE = {"articles": ["a"], "categories": ["c"], "searches": ["w"], "article_bytes": 9}
