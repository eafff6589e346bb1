"""XLSX through python-calamine (Rust): a sheet's rows as the plain reader gives them, faster.

calamine loads a whole sheet at once and cannot start at a row. So the
streaming plain reader (:mod:`trustlex.readers.xlsx`) gives the first
:data:`PLAIN_HEAD` rows, which is all most opens read (table info samples
200 rows, a folder run's first range 2,000), and calamine gives the rows
after them to a read that goes on: whole-table reads, row counts. A range
starting at a mark, the scan that makes the marks, a sheet over
:data:`FAST_XLSX_MAX_BYTES` unpacked (bounded memory) and a file calamine
cannot open stay with the plain reader. Before calamine sees the file, the
sheet and its shared strings are unpacked once under the same zip-bomb
limit as the plain reader's. Values are converted to the plain reader's:
whole numbers as ``int``, dates as ``datetime`` (or ``time`` below one day)
to the millisecond, empty cells as ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from trustlex.readers.backends import fast_backend
from trustlex.readers.files import open_regular
from trustlex.readers.results import Mark, _Record
from trustlex.readers.workbook import _archive, _excel_date, _read_member, _sheet_part, _sheets
from trustlex.readers.xlsx import open_xlsx

try:  # the fast extra; without it the plain reader is used
    from python_calamine import CalamineWorkbook
except ImportError:  # pragma: no cover - exercised by the wheel check without extras
    # ignored: an installed python-calamine types the name as a class; unused where it is absent (Any)
    CalamineWorkbook = None  # type: ignore[assignment,misc,unused-ignore]

# Data rows the plain reader gives before calamine takes over: past a folder run's first range
# of 2,000 rows, which stops only on seeing row 2,001.
PLAIN_HEAD = 2_500
# calamine holds the whole sheet: larger sheets stream through the plain reader.
FAST_XLSX_MAX_BYTES = 64 * 1024 * 1024
_MAX_CELLS = 20_000_000  # a sheet padded to this many cells (rows x columns) is read by the plain reader
_EXACT = 2**53  # a whole float beyond this was not written as an integer by anyone
_EPOCH = {False: dt.datetime(1899, 12, 30), True: dt.datetime(1904, 1, 1)}


def _serial(value: dt.datetime | dt.timedelta, date1904: bool) -> float:
    """The Excel serial number calamine read, back from its datetime or duration."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86_400
    serial = (value - _EPOCH[date1904]).total_seconds() / 86_400
    if not date1904 and serial <= 60:
        serial -= 1  # calamine counts Excel's 29 February 1900; the plain reader adds it back
    return serial


def _plain_value(value: Any, date1904: bool) -> Any:
    """A calamine cell value other than a string or a float (see ``_rows``) as the plain reader gives it."""
    if isinstance(value, (dt.datetime, dt.timedelta)):
        return _excel_date(_serial(value, date1904), date1904)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _rows(table: list[list[Any]], date1904: bool) -> Iterator[tuple[int, list[Any]]]:
    """``(sheet row, values)`` per row: the values converted, trailing empty cells dropped."""
    str_, float_, exact = str, float, _EXACT
    for index, raw in enumerate(table):
        # strings and numbers inline: a call per cell would cost more than calamine's whole read
        values = [
            (v or None)
            if type(v) is str_
            else (int(v) if v.is_integer() and -exact < v < exact else v)
            if type(v) is float_
            else _plain_value(v, date1904)
            for v in raw
        ]
        while values and values[-1] is None:
            values.pop()
        yield index + 1, values


def _records(rows: Iterator[tuple[int, list[Any]]], columns: list[str]) -> Iterator[_Record]:
    """``_xlsx_records`` of the plain reader, for rows without empty strings or trailing empty cells."""
    width = len(columns)
    for number, values in rows:
        if not values:
            yield number - 1, None  # a blank row: numbered like the sheet, never read as data
            continue
        record = dict(zip(columns, values[:width], strict=False))
        if len(values) < width:
            record.update(dict.fromkeys(columns[len(values) :]))
        elif len(values) > width:
            for position, value in enumerate(values[width:], width + 1):
                if value is not None:
                    record[f"column_{position}"] = value
        yield number - 1, record


def _checked_sheet(handle: IO[bytes], display: str, sheet: str | None) -> tuple[bool, bool]:
    """Unpack the sheet and its strings under the zip-bomb limit: (small enough, date1904)."""
    with _archive(handle, display) as archive:
        sheets, date1904 = _sheets(archive, display)
        part = _sheet_part(sheets, sheet, display)
        if part is None:
            return True, date1904
        if archive.getinfo(part).file_size > FAST_XLSX_MAX_BYTES:
            return False, date1904
        names = set(archive.namelist())
        for name in (part, "xl/sharedStrings.xml", "xl/styles.xml"):
            if name in names:
                for _chunk in _read_member(archive, name, display):
                    pass
    return True, date1904


def _calamine_records(
    path: Path, display: str, columns: list[str], sheet: str | None
) -> Iterator[_Record] | None:
    """The records of a sheet (``None``: the first) through calamine; ``None``: not here."""
    with open_regular(path, display) as handle:
        small, date1904 = _checked_sheet(handle, display, sheet)
        if not small:
            return None
        handle.seek(0)
        try:
            book = CalamineWorkbook.from_filelike(handle)
            if not book.sheet_names:
                return None
            table = book.get_sheet_by_index(0) if sheet is None else book.get_sheet_by_name(sheet)
            end = table.end
            if end is not None and (end[0] + 1) * (end[1] + 1) > _MAX_CELLS:
                return None
            cells = table.to_python(skip_empty_area=False)
        except Exception:
            return None
    rows = _rows(cells, date1904)
    next(rows, None)  # the header
    return _records(rows, columns)


def _switching(
    path: Path, display: str, columns: list[str], records: Iterator[_Record], sheet: str | None
) -> Iterator[_Record]:
    """The plain reader's first :data:`PLAIN_HEAD` rows, then calamine's from where they end.

    Most opens read only the head (table info samples 200 rows, a folder
    run's first range); only a longer read pays for calamine's whole-sheet
    load, and the plain stream carries on where calamine is not used.
    """
    last = 0
    for number, record in records:
        yield number, record
        last = number
        if number >= PLAIN_HEAD:
            break
    else:
        return
    rest = _calamine_records(path, display, columns, sheet)
    if rest is None:
        yield from records
        return
    for number, record in rest:
        if number > last:
            yield number, record


@contextmanager
def open_xlsx_table(
    path: Path,
    display: str,
    encoding: str | None = None,
    mark: Mark | None = None,
    *,
    sheet: str | None = None,
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open one sheet of an XLSX workbook as a stream of records, through calamine where it can.

    The registry's XLSX reader: as :func:`trustlex.readers.xlsx.open_xlsx`
    (same columns, row numbers and values), through calamine when it is
    installed and chosen (:func:`~trustlex.readers.backends.fast_backend`),
    the stream starts at the first row and the sheet is small enough.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    encoding : str, optional
        Ignored: a workbook has no codec.
    mark : Mark, optional
        Start at this mark's row (always the plain reader).
    sheet : str, optional
        The sheet's name as Excel shows it (``None``: the first sheet).

    Yields
    ------
    tuple
        ``(columns, None, records)``, ``records`` yielding ``(row number, record)``.
    """
    fast = mark is None and CalamineWorkbook is not None and fast_backend("xlsx")
    with open_xlsx(path, display, encoding, mark, sheet=sheet) as (columns, codec, records):
        yield columns, codec, _switching(path, display, columns, records, sheet) if fast else records
