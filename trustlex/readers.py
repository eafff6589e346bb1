"""Turn files into document text: plain text, HTML, DOCX and PDF documents, and table rows.

Text documents come out as a stream of blocks of at most ``BLOCK_CHARS``
characters, cut at line boundaries where possible, so a 40 MB transcript never
sits in memory as one string. Tables (CSV, TSV, JSONL, XLSX) come out row by
row from a generator, with a detected or named text column; a malformed row is
yielded as a :class:`~trustlex.errors.ReadError` so one bad line does not lose
the rest of the file. Problems with a whole file (missing, unreadable, binary,
corrupt, encrypted, no text column) are raised as ``ReadError`` whose ``path``
is the ``display`` string the caller passed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import IO, Any

from trustlex.errors import ReadError

TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".jsonl", ".xlsx")
BLOCK_CHARS = 100_000

TEXT_COLUMN_NAMES: tuple[str, ...] = (
    "text",
    "comment",
    "comments",
    "answer",
    "response",
    "review",
    "body",
    "content",
    "message",
    "opmerking",
    "opmerkingen",
    "toelichting",
    "tekst",
    "antwoord",
    "reactie",
)

NO_TEXT_LAYER = "no text layer (scanned PDF?)"

_HEAD_BYTES = 8192
_SCAN_BYTES = 256 * 1024  # small enough that the decoded chunk stays well under a megabyte or two
_READ_CHARS = 64 * 1024
_SNIFF_CHARS = 64 * 1024
_SAMPLE_ROWS = 200
_FIELD_LIMIT = 64 * 1024 * 1024
_MAX_DOCX_XML = 512 * 1024 * 1024  # a zip bomb guard; real document.xml files are far smaller
_CONTROL_SHARE = 0.3
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_BREAK_SPACES = (" ", "\t", "\r", "\f", "\v", "\u00a0")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")

# Long free-text answers exceed csv's default 128 KB field limit; never lower a limit set elsewhere.
csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))


@dataclass
class TextDocument:
    """A document's text as a stream of blocks.

    ``blocks`` yields the text in order, each block at most ``BLOCK_CHARS``
    characters; joined, they give the whole text. ``encoding`` is the codec
    used for byte-level text files (``None`` for DOCX and PDF); ``note``
    explains an empty result that is not an error, such as a scanned PDF.
    """

    blocks: Iterator[str]
    encoding: str | None
    note: str | None = None


@dataclass
class Row:
    """One data row of a table.

    ``row`` is the 1-based data row number in the whole file (the header is
    not counted; for JSONL it is the line number), ``text`` the text column's
    value (``""`` when empty), ``doc_id`` the id column's value or ``None``,
    and ``meta`` every column other than the text column, values as read.
    """

    row: int
    text: str
    doc_id: Any
    meta: dict[str, Any]


@dataclass
class TableInfo:
    """The text column chosen for a table, all its columns, and the codec used (``None`` for XLSX)."""

    text_column: str
    columns: list[str]
    encoding: str | None


@dataclass(frozen=True)
class Mark:
    """Where data row ``start`` (0-based) of a CSV, TSV or JSONL table begins, so reading can seek there.

    ``position`` is the text file's opaque ``tell()`` cookie (it carries the
    decoder's state, so UTF-16 works too) and ``line`` the number of physical
    lines before the row (for error messages). Marks come from
    :func:`scan_table` and hold only for the file as it was scanned.
    """

    start: int
    position: int
    line: int


# --------------------------------------------------------------------------- helpers


def open_regular(
    path: str | Path,
    display: str,
    mode: str = "rb",
    *,
    encoding: str | None = None,
    errors: str | None = None,
    newline: str | None = None,
) -> IO[Any]:
    """Open ``path`` like :func:`open`, refusing anything but a regular file.

    A named pipe opened for reading waits for a writer forever and a device
    never ends; the file is opened without blocking and checked before one
    byte is read (a check on the path alone could be raced). Raises
    ``ReadError(kind="not-a-file")``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            msg = "cannot read file: Is a directory"
            raise ReadError(msg, path=display, kind="unreadable")
        if not stat.S_ISREG(kind):
            msg = "not a regular file (a named pipe, socket or device)"
            raise ReadError(msg, path=display, kind="not-a-file")
        return os.fdopen(fd, mode, encoding=encoding, errors=errors, newline=newline)
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def _guard(display: str) -> Iterator[None]:
    """Turn operating-system errors into ReadError with a stable kind."""
    try:
        yield
    except ReadError:
        # ReadError is itself an OSError; it must pass through untouched.
        raise
    except FileNotFoundError as exc:
        msg = "file not found (moved or deleted?)"
        raise ReadError(msg, path=display, kind="vanished") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ReadError(f"cannot read file: {reason}", path=display, kind="unreadable") from exc


def _corrupt(display: str, what: str, exc: BaseException) -> ReadError:
    detail = str(exc).strip() or type(exc).__name__
    return ReadError(f"corrupt or unreadable {what}: {detail}", path=display, kind="corrupt")


