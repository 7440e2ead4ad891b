"""Corrections and retractions in the open: versions, diff, the note on the page, in the
feeds and the JSON-LD; a retracted page says why (410)."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from newsdesk.stories.models import StoryArticle, Webhook
from tests.factories import make_story_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user("editor", username="eve"))
    return client


def _jsonld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_a_correction_is_public_and_kept_in_the_history(editor, client):
    piece = make_story_article("Mayor opens bridge", body="The mayor, Jon Smith, opened it.")
    response = editor.post(
        reverse("desk:piece", args=[piece.id]),
        {
            "action": "correct",
            "headline": "Mayor opens bridge",
            "body": "The mayor, John Smith, opened it.",
            "note": "An earlier version misspelt the mayor's name.",
        },
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.body == "The mayor, John Smith, opened it." and piece.corrected_at
    assert "John Smith" in piece.body_html

    page = client.get(piece.get_absolute_url()).content.decode()
    assert "An earlier version misspelt the mayor&#x27;s name." in page
    assert 'class="correction-note"' in page and "Updated" in page
    data = _jsonld(page)
    assert data["correction"]["text"] == "An earlier version misspelt the mayor's name."
    assert data["dateModified"] == piece.updated_at.replace(microsecond=0).isoformat()
    assert "Correction: An earlier version misspelt" in client.get("/feed/").content.decode()

    history = editor.get(reverse("desk:history", args=[piece.id])).content.decode()
    assert "Corrected" in history and "eve" in history
    assert "-The mayor, Jon Smith, opened it." in history
    assert "+The mayor, John Smith, opened it." in history
    kinds = list(piece.versions.order_by("number").values_list("kind", "body"))
    assert kinds == [
        ("written", "The mayor, Jon Smith, opened it."),
        ("corrected", "The mayor, John Smith, opened it."),
    ]


def test_a_correction_without_a_note_changes_nothing(editor):
    piece = make_story_article("Quiet fix")
    editor.post(
        reverse("desk:piece", args=[piece.id]), {"action": "correct", "body": "Sneaky.", "note": ""}
    )
    after = StoryArticle.objects.get(id=piece.id)
    assert after.body == piece.body and not after.versions.exists()


def test_a_retracted_page_says_it_was_retracted_and_why(editor, client):
    piece = make_story_article("Wrong report")
    editor.post(
        reverse("desk:piece", args=[piece.id]),
        {"action": "retract", "reason": "The event did not take place."},
    )
    response = client.get(piece.get_absolute_url())
    assert response.status_code == 410
    assert "The event did not take place." in response.content.decode()
    assert StoryArticle.objects.filter(id=piece.id).exists()  # nothing deleted


def test_decisions_queue_webhook_events(editor, django_capture_on_commit_callbacks):
    Webhook.objects.create(url="https://hooks.example/in", events=[])
    piece = make_story_article("Held", status="draft", provenance=[[{"text": "One."}]])
    url = reverse("desk:piece", args=[piece.id])
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url, {"action": "approve"})
        editor.post(url, {"action": "correct", "note": "Typo.", "body": "One!"})
        editor.post(url, {"action": "retract", "reason": "Wrong."})
    events = Webhook.objects.get().deliveries.order_by("id").values_list("event", flat=True)
    assert list(events) == ["piece.published", "piece.corrected", "piece.retracted"]


def test_the_review_screen_shows_each_sentence_beside_its_highlighted_span(editor):
    from tests.factories import make_article

    src = make_article(title="Wire copy", text="Intro. The river rose two metres overnight. End.")
    start = src.text.index("The river")
    end = start + len("The river rose two metres overnight.")
    piece = make_story_article(
        "Flood",
        status="draft",
        problems=["sentence 2 has no support"],
        provenance=[
            [
                {
                    "text": "The river rose 2m.",
                    "support": [{"article_id": src.id, "start": start, "end": end}],
                },
                {"text": "Unsupported claim.", "support": []},
            ]
        ],
    )
    html = editor.get(reverse("desk:piece", args=[piece.id])).content.decode()
    assert "<mark>The river rose two metres overnight.</mark>" in html
    assert "sentence 2 has no support" in html and "No supporting source" in html
    editor.post(
        reverse("desk:piece", args=[piece.id]),
        {"action": "sentence", "para": 0, "index": 1, "text": "A supported claim."},
    )
    piece.refresh_from_db()
    assert piece.body == "The river rose 2m. A supported claim."
    assert piece.provenance[0][1]["edited_by"] == "eve"
    bad = editor.post(
        reverse("desk:piece", args=[piece.id]),
        {"action": "sentence", "para": 5, "index": 0, "text": "Nowhere."},
        follow=True,
    )
    assert "no sentence 1 in paragraph 6" in bad.content.decode()


def test_a_pinned_piece_leads_the_home_page(editor, client):
    older = make_story_article("Older but pinned", age=timedelta(days=2))
    make_story_article("Newest piece")
    editor.post(reverse("desk:story", args=[older.story_id]), {"action": "pin", "value": "on"})
    home = client.get("/").content.decode()
    assert home.index("Older but pinned") < home.index("Newest piece")


def test_do_not_write_keeps_the_writer_away(editor, monkeypatch):
    from newsdesk.pipeline import flows

    def no_writing(*args, **kwargs):
        raise AssertionError("the writer ran on a do-not-write story")

    monkeypatch.setattr(flows, "write_story", no_writing)
    piece = make_story_article("Leave it", status="draft")
    editor.post(
        reverse("desk:story", args=[piece.story_id]), {"action": "do_not_write", "value": "on"}
    )
    assert flows.refresh_story(piece.story_id) == "draft"


def test_rewrite_with_another_writer(editor, monkeypatch):
    from newsdesk.pipeline import flows
    from newsdesk.pipeline.write import WriterError

    asked = []

    def writer(sources, backend):
        asked.append(backend)
        raise WriterError("no sources to write from")

    monkeypatch.setattr(flows, "write_story", writer)
    piece = make_story_article("Rewrite me", status="draft", edited_by_editor=True)
    url = reverse("desk:piece", args=[piece.id])
    done = editor.post(url, {"action": "rewrite", "backend": "openai"}, follow=True)
    assert asked == ["openai"] and "could not write" in done.content.decode()
    refused = editor.post(url, {"action": "rewrite", "backend": "nonsense"}, follow=True)
    assert "No writer called" in refused.content.decode() and asked == ["openai"]
