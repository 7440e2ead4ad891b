"""A worker process for the cross-process tests (run by tests, not collected by pytest).

    python tests/ingest_worker.py migrate
    python tests/ingest_worker.py source URL              # create a Source, print its id
    python tests/ingest_worker.py count                   # list stored articles
    python tests/ingest_worker.py pages URL...            # fetch_page each URL (default gate)
    python tests/ingest_worker.py ingest SOURCE_ID URL    # fetch_source + parse + store_items

The database and limits come from NEWSDESK_* variables set by the test. Prints one JSON line.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from newsdesk.pipeline.fetch import fetch_page, fetch_source  # noqa: E402
from newsdesk.pipeline.parse import parse  # noqa: E402
from newsdesk.sources import politeness  # noqa: E402
from newsdesk.sources.ingest import store_items  # noqa: E402


def main(mode: str, args: list[str]) -> dict:
    if mode == "migrate":
        call_command("migrate", verbosity=0)
        return {"ok": True}
    if mode == "source":
        from newsdesk.sources.models import Source

        return {"id": Source.objects.create(url=args[0]).pk}
    if mode == "count":
        from newsdesk.articles.models import Article

        rows = Article.objects.order_by("canonical_url").values_list(
            "canonical_url", "title", "source_id"
        )
        return {"articles": [list(r) for r in rows]}
    if mode == "pages":
        errors = [
            r.error for r in (fetch_page(url, gate=politeness.gate()) for url in args) if r.error
        ]
        return {"errors": errors}
    if mode == "ingest":
        source_id, url = int(args[0]), args[1]
        result = fetch_source(url, gate=politeness.gate())
        if not result.ok:
            return {"error": result.error}
        new, updated = store_items(source_id, parse("feed", result.body, url).items)
        return {"new": new, "updated": updated}
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2:])))
