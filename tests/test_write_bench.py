"""``newsdesk bench write`` on tiny invented files in both layouts."""

import json
from pathlib import Path

import pytest

from newsdesk.bench import registry
from newsdesk.bench import write as bench

DATA = Path(__file__).parent.parent / "testdata" / "write"


def _run(name: str, **extra) -> dict:
    options = {
        "data": str(DATA / name),
        "backend": "extractive",
        "budget": 235,
        "limit": 0,
        "bootstrap": 50,
        "seed": 1,
        **extra,
    }
    return bench.run(options)


def test_registered():
    assert registry()["write"] is bench


def test_ecb_layout_one_article_per_story():
    result = _run("mini_ecb.jsonl")
    assert result["stories"] == 2 and result["failed_to_write"] == 0
    for key in (
        "supported",
        "quotes_verbatim",
        "credited",
        "max_copy_share",
        "ms_per_story",
        "mean_words",
        "novel_headline",
    ):
        assert key in result
    assert (
        result["supported"] == 1.0
        and result["credited"] == 1.0
        and result["quotes_verbatim"] == 1.0
    )
    assert result["max_copy_share"] <= 0.35
    assert result["linked"] == 0.5  # the bridge story's second report has no URL
    assert result["baseline"]["system"] == "lead-3 of the first article"
    assert "rouge1" not in result
    assert not [f for f in result["floor_failures"] if not f.startswith("ms_per_story")]


def test_summaries_layout_scores_rouge_beside_the_baseline():
    pytest.importorskip("rouge_score")
    result = _run("mini_summaries.jsonl")
    for key in ("rouge1", "rouge2", "rougeLsum"):
        assert 0 < result[key] <= 100
        assert 0 < result["baseline"][key] <= 100
        low, high = result[f"{key}_ci95"]
        assert low <= result[key] <= high
    assert result["gain_over_baseline"]["rouge1"] == pytest.approx(
        result["rouge1"] - result["baseline"]["rouge1"], abs=0.02
    )
    below = [k for k in bench.ROUGE_FLOORS if result[k] < bench.ROUGE_FLOORS[k]]
    below += [k for k in bench.ROUGE_FLOORS if result[k] < result["baseline"][k]]
    assert any(f.startswith("rouge") for f in result["floor_failures"]) == bool(below)


def test_articles_file_has_exactly_the_reader_keys(tmp_path):
    out = tmp_path / "drafts.jsonl"
    result = _run("mini_ecb.jsonl", articles=str(out))
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["story"] for r in rows] == ["fire", "bridge"]
    keys = {"story", "headline", "paragraphs", "sentences", "tags", "category", "status"}
    for row in rows:
        assert set(row) == keys | {"reasons", "sources"}
        assert row["status"] in ("published", "held")
        ids = {d["id"] for d in row["sources"]}
        assert all(set(s["sources"]) <= ids and s["sources"] for s in row["sentences"])
        assert " ".join(row["paragraphs"]) == " ".join(s["text"] for s in row["sentences"])
        assert set(row["sources"][0]) == {"id", "outlet", "title", "text"}
    assert set(result["faults_per_100"]) == {
        "fragment", "glued", "furniture", "number changed", "repeated fact",
        "speaker not introduced",
    }  # fmt: skip
    assert result["credits_per_paragraph"] > 0


def test_loader_groups_by_story():
    stories = bench.load(str(DATA / "mini_ecb.jsonl"))
    assert [(sid, len(docs)) for sid, docs, _ref in stories] == [("fire", 3), ("bridge", 2)]
    row = json.loads((DATA / "mini_summaries.jsonl").read_text())
    ((sid, docs, ref),) = bench.load(str(DATA / "mini_summaries.jsonl"))
    assert sid == row["id"] and ref == row["summary"] and len(docs) == 3
