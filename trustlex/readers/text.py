"""Plain text and Markdown (``.txt``, ``.md``): small files read whole, large ones streamed in blocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from trustlex.readers.clean import _READ_CHARS, BLOCK_CHARS, _blocks, text_blocks
from trustlex.readers.encoding import _decode_small, detect_encoding
from trustlex.readers.files import _guard, open_regular
from trustlex.readers.results import TextDocument

_SMALL_FILE = 1_000_000  # bytes: smaller plain-text files are read whole


def _plain_blocks(path: Path, display: str, encoding: str) -> Iterator[str]:
    with _guard(display), open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        yield from _blocks(iter(lambda: handle.read(_READ_CHARS), ""))


def read_plain(path: str | Path, display: str) -> TextDocument:
    """Read a plain-text or Markdown file as blocks, its codec guessed.

    A file of up to a megabyte is read and decoded at once; a larger one is
    streamed from disk in blocks. Line endings come out as newlines, as text-mode reading gives.

    Parameters
    ----------
    path : str or Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The text in blocks of at most ``BLOCK_CHARS`` characters, and the codec used
        (``"utf-8"`` for an empty file).

    Raises
    ------
    ReadError
        Kind ``vanished``, ``unreadable``, ``not-a-file`` or ``binary``; errors
        while streaming a large file surface during iteration.
    """
    # one open and read for the many small files; only big ones are streamed
    with _guard(display), open_regular(path, display) as stream:
        data = stream.read(_SMALL_FILE + 1)
    if not data:
        return TextDocument(blocks=iter(()), encoding="utf-8")
    if len(data) <= _SMALL_FILE:
        text, encoding = _decode_small(data, display)
        if "\r" in text:  # universal newlines, as the streamed path's text-mode reading gives
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        blocks = iter((text,)) if len(text) <= BLOCK_CHARS else text_blocks(text)
        return TextDocument(blocks=blocks, encoding=encoding)
    encoding = detect_encoding(Path(path), display)
    return TextDocument(blocks=_plain_blocks(Path(path), display, encoding), encoding=encoding)
