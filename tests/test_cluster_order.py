"""Clustering gives the same stories whatever order the articles were extracted in and
however often the cluster worker restarts (issue 12): the cluster stage reads them in one
canonical order from the database, and a restarted worker rebuilds to the state of one
that never stopped, second chances included.

The demo corpus (98 articles, 20 outlets) arrives in two batches, as two polls would bring
it; each article is marked extracted in a shuffled order (the order workers finish in)
and the cluster stage is woken after each, as process_article does.
"""

import random

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.demo.corpus import load_corpus
from newsdesk.pipeline import cluster_state, flows
from newsdesk.pipeline.models import ClusterCheckpoint
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story, StoryMember

pytestmark = pytest.mark.django_db

CORPUS = load_corpus()
OUTLETS = sorted({a.outlet for a in CORPUS.articles})
BATCHES = [
    [a for a in CORPUS.articles if a.outlet in OUTLETS[:10]],
    [a for a in CORPUS.articles if a.outlet in OUTLETS[10:]],
]


@pytest.fixture(autouse=True)
def hold(settings):
    settings.CLUSTER_HOLD_S = 3600.0  # nothing is clustered early in these tests


def _url(item) -> str:
    return f"https://{item.outlet}.example{item.path}"


def _arrive(batch) -> list[Article]:
    """The batch's feed items stored (pending), as ingest_source would."""
    rows = []
    for item in batch:
        source, _ = Source.objects.get_or_create(
            url=f"https://{item.outlet}.example/feed.xml", defaults={"name": item.outlet_name}
        )
        rows.append(
            Article.objects.create(
                source=source,
                url=_url(item),
                canonical_url=_url(item),
                guid_hash=item.id,
                title=item.title,
                published_at=item.published,
                state=Article.State.PENDING,
            )
        )
    return rows


def _extract(row: Article, item) -> None:
    Article.objects.filter(id=row.id).update(
        state=Article.State.EXTRACTED, text=item.text, fetched_at=timezone.now()
    )


def _run(seed: int, restart: bool) -> set[frozenset[str]]:
    """The whole corpus through the cluster stage; returns each story's member URLs."""
    rng = random.Random(seed)
    for batch in BATCHES:
        rows = list(zip(_arrive(batch), batch, strict=True))
        rng.shuffle(rows)
        for row, item in rows:
            _extract(row, item)
            flows.cluster_article(row.id)  # the wake each finished extraction sends
        if restart:
            cluster_state.forget()  # the cluster worker is killed and started again
    assert not Article.objects.filter(state=Article.State.EXTRACTED).exists()
    stories: dict[int, set[str]] = {}
    for story_id, url in StoryMember.objects.values_list("story_id", "article__canonical_url"):
        stories.setdefault(story_id, set()).add(url)
    return {frozenset(urls) for urls in stories.values()}


def _reset() -> None:
    for model in (StoryMember, Story, Article, Source, ClusterCheckpoint):
        model.objects.all().delete()
    cluster_state.forget()


def test_extraction_order_and_a_restart_do_not_change_the_stories():
    cluster_state.forget()
    steady = _run(seed=1, restart=False)
    _reset()
    shuffled_and_restarted = _run(seed=2, restart=True)
    assert len(steady) > 10  # the corpus forms stories, not one blob or all singletons
    assert any(len(members) > 3 for members in steady)
    assert shuffled_and_restarted == steady


def test_a_restarted_worker_keeps_its_pending_second_chances():
    cluster_state.forget()
    _run(seed=1, restart=False)
    live = cluster_state.current_state().clusterer
    cluster_state.forget()
    rebuilt = cluster_state.current_state().clusterer
    assert live.saved()["retries"], "the corpus should leave second chances pending"
    assert rebuilt.saved() == live.saved()
    assert rebuilt.story_of == live.story_of
    assert rebuilt.idf.df == live.idf.df and rebuilt.idf.n == live.idf.n


def test_articles_wait_for_their_batch_then_go_in_canonical_order(settings):
    cluster_state.forget()
    rows = list(zip(_arrive(BATCHES[0][:6]), BATCHES[0][:6], strict=True))
    for row, item in reversed(rows[1:]):
        _extract(row, item)
        assert flows.cluster_article(row.id) is None  # one article is still being fetched
    assert cluster_state.ready_ids() == []
    settings.CLUSTER_HOLD_S = 0.0  # ...until it has waited longer than the hold
    expected = sorted(rows[1:], key=lambda pair: (pair[1].published, _url(pair[1])))
    assert cluster_state.ready_ids() == [row.id for row, _ in expected]
    flows.cluster_article()
    seq = dict(Article.objects.values_list("id", "cluster_seq"))
    assert [seq[row.id] for row, _ in expected] == [1, 2, 3, 4, 5]
    assert seq[rows[0][0].id] is None