def kind_of(path: str | Path) -> str | None:
    """Return ``"text"``, ``"table"`` or ``None`` for ``path``, judged by its suffix.

    The suffix is compared case-insensitively with ``TEXT_SUFFIXES`` and
    ``TABLE_SUFFIXES``; anything else is unsupported and gives ``None``.
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in TABLE_SUFFIXES:
        return "table"
    return None


_SENTENCE_ENDS = (". ", "! ", "? ", ".\u00a0", '." ', ".) ")


def _cut(buf: str, limit: int) -> int:
    """Where to end the next block of ``buf``: after a newline, a sentence end, a space, else hard.

    A block boundary also ends a sentence for the scorer, so a negation
    must not land in one block and its concept in the next: a sentence end
    in the block's second half is preferred to a mere space.
    """
    newline = buf.rfind("\n", 0, limit)
    if newline >= 0:
        return newline + 1
    end = max(buf.rfind(mark, limit // 2, limit) for mark in _SENTENCE_ENDS)
    if end >= 0:
        return end + 2
    space = max(buf.rfind(c, 0, limit) for c in _BREAK_SPACES)
    if space > 0:
        return space + 1
    return limit


def _blocks(pieces: Iterable[str], limit: int = BLOCK_CHARS) -> Iterator[str]:
    """Re-cut a stream of text pieces into blocks of at most ``limit`` characters."""
    buf = ""
    for piece in pieces:
        buf += piece
        # Wait while the buffer fits: the next piece may still end the current line.
        while len(buf) > limit:
            cut = _cut(buf, limit)
            yield buf[:cut]
            buf = buf[cut:]
    if buf:
        yield buf


def _pieces(text: str) -> Iterator[str]:
    for i in range(0, len(text), _READ_CHARS):
        yield text[i : i + _READ_CHARS]


LONG_RUN = 1_000  # characters: a longer stretch without whitespace is not language
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def defuse(text: str) -> str:
    """Return ``text`` with every stretch of more than :data:`LONG_RUN` non-space characters blanked.

    Such a stretch (a base64 blob, a 5 MB "word") is not language, and
    spaCy's tokenizer can take very long over it. Blanking keeps every other
    character offset where it was.
    """
    if len(text) <= LONG_RUN or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


def text_blocks(text: str, limit: int = BLOCK_CHARS) -> Iterator[str]:
    """Yield ``text`` in blocks of at most ``limit`` characters, cut at a line break, sentence end or space.

    A long text goes to spaCy block by block (its length limit, flat
    memory); cutting at whitespace keeps every word whole, and a sentence
    end is preferred to a bare space (see ``_cut``). Only a run of ``limit``
    characters without any whitespace is cut hard. An empty text gives no
    blocks.
    """
    return _blocks(_pieces(text), limit)


_MAX_CARRY = 1_000  # characters of whitespace carried from one block into the next


def carry_whitespace(blocks: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Yield (text, offset in the document) per block, each block's trailing whitespace moved on.

    spaCy makes whitespace after a sentence's final stop a sentence of its
    own when nothing follows it; within one text it joins the next
    sentence. Moving it to the next block makes a document scored in
    blocks count exactly the sentences of the same document in one piece.
    Only the last :data:`_MAX_CARRY` characters of a longer run travel on
    (offsets still count the rest), so a million blank lines neither pile up
    past spaCy's length limit nor get copied again for every block; a blank
    line in the part left behind is kept, as it ends a sentence.
    """
    prev: str | None = None
    offset = 0
    for raw in blocks:
        if prev is not None:
            body = prev.rstrip()
            yield body, offset
            offset += len(body)
            carry = prev[len(body) :]
            if len(carry) > _MAX_CARRY:
                dropped = len(carry) - _MAX_CARRY
                kept = carry[dropped:]
                if kept.count("\n") < 2 <= carry.count("\n"):
                    kept = "\n\n" + kept[2:]  # whitespace for whitespace: offsets stay right
                offset += dropped
                carry = kept
            raw = carry + raw
        prev = raw
    if prev is not None:
        yield prev, offset


# --------------------------------------------------------------------------- encodings


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
    """
    with _guard(display), open_regular(path, display) as stream:
        return _detect(stream, display)


# --------------------------------------------------------------------------- text documents


_SMALL_FILE = 1_000_000  # bytes: smaller plain-text files are read whole


def _plain_blocks(path: Path, display: str, encoding: str) -> Iterator[str]:
    with _guard(display), open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        yield from _blocks(iter(lambda: handle.read(_READ_CHARS), ""))


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding standard); so do we.
_AS_CP1252 = frozenset({"iso8859-1", "ascii", "cp1252"})

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "noscript", "base", "template"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "hr",
        "main",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "form",
        "address",
        "body",
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")


# Where a browser starts a new line without a new block: a line break, not a sentence end.
_LINE_TAGS = frozenset({"br"})
_BLOCK = "\x00"  # a block boundary in the collected parts (never in the page's text: see handle_data)
_MAX_PENDING = 1 << 20  # characters of one block held before they are passed on anyway


class _VisibleText(HTMLParser):
    """Collect the text a browser would show, with a boundary at each block element.

    Block elements (paragraphs, headings, list items, table cells,
    navigation) become paragraphs separated by a blank line, which ends a
    sentence: a breadcrumb, a heading and the first paragraph are three
    units, not one. ``<br>`` is a line break inside its block. Text is
    taken out as it completes (:meth:`take`), so a page is read in bounded
    memory whatever its size.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Pages often omit </head>; like a browser, the first body content ends it.
        if self.skip and self.skip[-1] == "head" and tag not in _HEAD_TAGS:
            self.skip.pop()
        if tag == "body" and "head" in self.skip:
            del self.skip[self.skip.index("head") :]
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BLOCK)
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag in self.skip:
                where = len(self.skip) - 1 - self.skip[::-1].index(tag)
                del self.skip[where:]
        elif tag in _BLOCK_TAGS and tag not in _LINE_TAGS:
            self.parts.append(_BLOCK)
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace(_BLOCK, " ")
        # Outside <pre> a source line break is only a space, as in a browser.
        self.parts.append(data if self.pre else _ANY_SPACE.sub(" ", data))

    def take(self, final: bool = False) -> str:
        """Return the text of the blocks completed so far (all of it when ``final``).

        Each block's lines are trimmed and empty ones dropped; blocks with
        text are joined by a blank line, and the text returned ends with one
        when more may follow, so pieces taken in turn join up correctly.
        """
        joined = "".join(self.parts)
        cut = len(joined) if final else joined.rfind(_BLOCK)
        tail = "\n\n"
        if cut <= 0 and len(joined) > _MAX_PENDING:
            # one huge block (a page without markup): pass it on at a space, as running text
            cut = max(joined.rfind(" "), joined.rfind("\n"), 1)
            tail = " "
        if cut <= 0:
            return ""
        self.parts = [joined[cut:]] if cut < len(joined) else []
        out = []
        for block in joined[:cut].split(_BLOCK):
            lines = (_SPACES.sub(" ", line).strip() for line in block.split("\n"))
            text = "\n".join(line for line in lines if line)
            if text:
                out.append(text + "\n\n")
        if out and tail == " ":
            out[-1] = out[-1][:-2] + " "
        return "".join(out)


