"""The publication date of an article page, as a timezone-aware UTC datetime.

Sources, first hit wins: JSON-LD ``datePublished``/``dateCreated``, publication
``<meta>`` tags (Open Graph ``article:published_time``, Dublin Core, Parse.ly,
Sailthru, ...), ``<time>`` elements marked as the publication time, the first ``<time datetime>``,
then a day written in the URL, then htmldate (quick search, then its extensive one
over visible dates). The last two give a day, stored as 00:00 UTC. Unparseable or implausible values (before 1995, or more than a
day in the future) are skipped. Naive times are taken as UTC.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, time, timedelta

from dateutil import parser as date_parser
from htmldate import find_date
from lxml import html as lxml_html

META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "publication_date",
    "originalpublicationdate",
    "article:post_date",
    "cxenseparse:recs:publishtime",
    "sort_date",
    "displaydate",
    "datecreated",
    "eomportal-lastupdate",
)
_ZONES = {  # abbreviations dateutil does not know; offsets in seconds
    name: hours * 3600
    for name, hours in {
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "JST": 9, "KST": 9,
    }.items()
}  # fmt: skip
_TIME_XPATH = (
    '//*[@itemprop="datePublished"][@datetime or @content]'
    '|//time[@pubdate][@datetime]|//time[contains(@class, "publish")][@datetime]'
)


def parse_date(value: str) -> datetime | None:
    """A date string -> aware UTC datetime, or None when unparseable or implausible."""
    value = (value or "").strip()
    if not value or len(value) > 64:
        return None
    try:
        if value.isdigit() and len(value) >= 10:  # epoch seconds or milliseconds
            stamp = int(value) / (1000 if len(value) >= 13 else 1)
            when = datetime.fromtimestamp(stamp, tz=UTC)
        else:
            try:
                when = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                with warnings.catch_warnings():  # unknown zone names: taken as UTC below
                    warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
                    when = date_parser.parse(value, tzinfos=_ZONES)
    except (ValueError, OverflowError, OSError, TypeError):
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when.year < 1995 or when > datetime.now(UTC) + timedelta(days=1):
        return None
    return when


def find_published(
    tree: lxml_html.HtmlElement, tags: dict[str, str], article: dict, url: str = ""
) -> datetime | None:
    """The page's publication datetime (UTC) or None; see module docstring."""
    candidates = [article.get("datePublished"), article.get("dateCreated")]
    candidates += [tags.get(key) for key in META_KEYS]
    for value in candidates:
        if isinstance(value, list):
            value = value[0] if value else None
        when = parse_date(value) if isinstance(value, str) else None
        if when:
            return when
    for element in tree.xpath(_TIME_XPATH) + tree.xpath("//time[@datetime]")[:1]:
        when = parse_date(element.get("datetime") or element.get("content") or "")
        if when:
            return when
    day = url_date(url)
    if day:  # the URL's day beats a date found in running text (e.g. a cited source)
        return datetime.combine(day, time(), tzinfo=UTC)
    return _htmldate(tree, url)


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](\d\d|[a-z]{3})[/-](\d\d)(?:/|-|$)|[/-]((?:19|20)\d\d)-(\d\d)-(\d\d)\b",
    re.IGNORECASE,
)


def url_date(url: str) -> date | None:
    """The day written in a URL path (/2019/11/18/, /2019/nov/18/, -2019-11-18), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = [g for g in match.groups() if g][:3]
    try:
        number = _MONTHS.index(month.lower()) + 1 if month.isalpha() else int(month)
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _htmldate(tree: lxml_html.HtmlElement, url: str) -> datetime | None:
    """htmldate as the last resort: quick search, then (rarely reached) the extensive one."""
    for extensive in (False, True):
        try:
            found = find_date(tree, extensive_search=extensive, original_date=True, url=url or None)
        except (ValueError, TypeError):
            return None
        if found:
            return parse_date(found)
    return None
