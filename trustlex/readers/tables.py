"""Delimited tables (``.csv``, ``.tsv``): rows streamed, marks to seek to.

Each format gives an ``open_*`` context manager (columns, codec and a stream of
``(row number, record)``) and a ``scan_*`` function (row count and marks), the
pair :class:`~trustlex.readers.registry.TableReader` holds. JSON Lines tables
are :mod:`trustlex.readers.jsonl`, which counts and marks rows with
:func:`_scan_records` from here.
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO

from trustlex.errors import ReadError
from trustlex.readers.columns import _unique_names
from trustlex.readers.encoding import detect_encoding
from trustlex.readers.files import open_regular
from trustlex.readers.results import Mark, _Record, _Records

_SNIFF_CHARS = 64 * 1024
_FIELD_LIMIT = 64 * 1024 * 1024

# Long free-text answers exceed csv's default 128 KB field limit; never lower a limit set elsewhere.
csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))


# Excel's delimiter hint, a first line "sep=;" (Dutch-locale exports): the delimiter, not the header.
_SEP_HINT = re.compile(r"sep=([^\r\n])\r?\n?", re.IGNORECASE)


def _sniff_delimiter(sample: str, complete: bool) -> str:
    if not complete and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]  # drop the cut-off last line
    best, best_score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t", "|"):
        counts: list[int] = []
        try:
            for fields in csv.reader(io.StringIO(sample), delimiter=delimiter):
                if fields:
                    counts.append(len(fields))
        except csv.Error:
            pass
        if not counts or counts[0] < 2:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


class _Lines:
    """The physical lines of a CSV file as its reader takes them, with those of the record being read.

    A quote that never closes swallows the lines after it into one field;
    keeping the current record's lines lets :func:`_csv_records` give them
    back (:meth:`put_back`) to be read again as rows of their own. While
    lines are given back the file's position is past them, so no mark can
    be taken there (:meth:`position` is None); asking the file where each
    line starts made reading a table of multi-line comments 8 times slower.
    """

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.record: list[str] = []  # the lines of the record being read
        self.pending: deque[str] = deque()
        self.fetched = 0  # lines read from the file
        self.base = 0  # physical lines before the file's position that were never read (after a seek)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            line = self.pending.popleft()
        else:
            line = self.handle.readline()
            if not line:
                raise StopIteration
            self.fetched += 1
        self.record.append(line)
        return line

    @property
    def line_num(self) -> int:
        """The physical lines before the next one to read."""
        return self.fetched - len(self.pending) + self.base

    def position(self) -> int | None:
        """Where the next line to read starts, for a mark; None while lines given back are pending."""
        return None if self.pending else self.handle.tell()

    def put_back(self) -> int:
        """Give back every line of the current record but its first; return how many."""
        rest = self.record[1:]
        self.pending.extendleft(reversed(rest))
        self.record.clear()
        return len(rest)

    def seek(self, position: int, line: int) -> None:
        """Continue at ``position``, where physical line ``line + 1`` starts."""
        self.handle.seek(position)
        self.pending.clear()
        self.record.clear()
        self.base = line - self.fetched


def _csv_table(
    path: Path, display: str, fmt: str, encoding: str | None = None, mark: Mark | None = None
) -> tuple[list[str], str | None, _Records, IO[str], _Lines]:
    """Open a CSV or TSV table.

    Returns its columns, encoding, records, the open file, and its lines
    (how many lie before the file's current position, and where that is).
    """
    encoding = encoding or detect_encoding(path, display)
    handle = open_regular(path, display, "r", encoding=encoding, errors="replace", newline="")
    try:
        hint = _SEP_HINT.fullmatch(handle.readline(_SNIFF_CHARS))
        if hint is not None:
            delimiter = hint.group(1)
        elif fmt == "tsv":
            delimiter = "\t"
        else:
            handle.seek(0)
            sample = handle.read(_SNIFF_CHARS)
            delimiter = _sniff_delimiter(sample, complete=len(sample) < _SNIFF_CHARS)
        if hint is None:
            handle.seek(0)
        # readline, not iteration: iterating a text file disables tell(), which marks need
        lines = _Lines(handle)
        lines.base = 1 if hint is not None else 0  # the hint's line counts in line numbers
        header: list[str] = []
        for fields in csv.reader(lines, delimiter=delimiter):
            lines.record.clear()
            if any(f.strip() for f in fields):
                header = fields
                break
        first = 0
        if mark is not None:
            lines.seek(mark.position, mark.line)
            first = mark.start
    except BaseException:
        handle.close()
        raise
    columns = _unique_names(header)
    records = _csv_records(lines, delimiter, columns, display, first)
    return columns, encoding, records, handle, lines


_EOF = "the end of the file"


def _csv_records(
    lines: _Lines, delimiter: str, columns: list[str], display: str, number: int = 0
) -> _Records:
    """Yield ``(row number, record)`` from a CSV file's lines, ``number`` rows lying before them.

    The reader is strict about quotes: a quoted field that runs over several
    lines and does not close where a field ends (its closing quote followed by
    something other than a delimiter or line end, or no closing quote before
    the end of the file) is a quote left open. That row is reported as
    malformed and the lines after its first are read again as rows of their
    own. A record on one line is read leniently, as csv does by default.
    """
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    width = len(columns)
    while True:
        lines.record.clear()
        first_line = lines.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            record = list(lines.record)
            if len(record) == 1 and "end of data" in str(exc):
                # the last row opens a quote the file never closes: left open, as on an earlier row
                msg = f"line {first_line}: a quote opened on this line is never closed (it runs on to {_EOF})"
                yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
                continue
            if len(record) > 1:
                last_line = first_line + len(record) - 1
                lines.put_back()
                end = "the end of the file" if "end of data" in str(exc) else f"line {last_line}"
                msg = (
                    f"line {first_line}: a quote opened on this line is never closed (it runs on to {end}); "
                    "the lines after it are read as rows of their own"
                )
                yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
                continue
            try:
                fields = next(csv.reader(record, delimiter=delimiter), [])
            except csv.Error as lenient:
                msg = f"line {first_line}: malformed CSV row ({lenient})"
                yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
                continue
        else:
            number += 1
        if len(fields) > width:
            last_line = lines.line_num
            where = f"line {first_line}" if last_line == first_line else f"lines {first_line}-{last_line}"
            msg = f"{where}: {len(fields)} fields but the header has {width}"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        if not any(fields):
            yield number, None
            continue
        fields += [""] * (width - len(fields))
        yield number, dict(zip(columns, fields, strict=True))


@contextmanager
def _open_delimited(
    path: Path, display: str, fmt: str, encoding: str | None, mark: Mark | None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    columns, encoding, records, handle, _lines = _csv_table(path, display, fmt, encoding, mark)
    try:
        yield columns, encoding, records
    finally:
        records.close()
        handle.close()


def open_csv(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> AbstractContextManager[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a CSV table (delimiter sniffed among ``,`` ``;`` tab ``|``) as a stream of records.

    A first line ``sep=;`` (Excel's delimiter hint) names the delimiter and
    is not read as the header; line numbers in messages still count it.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    encoding : str, optional
        The codec, when already known; otherwise it is detected (a pass over the file).
    mark : Mark, optional
        Start the stream at this mark's row instead of the first.

    Returns
    -------
    AbstractContextManager
        Gives ``(columns, encoding, records)``, ``records`` yielding ``(row number, record)``;
        leaving it closes the file.
    """
    return _open_delimited(path, display, "csv", encoding, mark)


def open_tsv(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> AbstractContextManager[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a tab-separated table as a stream of records; as :func:`open_csv` with a tab delimiter.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    encoding : str, optional
        The codec, when already known; otherwise it is detected.
    mark : Mark, optional
        Start the stream at this mark's row instead of the first.

    Returns
    -------
    AbstractContextManager
        Gives ``(columns, encoding, records)``; leaving it closes the file.
    """
    return _open_delimited(path, display, "tsv", encoding, mark)


def _scan_records(
    records: _Records,
    handle: IO[str],
    every: int,
    line_of: Callable[[int], int],
    position: Callable[[], int | None] | None = None,
) -> tuple[int, list[Mark]]:
    """The last data row of an open table and a mark every ``every`` rows; closes the file."""
    marks: list[Mark] = []
    last = 0
    try:
        for number, record in records:
            if record is not None:
                last = number
            if number % every == 0:
                line = line_of(number)
                where = (position or handle.tell)()
                if where is not None:  # no mark where none can be taken: that part reads from the start
                    marks.append(Mark(number, where, line))
    finally:
        records.close()
        handle.close()
    return last, marks


def scan_csv(path: Path, display: str, every: int) -> tuple[int, list[Mark]]:
    """Count a CSV table's data rows and mark every ``every``-th, in one pass.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    every : int
        Rows between marks.

    Returns
    -------
    tuple of (int, list of Mark)
        The highest data row number (trailing blank rows not counted) and the marks.
    """
    _columns, _encoding, records, handle, lines = _csv_table(path, display, "csv")
    return _scan_records(records, handle, every, lambda _number: lines.line_num, lines.position)


def scan_tsv(path: Path, display: str, every: int) -> tuple[int, list[Mark]]:
    """Count a tab-separated table's data rows and mark every ``every``-th; as :func:`scan_csv`.

    Parameters
    ----------
    path : Path
        The file to read.
    display : str
        The name errors give as their ``path``.
    every : int
        Rows between marks.

    Returns
    -------
    tuple of (int, list of Mark)
        The highest data row number and the marks.
    """
    _columns, _encoding, records, handle, lines = _csv_table(path, display, "tsv")
    return _scan_records(records, handle, every, lambda _number: lines.line_num, lines.position)
