"""``newsdesk export_opml [FILE]``: write every followed feed as OPML 2.0 (stdout by default).

Disabled sources are included (an export is a backup); sitemaps and single articles are
not feeds and are left out unless --all is given.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from newsdesk.pipeline.parse.adapters.opml import OpmlEntry, write_opml
from newsdesk.sources.models import Source


class Command(BaseCommand):
    help = "Export sources as OPML."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", default=None)
        parser.add_argument("--all", action="store_true", help="include sitemaps and articles")

    def handle(self, *args, **options) -> None:
        sources = Source.objects.order_by("name", "url")
        if not options["all"]:
            sources = sources.filter(kind=Source.Kind.FEED)
        data = write_opml([OpmlEntry(s.url, s.name, s.site_url) for s in sources])
        if options["file"]:
            Path(options["file"]).write_bytes(data)
            self.stdout.write(f"wrote {sources.count()} sources to {options['file']}")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
