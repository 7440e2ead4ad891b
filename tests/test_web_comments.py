"""Reader comments: moderation, privacy of the e-mail, validation, honeypot, rate limit."""

import pytest
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.stories.models import StoryArticle
from newsdesk.web.forms import RATE_LIMIT_COUNT
from tests.factories import make_article, make_category, make_comment, make_story_article, make_tag

pytestmark = pytest.mark.django_db
SECRET_EMAIL = "very.private.reader@secret-mail.example"


def _post(client, piece, **over):
    data = {"name": "Ada", "email": SECRET_EMAIL, "website": "", "body": "Great piece!"}
    data.update(over)
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
    assert Comment.objects.count() == RATE_LIMIT_COUNT
    other = client.post(
        piece.get_absolute_url(),
        {"name": "Bob", "email": "b@b.example", "body": "other reader"},
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
