"""Read a corpus into memory: every document under some paths, one text per document or table row.

For the commands that need all texts at once (training on the lexicon's
labels, suggesting terms, auditing, keyword in context) rather than
streaming them to an output as :func:`trustlex.batch.score_folder` does.
The files are the ones ``score`` reads, found by the same planner, and a
file or row that cannot be read is reported and skipped, as ``score`` does.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

import pandas as pd

from trustlex.batch import plan
from trustlex.batch.outcome import error_line
from trustlex.batch.rowlang import check_lang_column, row_language
from trustlex.errors import GuessedColumnWarning, ReadError, TrustlexError
from trustlex.readers import Row, read_rows, read_text_document, table_info
from trustlex.readers.columns import guess_of, guessed_notes

__all__ = ["read_corpus"]


@overload
def read_corpus(
    paths: Iterable[str | Path],
    text_column: str | None = None,
    *,
    lang_column: Literal[None] = None,
    on_error: Callable[[str], None] | None = None,
) -> pd.Series: ...
@overload
def read_corpus(
    paths: Iterable[str | Path],
    text_column: str | None = None,
    *,
    lang_column: str,
    on_error: Callable[[str], None] | None = None,
) -> pd.DataFrame: ...
def read_corpus(
    paths: Iterable[str | Path],
    text_column: str | None = None,
    *,
    lang_column: str | None = None,
    on_error: Callable[[str], None] | None = None,
) -> pd.Series | pd.DataFrame:
    r"""Return the text of every document under ``paths``, indexed by where it came from.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders, in any format ``trustlex score`` reads (text
        documents and tables); folders are walked as ``score`` walks them.
    text_column : str, optional
        The text column of tables; by default it is detected (``text``,
        ``comment``, ...).
    lang_column : str, optional
        The column of tables holding each row's language, as ``score``'s
        ``--lang-column``: ``nl`` or ``en`` in any case. Given, the result is
        a DataFrame with ``text`` and ``lang`` (the row's language, ``None``
        for an empty cell and for text documents, whose language is the
        caller's ``lang``). A row with another value is reported
        (``path: row N: bad-lang: language column 'Taal' holds 'de'; ...``)
        and skipped, a table without the column is one ``missing-lang``
        error, as ``score`` reports them.
    on_error : callable, optional
        Called with a one-line message, as ``score`` prints it
        (``path: kind: message`` for a file the planner refuses or cannot
        read, ``path: row N: kind: message`` for a row) as each problem is met. The file or row
        is skipped either way; by default silently.

    Warns
    -----
    GuessedColumnWarning
        Once per distinct header of the tables whose text column was
        guessed (``text_column`` not given and no column with a known text
        name): the column with the longest values was read.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        The texts (dtype object), in the planner's order; with ``lang_column``
        a DataFrame of ``text`` and ``lang``. The index is the
        file's path relative to the folder given for a text document, and
        ``path:row`` for a table row (``row`` counting from 1; ``path`` is
        ``file#sheet`` for a sheet of a workbook with several, as in ``score``).

    Raises
    ------
    TrustlexError
        When one of ``paths`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = Path(tmp.name)
    >>> _ = (folder / "note.txt").write_text("We trust them.", encoding="utf-8")
    >>> _ = (folder / "answers.csv").write_text("text\nGood.\nBad.\n", encoding="utf-8")
    >>> read_corpus([folder]).to_dict()
    {'answers.csv:1': 'Good.', 'answers.csv:2': 'Bad.', 'note.txt': 'We trust them.'}
    >>> _ = (folder / "answers.csv").write_text("text,taal\nGoed.,NL\nBad.,\n", encoding="utf-8")
    >>> print(read_corpus([folder], lang_column="taal").to_string())
                             text  lang
    answers.csv:1           Goed.    nl
    answers.csv:2            Bad.  None
    note.txt       We trust them.  None
    >>> tmp.cleanup()
    """
    report = on_error or _ignore
    units, errors, _ = plan(paths)
    for e in errors:
        report(f"{e['path']}: {e['kind']}: {e['message']}")
    ids: list[str] = []
    texts: list[str] = []
    langs: list[str | None] = []
    tables_read: set[tuple[str, str | None]] = set()
    guesses: list[tuple] = []
    for unit in units:
        if unit.kind == "text":
            for path, rel in unit.files:
                # one bad file is skipped, not the other small files batched with it
                if _read_text(path, rel, ids, texts, report):
                    langs.append(None)
        elif (unit.path, unit.sheet) not in tables_read:
            # a table's units (a sheet's) are consecutive row ranges: read it once, whole, at its first one
            tables_read.add((unit.path, unit.sheet))
            table = _Table(unit.path, unit.rel, text_column, lang_column, unit.sheet)
            _read_table(table, ids, texts, langs, report, guesses)
    for note in guessed_notes(guesses):  # once per distinct header, as score_folder says it
        warnings.warn(note, GuessedColumnWarning, stacklevel=2)
    if lang_column is not None:
        return pd.DataFrame(
            {"text": pd.Series(texts, dtype=object), "lang": pd.Series(langs, dtype=object)}
        ).set_axis(ids)
    return pd.Series(texts, index=ids, dtype=object)


def _said(exc: TrustlexError) -> str:
    """Return a problem as ``score`` prints it: ``path: row N: kind: message`` for a ReadError."""
    if isinstance(exc, ReadError):
        return error_line(exc.path, exc.row, exc.kind, exc.detail)
    return str(exc)


def _ignore(message: str) -> None:
    """Drop a problem message: the default of ``on_error``."""


def _read_text(path: str, rel: str, ids: list[str], texts: list[str], report: Callable[[str], None]) -> bool:
    """Append one text document's whole text and return True, or report why it cannot be read."""
    try:
        text = "".join(read_text_document(Path(path), rel).blocks)
    except TrustlexError as exc:
        report(_said(exc))
        return False
    ids.append(rel)
    texts.append(text)
    return True


@dataclass(frozen=True)
class _Table:
    """One table to read (a workbook's sheet, or ``sheet`` None) and the columns the caller named."""

    path: str
    rel: str
    text_column: str | None
    lang_column: str | None
    sheet: str | None


def _read_table(
    table: _Table,
    ids: list[str],
    texts: list[str],
    langs: list[str | None],
    report: Callable[[str], None],
    guesses: list[tuple],
) -> None:
    """Append every readable row of one table; a bad row is reported, a bad file ends the table.

    A text column that had to be guessed is added to ``guesses`` (see :func:`guessed_notes`); with
    a language column, each row's language (or None) to ``langs``, a row of another value reported.
    """
    path, rel, sheet, lang_column = Path(table.path), table.rel, table.sheet, table.lang_column
    try:
        info = table_info(path, rel, table.text_column, sheet=sheet)
        check_lang_column(lang_column, info.columns, rel)
        if (guess := guess_of(info, rel, sheet, [lang_column])) is not None:
            guesses.append(guess)
        for row in read_rows(path, rel, table.text_column, info=info, sheet=sheet):
            own = row_language(lang_column, row, rel) if lang_column and isinstance(row, Row) else None
            if not isinstance(row, Row):
                report(_said(row))  # a row that cannot be read comes as its error
            elif isinstance(own, ReadError):
                report(_said(own))
            else:
                ids.append(f"{rel}:{row.row}")
                texts.append(row.text)
                langs.append(own)
    except TrustlexError as exc:
        report(_said(exc))
