"""Group comparisons by referent (who a concept is about), on sentence rows: units, net valence, shares.

:func:`trustlex.compare` comes here when ``by`` holds ``"referent"`` and the
frame is sentence-level. The documents of each *parent group* (the groups of
the ``by`` columns other than ``referent``; the whole corpus when there are
none) are resampled together, a document with all its sentences, and every
referent's and concept's counts are summed over the same resamples
(:func:`~trustlex.analysis.bootstrap.resample_sums`), so that a referent's share
of its parent group's units gets an interval as its net valence does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from trustlex.analysis.bootstrap import canonical_rows, group_rng, resample_sums
from trustlex.analysis.frames import (
    REFERENT,
    By,
    by_columns,
    concept_pools,
    label_columns,
    labels,
    sentence_rows,
)
from trustlex.frame import CONCEPT_DTYPE, set_dtypes

COLUMNS: tuple[str, ...] = (
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
    "share",
    "share_low",
    "share_high",
    "neg_units",
    "neg_share",
    "neg_share_low",
    "neg_share_high",
)


def _ratio(top: np.ndarray, bottom: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Return ``scale * top / bottom`` elementwise, NaN where ``bottom`` is 0 or NaN."""
    out = np.full(np.broadcast(top, bottom).shape, np.nan)
    ok = np.isfinite(bottom) & (bottom > 0)
    np.divide(scale * top, bottom, out=out, where=ok)
    return out


def _interval(values: np.ndarray, alpha: float) -> tuple[float, float]:
    """Return the percentile interval of the finite resampled values; NaN when there are none."""
    finite = values[np.isfinite(values)]
    if not len(finite):
        return np.nan, np.nan
    low, high = np.quantile(finite, [alpha, 1 - alpha])
    return float(low), float(high)


def _documents(
    rows: pd.DataFrame, keys: list[str], others: list[str], docs: pd.DataFrame | None
) -> list[tuple[Any, pd.DataFrame, pd.DataFrame]]:
    """Return per parent group (key, its documents with ``n_words``, its sentence rows).

    With ``docs`` every document of it is a parent group's document (those
    without tagged sentences too, for their words); without, the documents
    of the sentence rows, with NaN words.
    """
    # a by column may be a document key itself (by=["path", "referent"]: per document): once only,
    # as a column named twice made the groupby below fail ("Grouper for 'path' not 1-dimensional")
    columns = list(dict.fromkeys([*keys, *others]))
    table = (
        docs[[*columns, "n_words"]].drop_duplicates(keys)
        if docs is not None
        else rows[columns].drop_duplicates(keys).assign(n_words=np.nan)
    )
    if not others:
        return [((), table, rows)]
    by_parent = dict(list(rows.groupby(others, sort=False, dropna=False, observed=True)))
    out = []
    for key, part in table.groupby(others, sort=True, dropna=False, observed=True):
        mine = by_parent.get(key)
        if mine is not None:  # a parent group without sentence rows names no referent: no rows out
            out.append((key, part, mine))
    return out


def _counts(
    part: pd.DataFrame,
    mine: pd.DataFrame,
    keys: list[str],
    referents: list[Any],
    pools: dict[str, tuple[str, ...]],
) -> tuple[np.ndarray, np.ndarray]:
    """Return (values, mentions) of one parent group's documents.

    ``values`` holds per document its words, then per referent and pool the
    units, ``+`` units and ``-`` units; ``mentions`` per document and referent
    whether the document has a row about the referent.
    """
    position = pd.MultiIndex.from_frame(part[keys]).get_indexer(pd.MultiIndex.from_frame(mine[keys]))
    referent = pd.Index(referents).get_indexer(mine[REFERENT].to_numpy())
    concept = mine["concept"].astype(str).to_numpy()
    valence = mine["valence"].astype(str).to_numpy()
    values = np.zeros((len(part), 1 + 3 * len(referents) * len(pools)))
    values[:, 0] = part["n_words"].to_numpy(dtype=float)
    for p, members in enumerate(pools.values()):
        inside = np.isin(concept, members)
        base = 1 + 3 * (referent * len(pools) + p)
        for k, kind in enumerate((inside, inside & (valence == "+"), inside & (valence == "-"))):
            np.add.at(values, (position[kind], base[kind] + k), 1.0)
    mentions = np.zeros((len(part), len(referents)), dtype=bool)
    mentions[position, referent] = True
    return values, mentions


