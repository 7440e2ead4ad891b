"""``newsdesk create_token USERNAME --name NAME``: issue a REST API token (printed once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsdesk.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for a staff user; the token is printed once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api")

    def handle(self, *args, **opts) -> None:
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None or not user.is_staff:
            raise CommandError(f"no staff user named {opts['username']!r}")
        _, token = ApiToken.issue(user, opts["name"])
        self.stdout.write(token)
