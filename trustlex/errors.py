"""Exceptions that say what went wrong, where, and what was expected."""

from __future__ import annotations

# The exit statuses of the command line and of a folder run (trustlex.batch re-exports them): here, with
# nothing imported, so that the command line can say them without loading pandas or spaCy
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_UNFINISHED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


class TrustlexError(Exception):
    """Base class of every error trustlex raises on purpose.

    Each subclass also derives from the builtin it resembles (ValueError for
    bad values and files, OSError for what cannot be read or written), so
    ``except ValueError`` works as one expects.

    Parameters
    ----------
    *args : object
        The message, as for :class:`Exception`.

    Examples
    --------
    One ``except`` catches whatever trustlex raises on purpose:

    >>> import trustlex
    >>> try:
    ...     trustlex.score_texts(["Hallo"], lang="fr")
    ... except trustlex.TrustlexError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    LanguageError True
    >>> issubclass(trustlex.ReadError, OSError)
    True
    """


class LanguageError(TrustlexError, ValueError):
    """A language code trustlex does not know: ``lang`` is ``"nl"``, ``"en"`` or, where allowed, ``auto``.

    Parameters
    ----------
    *args : object
        The message, naming the languages allowed and the code given.

    Examples
    --------
    >>> import trustlex
    >>> try:
    ...     trustlex.load("fr")
    ... except ValueError as err:  # a LanguageError is also a ValueError
    ...     print(type(err).__name__, "-", err)
    LanguageError - lang must be one of nl, en or a spaCy Language, got 'fr'
    """


class ModelError(TrustlexError, ValueError):
    """A model folder that cannot be loaded: foreign, tampered with, or from another version.

    Parameters
    ----------
    *args : object
        The message, starting with the path of the folder or file.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> from trustlex import ModelError, TrustClassifier
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "model.json").write_text(json.dumps({"format": "pickle"}))
    ...     try:
    ...         TrustClassifier.load(folder)
    ...     except ModelError as err:
    ...         print(isinstance(err, ValueError), str(err).split(": ", 1)[1])
    True not a trustlex model file (format 'pickle', expected 'trustlex-classifier')
    """

    # set when the lexicons given are not the model's: what the model was made with and what was
    # given, described, so that the command line can word the message with its own flags
    lexicons_made: str | None = None
    lexicons_given: str | None = None
    lexicons_differ: str = ""  # " (only the model's: ...; only given: ...)" where the two share lexicons


class LexiconError(TrustlexError, ValueError):
    """A lexicon or context file that does not follow the schema.

    The message starts with ``path:line:`` and names the entry and field, so
    editors and CI logs can jump to the problem.

    Parameters
    ----------
    message : str
        What is wrong, without the place; kept as ``detail``.
    path : str, optional
        The file, put before the message.
    line : int, optional
        The line in ``path``, put after it.
    entry : int, optional
        The 1-based number of the entry or cue in the file.
    field : str, optional
        The field of the entry that is wrong.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> toml = '''
    ... [lexicon]
    ... name = "mine"
    ... language = "en"
    ... version = "1.0"
    ...
    ... [[entry]]
    ... concept = "trust"
    ... valence = "?"
    ... term = "faith"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "mine.toml")
    ...     _ = path.write_text(toml, encoding="utf-8")
    ...     try:
    ...         trustlex.load_lexicon_file(path)
    ...     except trustlex.LexiconError as err:
    ...         print(err.line, err.entry, err.field, isinstance(err, ValueError))
    ...         print(err.detail)
    9 1 valence True
    entry 1 (term 'faith'): 'valence' must be one of '+', '-', '0', got '?'
    >>> str(trustlex.LexiconError("unknown concept", path="mine.toml", line=3))
    'mine.toml:3: unknown concept'
    """

    # set where a list of lexicons has none for a language: no fault of a file, so a run over
    # both languages reports a fault of a file (a clash of ids, a TOML error) before it
    missing_language: str | None = None

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        entry: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.entry = entry
        self.field = field
        self.detail = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class GoldError(TrustlexError, ValueError):
    """A gold-standard file with lines that are not valid JSON or lack a field.

    One bad line gives ``path:line: what is wrong``; several give a first
    line ``path: N bad lines of M; ...`` and one line each (the first 20,
    and how many more). ``problems`` holds every bad line as (line, field,
    message), field None for the whole line; empty for other errors.

    Parameters
    ----------
    *args : object
        The message, starting with ``path:line:`` or ``path:``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "gold.jsonl")
    ...     _ = path.write_text('{"labels": {"trust": "+"}}', encoding="utf-8")
    ...     try:
    ...         trustlex.read_gold(path)
    ...     except ValueError as err:  # a GoldError is also a ValueError
    ...         print(type(err).__name__, str(err).split(":", 1)[1])
    GoldError 1: field 'text' is missing or not a string
    """

    problems: tuple[tuple[int, str | None, str], ...] = ()  # every bad line, set by read_gold