def _html_encoding(handle: IO[bytes], display: str) -> str:
    """The codec of an HTML file: its BOM, else a meta charset the bytes bear out, else the bytes'."""
    head = handle.read(4096)
    handle.seek(0)
    bom = _bom_encoding(head[:4])
    if bom is not None:
        return bom
    match = _META_CHARSET.search(head)
    if match is not None:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            declared = None
        # A utf-16/32 label in an ASCII-readable file is a lie browsers ignore too.
        if declared is not None and not declared.startswith(("utf-16", "utf-32")):
            codec = "cp1252" if declared in _AS_CP1252 else declared
            if _decodes(handle, codec):
                return codec
            # a wrong declaration (or a non-text codec name) is common; trust the bytes instead
    return _detect(handle, display)


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


def _html_pieces(path: Path, display: str, encoding: str) -> Iterator[str]:
    """The visible text of an HTML file, fed to the parser a chunk at a time (bounded memory)."""
    with _guard(display), open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        parser = _VisibleText()
        pending = ""  # held back one round: the last piece must not end with a blank line
        while chunk := handle.read(_READ_CHARS):
            parser.feed(chunk)
            if text := parser.take():
                if pending:
                    yield pending
                pending = text
        parser.close()
        last = (pending + parser.take(final=True)).rstrip("\n")
        if last:
            yield last


def _read_html(path: Path, display: str) -> TextDocument:
    with _guard(display), open_regular(path, display) as handle:
        encoding = _html_encoding(handle, display)
    return TextDocument(blocks=_blocks(_html_pieces(path, display, encoding)), encoding=encoding)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # expat: "uri}name"
_W_P = _W + "p"
_W_T = _W + "t"
_W_TAB = _W + "tab"
_W_BREAKS = frozenset({_W + "br", _W + "cr"})
_W_HYPHEN = _W + "noBreakHyphen"
# Property elements hold tab-stop definitions (also w:tab) that are not text.
_W_PROPS = frozenset({_W + "pPr", _W + "rPr"})
# A DOCX is a zip: its document.xml may unpack to far more than the file. Real documents
# compress 5 to 20 times; a zip bomb of empty paragraphs a thousand times. Reading stops
# at this many times the packed size (never less than the floor), which bounds the time.
_DOCX_RATIO = 100
_DOCX_FLOOR = 32 * 1024 * 1024
_XML_CHUNK = 256 * 1024


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
        limit = min(_MAX_DOCX_XML, max(_DOCX_FLOOR, _DOCX_RATIO * info.compress_size))
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
        raise _corrupt(display, "DOCX", exc) from exc


def _docx_text(path: Path, display: str) -> str:
    """The whole text of a DOCX (see :func:`_docx_blocks`); for callers that need one string."""
    return "".join(_docx_blocks(path, display))


def _extract(path: Path, display: str, label: str, extract: Any) -> str:
    """Run ``extract(handle, display)`` on the opened file; any parse failure means "corrupt"."""
    with _guard(display), open_regular(path, display) as handle:
        try:
            return extract(handle, display)
        except ReadError:
            raise
        except Exception as exc:  # an untrusted file can break a parser in any way
            raise _corrupt(display, label, exc) from exc


def _read_docx(path: Path, display: str) -> TextDocument:
    blocks = _docx_blocks(path, display)
    # read the head now, so that a file that is no DOCX at all is reported when opened
    first = next(blocks, None)
    return TextDocument(blocks=chain(() if first is None else (first,), blocks), encoding=None)


