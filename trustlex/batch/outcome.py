"""What a folder run did, for its user: :class:`FolderReport`, its closing lines and its exit status."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from trustlex.batch.results import read_output
from trustlex.errors import EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNFINISHED, EXIT_USAGE  # noqa: F401


@dataclass
class FolderReport:
    """What :func:`score_folder` did: the output, the errors, what it skipped, and counts.

    Parameters
    ----------
    out : Path or None
        The output file, or ``None`` when the scores are kept in memory.
    errors : pandas.DataFrame
        The documents and rows that could not be read: path, row, kind
        (see :class:`ReadError`), message.
    skipped : pandas.DataFrame
        The files left out on purpose (path, reason): those of a type
        trustlex does not read.
    notes : list of str
        Remarks for the user, such as the text column chosen for a table.
    files, docs, rows, words : int
        Counts of files found to score (those that could not be read
        too), documents scored, output rows and words.
    seconds : float
        The run's duration.
    resumed : int, default 0
        Parts of an interrupted run taken over.
    unread : int, default 0
        Files among ``files`` that could not be read at all (each is in
        ``errors``): ``files - unread`` were scored.
    nothing : str or None, default None
        Why no document at all was found to score (a folder of files of
        types trustlex does not read, a ``glob`` that matches no file, an
        empty folder), or None.
    text_columns : dict of str to str
        The column each table's text was read from (named with
        ``text_column``, found by its name, or guessed), by the table's
        ``path`` value (``survey.xlsx#Team B`` for a sheet), in path order;
        the summary's ``text column:`` line says it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> import trustlex
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = Path(tmp.name, "in")
    >>> folder.mkdir()
    >>> _ = Path(folder, "memo.txt").write_text("Er is geen vertrouwen in de directie.", encoding="utf-8")
    >>> texts = ["We trust our manager.", "Nobody takes responsibility."]
    >>> survey = pd.DataFrame({"id": ["r1", "r2"], "text": texts})
    >>> survey.to_csv(Path(folder, "survey.csv"), index=False)
    >>> _ = Path(folder, "broken.docx").write_bytes(b"not a zip file")
    >>> _ = Path(folder, "slides.pptx").write_bytes(b"")
    >>> report = trustlex.score_folder(folder, out=Path(tmp.name, "scores.csv"), progress=False)
    >>> report.files, report.unread, report.docs, report.rows, report.exit_code
    (3, 1, 3, 3, 1)
    >>> report.errors[["path", "kind"]].values.tolist()
    [['broken.docx', 'corrupt']]
    >>> print(report.summary())  # doctest: +ELLIPSIS
    scored 2 of 3 files (3 documents; 1 file could not be read), 3 rows, 14 words, 1 error in ... s -> ...csv
    errors listed in .../scores.errors.csv
    text column: 'text' in survey.csv
    skipped 1 file of a type trustlex does not read: .pptx
    >>> report.text_columns
    {'survey.csv': 'text'}
    >>> tmp.cleanup()
    """

    out: Path | None
    errors: pd.DataFrame
    skipped: pd.DataFrame
    notes: list[str]
    files: int
    docs: int
    rows: int
    words: int
    seconds: float
    resumed: int = 0
    unread: int = 0
    nothing: str | None = None
    text_columns: dict[str, str] = field(default_factory=dict)
    _frame: pd.DataFrame | None = None

    @property
    def frame(self) -> pd.DataFrame:
        """Return the scores (read back from the output file when there is one).

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import trustlex
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Path(folder, "memo.txt").write_text("We trust our manager.", encoding="utf-8")
        ...     report = trustlex.score_folder(folder, level="sentence", progress=False)
        >>> report.out is None
        True
        >>> report.frame[["path", "concept", "valence"]].values.tolist()
        [['memo.txt', 'trust', '+']]
        """
        if self._frame is None and self.out is not None:
            self._frame = read_output(self.out)
        return self._frame if self._frame is not None else pd.DataFrame()

    @property
    def exit_code(self) -> int:
        """Return 0 when every input was scored, 1 when the run reported errors or found nothing to score.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import trustlex
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     nothing = trustlex.score_folder(folder, progress=False).exit_code
        ...     _ = Path(folder, "memo.txt").write_text("We trust our manager.", encoding="utf-8")
        ...     first = trustlex.score_folder(folder, progress=False).exit_code
        ...     _ = Path(folder, "broken.docx").write_bytes(b"not a zip file")
        ...     second = trustlex.score_folder(folder, progress=False).exit_code
        >>> nothing, first, second
        (1, 0, 1)
        """
        return EXIT_ERRORS if len(self.errors) or self.nothing is not None else EXIT_OK

    def error_lines(self) -> list[str]:
        """Return each error as the line ``trustlex score`` prints: ``path: row N: kind: message``.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import trustlex
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Path(folder, "broken.docx").write_bytes(b"not a zip file")
        ...     report = trustlex.score_folder(folder, progress=False)
        >>> report.error_lines()  # doctest: +ELLIPSIS
        ['broken.docx: corrupt: corrupt or unreadable DOCX: File is not a zip file; it holds plain text, ...']
        """
        rows = self.errors[["path", "row", "kind", "message"]].itertuples(index=False)
        return [error_line(*e) for e in rows]

    def error_places(self) -> list[str]:
        r"""Return where each error is: its file's path, or ``path row N`` for a table row.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import trustlex
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Path(folder, "c.jsonl").write_text('{"text": "Ok."}\n{"text": \n', encoding="utf-8")
        ...     report = trustlex.score_folder(folder, progress=False)
        >>> report.error_places()
        ['c.jsonl row 2']
        """
        rows = self.errors[["path", "row"]].itertuples(index=False)
        return [path if pd.isna(row) else f"{path} row {row}" for path, row in rows]

    def summary(self) -> str:
        """Return the closing lines: files, documents, rows, words, errors and time; files skipped.

        When tables were read, a line names the column their text came from
        (:func:`text_column_line`); another names the types of the files
        skipped, if any. When no document was found to score, the one line
        says why instead.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> import trustlex
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = Path(folder, "memo.txt").write_text("We trust our manager.", encoding="utf-8")
        ...     report = trustlex.score_folder(folder, progress=False)
        ...     _ = Path(folder, "memo.txt").rename(Path(folder, "memo.doc"))
        ...     empty = trustlex.score_folder(folder, progress=False)
        >>> report.summary()
        'scored 1 file (1 document), 1 row, 4 words, 0 errors in ... s'
        >>> empty.summary()
        'no documents to score in ...: 1 file, not of a type trustlex reads (.doc)'
        """
        if self.nothing is not None:
            written = f"; {self.out} has no rows" if self.out is not None else ""
            return self.nothing + written
        where = f" -> {self.out}" if self.out is not None else ""
        resumed = f" ({count(self.resumed, 'part')} resumed)" if self.resumed else ""
        docs = count(self.docs, "document")
        if self.unread:
            scored = f"{self.files - self.unread:,} of {count(self.files, 'file')}"
            docs += f"; {count(self.unread, 'file')} could not be read"
        else:
            scored = count(self.files, "file")
        lines = [
            f"scored {scored} ({docs}), {count(self.rows, 'row')}, {count(self.words, 'word')}, "
            f"{count(len(self.errors), 'error')} in {self.seconds:.1f} s{resumed}{where}"
        ]
        if self.out is not None and len(self.errors):
            # where the list is (parts.errors_path; not imported here, which would load the scorers)
            listed = self.out.with_name(self.out.stem + ".errors.csv")
            lines.append(f"errors listed in {listed}")
        if self.text_columns:
            lines.append(text_column_line(self.text_columns))
        if len(self.skipped):
            n = len(self.skipped)
            kind = "types" if n > 1 else "a type"
            types = suffixes(self.skipped["path"])
            lines.append(f"skipped {count(n, 'file')} of {kind} trustlex does not read: {types}")
        return "\n".join(lines)


def text_column_line(text_columns: dict[str, str]) -> str:
    """Return the line that says which column of each table was scored: ``text column: 'Q12_open' in s.csv``.

    Tables read from the same column share a mention (``'comment' in
    wave01.csv and 24 other tables``); a folder of tables with different
    text columns lists each (``text columns: 'comment' in a.csv; 'opmerking'
    in b.csv``), the first five and how many more.
    """
    by_column: dict[str, list[str]] = {}
    for table, column in text_columns.items():
        by_column.setdefault(column, []).append(table)
    said = []
    for column, tables in by_column.items():
        if len(tables) == 1:
            where = tables[0]
        elif len(tables) == 2:
            where = f"{tables[0]} and {tables[1]}"
        else:
            where = f"{tables[0]} and {len(tables) - 1:,} other tables"
        said.append(f"{column!r} in {where}")
    more = f"; and {len(said) - 5} more columns" if len(said) > 5 else ""
    label = "text column" if len(said) == 1 else "text columns"
    return f"{label}: {'; '.join(said[:5])}{more}"


def error_line(path: str, row: int | float | None, kind: str, message: str) -> str:
    """Return one reported problem as a line: ``path: row N: kind: message`` (no row for a whole file).

    ``row`` is the table row's number, missing (NA, NaN or None) for a whole file.

    The kind ``error`` (a file that broke the scorer) is left out, as its
    message names the exception: "error: x: error: ..." would say it twice.
    """
    where = f"{path}: row {row}" if not pd.isna(row) else path
    return f"{where}: {'' if kind == 'error' else f'{kind}: '}{message}"


def count(n: int, word: str) -> str:
    """Return ``n`` with ``word`` in the singular or plural: ``1 file``, ``2 files``, ``1,000 words``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def suffixes(paths: pd.Series | list[str]) -> str:
    """Return the distinct suffixes of ``paths``, sorted and in lower case: ``.doc, .json``."""
    found = {os.path.splitext(str(p))[1].lower() or "(no suffix)" for p in paths}
    return ", ".join(sorted(found))


# how every nothing_to_score line starts: the report command tells it from a read error by it
NOTHING_TO_SCORE = "no documents to score"


def nothing_to_score(paths: list[str | Path], glob: str | None, skipped: list[dict]) -> str:
    """Return why a run that found no document to score found none, naming the inputs.

    Files of types trustlex does not read, then a ``glob`` that matched no
    file, then no files at all: the first that applies.
    """
    shown = ", ".join(str(p) for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    where = f"{NOTHING_TO_SCORE} in {shown}"
    if skipped:
        n = len(skipped)
        what = "none of a type" if n > 1 else "not of a type"
        found = suffixes([s["path"] for s in skipped])
        return f"{where}: {count(n, 'file')}, {what} trustlex reads ({found})"
    if glob:
        return f"{where}: no file matches glob {glob!r} (in any case)"
    return f"{where}: no files (hidden files and folders are not read)"
