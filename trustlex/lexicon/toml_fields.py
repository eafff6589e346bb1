"""What every trustlex TOML schema shares: where a table or field is in the text, headers, field checks.

The lexicon (:mod:`trustlex.lexicon.schema`), context
(:mod:`trustlex.lexicon.context_file`) and referent
(:mod:`trustlex.lexicon.referents`) files, and the word tables and rule words
in them, report errors at the line of the field that breaks the schema; these
find those lines in the file's text, and check a ``[header]`` table, a list of
strings and unknown fields the same way for each.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from trustlex.concepts import LANGUAGES
from trustlex.errors import LexiconError

# -- where things are in the file text -----------------------------------------------------------


def _table_line(text: str, table: str) -> int:
    """Return the 1-based line of the ``[table]`` header, or 1 when it is absent."""
    pattern = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
    for i, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return i
    return 1


def _header_lines(text: str, table: str) -> list[int]:
    """Return the 1-based line numbers of each ``[[table]]`` header in ``text``."""
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def _field_line(text: str, start: int, name: str) -> int:
    """Return the line of ``name = ...`` in the table whose header is at line ``start``."""
    lines = text.splitlines()
    key = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
    for i in range(start, len(lines)):  # index ``start`` is the line after the header
        if lines[i].lstrip().startswith("["):
            break
        if key.match(lines[i]):
            return i + 1
    return start


def _file_header(
    data: dict, text: str, spath: str, table: str, fields: Sequence[str]
) -> tuple[dict, Callable[[str, str], None]]:
    """Return a context or referent file's ``[table]`` header, checked, and its field-error function.

    The header must exist, hold only ``fields``, a known ``language`` and a
    string ``version``; each error names the file, the field's line and field.
    """
    header = data.get(table)
    if not isinstance(header, dict):
        msg = f"missing [{table}] header with language and version"
        raise LexiconError(msg, path=spath, line=1)
    hline = _table_line(text, table)

    def herr(name: str, message: str) -> None:
        line = _field_line(text, hline, name)
        raise LexiconError(f"[{table}]: {message}", path=spath, line=line, field=name)

    _check_unknown(header, fields, herr)
    if header.get("language") not in LANGUAGES:
        herr("language", f"'language' must be one of {', '.join(LANGUAGES)}, got {header.get('language')!r}")
    if not isinstance(header.get("version"), str):
        herr("version", "'version' is required and must be a string")
    return header, herr


def _as_str_list(value: Any, *, err: Any, name: str) -> tuple[str, ...]:
    """Accept a string or a list of strings; anything else is a schema error."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    err(name, f"'{name}' must be a string or a list of strings, got {value!r}")
    return ()


def _check_unknown(keys: Iterable[str], allowed: Sequence[str], err: Any) -> None:
    for key in keys:
        if key not in allowed:
            err(key, f"unknown field '{key}'; allowed: {', '.join(allowed)}{did_you_mean(key, allowed)}")


def did_you_mean(word: Any, choices: Sequence[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the choice closest to a misspelt ``word``, or ``""``."""
    close = difflib.get_close_matches(str(word).lower(), choices, n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""
