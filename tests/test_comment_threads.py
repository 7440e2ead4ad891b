"""Comments at WordPress's discussion settings (issue 15): threaded replies to a set
depth, shown only after approval; the "save my name" cookie only when ticked; comments
closed after N days; over-long text refused with a message, never cut; errors tied to
their fields; the reason a comment was held shown to the moderator."""

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from django.template.defaultfilters import date as date_filter

from newsdesk.comments.holding import RULES, hold_reasons
from newsdesk.comments.models import Comment
from newsdesk.desk.models import SiteSettings
from newsdesk.web.discussion import COOKIE
from newsdesk.web.forms import REMEMBER_LABEL
from newsdesk.web.templatetags.web_comments import when_text
from tests.factories import comment_form, make_comment, make_story_article

pytestmark = pytest.mark.django_db
APPROVED = Comment.Status.APPROVED
WHEN_FORMAT = r"F j, Y \a\t H:i"  # what _comments.html showed before it moved to Python


def _post(client, piece, **over):
    data = comment_form(piece, email="ada@mail.example", body="Well said.")
    data.update(over)
    return client.post(piece.get_absolute_url(), data)


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_reply_is_stored_pending_and_shown_nested_only_after_approval(client):
    piece = make_story_article("Story")
    top = make_comment(piece, name="Bea", body="Top-level words", status=APPROVED)
    page = client.get(piece.get_absolute_url()).content.decode()
    assert f'href="?replytocom={top.pk}#respond"' in page
    form = client.get(f"{piece.get_absolute_url()}?replytocom={top.pk}").content.decode()
    assert "Reply to Bea" in form and f'name="parent" value="{top.pk}"' in form
    assert _post(client, piece, parent=top.pk, body="A reply to Bea").status_code == 302
    reply = Comment.objects.get(body="A reply to Bea")
    assert reply.parent == top and reply.status == Comment.Status.PENDING
    assert "A reply to Bea" not in client.get(piece.get_absolute_url()).content.decode()
    reply.status = APPROVED
    reply.save()
    html = client.get(piece.get_absolute_url()).content.decode()
    nested = re.search(rf'id="comment-{top.pk}".*?<ol class="children">(.*?)</ol>', html, re.S)
    assert nested and "A reply to Bea" in nested.group(1)


def test_replies_stop_at_the_depth_setting(client):
    SiteSettings.objects.create(thread_depth=2)
    piece = make_story_article("Story")
    top = make_comment(piece, status=APPROVED)
    second = make_comment(piece, parent=top, status=APPROVED)
    html = client.get(piece.get_absolute_url()).content.decode()
    assert f"replytocom={top.pk}" in html and f"replytocom={second.pk}" not in html
    refused = _post(client, piece, parent=second.pk, body="Too deep")
    assert refused.status_code == 200 and "at most 2 levels deep" in refused.content.decode()
    assert not Comment.objects.filter(body="Too deep").exists()


@pytest.mark.parametrize("parent", ["abc", "-1", "99999999999999999999999", "1.5"])
def test_a_malformed_parent_is_an_error_not_a_crash(client, parent):
    piece = make_story_article("Story")
    response = _post(client, piece, parent=parent, body="Odd reply")
    assert response.status_code == 200 and 'class="form-errors"' in response.content.decode()
    assert not Comment.objects.exists()
    assert client.get(f"{piece.get_absolute_url()}?replytocom={parent}").status_code == 200


@pytest.mark.parametrize("which", ["pending", "other-piece", "missing"])
def test_a_reply_to_a_comment_not_shown_here_is_refused(client, which):
    piece, other = make_story_article("Story"), make_story_article("Other")
    parent = {
        "pending": lambda: make_comment(piece).pk,
        "other-piece": lambda: make_comment(other, status=APPROVED).pk,
        "missing": lambda: 999_999,
    }[which]()
    response = _post(client, piece, parent=parent, body="Orphan reply")
    assert "not available" in response.content.decode()
    assert not Comment.objects.filter(body="Orphan reply").exists()


def test_the_remember_cookie_is_set_only_when_ticked(client):
    piece = make_story_article("Story")
    html = client.get(piece.get_absolute_url()).content.decode()
    assert REMEMBER_LABEL in html and 'name="remember"' in html
    plain = _post(client, piece, body="No cookie please")
    assert COOKIE not in plain.cookies or plain.cookies[COOKIE].value == ""
    ticked = _post(client, piece, body="Remember me", remember="on", website="https://ada.example")
    saved = json.loads(unquote(ticked.cookies[COOKIE].value))
    assert saved == {"name": "Ada", "email": "ada@mail.example", "url": "https://ada.example"}
    assert ticked.cookies[COOKIE]["samesite"] == "Lax" and ticked.cookies[COOKIE]["max-age"]
    # The page itself never carries the details: the browser's script fills them in.
    again = client.get(piece.get_absolute_url()).content.decode()
    assert "ada@mail.example" not in again and 'value="Ada"' not in again
    unticked = _post(client, piece, body="Forget me now")
    assert unticked.cookies[COOKIE].value == "" and unticked.cookies[COOKIE]["max-age"] == 0


