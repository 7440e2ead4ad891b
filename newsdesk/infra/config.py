"""Typed readers for NEWSDESK_* environment variables that fail loudly.

Every variable read here must have a row in docs/configuration.md; a test checks it.
"""

import difflib
import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


# Every NEWSDESK_* name a reader was asked for: what an unknown variable is compared to.
READ: set[str] = set()


def _raw(name: str) -> str | None:
    READ.add(name)
    value = os.environ.get(name)
    return None if value is None or value.strip() == "" else value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not an integer") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} is below the minimum {minimum}")
    return number


def env_float(name: str, default: float, minimum: float | None = None) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} is below the minimum {minimum}")
    return number


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean (use true/false)")


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]


def env_path(name: str, default: Path) -> Path:
    value = _raw(name)
    return default if value is None else Path(value).expanduser().resolve()


_PERIODS = {"s", "sec", "m", "min", "h", "hour", "d", "day"}


def env_rate(name: str, default: str) -> str:
    """A request rate such as ``60/min`` (periods: s, min, hour, day)."""
    value = _raw(name) or default
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in _PERIODS:
        raise ConfigError(f"{name}={value!r} is not a rate like 60/min (s, min, hour, day)")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (compared without case), returned as spelled in ``choices``."""
    value = _raw(name) or default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ConfigError(f"{name}={value!r} is not one of {', '.join(choices)}")


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or CIDRs; a bad one stops start-up, named."""
    values = env_list(name, [])
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ConfigError(f"{name}: {value!r} is not an IP address or CIDR") from None
    return values


_PG_EXAMPLE = "postgresql://user:password@host:5432/dbname"


def env_database(name: str, sqlite_file: Path) -> dict:
    """Django's DATABASES["default"]: empty -> SQLite at ``sqlite_file`` (WAL);
    ``postgresql://user:password@host:port/dbname[?sslmode=...]`` -> PostgreSQL.

    Anything else stops start-up: a typo must not quietly give each scale-out host a
    SQLite database of its own.
    """
    value = _raw(name)
    if value is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_file,
            # WAL lets the site read while the worker writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write transactions.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    url = urlsplit(value)
    if url.scheme not in {"postgres", "postgresql"}:
        raise ConfigError(
            f"{name}: unsupported scheme {url.scheme or '(none)'!r}; use {_PG_EXAMPLE} "
            "or leave it empty for SQLite in the data folder"
        )
    try:
        port = url.port
    except ValueError:
        raise ConfigError(f"{name}: the port is not a number (expected {_PG_EXAMPLE})") from None
    dbname = unquote(url.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise ConfigError(f"{name}: no database name after the host (expected {_PG_EXAMPLE})")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": dbname,
        "USER": unquote(url.username or ""),
        "PASSWORD": unquote(url.password or ""),
        "HOST": url.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": dict(parse_qsl(url.query)),
    }


_BROKERS = {"sqlqueue", "redis", "rediss"}


def env_broker(name: str, default: str) -> str:
    """A Celery broker URL newsdesk runs on: ``sqlqueue://`` (one SQLite file, the
    embedded default) or ``redis://host:port/db`` / ``rediss://`` (scale-out)."""
    value = _raw(name) or default
    url = urlsplit(value)
    if url.scheme == "filesystem":
        raise ConfigError(
            f"{name}: the filesystem transport reads half-written messages; "
            "use sqlqueue:// (the default) or redis://"
        )
    if url.scheme not in _BROKERS:
        raise ConfigError(
            f"{name}={value!r}: unsupported broker; use sqlqueue:// (the default, no "
            "service) or redis://host:6379/0"
        )
    if url.scheme != "sqlqueue":
        try:
            url.port  # noqa: B018 (parsing it is the check)
        except ValueError:
            raise ConfigError(f"{name}: the port is not a number in {value!r}") from None
        if not url.hostname:
            raise ConfigError(f"{name}: no host in {value!r} (expected redis://host:6379/0)")
        if url.path.strip("/") and not url.path.strip("/").isdigit():
            raise ConfigError(f"{name}: the Redis database must be a number, as in /0")
    return value


def unknown_variables(environ: dict, known: set[str]) -> list[str]:
    """One warning per NEWSDESK_* variable newsdesk does not read, naming the closest."""
    warnings = []
    for name in sorted(n for n in environ if n.startswith("NEWSDESK_") and n not in known):
        # Compared without the prefix every name shares, or everything looks close.
        tails = sorted(k.removeprefix("NEWSDESK_") for k in known)
        close = difflib.get_close_matches(name.removeprefix("NEWSDESK_"), tails, n=1, cutoff=0.6)
        hint = f"; did you mean NEWSDESK_{close[0]}?" if close else ""
        warnings.append(f"{name} is not a newsdesk setting and is ignored{hint}")
    return warnings


def warn_unknown_variables() -> None:
    """Print the warnings above to stderr (settings is read before logging exists)."""
    for warning in unknown_variables(dict(os.environ), READ):
        print(f"newsdesk: warning: {warning}", file=sys.stderr)
