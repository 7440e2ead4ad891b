"""Regression gate: the extraction bench on shipped pages must stay above its floor."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.bench import extract as bench

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "testdata" / "extract"
SHARED = ROOT.parent / "shared" / "data" / "extraction-benchmark"


def test_shipped_subset_stays_above_recorded_floor(tmp_path):
    out = tmp_path / "extract.json"
    call_command(
        "bench", "extract", "--data", str(DATA / "bench"), "--json", str(out),
        "--meta-gold", str(DATA / "bench" / "meta-gold.json"), "--floor", str(DATA / "floor.json"),
    )  # fmt: skip
    result = json.loads(out.read_text())
    assert result["floor_failures"] == []
    assert result["n"] == 18 and result["baseline"]["n"] == 18
    for key in ("f1", "precision", "recall", "accuracy", "empty", "ms_median", "ms_total"):
        assert key in result and key in result["baseline"]


def test_a_figure_below_the_floor_fails_the_command(tmp_path):
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"f1": 1.01}))
    ids = tmp_path / "ids.txt"
    ids.write_text((DATA / "bench" / "ids.txt").read_text().split()[0] + "\n")
    with pytest.raises(CommandError, match="below recorded floor: f1"):
        call_command(
            "bench", "extract", "--data", str(DATA / "bench"), "--ids", str(ids),
            "--floor", str(floor),
        )  # fmt: skip


def test_check_floor_messages():
    result = {"f1": 0.95, "precision": 0.99, "empty": 2}
    failures = bench.check_floor(result, {"f1": 0.97, "precision": 0.98, "max_empty": 1})
    assert failures == ["f1 0.9500 < floor 0.97", "empty 2 > 1"]


def test_dev_set_targets_when_shared_data_is_present():
    """The issue's targets on the 127 dev pages (skipped where ../shared is absent)."""
    if not (SHARED / "ground-truth.json").exists():
        pytest.skip("../shared/data/extraction-benchmark not present")
    result = bench.run({"data": str(SHARED), "baseline": "trafilatura"})
    assert result["n"] == 127
    assert result["f1"] >= 0.975 and result["precision"] >= 0.965
    assert result["empty"] <= result["baseline"]["empty"]
