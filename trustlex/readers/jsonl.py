"""JSON Lines tables (``.jsonl``): one object per line, streamed as records, marks to seek to.

As the delimited tables of :mod:`trustlex.readers.tables`: :func:`open_jsonl`
gives columns, codec and a stream of ``(line number, record)``,
:func:`scan_jsonl` the row count and marks, the pair
:class:`~trustlex.readers.registry.TableReader` holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO, Any

from trustlex.errors import ReadError
from trustlex.readers.columns import _SAMPLE_ROWS
from trustlex.readers.encoding import detect_encoding
from trustlex.readers.files import open_regular
from trustlex.readers.results import Mark, _Record, _Records
from trustlex.readers.tables import _scan_records

__all__ = ["open_jsonl", "scan_jsonl"]


def _json_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


class _RepeatedKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of repeated keys: {"text": a, "text": b} would drop a unseen
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise _RepeatedKeyError(k)
            seen.add(k)
    return obj


def _jsonl_objects(handle: IO[str], display: str, before: int = 0) -> Iterator[_Record]:
    # readline, not iteration: iterating a text file disables tell(), which marks need
    for number, line in enumerate(iter(handle.readline, ""), before + 1):
        stripped = line.strip()
        if not stripped:
            yield number, None
            continue
        try:
            value = json.loads(stripped, object_pairs_hook=_unique_keys)
        except _RepeatedKeyError as exc:
            msg = f"line {number}: the key {exc.args[0]!r} is given twice; only the last would be read"
            yield number, ReadError(msg, path=display, kind="malformed-row", row=number)
            continue
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
) -> tuple[list[str], str | None, _Records, IO[str]]:
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


def _jsonl_records(handle: IO[str], columns: list[str], display: str, before: int = 0) -> _Records:
    for number, obj in _jsonl_objects(handle, display, before):
        if obj is None or isinstance(obj, ReadError):
            yield number, obj
            continue
        record = dict.fromkeys(columns)
        record.update((key, _json_value(value)) for key, value in obj.items())
        yield number, record


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
