"""THREAT E11: commenters' e-mails (and address hashes) are not kept forever, and one
person's data can be erased on request, with a record that it happened."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk.accounts.models import PersonalDataErasure
from newsdesk.comments.models import Comment
from newsdesk.comments.retention import REMOVED_EMAIL, expire_emails
from tests.factories import make_comment, make_story_article

pytestmark = pytest.mark.django_db


def test_E11_emails_older_than_the_retention_period_are_removed():
    piece = make_story_article("Story")
    old = make_comment(piece, email="old@mail.example", ip_hash="a" * 64, body="old words",
                       created_at=timezone.now() - timedelta(days=91))  # fmt: skip
    new = make_comment(piece, email="new@mail.example", ip_hash="b" * 64)
    assert expire_emails(0) == 0  # 0 keeps them
    assert expire_emails(90) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.email == REMOVED_EMAIL and old.ip_hash == "" and old.body == "old words"
    assert new.email == "new@mail.example" and new.ip_hash == "b" * 64
    assert expire_emails(90) == 0  # idempotent


def test_E11_the_daily_task_and_command_apply_the_setting(settings):
    settings.COMMENT_EMAIL_RETENTION_DAYS = 30
    piece = make_story_article("Story")
    make_comment(piece, email="old@mail.example", created_at=timezone.now() - timedelta(days=31))
    from newsdesk.pipeline.tasks import expire_comment_emails

    assert expire_comment_emails() == 1
    call_command("expire_comment_emails")
    schedule = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "newsdesk.pipeline.tasks.expire_comment_emails" in schedule


def test_E11_erase_commenter_anonymises_and_records():
    piece = make_story_article("Story")
    for _ in range(2):
        make_comment(piece, name="Ada Lovelace", email="Ada@Mail.example", ip_hash="c" * 64,
                     website="https://ada.example/", body="my words")  # fmt: skip
    other = make_comment(piece, email="bob@mail.example")
    call_command("erase_commenter", "ada@mail.example")
    erased = Comment.objects.exclude(pk=other.pk)
    assert {(c.name, c.email, c.website, c.ip_hash, c.body) for c in erased} == {
        ("(erased)", REMOVED_EMAIL, "", "", "my words")
    }
    record = PersonalDataErasure.objects.get()
    assert record.comments == 2 and record.action == "anonymised"
    # (not a bare "ada": the record's hex digest may hold those three letters)
    kept = str(record.__dict__).lower()
    assert not any(word in kept for word in ("lovelace", "ada@mail", "ada.example"))
    assert Comment.objects.get(pk=other.pk).email == "bob@mail.example"


def test_E11_erase_commenter_can_delete_and_says_when_nothing_matched():
    piece = make_story_article("Story")
    make_comment(piece, email="ada@mail.example")
    call_command("erase_commenter", "ada@mail.example", "--delete-comments")
    assert not Comment.objects.exists()
    assert PersonalDataErasure.objects.get().action == "deleted"
    with pytest.raises(CommandError, match="no comments"):
        call_command("erase_commenter", "nobody@mail.example")
