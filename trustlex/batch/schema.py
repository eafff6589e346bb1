"""The declared type of every column trustlex writes, per level: the one place output types come from.

The pandas dtypes are those of the frames (:data:`trustlex.frame.LEVEL_DTYPES`):
codes (concept, valence, lang, kind, source) are Categoricals in codebook
order, text is pandas' ``string``, flags are ``boolean`` and ``row`` is
``Int64``. Here they are also named as in Arrow (``int64``, ``double``,
``bool``, ``string``; a Categorical is a dictionary of strings in Parquet), so
that this table needs no pyarrow to be read. Columns a table brings along (its
metadata) are not declared: they are text, unless the run found all their
values of one JSON type (``carried``: :func:`trustlex.batch.carried.carried_dtypes`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from trustlex.frame import LEAD_DTYPES, LEVEL_DTYPES, MODEL_DTYPES, set_dtypes
from trustlex.frame import TEXT as TEXT_DTYPE

INT, FLOAT, BOOL, TEXT = "int64", "double", "bool", "string"


def arrow_name(dtype: Any) -> str:
    """Return the Arrow name of a pandas dtype of :mod:`trustlex.frame`; a Categorical's values are text."""
    if isinstance(dtype, pd.CategoricalDtype) or dtype == TEXT_DTYPE:
        return TEXT
    if pd.api.types.is_bool_dtype(dtype):
        return BOOL
    if pd.api.types.is_integer_dtype(dtype):
        return INT
    return FLOAT


def _arrow(dtypes: dict[str, Any]) -> dict[str, str]:
    return {column: arrow_name(dtype) for column, dtype in dtypes.items()}


# the columns every output starts with; doc_id only with an id column, and as text, whatever the table held
LEAD_TYPES: dict[str, str] = _arrow(LEAD_DTYPES)
MATCH_TYPES: dict[str, str] = _arrow(LEVEL_DTYPES["match"])
SENTENCE_TYPES: dict[str, str] = _arrow(LEVEL_DTYPES["sentence"])
# per concept, the document row counts sentences by valence and gives their rate per 1,000 words
# and net valence, (pos - neg) / n
DOC_TYPES: dict[str, str] = _arrow(LEVEL_DTYPES["doc"])
# what a model adds to each sentence row: which of lexicon and model found the concept, and how sure
MODEL_TYPES: dict[str, str] = _arrow(MODEL_DTYPES)
MODEL_COLUMNS: tuple[str, ...] = tuple(MODEL_TYPES)

COLUMN_TYPES: dict[str, dict[str, str]] = {"doc": DOC_TYPES, "sentence": SENTENCE_TYPES, "match": MATCH_TYPES}


def column_dtype(column: str, level: str, lead: list[str], carried: dict[str, Any] | None = None) -> Any:
    """Return the pandas dtype of ``column`` in an output at ``level``; ``lead`` are trustlex's own columns.

    Columns outside ``lead`` came from the documents' tables: their dtype in
    ``carried`` (numbers and flags kept from JSON Lines or XLSX), else text.
    """
    if column not in lead:
        return (carried or {}).get(column, TEXT_DTYPE)
    declared = LEAD_DTYPES.get(column)
    if declared is None:
        declared = LEVEL_DTYPES[level].get(column)
    if declared is None:
        declared = MODEL_DTYPES.get(column)
    if declared is None:
        msg = f"no declared type for the {level} column {column!r}: add it to trustlex.frame's dtypes"
        raise KeyError(msg)
    return declared


def column_type(column: str, level: str, lead: list[str]) -> str:
    """Return the Arrow name of the type of ``column`` in an output at ``level`` (see :func:`column_dtype`).

    A Categorical column is ``string`` here; Parquet stores it dictionary-encoded.
    """
    return arrow_name(column_dtype(column, level, lead))


def output_dtypes(
    columns: list[str], level: str, lead: list[str], carried: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the pandas dtype of each of ``columns`` of an output at ``level``."""
    return {c: column_dtype(c, level, lead, carried) for c in columns}


def typed_output(
    frame: pd.DataFrame, level: str, lead: list[str], carried: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Return ``frame`` (an output's rows at ``level``) with the declared dtype of every column."""
    return set_dtypes(frame, output_dtypes(list(frame.columns), level, lead, carried))


def arrow_schema(
    columns: list[str], level: str, lead: list[str], carried: dict[str, Any] | None = None
) -> Any:
    """Return the pyarrow schema of an output, with the pandas metadata that restores its dtypes.

    Categoricals are dictionaries of strings that keep every category in
    codebook order, so ``pandas.read_parquet`` gives the same dtypes as the
    frames. Text is Arrow's ``string``, whichever storage pandas uses.
    """
    import pyarrow as pa  # an optional extra (trustlex[parquet]); the writer checks it is there

    empty = typed_output(pd.DataFrame({c: pd.Series(dtype=object) for c in columns}), level, lead, carried)
    inferred = pa.Schema.from_pandas(empty, preserve_index=False)
    fields = []
    for field in inferred:
        kind = field.type
        if pa.types.is_dictionary(kind):
            kind = pa.dictionary(kind.index_type, pa.string(), kind.ordered)
        elif pa.types.is_large_string(kind):
            kind = pa.string()
        fields.append(pa.field(field.name, kind))
    return pa.schema(fields, metadata=inferred.metadata)
