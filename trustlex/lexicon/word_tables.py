"""The checked reader of word tables in context and referent files.

Context files hold ``[clauses]`` and ``[headings]``, referent files ``[rules]``:
tables that map known keys to lists of words. One reader checks them all, so
a wrong key or value gets the same file:line:key error in both kinds of file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from trustlex.errors import LexiconError
from trustlex.lexicon.toml_fields import _check_unknown, _field_line, _table_line


def word_table(
    data: dict[str, Any],
    text: str,
    spath: str,
    table: str,
    keys: Sequence[str],
    *,
    single: Iterable[str] = (),
    table_field: str | None = None,
) -> dict[str, list[str]]:
    """Return the word lists of a file's optional ``[table]``, checked; empty lists for keys left out.

    The one reader of the word tables of context and referent files
    (``[clauses]``, ``[headings]``, ``[rules]``): the table must map known
    ``keys`` to lists of non-empty strings, and the keys in ``single`` hold
    single words. A breach raises a :class:`LexiconError` naming the file,
    the key's line (the table's for the table itself) and the key (or
    ``table_field``).
    """
    raw = data.get(table, {})
    tline = _table_line(text, table)

    def err(name: str | None, message: str) -> None:
        where = _field_line(text, tline, name) if name else tline
        raise LexiconError(f"[{table}]: {message}", path=spath, line=where, field=name or table_field)

    if not isinstance(raw, dict):
        err(None, f"'{table}' must be a table of word lists, got {raw!r}")
    _check_unknown(raw, keys, err)
    lists: dict[str, list[str]] = {}
    for key in keys:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            err(key, f"'{key}' must be a list of words (non-empty strings), got {value!r}")
        if key in single:
            phrase = next((v for v in value if len(v.split()) > 1), None)
            if phrase is not None:
                err(key, f"'{key}' holds single words, not phrases, got {phrase!r}")
        lists[key] = value
    return lists
