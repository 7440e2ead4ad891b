"""Metadata figures for ``newsdesk bench extract``: publication dates and bylines.

Dates are checked two ways: against the date many news URLs carry
(``/2019/11/18/``, ``/2019/nov/18/``, ``2019-11-18``) on every page that has one,
and against a hand-checked gold file (``--meta-gold``). The extractor itself falls
back to the URL date when the markup names none, so the URL check is independent
only for pages whose date comes from their markup. A date matches when the
extracted instant falls on the expected calendar day in some time zone between
UTC-12 and UTC+14 (pages state local days; newsdesk stores UTC instants).
Authors match when the extracted list equals the gold list (case-insensitive).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from newsdesk.pipeline.extract.dates import url_date


def on_local_day(instant: datetime | None, day: date) -> bool:
    """True when the UTC instant is on ``day`` in some zone from UTC-12 to UTC+14."""
    if instant is None:
        return False
    start = datetime.combine(day, time(), tzinfo=UTC) - timedelta(hours=14)
    end = datetime.combine(day, time(), tzinfo=UTC) + timedelta(hours=36)
    return start <= instant < end


def score_metadata(articles: dict, urls: dict[str, str], gold: dict | None) -> dict:
    """Figures over page id -> ExtractedArticle (None when extraction failed)."""
    found = {pid: a for pid, a in articles.items() if a is not None}
    with_url_date = {pid: url_date(urls[pid]) for pid in articles if url_date(urls[pid])}
    result = {
        "meta_pages": len(articles),
        "date_found": sum(a.meta.published_at is not None for a in found.values()),
        "authors_found": sum(bool(a.meta.authors) for a in found.values()),
        "date_url_pages": len(with_url_date),
        "date_url_match": sum(
            on_local_day(found[pid].meta.published_at if pid in found else None, day)
            for pid, day in with_url_date.items()
        ),
    }
    if gold:
        result.update(_score_gold(found, gold))
    return result


def _score_gold(found: dict, gold: dict) -> dict:
    dates = authors = date_hits = author_hits = 0
    misses = []
    for pid, expected in gold.items():
        if pid.startswith("_"):  # comments such as "_about"
            continue
        article = found.get(pid)
        if expected.get("date"):
            dates += 1
            hit = article is not None and on_local_day(
                article.meta.published_at, date.fromisoformat(expected["date"])
            )
            date_hits += hit
            if not hit:
                misses.append(f"{pid[:8]} date")
        if expected.get("authors") is not None:
            authors += 1
            got = [n.lower() for n in (article.meta.authors if article else [])]
            hit = got == [n.lower() for n in expected["authors"]]
            author_hits += hit
            if not hit:
                misses.append(f"{pid[:8]} authors {got}")
    return {
        "gold_date_pages": dates,
        "gold_date_match": date_hits,
        "gold_author_pages": authors,
        "gold_author_match": author_hits,
        "gold_misses": misses,
    }
