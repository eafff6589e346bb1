"""What the report shows of one cell of a results frame: text, concept, valence, place, marked terms.

Results files come from trustlex, from people and from other tools, so every
cell may be missing, a number, or text that is not one of the codebook's.
"""

from __future__ import annotations

import numbers
from typing import Any

import pandas as pd

from trustlex.concepts import VALENCES

NO_VALENCE = "none"  # the valence key of rows whose valence is missing or not one of + - 0
NO_CONCEPT = "(no concept)"  # the name shown for rows with an empty concept


def cell_text(value: Any) -> str:
    """Return a cell as text: "" for missing values (None, NaN, NA), ``str`` otherwise."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-like cells: not missing
        pass
    return str(value)


def concept_of(value: Any) -> str:
    """Return a row's concept name: the cell as text, stripped; NO_CONCEPT when empty."""
    return cell_text(value).strip() or NO_CONCEPT


def valence_of(value: Any) -> str:
    """Return ``+``, ``-`` or ``0`` for a valid valence cell, NO_VALENCE for anything else.

    A CSV whose valences are all ``0`` (or ``0`` and empty) is read back as
    numbers, so the number 0 counts as ``0``.
    """
    if isinstance(value, str):
        value = value.strip()
        return value if value in VALENCES else NO_VALENCE
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == 0:
        return "0"
    return NO_VALENCE


def cut(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def segments(sentence: str, terms: str) -> list[tuple[str, bool]]:
    """Return the sentence as (text, marked) pieces: each matched term marked once, at its first place."""
    marks = []
    for term in dict.fromkeys(t.strip() for t in terms.split(";") if t.strip()):
        at = sentence.find(term)
        if at >= 0:
            marks.append((at, at + len(term)))
    marks.sort()
    out, pos = [], 0
    for start, end in marks:
        if start < pos:
            continue  # overlapping terms: the first one is marked
        if start > pos:
            out.append((sentence[pos:start], False))
        out.append((sentence[start:end], True))
        pos = end
    if pos < len(sentence):
        out.append((sentence[pos:], False))
    return out


def column(frame: pd.DataFrame, name: str | None) -> list[Any]:
    """Return a column as a list, or Nones when the frame has no such column."""
    if name is None or name not in frame.columns:
        return [None] * len(frame)
    return frame[name].tolist()


def places(sentences: pd.DataFrame) -> list[Any]:
    """Return where each row comes from: its file (with the row for a table's comment), else its doc_id.

    A table scored with an id column (``id_column="respondent"``) gives its rows a ``doc_id`` too:
    it follows the row in brackets (``survey.csv row 7 (R018)``), the id the analyst knows them by.
    """
    if "path" not in sentences.columns:
        return column(sentences, "doc_id")
    paths = sentences["path"].tolist()
    if "row" not in sentences.columns:
        return paths
    # one file holds many comments: its name alone does not find the one shown
    rows = [
        cell_text(int(r) if isinstance(r, float) and r.is_integer() else r).strip() for r in sentences["row"]
    ]
    ids = [cell_text(i).strip() for i in column(sentences, "doc_id")]
    return [
        (f"{cell_text(p)} row {r}" + (f" ({i})" if i else "")) if cell_text(p) and r else p
        for p, r, i in zip(paths, rows, ids, strict=True)
    ]
