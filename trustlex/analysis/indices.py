"""Trust-climate indices and group shares as data: per document, per group, per sentence side."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

# the bootstrap lives in trustlex.analysis.bootstrap; its names stay importable from here
from trustlex.analysis.bootstrap import (  # noqa: F401
    BOOT_CELLS,
    canonical_rows,
    group_rng,
    mean_interval,
    resample_batches,
    resample_sums,
)
from trustlex.analysis.frames import (
    By,
    by_columns,
    check_doc_frame,
    doc_keys,
    groups,
    label_columns,
    labels,
    sentence_rows,
)
from trustlex.analysis.interval import check_interval
from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

# The seed essay's central contrast: control language against the levers that build trust.
LEVERS: tuple[str, ...] = ("communication", "discipline", "responsibility", "norms", "courage")


def control_share(frame: pd.DataFrame, by: By = None) -> pd.DataFrame:
    """Return, per group, the share of control language among control plus the trust-building levers.

    Units of ``control`` against units of communication, discipline,
    responsibility, norms and courage: 1.0 means the documents speak only
    of control, 0.0 only of the levers.

    Parameters
    ----------
    frame : pandas.DataFrame
        A document-level frame (:func:`score_texts` or :func:`score_folder`
        with ``level="doc"``).
    by : str, optional
        A column of ``frame`` to group by; ``None``: one group ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Columns: group, control_units, lever_units, control_share (NaN for
        a group with neither).

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
    >>> print(trustlex.control_share(docs, by="team").to_string(index=False))
    group  control_units  lever_units  control_share
        a              1            0            1.0
        b              0            2            0.0
    """
    rows: list[dict[str, Any]] = []
    for name, part in groups(frame, by, "control_share"):
        control = int(part["control_n"].sum())
        levers = int(sum(part[f"{c}_n"].sum() for c in LEVERS))
        total = control + levers
        rows.append(
            {
                **labels(by, name),
                "control_units": control,
                "lever_units": levers,
                "control_share": control / total if total else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=[*label_columns(by), "control_units", "lever_units", "control_share"])


# How each concept's valence bears on the trust climate, as (weight of `+`, weight of `-`).
# The codebook gives `+` and `-` of risk and vulnerability the opposite sense to the others:
# `+` is a risk or pressure felt, `-` its explicit absence ("job security"). Control is the
# seed essay's hygiene factor: failing or excessive control harms trust, working control
# "prevents value destruction but adds none", so its `+` weighs nothing.
TRUST_CLIMATE: dict[str, tuple[int, int]] = {
    **dict.fromkeys(CONCEPTS, (1, -1)),
    "risk": (-1, 1),
    "vulnerability": (-1, 1),
    "control": (0, -1),
}


def trust_index(frame: pd.DataFrame, *, smoothing: float = 1.0) -> pd.Series:
    """Return a trust-climate index per document, in (-1, 1), from a document-level frame.

    Sentences whose concept speaks for the trust climate (F) and against it
    (A) are counted over all twelve concepts, oriented by ``TRUST_CLIMATE``:
    `+` of trust, communication, integrity and the other levers counts for,
    their `-` against; a felt risk or pressure (`+` of risk, vulnerability)
    counts against and its stated absence for; failing control counts
    against and working control not at all. The index is
    ``(F - A) / (F + A + smoothing)``: 0 for a document without valenced
    trust language, and the smoothing keeps one mention from weighing as
    much as ten. Neutral mentions do not count.

    Parameters
    ----------
    frame : pandas.DataFrame
        A document-level frame (:func:`score_texts` or :func:`score_folder`
        with ``level="doc"``).
    smoothing : float, default 1.0
        Added to the denominator; must be positive.

    Returns
    -------
    pandas.Series
        ``trust_index``, with the index of ``frame``.

    Raises
    ------
    TrustlexError
        When ``frame`` is not document-level or ``smoothing`` is not positive.

    Examples
    --------
    >>> import trustlex
    >>> texts = [
    ...     "We trust our manager.",
    ...     "There is no trust here.",
    ...     "Communication is open and honest.",
    ...     "The weather was fine.",
    ... ]
    >>> docs = trustlex.score_texts(texts, lang="en", level="doc")
    >>> trustlex.trust_index(docs).round(2).tolist()
    [0.5, -0.5, 0.67, 0.0]
    >>> trustlex.trust_index(docs, smoothing=0.1).round(2).tolist()
    [0.91, -0.91, 0.95, 0.0]
    """
    if not smoothing > 0:
        msg = f"smoothing must be positive (texts without valenced mentions stay 0), got {smoothing!r}"
        raise TrustlexError(msg)
    check_doc_frame(frame, None, function="trust_index")
    favour, against = _favour_against(frame)
    return ((favour - against) / (favour + against + smoothing)).rename("trust_index")


def _favour_against(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return per document of a document-level frame its units for (F) and against (A) the climate."""
    favour = pd.Series(0.0, index=frame.index)
    against = pd.Series(0.0, index=frame.index)
    for concept, (plus, minus) in TRUST_CLIMATE.items():
        for column, weight in ((f"{concept}_pos", plus), (f"{concept}_neg", minus)):
            counts = frame[column].astype(float)
            if weight > 0:
                favour += weight * counts
            elif weight < 0:
                against -= weight * counts
    return favour, against


