"""Group comparisons as data: rates and net valence per group and concept, with bootstrap intervals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from trustlex.analysis.indices import _groups, resample_sums
from trustlex.concepts import CONCEPTS

_COLUMNS: tuple[str, ...] = (
    "group",
    "concept",
    "n_docs",
    "n_words",
    "units",
    "rate",
    "rate_low",
    "rate_high",
    "net",
    "net_low",
    "net_high",
)


def _stats(part: pd.DataFrame, concept: str) -> tuple[float, float, int]:
    """Return (rate per 1,000 words, net valence, units) of one concept over some documents."""
    words = float(part["n_words"].sum())
    n = int(part[f"{concept}_n"].sum())
    pos = int(part[f"{concept}_pos"].sum())
    neg = int(part[f"{concept}_neg"].sum())
    rate = 1000.0 * n / words if words else 0.0
    net = (pos - neg) / n if n else np.nan
    return rate, net, n


def _intervals(sums: np.ndarray, alpha: float) -> dict[str, float]:
    """Return the percentile intervals of one concept's rate and net valence over the resamples.

    ``sums`` holds, per resample (row), the resampled words, units, ``+``
    units and ``-`` units of the concept, in that order.
    """
    words, n, pos, neg = sums.T
    rates = np.divide(1000.0 * n, words, out=np.zeros_like(n), where=words > 0)
    nets = np.divide(pos - neg, n, out=np.full_like(n, np.nan), where=n > 0)
    out = {}
    out["rate_low"], out["rate_high"] = np.quantile(rates, [alpha, 1 - alpha])
    if np.isfinite(nets).any():
        out["net_low"], out["net_high"] = np.nanquantile(nets, [alpha, 1 - alpha])
    else:
        out["net_low"] = out["net_high"] = np.nan
    return out


def compare(
    frame: pd.DataFrame,
    by: str | None = None,
    *,
    concepts: tuple[str, ...] = CONCEPTS,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Return, per group and concept, the rate, the net valence and their bootstrap intervals.

    ``frame`` is a document-level frame; ``by`` a column of it (``None``: the
    whole corpus as one group). The rate is units (sentences carrying the
    concept) per 1,000 words over the group's documents; net valence is
    ``(pos - neg) / units`` in [-1, 1]. Intervals come from resampling the
    group's documents with replacement ``n_boot`` times, so small groups
    show wide intervals. The resamples are drawn and summed a batch at a
    time (:func:`~trustlex.analysis.indices.resample_sums`), so memory does
    not grow with ``n_boot``: about 100 MB above the frame at 100,000
    documents. Columns: group, concept, n_docs, n_words, units, rate,
    rate_low, rate_high, net, net_low, net_high.

    Parameters
    ----------
    frame : pandas.DataFrame
        A document-level frame (:func:`score_texts` or :func:`score_folder`
        with ``level="doc"``).
    by : str, optional
        A column of ``frame`` to group by; ``None``: one group ``"all"``.
    concepts : tuple of str
        The concepts to compare; by default all twelve.
    n_boot : int, default 1000
        Bootstrap resamples.
    level : float, default 0.95
        Coverage of the intervals.
    seed : int, default 0
        Seed of the resampling, so that a run can be repeated exactly.

    Returns
    -------
    pandas.DataFrame
        One row per group and concept (NaN net valence where a group has no
        units of the concept).

    Raises
    ------
    TrustlexError
        When ``frame`` is not document-level or has no column ``by``.

    Examples
    --------
    >>> import pandas as pd
    >>> import trustlex
    >>> texts = pd.Series([
    ...     "We trust our manager.",
    ...     "There is no trust here. Too much control.",
    ...     "Communication is open and honest.",
    ...     "Nobody takes responsibility.",
    ... ])
    >>> docs = trustlex.score_texts(texts, lang="en", level="doc")
    >>> docs["team"] = ["a", "a", "b", "b"]
    >>> table = trustlex.compare(docs, by="team", concepts=("trust", "communication"), n_boot=200)
    >>> print(table[["group", "concept", "n_words", "units", "rate", "net"]].round(1).to_string(index=False))
    group       concept  n_words  units  rate  net
        a         trust       12      2 166.7  0.0
        a communication       12      0   0.0  NaN
        b         trust        8      0   0.0  NaN
        b communication        8      1 125.0  1.0
    """
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for name, part in _groups(frame, by):
        words = part["n_words"].to_numpy(dtype=float)
        # every concept's units, + and - units, summed over the same resamples, n_boot at a time
        columns = [f"{c}_{k}" for c in concepts for k in ("n", "pos", "neg")]
        values = np.column_stack([words, part[columns].to_numpy(dtype=float)]) if len(part) else None
        sums = resample_sums(values, rng, n_boot) if values is not None else None
        for i, c in enumerate(concepts):
            rate, net, units = _stats(part, c)
            row: dict[str, Any] = {
                "group": name,
                "concept": c,
                "n_docs": len(part),
                "n_words": int(words.sum()),
                "units": units,
            }
            row.update(rate=rate, net=net)
            if sums is not None:
                row.update(_intervals(sums[:, [0, 3 * i + 1, 3 * i + 2, 3 * i + 3]], alpha))
            rows.append(row)
    return pd.DataFrame(rows, columns=list(_COLUMNS))
