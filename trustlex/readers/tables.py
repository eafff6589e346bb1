"""Delimited and line-based tables (``.csv``, ``.tsv``, ``.jsonl``): rows streamed, marks to seek to.

Each format gives an ``open_*`` context manager (columns, codec and a stream of
``(row number, record)``) and a ``scan_*`` function (row count and marks), the
pair :class:`~trustlex.readers.registry.TableReader` holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import islice
from pathlib import Path
from typing import IO, Any

from trustlex.errors import ReadError
from trustlex.readers.columns import _SAMPLE_ROWS, _unique_names
from trustlex.readers.encoding import detect_encoding
from trustlex.readers.files import open_regular
from trustlex.readers.results import Mark, _Record

_SNIFF_CHARS = 64 * 1024
_FIELD_LIMIT = 64 * 1024 * 1024

# Long free-text answers exceed csv's default 128 KB field limit; never lower a limit set elsewhere.
csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))


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


def _csv_table(
    path: Path, display: str, fmt: str, encoding: str | None = None, mark: Mark | None = None
) -> tuple[list[str], str | None, Iterator[_Record], IO[str], Callable[[], int]]:
    """Open a CSV or TSV table.

    Returns its columns, encoding, records, the open file, and a function
    giving how many physical lines lie before the file's current position.
    """
    encoding = encoding or detect_encoding(path, display)
    handle = open_regular(path, display, "r", encoding=encoding, errors="replace", newline="")
    try:
        if fmt == "tsv":
            delimiter = "\t"
        else:
            sample = handle.read(_SNIFF_CHARS)
            delimiter = _sniff_delimiter(sample, complete=len(sample) < _SNIFF_CHARS)
            handle.seek(0)
        # readline, not iteration: iterating a text file disables tell(), which marks need
        reader = csv.reader(iter(handle.readline, ""), delimiter=delimiter)
        header: list[str] = []
        for fields in reader:
            if any(f.strip() for f in fields):
                header = fields
                break
        first, line_base = 0, 0
        if mark is not None:
            handle.seek(mark.position)
            first, line_base = mark.start, mark.line - reader.line_num
    except BaseException:
        handle.close()
        raise
    columns = _unique_names(header)
    records = _csv_records(reader, columns, display, first, line_base)
    return columns, encoding, records, handle, lambda: reader.line_num + line_base


def _csv_records(
    reader: Any, columns: list[str], display: str, number: int = 0, line_base: int = 0
) -> Iterator[_Record]:
    """Yield ``(row number, record)`` from a CSV reader.

    After a seek, ``number`` rows lie before the reader's position and
    ``line_base`` physical lines more than the reader has counted.
    """
    width = len(columns)
    while True:
        first_line = reader.line_num + line_base + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            msg = f"line {first_line}: malformed CSV row ({exc})"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        number += 1
        if len(fields) > width:
            last_line = reader.line_num + line_base
            lines = f"line {first_line}" if last_line == first_line else f"lines {first_line}-{last_line}"
            msg = f"{lines}: {len(fields)} fields but the header has {width}"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        if not any(fields):
            yield number, None
            continue
        fields += [""] * (width - len(fields))
        yield number, dict(zip(columns, fields, strict=True))


def _json_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _jsonl_objects(handle: IO[str], display: str, before: int = 0) -> Iterator[_Record]:
    # readline, not iteration: iterating a text file disables tell(), which marks need
    for number, line in enumerate(iter(handle.readline, ""), before + 1):
        stripped = line.strip()
        if not stripped:
            yield number, None
            continue
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError) as exc:
            msg = f"line {number}: not valid JSON ({exc})"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        if not isinstance(value, dict):
            msg = f"line {number}: a JSON {type(value).__name__}, not an object"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
        yield number, value


def _jsonl_table(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> tuple[list[str], str | None, Iterator[_Record], IO[str]]:
    encoding = encoding or detect_encoding(path, display)
    seen: dict[str, None] = {}
    with open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        objects = (obj for _, obj in _jsonl_objects(handle, display) if isinstance(obj, dict))
        for obj in islice(objects, _SAMPLE_ROWS):
            seen.update(dict.fromkeys(obj))
    columns = list(seen)
    handle = open_regular(path, display, "r", encoding=encoding, errors="replace")
    if mark is not None:
        handle.seek(mark.position)
    before = mark.line if mark is not None else 0
    return columns, encoding, _jsonl_records(handle, columns, display, before), handle


def _jsonl_records(handle: IO[str], columns: list[str], display: str, before: int = 0) -> Iterator[_Record]:
    for number, obj in _jsonl_objects(handle, display, before):
        if obj is None or isinstance(obj, ReadError):
            yield number, obj
            continue
        record = dict.fromkeys(columns)
        record.update((key, _json_value(value)) for key, value in obj.items())
        yield number, record


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


@contextmanager
def open_jsonl(
    path: Path, display: str, encoding: str | None = None, mark: Mark | None = None
) -> Iterator[tuple[list[str], str | None, Iterator[_Record]]]:
    """Open a JSON Lines table (one object per line) as a stream of records.

    The columns are the keys of the first 200 objects, in order of first
    appearance; nested values come out as JSON text.

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

    Yields
    ------
    tuple
        ``(columns, encoding, records)``, ``records`` yielding ``(line number, record)``.
    """
    columns, encoding, records, handle = _jsonl_table(path, display, encoding, mark)
    try:
        yield columns, encoding, records
    finally:
        records.close()
        handle.close()


def _scan_records(
    records: Iterator[_Record], handle: IO[str], every: int, line_of: Callable[[int], int]
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
                marks.append(Mark(number, handle.tell(), line))
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
    return _scan_records(records, handle, every, lambda _number: lines())


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
    return _scan_records(records, handle, every, lambda _number: lines())


def scan_jsonl(path: Path, display: str, every: int) -> tuple[int, list[Mark]]:
    """Count a JSON Lines table's data rows and mark every ``every``-th; as :func:`scan_csv`.

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
        The highest data row number (a line number) and the marks.
    """
    _columns, _encoding, records, handle = _jsonl_table(path, display)
    # a JSONL row's number is its line number
    return _scan_records(records, handle, every, lambda number: number)
