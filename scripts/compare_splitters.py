"""Compare newsdesk's sentence splitter with pysbd and syntok on the cases in
testdata/sentence_splits.json (exact sentence lists) and on speed over a JSONL corpus.

    .venv/bin/pip install pysbd syntok   # measuring only; not runtime dependencies
    .venv/bin/python scripts/compare_splitters.py /work/shared/data/news-clustering/ecbplus/dev.jsonl

Each line of a case is split on its own (the writer splits paragraphs and lines first).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsdesk.pipeline.write.sentences import split_sentences

CASES = Path(__file__).resolve().parent.parent / "testdata" / "sentence_splits.json"


def _newsdesk(text: str) -> list[str]:
    split_sentences.cache_clear()
    return [s.text for s in split_sentences(text)]


def _pysbd():
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def _syntok():
    from syntok import segmenter

    def split(text: str) -> list[str]:
        out = []
        for para in segmenter.analyze(text):
            for sentence in para:
                start, end = sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)
                out.append(
                    text[start - len(sentence[0].spacing) :][
                        : end - start + len(sentence[0].spacing)
                    ].strip()
                )
        return out

    return split


def main(corpus: str | None) -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    splitters = {"newsdesk": _newsdesk, "pysbd": _pysbd(), "syntok": _syntok()}
    texts = []
    if corpus:
        with open(corpus, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    for name, split in splitters.items():
        right = [c["why"] for c in cases if split(c["text"]) == c["sentences"]]
        wrong = [c["why"] for c in cases if c["why"] not in right]
        start = time.perf_counter()
        count = sum(len(split(line)) for t in texts for line in t.splitlines() if line.strip())
        ms = 1000 * (time.perf_counter() - start)
        print(
            json.dumps(
                {
                    "splitter": name,
                    "cases_right": len(right),
                    "cases": len(cases),
                    "wrong": wrong,
                    "corpus_sentences": count,
                    "corpus_ms": round(ms),
                }
            )
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
