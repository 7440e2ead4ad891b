"""Decoding fetched HTML bytes to text without ever raising.

Order of evidence: a byte-order mark, then a ``<meta charset>`` or
``<meta http-equiv="Content-Type">`` declaration in the first 4 KiB (a single-byte
label loses to bytes that are valid UTF-8), then the HTTP header's charset, then UTF-8.
Unknown or bogus encoding names fall through to the next candidate; the last
resort is UTF-8 with replacement characters, so any input yields a string, and that
string is ``storable`` (no NUL or other characters a database or XML cannot hold).
"""

from __future__ import annotations

import codecs
import re

from newsdesk.infra.storable import storable

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Browsers treat these labels as windows-1252 (WHATWG Encoding Standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The encoding named by a BOM or a meta tag near the top, if Python knows it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    match = _META.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _single_byte(name: str) -> bool:
    return name.startswith(("cp125", "iso8859", "latin", "cp437", "cp850", "koi8", "mac-"))


def header_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def decode_html(data: bytes | str, header_charset: str | None = None) -> str:
    """bytes -> str using BOM/meta/header charset, else UTF-8; never raises."""
    if isinstance(data, str):
        return storable(data)
    declared = declared_charset(data)
    candidates = [declared, header_charset, "utf-8"]
    if declared and _single_byte(declared):
        # Pages labelled Latin-1/windows-125x are often UTF-8 in fact; bytes that form
        # valid UTF-8 multi-byte sequences are almost never meant as single-byte text.
        candidates.insert(0, "utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        return storable(text.lstrip("\ufeff"))
    return storable(data.decode("utf-8", errors="replace").lstrip("\ufeff"))
