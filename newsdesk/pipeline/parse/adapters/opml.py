"""OPML subscription lists: read (import) and write (export).

``read_opml(body)`` -> list of OpmlEntry for every outline with an ``xmlUrl`` (nested
category outlines flattened, the category kept); raises ParseError on a broken or
hostile document. ``write_opml(entries, title)`` -> UTF-8 OPML 2.0 bytes. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from newsdesk.infra.xmlsafe import XmlRefused, local, parse_xml
from newsdesk.pipeline.parse.adapters.base import ParseError, plain


@dataclass(frozen=True)
class OpmlEntry:
    url: str
    title: str = ""
    site_url: str = ""
    category: str = ""


def read_opml(body: bytes) -> list[OpmlEntry]:
    try:
        root = parse_xml(body)
    except XmlRefused as exc:
        raise ParseError(str(exc)) from None
    except ValueError as exc:
        raise ParseError(f"not an OPML file: {exc}") from None
    if local(root.tag) != "opml":
        raise ParseError(f"not an OPML file: root element <{local(root.tag)}>")
    body_node = next((c for c in root if local(c.tag) == "body"), None)
    if body_node is None:
        raise ParseError("not an OPML file: no <body>")
    entries: list[OpmlEntry] = []
    _walk(body_node, "", entries)
    return entries


def _walk(node: Element, category: str, entries: list[OpmlEntry]) -> None:
    for outline in node:
        if local(outline.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        title = plain(attrs.get("title") or attrs.get("text") or "")
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            entries.append(OpmlEntry(url, title, (attrs.get("htmlurl") or "").strip(), category))
        _walk(outline, title if not url else category, entries)


def write_opml(entries: list[OpmlEntry], title: str = "newsdesk sources") -> bytes:
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    groups: dict[str, Element] = {}
    for entry in entries:
        parent = body
        if entry.category:
            if entry.category not in groups:
                groups[entry.category] = SubElement(
                    body, "outline", text=entry.category, title=entry.category
                )
            parent = groups[entry.category]
        attrs = {"type": "rss", "text": entry.title or entry.url, "title": entry.title or entry.url,
                 "xmlUrl": entry.url}  # fmt: skip
        if entry.site_url:
            attrs["htmlUrl"] = entry.site_url
        SubElement(parent, "outline", attrs)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8") + b"\n"
