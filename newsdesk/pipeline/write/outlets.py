"""Outlet names as readers expect them: "www.bbc.co.uk" -> "BBC News".

``outlet_display_name(value)`` keeps a real name ("The Guardian") as it is, maps the
hosts of well-known outlets to their names, and otherwise prettifies the host
("www.smalltownpost.com" -> "Smalltownpost"). ``credit_labels(sources)`` picks the
name a story credits each article under; ``unnamed_label(i)`` gives the "one report" /
"another report" labels used when an article names no outlet at all.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsdesk.pipeline.write.datelines import outlet_host_in_text

_KNOWN = {
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "reuters.com": "Reuters",
    "apnews.com": "The Associated Press",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "latimes.com": "the Los Angeles Times",
    "usatoday.com": "USA Today",
    "wsj.com": "The Wall Street Journal",
    "bloomberg.com": "Bloomberg",
    "npr.org": "NPR",
    "aljazeera.com": "Al Jazeera",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "dailymail.co.uk": "the Daily Mail",
    "ft.com": "the Financial Times",
    "politico.com": "Politico",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "time.com": "Time",
    "people.com": "People",
    "usmagazine.com": "Us Weekly",
    "eonline.com": "E! News",
    "tmz.com": "TMZ",
    "chicagotribune.com": "the Chicago Tribune",
    "nypost.com": "the New York Post",
    "sfgate.com": "SFGate",
    "theverge.com": "The Verge",
    "wired.com": "Wired",
    "techcrunch.com": "TechCrunch",
    "arstechnica.com": "Ars Technica",
    "espn.com": "ESPN",
    "afp.com": "AFP",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "news.yahoo.com": "Yahoo News",
    "theatlantic.com": "The Atlantic",
    "newsweek.com": "Newsweek",
    "economist.com": "The Economist",
    "forbes.com": "Forbes",
    "cnbc.com": "CNBC",
    "marketwatch.com": "MarketWatch",
    "businessinsider.com": "Business Insider",
    "thehill.com": "The Hill",
    "axios.com": "Axios",
    "vox.com": "Vox",
    "slate.com": "Slate",
    "rte.ie": "RTE",
    "irishtimes.com": "The Irish Times",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "cbc.ca": "CBC News",
    "thestar.com": "the Toronto Star",
    "timesofindia.indiatimes.com": "The Times of India",
    "hindustantimes.com": "the Hindustan Times",
    "ndtv.com": "NDTV",
    "mercurynews.com": "The Mercury News",
    "nydailynews.com": "the New York Daily News",
    "ap.org": "The Associated Press",
    "itv.com": "ITV News",
    "sky.com": "Sky News",
    "yahoo.com": "Yahoo",
    "upi.com": "UPI",
    "hollywoodreporter.com": "The Hollywood Reporter",
    "accesshollywood.com": "Access Hollywood",
    "etonline.com": "Entertainment Tonight",
    "rollingstone.com": "Rolling Stone",
    "examiner.com": "Examiner.com",
    "mirror.co.uk": "the Mirror",
    "thesun.co.uk": "The Sun",
    "boston.com": "Boston.com",
    "seattletimes.com": "The Seattle Times",
    "rt.com": "RT",
    "espn.go.com": "ESPN",
    "inquirer.net": "the Philippine Daily Inquirer",
    "ktla.com": "KTLA",
    "ocregister.com": "the Orange County Register",
    "philly.com": "Philly.com",
    "cbslocal.com": "CBS Local",
    "nbcsports.com": "NBC Sports",
    "chron.com": "the Houston Chronicle",
    "adn.com": "the Anchorage Daily News",
    "sun-sentinel.com": "the Sun Sentinel",
    "news.com.au": "News.com.au",
    "newser.com": "Newser",
    "metro.co.uk": "Metro",
}
# Two-label public suffixes: the outlet is the label before them ("bbc" in bbc.co.uk).
_SECOND_LEVEL = frozenset(
    "co.uk org.uk ac.uk gov.uk com.au net.au org.au co.za ac.za co.nz co.in co.jp com.br com.ar com.mx com.sg com.hk".split()
)
_PREFIXES = ("www.", "m.", "mobile.", "amp.", "edition.", "news.", "articles.", "en.", "uk.", "us.")
_ORDINALS = (
    "one",
    "another",
    "a third",
    "a fourth",
    "a fifth",
    "a sixth",
    "a seventh",
    "an eighth",
    "a ninth",
    "a tenth",
)


def known_outlet_names() -> frozenset[str]:
    """Names of the well-known outlets, lower-cased, without a leading "the"."""
    return frozenset(name.lower().removeprefix("the ") for name in _KNOWN.values())


def _host(value: str) -> str:
    if "//" in value:
        value = urlsplit(value).hostname or ""
    return value.strip().lower().rstrip(".")


def _looks_like_host(value: str) -> bool:
    return " " not in value.strip() and "." in value and value.strip()[-1:].isalpha()


def outlet_display_name(value: str) -> str:
    """Display name for an outlet name, host or URL; "" for an empty value."""
    if not value or not value.strip():
        return ""
    if not _looks_like_host(value) and "//" not in value:
        return value.strip()
    host = _host(value)
    candidates = [host]
    stripped = host
    for prefix in _PREFIXES:
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix) :]
            candidates.append(stripped)
    parts = host.split(".")
    candidates += [".".join(parts[i:]) for i in range(1, len(parts) - 1)]
    for candidate in candidates:
        if candidate in _KNOWN:
            return _KNOWN[candidate]
    label = _registrable(host).split(".")[0]
    if not label:
        return host
    return label.upper() if len(label) <= 4 else label[:1].upper() + label[1:]


def _registrable(host: str) -> str:
    """ "music.yahoo.com" -> "yahoo.com"; "news.bbc.co.uk" -> "bbc.co.uk"."""
    parts = host.split(".")
    keep = 3 if ".".join(parts[-2:]) in _SECOND_LEVEL else 2
    return ".".join(parts[-keep:])


def unnamed_label(index: int) -> str:
    """ "one report", "another report", "a third report", ... for outlet-less articles."""
    if index < len(_ORDINALS):
        return f"{_ORDINALS[index]} report"
    n = index + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    article = "an" if str(n).startswith(("8", "11", "18")) else "a"
    return f"{article} {n}{suffix} report"


def credit_labels(sources) -> dict[int, str]:
    """article_id -> the name a story credits it under, for ``SourceDoc``-like values.

    The outlet's display name, else the display name of its URL's host, else the wire
    or network its own dateline or credit line names ("WASHINGTON (AP) —" ->
    "The Associated Press"; ``lib.datelines``), else "one report", "another report",
    ... in the order the outlet-less articles come.
    """
    labels: dict[int, str] = {}
    unnamed = 0
    for doc in sources:
        label = outlet_display_name(doc.outlet) or outlet_display_name(doc.url or "")
        if not label:
            label = outlet_display_name(outlet_host_in_text(doc.text or ""))
        if not label:
            label = unnamed_label(unnamed)
            unnamed += 1
        labels[doc.article_id] = label
    return labels
