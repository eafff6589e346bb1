"""Excel workbooks (``.xlsx``): one sheet's rows parsed as they unpack, with marks to seek to.

The parts around the sheets (which sheets there are, shared strings, date
styles) are read by :mod:`trustlex.readers.workbook`.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from contextlib import closing, contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from trustlex.errors import ReadError
from trustlex.readers.columns import _unique_names
from trustlex.readers.files import _corrupt, open_regular
from trustlex.readers.results import Mark, _Record, _Records
from trustlex.readers.workbook import _X, _archive, _read_member, _Workbook

T = TypeVar("T")

_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b[^>]*?(/?)>")


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
    """Yield ``(sheet row, values, byte index of the row)`` of the workbook's sheet, from ``mark`` on.

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
def _xlsx_book(path: Path, display: str, sheet: str | None = None) -> Iterator[_Workbook]:
    """Open an XLSX to read one sheet (``None``: the first); any failure of the file is ``corrupt``."""
    with open_regular(path, display) as handle, _archive(handle, display) as archive:
        yield _Workbook(archive, display, sheet)


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
    path: Path, display: str, mark: Mark | None = None, sheet: str | None = None
) -> Iterator[tuple[list[str], str | None, _Records]]:
    with _xlsx_book(path, display, sheet) as book:
        try:
            columns = _xlsx_header(book)
            records = _xlsx_records(_sheet_rows(book, mark), columns)
            yield columns, None, _corrupt_on_error(records, display)
        except ReadError:
            raise
        except Exception as exc:
            raise _corrupt(display, "XLSX", exc) from exc


def _corrupt_on_error(records: Iterator[T], display: str) -> Generator[T, None, None]:
    """Pass records through; a sheet that breaks halfway is still a corrupt file."""
    try:
        yield from records
    except ReadError:
        raise
    except Exception as exc:
        raise _corrupt(display, "XLSX", exc) from exc


def _scan_xlsx(path: Path, display: str, every: int, sheet: str | None) -> tuple[int, list[Mark]]:
    """Count an XLSX sheet's data rows and mark where every ``every``-th begins (one pass)."""
    marks: list[Mark] = []
    last = 0
    with _xlsx_book(path, display, sheet) as book:
        for number, values, at in _corrupt_on_error(_sheet_rows(book), display):
            index = number - 2  # 0-based data row: the header is sheet row 1
            while index >= (len(marks) + 1) * every:
                marks.append(Mark((len(marks) + 1) * every, at, number))
            if number > 1 and not all(v is None or v == "" for v in values):
                last = number - 1
    return last, [m for m in marks if m.start < last]


@contextmanager
def open_xlsx(
    path: Path,
    display: str,
    encoding: str | None = None,
    mark: Mark | None = None,
    *,
    sheet: str | None = None,
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open one sheet of an XLSX workbook as a stream of records.

    Sheet row 1 is the header; a data row's number is its sheet row number
    minus one. Dates come out as ``datetime`` (or ``time``), numbers as
    ``int`` or ``float``.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    encoding : str, optional
        Ignored: a workbook has no codec (the encoding given is ``None``).
    mark : Mark, optional
        Start at this mark's row; the rows before it are unpacked but not parsed.
    sheet : str, optional
        The sheet's name as Excel shows it (``None``: the first sheet); a
        name the workbook lacks is ``ReadError(kind="missing-sheet")``.

    Yields
    ------
    tuple
        ``(columns, None, records)``, ``records`` yielding ``(row number, record)``.
    """
    with _xlsx_table(path, display, mark, sheet) as (columns, encoding, records), closing(records):
        yield columns, encoding, records


def scan_xlsx(path: Path, display: str, every: int, *, sheet: str | None = None) -> tuple[int, list[Mark]]:
    """Count one sheet's data rows and mark every ``every``-th, in one pass.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    every : int
        Rows between marks.
    sheet : str, optional
        The sheet's name (``None``: the first sheet).

    Returns
    -------
    tuple of (int, list of Mark)
        The highest data row number (trailing blank rows not counted) and the
        marks (each at the unpacked byte where its row starts).
    """
    return _scan_xlsx(path, display, every, sheet)
