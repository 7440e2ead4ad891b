"""Online story clustering: each article joins the most similar recent story, or starts one.

Input -> output: ``StoryClusterer.assign(SourceDoc) -> ClusterDecision`` (story id or None for
a new story, the score, and human-readable reasons). ``add(doc, story_id)`` records the
outcome and may merge, split-propose or (``repair``) move; every membership change comes
back as a value (``take_changes()``, drained after each ``add``: ``StoryMerge``,
``StorySplit``, ``ArticleMove``) for ``stories.membership.apply`` to write to the rows;
``move``/``merge``/``split`` apply editor actions; ``rebuild(items)`` replays a window
from the database (start-up, or repair after bulk edits). Pure Python, in memory,
deterministic: the same calls in the same order give the same stories.

How a document is compared with a story:

1. Features: content words (``language/words``: stemmed, stop words out), and event
   features from ``pipeline/cluster/entities`` -- names (``@tara reid``) and numbers (``#5.6``) --
   which tell two events of the same kind apart. Headline words count ``title_copies``
   times and the opening ``lead_chars`` characters of the body twice (news puts who,
   what and where first).
2. Weights: sublinear tf times an IDF counted online over the articles added so far.
   The three blocks (words, names, numbers) are each scaled to unit length, weighted
   (``name_weight``, ``number_weight``), cut to the ``vector_size`` strongest features and
   scaled to unit length again.
3. Candidates: an inverted index over each story's strongest features, with capped
   posting lists (``pipeline/cluster/centroids``), so the work per article does not grow with the
   number of stories in the window.
4. Score: cosine to the story centroid (the sum of its members' vectors). The article
   joins the best story whose last article is within ``window_hours`` if the score reaches
   the threshold. The threshold slides from ``short_threshold`` for items with at most
   ``short_features`` distinct features (title + snippet, which share few words even
   when they report the same event) to ``threshold`` from ``long_features`` on (full
   articles), so one setting serves both.
5. Margin: a score below ``margin`` x threshold counts only if one of the story's latest
   articles is itself that close to the article (a centroid can sit between two events
   of one kind; each member reports one of them).
6. Second chance: an article that ``assign`` sent to a new story is scored again after
   each delay in ``second_chance`` (counted in added articles); if its story still holds
   only it and it now reaches its threshold, that story is merged into the best one
   (a ``StoryMerge`` change; never across an editor's split). This recovers short
   items that arrive before their story's vocabulary settles, and the articles the
   margin held back once the story has grown towards them. ``rebuild`` schedules none.
7. Merge: when an article reaches the threshold for more than one story and those stories'
   centroids are alike (cosine >= ``merge_threshold`` x the article's threshold), the
   smaller story is merged into the larger: early articles of one event can start two
   stories before its vocabulary settles (a ``StoryMerge`` change).
   Stories an editor split (or moved an article out of) are never merged back.
8. Split: the first article of a second event of the same kind can still join a story,
   and the rest of that event then follows it. As a story grows, its members are cut in
   two (``pipeline/cluster/split``: normalised cut); when the two parts are much closer inside
   than across (ratio below ``split_ratio``), the cut is proposed as a ``StorySplit``
   change: the caller makes the new story and calls ``split``, which keeps the two apart
   from then on.
9. Repair: ``repair()`` is the periodic pass over the window (flows.repair_stories, every
   ``NEWSDESK_REPAIR_INTERVAL_S``): pending second chances run now, and each article
   moves to the story it is clearly closer to (see the method); editors' placements stay.

Time: ``published_at`` places an article on the stream clock; an article without one is
placed at the latest time seen so far (its arrival, on a clock that only the stream
moves, so runs are reproducible). Failure modes: none raised for odd input; an empty document
gets an empty vector and starts its own story.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from operator import itemgetter

from newsdesk.pipeline.cluster.centroids import StoryCentroid, StoryIndex, dot
from newsdesk.pipeline.cluster.entities import event_features
from newsdesk.pipeline.cluster.reasons import reasons as _reasons
from newsdesk.pipeline.cluster.split import bisect
from newsdesk.pipeline.cluster.vectors import OnlineIdf, normalised, terms
from newsdesk.pipeline.types import (
    ArticleMove,
    ClusterDecision,
    MembershipChange,
    SourceDoc,
    StoryMerge,
    StorySplit,
)


class StoryClusterer:
    """Stream clusterer with shipped defaults (see the module docstring for the method)."""

    def __init__(
        self,
        window_hours: int = 72,
        threshold: float = 0.25,
        short_threshold: float = 0.125,
        short_features: int = 40,
        long_features: int = 70,
        name_weight: float = 1.0,
        number_weight: float = 0.6,
        vector_size: int = 64,
        query_terms: int = 16,
        max_candidates: int = 16,
        posting_cap: int = 48,
        idf_prior: int = 20,
        merge_threshold: float | None = 3.0,
        lead_chars: int = 300,
        title_copies: int = 2,
        second_chance: tuple[int, ...] = (64, 512, 2048),
        margin: float = 1.3,
        split_ratio: float | None = 0.35,
        split_min: int = 6,
        repair_margin: float = 0.2,
    ) -> None:
        self.window_s = window_hours * 3600.0
        self.threshold, self.short_threshold = threshold, short_threshold
        self.short_features, self.long_features = short_features, long_features
        self.name_weight, self.number_weight = name_weight, number_weight
        self.vector_size, self.query_terms = vector_size, query_terms
        self.max_candidates = max_candidates
        self.idf_prior = idf_prior
        self.merge_threshold = merge_threshold
        self.lead_chars = lead_chars
        self.title_copies = title_copies
        self.second_chance = tuple(second_chance)
        self.margin = margin
        self.split_ratio, self.split_min = split_ratio, split_min
        self.repair_margin = repair_margin
        self._limit: dict[int, float] = {}  # doc id -> its join threshold (by its length)
        self._checked: dict[int, int] = {}  # story id -> its size when last checked
        self._retries: list[tuple[int, int, float]] = []  # (due add count, doc id, threshold)
        self.changes: list[MembershipChange] = []  # drained by take_changes()
        self._bridges: tuple[int, list[int], float] | None = None
        self.idf = OnlineIdf()
        self.index = StoryIndex(posting_cap)
        self.stories: dict[int, StoryCentroid] = {}
        self.story_of: dict[int, int] = {}  # doc id -> story id
        self.time_of: dict[int, float] = {}  # doc id -> its place on the stream clock
        self.kept_apart: set[frozenset[int]] = set()  # story pairs an editor separated
        self.clock = -math.inf
        self._cache: tuple[int, tuple[str, str], Counter[str], dict[str, float]] | None = None
        self._adds = 0

    # -- the stream --------------------------------------------------------------

    def assign(self, doc: SourceDoc) -> ClusterDecision:
        """The story ``doc`` should join, judged against earlier articles only. No mutation
        of the stories (the document's features are cached for the following ``add``)."""
        feats, vec = self._vector(doc)
        limit = self._threshold(len(feats))
        best, best_score, above = self._best(vec, limit, self._time(doc))
        unbacked = best is not None and not self._backed(best, vec, best_score, limit)
        if unbacked:
            above = [story_id for story_id in above if story_id != best.id]
        self._bridges = (doc.article_id, above, limit)
        if best is None or best_score < limit or unbacked:
            reason = f"no recent story reached {limit:.2f}"
            if best is not None:
                reason += f" (closest: story {best.id}, cosine {best_score:.2f}"
                reason += ", but no article of it came close)" if unbacked else ")"
            return ClusterDecision(story_id=None, score=best_score, reasons=[reason])
        return ClusterDecision(best.id, best_score, _reasons(vec, best, best_score))

    def _backed(
        self, story: StoryCentroid, vec: dict[str, float], score: float, limit: float
    ) -> bool:
        """A score at the margin (``limit`` up to ``margin`` x ``limit``) counts only if one of
        the story's latest members is itself that close to the article: a centroid can sit
        between two events of one kind, while each member reports one of them."""
        if score < limit or score >= self.margin * limit:
            return True
        bar = self.margin * limit
        return any(dot(vec, member) >= bar for member in list(story.members.values())[-32:])

    def _best(
        self, vec: dict[str, float], limit: float, t: float, skip: int | None = None
    ) -> tuple[StoryCentroid | None, float, list[int]]:
        """The best-scoring candidate story in the window (other than ``skip``), its score,
        and the ids of all candidates that reached ``limit``."""
        hits = self.index.candidates(list(vec)[: self.query_terms])
        # most shared keys first, then the newest story (ids are unique: no ties left)
        ranked = sorted(hits.items(), key=itemgetter(1, 0), reverse=True)[: self.max_candidates]
        best: StoryCentroid | None = None
        best_score = 0.0
        above: list[int] = []
        for story_id, _ in ranked:
            story = self.stories.get(story_id)
            if story is None or story_id == skip or not self._in_window(story, t):
                continue
            score = story.cosine(vec)
            if score >= limit:
                above.append(story_id)
            if score > best_score:
                best, best_score = story, score
        return best, best_score, above

    def add(self, doc: SourceDoc, story_id: int) -> None:
        """Record that ``doc`` joined ``story_id`` (creating the story if new); counts the
        document into the IDF and moves the stream clock. Re-adding a doc moves it."""
        feats, vec = self._vector(doc)
        t = self._time(doc)
        self.clock = max(self.clock, t)
        self.idf.add(feats)
        self._cache = None
        old = self.story_of.get(doc.article_id)
        if old is not None and old != story_id:
            self._detach(doc.article_id)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryCentroid(story_id)
        story.add(doc.article_id, vec, t)
        self.story_of[doc.article_id] = story_id
        self.time_of[doc.article_id] = t
        self.index.touch(story_id, list(vec)[: self.query_terms])
        self._limit[doc.article_id] = self._threshold(len(feats))
        self._plan_retries(doc.article_id, story)
        self._merge_bridged(doc.article_id, story_id)
        self._check_split(self.story_of[doc.article_id])
        self._adds += 1
        while self._retries and self._retries[0][0] <= self._adds:
            self._retry(*heapq.heappop(self._retries)[1:])
        if self._adds % 512 == 0:
            self.expire()

    def _plan_retries(self, doc_id: int, story: StoryCentroid) -> None:
        """Schedule second chances for an assigned article that started its own story
        (replayed ``add`` calls without ``assign``, as in ``rebuild``, schedule none)."""
        if not self._bridges or self._bridges[0] != doc_id or len(story.members) != 1:
            return
        for delay in self.second_chance:
            heapq.heappush(self._retries, (self._adds + delay, doc_id, self._bridges[2]))

    def _retry(self, doc_id: int, limit: float) -> None:
        """Score a lone article again; merge its one-article story into the best story that
        now reaches ``limit`` (a ``StoryMerge`` change)."""
        story = self.stories.get(self.story_of.get(doc_id, -1))
        if story is None or len(story.members) != 1 or doc_id not in story.members:
            return
        vec = story.members[doc_id]
        best, score, _ = self._best(vec, limit, story.last_t, skip=story.id)
        if best is None or score < limit or frozenset((best.id, story.id)) in self.kept_apart:
            return
        self.merge(best.id, story.id)
        note = f"second chance: a lone article reached story {best.id} (cosine {score:.2f})"
        self.changes.append(StoryMerge(best.id, story.id, note))

    def _merge_bridged(self, doc_id: int, story_id: int) -> None:
        """Merge stories that this article bridges: each reached the threshold for it and
        their centroids are alike (``merge_threshold``). Early articles of one event can
        start two stories before the event's vocabulary settles; this joins them."""
        if self.merge_threshold is None or not self._bridges or self._bridges[0] != doc_id:
            return
        for other_id in self._bridges[1]:
            story, other = self.stories.get(self.story_of[doc_id]), self.stories.get(other_id)
            if story is None or other is None or other is story:
                continue
            if frozenset((story.id, other.id)) in self.kept_apart:
                continue
            if story.similarity(other) < self.merge_threshold * self._bridges[2]:
                continue
            keep, gone = sorted((story, other), key=lambda s: (-len(s.members), s.id))
            self.merge(keep.id, gone.id)
            note = f"article {doc_id} bridged stories {keep.id} and {gone.id}"
            self.changes.append(StoryMerge(keep.id, gone.id, note))
        self._bridges = None

    def _check_split(self, story_id: int) -> None:
        """Propose cutting a story in two (a ``StorySplit`` change) when its members form two groups
        much closer inside than across (``pipeline/cluster/split``): the first article of a
        second event of the same kind joined it and the rest of that event followed.
        Checked from ``2 * split_min`` members on, each time the story grows by a quarter
        (2 at least). Skipped for stories made mostly of short items (under a quarter of
        their members longer than ``short_features``): title+snippet items share too few
        words for their similarities to show groups (on Google News TS, cutting them costs
        0.08 B3 F1), while ECB+ events mix short and long reports."""
        story = self.stories.get(story_id)
        if self.split_ratio is None or story is None:
            return
        size, last = len(story.members), self._checked.get(story_id, 0)
        if size < 2 * self.split_min or size < last + max(2, last // 4):
            return
        self._checked[story_id] = size
        ids = list(story.members)[-256:]
        longer = sum(self._limit.get(doc_id, 0.0) > self.short_threshold for doc_id in ids)
        if longer < 0.25 * len(ids):
            return
        cut = bisect([story.members[doc_id] for doc_id in ids], self.split_min)
        if cut is not None and cut.ratio < self.split_ratio:
            note = f"split from story {story_id}: two groups, similarity across {cut.ratio:.2f} of within"
            self.changes.append(StorySplit(story_id, tuple(ids[i] for i in cut.moved), note))

    def take_changes(self) -> list[MembershipChange]:
        """Membership changes since the last call, in order, as values for
        ``stories.membership.apply``. Merges and moves are already applied here; a
        ``StorySplit`` is only proposed: the caller makes the new story and calls ``split``
        (which keeps the two apart). Clears the list."""
        changes, self.changes = self.changes, []
        return changes

    # -- the repair pass ---------------------------------------------------------------

    def repair(self, pinned: Iterable[int] = ()) -> list[ArticleMove]:
        """Re-cluster the window with hindsight (the periodic repair job; the stream decides
        each article once, on what came before it). Two steps, in order:

        1. Lone articles whose second chances are still pending are scored now against the
           stories as they are (``StoryMerge`` changes).
        2. Every article not in ``pinned`` (placed by an editor) moves to the story whose
           centroid is closest to it, when that beats its own story's centroid without it by
           ``repair_margin`` (x) and reaches the article's own threshold: one that joined before
           its own event's story existed, or landed on the wrong side of a split. Moves are
           decided on one snapshot, then applied, so the pass does not chase itself.

        Returns the moves (also queued as changes), in order; emptied stories disappear. Deterministic; nothing is moved when ``repair_margin`` is None."""
        for _, doc_id, limit in sorted(self._retries):
            self._retry(doc_id, limit)  # a retry of an already merged article is a no-op
        self._retries = []
        if self.repair_margin is None:
            return []
        keep = set(pinned)
        moves = []
        for story in sorted(self.stories.values(), key=lambda s: s.id):
            for doc_id, vec in story.members.items():
                target = None if doc_id in keep else self._closer_story(story, doc_id, vec)
                if target is not None:
                    note = f"moved by the repair pass from story {story.id}: closer to this one"
                    moves.append(ArticleMove(doc_id, story.id, target, note))
        moves = _into_kept_stories(moves, {s.id: len(s.members) for s in self.stories.values()})
        for move in moves:
            self._move(move.article, move.new)
        self.changes += moves
        return moves

    def _closer_story(self, story: StoryCentroid, doc_id: int, vec: dict[str, float]) -> int | None:
        """The story that ``vec`` (a member of ``story``) is clearly closer to, if any."""
        self_dot = dot(vec, vec)
        cross = dot(vec, story.centroid)
        rest2 = story.norm2 - 2 * cross + self_dot  # |centroid - vec|^2
        own = (cross - self_dot) / math.sqrt(rest2) if rest2 > 1e-12 else 0.0
        limit = self._limit.get(doc_id, self.threshold)
        best, score, _ = self._best(vec, limit, story.last_t, skip=story.id)
        if best is None or score < limit or score <= own * (1 + self.repair_margin):
            return None
        return best.id

    # -- editor actions ------------------------------------------------------------

    def move(self, doc_id: int, new_story_id: int) -> None:
        """Editor: move one article to another story (created if unknown); the two stories
        are kept apart from then on. KeyError if the article is unknown."""
        old_id = self.story_of[doc_id]
        if old_id != new_story_id:
            self.kept_apart.add(frozenset((old_id, new_story_id)))
        self._move(doc_id, new_story_id)

    def _move(self, doc_id: int, new_story_id: int) -> None:
        old = self.stories[self.story_of[doc_id]]
        vec, t = old.members[doc_id], self.time_of.get(doc_id, old.last_t)
        self._detach(doc_id)
        story = self.stories.get(new_story_id) or self.stories.setdefault(
            new_story_id, StoryCentroid(new_story_id)
        )
        story.add(doc_id, vec, t)
        self.story_of[doc_id] = new_story_id
        self.index.touch(new_story_id, list(vec)[: self.query_terms])

    def merge(self, keep_id: int, gone_id: int) -> None:
        """Editor: fold story ``gone_id`` into ``keep_id``; ``gone_id`` ceases to exist."""
        for doc_id in list(self.stories[gone_id].members):
            self._move(doc_id, keep_id)
        self.kept_apart = {pair for pair in self.kept_apart if gone_id not in pair}

    def split(self, story_id: int, doc_ids: Iterable[int], new_story_id: int) -> None:
        """Editor: move ``doc_ids`` (members of ``story_id``) into ``new_story_id``; the two
        stories are kept apart from then on. KeyError if one is not a member."""
        for doc_id in doc_ids:
            if self.story_of.get(doc_id) != story_id:
                raise KeyError(f"article {doc_id} is not in story {story_id}")
            self.move(doc_id, new_story_id)

    def rebuild(
        self,
        items: Iterable[tuple[SourceDoc, int]],
        kept_apart: Iterable[tuple[int, int]] = (),
        saved: dict | None = None,
    ) -> None:
        """Forget everything, then replay ``(doc, story_id)`` pairs in arrival order. A replay
        changes no membership: ``add`` merges only after an ``assign`` of the same article,
        and no split is proposed. ``kept_apart``: story pairs editors separated. ``saved``
        (from ``saved()``): what the replay cannot give back, so that a clusterer rebuilt
        from the same stream in the same order decides as one that never stopped."""
        self.__init__(**self.settings())  # type: ignore[misc]
        self.kept_apart = {frozenset(pair) for pair in kept_apart}
        split_ratio, self.split_ratio = self.split_ratio, None
        try:
            for doc, story_id in items:
                self.add(doc, story_id)
        finally:
            self.split_ratio = split_ratio
        if saved is not None:
            self._adds = int(saved.get("adds", self._adds))
            self._retries = [(int(d), int(i), float(t)) for d, i, t in saved.get("retries", [])]
            heapq.heapify(self._retries)
            self._checked = {int(k): int(v) for k, v in saved.get("checked", {}).items()}

    def saved(self) -> dict:
        """The state a replay of ``(doc, story_id)`` pairs cannot give back, as JSON: the
        pending second chances, each story's size at its last split check, and the count
        of added articles those are measured in. Pass it to ``rebuild``."""
        return {
            "adds": self._adds,
            "retries": [list(r) for r in sorted(self._retries)],
            "checked": {str(k): v for k, v in self._checked.items() if k in self.stories},
        }

    def expire(self) -> int:
        """Drop stories whose last article is older than the window; returns how many."""
        cutoff = self.clock - self.window_s
        old = [s for s in self.stories.values() if s.last_t < cutoff]
        for story in old:
            self.index.forget(story.id, list(story.centroid))
            for doc_id in story.members:
                self.story_of.pop(doc_id, None)
                self.time_of.pop(doc_id, None)
                self._limit.pop(doc_id, None)
            self._checked.pop(story.id, None)
            del self.stories[story.id]
        return len(old)

    def settings(self) -> dict:
        """The constructor arguments of this clusterer (for reports and ``rebuild``)."""
        return {
            "window_hours": self.window_s / 3600.0,
            "threshold": self.threshold,
            "short_threshold": self.short_threshold,
            "short_features": self.short_features,
            "long_features": self.long_features,
            "name_weight": self.name_weight,
            "number_weight": self.number_weight,
            "vector_size": self.vector_size,
            "query_terms": self.query_terms,
            "max_candidates": self.max_candidates,
            "posting_cap": self.index.posting_cap,
            "idf_prior": self.idf_prior,
            "merge_threshold": self.merge_threshold,
            "lead_chars": self.lead_chars,
            "title_copies": self.title_copies,
            "second_chance": self.second_chance,
            "margin": self.margin,
            "split_ratio": self.split_ratio,
            "split_min": self.split_min,
            "repair_margin": self.repair_margin,
        }

    # -- internals -----------------------------------------------------------------

    def _detach(self, doc_id: int) -> None:
        story = self.stories[self.story_of.pop(doc_id)]  # time_of stays: the doc moves on
        story.remove(doc_id)
        if not story.members:
            self.index.forget(story.id, list(story.centroid))
            del self.stories[story.id]

    def _time(self, doc: SourceDoc) -> float:
        if doc.published_at is not None:
            return doc.published_at.timestamp()
        return self.clock if self.clock > -math.inf else 0.0

    def _in_window(self, story: StoryCentroid, t: float) -> bool:
        return story.last_t >= t - self.window_s and story.first_t <= t + self.window_s

    def _threshold(self, n_features: int) -> float:
        span = max(1, self.long_features - self.short_features)
        share = min(1.0, max(0.0, (n_features - self.short_features) / span))
        return self.short_threshold + (self.threshold - self.short_threshold) * share

    def _vector(self, doc: SourceDoc) -> tuple[Counter[str], dict[str, float]]:
        """Features and weighted vector of ``doc`` (cached for the last doc seen)."""
        key = (doc.title, doc.text)  # compared by identity first: cheap for the same doc
        if self._cache and self._cache[0] == doc.article_id and self._cache[1] == key:
            return self._cache[2], self._cache[3]
        lead = _lead(doc.text, self.lead_chars)
        feats = terms("\n".join((*[doc.title] * self.title_copies, lead, doc.text)))
        feats.update(event_features("\n".join((doc.title, lead, doc.text))))
        vec = self._weigh(feats)
        self._cache = (doc.article_id, key, feats, vec)
        return feats, vec

    def _weigh(self, feats: Counter[str]) -> dict[str, float]:
        df, log_n1 = self.idf.df.get, math.log(self.idf.n + 1)
        # shrink towards flat weights while few articles have been counted: a cold IDF
        # would rank every word seen once below every unseen word
        trust = self.idf.n / (self.idf.n + self.idf_prior) if self.idf.n else 0.0
        blocks: tuple[dict[str, float], ...] = ({}, {}, {})  # words, names, numbers
        block_of, log = _BLOCK.get, math.log
        for key, count in feats.items():
            # inlined OnlineIdf.idf: this loop is the hot path of the stage
            idf = 1.0 + trust * (log_n1 - log(df(key, 0) + 1))
            blocks[block_of(key[0], 0)][key] = (1.0 + log(count)) * idf if count > 1 else idf
        vec = normalised(blocks[0])
        for block, weight in ((blocks[1], self.name_weight), (blocks[2], self.number_weight)):
            vec.update({k: weight * v for k, v in normalised(block).items()})
        # strongest first: callers take the first ``query_terms`` keys as the index keys
        # ties keep insertion order, which follows the text: still deterministic
        ranked = sorted(vec.items(), key=itemgetter(1), reverse=True)[: self.vector_size]
        return normalised(dict(ranked))


_BLOCK = {"@": 1, "#": 2}  # first character of a feature key -> its block in _weigh


def _into_kept_stories(moves: list[ArticleMove], sizes: dict[int, int]) -> list[ArticleMove]:
    """The snapshot's moves without those into a story that the same pass empties.

    Written to the rows in order, the move that empties a story retires it (deleted when
    it has no piece), so a later move into it found no story: the pass failed and, run
    again on the same state, failed every time. The article stays where it is; the next
    pass judges it against the stories as they are then."""
    leaving = Counter(move.old for move in moves)
    emptied = {story for story, n in leaving.items() if n >= sizes.get(story, 0)}
    return [move for move in moves if move.new not in emptied]


def _lead(text: str, chars: int) -> str:
    """The opening of ``text`` up to ``chars`` characters, cut at a word boundary."""
    if chars <= 0 or len(text) <= chars:
        return text if chars > 0 else ""
    return text[: text.rfind(" ", 0, chars)]
