"""Table columns shared by every table format: unique names from a header, and the text column's choice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from trustlex.errors import ReadError

TEXT_COLUMN_NAMES: tuple[str, ...] = (
    "text",
    "comment",
    "comments",
    "answer",
    "response",
    "review",
    "body",
    "content",
    "message",
    "opmerking",
    "opmerkingen",
    "toelichting",
    "tekst",
    "antwoord",
    "reactie",
)

_SAMPLE_ROWS = 200


class Columns(list[str]):
    """A table's unique column names, remembering which header names were repeated.

    ``repeated`` maps a name the header gives more than once to its 1-based
    positions; the repeats are renamed ``name_2`` and so on, so that
    :func:`trustlex.readers.rows.table_info` can refuse to score only the
    first of two columns called like the text column.
    """

    repeated: dict[str, list[int]]


def _unique_names(raw: Iterable[Any]) -> Columns:
    cleaned = ["" if name is None else str(name).replace("\ufeff", "").strip() for name in raw]
    taken = set(cleaned)
    names = Columns()
    names.repeated = {}
    for position, name in enumerate(cleaned, 1):
        if name:
            names.repeated.setdefault(name, []).append(position)
    names.repeated = {name: at for name, at in names.repeated.items() if len(at) > 1}
    used: set[str] = set()
    for position, name in enumerate(cleaned, 1):
        if name and name not in used:
            names.append(name)
            used.add(name)
            continue
        base, n = (name, 2) if name else ("column", position)
        while f"{base}_{n}" in used or f"{base}_{n}" in taken:
            n += 1
        names.append(f"{base}_{n}")
        used.add(names[-1])
    return names


def _detect_text_column(columns: list[str], sample: list[dict[str, Any]]) -> str:
    lowered = {}
    for column in columns:
        lowered.setdefault(column.strip().lower(), column)
    for name in TEXT_COLUMN_NAMES:
        if name in lowered:
            return lowered[name]

    def mean_length(column: str) -> float:
        if not sample:
            return 0.0
        return sum(len(v) if isinstance(v := rec.get(column), str) else 0 for rec in sample) / len(sample)

    # max() keeps the first of equal columns, so file order breaks ties.
    return max(columns, key=mean_length)


def _refuse_repeated(columns: Sequence[str], text_column: str, display: str, detected: bool = False) -> None:
    """Raise ``ReadError(kind="repeated-text")`` when the header gives the text column's name twice or more.

    Only the first such column would be read as text and the others would
    ride along as metadata, unscored: half a survey lost without a word. A
    text column found by its name (``detected``) is looked for without
    regard to case, so columns that differ only in case ("Text", "text")
    are refused too; a column the user names is theirs to choose.
    """
    at = getattr(columns, "repeated", {}).get(text_column)
    if at:
        what = f"the text column {text_column!r} {len(at)} times"
    elif detected:
        at = [i for i, c in enumerate(columns, 1) if c.casefold() == text_column.casefold()]
        if len(at) < 2:
            return
        what = f"{len(at)} columns that differ only in case ({', '.join(repr(columns[i - 1]) for i in at)})"
    else:
        return
    where = ", ".join(str(n) for n in at[:-1]) + f" and {at[-1]}"
    msg = (
        f"the header names {what} (columns {where}); only the first would be scored: "
        "give the columns names of their own, or name the text column"
    )
    raise ReadError(msg, path=display, kind="repeated-text")
