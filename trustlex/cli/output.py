"""What the commands print, and how they stop.

Everything printed goes through :func:`echo`, which shows control
characters from file names and document text as escapes: a crafted file
name must not retitle the terminal or write to the clipboard.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from trustlex.errors import EXIT_ERRORS, EXIT_USAGE, GuessedColumnWarning, TrustlexError

if TYPE_CHECKING:
    import pandas as pd

# C0 and C1 controls (but tab and line feed), DEL, and bidirectional overrides that reorder text
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return ``text`` with terminal control characters shown as escapes (ESC becomes backslash-x1b)."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", text)


def echo(message: object = "", *, err: bool = False) -> None:
    """Print a line, with control characters from documents made harmless (see :func:`printable`).

    When standard output is a pipe whose reader has gone (``trustlex evaluate
    gold.jsonl | head``), the rest of it is dropped and the command runs on
    to its own exit status, without a word: what ``score`` always did, as
    its table is one write, which a closed pipe cuts short without an error.
    """
    try:
        typer.echo(printable(str(message)), err=err)
    except BrokenPipeError:
        if err:
            raise
        _drop_stdout()


def _drop_stdout() -> None:
    """Send standard output to the null device, so later writes and the flush at exit find a reader."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # a stream without a file descriptor of its own
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until the exit
    finally:
        os.close(devnull)


@contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Print the warnings raised inside the block as ``warning: message`` lines on standard error.

    A :class:`~trustlex.errors.GuessedColumnWarning` (a table's text column
    guessed) is a ``note: message`` line, as ``score`` prints it.

    Python's own display names the source line that warned, which means
    nothing to a user of the command line; each warning is shown once, in
    the order raised, after the block (also when it raises). The filters in
    force stay: libraries' deprecation warnings stay hidden, ``-W error``
    still raises.
    """
    with warnings.catch_warnings(record=True) as caught:
        try:
            yield
        finally:
            said = ((issubclass(w.category, GuessedColumnWarning), str(w.message)) for w in caught)
            for is_note, message in dict.fromkeys(said):
                echo(f"{'note' if is_note else 'warning'}: {message}", err=True)


def fail(message: str, code: int = EXIT_ERRORS) -> NoReturn:
    """Print ``error: message`` on standard error and exit with status ``code``."""
    echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def require_paths(paths: list[Path]) -> None:
    """Stop with exit status 2 (bad usage) at the first path that does not exist."""
    for p in paths:
        if not p.exists():
            fail(f"{p}: no such file or folder", EXIT_USAGE)


def check_output(
    out: Path, inputs: list[Path], *, force: bool, option: str = "--out", makes_folder: bool = False
) -> None:
    """Stop with exit status 2 (bad usage) when writing ``out`` would destroy an input or an earlier file.

    The one rule of every command that writes a file, before any work: an
    output that resolves to one of the ``inputs`` (or to a document inside
    an input folder, which the command reads as an input) is refused,
    ``--force`` or not;
    an output that exists is replaced only with ``force``. ``option`` names
    the output in the message as the command spells it. The folder it goes
    in must exist, unless the command makes it (``makes_folder``: ``train``
    writes ``model.json`` into a folder of its own). ``score`` keeps the
    same rule in :func:`trustlex.score_folder`, where resuming is decided.
    """
    from trustlex.batch.outpaths import refuse_input_as_output, require_out_folder
    from trustlex.readers.registry import TABLE_SUFFIXES, TEXT_SUFFIXES

    # a file inside an input folder is read as an input only when it is of a type trustlex reads
    read = out.suffix.lower() in (*TEXT_SUFFIXES, *TABLE_SUFFIXES)
    try:
        refuse_input_as_output(out, inputs if read else [p for p in inputs if not p.is_dir()], option)
        if not makes_folder:
            require_out_folder(out, option)
    except TrustlexError as exc:
        fail(str(exc), EXIT_USAGE)
    if out.exists() and not force:
        fail(f"{option} {out} exists; pass --force to replace it", EXIT_USAGE)


def echo_error(message: str) -> None:
    """Print one reported and skipped problem (the ``on_error`` of the corpus readers)."""
    echo(f"error: {message}", err=True)


def print_frame(frame: pd.DataFrame, columns: list[str], width: int = 60) -> None:
    """Print ``columns`` of ``frame`` as a table, one line per row, cutting strings to ``width``.

    A missing value (no cue, no hedge) is an empty cell, whatever its
    column's dtype: pandas would print ``NaN`` in one column and ``<NA>`` in
    the next. Only the printed table changes, never ``frame``.
    """
    if frame.empty:
        echo("(no trust language found)")
        return
    shown = frame[columns].astype(object)
    shown = shown.where(shown.notna(), "")

    def fit(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = " ".join(value.split())  # one line per row, whatever the sentence holds
        return value if len(value) <= width else value[: width - 1] + "…"

    for col in shown.columns:
        shown[col] = shown[col].map(fit)
    echo(shown.to_string(index=False))
