"""Reading any table row by row, whatever its format: the table API, dispatching through the registry.

Tables (CSV, TSV, JSONL, XLSX) come out row by row from a generator, with a
detected or named text column; a malformed row is yielded as a
:class:`~trustlex.errors.ReadError` so one bad line does not lose the rest of
the file. Memory stays constant, and :func:`scan_table` gives marks from which
:func:`read_rows` reads a range without reading the rows before it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from trustlex.errors import ReadError
from trustlex.readers.clean import clean_text
from trustlex.readers.columns import _SAMPLE_ROWS, _detect_text_column
from trustlex.readers.files import _guard, _is_empty
from trustlex.readers.registry import TableReader, table_reader
from trustlex.readers.results import Mark, Row, TableInfo, _Record


def _table_format(path: Path, display: str) -> TableReader:
    suffix = Path(path).suffix.lower()
    reader = table_reader(suffix)
    if reader is None:
        raise ReadError(f"not a table type: {suffix or '(no suffix)'}", path=display, kind="unsupported")
    return reader


@contextmanager
def _open_table(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a table and yield its columns, encoding and a stream of ``(row number, record)``.

    ``encoding``, when already known (:func:`table_info`), spares a scan of the whole file;
    ``mark`` starts the stream at its row instead of the first.
    """
    table = _table_format(path, display)
    with _guard(display), table.open(path, display, encoding, mark) as opened:
        yield opened


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return clean_text(value if isinstance(value, str) else str(value))


def table_info(path: Path, display: str, text_column: str | None = None) -> TableInfo:
    """Return the text column, all columns and the codec of a table (csv, tsv, jsonl, xlsx).

    ``text_column`` is checked when given; otherwise the first column named
    like ``TEXT_COLUMN_NAMES`` (case-insensitive, in that order) is chosen,
    else the column with the longest mean string length over the first 200
    data rows. Raises ``ReadError(kind="missing-text")`` for a named column
    that is absent or a table without columns, and other ``ReadError`` kinds
    for files that cannot be read.

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name errors give as their ``path``.
    text_column : str, optional
        The text column to use; detected when not given.

    Returns
    -------
    TableInfo
        The text column, every column (unique names, in file order) and the
        codec (``None`` for XLSX).
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

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name errors give as their ``path``.
    text_column : str, optional
        The text column; detected when not given.
    id_column : str, optional
        A column whose value becomes ``Row.doc_id``.
    start, stop : int, optional
        The 0-based range of data rows to read (all by default).
    info : TableInfo, optional
        The table's :func:`table_info`, when already known.
    mark : Mark, optional
        A mark of this file at or before ``start``.

    Returns
    -------
    Iterator[Row | ReadError]
        The rows, with a ``ReadError`` in place of each malformed one.

    Raises
    ------
    ReadError
        For a file that cannot be read, or a text or id column that is absent.
    ValueError
        For a mark after ``start``.
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

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name errors give as their ``path``.
    every : int
        Rows between marks.

    Returns
    -------
    tuple of (int, list of Mark)
        The highest data row number and the marks at rows below it.
    """
    path = Path(path)
    if _is_empty(path, display):
        return 0, []
    table = _table_format(path, display)
    with _guard(display):
        return table.scan(path, display, every)


def count_rows(path: Path, display: str) -> int:
    """Return the number of data rows of a table, streaming it in constant memory.

    This is the highest data row number, so ``range(count_rows(...))`` covers
    every row :func:`read_rows` can yield, malformed ones included; trailing
    blank rows are not counted. An empty file has 0 rows.

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    int
        The highest data row number.
    """
    path = Path(path)
    if _is_empty(path, display):
        return 0
    last = 0
    with _open_table(path, display) as (_columns, _encoding, records):
        for number, record in records:
            if record is not None:  # trailing blank rows are not counted
                last = number
    return last
