"""Running units on this machine: in this process, or in a pool of worker processes; the progress bar.

Each worker process loads its pipelines once, in the pool's initializer, so
that it works the same under every start method: ``fork`` (the Linux
default up to Python 3.13), ``spawn`` (macOS, Windows) and ``forkserver``
(the Linux default from Python 3.14).
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from trustlex.batch.units import Options, Unit
from trustlex.concepts import LANGUAGES
from trustlex.errors import TrustlexError
from trustlex.pipeline import Key, pinned, scoring_engine

# The environment variables a pool reads: the start method, and a file each worker process appends
# what it loaded and which units it ran to (a diagnostic; see docs/batch.md#workers).
START_METHOD_ENV = "TRUSTLEX_START_METHOD"
WORKER_LOG_ENV = "TRUSTLEX_WORKER_LOG"


def start_method(requested: str | None = None) -> str:
    """Return how worker processes start: ``requested``, else ``$TRUSTLEX_START_METHOD``, else the default.

    The default is ``"fork"`` on Linux: the workers start with this
    process's pipelines in memory, where ``"spawn"`` and ``"forkserver"``
    start each worker afresh (importing spaCy and building the pipelines
    takes seconds a worker; ``benchmarks/start_methods.py`` prints the three
    side by side). Elsewhere it is the platform's default (``"spawn"`` on
    macOS and Windows), without fixing Python's global start method.
    """
    available = mp.get_all_start_methods()  # the platform default first
    where = "start_method"
    if requested is None:
        requested = os.environ.get(START_METHOD_ENV) or None
        where = START_METHOD_ENV
    if requested is None:
        return "fork" if sys.platform.startswith("linux") and "fork" in available else available[0]
    if requested not in available:
        msg = f"{where} must be one of {', '.join(available)} on this platform, got {requested!r}"
        raise TrustlexError(msg)
    return requested


def pipeline_keys(options: Options) -> tuple[Key, ...]:
    """Return the pipelines a run with ``options`` scores with: one per language it may meet."""
    langs = LANGUAGES if options.lang == "auto" else (options.lang,)
    return tuple((lang, options.lexicons, options.context, options.referents) for lang in langs)


def run_local(
    units: list[Unit],
    options: Options,
    workers: int,
    work: Callable[[Unit], Any],
    done: Callable[[Any], None],
    method: str | None = None,
) -> None:
    """Run ``work`` on every unit, in ``workers`` processes, and hand each result to ``done`` as it comes.

    Results arrive in the order they finish; the caller puts them in plan
    order. Each worker process gets ``work`` (with a model in it,
    megabytes) once when it starts, not again with every unit, and loads
    the pipelines of ``options`` then, in the pool's initializer, so no unit
    waits for them and no worker builds them twice. ``method`` is the start
    method (see :func:`start_method`); with ``"fork"`` the pipelines are
    built here first, and the workers start with them in memory.
    """
    if workers <= 1 or len(units) <= 1:
        for unit in units:
            done(work(unit))
        return
    method = start_method(method)
    keys = pipeline_keys(options)
    context = mp.get_context(method)
    if method == "fork":
        _load(keys)
    elif method == "forkserver":
        # the server imports spaCy and trustlex once; each worker forked from it starts without
        context.set_forkserver_preload(["trustlex.batch.units"])
    with cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(work, keys, method)
    ) as pool:
        pending: set[cf.Future] = set()
        for unit in units:
            pending.add(pool.submit(_run_work, unit))
            if len(pending) >= 2 * workers:  # a bounded queue: results stream, memory stays flat
                finished, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in finished:
                    done(f.result())
        for f in cf.as_completed(pending):
            done(f.result())


def _load(keys: tuple[Key, ...]) -> dict[Key, Any]:
    """Build (or find in the cache) the pipeline of every key; return them by key."""
    with pinned():  # one check of the lexicon files per pipeline
        return {key: scoring_engine(*key)[0] for key in keys}


@dataclass
class _Worker:
    """What a worker process keeps between units: the work, and for the log the pipelines it scored with."""

    work: Callable[[Unit], Any]
    keys: tuple[Key, ...]
    log: str | None
    failure: Exception | None = None  # why the pipelines could not be loaded
    seen: dict[Key, list[Any]] = field(default_factory=dict)


_worker: _Worker | None = None  # one per worker process, set by the pool's initializer


def _start_worker(work: Callable[[Unit], Any], keys: tuple[Key, ...], method: str) -> None:
    """The pool's initializer: keep the work and load the pipelines, once per worker process."""
    global _worker
    t0 = time.perf_counter()
    log = os.environ.get(WORKER_LOG_ENV) or None
    try:
        loaded = _load(keys)
    except Exception as exc:
        # an initializer that raises only breaks the pool ("BrokenProcessPool"); every unit raises
        # this instead, so that the run stops with the error itself (a bad lexicon file, by name)
        _worker = _Worker(work, keys, None, failure=exc)
        return
    _worker = _Worker(work, keys, log)
    if log is not None:
        _worker.seen = {key: [nlp] for key, nlp in loaded.items()}
        seconds = round(time.perf_counter() - t0, 3)
        # how the interpreter was started: a spawned or forkserver worker runs multiprocessing's own
        # command line, a forked one the command line of the process that forked it
        started = " ".join(sys.orig_argv)[-120:]
        record = {"event": "start", "pid": os.getpid(), "method": method, "seconds": seconds, "argv": started}
        _append(log, record)


