"""The arguments of a bootstrap interval: enough resamples for the coverage asked, checked once."""

from __future__ import annotations

import math
import numbers


def min_boot(level: float) -> int:
    """Return the fewest bootstrap resamples that give a ``level`` percentile interval ends of its own.

    The interval's ends are the ``(1 - level) / 2`` and ``(1 + level) / 2``
    quantiles of the resampled statistics; below ``2 / (1 - level)``
    resamples (40 at 0.95) no resample lies beyond either end, so the
    "interval" is the spread of a handful of draws (one resample gives
    ``low == high``), not a ``level`` interval.

    Parameters
    ----------
    level : float
        The interval's coverage, between 0 and 1.

    Returns
    -------
    int
        The least ``n_boot`` :func:`check_interval` accepts for ``level``.
    """
    return math.ceil(round(2 / (1 - level), 9))  # round: 2 / 0.05 is 40.00000000000004 in floats


def check_interval(n_boot: int, level: float) -> None:
    """Raise ValueError, naming the argument, for a coverage or a number of resamples that gives no interval.

    ``level`` must lie strictly between 0 and 1, and ``n_boot`` be a whole
    number of at least :func:`min_boot` of it.

    Parameters
    ----------
    n_boot : int
        Bootstrap resamples.
    level : float
        The interval's coverage.

    Raises
    ------
    ValueError
        For a ``level`` outside (0, 1), or an ``n_boot`` too small for it (or no whole number).
    """
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        msg = f"level must be a number between 0 and 1 (the interval's coverage, e.g. 0.95), got {level!r}"
        raise ValueError(msg)
    need = min_boot(level)
    if isinstance(n_boot, bool) or not isinstance(n_boot, numbers.Integral) or n_boot < need:
        msg = (
            f"n_boot must be a whole number of at least {need} for a level={level:g} interval (its ends "
            f"are quantiles {(1 - level) / 2:g} and {(1 + level) / 2:g} of the resampled values, and "
            f"fewer resamples leave none beyond them), got {n_boot!r}; the default is 1000"
        )
        raise ValueError(msg)
