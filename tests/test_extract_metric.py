"""The benchmark's shingle metric (newsdesk.pipeline.extract.shingles), table-driven."""

import pytest

from newsdesk.pipeline.extract.shingles import (
    bootstrap_std,
    corpus_metrics,
    score_doc,
    shingles,
    tokens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, world!", ["Hello", "world"]),
        ("l'été — 2019", ["l", "été", "2019"]),
        ("", []),
        ("엘제이-류화영", ["엘제이", "류화영"]),
    ],
)
def test_tokens_are_word_runs_with_case_kept(text, expected):
    assert tokens(text) == expected


def test_shingles_short_and_empty_texts():
    assert shingles("") == {}
    assert shingles("one two") == {("one", "two"): 1}
    assert sum(shingles("a b c d e").values()) == 2
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_score_doc_precision_and_recall():
    truth = "one two three four five six"
    exact = score_doc(truth, truth)
    assert (exact.precision, exact.recall, exact.exact) == (1.0, 1.0, True)
    extra = score_doc(truth + " seven eight nine ten", truth)
    assert extra.recall == 1.0 and extra.precision == pytest.approx(3 / 7)
    part = score_doc("one two three four", truth)
    assert part.precision == 1.0 and part.recall == pytest.approx(1 / 3)
    empty = score_doc("", truth)
    assert empty.empty and empty.recall == 0.0


def test_corpus_precision_ignores_empty_predictions_and_f1_is_of_means():
    scores = [score_doc("a b c d", "a b c d"), score_doc("", "a b c d e")]
    figures = corpus_metrics(scores)
    assert figures["precision"] == 1.0
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert (figures["empty"], figures["n"], figures["accuracy"]) == (1, 2, 0.5)


def test_bootstrap_is_seeded_and_zero_for_identical_documents():
    same = [score_doc("a b c d", "a b c d")] * 5
    assert bootstrap_std(same)["f1_std"] == 0.0
    mixed = [score_doc("a b c d", "a b c d"), score_doc("x y z w", "a b c d")] * 3
    assert bootstrap_std(mixed, samples=200) == bootstrap_std(mixed, samples=200)
    assert bootstrap_std(mixed, samples=200)["f1_std"] > 0
