"""``newsdesk expire_comment_emails``: apply NEWSDESK_COMMENT_EMAIL_RETENTION_DAYS now."""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.comments.retention import expire_emails


class Command(BaseCommand):
    help = "Remove e-mail addresses from comments older than the retention period."

    def handle(self, *args, **opts) -> None:
        days = settings.COMMENT_EMAIL_RETENTION_DAYS
        count = expire_emails(days)
        self.stdout.write(f"{count} comment(s) older than {days} days lost their e-mail.")