def _pdf_text(handle: IO[bytes], display: str) -> str:
    import pypdf  # deferred: only PDF reading pays its import time

    reader = pypdf.PdfReader(handle)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # e.g. AES without the optional crypto library
            raise ReadError(f"encrypted PDF cannot be opened: {exc}", path=display, kind="encrypted") from exc
        if opened == pypdf.PasswordType.NOT_DECRYPTED:
            msg = "encrypted PDF (password required)"
            raise ReadError(msg, path=display, kind="encrypted")
    pages = []
    for number, page in enumerate(reader.pages, 1):
        try:
            pages.append(page.extract_text() or "")
        except Exception as exc:
            raise _corrupt(display, f"PDF (page {number})", exc) from exc
    return "\n\n".join(pages)


def _read_pdf(path: Path, display: str) -> TextDocument:
    text = _extract(path, display, "PDF", _pdf_text)
    if not text.strip():
        return TextDocument(blocks=iter(()), encoding=None, note=NO_TEXT_LAYER)
    return TextDocument(blocks=text_blocks(text), encoding=None)


def read_text_document(path: str | Path, display: str) -> TextDocument:
    """Open a text document (txt, md, html, htm, docx, pdf) and return its text as blocks.

    Plain text and Markdown are streamed from disk; HTML keeps only visible
    text with a line break per block element; DOCX gives one line per
    paragraph; PDF joins pages with a blank line. An empty file gives no
    blocks. Raises ``ReadError`` (kind ``vanished``, ``unreadable``,
    ``binary``, ``corrupt``, ``encrypted`` or ``unsupported``) for files that
    cannot be read; errors while streaming plain text surface during iteration.
    """
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in TEXT_SUFFIXES:
        msg = f"not a text document type: {suffix or '(no suffix)'}"
        raise ReadError(msg, path=display, kind="unsupported")
    if suffix in (".txt", ".md"):
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
    path = Path(path)
    with _guard(display):
        size = os.stat(path).st_size
    if size == 0:
        return TextDocument(blocks=iter(()), encoding="utf-8" if suffix in (".html", ".htm") else None)
    if suffix in (".html", ".htm"):
        return _read_html(path, display)
    if suffix == ".docx":
        return _read_docx(path, display)
    return _read_pdf(path, display)


# --------------------------------------------------------------------------- tables

# (row number, record); None is a blank row: numbered, so that marks can fall on it, never read as data
_Record = tuple[int, dict[str, Any] | ReadError | None]


def _table_format(path: Path, display: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ReadError(f"not a table type: {suffix or '(no suffix)'}", path=display, kind="unsupported")
    return suffix[1:]


def _unique_names(raw: Iterable[Any]) -> list[str]:
    cleaned = ["" if name is None else str(name).replace("\ufeff", "").strip() for name in raw]
    taken = set(cleaned)
    names: list[str] = []
    used: set[str] = set()
    for position, name in enumerate(cleaned, 1):
        if name and name not in used:
            names.append(name)
            used.add(name)
            continue
        base, n = (name, 2) if name else ("column", position)
        while f"{base}_{n}" in used or f"{base}_{n}" in taken:
            n += 1
        names.append(f"{base}_{n}")
        used.add(names[-1])
    return names


def _sniff_delimiter(sample: str, complete: bool) -> str:
    if not complete and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]  # drop the cut-off last line
    best, best_score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t", "|"):
        counts: list[int] = []
        try:
            for fields in csv.reader(io.StringIO(sample), delimiter=delimiter):
                if fields:
                    counts.append(len(fields))
        except csv.Error:
            pass
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_table(
    path: Path, display: str, fmt: str, encoding: str | None = None, mark: Mark | None = None
) -> tuple[list[str], str | None, Iterator[_Record], IO[str], Callable[[], int]]:
    """Open a CSV or TSV table.

    Returns its columns, encoding, records, the open file, and a function
    giving how many physical lines lie before the file's current position.
    """
    encoding = encoding or detect_encoding(path, display)
    handle = open_regular(path, display, "r", encoding=encoding, errors="replace", newline="")
    try:
        if fmt == "tsv":
            delimiter = "\t"
        else:
            sample = handle.read(_SNIFF_CHARS)
            delimiter = _sniff_delimiter(sample, complete=len(sample) < _SNIFF_CHARS)
            handle.seek(0)
        # readline, not iteration: iterating a text file disables tell(), which marks need
        reader = csv.reader(iter(handle.readline, ""), delimiter=delimiter)
        header: list[str] = []
        for fields in reader:
            if any(f.strip() for f in fields):
                header = fields
                break
        first, line_base = 0, 0
        if mark is not None:
            handle.seek(mark.position)
            first, line_base = mark.start, mark.line - reader.line_num
    except BaseException:
        handle.close()
        raise
    columns = _unique_names(header)
    records = _csv_records(reader, columns, display, first, line_base)
    return columns, encoding, records, handle, lambda: reader.line_num + line_base


def _csv_records(
    reader: Any, columns: list[str], display: str, number: int = 0, line_base: int = 0
) -> Iterator[_Record]:
    """Yield ``(row number, record)`` from a CSV reader.

    After a seek, ``number`` rows lie before the reader's position and
    ``line_base`` physical lines more than the reader has counted.
    """
    width = len(columns)
    while True:
        first_line = reader.line_num + line_base + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            msg = f"line {first_line}: malformed CSV row ({exc})"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        number += 1
        if len(fields) > width:
            last_line = reader.line_num + line_base
            lines = f"line {first_line}" if last_line == first_line else f"lines {first_line}-{last_line}"
            msg = f"{lines}: {len(fields)} fields but the header has {width}"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        if not any(fields):
            yield number, None
            continue
        fields += [""] * (width - len(fields))
        yield number, dict(zip(columns, fields, strict=True))


