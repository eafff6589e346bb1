"""Reading any table row by row, whatever its format: the table API, dispatching through the registry.

Tables (CSV, TSV, JSONL, XLSX) come out row by row from a generator, with a
detected or named text column; a malformed row is yielded as a
:class:`~trustlex.errors.ReadError` so one bad line does not lose the rest of
the file. Memory stays constant, and :func:`scan_table` gives marks from which
:func:`read_rows` reads a range without reading the rows before it. A file
may hold several tables (an XLSX workbook's sheets): :func:`table_sheets`
lists them, and the other functions take the ``sheet`` to read.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from trustlex.errors import GuessedColumnWarning, ReadError
from trustlex.readers.clean import clean_text
from trustlex.readers.columns import (
    _SAMPLE_ROWS,
    _detect_text_column,
    _refuse_repeated,
    _text_columns,
    guess_of,
    guessed_notes,
    known_text_column,
    not_found,
)
from trustlex.readers.files import _guard, _is_empty
from trustlex.readers.registry import TableReader, table_reader
from trustlex.readers.results import Mark, Row, TableInfo, _Record


def _table_format(path: Path, display: str) -> TableReader:
    suffix = Path(path).suffix.lower()
    reader = table_reader(suffix)
    if reader is None:
        raise ReadError(f"not a table type: {suffix or '(no suffix)'}", path=display, kind="unsupported")
    return reader


def _the_sheet(path: Path, display: str, sheet: str | None) -> str | None:
    """The sheet to read: ``sheet``, or the only sheet with data; ``None`` for a table without sheets.

    A workbook with several sheets holding data and no ``sheet`` named is an
    error: reading one of them would lose the others without a word.
    """
    table = _table_format(path, display)
    if table.sheets is None:
        if sheet is not None:
            msg = f"{display}: a {Path(path).suffix.lower()} table has no sheets, so no sheet {sheet!r}"
            raise ValueError(msg)
        return None
    if sheet is not None:
        return sheet
    with _guard(display):
        names = table.sheets(path, display)
    if len(names) > 1:
        shown = ", ".join(repr(name) for name in names)
        msg = f"{len(names)} sheets hold data ({shown}): read them one at a time with sheet=..."
        raise ReadError(msg, path=display, kind="several-sheets")
    return names[0] if names else None


@contextmanager
def _open_table(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None, sheet: str | None = None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a table and yield its columns, encoding and a stream of ``(row number, record)``.

    ``encoding``, when already known (:func:`table_info`), spares a scan of the whole file;
    ``mark`` starts the stream at its row instead of the first; ``sheet`` (already chosen by
    :func:`_the_sheet`) is the sheet of a workbook to read.
    """
    table = _table_format(path, display)
    extra = {"sheet": sheet} if table.sheets is not None else {}
    with _guard(display), table.open(path, display, encoding, mark, **extra) as opened:
        yield opened


def table_sheets(path: Path, display: str) -> list[tuple[str | None, str]]:
    """Return the tables a file holds, each as ``(sheet, display)``: one, or one per sheet of a workbook.

    A CSV, TSV or JSONL file is one table, ``(None, display)``. An XLSX
    workbook holds a table per sheet with data (hidden sheets too; a sheet
    without a value in any cell is left out): with one such sheet it is
    ``(sheet name, display)``, so the file is named as before; with two or
    more each sheet is named ``display#sheet name``, so that every table
    (and every ``(path, row)``) keeps a name of its own. A workbook without
    data is ``(None, display)``, an empty table (see :func:`table_info`).
    Pass ``sheet`` to :func:`table_info`, :func:`read_rows`,
    :func:`scan_table` or :func:`count_rows` to read one.

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name of the file in errors and in the names returned.

    Returns
    -------
    list of tuple of (str or None, str)
        The sheet to read (``None``: the file's only table) and its name, in the file's order.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> tmp = tempfile.TemporaryDirectory()
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "Team A"
    >>> book.active.append(["comment"])
    >>> book.create_sheet("Team B").append(["comment"])
    >>> _ = book.create_sheet("Notes")  # empty: left out
    >>> book.save(Path(tmp.name, "survey.xlsx"))
    >>> table_sheets(Path(tmp.name, "survey.xlsx"), "survey.xlsx")
    [('Team A', 'survey.xlsx#Team A'), ('Team B', 'survey.xlsx#Team B')]
    >>> tmp.cleanup()
    """
    path = Path(path)
    table = _table_format(path, display)
    if table.sheets is None or _is_empty(path, display):
        return [(None, display)]
    with _guard(display):
        names = table.sheets(path, display)
    if len(names) < 2:
        return [(names[0] if names else None, display)]
    return [(name, f"{display}#{name}") for name in names]


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return clean_text(value if isinstance(value, str) else str(value))


