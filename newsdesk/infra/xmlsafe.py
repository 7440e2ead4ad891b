"""XML parsing that refuses DTD tricks: entity declarations, external entities.

``refuse_entities(body)`` raises ``XmlRefused`` when the document declares entities
(billion laughs, quadratic blowup and XXE all need a declaration), before any parser runs;
it is the guard in front of feedparser. ``parse_xml(body)`` -> ElementTree root through
defusedxml (no DTD expansion, no external resources); raises XmlRefused or ValueError.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_TEXT = re.compile("<!ENTITY", re.IGNORECASE)
_DECLARED = re.compile(rb"""^[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
# First bytes of "<?" (or a byte-order mark) in the encodings a parser may detect on its
# own (XML 1.0 appendix F). UTF-32 must come before UTF-16: its LE mark starts the same.
_SNIFF = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # EBCDIC "<?xm"
)  # fmt: skip


class XmlRefused(ValueError):
    """The document uses a construct newsdesk will not parse."""


def refuse_entities(body: bytes) -> None:
    """Raise XmlRefused when the document declares entities, in whatever encoding.

    feedparser re-encodes a document to UTF-8 itself before parsing (by byte-order mark,
    first bytes or the declared encoding), so the check reads the body the same ways:
    as bytes, as the sniffed encoding and as the declared one.
    """
    if _ENTITY.search(body):
        raise XmlRefused("XML entity declarations refused (billion laughs / XXE guard)")
    for name in _encodings(body):
        try:
            text = body.decode(name, "replace")
        except LookupError:
            continue
        if _ENTITY_TEXT.search(text):
            raise XmlRefused("XML entity declarations refused (billion laughs / XXE guard)")


def _encodings(body: bytes) -> list[str]:
    names = [name for prefix, name in _SNIFF if body.startswith(prefix)][:1]
    declared = _DECLARED.match(body)
    if declared:
        names.append(declared.group(1).decode("ascii"))
    return names


def parse_xml(body: bytes) -> Element:
    """Root element of a well-formed document; XmlRefused / ValueError otherwise."""
    refuse_entities(body)
    try:
        return SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise XmlRefused(f"XML refused: {exc}") from None
    except ParseError as exc:
        raise ValueError(f"XML not well-formed: {exc}") from None


def local(tag: str) -> str:
    """Tag name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def check_expat(app_configs=None, **kwargs) -> list:
    """Django system check: a warning when the linked expat is older than 2.6.0.

    Older expat re-parses large tokens quadratically (CVE-2023-52425) and has the
    entity-expansion weaknesses the Python docs list. Nothing is switched off: entity
    declarations are refused before any parser runs whatever the version, and documents
    are bounded by NEWSDESK_FETCH_MAX_BYTES (10 MiB: a one-attribute feed of that size
    took 1.5 s through feedparser on expat 2.5.0). The warning says to upgrade.
    """
    import pyexpat

    from django.core.checks import Warning

    if tuple(pyexpat.version_info) >= (2, 6, 0):
        return []
    version = ".".join(map(str, pyexpat.version_info))
    return [
        Warning(
            f"expat {version} is older than 2.6.0 (large-token parsing is quadratic, "
            "CVE-2023-52425).",
            hint="Upgrade Python or its libexpat. Entity declarations are refused whatever "
            "the version, and feed size is capped by NEWSDESK_FETCH_MAX_BYTES.",
            id="newsdesk.W001",
        )
    ]
