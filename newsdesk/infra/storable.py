"""Text every database newsdesk supports can store, and every feed it writes can carry.

``storable(text)`` -> text without NUL (PostgreSQL refuses it in text columns: a JSON
Feed title holding ``\\u0000`` raised DataError out of ingest), lone surrogates (not
encodable as UTF-8), other C0 controls except tab/newline/carriage return, and the
non-characters U+FFFE/U+FFFF (both invalid in the RSS, Atom and sitemap XML we serve).
Pure; never raises.
"""

import re

_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(text: str) -> str:
    """``text`` with the characters above removed (see the module docstring)."""
    return _UNSTORABLE.sub("", text) if text else text
