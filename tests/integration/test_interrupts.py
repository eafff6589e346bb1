"""A Ctrl-C during a folder run is never lost, even where a library swallows its KeyboardInterrupt."""

from __future__ import annotations

import gc
import os
import signal

import pytest

from trustlex.batch.runstate import watch_interrupts


@pytest.fixture(autouse=True)
def _ctrl_c_live():
    """Python's own Ctrl-C handler for each test, also where the suite was started with SIGINT ignored."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


class _SignalsOnCollection:
    """Sends Ctrl-C to this process from a finalizer, where Python prints "Exception ignored" and goes on."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)


def _swallowed_interrupt() -> None:
    thing = _SignalsOnCollection()
    del thing
    gc.collect()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_swallowed_by_a_finalizer_is_still_seen():
    with watch_interrupts() as watch:
        _swallowed_interrupt()  # the run goes on: nothing was raised here
        assert watch.seen
        with pytest.raises(KeyboardInterrupt):
            watch.check()


def test_without_a_ctrl_c_the_check_passes_and_the_handler_before_is_restored():
    before = signal.getsignal(signal.SIGINT)
    with watch_interrupts() as watch:
        assert signal.getsignal(signal.SIGINT) is not before
        watch.check()
    assert signal.getsignal(signal.SIGINT) is before
    assert not watch.seen


def _interrupted_at_once() -> bool:
    try:
        with watch_interrupts():
            os.kill(os.getpid(), signal.SIGINT)
            return False
    except KeyboardInterrupt:
        return True


def test_a_ctrl_c_that_is_not_swallowed_still_interrupts_at_once():
    assert _interrupted_at_once()


def test_an_ignored_ctrl_c_stays_ignored():
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with watch_interrupts() as watch:
            os.kill(os.getpid(), signal.SIGINT)
            watch.check()
        assert not watch.seen
    finally:
        signal.signal(signal.SIGINT, before)
