"""Guessing the codec of a text file: byte-order marks, UTF-16 without one, UTF-8, cp1252, latin-1.

A file that looks binary (NUL bytes, mostly control characters) is refused
with ``ReadError(kind="binary")``. Detection reads in chunks, so memory stays
constant whatever the file's size.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import IO

from trustlex.errors import ReadError
from trustlex.readers.files import _guard, open_regular

_HEAD_BYTES = 8192
_SCAN_BYTES = 256 * 1024  # small enough that the decoded chunk stays well under a megabyte or two
_CONTROL_SHARE = 0.3
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def _bom_encoding(head: bytes) -> str | None:
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:1024]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    # Latin-script text in UTF-16 has a zero high byte in most code units.
    if odd > 0.5 and even < 0.1:
        return "utf-16-le"
    if even > 0.5 and odd < 0.1:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes(b for b in (*range(32), 127) if b not in _TEXT_CONTROLS)


def _detect(stream: IO[bytes], display: str) -> str:
    head = stream.read(_HEAD_BYTES)
    bom = _bom_encoding(head)
    if bom in ("utf-32", "utf-16"):
        return bom
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return utf16
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not per byte
    if b"\x00" in head or (head and controls / len(head) > _CONTROL_SHARE):
        msg = "binary content, not text"
        raise ReadError(msg, path=display, kind="binary")
    if bom is not None:
        return bom
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = True
    cp1252_ok = True
    chunk = head
    while chunk:
        if utf8_ok:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
        if cp1252_ok and any(b in chunk for b in _CP1252_UNDEFINED):
            cp1252_ok = False
        if not utf8_ok and not cp1252_ok:
            return "latin-1"
        chunk = stream.read(_SCAN_BYTES)
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if utf8_ok:
        return "utf-8"
    return "cp1252" if cp1252_ok else "latin-1"


def _decode_small(data: bytes, display: str) -> tuple[str, str]:
    """Return (text, encoding) of a file already in memory; plain UTF-8 text is decoded once."""
    head = data[:_HEAD_BYTES]
    if _bom_encoding(head) is None and b"\x00" not in head and _utf16_without_bom(head) is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if len(head) - len(head.translate(None, _CONTROL_BYTES)) <= _CONTROL_SHARE * len(head):
                return text, "utf-8"
    encoding = _detect(io.BytesIO(data), display)
    return data.decode(encoding, errors="replace"), encoding


def detect_encoding(path: Path, display: str) -> str:
    """Return the codec to read ``path`` with, or raise ``ReadError(kind="binary")``.

    A byte-order mark decides first (``"utf-8-sig"``, ``"utf-16"``,
    ``"utf-32"``), then a zero-byte pattern typical of UTF-16 without a BOM
    (``"utf-16-le"``/``"utf-16-be"``); a file whose first 8 KB hold NUL bytes
    or mostly control characters is binary. Otherwise the whole file is checked
    as strict UTF-8 in chunks (constant memory), falling back to ``"cp1252"``
    and then ``"latin-1"``; an empty file gives ``"utf-8"``.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    str
        A codec name for :func:`open`.
    """
    with _guard(display), open_regular(path, display) as stream:
        return _detect(stream, display)


def _decodes(handle: IO[bytes], codec: str) -> bool:
    """Whether the whole file decodes with ``codec``, read in chunks; rewinds the file."""
    try:
        if not codecs.lookup(codec)._is_text_encoding:  # "hex", "rot13": not a character encoding
            return False
        decoder = codecs.getincrementaldecoder(codec)("strict")
        while chunk := handle.read(_SCAN_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except (ValueError, LookupError, TypeError):
        return False
    finally:
        handle.seek(0)
    return True


def _utf8_beyond_ascii(handle: IO[bytes]) -> bool:
    """Whether the whole file is valid UTF-8 holding at least one multi-byte character; rewinds the file.

    Such bytes are practically never text in a single-byte codec: cp1252
    text that happens to form valid UTF-8 sequences throughout is rare.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    beyond = False
    try:
        while chunk := handle.read(_SCAN_BYTES):
            decoder.decode(chunk)
            beyond = beyond or not chunk.isascii()
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        handle.seek(0)
    return beyond
