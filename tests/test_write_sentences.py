"""The sentence splitter on real cases: it never cuts a number, a decimal, money, a clock
time or an abbreviation (testdata/sentence_splits.json; also measured against pysbd and
syntok by scripts/compare_splitters.py)."""

import json
from pathlib import Path

import pytest

from newsdesk.pipeline.write.sentences import split_sentences

CASES = json.loads(
    (Path(__file__).parent.parent / "testdata" / "sentence_splits.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_splitter_cases(case):
    sentences = split_sentences(case["text"])
    assert [s.text for s in sentences] == case["sentences"]
    assert all(case["text"][s.start : s.end] == s.text for s in sentences)
