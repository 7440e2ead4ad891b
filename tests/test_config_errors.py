"""Configuration errors are errors: a bad NEWSDESK_* value stops start-up with one clear
line (never a quiet SQLite), an unknown name is warned about with the closest known one,
and every command finds its tables on a fresh data folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.infra.config import (
    READ,
    ConfigError,
    env_broker,
    env_choice,
    env_database,
    env_networks,
    unknown_variables,
)
from tests.servers import postgres_server


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://u:p@db/news", "unsupported scheme 'mysql'"),
        ("postgresq://u:p@db/news", "unsupported scheme 'postgresq'"),
        ("db.example.org/news", r"unsupported scheme '\(none\)'"),
        ("postgresql://u:p@db:54x2/news", "port is not a number"),
        ("postgresql://u:p@db:5432/", "no database name"),
        ("postgresql://u:p@db:5432", "no database name"),
    ],
)
def test_an_unusable_database_url_is_refused(monkeypatch, url, message):
    monkeypatch.setenv("NEWSDESK_DATABASE_URL", url)
    with pytest.raises(ConfigError, match=message):
        env_database("NEWSDESK_DATABASE_URL", Path("/tmp/x.sqlite3"))


def test_database_urls_that_work(monkeypatch):
    monkeypatch.delenv("NEWSDESK_DATABASE_URL", raising=False)
    default = env_database("NEWSDESK_DATABASE_URL", Path("/data/newsdesk.sqlite3"))
    assert default["ENGINE"].endswith("sqlite3") and default["NAME"] == Path(
        "/data/newsdesk.sqlite3"
    )
    monkeypatch.setenv(
        "NEWSDESK_DATABASE_URL", "postgres://news%40desk:p%2Fw@db.lan:5433/news?sslmode=require"
    )
    pg = env_database("NEWSDESK_DATABASE_URL", Path("/unused"))
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"]) == (
        "django.db.backends.postgresql",
        "news",
        "news@desk",
        "p/w",
    )
    assert (pg["HOST"], pg["PORT"], pg["OPTIONS"]) == ("db.lan", "5433", {"sslmode": "require"})


@pytest.mark.parametrize(
    "url, message",
    [
        ("filesystem://", "half-written"),
        ("amqp://guest@rabbit//", "unsupported broker"),
        ("redis:/localhost", "no host"),
        ("redis://localhost:63x9/0", "port is not a number"),
        ("redis://localhost:6379/zero", "must be a number"),
        ("sqs://", "unsupported broker"),
    ],
)
def test_an_unusable_broker_url_is_refused(monkeypatch, url, message):
    monkeypatch.setenv("NEWSDESK_BROKER_URL", url)
    with pytest.raises(ConfigError, match=message):
        env_broker("NEWSDESK_BROKER_URL", "sqlqueue://")


@pytest.mark.parametrize("url", ["sqlqueue://", "redis://127.0.0.1:6379/0", "rediss://r:6380"])
def test_broker_urls_that_work(monkeypatch, url):
    monkeypatch.setenv("NEWSDESK_BROKER_URL", url)
    assert env_broker("NEWSDESK_BROKER_URL", "sqlqueue://") == url


def test_a_bad_cidr_and_a_bad_log_level_are_refused(monkeypatch):
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOWED_NETWORKS", "127.0.0.1/32, 10.0.0.0/33")
    with pytest.raises(ConfigError, match="'10.0.0.0/33' is not an IP address or CIDR"):
        env_networks("NEWSDESK_FETCH_ALLOWED_NETWORKS")
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOWED_NETWORKS", "127.0.0.1/32,::1,10.1.2.3/8")
    assert env_networks("NEWSDESK_FETCH_ALLOWED_NETWORKS") == ["127.0.0.1/32", "::1", "10.1.2.3/8"]
    monkeypatch.setenv("NEWSDESK_LOG_LEVEL", "verbose")
    with pytest.raises(ConfigError, match="not one of DEBUG, INFO, WARNING, ERROR"):
        env_choice("NEWSDESK_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
    monkeypatch.setenv("NEWSDESK_LOG_LEVEL", "warning")
    assert env_choice("NEWSDESK_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING")) == "WARNING"


def test_an_unknown_variable_is_named_with_the_closest_known_one():
    known = set(READ)  # filled when settings were read for this test run
    assert {"NEWSDESK_SECRET_KEY", "NEWSDESK_BROKER_URL", "NEWSDESK_HSTS_PRELOAD"} <= known
    warnings = unknown_variables(
        {"NEWSDESK_SECRET_KY": "x", "NEWSDESK_ZZZZ": "1", "NEWSDESK_DEBUG": "1", "HOME": "/"},
        known,
    )
    assert warnings == [
        "NEWSDESK_SECRET_KY is not a newsdesk setting and is ignored; "
        "did you mean NEWSDESK_SECRET_KEY?",
        "NEWSDESK_ZZZZ is not a newsdesk setting and is ignored",
    ]


def _newsdesk(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env={**clean, "NEWSDESK_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_start_up_stops_with_one_clear_line(tmp_path):
    bad = _newsdesk(tmp_path, "check", NEWSDESK_DATABASE_URL="mysql://u@db/news")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("newsdesk: configuration error: NEWSDESK_DATABASE_URL")
    assert not (tmp_path / "newsdesk.sqlite3").exists()  # never a quiet SQLite
    keyless = _newsdesk(tmp_path, "check", NEWSDESK_DATABASE_URL="postgresql://u@db/news")
    assert keyless.returncode == 1
    assert "NEWSDESK_SECRET_KEY must be set when NEWSDESK_DATABASE_URL is PostgreSQL" in (
        keyless.stderr
    )
    typo = _newsdesk(tmp_path, "check", NEWSDESK_BROKER_URLS="redis://x")
    assert typo.returncode == 0
    assert "NEWSDESK_BROKER_URLS is not a newsdesk setting" in typo.stderr
    assert "did you mean NEWSDESK_BROKER_URL?" in typo.stderr


@pytest.mark.slow
def test_a_command_on_a_fresh_data_folder_finds_its_tables(tmp_path):
    first = _newsdesk(tmp_path, "export_opml")
    assert first.returncode == 0, first.stderr
    assert "preparing the database" in first.stderr and "<opml" in first.stdout
    again = _newsdesk(tmp_path, "export_opml")
    assert again.returncode == 0 and "preparing the database" not in again.stderr


@pytest.mark.slow
def test_on_postgresql_a_fresh_database_says_to_migrate(tmp_path):
    with postgres_server() as url:
        env = {"NEWSDESK_DATABASE_URL": url, "NEWSDESK_SECRET_KEY": "k" * 50}
        fresh = _newsdesk(tmp_path, "export_opml", **env)
        assert fresh.returncode == 1
        assert "run `newsdesk migrate` once" in fresh.stderr, fresh.stderr
        assert _newsdesk(tmp_path, "migrate", "--noinput", **env).returncode == 0
        done = _newsdesk(tmp_path, "export_opml", **env)
        assert done.returncode == 0 and "<opml" in done.stdout, done.stderr
