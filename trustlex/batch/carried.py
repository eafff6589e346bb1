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
    ["path", "row", "doc_id", *MATCH_COLUMNS, *SENTENCE_COLUMNS, *doc_columns(), *MODEL_COLUMNS]
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
