"""Orchestrators: the only pipeline code that touches the ORM.

Each flow is a numbered list of steps over the stage modules. Every flow is idempotent
(safe to run twice for the same id) and never raises for bad input from outside: the
problem is logged against its source (SourceEvent) and the flow returns.

    dispatch_due_sources()      claim due sources -> ingest_source per source
    ingest_source(source_id)    fetch -> parse -> store items -> process_article per new item
    process_article(article_id) fetch page -> extract -> sanitise -> cluster_article
    cluster_article()           the extracted articles that are ready, in one canonical order:
                                dedupe -> assign story (one queue, in-process index)
    repair_stories()            re-cluster the window with hindsight (periodic, cluster queue)
    refresh_dirty_stories()     lease dirty stories -> refresh_story (also re-leases a dead
                                writer's story)
    refresh_story(story_id)     write -> gates -> publish or hold; clear dirty if unchanged
    sweep_work()                hand out again articles whose lease ran out (leases.py)
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.infra.charset import decode_html, header_charset
from newsdesk.infra.dates import sane_date
from newsdesk.infra.sanitize import clean_html
from newsdesk.infra.storable import storable
from newsdesk.infra.urls import declared_canonical
from newsdesk.pipeline import cluster_state, fetch, leases, parse, publish
from newsdesk.pipeline.dedupe import content_hash, fingerprint
from newsdesk.pipeline.extract import ExtractionError, extract
from newsdesk.pipeline.types import StoryMerge, StorySplit
from newsdesk.pipeline.write import WriterError, backends, write_story
from newsdesk.sources import politeness, polling, rules
from newsdesk.sources.ingest import store_items
from newsdesk.sources.models import Source, SourceEvent
from newsdesk.stories import editorial, membership
from newsdesk.stories.models import Category, Story, StoryArticle, StoryMember, Tag

log = logging.getLogger("newsdesk.pipeline")
MAX_CHILD_SITEMAPS = 10  # a news site's index also lists years of archive sitemaps


def dispatch_due_sources(enqueue) -> int:
    """Claim every due, enabled source and hand its id to ``enqueue``; returns the count."""
    now = timezone.now()
    due = Source.objects.filter(enabled=True, next_check_at__lte=now).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )
    claimed = 0
    for source_id in due.values_list("id", flat=True)[:500]:
        # Conditional UPDATE: only one dispatcher (or process) wins each claim.
        won = (
            Source.objects.filter(id=source_id)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .update(claimed_until=now + timedelta(seconds=settings.WORK_LEASE_S))
        )
        if won:
            _after_commit(enqueue, source_id)
            claimed += 1
    return claimed


def ingest_source(source_id: int, enqueue_article) -> int:
    """Poll one source; returns the number of new items. Errors are stored on the source."""
    source = Source.objects.filter(id=source_id, enabled=True).first()
    if source is None:
        return 0
    try:
        return _ingest(source, enqueue_article)
    except (OperationalError, InterfaceError):
        raise  # the database, not the source: retried by the task
    except Exception as exc:
        # Anything unforeseen (a DataError on PostgreSQL, a parser bug) is charged to the
        # source and shown in its health, instead of failing every cycle invisibly.
        log.exception("source %s: ingest failed", source)
        _source_failed(source, storable(f"ingest failed: {type(exc).__name__}: {exc}"), 0, None)
        return 0


def _ingest(source: Source, enqueue_article) -> int:
    # 1. Fetch (conditional GET, politeness, robots inside the fetch stage).
    result = fetch.fetch_source(
        source.url, source.etag, source.last_modified, source.content_hash, gate=politeness.gate()
    )
    if result.error or not (result.ok or result.not_modified):
        _source_failed(
            source, result.error or f"HTTP {result.status}", result.status, result.retry_after_s
        )
        return 0
    if result.not_modified:
        _reschedule(source, new=0, total=source.item_count, ttl=None)
        return 0
    # 2. Parse with the source kind's adapter.
    try:
        parsed = parse.parse(source.kind, result.body, result.final_url, result.content_type)
    except parse.ParseError as exc:
        _source_failed(source, f"cannot parse {source.kind}: {exc}", result.status, None)
        return 0
    items = list(parsed.items) + _child_sitemap_items(source, parsed.children)
    for warning in parsed.warnings:
        _event(source, SourceEvent.Level.WARNING, warning)
    # 3. Store items (unique per source and by canonical URL).
    new, updated = store_items(source.id, items)
    # 4. Remember validators and schedule the next poll adaptively.
    Source.objects.filter(id=source.id).update(
        etag=result.etag[:500],
        last_modified=result.last_modified[:100],
        content_hash=fetch.content_hash(result.body),
        item_count=max(source.item_count, len(items)),
        name=source.name or parsed.title[:200],
    )
    _reschedule(source, new=new, total=len(items), ttl=parsed.ttl_minutes)
    # 5. Hand every article still waiting for its page (and not already handed out) to
    #    the article flow; the lease in its row lets the sweeper catch a lost message.
    pending = Article.objects.filter(source=source, state=Article.State.PENDING)
    for article_id in pending.values_list("id", flat=True):
        leases.hand_out_article(article_id, enqueue_article)
    log.info("source %s: %d items, %d new, %d updated", source, len(items), new, updated)
    return new


def _child_sitemap_items(source: Source, children: list[str]) -> list:
    """Items of a sitemap index's child sitemaps (the first few; each fetched politely)."""
    items = []
    if len(children) > MAX_CHILD_SITEMAPS:
        _event(
            source,
            SourceEvent.Level.WARNING,
            f"sitemap index lists {len(children)} sitemaps; following the first "
            f"{MAX_CHILD_SITEMAPS}",
        )
    for child in children[:MAX_CHILD_SITEMAPS]:
        result = fetch.fetch_source(child, gate=politeness.gate())
        try:
            if not result.ok:
                raise parse.ParseError(result.error or f"HTTP {result.status}")
            items += parse.parse(
                source.kind, result.body, result.final_url, result.content_type
            ).items
        except parse.ParseError as exc:
            _event(source, SourceEvent.Level.WARNING, f"child sitemap skipped: {exc}", url=child)
    return items


