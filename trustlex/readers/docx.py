"""Word documents (``.docx``): paragraphs streamed from ``word/document.xml``, under an unpack limit."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from trustlex.errors import ReadError
from trustlex.readers.clean import _blocks
from trustlex.readers.files import _corrupt, _empty_file, _guard, _is_empty, open_regular
from trustlex.readers.results import TextDocument
from trustlex.readers.zipparts import _DOCX_RATIO, _MAX_DOCX_XML, _XML_CHUNK, _member_limit

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # expat: "uri}name"
_W_P = _W + "p"
_W_T = _W + "t"
_W_TAB = _W + "tab"
_W_BREAKS = frozenset({_W + "br", _W + "cr"})
_W_HYPHEN = _W + "noBreakHyphen"
# Property elements hold tab-stop definitions (also w:tab) that are not text.
_W_PROPS = frozenset({_W + "pPr", _W + "rPr"})


class _DocxParagraphs:
    """Collect the paragraphs of a WordprocessingML stream with expat, one paragraph at a time.

    Each ``w:p`` (body text, table cell, list item, text box) is its own
    paragraph; text boxes nest paragraphs inside paragraphs, so the text
    being collected is a stack. Finished non-empty paragraphs wait in
    ``done`` until the caller takes them, so memory holds one chunk of XML
    and the paragraphs of that chunk, whatever the document's size.
    """

    def __init__(self, display: str) -> None:
        import xml.parsers.expat

        self.display = display
        self.stack: list[list[str]] = []
        self.done: list[str] = []
        self.in_text = 0
        self.in_props = 0
        parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        # Word never writes a DTD; refusing one rules out entity-expansion tricks
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        self.parser = parser

    def _doctype(self, *_args: object) -> None:
        msg = "corrupt DOCX: document.xml declares a DTD"
        raise ReadError(msg, path=self.display, kind="corrupt")

    def _start(self, name: str, _attrs: object) -> None:
        if name == _W_P:
            self.stack.append([])
        elif name == _W_T:
            self.in_text += 1
        elif name in _W_PROPS:
            self.in_props += 1
        elif self.stack and not self.in_props:
            if name == _W_TAB:
                self.stack[-1].append("\t")
            elif name in _W_BREAKS:
                self.stack[-1].append("\n")
            elif name == _W_HYPHEN:
                self.stack[-1].append("-")

    def _end(self, name: str) -> None:
        if name == _W_P and self.stack:
            text = "".join(self.stack.pop())
            if text.strip():
                self.done.append(text)
        elif name == _W_T:
            self.in_text -= 1
        elif name in _W_PROPS:
            self.in_props -= 1

    def _data(self, data: str) -> None:
        if self.in_text and self.stack:
            self.stack[-1].append(data)

    def feed(self, chunk: bytes, final: bool = False) -> list[str]:
        """Parse one chunk; return the paragraphs it finished."""
        self.parser.Parse(chunk, final)
        out, self.done = self.done, []
        return out


def _docx_paragraphs(path: Path, display: str) -> Iterator[str]:
    """Yield the non-empty paragraphs of a DOCX, streaming its document.xml in bounded memory."""
    with _guard(display), open_regular(path, display) as handle, zipfile.ZipFile(handle) as archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            msg = "corrupt DOCX: no word/document.xml (not a Word document?)"
            raise ReadError(msg, path=display, kind="corrupt") from None
        limit = _member_limit(info)
        if info.file_size > limit:
            msg = _too_large_docx(info.file_size, info.compress_size)
            raise ReadError(msg, path=display, kind="too-large")
        paragraphs = _DocxParagraphs(display)
        read = 0
        with archive.open(info) as xml:
            while chunk := xml.read(_XML_CHUNK):
                read += len(chunk)
                if read > limit:  # the header's size can lie: count what really comes out
                    raise ReadError(_too_large_docx(read, info.compress_size), path=display, kind="too-large")
                yield from paragraphs.feed(chunk)
            yield from paragraphs.feed(b"", final=True)


def _too_large_docx(size: int, packed: int) -> str:
    return (
        f"DOCX text part unpacks to more than {size:,} bytes from {packed:,} "
        f"(over {_DOCX_RATIO} times its packed size or {_MAX_DOCX_XML:,} bytes): a zip bomb?"
    )


def _docx_blocks(path: Path, display: str) -> Iterator[str]:
    """The DOCX's text in blocks: paragraphs (cells, list items) separated by a blank line.

    A blank line ends a sentence, so a negation in one bullet or table cell
    cannot reach the concept in the next. Any parse failure is a ``corrupt``
    ReadError naming the file.
    """
    pieces = (("\n\n" if i else "") + p for i, p in enumerate(_docx_paragraphs(path, display)))
    try:
        yield from _blocks(pieces)
    except ReadError:
        raise
    except Exception as exc:  # an untrusted file can break a parser in any way
        error = _corrupt(display, "DOCX", exc)
        if _plain_text(path):  # "File is not a zip file" alone left the user to guess why
            error = ReadError(
                f"{error.detail}; it holds plain text, not a Word document: rename it to .txt to score it",
                path=display,
                kind="corrupt",
            )
        raise error from exc


def _plain_text(path: Path) -> bool:
    """Whether a file named .docx starts as plain UTF-8 text (a text file renamed, or saved as .docx)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or head.startswith(b"PK") or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut at the 4,096th byte is still text
        return exc.start >= len(head) - 3
    return True


def _read_docx(path: Path, display: str) -> TextDocument:
    blocks = _docx_blocks(path, display)
    # read the head now, so that a file that is no DOCX at all, or one without text, is reported when opened
    first = next(blocks, None)
    if first is None:
        msg = "no text in the document (only images, or empty pages?): nothing to score"
        raise ReadError(msg, path=display, kind="no-text")
    return TextDocument(blocks=chain((first,), blocks), encoding=None)


def read_docx(path: str | Path, display: str) -> TextDocument:
    """Read the text of a Word document as blocks, one paragraph (cell, list item) per blank-line-ended line.

    ``word/document.xml`` is parsed as it unpacks; reading stops with
    ``too-large`` once it unpacks to far more than its packed size.

    Parameters
    ----------
    path : str or Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The text in blocks; ``encoding`` is ``None``.

    Raises
    ------
    ReadError
        Kind ``vanished``, ``unreadable``, ``not-a-file``, ``corrupt`` or ``too-large``
        (the first block is read at once, so a file that is no DOCX is reported here);
        ``empty`` for a file of 0 bytes (no DOCX at all: a copy or download cut off)
        and ``no-text`` for a document without any text (only images, say).
    """
    path = Path(path)
    if _is_empty(path, display):
        raise _empty_file(display, "DOCX")
    return _read_docx(path, display)
