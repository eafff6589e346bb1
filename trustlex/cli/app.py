"""The Typer application, the options several commands share, and how errors become exit statuses.

Exit status: 0 success, 1 a problem with the input (a bad lexicon or gold
file, documents that ``score``, ``kwic`` or ``report`` reported and skipped,
or no document to score at all), 2 bad
usage, 3 the run could not finish (its output locked by another run, a full
disk); each with a one-line message, never a traceback. :class:`exit_on_error` is the
one place that maps exceptions to those statuses.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import ContextDecorator
from pathlib import Path
from types import TracebackType
from typing import Annotated

import typer

from trustlex.cli.output import echo, fail
from trustlex.concepts import LANGUAGES, language_code
from trustlex.errors import EXIT_ERRORS, EXIT_UNFINISHED, EXIT_USAGE, RunError, TrustlexError

app = typer.Typer(
    help="Find trust language in Dutch and English text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="Inspect and check lexicon files.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


def lang_option(*, auto: bool = True) -> Callable[[str | None], str | None]:
    """Return the callback of a ``--lang`` option: the code in lower case, or exit status 2 (bad usage).

    ``--lang EN`` is ``en``; an unknown language (``--lang de``) stops every
    command the same way, before any work, whichever function would have
    refused it later. ``auto`` also allows ``auto`` (detect per document).
    """
    allowed = (*LANGUAGES, "auto") if auto else LANGUAGES

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        code = language_code(value)
        if code not in allowed:
            fail(f"--lang must be {', '.join(allowed[:-1])} or {allowed[-1]}, got {value!r}", EXIT_USAGE)
        return code

    return check


Lang = Annotated[
    str, typer.Option("--lang", "-l", help="nl, en or auto (detect per document).", callback=lang_option())
]
LexiconOpt = Annotated[
    list[str] | None,
    typer.Option("--lexicon", help="Lexicon name (nl/trust), TOML file or folder; repeatable."),
]
ReferentsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--referents",
        metavar="FILE",
        help="A referent taxonomy file (TOML) extending the shipped one, or replacing it with "
        "'replace = true'; each language takes the files written for it; repeatable.",
    ),
]
SkipBadLines = Annotated[
    bool,
    typer.Option(help="Skip a gold file's bad lines and say how many (default: list them all, run nothing)."),
]
LangColumnOpt = Annotated[
    str | None,
    typer.Option(
        metavar="COLUMN",
        help="Column of tables holding each row's language (nl or en, any case): the row is scored in it; "
        "an empty cell leaves it to --lang, another value is reported as a bad row.",
    ),
]
ContextOpt = Annotated[
    Path | None,
    typer.Option("--context", metavar="FILE", help="A context-cue file (TOML) replacing the shipped one."),
]
ModelOpt = Annotated[
    Path | None,
    typer.Option(help="'default' (shipped) or a folder from 'trustlex train': lexicon + model."),
]
KeyEnv = Annotated[
    str | None,
    typer.Option(
        "--key-env",
        metavar="NAME",
        help="Sign the model (train) or require its signature (--model) with the key in environment "
        "variable NAME (HMAC-SHA256). Default: TRUSTLEX_MODEL_KEY when set.",
    ),
]


def failure(exc: BaseException, code: int = EXIT_ERRORS) -> tuple[str, int] | None:
    """Return the message and exit status for ``exc``, or None for an exception that is a bug.

    A :class:`RunError` (output locked, disk full) is status 3; any other
    :class:`TrustlexError` is ``code``; an ``OSError`` from writing (a full
    disk, a folder removed during the run) is status 3, named as such.
    """
    if isinstance(exc, RunError):
        return str(exc), EXIT_UNFINISHED
    if isinstance(exc, TrustlexError):
        return str(exc), code
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"could not finish: {exc.strerror or exc}{where}", EXIT_UNFINISHED
    return None


class exit_on_error(ContextDecorator):  # noqa: N801 - used as a decorator, named like one
    """Turn an error raised in a command into ``error: message`` and an exit status.

    Use as ``@exit_on_error()`` on a command (below ``@app.command()``) or
    as ``with exit_on_error(code):`` around part of one whose errors mean
    something else. ``code`` is the status of a :class:`TrustlexError`
    (default 1, a problem with the input; 2 where the error means bad usage);
    ``also`` names further exception types treated the same way (a
    ``ValueError`` from scikit-learn when training). See :func:`failure`.
    """

    def __init__(self, code: int = EXIT_ERRORS, *, also: tuple[type[Exception], ...] = ()) -> None:
        self.code = code
        self.also = also

    def __enter__(self) -> exit_on_error:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            return
        outcome = failure(exc, self.code)
        if outcome is None and isinstance(exc, self.also):
            outcome = str(exc), self.code
        if outcome is not None:
            fail(*outcome)


class _Process:
    """Whether this process is the ``trustlex`` command (:func:`main`) and its command's work is complete."""

    owned = False  # set by main(): only then may a handler end the process (not under CliRunner, pytest)
    done = False


def work_done(code: int) -> None:
    """Say that the command's work is complete: from now on Ctrl-C ends the process with ``code``.

    Once the output is written (or printed) and the exit status known,
    nothing a Ctrl-C could stop is left but shutting down: printing the
    closing lines, then Python's own teardown, which takes a second or more
    after spaCy pipelines and worker pools (the garbage collector, joining
    threads). A Ctrl-C there made the process end with status 130
    (interrupted) although nothing was lost. Now it ends the process at once
    with the status the run earned; in the last part of Python's teardown,
    after its exit handlers ran, Ctrl-C is ignored (Python would give it its
    default action, death by the signal; see :func:`_after_the_work`). Only in the ``trustlex`` command
    itself (:func:`main`), in its main thread, and not where Ctrl-C is
    ignored already (``nohup``).
    """
    if not _Process.owned or threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN or previous is None:
        return

    def finish(signum: int, frame: object) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can reach it
                stream.flush()
        os._exit(code)

    signal.signal(signal.SIGINT, finish)
    _Process.done = True


def _after_the_work() -> None:
    """At exit, once the work is done: ignore Ctrl-C, and spare the final garbage collection.

    Registered by :func:`main` before any handler a command's libraries
    register, so it runs after those (exit handlers run last-in, first-out);
    only the handlers registered when trustlex was imported (logging,
    multiprocessing, blis, certifi: quick, and the worker pools are shut
    down by then) run after it. What remains is Python's teardown, which
    runs no Python signal handler: its collection of every object left
    (spaCy's vocabularies, the lexicons, the pandas frames) took 1 to 2.5 s
    on a busy 2-core machine, during which the command seemed to hang after
    its summary, and a Ctrl-C killed it with status 130. :func:`gc.freeze`
    leaves those objects to the operating system instead: the process ends
    in a quarter of a second. Every output is written and closed before.
    """
    if _Process.done and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        gc.freeze()


def main() -> None:
    """Run the command line (the ``trustlex`` console script)."""
    _Process.owned = True
    atexit.register(_after_the_work)  # before the libraries a command loads register theirs: runs after them
    try:
        app()
    except (TrustlexError, OSError) as exc:  # outside any command: printing to a closed pipe, say
        message, code = failure(exc) or (str(exc), EXIT_ERRORS)
        echo(f"error: {message}", err=True)
        sys.exit(code)
