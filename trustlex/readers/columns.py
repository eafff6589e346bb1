"""Table columns shared by every table format: unique names from a header, and the text column's choice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from trustlex.errors import ReadError

if TYPE_CHECKING:
    from trustlex.readers.results import TableInfo

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
# the words per value from which a column is free text whatever its values repeat (see _free_text)
FREE_TEXT_WORDS = 5
_LETTER = re.compile(r"[^\W\d_]")


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


def known_text_column(columns: list[str]) -> str | None:
    """Return the first column named like ``TEXT_COLUMN_NAMES`` (case-insensitive, in that order), if any."""
    lowered: dict[str, str] = {}
    for column in columns:
        lowered.setdefault(column.strip().lower(), column)
    for name in TEXT_COLUMN_NAMES:
        if name in lowered:
            return lowered[name]
    return None


def _detect_text_column(columns: list[str], sample: list[dict[str, Any]]) -> str:
    known = known_text_column(columns)
    if known is not None:
        return known

    def mean_length(column: str) -> float:
        if not sample:
            return 0.0
        return sum(len(v) if isinstance(v := rec.get(column), str) else 0 for rec in sample) / len(sample)

    # max() keeps the first of equal columns, so file order breaks ties.
    return max(columns, key=mean_length)


def _text_columns(columns: list[str], sample: list[dict[str, Any]]) -> list[str]:
    """Return the columns whose sampled values look like free text (:func:`_free_text`), in file order."""
    return [c for c in columns if _free_text([v for r in sample if isinstance(v := r.get(c), str)])]


def _free_text(values: list[str]) -> bool:
    """Return whether a column's sampled values look like free text someone wrote, not codes or categories.

    Of the values holding a letter, the words per value on average decide:
    ``FREE_TEXT_WORDS`` (5) or more is text (answers in sentences, even if
    some repeat); from 3 on the values must also mostly differ (at least
    half of them distinct). A department, a tenure band ("1-3 years"), a
    site, a respondent id ("R0001") or an answer scale ("Strongly agree")
    is not offered as other text to score; numbers never are.
    """
    filled = [v for v in values if _LETTER.search(v)]
    if not filled:
        return False
    words = sum(len(v.split()) for v in filled) / len(filled)
    if words >= FREE_TEXT_WORDS:
        return True
    return words >= 3 and 2 * len(set(filled)) >= len(filled)


def not_found(what: str, name: str, columns: Sequence[str]) -> str:
    """Return the message for a column named by the user that the table lacks, with one it may have meant.

    ``what`` is ``"text column"``, ``"id column"`` or ``"name column"``. A
    column that differs only in case or surrounding spaces is offered:
    ``text column 'q1_open' not found (did you mean 'Q1_open'?); available
    columns: ...``.
    """
    wanted = name.strip().casefold()
    near = next((c for c in columns if c.strip().casefold() == wanted), None)
    hint = f" (did you mean {near!r}?)" if near is not None else ""
    return f"{what} {name!r} not found{hint}; available columns: {', '.join(columns)}"


def table_name(display: str, sheet: str | None) -> str:
    """Return how a note names a table: its file, with the sheet of a workbook unless ``display`` has it."""
    if sheet is None or display.endswith(f"#{sheet}"):
        return display
    return f"{display} (sheet {sheet!r})"


def guess_of(
    info: TableInfo, display: str, sheet: str | None, taken: Iterable[str | None] = ()
) -> tuple | None:
    """Return what :func:`guessed_notes` reads of a table whose text column was guessed, else None.

    That is ``(table name, header, column scored, other columns with text)``;
    the columns in ``taken`` (the id and name columns the user named) are no
    other text to offer, so they are left out of the last.
    """
    if info.guessed is None:
        return None
    others = [c for c in info.guessed if c not in set(taken)]
    return (table_name(display, sheet), info.columns, info.text_column, others)


def guessed_notes(guesses: Iterable[Sequence[Any]]) -> list[str]:
    """Return one note per distinct header of tables whose text column was guessed.

    Each guess is ``(table name, header, column scored, other columns with
    text)``: a tuple, or a list where a run's JSON gave it back. Tables with
    the same header share a note, which names the first of them and counts
    the rest: a folder of 10,000 exports of one survey gets one line, not
    10,000.
    """
    groups: dict[tuple[str, ...], list[tuple[str, str, Sequence[str]]]] = {}
    for name, header, column, others in guesses:
        groups.setdefault(tuple(header), []).append((name, column, others))
    notes = []
    for found in groups.values():
        where = found[0][0]
        if len(found) > 1:
            more = len(found) - 1
            where += f" and {more:,} other table{'s' if more > 1 else ''} with the same columns"
        chosen = Counter(column for _, column, _ in found)
        scored = " or ".join(
            f"{column!r}" + (f" (in {n:,})" if len(chosen) > 1 else "") for column, n in chosen.items()
        )
        others = [c for c in dict.fromkeys(c for _, _, cs in found for c in cs) if c not in chosen]
        shown = ", ".join(repr(c) for c in others[:8])
        if len(others) > 8:
            shown += f" and {len(others) - 8} more"
        notes.append(
            f"{where}: text column guessed: {scored} (the longest values; no column has a known text name "
            f"such as text, comment, opmerking); other columns with text: {shown or 'none'}; "
            "choose the column with --text-column (text_column= in Python)"
        )
    return notes


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