def process_article(article_id: int, enqueue_cluster) -> bool:
    """Fetch and extract one pending article; returns True when it was extracted."""
    article = Article.objects.select_related("source").filter(id=article_id).first()
    if article is None or article.state != Article.State.PENDING:
        return False
    try:
        extracted = _process(article)
    except (fetch.HostBusy, OperationalError, InterfaceError):
        # Not the article's fault (a busy host, the database restarting): the task is
        # retried with backoff, and if that fails too the sweeper hands it out again.
        raise
    except Exception as exc:
        # As in ingest_source: an unforeseen failure is recorded on the article and its
        # source, or the article would stay pending and fail on every poll unseen.
        log.exception("article %s: processing failed", article.url)
        extracted = _article_failed(
            article, storable(f"processing failed: {type(exc).__name__}: {exc}")
        )
    # Extracted or failed, the article is out of the batch the cluster stage waits for
    # (cluster_state.ready_ids): wake it.
    _after_commit(enqueue_cluster, article.id)
    return extracted


def _after_commit(enqueue, *args) -> None:
    """Queue only once the rows it points at are committed (at once outside a
    transaction): a worker never wakes to a row it cannot see yet."""
    transaction.on_commit(lambda: enqueue(*args))


def _process(article: Article) -> bool:
    # 1. Fetch the page (through the same HTTP module and politeness as feeds).
    result = fetch.fetch_page(article.url, gate=politeness.gate())
    if result.error and polling.classify(result.error, result.status) is None:
        raise fetch.HostBusy(result.error)  # the task retries later; the article stays pending
    if not result.ok:
        return _article_failed(article, f"page fetch failed: {result.error or result.status}")
    # 2. Extract body and metadata.
    try:
        page = extract(result.body, result.final_url)
    except ExtractionError as exc:
        return _article_failed(article, f"no article extracted: {exc}")
    for warning in page.warnings:
        _event(article.source, SourceEvent.Level.WARNING, warning, url=article.url)
    # 3. Merge what the page says with what the feed said; dates sanity-checked.
    now = timezone.now()
    # The page's own date wins over a missing or implausible feed date.
    trust_feed = article.published_at is not None and not article.date_flagged
    candidate = (
        article.published_at if trust_feed else (page.meta.published_at or article.published_at)
    )
    published, flagged = sane_date(candidate, now)
    flagged = flagged or (article.date_flagged and not page.meta.published_at)
    article.title = (page.meta.title or article.title)[:500]
    article.author = ", ".join(page.meta.authors)[:300] or article.author
    article.published_at, article.date_flagged = published, flagged
    article.language, article.image = page.meta.language[:20], page.meta.image[:2000]
    article.site_name = page.meta.site_name[:200]
    article.text = page.text
    article.raw_html = decode_html(result.body, header_charset(result.content_type))
    article.clean_html = clean_html(page.html)
    article.fetched_at = now
    # 4. The source's own keep/block keywords decide whether it goes on to a story.
    skipped = rules.refusal(article.source, article.title, article.text)
    article.state = Article.State.FAILED if skipped else Article.State.EXTRACTED
    article.error = skipped or ""
    _adopt_declared_canonical(article, result.final_url, page.meta.canonical_url)
    leases.next_step(article)  # clustering is its next step: leased before it is queued
    article.save()
    return not skipped


