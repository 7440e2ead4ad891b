"""The offline category rule and its benchmark."""

from pathlib import Path

import pytest

from newsdesk.bench import categories as bench
from newsdesk.bench import registry
from newsdesk.pipeline.write.categories import (
    CATEGORIES,
    categorize,
    names_by_sources,
    scores,
    tags,
)

ROOT = Path(__file__).parent.parent
BBC = ROOT.parent / "shared" / "data" / "news-categories" / "bbc-news" / "dev.jsonl"


@pytest.mark.parametrize(
    ("title", "text", "category"),
    [
        (
            "Three killed in Athens bank attack",
            "Masked men threw petrol bombs into a bank during a protest march. Police arrested two suspects "
            "after the attack; prosecutors charged them with murder.",
            "Crime",
        ),
        (
            "Director will not return for sequel",
            "Gary Ross will not direct Catching Fire, the second film of The Hunger Games franchise, the studio "
            "said. The movie's star and the actress's fans hoped he would stay.",
            "Entertainment",
        ),
        (
            "Bank raises interest rates",
            "The central bank raised interest rates as inflation rose; shares fell and investors sold stocks.",
            "Business",
        ),
        (
            "Strong quake hits island",
            "An earthquake of magnitude 5.6 struck the island; rescuers searched the debris after aftershocks.",
            "Disasters",
        ),
        (
            "Minister defends sentencing law",
            "The home secretary told MPs in parliament that the government would keep the law, and the "
            "opposition said the courts and prison service were overstretched.",
            "Politics",
        ),
        (
            "Quarterback ruled out",
            "The coach said the quarterback will miss the playoff game with an injury.",
            "Sports",
        ),
        (
            "Patch fixes browser flaw",
            "Microsoft released a software patch for a vulnerability that let hackers "
            "take over computers through Internet Explorer.",
            "Technology",
        ),
        ("", "", "World"),
    ],
)
def test_categorize(title, text, category):
    assert categorize(text, title) == category


def test_crime_and_disasters_need_strong_evidence():
    # one word of fire or crime in a sports story does not move it
    text = "The team's fire went out in the second half; the coach said the striker was arrested by nerves."
    assert categorize(text, "Late goals seal league win") == "Sports"
    assert scores(text, "")["Crime"] > 0


def test_capitalised_names_are_not_common_words():
    # "Catching Fire" inside a sentence is a title, not a fire
    assert scores("Fans queued for Catching Fire tickets.")["Disasters"] == 0
    assert scores("The fire spread to the roof.")["Disasters"] > 0


def test_tags_are_deterministic_and_ranked_by_sources():
    texts = [
        "Paris police met Anne Hidalgo in Paris.",
        "Anne Hidalgo spoke.",
        "Anne Hidalgo and Lyon.",
    ]
    assert names_by_sources(texts)[0] == ("Anne Hidalgo", 3)
    assert tags(texts)[0] == "Anne Hidalgo"


def test_scores_cover_every_category():
    assert set(scores("anything")) == set(CATEGORIES)


def test_bench_registered_and_scores():
    assert registry()["categories"] is bench
    assert bench.scores(["a", "a", "b"], ["a", "b", "b"]) == {
        "accuracy": 0.6667,
        "macro_f1": 0.6667,
    }


def test_bench_on_demo_corpus_beats_majority():
    result = bench.run({"data": "demo"})
    assert result["documents"] > 20 and result["skipped"] > 0
    assert result["accuracy"] > result["baseline"]["accuracy"]
    assert result["macro_f1"] > result["baseline"]["macro_f1"]


def test_bench_on_bbc_dev_beats_majority():
    if not BBC.exists():
        pytest.skip("../shared/data/news-categories is not available")
    result = bench.run({"data": str(BBC), "limit": 120})
    assert result["set"] == "bbc"
    assert result["accuracy"] > result["baseline"]["accuracy"] + 0.3


def test_clock_abbreviations_are_not_tags():
    texts = [
        "The fire service was called at 06:00 BST to the Waitrose store in Wellington.",
        "Crews arrived at 06:10 BST and found the Waitrose store in Wellington ablaze.",
    ]
    assert "BST" not in tags(texts) and "Waitrose" in tags(texts)
