"""``newsdesk erase_commenter EMAIL [--delete-comments]``: erase one commenter's data."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.comments.retention import erase_commenter


class Command(BaseCommand):
    help = (
        "Remove the name, e-mail, website and address hash from every comment posted with "
        "EMAIL (the text stays), or delete those comments; the erasure is recorded."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--delete-comments", action="store_true")

    def handle(self, *args, **opts) -> None:
        try:
            count = erase_commenter(opts["email"], delete=opts["delete_comments"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if not count:
            raise CommandError(f"no comments were posted with {opts['email']!r}")
        verb = "deleted" if opts["delete_comments"] else "anonymised"
        self.stdout.write(f"{count} comment(s) {verb}; the erasure is recorded.")
