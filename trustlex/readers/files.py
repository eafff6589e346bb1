"""Opening files safely: regular files only, and operating-system errors as ``ReadError`` of a stable kind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from trustlex.errors import ReadError


def open_regular(
    path: str | Path,
    display: str,
    mode: str = "rb",
    *,
    encoding: str | None = None,
    errors: str | None = None,
    newline: str | None = None,
) -> IO[Any]:
    """Open ``path`` like :func:`open`, refusing anything but a regular file.

    A named pipe opened for reading waits for a writer forever and a device
    never ends; the file is opened without blocking and checked before one
    byte is read (a check on the path alone could be raced). Raises
    ``ReadError(kind="not-a-file")``.

    Parameters
    ----------
    path : str or Path
        The file to open.
    display : str
        The name errors give as their ``path``.
    mode, encoding, errors, newline
        As for :func:`open`.

    Returns
    -------
    IO
        The open file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        kind = os.fstat(fd).st_mode
        if stat.S_ISDIR(kind):
            msg = "cannot read file: Is a directory"
            raise ReadError(msg, path=display, kind="unreadable")
        if not stat.S_ISREG(kind):
            msg = "not a regular file (a named pipe, socket or device)"
            raise ReadError(msg, path=display, kind="not-a-file")
        return os.fdopen(fd, mode, encoding=encoding, errors=errors, newline=newline)
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def _guard(display: str) -> Iterator[None]:
    """Turn operating-system errors into ReadError with a stable kind."""
    try:
        yield
    except ReadError:
        # ReadError is itself an OSError; it must pass through untouched.
        raise
    except FileNotFoundError as exc:
        msg = "file not found (moved or deleted?)"
        raise ReadError(msg, path=display, kind="vanished") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ReadError(f"cannot read file: {reason}", path=display, kind="unreadable") from exc


def _corrupt(display: str, what: str, exc: BaseException) -> ReadError:
    detail = str(exc).strip() or type(exc).__name__
    return ReadError(f"corrupt or unreadable {what}: {detail}", path=display, kind="corrupt")


def _is_empty(path: str | Path, display: str) -> bool:
    """Whether ``path`` holds no bytes; operating-system errors as in :func:`_guard`."""
    with _guard(display):
        return os.stat(path).st_size == 0


def _empty_file(display: str, what: str) -> ReadError:
    """The error of a zero-byte file of a format that is never empty (PDF, DOCX): kind ``empty``."""
    msg = f"empty file (0 bytes): no {what} at all (a copy or download cut off?); nothing to score"
    return ReadError(msg, path=display, kind="empty")
