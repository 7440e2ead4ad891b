"""docs/configuration.md has exactly one row per NEWSDESK_* variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(r"(?:env_\w+|database_url|broker_url)\(\s*\"(NEWSDESK_[A-Z0-9_]+)\"")
ROW = re.compile(r"^\| `(NEWSDESK_[A-Z0-9_]+)` \|", re.MULTILINE)


def _read_in_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "newsdesk").rglob("*.py"):
        names |= set(READ.findall(path.read_text()))
    return names


def test_every_setting_is_documented_and_every_row_is_real():
    documented = ROW.findall((ROOT / "docs" / "configuration.md").read_text())
    assert len(documented) == len(set(documented)), "a variable has two rows"
    assert set(documented) == _read_in_code()


def test_bad_values_fail_loudly(monkeypatch):
    import pytest

    from newsdesk.infra.config import ConfigError, env_bool, env_int

    monkeypatch.setenv("NEWSDESK_X", "lots")
    with pytest.raises(ConfigError, match="not an integer"):
        env_int("NEWSDESK_X", 1)
    with pytest.raises(ConfigError, match="not a boolean"):
        env_bool("NEWSDESK_X", True)
