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
_depth = 0
_ours = False  # whether the outermost running call froze (and so must unfreeze)


def frozen_before(function: F) -> F:
    """Return ``function`` run with the objects that exist at its start out of the collector's sight.

    See the module's docstring: a collection during the call then walks only
    the objects the call made, not the loaded pipelines'.
    """

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        global _depth, _ours
        with _lock:
            if _depth == 0:
                _ours = gc.isenabled() and gc.get_freeze_count() == 0
                if _ours:
                    gc.freeze()
            _depth += 1
        try:
            return function(*args, **kwargs)
        finally:
            with _lock:
                _depth -= 1
                if _depth == 0 and _ours:
                    gc.unfreeze()
                    _ours = False

    return run  # type: ignore[return-value]


_paused_depth = 0
_paused_ours = False  # whether the outermost running build turned the collector off (and so turns it on)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off: for loading, which makes objects that all stay.

    Building a pipeline or reading a model makes a few hundred thousand
    objects that live as long as the process; the collections their making
    triggers walk them over and over (0.05-0.15 CPU s of a load) and free
    nothing. Cycles made meanwhile are found by the first collection after.
    The collector is left alone when it is already off; nested or concurrent
    builds turn it on again only when the last of them ends.
    """
    global _paused_depth, _paused_ours
    with _lock:
        if _paused_depth == 0:
            _paused_ours = gc.isenabled()
            if _paused_ours:
                gc.disable()
        _paused_depth += 1
    try:
        yield
    finally:
        with _lock:
            _paused_depth -= 1
            if _paused_depth == 0 and _paused_ours:
                gc.enable()
                _paused_ours = False
