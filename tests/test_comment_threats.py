"""THREATS E1-E3 and E9, through a client that enforces CSRF like a browser session."""

import re

import pytest
from django.test import Client

from newsdesk.comments.models import Comment
from tests.factories import comment_form, make_comment, make_story_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def _post(browser, piece, token: str | None = "fetch", **fields):
    data = comment_form(piece, **fields)
    if token == "fetch":
        page = browser.get(piece.get_absolute_url()).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    if token:
        data["csrfmiddlewaretoken"] = token
    return browser.post(piece.get_absolute_url(), data)


def test_E1_comment_fields_are_shown_as_text(browser):
    piece = make_story_article("Story")
    body, name = "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>'
    assert _post(browser, piece, body=body, name=name).status_code == 302
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = browser.get(piece.get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_E1_a_script_website_is_refused(browser, website):
    piece = make_story_article("Story")
    response = _post(browser, piece, website=website)
    assert response.status_code == 200 and not Comment.objects.exists()


def test_E1_a_stored_script_website_is_never_a_link(client):
    piece = make_story_article("Story")
    make_comment(piece, website="javascript:alert(1)", status=Comment.Status.APPROVED)
    assert 'href="javascript:' not in client.get(piece.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "fields",
    [{"body": "x" * 70_000}, {"name": "n" * 101}, {"email": "a" * 250 + "@example.org"}],
    ids=["long-body", "long-name", "long-email"],
)
def test_E2_over_long_fields_are_refused_never_cut(browser, fields):
    piece = make_story_article("Story")
    response = _post(browser, piece, **fields)
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not Comment.objects.exists()


def test_E2_columns_hold_what_the_form_accepts():
    from newsdesk.web.forms import CommentForm

    form = CommentForm()
    for name in ("name", "email", "website", "body"):
        column = Comment._meta.get_field(name).max_length
        assert form.fields[name].max_length <= column, name


def test_E3_a_post_without_a_token_or_from_another_site_is_refused(browser):
    piece = make_story_article("Story")
    assert _post(browser, piece, token=None).status_code == 403
    page = browser.get(piece.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"name": "Ada", "email": "a@example.org", "body": "x", "csrfmiddlewaretoken": token}
    cross = browser.post(piece.get_absolute_url(), data, HTTP_ORIGIN="https://evil.example")
    assert cross.status_code == 403
    assert not Comment.objects.exists()
    assert _post(browser, piece).status_code == 302  # the real form works


def test_E3_E9_moderation_needs_staff_and_a_post(browser, admin_user):
    piece = make_story_article("Story")
    comment = make_comment(piece)
    url = "/admin/comments/comment/"
    query = {"action": "approve", "_selected_action": [comment.pk]}
    assert browser.post(url, query).status_code == 403  # anonymous, no token
    browser.force_login(admin_user)
    browser.get(url, query)  # a GET never runs an action
    assert browser.post(url, query).status_code == 403  # no token
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "Comment body" not in browser.get(piece.get_absolute_url()).content.decode()
