"""A table's own language column: the language each row is scored in (``lang_column=``, ``--lang-column``)."""

from __future__ import annotations

from typing import Any

from trustlex.batch.carried import plain_value
from trustlex.concepts import LANGUAGES
from trustlex.errors import ReadError
from trustlex.readers import Row
from trustlex.readers.columns import not_found


def check_lang_column(column: str | None, columns: list[str], rel: str) -> None:
    """Raise ReadError (``missing-lang``) when a table lacks the language column asked for."""
    if column is not None and column not in columns:
        raise ReadError(not_found("language column", column, columns), path=rel, kind="missing-lang")


def row_language(column: str, item: Row, rel: str) -> str | ReadError | None:
    """Return the language of a table row from its ``column``: ``nl`` or ``en`` (in any case, trimmed).

    An empty cell gives None (the run's ``lang`` decides, ``auto``: detected);
    any other value a ReadError (``bad-lang``) naming the file, row and value,
    reported as a bad row is and the row left out.
    """
    value: Any = plain_value(item.meta.get(column))
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = str(value).strip().lower()
    if code in LANGUAGES:
        return code
    msg = (
        f"language column {column!r} holds {str(value)[:40]!r}; expected {' or '.join(LANGUAGES)} (any case)"
    )
    return ReadError(msg, path=rel, kind="bad-lang", row=item.row)