def climate(
    frame: pd.DataFrame,
    by: By = None,
    *,
    docs: pd.DataFrame | None = None,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Return the trust-climate index per group: its mean over the documents, with a bootstrap interval.

    ``frame`` is a document-level frame and ``by`` a column of it (``None``:
    the whole corpus as one group). ``index`` is the mean of
    :func:`trust_index` over the group's documents; the interval comes from
    resampling those documents ``n_boot`` times, so a group of a few
    comments shows how little it can say. ``n_valenced`` counts the
    documents with valenced trust language that the index weighs (a unit
    for or against the climate; working control and neutral mentions
    weigh nothing), also one whose units balance out to index 0; the
    others have index 0 for want of such language.
    Columns: group, n_docs, n_valenced, index, index_low, index_high.

    **Per referent.** With ``"referent"`` in ``by``, ``frame`` is a
    sentence-level frame (referents are on sentence rows): the index is
    computed per document and referent from that document's sentences
    about the referent (as :func:`sentence_trust_index` does), and
    averaged over the documents that mention the referent (``n_docs``
    counts them). A document mentions a referent when it has a row about
    it, neutral ones included (index 0).

    **Several columns.** ``by`` may be a list of columns, e.g.
    ``["company", "referent"]``; the output then has one column per ``by``
    column instead of ``group``. On sentence rows the columns other than
    ``referent`` are document-level columns: read from ``docs`` when given
    (joined by ``doc_id``, or ``path`` and ``row``), else from the sentence
    rows themselves.

    Parameters
    ----------
    frame : pandas.DataFrame
        A document-level frame (:func:`score_texts` or :func:`score_folder`
        with ``level="doc"``), or a sentence-level one when ``by`` holds
        ``"referent"``.
    by : str or list of str, optional
        A column of ``frame`` to group by, or several; ``None``: one group ``"all"``.
    docs : pandas.DataFrame, optional
        With a sentence-level ``frame``: the document-level frame of the
        same texts, to take the ``by`` columns other than ``referent`` from.
    n_boot : int, default 1000
        Bootstrap resamples; at least :func:`~trustlex.analysis.interval.min_boot`
        of ``level`` (40 at 0.95), else ValueError.
    level : float, default 0.95
        Coverage of the interval.
    seed : int, default 0
        Seed of the resampling, so that a run can be repeated exactly. Each
        group draws from a stream of its own, made from the seed and the
        group's name, and resamples its documents in a canonical order: a
        group's interval depends on its own rows and the seed only, not on
        the order of the rows nor on which other groups are there.

    Returns
    -------
    pandas.DataFrame
        One row per group, in sorted order.

    Raises
    ------
    TrustlexError
        When ``frame`` is not document-level (nor sentence-level with
        ``"referent"`` in ``by``), when ``by="referent"`` is asked of a
        document-level frame or of sentence rows scored before referents
        existed, when a ``by`` column is missing, or when ``docs`` holds a
        document key (``doc_id``, or ``path`` and ``row``) more than once.

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
    >>> print(trustlex.climate(docs, by="team", n_boot=200).round(2).to_string(index=False))
    group  n_docs  n_valenced  index  index_low  index_high
        a       2           2  -0.08      -0.67        0.50
        b       2           2   0.08      -0.50        0.67

    Per referent, from the sentence rows; the team comes from ``docs``:

    >>> texts = ["I trust my manager. Management lies.", "Management never listens."]
    >>> texts.append("Colleagues are honest.")
    >>> rows = trustlex.score_texts(texts, lang="en")
    >>> teams = pd.DataFrame({"doc_id": [0, 1, 2], "team": ["a", "a", "b"]})
    >>> table = trustlex.climate(rows, by=["team", "referent"], docs=teams, n_boot=200)
    >>> print(table.round(2).to_string(index=False))
    team       referent  n_docs  n_valenced  index  index_low  index_high
       a direct_manager       1           1    0.5        0.5         0.5
       a     leadership       2           2   -0.5       -0.5        -0.5
       b     colleagues       1           1    0.5        0.5         0.5
    """
    check_interval(n_boot, level)
    if check_doc_frame(frame, by, function="climate", docs=docs, referents=True):
        return _referent_climate(frame, by, docs, seed, n_boot=n_boot, level=level)
    rows = []
    for name, part in groups(frame, by, "climate"):
        scores = canonical_rows(trust_index(part).to_numpy(dtype=float))
        mean, low, high = mean_interval(scores, n_boot=n_boot, level=level, rng=group_rng(seed, name))
        favour, against = _favour_against(part)
        rows.append(
            {
                **labels(by, name),
                "n_docs": len(part),
                # not scores != 0: one unit for and one against give index 0 and are valenced
                "n_valenced": int(((favour + against) > 0).sum()),
                "index": mean,
                "index_low": low,
                "index_high": high,
            }
        )
    return pd.DataFrame(rows, columns=[*label_columns(by), *_CLIMATE_COLUMNS])


_CLIMATE_COLUMNS = ("n_docs", "n_valenced", "index", "index_low", "index_high")


def _referent_climate(
    frame: pd.DataFrame, by: By, docs: pd.DataFrame | None, seed: int, **boot: Any
) -> pd.DataFrame:
    """Return :func:`climate` of sentence rows by referent: per document and group, then per group."""
    rows, keys, _ = sentence_rows(frame, by, docs)
    columns = by_columns(by)
    sums = _doc_sums(rows, list(dict.fromkeys([*keys, *columns])))  # by=["path", ...]: path once
    scores = _index_of(sums).to_frame().assign(valenced=(sums["favour"] + sums["against"]) > 0)
    scores = scores.reset_index()
    for column in columns:  # back to the rows' dtype: a Categorical referent sorts in taxonomy order
        scores[column] = scores[column].astype(rows[column].dtype)
    out = []
    for name, part in scores.groupby(columns, sort=True, dropna=False, observed=True):
        values = canonical_rows(part["trust_index"].to_numpy(dtype=float))
        mean, low, high = mean_interval(values, rng=group_rng(seed, name), **boot)
        out.append(
            {
                **labels(by, name[0] if isinstance(by, str) else name),
                "n_docs": len(values),
                "n_valenced": int(part["valenced"].sum()),
                "index": mean,
                "index_low": low,
                "index_high": high,
            }
        )
    table = pd.DataFrame(out, columns=[*label_columns(by), *_CLIMATE_COLUMNS])
    for column, label in zip(columns, label_columns(by), strict=True):  # a Categorical stays one (compare)
        if isinstance(rows[column].dtype, pd.CategoricalDtype):
            table[label] = table[label].astype(rows[column].dtype)
    return table


def climate_sides(sentences: pd.DataFrame) -> pd.DataFrame:
    """Return, per concept, how many sentence rows speak for the trust climate, against it, or neither.

    ``sentences`` is a sentence-level frame; the sides follow
    ``TRUST_CLIMATE`` as :func:`trust_index` does, so a felt risk (risk `+`)
    counts against and working control (control `+`) and neutral mentions
    count for neither. Columns: concept, for, against, neither.
    """
    side = _sides(sentences)
    concepts = sentences["concept"].to_numpy()
    rows = []
    for concept in CONCEPTS:
        mine = side[concepts == concept]
        rows.append(
            {
                "concept": concept,
                "for": int((mine > 0).sum()),
                "against": int((mine < 0).sum()),
                "neither": int((mine == 0).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["concept", "for", "against", "neither"])


def _sides(sentences: pd.DataFrame) -> np.ndarray:
    """Return per sentence row +1 (speaks for the trust climate), -1 (against) or 0, by TRUST_CLIMATE."""
    plus = sentences["concept"].map({c: w[0] for c, w in TRUST_CLIMATE.items()}).fillna(0).to_numpy()
    minus = sentences["concept"].map({c: w[1] for c, w in TRUST_CLIMATE.items()}).fillna(0).to_numpy()
    valence = sentences["valence"].to_numpy()
    return np.where(valence == "+", plus, np.where(valence == "-", minus, 0)).astype(int)


def sentence_trust_index(sentences: pd.DataFrame, *, smoothing: float = 1.0) -> pd.Series:
    """Return :func:`trust_index` per document from a sentence-level frame, for documents in it.

    Documents are told apart by ``path`` and ``row`` (folder scoring) or
    ``doc_id`` (``score_texts``); a frame with neither is one document.
    Documents without any tagged sentence are not in such a frame, so their
    index (0) is missing here: a mean over this Series describes the
    documents that carry trust language, not all of them.
    """
    if not smoothing > 0:
        msg = f"smoothing must be positive, got {smoothing!r}"
        raise TrustlexError(msg)
    keys = doc_keys(sentences)
    if not keys:
        side = _sides(sentences)
        favour, against = float(np.maximum(side, 0).sum()), float(np.maximum(-side, 0).sum())
        return pd.Series([(favour - against) / (favour + against + smoothing)], name="trust_index")
    return _doc_index(sentences, keys, smoothing)


def _doc_index(sentences: pd.DataFrame, keys: list[str], smoothing: float = 1.0) -> pd.Series:
    """Return the trust index of the rows per value of ``keys`` (a document, or a document and a referent)."""
    return _index_of(_doc_sums(sentences, keys), smoothing)


def _doc_sums(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the rows' units for (``favour``) and against the climate per value of ``keys``."""
    side = _sides(sentences)
    parts = pd.DataFrame({"favour": np.maximum(side, 0), "against": np.maximum(-side, 0)})
    for k in keys:
        parts[k] = sentences[k].to_numpy()
    # observed=True: Categorical keys (referent, path) give only the combinations present
    return parts.groupby(keys, dropna=False, sort=False, observed=True)[["favour", "against"]].sum()


def _index_of(sums: pd.DataFrame, smoothing: float = 1.0) -> pd.Series:
    index = (sums["favour"] - sums["against"]) / (sums["favour"] + sums["against"] + smoothing)
    return index.astype(float).rename("trust_index")
