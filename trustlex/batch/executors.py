"""Running units on this machine: in this process, or in a pool of worker processes; the progress bar."""

from __future__ import annotations

import concurrent.futures as cf
import sys
import time
from collections.abc import Callable
from typing import Any

from tqdm import tqdm

from trustlex.batch.units import Options, Unit
from trustlex.concepts import LANGUAGES
from trustlex.pipeline import scoring_engine

# the work of a worker process, set once when it starts (see run_local)
_work: Callable[[Unit], Any] | None = None


def run_local(
    units: list[Unit],
    options: Options,
    workers: int,
    work: Callable[[Unit], Any],
    done: Callable[[Any], None],
) -> None:
    """Run ``work`` on every unit, in ``workers`` processes, and hand each result to ``done`` as it comes.

    Results arrive in the order they finish; the caller puts them in plan
    order. ``work`` (with a model in it, megabytes) is given to each worker
    once when it starts, not sent again with every unit.
    """
    if workers <= 1 or len(units) <= 1:
        for unit in units:
            done(work(unit))
        return
    # loaded before the fork, so that workers start with the compiled lexicons in memory
    for lang in LANGUAGES if options.lang == "auto" else (options.lang,):
        scoring_engine(lang, options.lexicons, options.context)
    with cf.ProcessPoolExecutor(max_workers=workers, initializer=_set_work, initargs=(work,)) as pool:
        pending: set[cf.Future] = set()
        for unit in units:
            pending.add(pool.submit(_run_work, unit))
            if len(pending) >= 2 * workers:  # a bounded queue: results stream, memory stays flat
                finished, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in finished:
                    done(f.result())
        for f in cf.as_completed(pending):
            done(f.result())


def _set_work(work: Callable[[Unit], Any]) -> None:
    global _work  # one per worker process, set by the pool's initializer
    _work = work


def _run_work(unit: Unit) -> Any:
    if _work is None:
        msg = "a worker process runs units only after the pool's initializer gave it the work"
        raise RuntimeError(msg)
    return _work(unit)


class Bar:
    """A progress bar over units with a word count and rate, or nothing when quiet."""

    def __init__(self, total: int, initial: int, enabled: bool) -> None:
        self._bar = None
        self.words = 0
        self.t0 = time.perf_counter()
        if enabled:
            self._bar = tqdm(total=total, initial=initial, unit="part", file=sys.stderr, dynamic_ncols=True)

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


def progress(total: int, initial: int, enabled: bool | None) -> Bar:
    """Return a bar over ``total`` units, ``initial`` of them done; shown by default on a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    return Bar(total, initial, enabled)
