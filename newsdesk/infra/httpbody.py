"""Content-Encoding decoders that stop at a byte cap *after* decompression.

``decoder_for(encoding)`` -> an object with ``feed(chunk, room) -> bytes`` and
``flush(room) -> bytes``; either raises ``BodyTooLarge`` as soon as the decoded output
would exceed ``room`` bytes, so a gzip bomb costs at most ``room`` bytes of memory.
Unknown encodings raise ``ValueError``.
"""

from __future__ import annotations

import zlib

try:  # optional: only advertised when installed, never a dependency of its own
    import brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None


class BodyTooLarge(Exception):
    """Decoded output went past the cap."""


def supported_encodings() -> str:
    """Value for Accept-Encoding."""
    return "gzip, deflate, br" if brotli is not None else "gzip, deflate"


class _Identity:
    def feed(self, chunk: bytes, room: int) -> bytes:
        if len(chunk) > room:
            raise BodyTooLarge
        return chunk

    def flush(self, room: int) -> bytes:
        return b""


class _Zlib:
    """gzip or deflate; deflate may be zlib-wrapped or raw (servers disagree)."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._d: zlib._Decompress | None = zlib.decompressobj(47) if gzip else None

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self._d is None:
            # zlib header: CM=8 and the 16-bit header is a multiple of 31; else raw deflate.
            wrapped = (
                len(chunk) >= 2 and chunk[0] & 0x0F == 8 and (chunk[0] << 8 | chunk[1]) % 31 == 0
            )
            self._d = zlib.decompressobj(15 if wrapped else -15)
        try:
            out = self._d.decompress(chunk, room + 1)
        except zlib.error as exc:
            raise ValueError(f"corrupt compressed body: {exc}") from None
        if len(out) > room:
            raise BodyTooLarge
        return out

    def flush(self, room: int) -> bytes:
        if self._d is None:
            return b""
        out = self._d.flush()
        if len(out) > room:
            raise BodyTooLarge
        return out


class _Brotli:
    """Fed in small pieces because brotli's API has no output limit on every version."""

    PIECE = 512

    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, chunk: bytes, room: int) -> bytes:
        out = bytearray()
        for start in range(0, len(chunk), self.PIECE):
            out += self._d.process(chunk[start : start + self.PIECE])
            if len(out) > room:
                raise BodyTooLarge
        return bytes(out)

    def flush(self, room: int) -> bytes:
        return b""


def decoder_for(encoding: str):
    """Decoder for a Content-Encoding header value; ValueError when unsupported."""
    name = (encoding or "identity").strip().lower()
    if name in ("identity", ""):
        return _Identity()
    if name in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if name == "deflate":
        return _Zlib(gzip=False)
    if name == "br" and brotli is not None:
        return _Brotli()
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")
