"""PDF documents (``.pdf``): each page's text layer, through pypdf or PDFium; a PDF without text: an error."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from trustlex.errors import ReadError
from trustlex.readers.backends import fast_backend
from trustlex.readers.clean import text_blocks
from trustlex.readers.fast_pdf import fast_pdf_text
from trustlex.readers.files import _corrupt, _empty_file, _guard, _is_empty, open_regular
from trustlex.readers.pdf_layout import Line, join_lines, placed, samples
from trustlex.readers.results import TextDocument

NO_TEXT_LAYER = "no text layer (scanned PDF?)"
# what the error of a PDF without text says after NO_TEXT_LAYER: what to do
_NO_TEXT_ADVICE = "nothing to score; a scanned PDF needs OCR first (such as ocrmypdf), then score its output"
_MAX_WARNINGS = 3  # distinct pypdf warnings kept per file

T = TypeVar("T")


class _ThreadWarnings(logging.Handler):
    """The warnings pypdf logs from one thread (folder runs read files in several at once)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            message = " ".join(record.getMessage().split())
            if message not in self.messages and len(self.messages) < _MAX_WARNINGS:
                self.messages.append(message)


@contextmanager
def _pypdf_warnings() -> Iterator[list[str]]:
    """Collect pypdf's warnings while a file is read, so they name the file.

    pypdf logs what it repairs ("EOF marker not found"); with no logging set
    up, Python prints those lines on stderr without the file's name, so in a
    folder of thousands nobody knows which file they are about. While a
    handler is attached, Python's last-resort printing stays quiet; handlers
    the user has set up still get the records.
    """
    logger = logging.getLogger("pypdf")
    handler = _ThreadWarnings()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def _extract(path: Path, display: str, label: str, extract: Callable[[IO[bytes], str], T]) -> T:
    """Run ``extract(handle, display)`` on the opened file; any parse failure means "corrupt"."""
    with _guard(display), open_regular(path, display) as handle:
        try:
            return extract(handle, display)
        except ReadError:
            raise
        except Exception as exc:  # an untrusted file can break a parser in any way
            raise _corrupt(display, label, exc) from exc


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
            pages.append(_page_lines(page))
        except Exception as exc:
            raise _corrupt(display, f"PDF (page {number})", exc) from exc
    return join_lines(pages)


def _page_lines(page: Any) -> list[Line]:
    """A pypdf page's lines with their baselines and font sizes (see ``pdf_layout.samples``)."""
    pieces: list[tuple[str, Any, Any, float]] = []

    def visit(piece: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        pieces.append((piece, cm, tm, size))

    text = page.extract_text(visitor_text=visit) or ""
    lines = text.split("\n")
    if "".join(piece[0] for piece in pieces) != text:  # not seen: then the lines go without their places
        return [Line(line) for line in lines]
    # per line, its pieces: (start, end, baseline or None, size); a piece's place is where it starts
    spans: list[list[tuple[int, int, float | None, float]]] = [[] for _ in lines]
    number, column = 0, 0
    for piece, cm, tm, size in pieces:
        baseline, points = _place(cm, tm, size)
        y: float | None = baseline  # None on the piece's next lines: their baseline is not known
        for j, part in enumerate(piece.split("\n")):
            if j:
                number, column, y = number + 1, 0, None
            if part:
                spans[number].append((column, column + len(part), y, points))
                column += len(part)
    return [_line(line, found) for line, found in zip(lines, spans, strict=True)]


def _line(text: str, spans: list[tuple[int, int, float | None, float]]) -> Line:
    where = samples(text)
    if where is None:
        return Line(text)

    def at(index: int) -> tuple[float | None, float | None]:
        return next(((y, size) for start, end, y, size in spans if start <= index < end), (None, None))

    first, middle, last = where
    return placed(text, at(first)[0], [at(first)[1], at(middle)[1], at(last)[1]])


def _place(cm: Sequence[float], tm: Sequence[float], size: float) -> tuple[float, float]:
    """The baseline (y on the page) and printed font size of text shown with matrices ``tm`` and ``cm``."""
    a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
    c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return y, float(size) * abs(a * d - b * c) ** 0.5


def _read_pdf(path: Path, display: str) -> TextDocument:
    text = _extract(path, display, "PDF", fast_pdf_text) if fast_backend("pdf") else None
    repaired = ""
    if text is None:
        with _pypdf_warnings() as warnings:
            try:
                text = _extract(path, display, "PDF", _pdf_text)
            except ReadError as exc:
                if not warnings:
                    raise
                # what pypdf saw on the way explains the failure
                detail = f"{exc.detail} (pypdf: {'; '.join(warnings)})"
                raise ReadError(detail, path=exc.path, kind=exc.kind, row=exc.row) from exc
        if warnings:
            repaired = f"damaged PDF, read as far as pypdf could repair it (pypdf: {'; '.join(warnings)})"
    if not text.strip():
        detail = "; ".join(filter(None, [f"{NO_TEXT_LAYER}: {_NO_TEXT_ADVICE}", repaired]))
        raise ReadError(detail, path=display, kind="no-text")
    return TextDocument(blocks=text_blocks(text), encoding=None, note=repaired or None)


def read_pdf(path: str | Path, display: str) -> TextDocument:
    """Read the text layer of a PDF as blocks, a blank line at each paragraph or heading break.

    Where the breaks are comes from the lines' places and font sizes
    (:mod:`trustlex.readers.pdf_layout`); pages are apart by a blank line
    unless a sentence runs on from one to the next.

    With pypdfium2 installed PDFium reads it, else pypdf
    (:mod:`trustlex.readers.backends`).

    Parameters
    ----------
    path : str or Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The text in blocks; ``encoding`` is ``None``; ``note`` says when
        pypdf had to repair the file.

    Raises
    ------
    ReadError
        Kind ``vanished``, ``unreadable``, ``not-a-file``, ``corrupt`` or
        ``encrypted``; ``empty`` for a file of 0 bytes (no PDF at all: a copy
        or download cut off), ``no-text`` for a PDF whose pages give no text
        (a scan without a text layer; the message starts with
        :data:`NO_TEXT_LAYER` and says to run OCR first).
    """
    path = Path(path)
    if _is_empty(path, display):
        raise _empty_file(display, "PDF")
    return _read_pdf(path, display)
