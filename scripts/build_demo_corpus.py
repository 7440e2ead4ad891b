"""Build the bundled demo corpus (newsdesk/demo/corpus/) from the ECB+ DEV documents.

Input: the ECB+ JSON Lines file of ../shared/data/news-clustering (path as argument).
Output: newsdesk/demo/corpus/outlets.json and articles.json, rewritten deterministically
(same input -> byte-identical files). Only ``ecbplus`` documents are used: they carry a
real URL (whose host names the outlet), a headline and often a dateline.

Selection: every host maps to an outlet brand (subdomains of one publisher merge, e.g.
news.bbc.co.uk and www.bbc.co.uk -> BBC News); brands with at least MIN_OUTLET_ARTICLES
articles become outlets and all their articles are kept. One AP article is republished
verbatim by a second outlet (``republished_from``) so the demo exercises dedup.
Publication dates come from the dateline, else the URL, else the story's anchor date;
dates more than WINDOW from the story median are replaced so each story spans a few days.
Fails with SystemExit when the result misses the demo's minimum figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import zlib
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk.demo.detokenize import detokenize

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared/data/news-clustering/ecbplus/dev.jsonl"
DEFAULT_OUTPUT = ROOT / "newsdesk/demo/corpus"
MIN_OUTLET_ARTICLES = 3
MIN_TEXT_CHARS = 120
WINDOW = timedelta(days=3)
# (host suffix, outlet slug, display name); the longest matching suffix wins.
BRANDS: tuple[tuple[str, str, str], ...] = (
    ("bbc.co.uk", "bbc-news", "BBC News"),
    ("nydailynews.com", "ny-daily-news", "New York Daily News"),
    ("yahoo.com", "yahoo-news", "Yahoo News"),
    ("latimes.com", "la-times", "Los Angeles Times"),
    ("huffingtonpost.com", "huffpost", "The Huffington Post"),
    ("mybroadband.co.za", "mybroadband", "MyBroadband"),
    ("usatoday.com", "usa-today", "USA Today"),
    ("foxnews.com", "fox-news", "Fox News"),
    ("examiner.com", "examiner", "Examiner.com"),
    ("nbcnews.com", "nbc-news", "NBC News"),
    ("dailymail.co.uk", "daily-mail", "Daily Mail"),
    ("washingtonpost.com", "washington-post", "The Washington Post"),
    ("itv.com", "itv-news", "ITV News"),
    ("nytimes.com", "ny-times", "The New York Times"),
    ("starpulse.com", "starpulse", "Starpulse"),
    ("ap.org", "ap", "The Associated Press"),
    ("trend.az", "trend", "Trend News Agency"),
    ("nbcphiladelphia.com", "nbc10-philadelphia", "NBC10 Philadelphia"),
    ("omaha.com", "omaha-world-herald", "Omaha World-Herald"),
    ("espn.go.com", "espn", "ESPN"),
    ("espn.co.uk", "espn", "ESPN"),
    ("abcnews.go.com", "abc-news", "ABC News"),
    ("sportsillustrated.cnn.com", "sports-illustrated", "Sports Illustrated"),
    ("cnn.com", "cnn", "CNN"),
    ("nypost.com", "ny-post", "New York Post"),
    ("theguardian.com", "guardian", "The Guardian"),
    ("sky.com", "sky-news", "Sky News"),
    ("cbc.ca", "cbc-news", "CBC News"),
    ("upi.com", "upi", "UPI"),
    ("indiatimes.com", "times-of-india", "The Times of India"),
    ("inquirer.net", "inquirer", "Philippine Daily Inquirer"),
)
# Hosting domains whose subdomains are unrelated sites: the full host is the outlet.
SHARED_HOSTING = ("blogspot.nl", "wordpress.com", "livejournal.com", "weebly.com", "go.com")
FEED_KINDS = {"bbc-news": "atom", "usa-today": "jsonfeed"}  # every other outlet: RSS 2.0
SECTIONS = {  # ECB+ topic -> the desk a newsroom would file it under
    1: "Entertainment",
    3: "US",
    4: "Entertainment",
    6: "Entertainment",
    7: "Sport",
    8: "World",
    9: "Politics",
    10: "Sport",
    11: "World",
    13: "US",
    14: "UK",
    16: "US",
    19: "US",
    20: "World",
    22: "US",
    24: "World",
    25: "Sport",
    26: "US",
    27: "Technology",
    28: "Politics",
    29: "Sport",
    30: "Technology",
    31: "Sport",
    32: "UK",
    33: "US",
}
REPUBLICATION = ("7_9ecbplus", "yahoo-news")  # AP boxing report carried by Yahoo
MONTHS = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})\s*([ap])?\.?\s*m?", re.I)
_DATE_PATTERNS = (  # each yields (year, month, day) groups by name
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4})[-.]\s?(?P<m>\d{1,2})[-.]\s?(?P<d>\d{1,2})"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b"),
)
_URL_DATE = re.compile(
    r"/(?P<y>20\d\d|19\d\d)[/-](?:(?P<m>\d{1,2})|" + _MON + r")[/-](?P<d>\d{1,2})\b", re.I
)


def brand(host: str) -> tuple[str, str]:
    """Host -> (outlet slug, display name); unknown hosts get a prettified name."""
    for suffix, slug, name in sorted(BRANDS, key=lambda b: -len(b[0])):
        if host == suffix or host.endswith("." + suffix):
            return slug, name
    bare = host.removeprefix("www.")
    if not bare.endswith(SHARED_HOSTING):
        labels = bare.split(".")
        generic_sld = len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac")
        bare = ".".join(labels[-3:] if generic_sld else labels[-2:])
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()), bare.capitalize()


def _ymd(match: re.Match[str]) -> tuple[int, int, int] | None:
    parts = match.groupdict()
    month_no = int(parts["m"]) if parts.get("m") else MONTHS.get(parts["mon"].lower(), 0)
    year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
    day = int(parts["d"])
    return (year, month_no, day) if 1 <= month_no <= 12 and 1 <= day <= 31 else None


def parse_dateline(line: str | None) -> datetime | None:
    """Free-form dateline ('May 2, 2013 | 5:03pm', '05/02/2013') -> UTC datetime or None."""
    for pattern in _DATE_PATTERNS if line else ():
        match = pattern.search(line)
        ymd = _ymd(match) if match else None
        if ymd is None:
            continue
        hour = minute = 0
        time = _TIME.search(line[match.end() :]) or _TIME.search(line[: match.start()])
        if time and int(time.group(1)) < 24:
            hour, minute = int(time.group(1)), int(time.group(2))
            hour += 12 if (time.group(3) or "").lower() == "p" and hour < 12 else 0
        try:
            return datetime(*ymd, hour, min(minute, 59), tzinfo=UTC)
        except ValueError:
            return None
    return None


def url_date(url: str) -> datetime | None:
    """A date embedded in the URL path (/2013/05/02/, /2013/may/03/) -> datetime or None."""
    match = _URL_DATE.search(urlsplit(url).path)
    ymd = _ymd(match) if match else None
    try:
        return datetime(*ymd, tzinfo=UTC) if ymd else None
    except ValueError:
        return None


def _jitter(key: str, span_hours: int) -> timedelta:
    seed = zlib.crc32(key.encode())
    return timedelta(hours=seed % span_hours, minutes=(seed >> 8) % 60)


def assign_dates(docs: list[dict]) -> dict[str, tuple[datetime, str]]:
    """Document id -> (published, source) with source in {dateline, url, story}."""
    found: dict[str, tuple[datetime, str]] = {}
    for doc in docs:
        when = parse_dateline(doc.get("dateline"))
        if when and when.hour == when.minute == 0:
            when += timedelta(hours=6) + _jitter(doc["id"], 14)
        if when:
            found[doc["id"]] = (when, "dateline")
        elif (when := url_date(doc["url"])) is not None:
            found[doc["id"]] = (when + timedelta(hours=6) + _jitter(doc["id"], 14), "url")
    by_story: dict[str, list[datetime]] = defaultdict(list)
    for doc in docs:
        if doc["id"] in found:
            by_story[doc["story"]].append(found[doc["id"]][0])
    dates = {}
    for doc in docs:
        stamps = sorted(by_story[doc["story"]]) or [datetime(2013, 1, 1, tzinfo=UTC)]
        median = stamps[(len(stamps) - 1) // 2]
        when, source = found.get(doc["id"], (None, "story"))
        if when is None or abs(when - median) > WINDOW:
            anchor = median.replace(hour=6, minute=0)
            when, source = anchor + _jitter(doc["id"], 60), "story"
        dates[doc["id"]] = (when, source)
    return dates


_FURNITURE_LINE = re.compile(
    r"^(published|updated|originally published|posted|last updated)\b.{0,70}$", re.I
)


# ECB+ de-tokenisation splits clock times ("at 8. 40am"); a reader would never see that.
_SPLIT_TIME = re.compile(r"\b(\d{1,2})\. (\d{2}\s?(?:am|pm|a\.m\.|p\.m\.))", re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """One-sentence-per-line ECB+ text -> paragraphs of up to three sentences."""
    text = _SPLIT_TIME.sub(r"\1.\2", text)
    # ECB+ stores tokens joined by spaces ("5. 9", "$300, 000", "\u201c NYPD \u201d"); the
    # whole text at once, so a quotation running over several lines still pairs up
    text = detokenize(text)
    sentences = [s.strip() for s in text.splitlines() if s.strip()]
    sentences = [s for s in sentences if not _FURNITURE_LINE.match(s)]
    paras: list[list[str]] = []
    for sentence in sentences:
        last = paras[-1] if paras else None
        if last and len(last) < 3 and sum(map(len, last)) + len(sentence) < 320:
            last.append(sentence)
        else:
            paras.append([sentence])
    return [" ".join(p) for p in paras]


def select(docs: list[dict]) -> list[dict]:
    """ecbplus documents with text -> those whose brand has >= MIN_OUTLET_ARTICLES articles."""
    plus = [
        d
        for d in docs
        if d.get("part") == "ecbplus"
        and d.get("url")
        and d.get("title")
        and len(" ".join(paragraphs(d["text"]))) >= MIN_TEXT_CHARS
    ]  # not video pages
    counts = Counter(brand(urlsplit(d["url"]).hostname or "")[0] for d in plus)
    keep = [
        d
        for d in plus
        if counts[brand(urlsplit(d["url"]).hostname or "")[0]] >= MIN_OUTLET_ARTICLES
    ]
    return sorted(keep, key=lambda d: (d["topic"], d["id"]))


def build(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Selected documents -> (outlets, articles) ready to be written as JSON."""
    dates = assign_dates(docs)
    articles = []
    for doc in docs:
        host = urlsplit(doc["url"]).hostname or ""
        slug, name = brand(host)
        when, source = dates[doc["id"]]
        articles.append(
            {
                "id": doc["id"],
                "story": doc["story"],
                "outlet": slug,
                "outlet_name": name,
                "outlet_host": host,
                "original_url": doc["url"],
                "title": detokenize(doc["title"].strip()),
                "section": SECTIONS.get(doc["topic"], "News"),
                "author": "Associated Press" if slug == "ap" else f"{name} staff",
                "published": when.isoformat(),
                "date_source": source,
                "paragraphs": paragraphs(doc["text"]),
                "republished_from": None,
            }
        )
    articles.append(_republish(articles, *REPUBLICATION))
    return _outlets(articles), articles


