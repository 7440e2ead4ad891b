"""THREATS F7 and G4 (search): hostile query strings get a 400, never a 500, and one
client cannot run searches without limit."""

import pytest

from tests.factories import make_story_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/search/?q=%00", "/search/?q=a%00b", "/api/v1/articles/?category=%00", "/?page=1&x%00=1"],
)
def test_F7_a_nul_in_any_query_parameter_is_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize("query", ["' OR 1=1--", "%", "_", "\\", "a" * 5000, "<script>"])
def test_F7_sql_looking_searches_are_plain_text(client, query):
    make_story_article("Peace talks resume")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert client.get("/api/v1/articles/", {"category": query}).status_code in (200, 400)


def test_G4_searches_past_the_limit_get_429_with_retry_after(client, settings, monkeypatch):
    from types import SimpleNamespace

    from newsdesk.infra import ratelimit

    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_000_020.0))
    settings.SEARCH_PER_MINUTE = 3
    statuses = [client.get("/search/?q=x", REMOTE_ADDR="203.0.113.5").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/search/?q=x", REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "try again in 60 seconds" in refused.content.decode()
    assert client.get("/search/?q=x", REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.get("/", REMOTE_ADDR="203.0.113.5").status_code == 200  # only search


def test_G4_the_window_counts_per_client_and_resets():
    from newsdesk.infra.ratelimit import over_limit

    assert [over_limit("t:a", 2, now=120.0) for _ in range(2)] == [None, None]
    assert over_limit("t:a", 2, now=150.0) == 30
    assert over_limit("t:b", 2, now=150.0) is None
    assert over_limit("t:a", 2, now=180.0) is None  # next minute
