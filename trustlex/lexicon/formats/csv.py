"""trustlex's own CSV: one row per entry, every field kept; read and write.

The columns are the entry schema with the match kind and value as two columns
(``kind``, ``value``), so every row has the same shape. A pattern's value and
the list fields are JSON; a list cell may also hold one phrase typed by hand.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, NoReturn

from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import _all_of, _csv_rows, _imported_entry
from trustlex.lexicon.model import MATCH_KINDS, Entry
from trustlex.lexicon.reading import MAX_NESTING
from trustlex.lexicon.schema import ENTRY_FIELDS, _Err

# The entry schema with the match kind and value as two columns, so every row has the same shape.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "concept",
    "valence",
    "kind",
    "value",
    *(f for f in ENTRY_FIELDS if f not in ("id", "concept", "valence", *MATCH_KINDS)),
)
_CSV_LIST_COLUMNS = ("exclude", "example", "counter_example")
# Brackets outside JSON strings, for the nesting depth of a CSV cell.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_TOO_DEEP = f"JSON nested more than {MAX_NESTING} levels deep; a lexicon never needs that"


def _json_cell(text: str) -> Any:
    """Parse a JSON cell; RecursionError when it nests deeper than MAX_NESTING, before json recurses."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                raise RecursionError
        elif token in ("]", "}"):
            depth -= 1
    return json.loads(text)


def _csv_columns(row: list[str], path: str, lineno: int) -> list[str]:
    """Return the header row's column names, refusing unknown and missing ones."""
    columns = [c.strip().lower() for c in row]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    missing = [c for c in ("concept", "valence", "kind", "value") if c not in columns]
    if unknown or missing:
        problem = f"unknown columns {unknown}" if unknown else f"missing columns {missing}"
        msg = f"{problem}; a trustlex CSV has the columns {', '.join(CSV_COLUMNS)}"
        raise LexiconError(msg, path=path, line=lineno)
    return columns


def _csv_value(kind: str, value: str, err: _Err) -> Any:
    """Return a row's match value: a pattern's JSON parsed, any other kind's text as it is."""
    if kind != "pattern":
        return value
    try:
        return _json_cell(value)
    except json.JSONDecodeError as exc:
        err("value", f"a pattern's 'value' must be a JSON list of token objects: {exc}")
    except RecursionError:
        err("value", _TOO_DEEP)
    return value


def _csv_optional(cells: dict[str, str], raw: dict[str, Any], err: _Err) -> None:
    """Copy the non-empty optional cells into ``raw``, converted as the TOML loader expects them."""
    for name in ("id", "note", "source"):
        if cells.get(name, "") != "":
            raw[name] = cells[name]
    for name, convert in (("weight", float), ("gap", int)):
        cell = cells.get(name, "").strip()
        if cell:
            try:
                raw[name] = convert(cell)
            except ValueError:
                raw[name] = cell  # _parse_entry reports it with the expected type
    for name in _CSV_LIST_COLUMNS:
        cell = cells.get(name, "")
        if not cell.strip():
            continue
        if cell.lstrip().startswith("["):
            try:
                raw[name] = _json_cell(cell)
            except json.JSONDecodeError as exc:
                err(name, f"'{name}' must be a JSON list of strings: {exc}")
            except RecursionError:
                err(name, _TOO_DEEP)
        else:
            raw[name] = cell  # one phrase typed by hand


def _csv_raw(row: list[str], columns: list[str], err: _Err) -> dict[str, Any]:
    """Return a row as the fields of a TOML ``[[entry]]`` table."""
    if len(row) > len(columns):
        err(None, f"{len(row)} cells, but the header names {len(columns)} columns")
    cells = dict(zip(columns, row, strict=False))
    kind = cells.get("kind", "").strip()
    if kind not in MATCH_KINDS:
        err("kind", f"'kind' must be one of {', '.join(MATCH_KINDS)}, got {kind!r}")
    raw: dict[str, Any] = {
        "concept": cells.get("concept", "").strip(),
        "valence": cells.get("valence", "").strip(),
    }
    raw[kind] = _csv_value(kind, cells.get("value", ""), err)
    _csv_optional(cells, raw, err)
    return raw


def _csv_entry(raw: dict[str, Any], index: int, path: str, lineno: int, language: str, label: str) -> Entry:
    """Validate a row's fields as an entry; a problem names the CSV column, not the TOML field."""
    try:
        return _imported_entry(raw, index, path, lineno, language, label)
    except LexiconError as exc:
        field = "value" if exc.field in MATCH_KINDS else exc.field
        message = str(exc).removeprefix(f"{path}:{lineno}: ")
        raise LexiconError(message, path=path, line=lineno, entry=exc.entry, field=field) from exc


def read_csv(text: str, path: str, *, language: str, label: str) -> list[Entry]:
    """Read the entries of a trustlex CSV file's text.

    Parameters
    ----------
    text : str
        The file's text; the delimiter (``,``, ``;`` or tab) is taken from its first line.
    path : str
        The file's path, for messages.
    language : str
        The language of every entry.
    label : str
        The ``name@version`` of the lexicon the entries belong to.

    Returns
    -------
    list of Entry
        The entries, each validated as the TOML loader validates them.

    Raises
    ------
    LexiconError
        Naming the line, entry and column of the first problem; its message
        lists every other broken row after it, each with its line.
    """
    entries: list[Entry] = []
    columns: list[str] | None = None
    seen: dict[str, Entry] = {}
    try:
        rows = list(_csv_rows(text))
    except csv.Error as exc:
        raise LexiconError(f"invalid CSV: {exc}", path=path) from exc
    problems: list[LexiconError] = []
    index = -1  # the data row's number, counting broken rows too, so messages match the file
    for lineno, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _csv_columns(row, path, lineno)
            continue
        index += 1

        def err(name: str | None, message: str, lineno: int = lineno, index: int = index) -> NoReturn:
            raise LexiconError(
                f"entry {index + 1}: {message}", path=path, line=lineno, entry=index + 1, field=name
            )

        try:  # every broken row is named at once, not one per run
            entry = _csv_entry(_csv_raw(row, columns, err), index, path, lineno, language, label)
            if entry.id in seen:
                err("id", f"duplicate id {entry.id!r} (first at line {seen[entry.id].line})")
        except LexiconError as exc:
            problems.append(exc)
            continue
        seen[entry.id] = entry
        entries.append(entry)
    if problems:
        raise _all_of(problems)
    return entries


def write_csv(entries: list[Entry], path: Path) -> None:
    """Write entries as a trustlex CSV file at ``path``, every field kept."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for e in entries:
            writer.writerow(
                [
                    e.id,
                    e.concept,
                    e.valence,
                    e.kind,
                    json.dumps(e.value, ensure_ascii=False) if e.kind == "pattern" else e.value,
                    repr(float(e.weight)),
                    *(
                        json.dumps(list(v), ensure_ascii=False) if v else ""
                        for v in (e.exclude, e.examples, e.counter_examples)
                    ),
                    str(e.gap) if e.gap else "",
                    e.note,
                    e.source,
                ]
            )
