"""``newsdesk add_source URL [--name N] [--kind K]``: follow a feed, sitemap or article.

Without --kind the URL is fetched (politely, through infra/http.py): a feed or sitemap is
followed as it is; a homepage is searched for its feed (<link rel=alternate>, then common
paths); an article page becomes a single-article source. Prints the new source's id.
Exit status 1 (CommandError) when nothing followable is found.
"""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.infra.urls import canonical_url
from newsdesk.pipeline.parse.adapters.discovery import discover
from newsdesk.sources.models import Source


def interactive_fetcher():
    """fetch_page with robots and per-host slots, but at most a 1 s gap: an operator waits."""
    from django.conf import settings

    from newsdesk.pipeline.fetch import Gate, fetch_page
    from newsdesk.sources import politeness

    limits = {"gap_s": min(1.0, settings.FETCH_HOST_GAP_S)}
    gate = Gate(
        slot=lambda host: politeness.host_slot(host, **limits),
        allowed=lambda url: politeness.robots_allows(url, **limits),
        backoff=politeness.block_host,
    )
    return lambda url: fetch_page(url, gate=gate)


class Command(BaseCommand):
    help = "Add a source; a homepage URL is searched for its feed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("url")
        parser.add_argument("--name", default="", help="outlet name credited in articles")
        parser.add_argument("--kind", choices=[k for k, _ in Source.Kind.choices], default=None)

    def handle(self, *args, **options) -> None:
        url = options["url"].strip()
        if not url.lower().startswith(("http://", "https://")):
            raise CommandError(f"not an http(s) URL: {url}")
        kind, title, site_url = options["kind"], "", ""
        if kind is None:
            found = discover(url, interactive_fetcher())
            if found is None:
                raise CommandError(f"no feed, sitemap or article found at {url}")
            kind, title = found.kind, found.title
            site_url = url if canonical_url(found.url) != canonical_url(url) else ""
            url = found.url
        source, created = Source.objects.get_or_create(
            url=url,
            defaults={"name": options["name"] or title[:200], "kind": kind, "site_url": site_url},
        )
        verb = "added" if created else "already followed"
        self.stdout.write(f"{verb}: source #{source.pk} ({source.kind}) {source.url}")
