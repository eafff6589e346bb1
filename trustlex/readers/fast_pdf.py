r"""PDF through pypdfium2 (Google's PDFium): the text layer of every page, faster than pypdf.

Each line goes with its baseline and font size, from
which :mod:`trustlex.readers.pdf_layout` finds the paragraph breaks.

PDFium ends lines with ``"\r\n"``; they become ``"\n"`` as pypdf gives
them, and the U+FFFE PDFium puts for a hyphen at a line's end becomes that
hyphen and line break again. The two libraries share no code, so on real
documents spacing (and now and then a word) can differ (see ``docs/batch.md``); on the tests' files
the text is the same. A PDF PDFium cannot open or read goes to pypdf, which
reads it or raises the error it always raised (``encrypted``, ``corrupt``).
"""

from __future__ import annotations

import ctypes
import re
import threading
from typing import IO, Any

from trustlex.readers.pdf_layout import Line, join_lines, placed, samples


def _pdfium() -> Any:
    """Return the pypdfium2 module, imported on first use (not at ``import trustlex``), or None without it."""
    try:  # the fast extra; without it pdf.py reads with pypdf
        import pypdfium2
    except ImportError:  # pragma: no cover - exercised by the wheel check without extras
        return None
    return pypdfium2


# PDFium is not thread-safe (its documentation says so): one document at a time per process.
_LOCK = threading.Lock()


def _page_lines(document: Any, number: int) -> list[Line]:
    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            return _lines(textpage, textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


# a line and what ends it: PDFium's line break, or the U+FFFE it stands for a hyphen ending a line
# (taking the line break with it)
_LINE = re.compile(r"([^\r\n\ufffe]*)(\r\n|\r|\n|\ufffe|\Z)")


def _lines(textpage: Any, text: str) -> list[Line]:
    """The page's lines (U+FFFE back to a hyphen) with their baselines and font sizes (``samples``)."""
    place = _Places(textpage)
    lines = []
    for match in _LINE.finditer(text):
        body, end = match.groups()
        line = body + "-" if end == "\ufffe" else body
        where = samples(body)
        if where is None:
            lines.append(Line(line))
        else:
            first, middle, last = (place(match.start() + i) for i in where)
            lines.append(placed(line, first[0], [first[1], middle[1], last[1]]))
        if not end:
            break
    return lines


class _Places:
    """The baseline (y on the page) and printed font size of a character of one text page, by text index."""

    def __init__(self, textpage: Any) -> None:
        self.raw, self.page = _pdfium().raw, textpage.raw
        self.x, self.y, self.matrix = ctypes.c_double(), ctypes.c_double(), self.raw.FS_MATRIX()

    def __call__(self, index: int) -> tuple[float | None, float | None]:
        raw, page, matrix = self.raw, self.page, self.matrix
        char = raw.FPDFText_GetCharIndexFromTextIndex(page, index)
        if char < 0 or not raw.FPDFText_GetCharOrigin(page, char, self.x, self.y):
            return None, None
        if not raw.FPDFText_GetMatrix(page, char, matrix):
            return None, None
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        return self.y.value, raw.FPDFText_GetFontSize(page, char) * scale


def fast_pdf_text(handle: IO[bytes], display: str) -> str | None:
    """Return the text of every page of an open PDF, paragraphs apart by a blank line (``pdf_layout``).

    Parameters
    ----------
    handle : binary file
        The PDF, opened with ``files.open_regular``.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    str or None
        The text layer (empty for a scanned PDF), or ``None`` when PDFium
        cannot open or read the file: pypdf then reads it, or raises the
        error it always raised (``encrypted``, ``corrupt``).
    """
    pdfium = _pdfium()
    if pdfium is None:  # pragma: no cover - pdf.py checks the back end first
        return None
    data = handle.read()
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except Exception:
            return None
        try:
            return join_lines([_page_lines(document, i) for i in range(len(document))])
        except Exception:
            return None
        finally:
            document.close()