def cluster_article(article_id: int | None = None, requeue=None) -> int | None:
    """Wake the cluster stage: cluster every extracted article that is ready, in the one
    canonical order (``cluster_state.ready_ids``), whatever order their messages came in.
    Returns the story id of ``article_id`` (None if it is not in a story yet).

    Runs on one queue: the dedup and story indexes live in this process. A run stops
    after half the cluster time limit and calls ``requeue()`` for the rest.
    """
    deadline = time.monotonic() + settings.CLUSTER_TIME_LIMIT_S / 2
    while ids := cluster_state.ready_ids():
        for next_id in ids:
            _cluster_one(next_id)
            if time.monotonic() > deadline and requeue is not None:
                requeue()
                return _story_of(article_id)
    return _story_of(article_id)


def _story_of(article_id: int | None) -> int | None:
    member = StoryMember.objects.filter(article_id=article_id).values_list("story_id", flat=True)
    return member.first() if article_id is not None else None


def _cluster_one(article_id: int) -> None:
    """Dedupe one extracted article and place it in a story, in one transaction with its
    stream number and the clusterer's checkpoint. If anything fails half-way the rows are
    rolled back and the in-process indexes (already changed) are dropped, to be rebuilt
    from the rows by the retry."""
    try:
        with transaction.atomic():
            rows = Article.objects.select_related("source").defer("raw_html", "clean_html")
            article = rows.filter(id=article_id).first()  # the page HTML is not needed here
            if article is None or article.state != Article.State.EXTRACTED:
                return
            index = cluster_state.current_state()
            _place(article, index)
            index.checkpoint(article.id)
    except BaseException:
        cluster_state.forget()
        raise


def _place(article: Article, index) -> None:
    doc = article.as_doc()
    article.content_hash = content_hash(article.text)
    article.fingerprint = fingerprint(article.text)
    # 1. Dedup layers: canonical URL, content hash, near-duplicate fingerprint.
    decision = index.deduper.check(doc, article.canonical_url)
    if decision.duplicate_of is not None:
        story_id = _record_duplicate(article, decision)
    else:
        # 2. Story assignment using only earlier articles within the window.
        story_id = _join_story(article, index.clusterer.assign(doc))
    # 3. Remember the article (copies too, so a copy of a copy finds the original).
    index.deduper.add(doc, article.canonical_url, article.fingerprint)
    index.count_add()
    if story_id is not None:
        index.clusterer.add(doc, story_id)
        # 4. What the clusterer changed (bridged stories merged, a story holding two
        #    events cut in two) is written to the rows through the membership module.
        _apply_changes(index.clusterer)