def _run_work(unit: Unit) -> Any:
    if _worker is None:
        msg = "a worker process runs units only after the pool's initializer gave it the work"
        raise RuntimeError(msg)
    if _worker.failure is not None:
        raise _worker.failure
    result = _worker.work(unit)
    if _worker.log is not None:
        record = {"event": "unit", "pid": os.getpid(), "unit": unit.key, "pipelines": _pipelines(_worker)}
        _append(_worker.log, record)
    return result


def _pipelines(worker: _Worker) -> dict[str, int]:
    """Return, per pipeline, how many different pipeline objects this worker has scored with so far.

    The cache hands back the pipeline the initializer loaded unless it was
    built again (a lexicon file changed, or the cache lost it): then a new
    object is counted. 1 everywhere means every unit used the initializer's.
    """
    with pinned():
        for key in worker.keys:
            nlp = scoring_engine(*key)[0]
            seen = worker.seen.setdefault(key, [])
            if not any(nlp is old for old in seen):
                seen.append(nlp)
    # a key without referent files is named as before they came in
    return {
        "|".join(map(str, key[:3] if key[3] is None else key)): len(seen) for key, seen in worker.seen.items()
    }


def _append(path: str, record: dict) -> None:
    """Append one JSON line to the worker log (one write, so lines of several workers do not mix)."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


class Bar:
    """A progress bar over units with a word count and rate, or nothing when quiet."""

    def __init__(self, total: int, initial: int, enabled: bool) -> None:
        self._bar = None
        self.words = 0
        self.t0 = time.perf_counter()
        if enabled:
            size = _fixed_size(sys.stderr)
            self._bar = tqdm(
                total=total,
                initial=initial,
                unit="part",
                file=sys.stderr,
                dynamic_ncols=size is None,
                ncols=size and size[0],
                nrows=size and size[1],
            )

    def update(self, words: int) -> None:
        """Count one finished unit and its words."""
        self.words += words
        if self._bar is not None:
            rate = self.words / max(time.perf_counter() - self.t0, 1e-9)
            self._bar.set_postfix_str(f"{self.words:,} words, {rate:,.0f} words/s", refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        """Close the bar (a no-op when quiet)."""
        if self._bar is not None:
            self._bar.close()


def _fixed_size(stream: Any) -> tuple[int, int] | None:
    """Return (columns, rows) where the terminal says it has no size, else None (follow the terminal).

    A terminal whose size was never set (``script``, a container's ``-t``
    without a size, some CI runners) reports 0 columns and 0 rows, and tqdm
    then drew nothing: the run showed no progress at all. ``$COLUMNS`` and
    ``$LINES``, or 80 by 24.
    """
    try:
        if os.get_terminal_size(stream.fileno()).columns:
            return None
    except (OSError, ValueError, AttributeError):
        return None

    def env(name: str, default: int) -> int:
        value = os.environ.get(name, "")
        return int(value) if value.isdigit() and int(value) > 0 else default

    return env("COLUMNS", 80), env("LINES", 24)


def progress(total: int, initial: int, enabled: bool | None) -> Bar:
    """Return a bar over ``total`` units, ``initial`` of them done; shown by default on a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return Bar(total, initial, enabled)