def table_info(
    path: Path, display: str, text_column: str | None = None, *, sheet: str | None = None
) -> TableInfo:
    """Return the text column, all columns and the codec of a table (csv, tsv, jsonl, xlsx).

    ``text_column`` is checked when given; otherwise the first column named
    like ``TEXT_COLUMN_NAMES`` (case-insensitive, in that order) is chosen,
    else the column with the longest mean string length over the first 200
    data rows: a guess, which ``TableInfo.guessed`` records (with the other
    columns that hold text) so that callers can say so. An empty table (a zero-byte file, blank lines only, a
    workbook without data) has no columns and no rows: its ``columns`` are
    ``[]`` and its ``text_column`` the one named, else ``""``, and
    :func:`read_rows` gives nothing. Raises ``ReadError(kind="missing-text")``
    for a named column that is absent or a table with rows but no columns
    (JSON Lines without one object), ``ReadError(kind="repeated-text")`` when
    the header gives the text column's name more than once (only the first
    would be scored), and other ``ReadError`` kinds for files that cannot be
    read.

    Parameters
    ----------
    path : Path
        The table file; its suffix chooses the format.
    display : str
        The name errors give as their ``path``.
    text_column : str, optional
        The text column to use; detected when not given.
    sheet : str, optional
        The sheet of a workbook (see :func:`table_sheets`); without it, the
        workbook's only sheet with data (``ReadError(kind="several-sheets")``
        when there are more).

    Returns
    -------
    TableInfo
        The text column, every column (unique names, in file order) and the
        codec (``None`` for XLSX).
    """
    path = Path(path)
    sheet = _the_sheet(path, display, sheet)
    with _open_table(path, display, sheet=sheet) as (columns, encoding, records):
        if not columns:
            if all(record is None for _, record in records):
                # nothing at all (a survey export before its first answer): no rows, as a bare header
                return TableInfo(text_column=text_column or "", columns=[], encoding=encoding)
            msg = "table has no columns (no header)"
            raise ReadError(msg, path=display, kind="missing-text")
        if text_column is not None:
            if text_column not in columns:
                raise ReadError(
                    not_found("text column", text_column, columns),
                    path=display,
                    kind="missing-text",
                )
            _refuse_repeated(columns, text_column, display)
            return TableInfo(text_column=text_column, columns=columns, encoding=encoding)
        good = (rec for _, rec in records if isinstance(rec, dict))
        sample = list(islice(good, _SAMPLE_ROWS))
        chosen = _detect_text_column(columns, sample)
        _refuse_repeated(columns, chosen, display, detected=True)
        guessed = None
        if sample and known_text_column(columns) is None:  # a bare header: nothing is scored
            guessed = [c for c in _text_columns(columns, sample) if c != chosen]
        return TableInfo(text_column=chosen, columns=columns, encoding=encoding, guessed=guessed)


def _row_stream(
    path: Path,
    display: str,
    info: TableInfo,
    id_column: str | None,
    start: int,
    stop: int | None,
    mark: Mark | None,
    sheet: str | None,
) -> Iterator[Row | ReadError]:
    with _open_table(path, display, info.encoding, mark, sheet) as (_columns, _encoding, records):
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
    *,
    sheet: str | None = None,
) -> Iterator[Row | ReadError]:
    """Stream the data rows of a table whose 0-based index lies in ``[start, stop)``.

    The file is checked before this returns (text column chosen as in
    :func:`table_info`, ``id_column`` present), so whole-file problems are
    raised here; a malformed row is yielded as ``ReadError(kind="malformed-row")``
    and reading goes on. ``Row.row`` is the 1-based number in the whole file;
    blank rows keep their number but are not yielded. Memory stays constant.
    ``info``, from :func:`table_info` with the same ``text_column``, spares
    reading the file's head and encoding again; without it, a text column
    that had to be guessed (no name given, none known) is said in a
    :class:`~trustlex.errors.GuessedColumnWarning`. ``mark``, from :func:`scan_table`
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
    sheet : str, optional
        The sheet of a workbook, as for :func:`table_info`.

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
    sheet = _the_sheet(path, display, sheet)
    if info is None:
        info = table_info(path, display, text_column, sheet=sheet)
        if (guess := guess_of(info, display, sheet, [id_column])) is not None:
            warnings.warn(guessed_notes([guess])[0], GuessedColumnWarning, stacklevel=2)
    if id_column is not None and info.columns and id_column not in info.columns:  # an empty table has none
        raise ReadError(
            not_found("id column", id_column, info.columns),
            path=display,
            kind="missing-id",
        )
    return _row_stream(path, display, info, id_column, start, stop, mark, sheet)


def scan_table(path: Path, display: str, every: int, *, sheet: str | None = None) -> tuple[int, list[Mark]]:
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
    sheet : str, optional
        The sheet of a workbook, as for :func:`table_info`.

    Returns
    -------
    tuple of (int, list of Mark)
        The highest data row number and the marks at rows below it.
    """
    path = Path(path)
    if _is_empty(path, display):
        return 0, []
    table = _table_format(path, display)
    sheet = _the_sheet(path, display, sheet)
    extra = {"sheet": sheet} if table.sheets is not None else {}
    with _guard(display):
        return table.scan(path, display, every, **extra)


def count_rows(path: Path, display: str, *, sheet: str | None = None) -> int:
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
    sheet : str, optional
        The sheet of a workbook, as for :func:`table_info`.

    Returns
    -------
    int
        The highest data row number.
    """
    path = Path(path)
    if _is_empty(path, display):
        return 0
    sheet = _the_sheet(path, display, sheet)
    last = 0
    with _open_table(path, display, sheet=sheet) as (_columns, _encoding, records):
        for number, record in records:
            if record is not None:  # trailing blank rows are not counted
                last = number
    return last
