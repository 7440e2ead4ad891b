"""Choosing what a story says: central, corroborated, early, not redundant.

``select(cands, allowance, budget_words) -> list[Pick]`` scores every candidate sentence
by its TF-IDF cosine to the story's centroid (each source weighs the same), by how many
other outlets carry a similar sentence, and by how early it comes in its source (news
puts the facts first). It then takes the best ones greedily, each time adding to that
score how much of what the sources share the pick would add (pairs of content words two
or more sources use that no pick holds yet: coverage across sources), while

- no source gives more than ``allowance[article_id]`` sentences (about a third),
- no multi-sentence source paragraph is taken whole,
- no pick repeats an earlier one (cosine >= ``REDUNDANT``, or ``repeats.restates``),
- a sentence that leans on the one before it ("He said ...") comes only after it,

until ``budget_words`` words are chosen. A similar sentence from another outlet is kept
as corroboration (``Pick.also``) when its numbers agree, or as a disagreement
(``Pick.differs``) when its numbers or a name differ (``differences``). Pure function
of its inputs; never raises.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsdesk.language.words import content_stems
from newsdesk.pipeline.write.candidates import Candidate
from newsdesk.pipeline.write.differences import differing_names, numbers
from newsdesk.pipeline.write.repeats import restates, stems

REDUNDANT = 0.5
LEAD_FROM = 1  # the lead is one source's first usable sentence (2, 3: R-2 -0.02 on MN DEV)
# the selection score's weight beside the lead's shared content: Multi-News DEV R-2 15.30
# at 0.3, 15.37-15.38 from 0.6 to 2.0 with coverage (issue 16, branch i16c; tuned on DEV)
W_LEAD_SCORE = 1.0
COPIES = 0.6  # cosine at which a sentence is counted as a copy of another
CORROBORATES = 0.45
W_POSITION, W_CORROBORATION, W_QUOTE = (
    1.0,
    0.2,
    0.3,
)  # 1.0: Multi-News DEV ROUGE, docs/benchmarks.md
# Coverage: a pair of adjacent content words that two or more sources use is a fact the
# story shares; a sentence gains W_COVER x (weight of its shared pairs no pick holds yet,
# each weighing its number of sources) / (the largest such weight of any sentence).
# Multi-News DEV R-2 at the end of branch i16c: 15.23 / 15.35 / 15.45 / 15.39 / 15.35 at
# W_COVER 0.5 / 0.6 / 0.75 / 0.9 / 1.0 (tuned on DEV: expect it to be optimistic)
W_COVER = 0.75


@dataclass
class Pick:
    main: Candidate
    score: float
    also: list[Candidate] = field(default_factory=list)
    differs: list[Candidate] = field(default_factory=list)


def _matrix(cands: list[Candidate], bags: list[Counter]) -> sparse.csr_matrix:
    """Row-normalised sparse TF-IDF matrix of the candidates' content stems (``bags``)."""
    df = Counter(t for bag in bags for t in bag)
    vocab = {t: i for i, t in enumerate(df)}
    n = len(cands)
    rows, cols, vals = [], [], []
    for row, bag in enumerate(bags):
        weights = {t: (1 + math.log(tf)) * math.log(1 + n / df[t]) for t, tf in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for term, w in weights.items():
            rows.append(row)
            cols.append(vocab[term])
            vals.append(w / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64)


def scores(cands: list[Candidate], x: sparse.csr_matrix, sim: np.ndarray) -> np.ndarray:
    """Centrality + position + corroboration (+ a bonus for quotes) of each candidate."""
    doc_of = np.array([c.doc.article_id for c in cands])
    docs = list(dict.fromkeys(doc_of.tolist()))
    centroid = np.asarray(np.mean([x[doc_of == d].mean(axis=0) for d in docs], axis=0)).ravel()
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    central = x @ centroid
    rank: Counter = Counter()  # rank among the source's usable sentences: page furniture
    position = np.zeros(len(cands))  # before the story must not push the lead down
    for i, c in enumerate(cands):
        position[i] = 1.0 / math.sqrt(1 + rank[c.doc.article_id])
        rank[c.doc.article_id] += 1
    corroboration = np.zeros(len(cands))
    if len(docs) > 1:
        for d in docs:
            cols = doc_of == d
            best = sim[:, cols].max(axis=1)
            corroboration += (best >= CORROBORATES) & (doc_of != d)
        corroboration /= len(docs) - 1
    quoted = np.array([1.0 if c.has_quote else 0.0 for c in cands])  # news summaries quote
    return central + W_POSITION * position + W_CORROBORATION * corroboration + W_QUOTE * quoted


def _attach(pick: Pick, row: int, cands: list[Candidate], sim: np.ndarray, used: set[int]) -> None:
    """Add the best similar sentence of each other outlet as corroboration or disagreement."""
    best_per_doc: dict[int, int] = {}
    for j in np.nonzero(sim[row] >= CORROBORATES)[0].tolist():
        doc = cands[j].doc.article_id
        if doc == pick.main.doc.article_id or j in used:
            continue
        if doc not in best_per_doc or sim[row, j] > sim[row, best_per_doc[doc]]:
            best_per_doc[doc] = j
    mine = numbers(pick.main.text)
    for j in sorted(best_per_doc.values(), key=lambda k: -sim[row, k])[:2]:
        theirs = numbers(cands[j].text)
        if mine and theirs and not (theirs & mine):
            pick.differs.append(cands[j])
        elif differing_names(pick.main.text, cands[j].text):
            pick.differs.append(cands[j])
        elif (theirs <= mine or not theirs) and not pick.also:
            pick.also.append(cands[j])
        used.add(j)


def _takes_whole_paragraph(c: Candidate, chosen: list[Candidate], para_sizes: Counter) -> bool:
    size = para_sizes[(c.doc.article_id, c.para)]
    taken = sum(1 for o in chosen if o.doc.article_id == c.doc.article_id and o.para == c.para)
    return size > 1 and taken + 1 >= size


def lead_row(cands: list[Candidate], score: np.ndarray, bags: list[Counter]) -> int:
    """The lead: among each source's first ``LEAD_FROM`` usable sentences, the one whose
    content words (``bags``) the other sources' usable sentences share most (the
    best-corroborated report's account of what happened), its score breaking ties; -1
    for no candidates."""
    vocab: dict[int, set[str]] = defaultdict(set)
    for c, bag in zip(cands, bags, strict=True):
        vocab[c.doc.article_id].update(bag)
    if len(vocab) < 2:
        return int(np.argmax(score)) if len(cands) else -1
    rank: Counter = Counter()
    best, best_key = -1, None
    for row, c in enumerate(cands):
        rank[c.doc.article_id] += 1
        if rank[c.doc.article_id] > LEAD_FROM:
            continue
        mine = set(bags[row])
        if not mine:
            continue
        shared = [len(mine & v) / len(mine) for d, v in vocab.items() if d != c.doc.article_id]
        key = (sum(shared) / len(shared) + W_LEAD_SCORE * float(score[row]), -row)
        if best_key is None or key > best_key:
            best, best_key = row, key
    return best


def _pairs(text: str) -> set[tuple[str, str]]:
    """Adjacent content stems of ``text``: "fire killed", "killed three" -> ("fire", "kill")."""
    st = content_stems(text)
    return set(zip(st, st[1:], strict=False))


def _ranked(
    cands: list[Candidate],
    score: np.ndarray,
    pairs: list[set[tuple[str, str]]],
    lead: int,
    covered: set[tuple[str, str]],
    copies: np.ndarray,
) -> Iterator[int]:
    """Rows in the order the selector considers them: ``lead`` first, then each time the
    best by ``score`` plus the coverage gain of its shared pairs not yet ``covered``
    (the caller adds a pick's pairs to ``covered``; see W_COVER)."""
    sources: dict[tuple[str, str], set[int]] = defaultdict(set)
    for c, mine in zip(cands, pairs, strict=True):
        for pair in mine:
            sources[pair].add(c.doc.article_id)
    weight = {pair: len(ids) for pair, ids in sources.items() if len(ids) > 1}

    def gain(row: int) -> float:
        new = sum(weight.get(pair, 0) for pair in pairs[row] if pair not in covered)
        return new / max(1, int(copies[row]))

    first = [gain(r) for r in range(len(cands))]
    norm = max(first, default=0.0) or 1.0
    if lead >= 0:
        yield lead
    # lazy greedy: a row's gain only falls as ``covered`` grows, so a row whose fresh
    # value still beats every other (stale, higher or equal) value is the best one
    heap = [(-(score[r] + W_COVER * first[r] / norm), r) for r in range(len(cands)) if r != lead]
    heapq.heapify(heap)
    while heap:
        _stale, row = heapq.heappop(heap)
        fresh = (-(score[row] + W_COVER * gain(row) / norm), row)
        if heap and fresh > heap[0]:
            heapq.heappush(heap, fresh)
            continue
        yield row


def select(
    cands: list[Candidate],
    allowance: dict[int, int],
    budget_words: int,
    lead: Candidate | None = None,
) -> list[Pick]:
    """Greedy selection under the copy, paragraph and redundancy rules (see module note);
    ``lead``: the candidate to lead with (else ``lead_row`` chooses)."""
    if not cands:
        return []
    bags = [Counter(content_stems(c.text)) for c in cands]
    x = _matrix(cands, bags)
    sim = (x @ x.T).toarray()
    score = scores(cands, x, sim)
    lead = cands.index(lead) if lead in cands else lead_row(cands, score, bags)
    pairs = [_pairs(c.text) for c in cands]
    covered: set[tuple[str, str]] = set()  # the shared pairs the picks hold
    order = _ranked(cands, score, pairs, lead, covered, (sim >= COPIES).sum(axis=1))
    para_sizes = Counter((c.doc.article_id, c.para) for c in cands)
    left = defaultdict(int, allowance)
    picks: list[Pick] = []
    chosen_rows: list[int] = []
    used: set[int] = set()
    taken: set[tuple[int, int]] = set()  # (article, sentence index) of the picks
    total = 0
    for row in order:
        c = cands[row]
        if row in used:
            continue
        if c.needs_prev and (c.doc.article_id, c.index - 1) not in taken:
            continue
        if chosen_rows and float(sim[row, chosen_rows].max()) >= REDUNDANT:
            continue
        mine = stems(c.text)
        if any(restates(mine, stems(p.main.text)) for p in picks):
            continue  # the same fact in other words: the cosine test misses it
        if _takes_whole_paragraph(c, [p.main for p in picks], para_sizes):
            continue
        # Reusing this sentence also copies its near-duplicates (syndicated or repeated
        # text): each counts against its own source's allowance.
        copies = Counter(
            cands[j].doc.article_id for j in np.nonzero(sim[row] >= COPIES)[0].tolist()
        )
        copies[c.doc.article_id] = max(1, copies[c.doc.article_id])
        if any(left[d] < k for d, k in copies.items()):
            continue
        pick = Pick(c, float(score[row]))
        used.add(row)
        _attach(pick, row, cands, sim, used)
        picks.append(pick)
        taken.add((c.doc.article_id, c.index))
        chosen_rows.append(row)
        covered |= pairs[row]
        for d, k in copies.items():
            left[d] -= k
        total += len(c.text.split()) + 3
        if total >= budget_words:
            break
    return picks
