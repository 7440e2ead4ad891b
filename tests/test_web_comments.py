"""Reader comments: moderation, privacy of the e-mail, validation, honeypot, rate limit."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.stories.models import StoryArticle
from newsdesk.web import formstamp
from newsdesk.web.forms import RATE_LIMIT_COUNT
from tests.factories import (
    comment_form,
    make_article,
    make_category,
    make_comment,
    make_story_article,
    make_tag,
)

pytestmark = pytest.mark.django_db
SECRET_EMAIL = "very.private.reader@secret-mail.example"


def _post(client, piece, **over):
    data = comment_form(piece, **{"email": SECRET_EMAIL, "body": "Great piece!", **over})
    return client.post(piece.get_absolute_url(), data, follow=True)


def test_comment_post_is_pending_and_hidden_until_approved(client):
    piece = make_story_article("Commented story")
    response = _post(client, piece, body="First thoughts on this")
    assert response.redirect_chain[-1][0].startswith(piece.get_absolute_url())
    assert "Your comment is awaiting moderation" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.article == piece
    assert len(comment.ip_hash) == 64
    assert "First thoughts on this" not in client.get(piece.get_absolute_url()).content.decode()
    comment.status = Comment.Status.APPROVED
    comment.save()
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "First thoughts on this" in html and "Ada" in html


def test_spam_and_rejected_comments_are_not_shown(client):
    piece = make_story_article("Story")
    make_comment(piece, body="buy pills now", status=Comment.Status.SPAM)
    make_comment(piece, body="rude words here", status=Comment.Status.REJECTED)
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "buy pills now" not in html and "rude words here" not in html


def test_email_never_appears_on_any_public_page(client):
    cat, tg = make_category("World"), make_tag("Talks")
    piece = make_story_article("Peace talks", category=cat, tags=[tg], sources=[make_article()])
    make_comment(
        piece,
        email=SECRET_EMAIL,
        body="approved words",
        status=Comment.Status.APPROVED,
        website="https://ada.example/",
    )
    make_comment(piece, email="pending." + SECRET_EMAIL, body="pending words")
    pages = [
        "/",
        piece.get_absolute_url(),
        "/category/world/",
        "/tag/talks/",
        "/search/?q=peace",
        "/feed/",
        "/feed/atom/",
        "/category/world/feed/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]
    article_html = client.get(piece.get_absolute_url()).content.decode()
    assert "approved words" in article_html  # the comment itself is shown...
    assert 'href="https://ada.example/" rel="nofollow ugc noopener"' in article_html
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "secret-mail" not in body, url  # ...but never its e-mail
        assert "pending words" not in body, url


def test_validation_errors_keep_typed_text(client):
    piece = make_story_article("Story")
    response = client.post(
        piece.get_absolute_url(),
        {"name": "", "email": "not-an-email", "body": "My long typed comment"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "My long typed comment" in html
    assert 'value="not-an-email"' in html
    assert html.count('class="field-error"') == 2
    assert not Comment.objects.exists()


def test_honeypot_pretends_success_but_stores_nothing(client):
    piece = make_story_article("Story")
    response = _post(client, piece, homepage="http://spam.example/")
    assert "Your comment is awaiting moderation" in response.content.decode()
    assert not Comment.objects.exists()


def test_rate_limit_per_ip(client):
    piece = make_story_article("Story")
    for i in range(RATE_LIMIT_COUNT):
        _post(client, piece, body=f"comment {i}")
    response = _post(client, piece, body="one too many")
    assert "Please wait a few minutes" in response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    # the first comment of the window, made 9 minutes ago, frees a place in a minute
    first = Comment.objects.order_by("id").first()
    Comment.objects.filter(id=first.id).update(created_at=first.created_at - timedelta(minutes=9))
    wait = int(_post(client, piece, body="still too soon")["Retry-After"])
    assert 50 <= wait <= 61, wait
    assert Comment.objects.count() == RATE_LIMIT_COUNT
    other = client.post(
        piece.get_absolute_url(),
        comment_form(piece, name="Bob", email="b@b.example", body="other reader"),
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 302
    assert Comment.objects.count() == RATE_LIMIT_COUNT + 1


@pytest.mark.parametrize(
    ("status", "code"), [(StoryArticle.Status.DRAFT, 404), (StoryArticle.Status.RETRACTED, 410)]
)
def test_comments_refused_on_non_public_articles(client, status, code):
    piece = make_story_article("Hidden", status=status)
    response = client.post(
        piece.get_absolute_url(), {"name": "Ada", "email": SECRET_EMAIL, "body": "hello"}
    )
    assert response.status_code == code
    assert not Comment.objects.exists()


def test_comment_form_has_labelled_fields(client):
    piece = make_story_article("Story")
    html = client.get(reverse("web:article", args=[piece.slug])).content.decode()
    for field in ("name", "email", "website", "body"):
        assert f'<label for="id_{field}">' in html
    assert "Website (optional)" in html


def test_E6_the_same_comment_twice_is_stored_once_with_a_message(client):
    piece = make_story_article("Story")
    _post(client, piece, body="Great  reporting, thanks.")
    again = _post(client, piece, body="great reporting,   thanks.")
    assert "already said that" in again.content.decode()
    assert Comment.objects.count() == 1
    # Another comment by the same reader, or the same words on another piece, are fine.
    _post(client, piece, body="And one more thought.")
    _post(client, make_story_article("Other story"), body="Great reporting, thanks.")
    assert Comment.objects.count() == 3


def _stamped(piece, **over):
    """The form as a browser sends it: the stamp read from the rendered page."""
    page = Client().get(piece.get_absolute_url()).content.decode()
    shown = re.search(r'name="shown" value="([^"]+)"', page).group(1)
    return {"name": "Ada", "email": "ada@example.org", "body": "Kind words", "shown": shown, **over}


def test_E4_the_rendered_form_carries_a_stamp_that_is_accepted(client):
    piece = make_story_article("Stamped")
    assert client.post(piece.get_absolute_url(), _stamped(piece)).status_code == 302
    # sent a second after the page was shown: kept, and held like every comment
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        (lambda piece, other: None, "could not be checked"),  # no stamp at all
        (lambda piece, other: "garbage", "could not be checked"),
        (lambda piece, other: formstamp.stamp(piece.id)[:-2] + "xx", "could not be checked"),
        (lambda piece, other: formstamp.stamp(other.id), "could not be checked"),  # replayed
        (lambda piece, other: formstamp.stamp(piece.id, at=time.time() + 3600), "checked"),
        (
            lambda piece, other: formstamp.stamp(piece.id, at=time.time() - 2 * 3600 - 5),
            "more than two hours ago",
        ),
    ],
    ids=["missing", "garbage", "tampered", "other-piece", "future", "expired"],
)
def test_E4_a_missing_tampered_replayed_or_stale_stamp_is_refused_and_nothing_lost(
    client, stamp, message
):
    piece, other = make_story_article("Stamped"), make_story_article("Other")
    data = comment_form(piece, body="My carefully written thoughts")
    data.pop(formstamp.FIELD)
    value = stamp(piece, other)
    if value is not None:
        data[formstamp.FIELD] = value
    response = client.post(piece.get_absolute_url(), data)
    page = response.content.decode()
    assert response.status_code == 200 and not Comment.objects.exists()
    assert message in page and "My carefully written thoughts" in page  # text kept
    fresh = re.search(r'name="shown" value="([^"]+)"', page).group(1)
    assert formstamp.age(fresh, piece.id) < 60  # sending again works
    data[formstamp.FIELD] = fresh
    assert client.post(piece.get_absolute_url(), data).status_code == 302


def test_E4_a_bot_that_fills_the_honeypot_learns_nothing_from_the_stamp(client):
    piece = make_story_article("Stamped")
    data = comment_form(piece, homepage="http://spam.example")
    data.pop(formstamp.FIELD)
    response = client.post(piece.get_absolute_url(), data, follow=True)
    assert "awaiting moderation" in response.content.decode() and not Comment.objects.exists()