def _json_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _jsonl_objects(handle: IO[str], display: str, before: int = 0) -> Iterator[_Record]:
    # readline, not iteration: iterating a text file disables tell(), which marks need
    for number, line in enumerate(iter(handle.readline, ""), before + 1):
        stripped = line.strip()
        if not stripped:
            yield number, None
            continue
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError) as exc:
            msg = f"line {number}: not valid JSON ({exc})"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        if not isinstance(value, dict):
            msg = f"line {number}: a JSON {type(value).__name__}, not an object"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        yield number, value


def _jsonl_table(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> tuple[list[str], str | None, Iterator[_Record], IO[str]]:
    encoding = encoding or detect_encoding(path, display)
    seen: dict[str, None] = {}
    with open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        objects = (obj for _, obj in _jsonl_objects(handle, display) if isinstance(obj, dict))
        for obj in islice(objects, _SAMPLE_ROWS):
            seen.update(dict.fromkeys(obj))
    columns = list(seen)
    handle = open_regular(path, display, "r", encoding=encoding, errors="replace")
    if mark is not None:
        handle.seek(mark.position)
    before = mark.line if mark is not None else 0
    return columns, encoding, _jsonl_records(handle, columns, display, before), handle


def _jsonl_records(handle: IO[str], columns: list[str], display: str, before: int = 0) -> Iterator[_Record]:
    for number, obj in _jsonl_objects(handle, display, before):
        if obj is None or isinstance(obj, ReadError):
            yield number, obj
            continue
        record = dict.fromkeys(columns)
        record.update((key, _json_value(value)) for key, value in obj.items())
        yield number, record


# --------------------------------------------------------------------------- XLSX

_X = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"  # expat: "uri}name"
_X_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships}"
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b[^>]*?(/?)>")
# Excel's built-in number formats that show a date or time (ECMA-376 18.8.30)
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_CODE_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _is_date_code(code: str) -> bool:
    """Whether a custom number format shows a date or time (quoted text and [colours] aside)."""
    return bool(_DATE_CODE.search(_CODE_NOISE.sub("", code.split(";")[0])))


def _column_index(ref: str) -> int | None:
    """The 0-based column of a cell reference such as ``"AB12"``."""
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    return n - 1 if n else None


def _member_limit(info: zipfile.ZipInfo) -> int:
    return min(_MAX_DOCX_XML, max(_DOCX_FLOOR, _DOCX_RATIO * info.compress_size))


def _read_member(archive: zipfile.ZipFile, name: str, display: str) -> Iterator[bytes]:
    """Stream one part of an XLSX, refusing one that unpacks far beyond its packed size."""
    info = archive.getinfo(name)
    limit = _member_limit(info)
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_XML_CHUNK):
            read += len(chunk)
            if read > limit:
                msg = f"XLSX part {name} unpacks to more than {limit:,} bytes: a zip bomb?"
                raise ReadError(msg, path=display, kind="too-large")
            yield chunk


def _parse_part(
    archive: zipfile.ZipFile, name: str, display: str, start: Any, end: Any, data: Any = None
) -> None:
    """Run expat over one XML part with the given handlers; a DTD is refused."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data

    def refuse(*_args: object) -> None:
        msg = f"corrupt XLSX: {name} declares a DTD"
        raise ReadError(msg, path=display, kind="corrupt")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    for chunk in _read_member(archive, name, display):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _Workbook:
    """What reading the first sheet of an XLSX needs: its part, shared strings, date styles, epoch."""

    def __init__(self, archive: zipfile.ZipFile, display: str) -> None:
        self.archive = archive
        self.display = display
        self.sheet, self.date1904 = self._first_sheet()
        self.shared = self._shared_strings()
        self.date_styles = self._date_styles()

    def _first_sheet(self) -> tuple[str | None, bool]:
        sheets: list[str] = []
        flags = {"date1904": False}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == _X + "sheet":
                sheets.append(attrs.get(_X_REL + "id", ""))
            elif name == _X + "workbookPr":
                flags["date1904"] = attrs.get("date1904", "0").lower() in ("1", "true")

        _parse_part(self.archive, "xl/workbook.xml", self.display, start, lambda _n: None)
        if not sheets:
            return None, flags["date1904"]
        targets: dict[str, str] = {}

        def rel(name: str, attrs: dict[str, str]) -> None:
            if name == _PKG_REL + "Relationship":
                targets[attrs.get("Id", "")] = attrs.get("Target", "")

        _parse_part(self.archive, "xl/_rels/workbook.xml.rels", self.display, rel, lambda _n: None)
        target = targets.get(sheets[0], "")
        if not target:
            msg = "corrupt XLSX: the first sheet has no part"
            raise ReadError(msg, path=self.display, kind="corrupt")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return str(PurePosixPath(part)), flags["date1904"]

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings: list[str] = []
        parts: list[str] = []
        state = {"t": 0, "phonetic": 0}

        def start(name: str, _attrs: dict[str, str]) -> None:
            if name == _X + "si":
                parts.clear()
            elif name == _X + "t":
                state["t"] += 1
            elif name == _X + "rPh":  # phonetic guide text is not part of the string
                state["phonetic"] += 1

        def end(name: str) -> None:
            if name == _X + "si":
                strings.append("".join(parts))
            elif name == _X + "t":
                state["t"] -= 1
            elif name == _X + "rPh":
                state["phonetic"] -= 1

        def data(text: str) -> None:
            if state["t"] and not state["phonetic"]:
                parts.append(text)

        _parse_part(self.archive, "xl/sharedStrings.xml", self.display, start, end, data)
        return strings

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.archive.namelist():
            return frozenset()
        custom: dict[int, str] = {}
        formats: list[int] = []
        state = {"xfs": 0}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == _X + "numFmt":
                custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif name == _X + "cellXfs":
                state["xfs"] += 1
            elif name == _X + "xf" and state["xfs"]:
                formats.append(int(attrs.get("numFmtId", "0")))

        def end(name: str) -> None:
            if name == _X + "cellXfs":
                state["xfs"] -= 1

        _parse_part(self.archive, "xl/styles.xml", self.display, start, end)
        return frozenset(
            i
            for i, fmt in enumerate(formats)
            if fmt in _DATE_FORMAT_IDS or (fmt in custom and _is_date_code(custom[fmt]))
        )

    def number(self, text: str, style: int) -> Any:
        """A numeric cell's value: int, float, or a datetime where its style shows a date."""
        value: Any = float(text) if any(c in text for c in ".eE") else int(text)
        if style in self.date_styles:
            return _excel_date(float(value), self.date1904)
        return value


