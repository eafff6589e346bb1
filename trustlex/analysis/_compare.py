"""Group comparisons as data: rates and net valence per group and concept, with bootstrap intervals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from trustlex.analysis.bootstrap import canonical_rows, group_rng, resample_sums
from trustlex.analysis.frames import (
    By,
    check_doc_frame,
    concept_pools,
    groups,
    label_columns,
    labels,
)
from trustlex.analysis.interval import check_interval
from trustlex.analysis.referents import referent_compare
from trustlex.concepts import CONCEPTS
from trustlex.frame import CONCEPT_DTYPE, set_dtypes

_COLUMNS: tuple[str, ...] = (
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
    by: By = None,
    *,
    docs: pd.DataFrame | None = None,
    concepts: Sequence[str] | Mapping[str, Sequence[str]] = CONCEPTS,
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
    time (:func:`~trustlex.analysis.bootstrap.resample_sums`), so memory does
    not grow with ``n_boot``: about 100 MB above the frame at 100,000
    documents. Columns: group, concept, n_docs, n_words, units, rate,
    rate_low, rate_high, net, net_low, net_high.

    **Several columns.** ``by`` may be a list of columns, e.g.
    ``["company", "referent"]``; the output then has one column per ``by``
    column instead of ``group``.

    **By referent** (who a concept is about): with ``"referent"`` in ``by``,
    ``frame`` is a sentence-level frame (referents are on sentence rows),
    and the other ``by`` columns are document-level ones (``company``):
    taken from ``docs`` when given (joined by ``doc_id``, or ``path`` and
    ``row``), else from the sentence rows. Their groups are the *parent
    groups* of the referents. Per group and concept: ``units``, ``net``;
    ``share``, the group's units over those of all referents in its parent
    group (per company, the share of its trust units that are about
    leadership; over the whole frame when ``by`` is ``"referent"`` alone);
    ``neg_units`` and ``neg_share``, the same for ``-`` units (distrust of
    whom?). ``n_docs`` counts the documents with a row about the referent.
    Rates need word counts, which sentence rows lack: with ``docs`` (a
    document-level frame of the same texts) ``rate`` is per 1,000 words of
    all the parent group's documents, and ``n_words`` their words, so the
    referents' rates add up to the parent group's; without, both are NaN.
    Intervals come from resampling the parent group's documents, each with
    all its sentences (with ``docs``: all of its documents, also those
    without tagged sentences). On a match-level frame a unit is a match.

    Parameters
    ----------
    frame : pandas.DataFrame
        A document-level frame (:func:`score_texts` or :func:`score_folder`
        with ``level="doc"``), or a sentence-level one when ``by`` holds
        ``"referent"``.
    by : str or list of str, optional
        A column of ``frame`` to group by, or several; ``None``: one group ``"all"``.
    docs : pandas.DataFrame, optional
        With a sentence-level ``frame``: the document-level frame of the same
        texts, for word counts (rates) and the ``by`` columns other than
        ``referent``.
    concepts : sequence of str, or mapping of str to sequences of str
        The concepts to compare; by default all twelve. A mapping pools
        concepts under a name: ``{"trustworthiness": ("ability",
        "benevolence", "integrity")}`` counts their units as one.
    n_boot : int, default 1000
        Bootstrap resamples; at least :func:`~trustlex.analysis.interval.min_boot`
        of ``level`` (40 at 0.95), else ValueError: fewer leave no resample
        beyond the interval's ends.
    level : float, default 0.95
        Coverage of the intervals.
    seed : int, default 0
        Seed of the resampling, so that a run can be repeated exactly. Each
        group (by referent: each parent group) draws from a stream of its
        own, from the seed and its name, over its documents in a canonical
        order: its intervals do not depend on row order or the other groups.

    Returns
    -------
    pandas.DataFrame
        One row per group and concept (NaN net valence where a group has no
        units of the concept).

    Raises
    ------
    TrustlexError
        When ``frame`` is not document-level (nor sentence-level with
        ``"referent"`` in ``by``), when ``by="referent"`` is asked of a
        document-level frame or of sentence rows scored before referents
        existed, when a ``by`` column is missing, when ``docs`` holds a
        document key (``doc_id``, or ``path`` and ``row``) more than once,
        or for unknown concepts.

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

    Distrust of whom? Per team and referent, from the sentence rows, with
    the teams and word counts from ``docs``:

    >>> texts = pd.Series([
    ...     "I do not trust management.",
    ...     "Management lies. I trust my colleagues.",
    ...     "Nobody trusts the management here.",
    ... ])
    >>> rows = trustlex.score_texts(texts, lang="en")
    >>> docs = trustlex.score_texts(texts, lang="en", level="doc").assign(team=["a", "a", "b"])
    >>> table = trustlex.compare(rows, by=["team", "referent"], docs=docs, concepts=("trust",), n_boot=200)
    >>> columns = ["team", "referent", "n_docs", "units", "rate", "net", "share", "neg_share"]
    >>> print(table[columns].round(1).to_string(index=False))
    team   referent  n_docs  units  rate  net  share  neg_share
       a leadership       2      1  90.9 -1.0    0.5        1.0
       a colleagues       1      1  90.9  1.0    0.5        0.0
       b leadership       1      1 200.0 -1.0    1.0        1.0

    Team a's leadership is mentioned in two documents (trust and integrity),
    its trust units are half of the team's and all of its ``-`` ones.
    """
    check_interval(n_boot, level)
    if check_doc_frame(frame, by, function="compare", docs=docs, referents=True):
        return referent_compare(
            frame, by, docs=docs, concepts=concepts, n_boot=n_boot, level=level, seed=seed
        )
    pools = concept_pools(concepts)
    alpha = (1 - level) / 2
    rows = []
    for name, whole in groups(frame, by):
        part = _pooled(whole, pools)
        words = part["n_words"].to_numpy(dtype=float)
        # every concept's units, + and - units, summed over the same resamples, n_boot at a time
        columns = [f"{c}_{k}" for c in pools for k in ("n", "pos", "neg")]
        values = np.column_stack([words, part[columns].to_numpy(dtype=float)]) if len(part) else None
        # a stream per group and its documents in a canonical order: the group's rows and the seed decide
        rng = group_rng(seed, name)
        sums = resample_sums(canonical_rows(values), rng, n_boot) if values is not None else None
        for i, c in enumerate(pools):
            rate, net, units = _stats(part, c)
            row: dict[str, Any] = {
                **labels(by, name),
                "concept": c,
                "n_docs": len(part),
                "n_words": int(words.sum()),
                "units": units,
            }
            row.update(rate=rate, net=net)
            if sums is not None:
                row.update(_intervals(sums[:, [0, 3 * i + 1, 3 * i + 2, 3 * i + 3]], alpha))
            rows.append(row)
    table = pd.DataFrame(rows, columns=[*label_columns(by), *_COLUMNS])
    return set_dtypes(table, {"concept": CONCEPT_DTYPE})  # as in every frame; a pool's name after the twelve


def _pooled(part: pd.DataFrame, pools: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Return the document columns the pools need: each pool's units, + and - summed over its members."""
    columns = {
        f"{name}_{k}": part[[f"{c}_{k}" for c in members]].sum(axis=1)
        for name, members in pools.items()
        for k in ("n", "pos", "neg")
    }
    return pd.DataFrame({"n_words": part["n_words"], **columns}, index=part.index)
