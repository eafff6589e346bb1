r"""PDF through pypdfium2 (Google's PDFium): the text layer of every page, faster than pypdf.

PDFium ends lines with ``"\r\n"``; they become ``"\n"`` as pypdf gives
them, and the U+FFFE PDFium puts for a hyphen at a line's end becomes that
hyphen and line break again. The two libraries share no code, so on real
documents spacing (and now and then a word) can differ (see ``docs/batch.md``); on the tests' files
the text is the same. A PDF PDFium cannot open or read goes to pypdf, which
reads it or raises the error it always raised (``encrypted``, ``corrupt``).
"""

from __future__ import annotations

import threading
from typing import IO, Any


def _pdfium() -> Any:
    """Return the pypdfium2 module, imported on first use (not at ``import trustlex``), or None without it."""
    try:  # the fast extra; without it pdf.py reads with pypdf
        import pypdfium2
    except ImportError:  # pragma: no cover - exercised by the wheel check without extras
        return None
    return pypdfium2


# PDFium is not thread-safe (its documentation says so): one document at a time per process.
_LOCK = threading.Lock()


def _page_text(document: Any, number: int) -> str:
    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    # PDFium stands U+FFFE for a hyphen that ends a line, and takes the line break with it
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n")


def fast_pdf_text(handle: IO[bytes], display: str) -> str | None:
    """Return the text of every page of an open PDF, pages joined by a blank line.

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
            return "\n\n".join(_page_text(document, i) for i in range(len(document)))
        except Exception:
            return None
        finally:
            document.close()