def _excel_date(serial: float, date1904: bool) -> Any:
    """An Excel serial date as a datetime, to the millisecond (a time of day below 1), as openpyxl does."""
    import datetime as dt

    days, fraction = divmod(serial, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and diff.days == 0:
        return (dt.datetime.min + diff).time()
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    if 0 < serial < 60 and not date1904:
        days += 1  # Excel counts a 29 February 1900 that never was
    return base + dt.timedelta(days=days) + diff


class _SheetRows:
    """Rows of a worksheet part, parsed with expat: ``(sheet row number, [values])`` in order."""

    def __init__(self, book: _Workbook) -> None:
        self.book = book
        self.rows: list[tuple[int, list[Any], int]] = []  # (sheet row, values, byte index of its start)
        self.next_row = 1
        self.row: list[Any] | None = None
        self.number = 0
        self.cell: tuple[int, str, int] | None = None  # (column, type, style)
        self.col = 0
        self.text: list[str] = []
        self.in_value = self.in_t = self.phonetic = 0
        self.row_start = 0
        self.parser: Any = None

    def make_parser(self) -> Any:
        import xml.parsers.expat

        parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.buffer_text = True
        self.parser = parser
        return parser

    def _refuse(self, *_args: object) -> None:
        msg = "corrupt XLSX: the sheet declares a DTD"
        raise ReadError(msg, path=self.book.display, kind="corrupt")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _X + "c":
            ref = attrs.get("r")
            col = _column_index(ref) if ref else None
            self.col = self.col if col is None else col
            self.cell = (self.col, attrs.get("t", "n"), int(attrs.get("s", "0") or 0))
            self.col += 1
            self.text = []
        elif name == _X + "v":
            self.in_value += 1
        elif name == _X + "t":
            self.in_t += 1
        elif name == _X + "rPh":
            self.phonetic += 1
        elif name == _X + "row":
            r = attrs.get("r")
            self.number = int(r) if r else self.next_row
            self.next_row = self.number + 1
            self.row = []
            self.col = 0
            self.row_start = self.parser.CurrentByteIndex

    def _end(self, name: str) -> None:
        if name == _X + "c" and self.cell is not None and self.row is not None:
            col, kind, style = self.cell
            value = self._value("".join(self.text), kind, style)
            if value is not None:
                if col >= len(self.row):
                    self.row.extend([None] * (col + 1 - len(self.row)))
                self.row[col] = value
            self.cell = None
        elif name == _X + "v":
            self.in_value -= 1
        elif name == _X + "t":
            self.in_t -= 1
        elif name == _X + "rPh":
            self.phonetic -= 1
        elif name == _X + "row" and self.row is not None:
            self.rows.append((self.number, self.row, self.row_start))
            self.row = None

    def _data(self, text: str) -> None:
        if self.cell is not None and (self.in_value or (self.in_t and not self.phonetic)):
            self.text.append(text)

    def _value(self, text: str, kind: str, style: int) -> Any:
        if kind == "inlineStr" or kind == "str":
            return text
        if not text:
            return None
        if kind == "s":
            return self.book.shared[int(text)]
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "e":
            return text
        if kind == "d":
            import datetime as dt

            return dt.datetime.fromisoformat(text)
        return self.book.number(text, style)


def _sheet_rows(book: _Workbook, mark: Mark | None = None) -> Iterator[tuple[int, list[Any], int]]:
    """Yield ``(sheet row, values, byte index of the row)`` of the first sheet, from ``mark`` on.

    Starting at a mark skips the rows before it without parsing them: the
    sheet's opening (everything up to ``<sheetData>``) is parsed, then the
    bytes up to the mark's row are only unpacked, which is what makes reading
    a long sheet in ranges linear.
    """
    if book.sheet is None:
        return
    rows = _SheetRows(book)
    parser = rows.make_parser()
    chunks = _read_member(book.archive, book.sheet, book.display)
    head = b""
    if mark is not None:
        while (found := _SHEET_DATA.search(head)) is None:
            chunk = next(chunks, b"")
            if not chunk:
                return
            head += chunk
        if found.group(1):  # <sheetData/>: no rows at all
            return
        parser.Parse(head[: found.end()], False)
        rows.next_row = mark.line
        rest = head[found.end() :]
        skip = mark.position - found.end()
        # unpack, don't parse, the rows before the mark
        while skip > len(rest):
            skip -= len(rest)
            rest = next(chunks, b"")
            if not rest:
                return
        # expat's byte index now counts from the fed opening, not the stream: keep the stream's
        base = mark.position - found.end()
        rest = rest[skip:]
        chunks = chain((rest,), chunks)
    else:
        base = 0
    for chunk in chunks:
        parser.Parse(chunk, False)
        for number, values, at in rows.rows:
            yield number, values, at + base
        rows.rows.clear()
    parser.Parse(b"", True)
    for number, values, at in rows.rows:
        yield number, values, at + base


def _xlsx_records(rows: Iterator[tuple[int, list[Any], int]], columns: list[str]) -> Iterator[_Record]:
    """``(data row number, record)`` of sheet rows after the header (row 1); blank rows as None."""
    width = len(columns)
    for number, values, _at in rows:
        if number <= 1:
            continue
        if all(v is None or v == "" for v in values):
            yield number - 1, None  # numbered like the sheet, so users can find rows
            continue
        record = dict(zip(columns, values[:width], strict=False))
        for column in columns[len(values) :]:
            record[column] = None
        for position, value in enumerate(values[width:], width + 1):
            if value is not None:
                record[f"column_{position}"] = value
        yield number - 1, record


@contextmanager
def _xlsx_book(path: Path, display: str) -> Iterator[_Workbook]:
    """Open an XLSX (a zip of XML parts) for reading its first sheet; any failure is ``corrupt``."""
    with open_regular(path, display) as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except Exception as exc:  # not a zip at all
            raise _corrupt(display, "XLSX", exc) from exc
        with archive:
            try:
                yield _Workbook(archive, display)
            except ReadError:
                raise
            except Exception as exc:  # an untrusted file can break a parser in any way
                raise _corrupt(display, "XLSX", exc) from exc


def _xlsx_header(book: _Workbook) -> list[str]:
    header: list[Any] = []
    for number, values, _at in _sheet_rows(book):
        if number == 1:
            header = list(values)
        break
    while header and (header[-1] is None or header[-1] == ""):
        header.pop()
    return _unique_names(header)


@contextmanager
def _xlsx_table(
    path: Path, display: str, mark: Mark | None = None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    with _xlsx_book(path, display) as book:
        try:
            columns = _xlsx_header(book)
            records = _xlsx_records(_sheet_rows(book, mark), columns)
            yield columns, None, _corrupt_on_error(records, display)
        except ReadError:
            raise
        except Exception as exc:
            raise _corrupt(display, "XLSX", exc) from exc


def _corrupt_on_error(records: Iterator[Any], display: str) -> Iterator[Any]:
    """Pass records through; a sheet that breaks halfway is still a corrupt file."""
    try:
        yield from records
    except ReadError:
        raise
    except Exception as exc:
        raise _corrupt(display, "XLSX", exc) from exc


def _scan_xlsx(path: Path, display: str, every: int) -> tuple[int, list[Mark]]:
    """Count an XLSX sheet's data rows and mark where every ``every``-th begins (one pass)."""
    marks: list[Mark] = []
    last = 0
    with _xlsx_book(path, display) as book:
        for number, values, at in _corrupt_on_error(_sheet_rows(book), display):
            index = number - 2  # 0-based data row: the header is sheet row 1
            while index >= (len(marks) + 1) * every:
                marks.append(Mark((len(marks) + 1) * every, at, number))
            if number > 1 and not all(v is None or v == "" for v in values):
                last = number - 1
    return last, [m for m in marks if m.start < last]


@contextmanager
def _open_table(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a table and yield its columns, encoding and a stream of ``(row number, record)``.

    ``encoding``, when already known (:func:`table_info`), spares a scan of the whole file;
    ``mark`` starts the stream at its row instead of the first.
    """
    fmt = _table_format(path, display)
    with _guard(display):
        if fmt == "xlsx":
            with _xlsx_table(path, display, mark) as (columns, encoding, records), closing(records):
                yield columns, encoding, records
            return
        if fmt == "jsonl":
            columns, encoding, records, handle = _jsonl_table(path, display, encoding, mark)
        else:
            columns, encoding, records, handle, _lines = _csv_table(path, display, fmt, encoding, mark)
        try:
            yield columns, encoding, records
        finally:
            records.close()
            handle.close()


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return clean_text(value if isinstance(value, str) else str(value))


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Return ``text`` with lone surrogates (an escaped D800 in JSON) replaced by U+FFFD.

    A surrogate is not a character: it cannot be encoded as UTF-8, so it
    would break tokenizing, hashing and writing the output. The replacement
    keeps every offset where it was.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _detect_text_column(columns: list[str], sample: list[dict[str, Any]]) -> str:
    lowered = {}
    for column in columns:
        lowered.setdefault(column.strip().lower(), column)
    for name in TEXT_COLUMN_NAMES:
        if name in lowered:
            return lowered[name]

    def mean_length(column: str) -> float:
        if not sample:
            return 0.0
        return sum(len(v) if isinstance(v := rec.get(column), str) else 0 for rec in sample) / len(sample)

    # max() keeps the first of equal columns, so file order breaks ties.
    return max(columns, key=mean_length)


def table_info(path: Path, display: str, text_column: str | None = None) -> TableInfo:
    """Return the text column, all columns and the codec of a table (csv, tsv, jsonl, xlsx).

    ``text_column`` is checked when given; otherwise the first column named
    like ``TEXT_COLUMN_NAMES`` (case-insensitive, in that order) is chosen,
    else the column with the longest mean string length over the first 200
    data rows. Raises ``ReadError(kind="missing-text")`` for a named column
    that is absent or a table without columns, and other ``ReadError`` kinds
    for files that cannot be read.
    """
    with _open_table(Path(path), display) as (columns, encoding, records):
        if not columns:
            msg = "table has no columns (empty file or no header)"
            raise ReadError(msg, path=display, kind="missing-text")
        if text_column is not None:
            if text_column not in columns:
                raise ReadError(
                    f"text column {text_column!r} not found; available columns: {', '.join(columns)}",
                    path=display,
                    kind="missing-text",
                )
            return TableInfo(text_column=text_column, columns=columns, encoding=encoding)
        good = (rec for _, rec in records if isinstance(rec, dict))
        sample = list(islice(good, _SAMPLE_ROWS))
        return TableInfo(text_column=_detect_text_column(columns, sample), columns=columns, encoding=encoding)


def _row_stream(
    path: Path,
    display: str,
    info: TableInfo,
    id_column: str | None,
    start: int,
    stop: int | None,
    mark: Mark | None,
) -> Iterator[Row | ReadError]:
    with _open_table(path, display, info.encoding, mark) as (_columns, _encoding, records):
        for number, record in records:
            index = number - 1
            if stop is not None and index >= stop:
                return
            if index < start or record is None:
                continue
            if isinstance(record, ReadError):
                yield record
                continue
            text = _as_text(record.get(info.text_column))
            doc_id = record.get(id_column) if id_column is not None else None
            meta = {key: value for key, value in record.items() if key != info.text_column}
            yield Row(row=number, text=text, doc_id=doc_id, meta=meta)


def read_rows(
    path: Path,
    display: str,
    text_column: str | None = None,
    id_column: str | None = None,
    start: int = 0,
    stop: int | None = None,
    info: TableInfo | None = None,
    mark: Mark | None = None,
) -> Iterator[Row | ReadError]:
    """Stream the data rows of a table whose 0-based index lies in ``[start, stop)``.

    The file is checked before this returns (text column chosen as in
    :func:`table_info`, ``id_column`` present), so whole-file problems are
    raised here; a malformed row is yielded as ``ReadError(kind="malformed-row")``
    and reading goes on. ``Row.row`` is the 1-based number in the whole file;
    blank rows keep their number but are not yielded. Memory stays constant.
    ``info``, from :func:`table_info` with the same ``text_column``, spares
    reading the file's head and encoding again. ``mark``, from :func:`scan_table`
    with ``mark.start <= start``, seeks to its row rather than reading every
    row before ``start``, so reading a long table in ranges stays linear.
    """
    path = Path(path)
    if mark is not None and mark.start > start:
        msg = f"a mark at row {mark.start} cannot start a read at row {start}"
        raise ValueError(msg)
    info = info or table_info(path, display, text_column)
    if id_column is not None and id_column not in info.columns:
        raise ReadError(
            f"id column {id_column!r} not found; available columns: {', '.join(info.columns)}",
            path=display,
            kind="missing-id",
        )
    return _row_stream(path, display, info, id_column, start, stop, mark)


def scan_table(path: Path, display: str, every: int) -> tuple[int, list[Mark]]:
    """Return the number of data rows of a table (as :func:`count_rows`) and a mark every ``every`` rows.

    One pass in constant memory. The marks (at rows ``every``, ``2 * every``,
    ...) let :func:`read_rows` start a range where it begins (for an XLSX
    sheet: the unpacked byte where the row starts, so the rows before it are
    unpacked but not parsed).
    """
    path = Path(path)
    with _guard(display):
        if os.stat(path).st_size == 0:
            return 0, []
    fmt = _table_format(path, display)
    if fmt == "xlsx":
        with _guard(display):
            return _scan_xlsx(path, display, every)
    marks: list[Mark] = []
    last = 0
    with _guard(display):
        if fmt == "jsonl":
            _columns, _encoding, records, handle = _jsonl_table(path, display)
        else:
            _columns, _encoding, records, handle, lines = _csv_table(path, display, fmt)
        try:
            for number, record in records:
                if record is not None:
                    last = number
                if number % every == 0:
                    # a JSONL row's number is its line number
                    line = number if fmt == "jsonl" else lines()
                    marks.append(Mark(number, handle.tell(), line))
        finally:
            records.close()
            handle.close()
    return last, marks


def count_rows(path: Path, display: str) -> int:
    """Return the number of data rows of a table, streaming it in constant memory.

    This is the highest data row number, so ``range(count_rows(...))`` covers
    every row :func:`read_rows` can yield, malformed ones included; trailing
    blank rows are not counted. An empty file has 0 rows.
    """
    path = Path(path)
    with _guard(display):
        if os.stat(path).st_size == 0:
            return 0
    last = 0
    with _open_table(path, display) as (_columns, _encoding, records):
        for number, record in records:
            if record is not None:  # trailing blank rows are not counted
                last = number
    return last
