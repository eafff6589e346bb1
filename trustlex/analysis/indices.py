"""Trust-climate indices and group shares as data: per document, per group, per sentence side."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

# The seed essay's central contrast: control language against the levers that build trust.
LEVERS: tuple[str, ...] = ("communication", "discipline", "responsibility", "norms", "courage")


def _check_doc_frame(frame: pd.DataFrame, by: str | None) -> None:
    needed = {"n_words", *(f"{c}_n" for c in CONCEPTS)}
    missing = needed - set(frame.columns)
    if missing:
        msg = (
            "expected a document-level frame (score_texts or score_folder with level='doc'); "
            f"missing columns: {', '.join(sorted(missing))[:200]}"
        )
        raise TrustlexError(msg)
    if by is not None and by not in frame.columns:
        msg = f"no column {by!r} to group by; columns are {', '.join(map(str, frame.columns))}"
        raise TrustlexError(msg)


def _groups(frame: pd.DataFrame, by: str | None) -> list[tuple[Any, pd.DataFrame]]:
    """Check a document-level frame; return its (group, rows) pairs, one group ``"all"`` without ``by``."""
    _check_doc_frame(frame, by)
    # observed=True: a Categorical column (lang) gives only the groups present, under pandas 2 too
    return [("all", frame)] if by is None else list(frame.groupby(by, sort=True, dropna=False, observed=True))


def control_share(frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return, per group, the share of control language among control plus the trust-building levers.

    Units of ``control`` against units of communication, discipline,
    responsibility, norms and courage: 1.0 means the documents speak only
    of control, 0.0 only of the levers.
    """
    rows: list[dict[str, Any]] = []
    for name, part in _groups(frame, by):
        control = int(part["control_n"].sum())
        levers = int(sum(part[f"{c}_n"].sum() for c in LEVERS))
        total = control + levers
        rows.append(
            {
                "group": name,
                "control_units": control,
                "lever_units": levers,
                "control_share": control / total if total else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["group", "control_units", "lever_units", "control_share"])


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
    """
    if not smoothing > 0:
        msg = f"smoothing must be positive (texts without valenced mentions stay 0), got {smoothing!r}"
        raise TrustlexError(msg)
    _check_doc_frame(frame, None)
    favour = pd.Series(0.0, index=frame.index)
    against = pd.Series(0.0, index=frame.index)
    for concept, (plus, minus) in TRUST_CLIMATE.items():
        for column, weight in ((f"{concept}_pos", plus), (f"{concept}_neg", minus)):
            counts = frame[column].astype(float)
            if weight > 0:
                favour += weight * counts
            elif weight < 0:
                against -= weight * counts
    return ((favour - against) / (favour + against + smoothing)).rename("trust_index")


def climate(
    frame: pd.DataFrame,
    by: str | None = None,
    *,
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
    documents with valenced trust language (the others have index 0).
    Columns: group, n_docs, n_valenced, index, index_low, index_high.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for name, part in _groups(frame, by):
        scores = trust_index(part).to_numpy(dtype=float)
        mean, low, high = mean_interval(scores, n_boot=n_boot, level=level, rng=rng)
        rows.append(
            {
                "group": name,
                "n_docs": len(part),
                "n_valenced": int((scores != 0).sum()),
                "index": mean,
                "index_low": low,
                "index_high": high,
            }
        )
    return pd.DataFrame(rows, columns=["group", "n_docs", "n_valenced", "index", "index_low", "index_high"])


def mean_interval(
    scores: np.ndarray, *, n_boot: int = 1000, level: float = 0.95, rng: np.random.Generator | None = None
) -> tuple[float, float, float]:
    """Return (mean, low, high) of ``scores``: the mean with a percentile bootstrap interval.

    All three are NaN for no scores; one score gives a zero-width interval.
    """
    if not len(scores):
        return np.nan, np.nan, np.nan
    rng = np.random.default_rng(0) if rng is None else rng
    alpha = (1 - level) / 2
    means = scores[rng.integers(0, len(scores), size=(n_boot, len(scores)))].mean(axis=1)
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(scores.mean()), float(low), float(high)


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
    keys = [k for k in ("path", "row") if k in sentences.columns] or (
        ["doc_id"] if "doc_id" in sentences.columns else []
    )
    side = _sides(sentences)
    parts = pd.DataFrame({"favour": np.maximum(side, 0), "against": np.maximum(-side, 0)})
    if keys:
        for k in keys:
            parts[k] = sentences[k].to_numpy()
        sums = parts.groupby(keys, dropna=False, sort=False)[["favour", "against"]].sum()
    else:
        sums = parts[["favour", "against"]].sum().to_frame().T
    index = (sums["favour"] - sums["against"]) / (sums["favour"] + sums["against"] + smoothing)
    return index.astype(float).rename("trust_index")
