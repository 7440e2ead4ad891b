"""How much of a source a written text copies, counted in source sentences.

A source sentence is *copied* when a written sentence shares with it a contiguous run
of words covering at least ``COPY_RUN`` of the source sentence's words (case and
punctuation ignored). ``copy_share(written, source_text)`` is copied sentences over
countable sentences (those of at least ``MIN_WORDS`` words). The writer caps its reuse
with ``copy_allowance`` and the benchmark measures with ``copy_share``: one definition.
A source an editor marked "may be quoted at length" (``SourceDoc.quote_at_length``) may
give ``AT_LENGTH_SHARE`` of its sentences instead of about a third.
"""

from __future__ import annotations

from newsdesk.language.words import words
from newsdesk.pipeline.write.sentences import split_sentences

COPY_RUN = 0.6
MIN_WORDS = 4
MAX_SHARE = 0.34
AT_LENGTH_SHARE = 0.67  # still never the whole article: a piece is a report, not a copy


def countable_sentences(text: str) -> int:
    """Number of sentences of ``text`` with at least ``MIN_WORDS`` words."""
    return sum(1 for s in split_sentences(text) if len(words(s.text)) >= MIN_WORDS)


def copy_allowance(text: str, at_length: bool = False) -> int:
    """How many sentences of a source the writer may reuse: about a third, rounded down
    (two thirds when the outlet may be quoted at length)."""
    share = AT_LENGTH_SHARE if at_length else MAX_SHARE
    return int(countable_sentences(text) * share + 1e-9)


def _longest_run(a: list[str], b: list[str]) -> int:
    """Longest common contiguous run of tokens of ``a`` and ``b`` (dynamic programming)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def copied_indexes(written: list[str], source_text: str) -> list[int]:
    """Indexes (``split_sentences`` order) of the countable sentences of ``source_text``
    that some text of ``written`` copies."""
    targets = [[w.lower() for w in words(t)] for t in written]
    sets = [set(t) for t in targets]
    out = []
    for sentence in split_sentences(source_text):
        tokens = [w.lower() for w in words(sentence.text)]
        if len(tokens) < MIN_WORDS:
            continue
        need, mine = COPY_RUN * len(tokens), set(tokens)
        # The set test is a cheap bound: a run can't be longer than the shared words.
        if any(
            len(mine & ts) >= need * 0.99 and _longest_run(tokens, t) >= need
            for t, ts in zip(targets, sets, strict=True)
        ):
            out.append(sentence.index)
    return out


def copied_sentences(written: list[str], source_text: str) -> int:
    """Number of countable sentences of ``source_text`` copied by any of ``written``."""
    return len(copied_indexes(written, source_text))


def copy_share(written: list[str], source_text: str) -> float:
    """Copied countable sentences of ``source_text`` / its countable sentences (0 if none)."""
    total = countable_sentences(source_text)
    return copied_sentences(written, source_text) / total if total else 0.0
