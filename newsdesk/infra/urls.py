"""URL identity: one spelling per page, and a stable key per feed item.

``canonical_url(url)`` -> the URL with lower-case scheme and host (IDNA), no default
port, credentials or fragment, tracking parameters removed, the query sorted, and AMP
cache wrappers unwrapped. Pure string work, no I/O; a non-http(s) URL comes back trimmed.
``declared_canonical(page_url, declared)`` -> the page's own ``rel=canonical`` when it
stays on the same site (AMP and mobile variants), else the page URL.
``item_key(guid, link, title, published)`` -> sha256 hex: GUID, else canonical link, else
title + date, so a re-titled item keeps its key.
``http_url(value)`` -> the URL if it is http(s) with a host, else '' (links from outside).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "__hssc", "__hstc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id",
        "vero_id", "vero_conv", "wickedid", "rb_clickid", "s_cid", "ref_src", "ref_url",
        "cmpid", "ncid", "ocid", "sr_share", "at_medium", "at_campaign", "at_custom1",
        "at_custom2", "at_custom3", "at_custom4", "spm", "__twitter_impression", "fb_action_ids",
        "fb_action_types", "fb_ref", "fb_source", "action_object_map", "action_type_map",
        "action_ref_map", "guccounter", "guce_referrer", "guce_referrer_sig",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "itm_", "matomo_")
DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_CACHE = re.compile(r"^/(?:amp/s/|c/s/|c/)(.+)$")
_UNRESERVED = re.compile(r"%([0-9A-Fa-f]{2})")
_SITE_PREFIXES = ("www.", "m.", "mobile.", "amp.")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Normalised spelling of ``url`` (see module docstring); idempotent."""
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    unwrapped = _unwrap_amp_cache(parts.hostname.lower(), parts.path, parts.query)
    if unwrapped:
        return canonical_url(unwrapped)
    host = _idna(parts.hostname.rstrip("."))
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _normalise_escapes(parts.path) or "/"
    return urlunsplit((scheme, netloc, path, _clean_query(parts.query), ""))


def _idna(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


def _normalise_escapes(text: str) -> str:
    """Upper-case percent escapes and decode the ones for unreserved characters."""

    def fix(match: re.Match) -> str:
        char = chr(int(match.group(1), 16))
        if char.isascii() and (char.isalnum() or char in "-._~"):
            return char
        return "%" + match.group(1).upper()

    return _UNRESERVED.sub(fix, text)


def _clean_query(query: str) -> str:
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = unquote(pair.split("=", 1)[0].replace("+", " "))
        if not is_tracking_param(name):
            kept.append(_normalise_escapes(pair))
    return "&".join(sorted(kept))


def _unwrap_amp_cache(host: str, path: str, query: str) -> str | None:
    """google.com/amp/s/x.com/p and x-com.cdn.ampproject.org/c/s/x.com/p -> https://x.com/p."""
    is_google = host in ("www.google.com", "google.com") and path.startswith("/amp/")
    if not (is_google or host.endswith(".cdn.ampproject.org")):
        return None
    match = _AMP_CACHE.match(path)
    if not match:
        return None
    secure = "/s/" in path[:8]
    inner = ("https://" if secure else "http://") + match.group(1)
    return inner + ("?" + query if query else "")


def site_of(host: str) -> str:
    """Host without www./m./mobile./amp. labels: the site two URL variants share."""
    host = host.lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in _SITE_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host, changed = host[len(prefix) :], True
    return host


def declared_canonical(page_url: str, declared: str) -> str:
    """The canonical URL a page declares, if it is on the same site; else the page URL.

    A page may only re-home itself within its own site: a third-party canonical could
    otherwise let one outlet claim another's article.
    """
    if not declared:
        return canonical_url(page_url)
    target = urljoin(page_url, declared.strip())
    page_host = urlsplit(page_url).hostname or ""
    target_host = urlsplit(target).hostname or ""
    if target_host and site_of(page_host) == site_of(target_host):
        return canonical_url(target)
    return canonical_url(page_url)


def item_key(guid: str, link: str, title: str, published: datetime | None) -> str:
    """Stable per-source identity of a feed item (sha256 hex)."""
    guid = (guid or "").strip()
    if guid:
        basis = "guid:" + guid
    elif (link or "").strip():
        basis = "link:" + canonical_url(link)
    else:
        when = published.isoformat() if published else ""
        basis = "title:" + " ".join((title or "").lower().split()) + "|" + when
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def http_url(value: str) -> str:
    """'https://x/y' -> unchanged; any other scheme, or no host -> ''.

    URLs from outside are printed as links only through this: autoescaping stops markup
    injection but not a ``javascript:`` URL.
    """
    text = str(value or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
