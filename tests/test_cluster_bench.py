"""Clustering metrics, the TF-IDF baseline and the two benchmarks on small inputs."""

from pathlib import Path

import pytest

from newsdesk.bench import _clustering as cl
from newsdesk.bench import cluster as bench_cluster
from newsdesk.bench import dedup as bench_dedup

SAMPLE = Path(__file__).resolve().parent.parent / "testdata" / "cluster" / "ecbplus_sample.jsonl"
SHARED = Path("../shared/data/news-clustering/ecbplus/dev.jsonl")


def test_bcubed_and_pairwise_on_hand_worked_case():
    gold = ["a", "a", "a", "b", "b"]
    pred = [1, 1, 2, 2, 2]
    p, r, f = cl.bcubed(gold, pred)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert cl.pairwise(gold, pred)[:2] == pytest.approx((2 / 4, 2 / 4))
    assert cl.bcubed(gold, gold)[2] == 1.0 and cl.nmi(gold, gold) == pytest.approx(1.0)
    assert cl.nmi(gold, [0] * 5) == 0.0


def test_baseline_separates_unrelated_texts():
    texts = [
        "quake iran island",
        "quake iran island shook",
        "tennis final paris",
        "election vote count",
        "budget deficit plan",
    ]
    labels = cl.tfidf_single_pass(texts, 0.2)
    assert labels[0] == labels[1] and len(set(labels)) == 4


def test_cluster_bench_reports_required_keys():
    result = bench_cluster.run({"data": str(SAMPLE), "seeds": 2})
    for key in ("b3_f1", "b3_p", "b3_r", "pair_f1", "nmi", "clusters", "docs_per_s"):
        assert key in result and key in result["baseline"]
    assert result["floor_failures"] == []


def test_dedup_bench_finds_edited_copies():
    result = bench_dedup.run({"data": str(SAMPLE), "seeds": 1})
    assert result["recall_j60"] >= 0.9 and result["precision"] >= 0.9
    assert result["baseline"]["recall_j60"] < result["recall_j60"]


def test_cluster_bench_on_ecbplus_dev_beats_topic_level():
    if not SHARED.exists():
        pytest.skip("shared news-clustering data not present")
    result = bench_cluster.run({"data": str(SHARED), "seeds": 1})
    assert result["b3_f1"] > 0.80  # "topic = story" scores 0.685
