"""What readers hand back: a document's text as blocks, table rows, a table's columns, row marks."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from trustlex.errors import ReadError


@dataclass
class TextDocument:
    """A document's text as a stream of blocks.

    ``blocks`` yields the text in order, each block at most ``BLOCK_CHARS``
    characters; joined, they give the whole text. ``encoding`` is the codec
    used for byte-level text files (``None`` for DOCX and PDF); ``note``
    says how it was read where that is worth knowing but no error, such as a
    damaged PDF that pypdf repaired.
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
    # when the text column was guessed (none named, none with a known name): the other columns whose
    # first rows hold text, in file order (maybe none); None when it was named or known, or no row is there
    guessed: list[str] | None = None


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


# (row number, record); None is a blank row: numbered, so that marks can fall on it, never read as data
_Record = tuple[int, dict[str, Any] | ReadError | None]
# the records of an open table: a generator, which the table's context closes when it is left
_Records = Generator[_Record, None, None]
