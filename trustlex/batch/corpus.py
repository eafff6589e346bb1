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
from pathlib import Path

import pandas as pd

from trustlex.batch import plan
from trustlex.errors import GuessedColumnWarning, TrustlexError
from trustlex.readers import Row, read_rows, read_text_document, table_info
from trustlex.readers.columns import guess_of, guessed_notes

__all__ = ["read_corpus"]


def read_corpus(
    paths: Iterable[str | Path],
    text_column: str | None = None,
    *,
    on_error: Callable[[str], None] | None = None,
) -> pd.Series:
    r"""Return the text of every document under ``paths``, indexed by where it came from.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders, in any format ``trustlex score`` reads (text
        documents and tables); folders are walked as ``score`` walks them.
    text_column : str, optional
        The text column of tables; by default it is detected (``text``,
        ``comment``, ...).
    on_error : callable, optional
        Called with a one-line message (``path: kind: message`` for a file
        the planner refuses, ``path: message`` or ``path: row N: message``
        for one that cannot be read) as each problem is met. The file or row
        is skipped either way; by default silently.

    Warns
    -----
    GuessedColumnWarning
        Once per distinct header of the tables whose text column was
        guessed (``text_column`` not given and no column with a known text
        name): the column with the longest values was read.

    Returns
    -------
    pandas.Series
        The texts (dtype object), in the planner's order. The index is the
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
    >>> tmp.cleanup()
    """
    report = on_error or _ignore
    units, errors, _ = plan(paths)
    for e in errors:
        report(f"{e['path']}: {e['kind']}: {e['message']}")
    ids: list[str] = []
    texts: list[str] = []
    tables_read: set[tuple[str, str | None]] = set()
    guesses: list[tuple] = []
    for unit in units:
        if unit.kind == "text":
            for path, rel in unit.files:
                # one bad file is skipped, not the other small files batched with it
                _read_text(path, rel, ids, texts, report)
        elif (unit.path, unit.sheet) not in tables_read:
            # a table's units (a sheet's) are consecutive row ranges: read it once, whole, at its first one
            tables_read.add((unit.path, unit.sheet))
            _read_table(unit.path, unit.rel, text_column, ids, texts, report, unit.sheet, guesses)
    for note in guessed_notes(guesses):  # once per distinct header, as score_folder says it
        warnings.warn(note, GuessedColumnWarning, stacklevel=2)
    return pd.Series(texts, index=ids, dtype=object)


def _ignore(message: str) -> None:
    """Drop a problem message: the default of ``on_error``."""


def _read_text(path: str, rel: str, ids: list[str], texts: list[str], report: Callable[[str], None]) -> None:
    """Append one text document's whole text, or report why it cannot be read."""
    try:
        text = "".join(read_text_document(Path(path), rel).blocks)
    except TrustlexError as exc:
        report(str(exc))
        return
    ids.append(rel)
    texts.append(text)


def _read_table(
    path: str,
    rel: str,
    text_column: str | None,
    ids: list[str],
    texts: list[str],
    report: Callable[[str], None],
    sheet: str | None = None,
    guesses: list[tuple] | None = None,
) -> None:
    """Append every readable row of one table; a bad row is reported, a bad file ends the table.

    ``sheet`` is the sheet of a workbook the table is (``None``: a table without sheets); a text
    column that had to be guessed is added to ``guesses`` (see :func:`guessed_notes`).
    """
    try:
        info = table_info(Path(path), rel, text_column, sheet=sheet)
        if (guess := guess_of(info, rel, sheet)) is not None and guesses is not None:
            guesses.append(guess)
        for row in read_rows(Path(path), rel, text_column, info=info, sheet=sheet):
            if isinstance(row, Row):
                ids.append(f"{rel}:{row.row}")
                texts.append(row.text)
            else:
                report(str(row))
    except TrustlexError as exc:
        report(str(exc))
