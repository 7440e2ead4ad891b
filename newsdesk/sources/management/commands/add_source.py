"""``newsdesk add_source URL [--name N] [--kind K]``: follow a feed, sitemap or article.

Goes through ``sources.adding.add_source`` (the same path as the API and the desk):
without --kind the URL is fetched politely and discovered (a homepage is searched for its
feed); the address policy is checked first. Prints the source's id.
Exit status 1 (CommandError) with the reason when the URL cannot be followed.
"""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.sources.adding import SourceRefused, add_source
from newsdesk.sources.models import Source


class Command(BaseCommand):
    help = "Add a source; a homepage URL is searched for its feed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("url")
        parser.add_argument("--name", default="", help="outlet name credited in articles")
        parser.add_argument("--kind", choices=[k for k, _ in Source.Kind.choices], default=None)

    def handle(self, *args, **options) -> None:
        try:
            added = add_source(options["url"], kind=options["kind"], name=options["name"])
        except SourceRefused as exc:
            raise CommandError(str(exc)) from None
        source = added.source
        verb = "added" if added.created else "already followed"
        self.stdout.write(f"{verb}: source #{source.pk} ({source.kind}) {source.url}")
