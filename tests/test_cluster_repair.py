"""The repair pass: lone articles scored again, misplaced articles moved, editors' stay."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import Article
from newsdesk.celery import app
from newsdesk.pipeline import cluster_state as index
from newsdesk.pipeline import flows, tasks
from newsdesk.pipeline.cluster import StoryClusterer
from newsdesk.pipeline.models import Counter
from newsdesk.pipeline.types import SourceDoc
from newsdesk.stories.models import Story, StoryMember
from tests.factories import make_article

SAMPLE = Path(__file__).resolve().parent.parent / "testdata" / "cluster" / "ecbplus_sample.jsonl"


def _docs(story: str, start: int) -> list[SourceDoc]:
    rows = [json.loads(line) for line in SAMPLE.read_text().splitlines()]
    rows = [r for r in rows if r["story"] == story]
    return [
        SourceDoc(article_id=start + i, title=r["title"], text=r["text"])
        for i, r in enumerate(rows)
    ]


def _two_stories(c: StoryClusterer) -> tuple[list[SourceDoc], list[SourceDoc]]:
    """Tara Reid's rehab (story 1) and Lindsay Lohan's (story 2), with one Lohan report
    put in story 1, as if it had joined before its own story existed."""
    reid, lohan = _docs("1_ecb", 0), _docs("1_ecbplus", 10)
    for doc in reid + [lohan[0]]:
        c.add(doc, 1)
    for doc in lohan[1:]:
        c.add(doc, 2)
    return reid, lohan


def test_repair_moves_an_article_to_the_story_it_is_clearly_closer_to():
    c = StoryClusterer()
    reid, lohan = _two_stories(c)
    assert [(m.article, m.old, m.new) for m in c.repair()] == [(lohan[0].article_id, 1, 2)]
    assert c.story_of[lohan[0].article_id] == 2 and {c.story_of[d.article_id] for d in reid} == {1}
    assert c.repair() == []  # nothing left to move: the pass is stable


def test_repair_leaves_pinned_articles_and_can_be_switched_off():
    c = StoryClusterer()
    _, lohan = _two_stories(c)
    assert c.repair(pinned={lohan[0].article_id}) == [] and c.story_of[lohan[0].article_id] == 1
    c = StoryClusterer(repair_margin=None)
    _, lohan = _two_stories(c)
    assert c.repair() == [] and c.story_of[lohan[0].article_id] == 1


def test_repair_gives_a_lone_article_its_pending_second_chance_now():
    c = StoryClusterer()
    reid = _docs("1_ecb", 0)
    lone = reid[0]
    assert c.assign(lone).story_id is None  # nothing to join yet: it starts story 9
    c.add(lone, 9)
    for doc in reid[1:]:  # the rest of its event arrives as story 1 (replayed adds)
        c.add(doc, 1)
    assert c.story_of[lone.article_id] == 9  # its second chance is 64 articles away
    c.repair()
    assert [(m.kept, m.gone) for m in c.take_changes()] == [(1, 9)] and c.story_of[
        lone.article_id
    ] == 1


TEXT = {
    "fire": "Firefighters fought a blaze at the Waitrose supermarket in Wellington on Sunday "
    "night, and police arrested a local man, Robert Pitman, on suspicion of arson. ",
    "quake": "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, "
    "killing ten people and destroying villages, the Red Crescent said. ",
}


def _member(story, kind, n):
    article = make_article(title=f"{kind} report {n}", text=TEXT[kind] * 3 + f"Report {n}.")
    StoryMember.objects.create(story=story, article=article, reasons=["cosine 0.30"])
    return article


@pytest.mark.django_db
def test_repair_flow_moves_rows_and_keeps_editor_placements():
    fire, quake = Story.objects.create(label="fire"), Story.objects.create(label="quake")
    for n in range(3):
        _member(fire, "fire", n)
        _member(quake, "quake", n)
    stray = make_article(title="quake report 9", text=TEXT["quake"] * 3)
    StoryMember.objects.create(story=fire, article=stray, reasons=["cosine 0.26"])
    placed = make_article(title="quake report 8", text=TEXT["quake"] * 3 + "Placed.")
    StoryMember.objects.create(story=fire, article=placed, moved_by_editor=True)
    Story.objects.update(dirty=False)
    index._current = None
    assert flows.repair_stories() == 1
    member = StoryMember.objects.get(article=stray)
    assert member.story_id == quake.id and "repair pass" in member.reasons[-1]
    assert StoryMember.objects.get(article=placed).story_id == fire.id
    assert set(Story.objects.values_list("dirty", flat=True)) == {True}
    assert index.current_state().clusterer.story_of[stray.id] == quake.id
    assert Article.objects.get(id=stray.id).state == Article.State.CLUSTERED


@pytest.mark.django_db
def test_repair_never_moves_an_article_into_a_story_the_same_pass_empties(monkeypatch):
    # On one snapshot the pass decided: the lone article of story A moves to the quake
    # story, and a stray of the fire story moves to A. The first move empties A, which is
    # retired (deleted: no piece), so the second found no story ("story N does not
    # exist"): the pass rolled back, and every later pass failed the same way.
    fire, quake = Story.objects.create(label="fire"), Story.objects.create(label="quake")
    for n in range(3):
        _member(fire, "fire", n)
        _member(quake, "quake", n)
    lone_story = Story.objects.create(label="lone")
    lone = _member(lone_story, "quake", 7)
    stray = _member(fire, "quake", 8)
    closer = {lone.id: quake.id, stray.id: lone_story.id}  # the snapshot's judgement
    monkeypatch.setattr(
        StoryClusterer, "_closer_story", lambda self, story, doc_id, vec: closer.get(doc_id)
    )
    index._current = None
    assert flows.repair_stories() == 1  # the lone article; the stray waits a pass
    assert StoryMember.objects.get(article=lone).story_id == quake.id
    assert not Story.objects.filter(id=lone_story.id).exists()  # empty, without a piece
    assert StoryMember.objects.get(article=stray).story_id == fire.id
    closer = {stray.id: quake.id}  # the next pass judges it against the stories as they are
    assert flows.repair_stories() == 1
    assert StoryMember.objects.get(article=stray).story_id == quake.id


@pytest.mark.django_db
def test_repair_command_reports_and_invalidates_the_worker_index():
    fire = Story.objects.create(label="fire")
    _member(fire, "fire", 1)
    stray = make_article(title="quake", text=TEXT["quake"] * 3)
    StoryMember.objects.create(story=fire, article=stray)
    quake = Story.objects.create(label="quake")
    for n in range(2):
        _member(quake, "quake", n)
    generation = Counter.get(index.GENERATION_KEY)
    index._current = None
    out = StringIO()
    call_command("repair_stories", stdout=out)
    assert "1 article(s) moved" in out.getvalue()
    assert StoryMember.objects.get(article=stray).story_id == quake.id
    assert Counter.get(index.GENERATION_KEY) > generation


def test_repair_task_runs_on_the_cluster_queue_on_a_schedule():
    name = tasks.repair_stories.name
    assert name == "newsdesk.pipeline.tasks.repair_stories"
    assert app.conf.task_routes[name] == {"queue": "cluster"}  # the process owning the index
    entry = app.conf.beat_schedule["repair-stories"]
    assert entry["task"] == name and entry["schedule"] == 900.0
