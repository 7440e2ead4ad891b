"""Typed readers for NEWSDESK_* environment variables that fail loudly.

Every variable read here must have a row in docs/configuration.md; a test checks it.
"""

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


# Every NEWSDESK_* name the code reads, so a misspelt one can be pointed out.
_READ: set[str] = set()


def _raw(name: str) -> str | None:
    _READ.add(name)
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


# --- whole-value readers: a setting that cannot be used stops start-up ---------------

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
BROKER_SCHEMES = ("sqlqueue", "redis", "rediss")


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (_raw(name) or default).upper()
    if value not in choices:
        raise ConfigError(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def database_url(name: str) -> dict | None:
    """The PostgreSQL settings of ``name``, or None for the embedded SQLite database.

    Anything else is an error: a typo here once made every scale-out worker silently use
    its own SQLite file.
    """
    value = _raw(name)
    if value is None:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ConfigError(
            f"{name}: unsupported database {parsed.scheme or value!r}; use "
            "postgresql://user:password@host:5432/name, or leave it unset for SQLite"
        )
    try:
        port = parsed.port
    except ValueError:
        raise ConfigError(f"{name}: the port is not a number") from None
    if not parsed.path.lstrip("/"):
        raise ConfigError(f"{name}: no database name (postgresql://user:pw@host/NAME)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(port or ""),
        # libpq options after "?", such as sslmode=require for a database on another host.
        "OPTIONS": dict(parse_qsl(parsed.query)),
    }


def broker_url(name: str, default: str) -> str:
    value = _raw(name) or default
    scheme = urlparse(value).scheme
    if scheme not in BROKER_SCHEMES:
        raise ConfigError(
            f"{name}={value!r}: unsupported broker; use redis://host:6379/0 (scale-out) or "
            "leave it unset for the embedded SQLite queue"
        )
    return value


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or CIDRs, each checked now (not at the first fetch)."""
    import ipaddress

    values = env_list(name, [])
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ConfigError(f"{name}: {value!r} is not an IP address or CIDR") from None
    return values


def unknown_variables(environ: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """Each NEWSDESK_* variable set but never read, with the closest known name."""
    unknown = []
    for name in sorted(environ):
        if name.startswith("NEWSDESK_") and name not in _READ:
            # Compared without the prefix they all share, or every name looks close.
            tails = sorted(known.removeprefix("NEWSDESK_") for known in _READ)
            tail = name.removeprefix("NEWSDESK_")
            close = difflib.get_close_matches(tail, tails, n=1, cutoff=0.6)
            unknown.append((name, f"NEWSDESK_{close[0]}" if close else None))
    return unknown
