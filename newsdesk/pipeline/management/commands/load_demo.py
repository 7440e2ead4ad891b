"""``newsdesk load_demo --base-url URL``: follow the bundled demo outlets (idempotent).

The outlets are served by ``python -m newsdesk.demo.server`` on this machine; the
fetcher reaches them only because demo mode allows 127.0.0.1/32 explicitly.
"""

from django.core.management.base import BaseCommand

from newsdesk.demo.corpus import load_corpus
from newsdesk.sources.models import Source


class Command(BaseCommand):
    help = "Create a source for every demo outlet served at --base-url."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default="http://127.0.0.1:8765")

    def handle(self, *args, **opts) -> None:
        base = opts["base_url"].rstrip("/")
        created = 0
        for outlet in load_corpus().outlets:
            _, new = Source.objects.update_or_create(
                url=f"{base}{outlet.feed_path}",
                defaults={
                    "name": outlet.name,
                    "kind": Source.Kind.FEED,
                    "site_url": f"{base}/{outlet.slug}/",
                },
            )
            created += int(new)
        self.stdout.write(f"demo: {created} new sources ({base})")
