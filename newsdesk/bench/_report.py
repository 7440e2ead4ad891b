"""Printing and saving benchmark figures."""

import json
from pathlib import Path


def format_table(result: dict, baseline_key: str = "baseline") -> str:
    """Two-column (newsdesk | baseline) table of the scalar figures in ``result``."""
    base = result.get(baseline_key) or {}
    keys = [k for k, v in result.items() if isinstance(v, (int, float, str)) and k != baseline_key]
    width = max((len(k) for k in keys), default=10)
    lines = [f"{'metric':<{width}}  {'newsdesk':>12}  {'baseline':>12}"]
    for key in keys:
        lines.append(f"{key:<{width}}  {_fmt(result[key]):>12}  {_fmt(base.get(key, '')):>12}")
    return "\n".join(lines)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def save_json(result: dict, path: str | None) -> None:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
