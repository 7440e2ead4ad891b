"""Article metadata from a parsed HTML page: title, authors, date, image, language, site.

Input: an ``lxml.html`` document and the page URL. Sources, most trusted first:
JSON-LD (``application/ld+json`` article objects), Open Graph / Twitter / Dublin Core
``<meta>`` tags, microdata ``itemprop``, then visible markup (``<h1>``, ``<time>``,
``rel=author``, elements classed byline/author). Pure functions; malformed JSON-LD or dates are skipped, never raised.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from lxml import html as lxml_html

from newsdesk.pipeline.extract.authors import clean_authors, is_wire_credit
from newsdesk.pipeline.extract.dates import find_published
from newsdesk.pipeline.extract.titles import clean_title
from newsdesk.pipeline.types import PageMeta

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "liveblogposting",
    "posting",
    "report",
}


def json_ld_objects(tree: lxml_html.HtmlElement) -> list[dict]:
    """Every dict in the page's JSON-LD blocks, @graph and lists flattened."""
    found: list[dict] = []
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def article_object(objects: list[dict]) -> dict:
    """The JSON-LD object describing the article (first article-typed one), or {}."""
    for obj in objects:
        if _types(obj) & ARTICLE_TYPES:
            return obj
    for obj in objects:
        if "articleBody" in obj or "headline" in obj:
            return obj
    return {}


def meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Lower-cased property/name/itemprop -> first non-empty content."""
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        value = (meta.get("content") or "").strip()
        key = key.strip().lower()
        if key and value and key not in tags:
            tags[key] = value
    return tags


def _text(value) -> str:
    """A plain string from a JSON-LD value (str, {"name"|"url"|"@id"}, or list)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id") or ""
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


def _language(tree: lxml_html.HtmlElement, tags: dict, article: dict) -> str:
    raw = _first(
        tree.get("lang", ""),
        tree.get("xml:lang", ""),
        _text(article.get("inLanguage")),
        tags.get("og:locale", ""),
        tags.get("content-language", ""),
        tags.get("language", ""),
    )
    if not raw:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                raw = meta.get("content") or ""
                break
    return re.split(r"[-_,; ]", raw.strip().lower())[0] if raw.strip() else ""


def _title(tree: lxml_html.HtmlElement, tags: dict, article: dict, site: str) -> str:
    # Each candidate without its time stamp; one that is only a stamp ("Updated
    # 11/27/2005 3:41 PM") is skipped for the next (extract() falls back to the lead).
    title = _first(
        clean_title(tags.get("og:title", "")),
        clean_title(_text(article.get("headline"))),
        clean_title(tags.get("twitter:title", "")),
    )
    if not title:
        h1 = tree.find(".//h1")
        title = clean_title(h1.text_content() if h1 is not None else "")
    if not title:
        head_title = tree.find(".//title")
        title = clean_title(head_title.text_content() if head_title is not None else "")
    return strip_site_suffix(title, site)


def _h1(tree: lxml_html.HtmlElement) -> str:
    h1 = tree.find(".//h1")
    return " ".join(h1.text_content().split()) if h1 is not None else ""


def strip_site_suffix(title: str, site: str) -> str:
    """'Headline | Site' -> 'Headline' when the trailing part is the site name."""
    parts = re.split(r"\s+[|\u2013\u2014:-]\s+", title)
    if len(parts) > 1 and site and parts[-1].strip().lower() in site.lower():
        return title[: title.rfind(parts[-1])].rstrip(" |-:\u2013\u2014")
    return title


def _canonical(tree: lxml_html.HtmlElement, tags: dict, url: str) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return urljoin(url, link.get("href").strip())
    return urljoin(url, tags["og:url"]) if tags.get("og:url") else ""


def _image(tags: dict, article: dict, url: str) -> str:
    image = _first(
        tags.get("og:image", ""),
        tags.get("og:image:url", ""),
        tags.get("twitter:image", ""),
        tags.get("twitter:image:src", ""),
        _text(article.get("image")),
        _text(article.get("thumbnailUrl")),
    )
    return urljoin(url, image) if image else ""


_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
)
_BYLINE_XPATH = (
    '//*[contains(@class, "byline") or contains(@class, "author")]'
    "[not(self::img or self::ins or self::script or self::style)]"
    '[not(ancestor::form or ancestor::*[contains(@class, "comment") or contains(@id, "comment")])]'
)


def _visible_bylines(tree: lxml_html.HtmlElement) -> list[str]:
    """Short texts of elements classed byline/author (bios and long boxes skipped)."""
    found = []
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        text = " ".join(" ".join(element.itertext()).split())
        if text and len(text.split()) <= 12 and "bio" not in (element.get("class") or ""):
            found.append(text)
    return found


def _authors(tree: lxml_html.HtmlElement, tags: dict, article: dict, site: str) -> list[str]:
    """Names from the first source that yields any after cleaning: JSON-LD, meta, markup."""
    value = article.get("author") or article.get("creator")
    names = clean_authors(
        [_text(v) for v in value] if isinstance(value, list) else [_text(value)], site
    )
    if not names:
        names = clean_authors([tags[k] for k in _AUTHOR_META if tags.get(k)][:1], site)
    if not names:
        links = tree.xpath('//a[@rel="author"]')
        names = clean_authors([" ".join(a.text_content().split()) for a in links], site)
    for text in [] if names else _visible_bylines(tree):
        if is_wire_credit(text):
            break  # a wire story: its dateline is no author
        names = clean_authors([text], site)
        if names:
            break
    return names


def extract_metadata(tree: lxml_html.HtmlElement, url: str) -> PageMeta:
    """Metadata of an article page; see module docstring for the sources used."""
    objects = json_ld_objects(tree)
    article = article_object(objects)
    tags = meta_tags(tree)
    publisher = article.get("publisher")
    publisher = _text(publisher.get("name")) if isinstance(publisher, dict) else ""
    site = _first(tags.get("og:site_name", ""), publisher, tags.get("application-name", ""))
    if not site:
        site = next(
            (
                _text(o.get("name"))
                for o in objects
                if _types(o) & {"organization", "newsmediaorganization", "website"}
            ),
            "",
        )
    return PageMeta(
        title=_title(tree, tags, article, site),
        description=_first(
            tags.get("og:description", ""),
            tags.get("description", ""),
            tags.get("twitter:description", ""),
            _text(article.get("description")),
        ),
        authors=_authors(tree, tags, article, site),
        published_at=find_published(tree, tags, article, url),
        image=_image(tags, article, url),
        language=_language(tree, tags, article),
        site_name=site,
        canonical_url=_canonical(tree, tags, url),
        headline=_h1(tree),
        article_body=article.get("articleBody")
        if isinstance(article.get("articleBody"), str)
        else "",
    )
