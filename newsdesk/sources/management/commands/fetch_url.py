"""``newsdesk fetch_url URL``: fetch one URL as the pipeline fetches a page.

The same policy and caps (infra/http.py) and the same manners (pipeline/fetch.py): the
host's robots.txt is read (and cached) first, the per-host request slot and gap shared
with the workers are taken, and a 429/503 pauses the host for everyone.
Prints one line of JSON (status, final_url, bytes, content_type, elapsed_s, error).
Exit status 0 on success, 2 when the request was refused or failed.
"""

import json

from django.core.management.base import BaseCommand

from newsdesk.pipeline.fetch import fetch_page
from newsdesk.sources import politeness


class Command(BaseCommand):
    help = (
        "Fetch one URL as the pipeline would (policy, caps, robots.txt, host limits); print JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("url")
        parser.add_argument(
            "--deadline", type=float, default=None, help="seconds (default: setting)"
        )
        parser.add_argument(
            "--max-bytes", type=int, default=None, help="body cap (default: setting)"
        )

    def handle(self, *args, **options) -> None:
        result = fetch_page(
            options["url"],
            gate=politeness.gate(),
            deadline_s=options["deadline"],
            max_bytes=options["max_bytes"],
        )
        line = {
            "status": result.status,
            "final_url": result.final_url,
            "bytes": len(result.body),
            "content_type": result.content_type,
            "elapsed_s": round(result.elapsed_s, 3),
            "error": result.error,
        }
        self.stdout.write(json.dumps(line))
        if not result.ok:
            raise SystemExit(2)