def _apply_changes(clusterer) -> None:
    """Write the clusterer's membership changes to the rows, in order. A split needs the
    new story's id from the database, so the clusterer applies it only afterwards."""
    for change in clusterer.take_changes():
        result = membership.apply(change)
        if isinstance(change, StorySplit) and result is not None:
            moved = StoryMember.objects.filter(story_id=result).values_list("article_id", flat=True)
            clusterer.split(
                change.story,
                [i for i in moved if clusterer.story_of.get(i) == change.story],
                result,
            )
            log.info(
                "story %s split in two: %d articles moved to story %s",
                change.story,
                len(moved),
                result,
            )
        elif isinstance(change, StoryMerge):
            log.info("story %s merged into story %s", change.gone, change.kept)


def _join_story(article: Article, placed) -> int:
    with transaction.atomic():
        story = Story.objects.filter(id=placed.story_id).first() if placed.story_id else None
        if story is None:
            story = Story.objects.create(label=article.title[:300], first_seen=timezone.now())
        StoryMember.objects.update_or_create(
            article=article,
            defaults={"story": story, "score": placed.score, "reasons": placed.reasons},
        )
        article.state = Article.State.CLUSTERED
        article.save(update_fields=["state", "content_hash", "fingerprint"])
        Story.touch(story.id)
    return story.id


def repair_stories() -> int:
    """The periodic repair pass over the story window (``StoryClusterer.repair``): lone
    articles are scored again and articles move to the story they are clearly closer to;
    articles an editor placed stay. Runs on the cluster queue, whose process owns the
    index. Returns how many articles moved."""
    index = cluster_state.current_state()
    pinned = StoryMember.objects.filter(moved_by_editor=True).values_list("article_id", flat=True)
    try:
        with transaction.atomic():
            # 1. Re-cluster in memory.
            moves = index.clusterer.repair(pinned=set(pinned))
            # 2. Write its changes (merges of lone articles, then the moves) to the rows; a
            #    story emptied by moves is retired like a merged one (membership._retire).
            _apply_changes(index.clusterer)
            index.checkpoint(None)  # the second chances it ran are no longer pending
    except BaseException:
        cluster_state.forget()
        raise
    if moves:
        log.info("repair pass moved %d articles", len(moves))
    return len(moves)


def refresh_dirty_stories(enqueue_story) -> int:
    """Lease every dirty story covered by enough outlets and hand it to the writer.

    The lease (``write_claimed_until``) keeps a backlog from being queued twice; if the
    writer's worker dies, the lease runs out and the story is handed out again here. The
    dirty mark itself is cleared only by the writer, and only if nothing changed while it
    wrote (``_finish_write``). A story with too few outlets is set aside until an article
    joins it (which marks it dirty again with a new version). Nothing is handed out while
    the cluster stage is mid-batch (``cluster_state.busy``): the stories are still moving.
    """
    if cluster_state.busy():
        return 0  # stories are still changing: written once the batch is placed
    count = 0
    now = timezone.now()
    free = Q(write_claimed_until__isnull=True) | Q(write_claimed_until__lt=now)
    dirty = Story.objects.filter(dirty=True).filter(free).order_by("-last_updated")
    for story_id, version in dirty.values_list("id", "version")[:200]:
        outlets = _original_members(story_id).values("source_id").distinct().count()
        if outlets < settings.WRITER_MIN_SOURCES:
            Story.objects.filter(id=story_id, version=version).update(dirty=False)
            continue
        won = (
            Story.objects.filter(id=story_id)
            .filter(free)
            .update(write_claimed_until=now + timedelta(seconds=settings.WORK_LEASE_S))
        )
        if won:  # else another dispatcher claimed it
            _after_commit(enqueue_story, story_id)
            count += 1
    return count