class ReadError(TrustlexError, OSError):
    """A document, or one row of a table, that cannot be read.

    ``kind`` is a short stable label for the error file (``corrupt``,
    ``binary``, ``encrypted``, ``encoding``, ``malformed-row``,
    ``missing-text``, ``repeated-text``, ``missing-id``, ``missing-sheet``, ``several-sheets``,
    ``empty`` and ``no-text`` (a PDF or DOCX of 0 bytes, or without text),
    ``unreadable``, ``vanished``, ``too-large``, ``unsupported``); the
    message starts with ``path:`` or ``path: row N:``.

    Parameters
    ----------
    message : str
        What is wrong, without the place; kept as ``detail``.
    path : str
        The document.
    kind : str
        The short label above.
    row : int, optional
        The row of a table, for errors of one row.

    Examples
    --------
    >>> from trustlex import ReadError
    >>> err = ReadError("no column 'text'", path="survey.csv", kind="missing-text", row=4)
    >>> str(err), err.kind
    ("survey.csv: row 4: no column 'text'", 'missing-text')
    >>> isinstance(err, OSError)
    True
    """

    def __init__(self, message: str, *, path: str, kind: str, row: int | None = None) -> None:
        self.path = path
        self.kind = kind
        self.row = row
        self.detail = message
        where = f"{path}: row {row}: " if row is not None else f"{path}: "
        super().__init__(where + message)


class RunError(TrustlexError, OSError, RuntimeError):
    """A folder run that could not finish: the output is locked, the disk is full, or a worker process died.

    An OSError (its causes are a lock or the disk), and a RuntimeError (the run
    stopped), so either ``except`` catches it.

    Nothing is lost: finished parts stay on disk, and the same command resumes
    once the cause is gone. The command line exits with status 3.
    """


class GoldWarning(UserWarning):
    """Bad lines of a gold file skipped on request (``read_gold(path, skip_bad=True)``, ``--skip-bad-lines``).

    The message starts with the file's path and says how many lines were
    skipped and read, and what the first skipped line's problem is.
    """


class LexiconFormatWarning(UserWarning):
    """Something the target format cannot hold, or a guess made while reading a dictionary.

    Issued by :func:`~trustlex.lexicon.formats.read_dictionary` and
    :func:`~trustlex.lexicon.formats.write_dictionary`; the message starts with the file's path.
    """


class GuessedColumnWarning(UserWarning):
    """A table's text column was guessed: no column was named and none has a known text name.

    The column with the longest values was scored; the message names the
    table, that column and the other columns that hold text, and says to
    name the column (``--text-column``, ``text_column=``). Issued once per
    distinct header by :func:`~trustlex.score_folder` and
    :func:`~trustlex.batch.corpus.read_corpus`.
    """


class SuggestError(TrustlexError, ValueError):
    """Suggestions cannot be made: an unknown concept or language, or too few seed words in the corpus."""