def test_comments_close_after_the_set_number_of_days(client):
    SiteSettings.objects.create(close_comments_after_days=14)
    fresh = make_story_article("Fresh", age=timedelta(days=13))
    old = make_story_article("Old", age=timedelta(days=15))
    assert "Leave a Comment" in client.get(fresh.get_absolute_url()).content.decode()
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Comments are closed." in html and "Leave a Comment" not in html
    response = _post(client, old, body="Too late")
    assert response.status_code == 200 and "Comments are closed." in response.content.decode()
    assert _post(client, fresh, body="Just in time").status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["Just in time"]


def test_over_long_text_is_refused_with_a_message_and_kept_for_editing(client):
    piece = make_story_article("Story")
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "maxlength" not in _main_form(html)  # a browser would cut a paste silently
    assert 'id="id_body_count"' in html and "Up to 5000 characters." in html
    body = "x" * 20_000
    response = _post(client, piece, body=body)
    page = response.content.decode()
    assert response.status_code == 200 and not Comment.objects.exists()
    assert "This is 20000 characters long; the limit is 5000." in page
    assert body in page  # the reader's text comes back whole, to shorten


def _main_form(html: str) -> str:
    return html[
        html.index('<form method="post"') : html.index("</form>", html.index('<form method="post"'))
    ]


@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_each_error_is_the_element_its_field_describes(client, field):
    piece = make_story_article("Story")
    html = _post(client, piece, **{field: ""}).content.decode()
    widget = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in widget
    described = re.search(r'aria-describedby="([^"]+)"', widget).group(1).split()
    for target in described:
        assert f'id="{target}"' in html, target
    error_id = f"id_{field}_error"
    assert error_id in described
    assert re.search(rf'<span class="field-error" id="{error_id}">[^<]+</span>', html)


@pytest.mark.parametrize(
    "rule, candidate, fires",
    [(r.name, c, f) for r in RULES for c, f in r.examples],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_hold_rule_examples(rule, candidate, fires):
    [chosen] = [r for r in RULES if r.name == rule]
    assert chosen.fires(candidate) is fires


def test_the_moderator_sees_why_a_comment_was_held(client, admin_client):
    piece = make_story_article("Story")
    make_comment(piece, email="known@mail.example", status=APPROVED)
    _post(client, piece, body="See https://a.example and https://b.example")
    _post(client, piece, email="known@mail.example", body="Plain words")
    linked = Comment.objects.get(body__startswith="See")
    assert linked.held_reason == "; ".join(hold_reasons(linked.body, False))
    assert "first comment from this e-mail address" in linked.held_reason
    assert "contains 2 or more links" in linked.held_reason
    known = Comment.objects.get(body="Plain words")
    assert known.held_reason == "every comment waits for a moderator"
    listing = admin_client.get("/admin/comments/comment/").content.decode()
    assert "contains 2 or more links" in listing and "Held reason" in listing


def test_erasing_a_commenter_keeps_the_replies_of_others():
    from newsdesk.comments.retention import erase_commenter

    piece = make_story_article("Story")
    top = make_comment(piece, email="leaver@mail.example", status=APPROVED)
    reply = make_comment(piece, parent=top, body="Others' words", status=APPROVED)
    assert erase_commenter("leaver@mail.example", delete=True) == 1
    reply.refresh_from_db()
    assert reply.parent is None and reply.body == "Others' words"


def test_thread_nests_by_parent_and_clamps_to_a_lowered_depth():
    from types import SimpleNamespace

    from newsdesk.web.discussion import thread

    def c(pk, parent=None):
        return SimpleNamespace(pk=pk, parent_id=parent)

    comments = [c(1), c(2, 1), c(3, 2), c(4, 99)]  # 99: a parent not shown here
    roots = thread(comments, max_depth=3)
    assert [n.comment.pk for n in roots] == [1, 4]
    assert roots[0].children[0].children[0].comment.pk == 3
    flat = thread(comments, max_depth=2)  # the setting was lowered after replies came
    assert [(n.comment.pk, n.depth) for n in flat[0].children] == [(2, 2), (3, 2)]


def test_a_comment_shows_escaped_with_its_author_link_and_time(client):
    piece = make_story_article("Harbour reopens")
    when = datetime(2026, 3, 7, 9, 5, 30, 123456, tzinfo=UTC)
    make_comment(
        piece,
        status=APPROVED,
        name='Ada "<b>" & co',
        website='https://ada.example/?a=1&b="2"',
        body="<script>alert(1)</script>\n\nSecond line & more",
        created_at=when,
    )
    html = client.get(piece.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>Second line &amp; more</p>" in html
    assert (
        '<a href="https://ada.example/?a=1&amp;b=&quot;2&quot;" rel="nofollow ugc noopener">'
        "Ada &quot;&lt;b&gt;&quot; &amp; co</a>"
    ) in html
    assert 'aria-label="Reply to Ada &quot;&lt;b&gt;&quot; &amp; co"' in html
    assert '<time datetime="2026-03-07T09:05:30+00:00">March 7, 2026 at 09:05</time>' in html


@pytest.mark.parametrize("hour, minute", [(0, 0), (9, 5), (23, 59)])
def test_the_comment_time_reads_as_the_date_filter_would(hour, minute):
    for month in range(1, 13):
        moment = datetime(2026, month, month * 2, hour, minute)
        assert when_text(moment) == date_filter(moment, WHEN_FORMAT)