def _republish(articles: list[dict], source_id: str, outlet: str) -> dict:
    original = next(a for a in articles if a["id"] == source_id)
    carrier = next(a for a in articles if a["outlet"] == outlet)
    copy = dict(
        original,
        id=f"{source_id}-{outlet}",
        outlet=outlet,
        outlet_name=carrier["outlet_name"],
        outlet_host=carrier["outlet_host"],
        republished_from=source_id,
        date_source="republication",
    )
    copy["published"] = (
        datetime.fromisoformat(original["published"]) + timedelta(minutes=47)
    ).isoformat()
    return copy


def _outlets(articles: list[dict]) -> list[dict]:
    hosts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for art in articles:
        hosts[art["outlet"]][art["outlet_host"]] += 1
        names[art["outlet"]] = art["outlet_name"]
    outlets = []
    for index, slug in enumerate(sorted(hosts)):
        outlets.append(
            {
                "slug": slug,
                "name": names[slug],
                "hosts": sorted(hosts[slug]),
                "homepage_host": hosts[slug].most_common(1)[0][0],
                "feed_kind": FEED_KINDS.get(slug, "rss"),
                "template": index % 3 + 1,
            }
        )
    return outlets


def check(outlets: list[dict], articles: list[dict]) -> dict[str, int]:
    """Corpus -> figures; raises SystemExit when a demo minimum is missed."""
    story_outlets: dict[str, set[str]] = defaultdict(set)
    for art in articles:
        story_outlets[art["story"]].add(art["outlet"])
    figures = {
        "outlets": len(outlets),
        "articles": len(articles),
        "stories": len(story_outlets),
        "multi_outlet_stories": sum(len(o) >= 2 for o in story_outlets.values()),
        "median_paragraphs": int(statistics.median(len(a["paragraphs"]) for a in articles)),
    }
    if figures["outlets"] < 5 or figures["articles"] < 60 or figures["multi_outlet_stories"] < 10:
        raise SystemExit(f"demo corpus below minimum: {figures}")
    return figures


def write(out_dir: Path, outlets: list[dict], articles: list[dict]) -> None:
    """Write outlets.json and articles.json (sorted keys, UTF-8, trailing newline)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in (("outlets.json", outlets), ("articles.json", articles)):
        text = json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True)
        (out_dir / name).write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT)
    options = parser.parse_args(argv)
    with options.input.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    outlets, articles = build(select(docs))
    figures = check(outlets, articles)
    write(options.out, outlets, articles)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
