"""Exceptions that say what went wrong, where, and what was expected."""

from __future__ import annotations


class TrustlexError(Exception):
    """Base class of every error trustlex raises on purpose.

    Each subclass also derives from the builtin it resembles (ValueError for
    bad values and files, OSError for what cannot be read or written), so
    ``except ValueError`` works as one expects.
    """


class LanguageError(TrustlexError, ValueError):
    """A language code trustlex does not know: ``lang`` is ``"nl"``, ``"en"`` or, where allowed, ``auto``."""


class ModelError(TrustlexError, ValueError):
    """A model folder that cannot be loaded: foreign, tampered with, or from another version."""


class LexiconError(TrustlexError, ValueError):
    """A lexicon or context file that does not follow the schema.

    The message starts with ``path:line:`` and names the entry and field, so
    editors and CI logs can jump to the problem.
    """

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
    """A gold-standard file line that is not valid JSON or lacks a field."""


class ReadError(TrustlexError, OSError):
    """A document, or one row of a table, that cannot be read.

    ``kind`` is a short stable label for the error file (``corrupt``,
    ``binary``, ``encrypted``, ``encoding``, ``malformed-row``,
    ``missing-text``, ``missing-id``, ``unreadable``, ``vanished``,
    ``too-large``, ``unsupported``); the
    message starts with ``path:`` or ``path: row N:``.
    """

    def __init__(self, message: str, *, path: str, kind: str, row: int | None = None) -> None:
        self.path = path
        self.kind = kind
        self.row = row
        self.detail = message
        where = f"{path}: row {row}: " if row is not None else f"{path}: "
        super().__init__(where + message)


class RunError(TrustlexError, OSError, RuntimeError):
    """A folder run that could not finish: the output is locked by another run, or the disk is full.

    An OSError (its causes are a lock or the disk), and a RuntimeError (the run
    stopped), so either ``except`` catches it.

    Nothing is lost: finished parts stay on disk, and the same command resumes
    once the cause is gone. The command line exits with status 3.
    """


class LexiconFormatWarning(UserWarning):
    """Something the target format cannot hold, or a guess made while reading a dictionary.

    Issued by :func:`~trustlex.lexicon.formats.read_dictionary` and
    :func:`~trustlex.lexicon.formats.write_dictionary`; the message starts with the file's path.
    """


class SuggestError(TrustlexError, ValueError):
    """Suggestions cannot be made: an unknown concept or language, or too few seed words in the corpus."""
