"""A table's other columns, carried along into every output row: their names and values.

A column whose name trustlex writes itself is renamed (:func:`meta_name`), so
that no column of the table and none of trustlex's ever share a name.
"""

from __future__ import annotations

from typing import Any

from trustlex.batch.options import Options
from trustlex.batch.schema import MODEL_COLUMNS
from trustlex.frame import MATCH_COLUMNS, SENTENCE_COLUMNS, doc_columns
from trustlex.readers import Row, clean_text

# every column trustlex writes at any level, with or without a model: a table's column of one of
# these names is renamed in every run alike, so that a script written on one run reads the others
_RESERVED = frozenset(
    ["path", "row", "doc_id", "sheet", *MATCH_COLUMNS, *SENTENCE_COLUMNS, *doc_columns(), *MODEL_COLUMNS]
)


def meta_name(column: str) -> str:
    """Return the output name of a table's column ``column`` that is carried along.

    A name trustlex writes itself, at any level and with or without a model
    (``source``, ``probability``), gets ``meta_`` before it, and so does a
    name that already begins with ``meta_``: the table's ``lang`` becomes
    ``meta_lang`` and its own ``meta_lang`` becomes ``meta_meta_lang``, so
    that two columns never end up under one name (the one written last
    would silently replace the other's values). The name depends on the
    column alone, never on the other columns of the row.
    """
    if column in _RESERVED or column.startswith("meta_"):
        return f"meta_{column}"
    return column


def row_meta(item: Row, options: Options) -> dict[str, Any]:
    """Return a row's other columns, carried along, named by :func:`meta_name`."""
    return {
        meta_name(k): plain_value(v)
        for k, v in item.meta.items()
        if k != options.id_column  # already the doc_id column
    }


def plain_value(value: Any) -> Any:
    """Return a metadata value as a JSON scalar: dates and other objects become text, an empty text None.

    An empty cell is a missing value in every output: CSV cannot tell an
    empty text from no value (``pandas.read_csv`` and :func:`read_results`
    give ``<NA>``), so Parquet and the returned frame hold ``<NA>`` too,
    and a CSV survey's blank cell, an XLSX empty cell and a JSON Lines
    ``""``, ``null`` or absent key all group alike.
    """
    if isinstance(value, str):
        return clean_text(value) if value else None  # a lone surrogate cannot be written as UTF-8
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return clean_text(str(value))


# What a carried value is, for its column's type in the output: JSON's number (whole or not), boolean
# or text. A JSON Lines or XLSX value keeps its type; a CSV or TSV cell is text as written.
_KIND_DTYPES = {"int": "Int64", "float": "float64", "bool": "boolean"}
_KIND_WORDS = {"bool": "true/false", "text": "text"}


def value_kind(value: Any) -> str | None:
    """Return ``"int"``, ``"float"``, ``"bool"`` or ``"text"`` for a carried value; ``None`` when missing."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "text"


def carried_kinds(rows: list[dict], lead: list[str]) -> dict[str, dict[str, list]]:
    """Return, per carried column of ``rows``, each kind of value it holds and where first: ``[path, row]``.

    Only the values that reach the output count (a sentence-level run drops the rows without a hit):
    the output column's type is that of what it holds.
    """
    own = set(lead)
    kinds: dict[str, dict[str, list]] = {}
    for row in rows:
        for column, value in row.items():
            if column in own:
                continue
            kind = value_kind(value)
            if kind is not None:
                kinds.setdefault(column, {}).setdefault(kind, [row.get("path"), row.get("row")])
    return kinds


def join_kinds(each: list[dict[str, dict[str, list]]]) -> dict[str, dict[str, list]]:
    """Join the :func:`carried_kinds` of several units, in plan order (the first place of a kind wins)."""
    joined: dict[str, dict[str, list]] = {}
    for kinds in each:
        for column, places in (kinds or {}).items():
            for kind, place in places.items():
                joined.setdefault(column, {}).setdefault(kind, place)
    return joined


def carried_dtypes(kinds: dict[str, dict[str, list]]) -> tuple[dict[str, str], list[str]]:
    """Return the dtype of each typed carried column, and a note per column whose values' types differ.

    The rule (docs/batch.md): a column whose values are all whole numbers is ``Int64``; all numbers,
    some with a fraction, ``float64``; all true/false, ``boolean``; anything else (text, or a mix of
    these, as a JSON field that is a number on one line and text on another) is text, as written,
    and a mix gets a note naming the field, each kind and the file and line where it is first seen.
    A missing value (JSON ``null``, an absent key, an empty cell) is missing in every type.
    """
    dtypes: dict[str, str] = {}
    notes: list[str] = []
    for column, places in kinds.items():
        found = set(places)
        if found == {"int", "float"}:
            found = {"float"}
        if len(found) == 1 and (kind := next(iter(found))) in _KIND_DTYPES:
            dtypes[column] = _KIND_DTYPES[kind]
        elif len(found) > 1:
            shown: dict[str, list] = {}  # whole numbers and others are both numbers here
            for kind, place in places.items():
                shown.setdefault("numbers" if kind in ("int", "float") else _KIND_WORDS[kind], place)
            said = "; ".join(f"{word} ({_place(place)})" for word, place in shown.items())
            first = next(iter(places.values()))[0]
            notes.append(
                f"{first}: field {column!r} holds values of different types: {said}; the column is "
                "written as text (convert it after reading, or correct the file)"
            )
    return dtypes, notes


def _place(place: list) -> str:
    path, row = place
    if row is None:
        return str(path)
    return f"{path} {'line' if str(path).lower().endswith('.jsonl') else 'row'} {row}"
