"""Configuration errors are errors: start-up stops with one clear line, a misspelt
variable is named with the closest real one, and commands work on a fresh data folder."""

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from newsdesk.infra.config import (
    ConfigError,
    broker_url,
    database_url,
    env_choice,
    env_networks,
    unknown_variables,
)


def _newsdesk(tmp_path, *args, **env):
    full = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path), **env}
    full.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://u:p@h/db", "unsupported database 'mysql'"),
        ("sqlite:////tmp/x.sqlite3", "unsupported database 'sqlite'"),
        ("postgresql://u:p@h", "no database name"),
        ("postgresql://u:p@h:port/db", "port is not a number"),
        ("localhost/newsdesk", "unsupported database"),
    ],
)
def test_an_unusable_database_url_is_refused(monkeypatch, url, message):
    monkeypatch.setenv("NEWSDESK_DATABASE_URL", url)
    with pytest.raises(ConfigError, match=message):
        database_url("NEWSDESK_DATABASE_URL")


def test_a_postgres_url_is_read_whole(monkeypatch):
    monkeypatch.setenv("NEWSDESK_DATABASE_URL", "postgresql://news%40desk:p%2Fw@db:6543/news")
    assert database_url("NEWSDESK_DATABASE_URL") == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "news",
        "USER": "news@desk",
        "PASSWORD": "p/w",
        "HOST": "db",
        "PORT": "6543",
        "OPTIONS": {},
    }
    monkeypatch.setenv("NEWSDESK_DATABASE_URL", "postgres://u@db.lan/news?sslmode=require")
    assert database_url("NEWSDESK_DATABASE_URL")["OPTIONS"] == {"sslmode": "require"}
    monkeypatch.delenv("NEWSDESK_DATABASE_URL")
    assert database_url("NEWSDESK_DATABASE_URL") is None  # unset: the embedded SQLite


@pytest.mark.parametrize("url", ["filesystem://", "amqp://guest@h//", "redis//host", "nonsense"])
def test_an_unsupported_broker_is_refused(monkeypatch, url):
    monkeypatch.setenv("NEWSDESK_BROKER_URL", url)
    with pytest.raises(ConfigError, match="unsupported broker"):
        broker_url("NEWSDESK_BROKER_URL", "sqlqueue://")


def test_bad_networks_and_log_levels_are_refused(monkeypatch):
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOWED_NETWORKS", "10.0.0.0/8, 300.1.1.1")
    with pytest.raises(ConfigError, match="'300.1.1.1' is not an IP address or CIDR"):
        env_networks("NEWSDESK_FETCH_ALLOWED_NETWORKS")
    monkeypatch.setenv("NEWSDESK_LOG_LEVEL", "verbose")
    with pytest.raises(ConfigError, match="'VERBOSE' is not one of"):
        env_choice("NEWSDESK_LOG_LEVEL", "INFO", ("DEBUG", "INFO"))


def test_a_misspelt_variable_is_named_with_the_closest_known_one():
    found = dict(unknown_variables({"NEWSDESK_FETCH_HOST_GAPS": "1", "NEWSDESK_SITE_NAME": "x"}))
    assert found == {"NEWSDESK_FETCH_HOST_GAPS": "NEWSDESK_FETCH_HOST_GAP_S"}
    # Nothing close: no guess (the shared NEWSDESK_ prefix alone once suggested HTTPS).
    assert dict(unknown_variables({"NEWSDESK_ZZZZ": "1"})) == {"NEWSDESK_ZZZZ": None}
    # Read only when NEWSDESK_HTTPS is on, yet a real setting either way.
    assert unknown_variables({"NEWSDESK_HSTS_PRELOAD": "true"}) == []


@pytest.mark.slow
def test_start_up_stops_with_one_line_naming_the_setting(tmp_path):
    done = _newsdesk(tmp_path, "check", NEWSDESK_DATABASE_URL="mysql://u:p@h/db")
    assert done.returncode == 2
    assert done.stderr.startswith("newsdesk: configuration error: NEWSDESK_DATABASE_URL")
    assert "Traceback" not in done.stderr
    done = _newsdesk(tmp_path, "check", NEWSDESK_DATABASE_URL="postgresql://u:p@h/db")
    assert "NEWSDESK_SECRET_KEY must be set" in done.stderr and done.returncode == 2
    done = _newsdesk(tmp_path, "check", NEWSDESK_SCHEDULER_INTERVALS="5")
    assert "Did you mean NEWSDESK_SCHEDULER_INTERVAL_S?" in done.stderr + done.stdout


@pytest.mark.slow
def test_commands_work_on_a_fresh_data_folder(tmp_path):
    done = _newsdesk(tmp_path, "export_opml")
    assert done.returncode == 0, done.stderr
    assert "<opml" in done.stdout and "no such table" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("role", ["worker", "beat"])
def test_celery_stops_with_one_line_too(tmp_path, role):
    """`celery -A newsdesk worker|beat` runs no Django checks; a bad value still ends it."""
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path), "NEWSDESK_BROKER_URL": "amqp://h//"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "newsdesk", role],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("newsdesk: configuration error: NEWSDESK_BROKER_URL='amqp")
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_a_worker_on_a_fresh_sqlite_folder_migrates_first(tmp_path):
    """As every `newsdesk` command does: a worker restarted after an update finds its tables."""
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--pool=solo", "-l", "INFO"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stop = threading.Timer(120, worker.kill)
    stop.start()
    try:
        seen = []
        for line in worker.stdout:
            seen.append(line)
            if " ready." in line:
                break
        text = "".join(seen)
        assert "bringing the database in the data folder up to date first" in text, text
        assert " ready." in text, text
    finally:
        stop.cancel()
        worker.terminate()
        worker.wait(30)
    with sqlite3.connect(tmp_path / "newsdesk.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM articles_article").fetchone() == (0,)


@pytest.mark.slow
def test_a_worker_on_postgresql_without_migrate_says_what_to_run(tmp_path):
    from tests.servers import postgres_server

    with postgres_server() as database_url:
        env = {
            **os.environ,
            "NEWSDESK_DATA_DIR": str(tmp_path),
            "NEWSDESK_DATABASE_URL": database_url,
            "NEWSDESK_SECRET_KEY": "shared",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "newsdesk", "worker", "--pool=solo"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "run `newsdesk migrate` first" in done.stderr
    assert "Traceback" not in done.stderr


def test_celery_names_a_misspelt_variable(monkeypatch, caplog):
    from newsdesk.celery import warn_unknown_variables

    monkeypatch.setenv("NEWSDESK_FETCH_HOST_GAPS", "1")
    expected = (
        "NEWSDESK_FETCH_HOST_GAPS is set but newsdesk has no such setting; "
        "did you mean NEWSDESK_FETCH_HOST_GAP_S?"
    )
    assert warn_unknown_variables() == [expected]
    assert expected in caplog.text


@pytest.mark.slow
def test_a_real_beat_logs_the_misspelt_variable_at_start(tmp_path):
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path), "NEWSDESK_SITE_NAM": "x"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsdesk",
            "beat",
            "--schedule",
            str(tmp_path / "schedule"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stop = threading.Timer(60, beat.kill)  # the read below ends even if nothing is logged
    stop.start()
    try:
        seen = []
        for line in beat.stdout:
            seen.append(line)
            if "NEWSDESK_SITE_NAM is set" in line or "beat: Starting" in line:
                break
        assert "did you mean NEWSDESK_SITE_NAME?" in "".join(seen)
    finally:
        stop.cancel()
        beat.terminate()
        beat.wait(30)