def _parent_rows(
    by: By,
    key: Any,
    others: list[str],
    referents: list[Any],
    pools: dict[str, tuple[str, ...]],
    totals: np.ndarray,
    sums: np.ndarray,
    n_docs: np.ndarray,
    alpha: float,
) -> list[dict[str, Any]]:
    """Return the output rows of one parent group from its summed counts and resampled sums."""
    n_pools = len(pools)
    # (resamples + 1) x referents x pools x (units, +, -); row 0 is the point estimate
    both = np.vstack([totals[None, :], sums])
    words = both[:, 0]
    counts = both[:, 1:].reshape(len(both), len(referents), n_pools, 3)
    pool_units = counts[..., 0].sum(axis=1)  # per resample and pool, over the parent's referents
    pool_neg = counts[..., 2].sum(axis=1)
    key = key if isinstance(key, tuple) else (key,)
    out = []
    for r, referent in enumerate(referents):
        names = dict(zip(others, key, strict=True))
        names[REFERENT] = referent
        label = labels(
            by, names[REFERENT] if isinstance(by, str) else tuple(names[c] for c in by_columns(by))
        )
        for p, pool in enumerate(pools):
            units, pos, neg = counts[:, r, p, 0], counts[:, r, p, 1], counts[:, r, p, 2]
            figures = {
                "rate": _ratio(units, words, 1000.0),
                "net": _ratio(pos - neg, units),
                "share": _ratio(units, pool_units[:, p]),
                "neg_share": _ratio(neg, pool_neg[:, p]),
            }
            row: dict[str, Any] = {
                **label,
                "concept": pool,
                "n_docs": int(n_docs[r]),
                "n_words": words[0],
                "units": int(units[0]),
                "neg_units": int(neg[0]),
            }
            for name, values in figures.items():
                row[name] = values[0]
                row[f"{name}_low"], row[f"{name}_high"] = _interval(values[1:], alpha)
            out.append(row)
    return out


def referent_compare(
    frame: pd.DataFrame,
    by: By,
    *,
    docs: pd.DataFrame | None = None,
    concepts: Sequence[str] | Mapping[str, Sequence[str]],
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Return :func:`trustlex.compare` of sentence rows grouped by referent (and other ``by`` columns).

    Per group (the ``by`` columns, ``"referent"`` among them) and concept:
    ``units`` (rows), ``net`` valence, ``share`` (the group's units of the
    concept over those of all referents of its parent group), ``neg_units``
    and ``neg_share`` (the same for ``-`` units: distrust of whom?), and,
    when ``docs`` gives word counts, the ``rate`` per 1,000 words of the
    parent group's documents (NaN without ``docs``). ``n_docs`` counts the
    documents with a row about the referent; ``n_words`` the words of the
    parent group. Intervals come from resampling the parent group's
    documents. See :func:`trustlex.compare` for the parameters.
    """
    pools = concept_pools(concepts)
    rows, keys, others = sentence_rows(frame, by, docs)
    alpha = (1 - level) / 2
    out: list[dict[str, Any]] = []
    for key, part, mine in _documents(rows, keys, others, docs):
        # the referents of this parent group, in the column's order (a Categorical: the taxonomy's)
        present = mine[REFERENT].dropna().unique()
        referents = list(pd.Series(present, dtype=rows[REFERENT].dtype).sort_values())
        values, mentions = _counts(part, mine, keys, referents, pools)
        # the parent group's own stream, its documents in a canonical order (see trustlex.analysis.bootstrap)
        # (no parent columns: the whole corpus, the group "all" of compare without by)
        sums = resample_sums(canonical_rows(values), group_rng(seed, key if others else "all"), n_boot)
        out.extend(
            _parent_rows(
                by, key, others, referents, pools, values.sum(axis=0), sums, mentions.sum(axis=0), alpha
            )
        )
    table = set_dtypes(pd.DataFrame(out, columns=[*label_columns(by), *COLUMNS]), {"concept": CONCEPT_DTYPE})
    if isinstance(rows[REFERENT].dtype, pd.CategoricalDtype):  # sorted in the taxonomy's order
        column = "group" if isinstance(by, str) else REFERENT
        table[column] = table[column].astype(rows[REFERENT].dtype)
    return table.sort_values(label_columns(by), kind="stable", ignore_index=True)
