"""Typed readers for NEWSDESK_* environment variables that fail loudly.

Every variable read here must have a row in docs/configuration.md; a test checks it.
"""

import os
from pathlib import Path


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def _raw(name: str) -> str | None:
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
