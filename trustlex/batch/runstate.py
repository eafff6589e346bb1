"""The state of a folder run on disk: its lock, its leftovers, and outputs that must not be inputs.

A run writes its parts next to ``out``; these helpers find them, clean what
a killed run left, hold one run per output at a time, and refuse an output
path that is one of the inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from dataclasses import asdict
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from trustlex._version import __version__
from trustlex.batch.outpaths import refuse_input_as_output, require_out_folder  # noqa: F401 (kept importable here)
from trustlex.batch.parts import PART_VERSION, errors_path
from trustlex.batch.plan import ROWS_PER_UNIT
from trustlex.batch.units import Options
from trustlex.errors import RunError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _state_paths(out: Path) -> list[Path]:
    """The files and folders a run keeps next to its output: parts, errors, lock."""
    return [
        out.with_name(out.name + ".parts"),
        out.with_name(out.name + ".parts.done"),
        errors_path(out),
        out.with_name(out.name + ".lock"),
    ]


def _remove_leftovers(out: Path) -> None:
    """Delete what a killed run of this output left behind (called while holding its lock)."""
    for tmp in out.parent.glob(glob_escape(out.name) + ".tmp*"):
        tmp.unlink(missing_ok=True)
    done = out.with_name(out.name + ".parts.done")
    shutil.rmtree(done, ignore_errors=True)
    parts = out.with_name(out.name + ".parts")
    if parts.is_dir():
        for tmp in parts.glob("*.tmp*"):
            tmp.unlink(missing_ok=True)


class _Lock:
    """An exclusive lock on ``<out>.lock`` for the length of a run; a second run gets RunError."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out.with_name(out.name + ".lock")
        self.fd: int | None = None

    def __enter__(self) -> _Lock:
        if fcntl is None:  # no flock (Windows): run unlocked, as before
            return self
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                msg = (
                    f"{self.out} is being written by another run (pid {holder}); wait for it to finish "
                    f"(or delete {self.path} if that process is gone)"
                )
                raise RunError(msg) from None
            # the file may have been unlinked by the run that held it: lock the one at the path
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self.fd)
            self.fd = None


def _signature(paths: list[Any], options: Options, glob: str | None) -> dict:
    """What makes two runs 'the same command' for resuming: inputs, options, model, versions."""
    settings = asdict(options)
    if settings["model"] is None:
        # as before models came in: an unfinished run of an earlier trustlex of this version resumes
        del settings["model"]
    if not settings["name_columns"]:  # likewise for runs from before name columns came in
        del settings["name_columns"]
    if settings["lang_column"] is None:  # likewise for runs from before language columns came in
        del settings["lang_column"]
    if settings["referents"] is None:  # likewise for runs from before referent files came in
        del settings["referents"]
    else:
        # each file with its content's digest: the same file edited since is another command too
        settings["referents"] = [[f, _digest(f)] for f in settings["referents"]]
    return {
        "inputs": [os.path.abspath(p) for p in paths],
        "options": settings,
        "glob": glob,
        "trustlex": __version__,
        "rows_per_unit": ROWS_PER_UNIT,
        "part_format": PART_VERSION,
    }


def _digest(path: str) -> str:
    """Return the SHA-256 of a file's content, as ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Interrupts:
    """Whether Ctrl-C came during a run, even where a library swallowed the KeyboardInterrupt it raised.

    A KeyboardInterrupt can land anywhere: in a finalizer (``ZipFile.__del__``),
    where Python prints "Exception ignored" and goes on, or inside a reader
    that then fails on its half-closed file, so the interrupt would turn into
    a run that ends normally or into a spurious error on one document, kept
    in a part as if it were true. The run asks :meth:`check` before it keeps a
    result and when it ends.
    """

    def __init__(self) -> None:
        self.seen = False

    def _handle(self, signum: int, frame: Any, previous: Any) -> None:
        self.seen = True
        if callable(previous):
            previous(signum, frame)
        else:  # SIG_DFL: what Python does by default
            raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C came since the watch began."""
        if self.seen:
            raise KeyboardInterrupt


@contextlib.contextmanager
def watch_interrupts() -> Iterator[Interrupts]:
    """Watch for Ctrl-C while the block runs (see :class:`Interrupts`); the handler before is restored after.

    Only the main thread can set a signal handler; elsewhere (a web server's
    worker thread) nothing is watched and :meth:`Interrupts.check` never raises.
    """
    watch = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield watch
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN or previous is None:  # ignored (nohup), or set outside Python: leave it
        yield watch
        return
    signal.signal(signal.SIGINT, lambda signum, frame: watch._handle(signum, frame, previous))
    try:
        yield watch
    finally:
        signal.signal(signal.SIGINT, previous)
