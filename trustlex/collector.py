"""Python's cyclic garbage collector kept off the objects that exist before a long call.

A loaded pipeline holds some 120,000 objects that live as long as the
process (vocabularies, lookup tables, compiled entries). Scoring makes many
new objects, and every few thousand of them Python's collector walks *all*
tracked objects, the pipeline's included, to look for reference cycles: on
150,000 words about 0.13-0.17 CPU s of 1.3-1.9 s. :func:`frozen_before` moves
the objects that exist when a call starts out of the collector's sight
(``gc.freeze``) and puts them back when it ends (``gc.unfreeze``), so a
collection during the call walks only what the call made. Nothing is freed
later or sooner than it would be: objects are freed by reference counting as
always, and cycles among the older objects wait for the first collection
after the call. The collector is left alone when it is turned off or when the
program has frozen objects itself (``gc.get_freeze_count()``, as a server
does before forking), and nested or concurrent calls unfreeze only when the
last of them ends. :func:`paused` turns the collector off while a pipeline
is built or a model read, whose objects all stay.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_lock = threading.Lock()


class _Outermost:
    """A change to the collector that the outermost of nested or concurrent users makes and undoes.

    ``apply`` says whether to change it (and does); ``undo`` reverts it once
    the last user leaves, only if the outermost one did change it.
    """

    def __init__(self, apply: Callable[[], bool], undo: Callable[[], None]) -> None:
        self.apply, self.undo = apply, undo
        self.depth = 0
        self.ours = False

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with _lock:
            if self.depth == 0:
                self.ours = self.apply()
            self.depth += 1
        try:
            yield
        finally:
            with _lock:
                self.depth -= 1
                if self.depth == 0 and self.ours:
                    self.undo()
                    self.ours = False


def _freeze() -> bool:
    ours = gc.isenabled() and gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    return ours


def _disable() -> bool:
    ours = gc.isenabled()
    if ours:
        gc.disable()
    return ours


_frozen = _Outermost(_freeze, gc.unfreeze)
_paused = _Outermost(_disable, gc.enable)


def frozen_before(function: F) -> F:
    """Return ``function`` run with the objects that exist at its start out of the collector's sight.

    See the module's docstring: a collection during the call then walks only
    the objects the call made, not the loaded pipelines'.
    """

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _frozen.held():
            return function(*args, **kwargs)

    return run  # type: ignore[return-value]


def paused() -> contextlib.AbstractContextManager[None]:
    """Run the body with the cyclic collector off: for loading, which makes objects that all stay.

    Building a pipeline or reading a model makes a few hundred thousand
    objects that live as long as the process; the collections their making
    triggers walk them over and over (0.05-0.15 CPU s of a load) and free
    nothing. Cycles made meanwhile are found by the first collection after.
    The collector is left alone when it is already off; nested or concurrent
    builds turn it on again only when the last of them ends.
    """
    return _paused.held()
