"""Turn files into document text: plain text, HTML, DOCX and PDF documents, and table rows.

Text documents come out as a stream of blocks of at most ``BLOCK_CHARS``
characters, cut at line boundaries where possible, so a 40 MB transcript never
sits in memory as one string. Tables (CSV, TSV, JSONL, XLSX) come out row by
row from a generator, with a detected or named text column; a malformed row is
yielded as a :class:`~trustlex.errors.ReadError` so one bad line does not lose
the rest of the file. Problems with a whole file (missing, unreadable, binary,
corrupt, encrypted, no text column) are raised as ``ReadError`` whose ``path``
is the ``display`` string the caller passed.

Where things live: ``registry.py`` maps each suffix to its reader and holds
:func:`read_text_document` and :func:`kind_of`; ``rows.py`` is the table API
(:func:`table_info`, :func:`read_rows`, :func:`scan_table`, :func:`count_rows`,
:func:`table_sheets`);
one module per format (``text.py``, ``markdown.py``, ``html.py``, ``docx.py``, ``pdf.py``,
``tables.py`` for CSV, TSV and JSONL, ``xlsx.py`` with ``workbook.py`` for
a workbook's sheets and shared parts); and what they share:
``results.py`` (what readers return), ``files.py`` (opening only regular
files, errors of a stable kind), ``encoding.py`` (codec guessing),
``clean.py`` (text blocks and clean-up, also used by the scoring layers),
``columns.py`` (header names, the text column) and ``zipparts.py`` (unpack
limits of DOCX and XLSX parts). With the ``fast`` extra, ``fast_html.py``
(selectolax), ``fast_xlsx.py`` (python-calamine) and ``fast_pdf.py``
(pypdfium2) read those formats with the same text out; ``backends.py``
chooses (``TRUSTLEX_READERS=plain`` forces the plain readers).

Adding a reader
---------------
For a new text format, say OpenDocument ``.odt``:

1. Write ``trustlex/readers/odt.py`` with ``read_odt(path, display) ->
   TextDocument``. Give the text as blocks (``clean._blocks`` re-cuts any
   stream of pieces), open the file with ``files.open_regular`` inside
   ``files._guard(display)``, and raise ``ReadError(..., path=display,
   kind="corrupt")`` (``files._corrupt``) for a file the parser cannot read.
   ``docx.py`` is the closest model.
2. Register it: add ``".odt": read_odt`` to ``_TEXT`` in ``registry.py``.
   :func:`kind_of` then reports ``.odt`` files as text, so folder runs pick
   them up, and :func:`read_text_document` reads them.
3. Test it in ``tests/unit/`` (see ``test_readers.py``), including a corrupt
   and an empty file.

A new table format (say ``.ods``) is the same with two functions, ``open_ods``
(a context manager giving columns, codec and ``(row number, record)`` pairs)
and ``scan_ods`` (the row count and marks), registered as
``".ods": TableReader(open_ods, scan_ods)`` in ``_TABLE``; ``tables.py`` and
``xlsx.py`` are the models. Code outside the package can add a reader at run
time with :func:`register_text` or :func:`register_table`.
"""

from trustlex.readers.clean import BLOCK_CHARS, LONG_RUN, carry_whitespace, clean_text, defuse, text_blocks
from trustlex.readers.columns import TEXT_COLUMN_NAMES
from trustlex.readers.encoding import detect_encoding
from trustlex.readers.files import open_regular
from trustlex.readers.pdf import NO_TEXT_LAYER
from trustlex.readers.registry import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    TableReader,
    kind_of,
    read_text_document,
    register_table,
    register_text,
)
from trustlex.readers.results import Mark, Row, TableInfo, TextDocument
from trustlex.readers.rows import count_rows, read_rows, scan_table, table_info, table_sheets

__all__ = [
    "BLOCK_CHARS",
    "LONG_RUN",
    "NO_TEXT_LAYER",
    "TABLE_SUFFIXES",
    "TEXT_COLUMN_NAMES",
    "TEXT_SUFFIXES",
    "Mark",
    "Row",
    "TableInfo",
    "TableReader",
    "TextDocument",
    "carry_whitespace",
    "clean_text",
    "count_rows",
    "defuse",
    "detect_encoding",
    "kind_of",
    "open_regular",
    "read_rows",
    "read_text_document",
    "register_table",
    "register_text",
    "scan_table",
    "table_info",
    "table_sheets",
    "text_blocks",
]