def sweep_work(enqueue_article, enqueue_cluster) -> dict:
    """Articles whose step was queued but never finished go out again (leases.sweep)."""
    counts = leases.sweep(enqueue_article, enqueue_cluster)
    if any(counts.values()):
        log.info("sweeper: %s", counts)
    return counts


def _finish_write(story_id: int, version: int) -> bool:
    """Clear the dirty mark if the story is as the writer read it; release the lease.

    One conditional UPDATE, so an article that joined while the piece was being written
    (version bumped) leaves the story dirty and it is written again.
    """
    done = Story.objects.filter(id=story_id, version=version).update(
        dirty=False, write_claimed_until=None
    )
    if not done:
        Story.objects.filter(id=story_id).update(write_claimed_until=None)
    return bool(done)


def rewrite_story(story_id: int, backend: str) -> str | None:
    """An editor asked for a fresh draft from ``backend``: the piece is written again and
    held for review whatever the gates say; a published piece is left alone."""
    piece = StoryArticle.objects.filter(story_id=story_id).first()
    if piece is not None and piece.status != StoryArticle.Status.DRAFT:
        raise ValueError("only a draft is rewritten; correct a published piece instead")
    if backend not in backends():
        raise ValueError(f"no writer called {backend!r}; there are {', '.join(backends())}")
    StoryArticle.objects.filter(story_id=story_id).update(edited_by_editor=False)
    return refresh_story(story_id, backend=backend, hold=True)


def refresh_story(story_id: int, backend: str | None = None, hold: bool = False) -> str | None:
    """Write (or rewrite) the story's article; returns its status, None if not written."""
    story = Story.objects.filter(id=story_id).first()
    if story is None:
        return None
    version = story.version  # what this write is based on (see _finish_write)
    existing = StoryArticle.objects.filter(story=story).first()
    if story.do_not_write or (
        existing and (existing.edited_by_editor or existing.status == existing.Status.RETRACTED)
    ):
        # An editor owns this piece now (or asked for none): never overwrite their work.
        _finish_write(story.id, version)
        return existing.status if existing else None
    # 1. Collect the original (non-duplicate) articles as writer input.
    articles = list(
        _original_members(story)
        .select_related("source")
        .order_by("published_at", "canonical_url")  # the same order in every run
    )
    sources = [a.as_doc() for a in articles if a.text.strip()]
    # 2. Write and gate.
    try:
        draft = write_story(sources, backend=backend or settings.WRITER_BACKEND)
    except WriterError as exc:
        log.warning("story %s not written: %s", story.id, exc)
        _finish_write(story.id, version)
        return None
    # 3. Publish when every gate passed, else hold for review with the reasons.
    page = publish.build_page(draft, auto_publish=settings.AUTO_PUBLISH and not hold)
    was_published = existing is not None and existing.status == StoryArticle.Status.PUBLISHED
    piece = _save_piece(story, existing, page, draft)
    if piece.status == StoryArticle.Status.PUBLISHED:
        editorial.written(piece, newly_published=not was_published)
    Story.objects.filter(id=story.id).update(label=page.headline[:300])
    _finish_write(story.id, version)
    log.info(
        "story %s: %s %r (%d sources)", story.id, piece.status, piece.headline, len(draft.sources)
    )
    return piece.status


# --- helpers used by the flows above -------------------------------------------------


def _original_members(story: Story | int):
    return Article.objects.filter(membership__story=story, duplicate_of__isnull=True)


