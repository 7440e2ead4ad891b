"""``newsdesk import_opml FILE``: follow every feed listed in an OPML file.

Existing sources (same URL) are left as they are; non-http(s) URLs are skipped.
Prints "added N, existing M, skipped K". Exit status 1 on an unreadable file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.pipeline.parse.adapters.base import ParseError
from newsdesk.pipeline.parse.adapters.opml import read_opml
from newsdesk.sources.adding import SourceRefused, add_source
from newsdesk.sources.models import Source


class Command(BaseCommand):
    help = "Import sources from an OPML file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        try:
            entries = read_opml(Path(options["file"]).read_bytes())
        except (OSError, ParseError) as exc:
            raise CommandError(f"cannot import {options['file']}: {exc}") from None
        added = existing = skipped = 0
        for entry in entries:
            try:
                created = add_source(
                    entry.url, kind=Source.Kind.FEED, name=entry.title, site_url=entry.site_url
                ).created
            except SourceRefused:
                skipped += 1
                continue
            added += created
            existing += not created
        self.stdout.write(f"added {added}, existing {existing}, skipped {skipped}")
