"""The percentile bootstrap of the indices: resamples drawn in batches, a mean's interval, column sums.

:func:`mean_interval` is the interval of the climate tables and the report;
:func:`resample_sums` sums a frame's columns over each resample for
:func:`~trustlex.analysis.compare` and the referent analyses. The
arguments of an interval are checked by :mod:`trustlex.analysis.interval`.

A group's interval depends on that group's rows and the seed alone: each
group draws from :func:`group_rng` (a stream of its own, from the seed and
the group's name) and resamples its rows in :func:`canonical_rows` order, so
that shuffling the rows, leaving other groups out or listing the groups in
another order (the report's text against a Categorical's taxonomy order)
gives the same interval.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from trustlex.analysis.interval import check_interval
from trustlex.errors import TrustlexError

__all__ = ["BOOT_CELLS", "canonical_rows", "group_rng", "mean_interval", "resample_batches", "resample_sums"]


def group_rng(seed: int, group: Any) -> np.random.Generator:
    """Return the random stream of one group's bootstrap, made from ``seed`` and the group's name alone.

    ``group`` is a group's key: a value, or a tuple of values (one per ``by``
    column). Each value counts as its text (``str``), a missing one as empty,
    so the key ``"organisation"`` draws the same whether it came as a plain
    string or as a Categorical's value; the groups before it draw nothing
    from this stream.
    """
    parts = group if isinstance(group, tuple) else (group,)
    text = "\x1f".join("" if _missing(p) else str(p) for p in parts)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return np.random.default_rng([seed, int.from_bytes(digest, "little")])


def _missing(value: Any) -> bool:
    """Whether a key's value is missing: None, NaN, NaT or pandas' NA (a group of ``dropna=False``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def canonical_rows(values: np.ndarray) -> np.ndarray:
    """Return ``values`` (one value, or one row of values, per document) in an order of their own.

    Sorted by value (a 2-D array by its columns, first column first), so a
    resample drawn by position picks the same values whatever order the
    documents came in; the statistics of a resample do not depend on order.
    """
    if values.ndim == 1:
        return np.sort(values)
    if not len(values):
        return values
    return values[np.lexsort(values.T[::-1])]


def mean_interval(
    scores: np.ndarray,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    rng: np.random.Generator | None = None,
    batch: int | None = None,
) -> tuple[float, float, float]:
    """Return (mean, low, high) of ``scores``: the mean with a percentile bootstrap interval.

    All three are NaN for no scores; one score gives a zero-width interval.
    ``n_boot`` and ``level`` are checked by
    :func:`~trustlex.analysis.interval.check_interval` (ValueError).
    The resamples are drawn ``batch`` at a time (default: as many as keep
    about ``BOOT_CELLS`` resampled values in memory, see
    :func:`resample_batches`); the draws, and so the interval, are the same
    whatever the batch size.
    """
    check_interval(n_boot, level)
    if not len(scores):
        return np.nan, np.nan, np.nan
    rng = np.random.default_rng(0) if rng is None else rng
    alpha = (1 - level) / 2
    means = np.concatenate(
        [scores[draws].mean(axis=1) for draws in resample_batches(rng, len(scores), n_boot, batch)]
    )
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(scores.mean()), float(low), float(high)


# Resampled positions held in memory at once by the bootstrap: 2 million (16 MB as int64), so
# 20 resamples a batch at 100,000 documents. Drawing all n_boot resamples at once took an
# (n_boot x n_docs) array and its gathered copy: 1.6 GB at 1,000 x 100,000.
BOOT_CELLS = 2_000_000


def resample_batches(
    rng: np.random.Generator, n: int, n_boot: int, batch: int | None = None
) -> Iterator[np.ndarray]:
    """Yield bootstrap resamples of ``n`` positions, ``batch`` resamples (rows) at a time.

    Each array holds one resample per row: ``n`` positions drawn with
    replacement from ``range(n)``. ``batch`` defaults to as many rows as
    keep ``BOOT_CELLS`` positions. The rows come off ``rng`` in order, so
    together they are the same draws as ``rng.integers(0, n, size=(n_boot, n))``
    in one call, for any batch size, and ``rng`` ends in the same state.
    """
    if n_boot < 1:
        msg = f"n_boot must be at least 1, got {n_boot!r}"
        raise TrustlexError(msg)
    if batch is None:
        batch = max(1, BOOT_CELLS // max(n, 1))
    elif batch < 1:
        msg = f"batch must be at least 1, got {batch!r}"
        raise TrustlexError(msg)
    for start in range(0, n_boot, batch):
        yield rng.integers(0, n, size=(min(batch, n_boot - start), n))


def resample_sums(
    values: np.ndarray, rng: np.random.Generator, n_boot: int, batch: int | None = None
) -> np.ndarray:
    """Return the column sums of ``values`` (documents x columns) over each of ``n_boot`` resamples.

    The resamples are those of :func:`resample_batches`. Each is turned into
    how often it drew each document, and one matrix product per batch sums
    every column at once, instead of gathering an (n_boot x n_docs) copy of
    each column. Columns of whole numbers (counts) sum exactly, so the
    result equals summing the gathered rows. Returns an (n_boot x columns) array.
    """
    n = len(values)
    out = np.empty((n_boot, values.shape[1]))
    done = 0
    for draws in resample_batches(rng, n, n_boot, batch):
        rows = len(draws)
        # one bincount for the whole batch: resample r's positions are shifted by r * n
        draws += (np.arange(rows) * n)[:, None]
        counts = np.bincount(draws.ravel(), minlength=rows * n).reshape(rows, n)
        del draws
        out[done : done + rows] = counts.astype(float) @ values
        done += rows
    return out
