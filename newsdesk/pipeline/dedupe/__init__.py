"""Deduplication in layers: canonical URL -> content hash -> near-duplicate fingerprint.

Input -> output: ``Deduper.check(doc, canonical_url) -> DedupDecision`` names the earliest
article that ``doc`` copies (``duplicate_of``), the layer that caught it (``"url"``,
``"hash"``, ``"near"``) and the similarity (1.0 for url/hash, the estimated shingle
Jaccard for near). ``check`` looks only at articles already ``add``-ed and changes nothing.
A duplicate is never dropped here: flows.py keeps the article, marks it as a copy and
lists it under the story ("also published by").

``add(doc, canonical_url, fingerprint=None)`` remembers a document. Call it for EVERY
article in arrival order, duplicates included: a copy records which original it belongs
to, so a copy of a copy still points at the earliest article, and near-copies are indexed
too (an edited copy of an edited copy may only be close to the middle one). Pass the
stored fingerprint when rebuilding from the database to skip recomputing it.

Near-duplicates: 5-word shingles of the body (``pipeline/dedupe/minhash``), MinHash with 128
values, LSH with 32 bands of 4, then verified: the estimated Jaccard must reach
``threshold`` (0.5). Bodies under ``min_words`` words skip this layer (too little text to
tell a copy from a shared stock phrase). The index lives in memory; rebuild it at start-up
from the window of articles you want to catch copies of; articles older than
``window_days`` (30) before the newest one are forgotten as new ones arrive. Time is
``published_at``, or for an undated article the latest time seen (a stream clock).
Deterministic; raises nothing for odd input (an empty body only ever matches by URL).

``fingerprint(text) -> bytes`` (512 bytes, little-endian uint32 MinHash values) is what
flows.py stores per article (a BinaryField); ``content_hash(text) -> str`` is a 40-char
SHA-1 hex string of the folded words.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from newsdesk.pipeline.dedupe.minhash import (
    band_keys,
    content_hash,
    estimate_jaccard,
    fingerprint,
    from_bytes,
    hash_words,
    minhash,
    shingle_ids_of,
    words,
)
from newsdesk.pipeline.types import DedupDecision, SourceDoc

__all__ = ["Deduper", "content_hash", "fingerprint"]


class Deduper:
    """In-memory layered duplicate finder (see the module docstring)."""

    def __init__(
        self, threshold: float = 0.5, min_words: int = 12, window_days: float | None = 30.0
    ) -> None:
        self.threshold = threshold
        self.min_words = min_words
        self.window_s = window_days * 86400.0 if window_days is not None else None
        self.clock = -math.inf
        self._order: deque[tuple[float, int, str, str]] = deque()  # (time, id, url, hash)
        self.by_url: dict[str, int] = {}
        self.by_hash: dict[str, int] = {}
        self.bands: dict[bytes, list[int]] = {}
        self.signatures: dict[int, np.ndarray] = {}
        self.root: dict[int, int] = {}  # doc id -> earliest article it copies (itself if original)
        self._cache: tuple[int, str, str, np.ndarray | None] | None = None
        self._last: tuple[int, str, str, DedupDecision] | None = None  # check() -> add()

    def check(self, doc: SourceDoc, canonical_url: str = "") -> DedupDecision:
        """Is ``doc`` a copy of an article added earlier? No side effects on the index."""
        decision = self._check(doc, canonical_url)
        self._last = (doc.article_id, doc.text, canonical_url, decision)
        return decision

    def _check(self, doc: SourceDoc, canonical_url: str) -> DedupDecision:
        if canonical_url and canonical_url in self.by_url:
            return DedupDecision(self._root(self.by_url[canonical_url]), "url", 1.0)
        digest, sig = self._features(doc)
        if digest and digest in self.by_hash:
            return DedupDecision(self._root(self.by_hash[digest]), "hash", 1.0)
        if sig is None:
            return DedupDecision(None)
        best, best_sim = None, 0.0
        for other in sorted({i for key in band_keys(sig) for i in self.bands.get(key, ())}):
            sim = estimate_jaccard(sig, self.signatures[other])
            if sim > best_sim:
                best, best_sim = other, sim
        if best is None or best_sim < self.threshold:
            return DedupDecision(None, "", best_sim)
        return DedupDecision(self._root(best), "near", best_sim)

    def add(
        self, doc: SourceDoc, canonical_url: str = "", fingerprint: bytes | None = None
    ) -> None:
        """Remember ``doc`` (original or copy) so later articles are checked against it."""
        last = self._last
        if last and last[:3] == (doc.article_id, doc.text, canonical_url):
            decision = last[3]
        else:
            decision = self._check(doc, canonical_url)
        self.root[doc.article_id] = (
            decision.duplicate_of if decision.duplicate_of is not None else doc.article_id
        )
        if canonical_url:
            self.by_url.setdefault(canonical_url, doc.article_id)
        digest, sig = self._features(doc)
        if fingerprint is not None and sig is not None:
            sig = from_bytes(fingerprint)
        if digest:
            self.by_hash.setdefault(digest, doc.article_id)
        if sig is not None and decision.layer not in ("url", "hash"):
            self.signatures[doc.article_id] = sig
            for key in band_keys(sig):
                self.bands.setdefault(key, []).append(doc.article_id)
        self._cache = self._last = None
        t = doc.published_at.timestamp() if doc.published_at else self.clock
        self.clock = max(self.clock, t)
        self._order.append((t, doc.article_id, canonical_url, digest))
        if len(self._order) % 256 == 0:
            self.expire()

    def expire(self) -> int:
        """Forget articles added more than ``window_days`` before the newest one, oldest
        first in arrival order (later copies of them then count as originals). Returns how
        many were forgotten. Bounds memory in a long-running worker."""
        if self.window_s is None:
            return 0
        cutoff, gone = self.clock - self.window_s, 0
        while self._order and self._order[0][0] < cutoff:
            _, doc_id, url, digest = self._order.popleft()
            if self.by_url.get(url) == doc_id:
                del self.by_url[url]
            if self.by_hash.get(digest) == doc_id:
                del self.by_hash[digest]
            sig = self.signatures.pop(doc_id, None)
            for key in band_keys(sig) if sig is not None else ():
                self.bands[key].remove(doc_id)
                if not self.bands[key]:
                    del self.bands[key]
            self.root.pop(doc_id, None)
            gone += 1
        return gone

    def _root(self, doc_id: int) -> int:
        return self.root.get(doc_id, doc_id)

    def _features(self, doc: SourceDoc) -> tuple[str, np.ndarray | None]:
        """(content hash or "" for an empty body, signature or None for a short body)."""
        if self._cache and self._cache[0] == doc.article_id and self._cache[1] == doc.text:
            return self._cache[2], self._cache[3]
        body = words(doc.text)
        digest = hash_words(body) if body else ""
        sig = minhash(shingle_ids_of(body)) if len(body) >= self.min_words else None
        self._cache = (doc.article_id, doc.text, digest, sig)
        return digest, sig
