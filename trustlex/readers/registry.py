"""The suffix registry: which reader reads which file type, and the dispatch that goes through it.

``_TEXT`` and ``_TABLE`` below are the one place that maps a file suffix to
its reader. A text reader is a function ``reader(path, display)`` returning a
:class:`~trustlex.readers.results.TextDocument`; a table reader is a
:class:`TableReader`, the pair of functions that open a table as a stream of
records and count its rows. :func:`kind_of` (which files a folder run picks
up), :func:`read_text_document` and the table API in
:mod:`trustlex.readers.rows` all look readers up here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import NamedTuple

from trustlex.errors import ReadError
from trustlex.readers.docx import read_docx
from trustlex.readers.fast_xlsx import open_xlsx_table
from trustlex.readers.html import read_html
from trustlex.readers.jsonl import open_jsonl, scan_jsonl
from trustlex.readers.markdown import read_markdown
from trustlex.readers.pdf import read_pdf
from trustlex.readers.results import Mark, TextDocument, _Record
from trustlex.readers.tables import open_csv, open_tsv, scan_csv, scan_tsv
from trustlex.readers.text import read_plain
from trustlex.readers.workbook import xlsx_sheets
from trustlex.readers.xlsx import scan_xlsx

TextReader = Callable[[str | Path, str], TextDocument]
OpenedTable = tuple[list[str], str | None, Iterator[_Record]]


class TableReader(NamedTuple):
    """How to read one table format: open it as a stream of records, and scan it for its size.

    Attributes
    ----------
    open : callable
        ``open(path, display, encoding, mark)`` returns a context manager that
        gives ``(columns, encoding, records)``: unique column names, the codec
        used (``None`` for a format without one) and an iterator of ``(data row
        number, record)``, a record being a dict of column values, a
        ``ReadError`` for a malformed row, or ``None`` for a blank row.
        ``encoding`` is the codec when already known; ``mark`` starts the
        stream at its row. Leaving the context closes the file.
    scan : callable
        ``scan(path, display, every)`` returns the highest data row number and
        a :class:`~trustlex.readers.results.Mark` every ``every`` rows, in one
        pass.
    sheets : callable, optional
        For a format whose files hold several tables (the sheets of an XLSX
        workbook): ``sheets(path, display)`` returns the names of those that
        hold data, in order, and ``open`` and ``scan`` take a keyword
        argument ``sheet`` naming the one to read (``None``: the first).
    """

    open: Callable[..., AbstractContextManager[OpenedTable]]
    scan: Callable[..., tuple[int, list[Mark]]]
    sheets: Callable[[Path, str], list[str]] | None = None


# Insertion order is the order of TEXT_SUFFIXES and TABLE_SUFFIXES.
_TEXT: dict[str, TextReader] = {
    ".txt": read_plain,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
_TABLE: dict[str, TableReader] = {
    ".csv": TableReader(open_csv, scan_csv),
    ".tsv": TableReader(open_tsv, scan_tsv),
    ".jsonl": TableReader(open_jsonl, scan_jsonl),
    ".xlsx": TableReader(open_xlsx_table, scan_xlsx, xlsx_sheets),
}

TEXT_SUFFIXES: tuple[str, ...] = tuple(_TEXT)
TABLE_SUFFIXES: tuple[str, ...] = tuple(_TABLE)


def _check_suffixes(suffixes: Iterable[str], other: Mapping[str, object], kind: str) -> list[str]:
    checked = list(suffixes)
    for suffix in checked:
        if not suffix.startswith(".") or suffix != suffix.lower():
            msg = f"a suffix is lower case and starts with a dot, not {suffix!r}"
            raise ValueError(msg)
        if suffix in other:
            msg = f"{suffix} is already registered as a {kind} format"
            raise ValueError(msg)
    return checked


def register_text(suffixes: Iterable[str], reader: TextReader) -> None:
    """Make ``reader`` the reader of text documents with these suffixes, at run time.

    The built-in readers are listed in ``_TEXT`` in this module; this is for
    code outside the package. A suffix already read as text gets the new
    reader; :data:`TEXT_SUFFIXES` keeps listing only the built-in ones.

    Parameters
    ----------
    suffixes : iterable of str
        Lower-case suffixes with their dot, such as ``".odt"``.
    reader : callable
        ``reader(path, display)`` returning a ``TextDocument``; it raises
        ``ReadError`` (with ``path=display``) for a file it cannot read.

    Raises
    ------
    ValueError
        For a suffix without a dot or with capitals, or one already read as a table.
    """
    for suffix in _check_suffixes(suffixes, _TABLE, "table"):
        _TEXT[suffix] = reader


def register_table(suffixes: Iterable[str], reader: TableReader) -> None:
    """Make ``reader`` the reader of tables with these suffixes, at run time.

    The built-in readers are listed in ``_TABLE`` in this module; this is for
    code outside the package. A suffix already read as a table gets the new
    reader; :data:`TABLE_SUFFIXES` keeps listing only the built-in ones.

    Parameters
    ----------
    suffixes : iterable of str
        Lower-case suffixes with their dot, such as ``".ods"``.
    reader : TableReader
        The ``open`` and ``scan`` functions of the format.

    Raises
    ------
    ValueError
        For a suffix without a dot or with capitals, or one already read as text.
    """
    for suffix in _check_suffixes(suffixes, _TEXT, "text"):
        _TABLE[suffix] = reader


def table_reader(suffix: str) -> TableReader | None:
    """Return the table reader registered for ``suffix`` (lower case, with its dot), or ``None``.

    Parameters
    ----------
    suffix : str
        Such as ``".csv"``.

    Returns
    -------
    TableReader or None
        ``None`` when no table format has this suffix.
    """
    return _TABLE.get(suffix)


def kind_of(path: str | Path) -> str | None:
    """Return ``"text"``, ``"table"`` or ``None`` for ``path``, judged by its suffix.

    The suffix is compared case-insensitively with the registered ones
    (``TEXT_SUFFIXES`` and ``TABLE_SUFFIXES`` unless more were registered);
    anything else is unsupported and gives ``None``.

    Parameters
    ----------
    path : str or Path
        A file name; the file itself is not opened.

    Returns
    -------
    str or None
        ``"text"`` for a document, ``"table"`` for a table.

    Examples
    --------
    >>> kind_of("answers.XLSX"), kind_of("notes.md"), kind_of("photo.jpg")
    ('table', 'text', None)
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in _TEXT:
        return "text"
    if suffix in _TABLE:
        return "table"
    return None


def read_text_document(path: str | Path, display: str) -> TextDocument:
    """Open a text document (txt, md, html, htm, docx, pdf) and return its text as blocks.

    Plain text and Markdown are streamed from disk (Markdown with its
    headings, numbered items and table cells and rows bounded); HTML keeps only visible
    text with a line break per block element; DOCX gives one line per
    paragraph; PDF gives a blank line at a paragraph or heading break its
    layout shows (:mod:`trustlex.readers.pdf_layout`) and between pages. An empty file gives no
    blocks. Raises ``ReadError`` (kind ``vanished``, ``unreadable``,
    ``binary``, ``corrupt``, ``encrypted`` or ``unsupported``) for files that
    cannot be read; errors while streaming plain text surface during iteration.

    Parameters
    ----------
    path : str or Path
        The file to read; its suffix chooses the reader.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The text as blocks of at most ``BLOCK_CHARS`` characters, the codec
        used, and a note on how it was read (a damaged PDF that pypdf repaired).
    """
    suffix = os.path.splitext(path)[1].lower()
    reader = _TEXT.get(suffix)
    if reader is None:
        msg = f"not a text document type: {suffix or '(no suffix)'}"
        raise ReadError(msg, path=display, kind="unsupported")
    return reader(path, display)
