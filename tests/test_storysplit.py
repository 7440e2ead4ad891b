"""The split check: two events in one story are cut apart; one event is left whole."""

import json
import re
from pathlib import Path

import pytest

from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.cluster.split import bisect
from newsdesk.pipeline.types import SourceDoc, StorySplit
from newsdesk.stories import membership
from newsdesk.stories.models import Story, StoryMember
from tests.factories import make_article

SAMPLE = Path(__file__).resolve().parent.parent / "testdata" / "cluster" / "ecbplus_sample.jsonl"


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in vec.values()) ** 0.5
    return {k: w / norm for k, w in vec.items()}


def _group(shared: list[str], own: list[str], n: int, tag: str) -> list[dict[str, float]]:
    """``n`` articles of one event: the topic's words, the event's own names, one word
    of their own each."""
    return [
        _unit({**dict.fromkeys(shared, 1.0), **dict.fromkeys(own, 2.0), f"{tag}{i}": 1.0})
        for i in range(n)
    ]


def test_two_events_of_one_kind_are_cut_apart():
    topic = ["fire", "supermarket", "blaze", "firefighters"]
    first = _group(topic, ["@banstead", "@surrey"], 5, "a")
    second = _group(topic, ["@wellington", "@somerset", "#24"], 4, "b")
    cut = bisect(first + second)
    assert cut is not None and cut.moved == [5, 6, 7, 8] and cut.ratio < 0.35


def test_one_event_has_no_good_cut():
    vectors = _group(["fire", "supermarket", "@banstead", "@surrey"], ["blaze"], 9, "c")
    cut = bisect(vectors)
    assert cut is None or cut.ratio > 0.35


@pytest.mark.parametrize(
    "vectors",
    [[], [{"a": 1.0}] * 5, [{"a": 1.0}, {}, {"a": 1.0}, {"b": 1.0}, {"a": 1.0}, {"b": 1.0}]],
)
def test_too_few_or_unrelated_members_give_no_cut(vectors):
    assert bisect(vectors) is None


def _rows(*stories: str) -> list[dict]:
    rows = [json.loads(line) for line in SAMPLE.read_text().splitlines()]
    return [r for story in stories for r in rows if r["story"] == story]


def _one_story(c: StoryClusterer, rows: list[dict], short: bool = False) -> None:
    for i, r in enumerate(rows):
        text = r["text"].split("\n")[0][:120] if short else r["text"]
        c.add(SourceDoc(article_id=i, title=r["title"], text=text), 1)


def test_clusterer_proposes_the_split_and_keeps_the_parts_apart():
    rows = _rows("1_ecb", "1_ecbplus")  # Tara Reid's and Lindsay Lohan's rehab stays
    c = StoryClusterer(split_min=4)  # 4 + 4 articles: the shipped 6 + 6 needs more
    _one_story(c, rows)
    [split] = [s for s in c.take_changes() if isinstance(s, StorySplit)]
    story_id, moved = split.story, split.articles
    ratio = float(re.search(r"across ([\d.]+)", split.note).group(1))
    assert story_id == 1 and ratio < c.split_ratio and c.take_changes() == []
    assert {rows[i]["story"] for i in moved} == {"1_ecbplus"} and len(moved) == 4
    c.split(1, moved, 2)
    assert frozenset((1, 2)) in c.kept_apart
    assert {c.story_of[i] for i in moved} == {2} and set(c.stories[1].members) == {0, 1, 2, 3}


def test_no_split_for_short_items_or_when_switched_off():
    rows = _rows("1_ecb", "1_ecbplus")
    c = StoryClusterer(split_min=4)
    _one_story(c, rows, short=True)
    assert not [s for s in c.take_changes() if isinstance(s, StorySplit)]
    c = StoryClusterer(split_min=4, split_ratio=None)
    _one_story(c, rows)
    assert not [s for s in c.take_changes() if isinstance(s, StorySplit)]


def _db_story(*articles, moved_by_editor=()):
    story = Story.objects.create(label=articles[0].title, dirty=False)
    for article in articles:
        StoryMember.objects.create(
            story=story,
            article=article,
            reasons=["cosine 0.40"],
            moved_by_editor=article in moved_by_editor,
        )
    return story


@pytest.mark.django_db
def test_automatic_split_moves_rows_and_copies_and_keeps_the_stories_apart():
    a, b, c = (make_article(title=t) for t in ("Fire in Banstead", "Banstead", "Wellington"))
    copy = make_article(title="Wellington", duplicate_of=c, dedup_layer="hash")
    story = _db_story(a, b, c, copy)
    new_id = membership.apply(StorySplit(story.id, (c.id,), "split from story: two groups"))
    moved = StoryMember.objects.filter(story_id=new_id).values_list("article_id", flat=True)
    assert sorted(moved) == sorted([c.id, copy.id])
    new = StoryMember.objects.get(article=c).story
    assert new.id == new_id
    assert new.id != story.id and StoryMember.objects.get(article=copy).story_id == new.id
    member = StoryMember.objects.get(article=c)
    assert member.reasons[-1] == "split from story: two groups" and not member.moved_by_editor
    story.refresh_from_db()
    assert story.dirty and new.dirty and new.id in story.kept_apart and story.id in new.kept_apart


@pytest.mark.django_db
def test_automatic_split_leaves_a_story_an_editor_curated():
    a, b, c = (make_article(title=t) for t in ("One", "Two", "Three"))
    story = _db_story(a, b, c, moved_by_editor=(b,))
    assert membership.apply(StorySplit(story.id, (c.id,), "note")) is None
    assert membership.apply(StorySplit(story.id, (a.id, b.id, c.id), "note")) is None
    assert set(StoryMember.objects.values_list("story_id", flat=True)) == {story.id}