def _record_duplicate(article: Article, decision) -> int | None:
    """Keep the copy, point it at the earliest original, list it under that story."""
    original = Article.objects.filter(id=decision.duplicate_of).values_list("id", flat=True)
    article.duplicate_of_id = original.first()
    article.dedup_layer = decision.layer
    article.state = Article.State.DUPLICATE
    article.save(
        update_fields=["duplicate_of", "dedup_layer", "state", "content_hash", "fingerprint"]
    )
    membership = StoryMember.objects.filter(article_id=article.duplicate_of_id).first()
    if article.duplicate_of_id is None or membership is None:
        return None
    StoryMember.objects.update_or_create(
        article=article,
        defaults={
            "story_id": membership.story_id,
            "score": decision.similarity,
            "reasons": [f"copy of article {decision.duplicate_of} ({decision.layer})"],
        },
    )
    return membership.story_id


def _adopt_declared_canonical(article: Article, page_url: str, declared: str) -> None:
    """Use the page's own canonical URL (AMP/mobile variants) unless another row has it.

    ``declared_canonical`` only accepts a canonical on the page's own site, so one outlet
    cannot claim another's article.
    """
    if not declared:
        return
    url = declared_canonical(page_url, declared)
    if url == article.canonical_url:
        return
    if not Article.objects.filter(canonical_url=url).exclude(id=article.id).exists():
        article.canonical_url = url


def _save_piece(story: Story, existing: StoryArticle | None, page, draft) -> StoryArticle:
    piece = existing or StoryArticle(story=story)
    was_published = piece.status == StoryArticle.Status.PUBLISHED
    piece.headline = page.headline[:300]
    piece.slug = piece.slug or StoryArticle.make_slug(page.headline, story.id)
    piece.body, piece.body_html = page.body, page.body_html
    piece.provenance, piece.problems = page.provenance, page.problems
    piece.backend = draft.backend
    # A published piece that fails the gates on a rewrite is held, never half-updated.
    piece.status = page.status if not was_published or page.status == "published" else "draft"
    piece.updated_at = timezone.now()
    if piece.status == StoryArticle.Status.PUBLISHED and piece.published_at is None:
        piece.published_at = piece.updated_at
    piece.category = _category(draft.category)
    piece.image = ""
    if settings.SHOW_SOURCE_IMAGES:
        images = _original_members(story).exclude(image="").values_list("image", flat=True)
        piece.image = images.first() or ""
    with transaction.atomic():
        piece.save()
        piece.tags.set([_tag(name) for name in draft.tags if name.strip()])
        piece.sources.set([s.article_id for s in draft.sources])
    return piece


def _category(name: str) -> Category | None:
    from django.utils.text import slugify

    if not name.strip():
        return None
    category, _ = Category.objects.get_or_create(slug=slugify(name)[:100], defaults={"name": name})
    return category


def _tag(name: str) -> Tag:
    from django.utils.text import slugify

    tag, _ = Tag.objects.get_or_create(
        slug=slugify(name)[:100] or "tag", defaults={"name": name[:100]}
    )
    return tag


def _event(source: Source, level: str, message: str, url: str = "") -> None:
    SourceEvent.objects.create(source=source, level=level, message=message[:2000], url=url)


def _source_failed(source: Source, error: str, status: int, retry_after_s) -> None:
    kind = polling.classify(error, status)
    if kind is None:
        # Not the source's fault (e.g. its host had no free slot): try again soon.
        Source.objects.filter(id=source.id).update(
            claimed_until=None, next_check_at=timezone.now() + timedelta(seconds=30)
        )
        return
    polling.record_failure(source, kind, error, retry_after_s)
    Source.objects.filter(id=source.id).update(claimed_until=None)
    log.warning("source %s failed (%s): %s", source, kind, error)


def _reschedule(source: Source, new: int, total: int, ttl) -> None:
    polling.record_success(source, new, total, ttl)
    Source.objects.filter(id=source.id).update(claimed_until=None)


def _article_failed(article: Article, error: str) -> bool:
    article.state = Article.State.FAILED
    article.error = error[:2000]
    article.save(update_fields=["state", "error"])
    _event(article.source, SourceEvent.Level.ERROR, error, url=article.url)
    log.warning("article %s failed: %s", article.url, error)
    return False
