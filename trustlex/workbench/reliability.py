"""Reliability of a lexicon on a corpus: per concept Cronbach's alpha and KR-20 over its entries.

As LIWC's dictionary workbench does, each entry is an item and each text or
sentence a case.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError
from trustlex.lexicon import Entry
from trustlex.pipeline import FileSpecs, file_names
from trustlex.workbench.corpus import languages_of, tagged_units

_COLUMNS = ["lang", "concept", "entries", "entries_used", "units", "alpha", "alpha_std", "kr20", "mean_r"]


def _case_counts(
    texts: list[str], langs: list[str], lexicons: list[str] | None, unit: str
) -> tuple[dict[str, Counter[tuple[int, str]]], Counter[str], dict[str, dict[str, Entry]]]:
    """Return per language the matches per (case, entry), the number of cases and the known entries."""
    counts: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)  # lang -> (case, entry) -> n
    cases: Counter[str] = Counter()
    entries: dict[str, dict[str, Entry]] = defaultdict(dict)
    for _, code, doc, matches, engine in tagged_units(texts, langs, lexicons):
        for e in engine.entries:
            entries[code].setdefault(e.id, e)
        base = cases[code]
        n_cases = sum(1 for _ in doc.sents) if unit == "sentence" else 1
        for m in matches:
            case = base + (m["sent"] if unit == "sentence" else 0)
            counts[code][(case, m["entry"])] += 1
        cases[code] += max(n_cases, 1)
    return counts, cases, entries


def _items(counts: Counter[tuple[int, str]], n_cases: int, ids: list[str]) -> sparse.csr_matrix:
    """Return the cases-by-entries matrix of match counts of the entries ``ids``."""
    col = {eid: j for j, eid in enumerate(ids)}
    keys = [(case, col[eid], n) for (case, eid), n in counts.items() if eid in col]
    case_idx, entry_idx, values = (list(x) for x in zip(*keys, strict=True)) if keys else ([], [], [])
    return sparse.csr_matrix((values, (case_idx, entry_idx)), shape=(n_cases, len(ids)))


def reliability(
    texts: Sequence[str],
    *,
    lang: str = "auto",
    lexicons: FileSpecs | None = None,
    unit: str = "document",
) -> pd.DataFrame:
    """Return per language and concept the internal consistency of its entries on ``texts``.

    Each entry is an item and each text (``unit="document"``) or sentence
    (``unit="sentence"``) a case. ``alpha`` is Cronbach's alpha on the
    entries' match counts, ``kr20`` the Kuder-Richardson 20 on presence
    (fired or not), ``alpha_std`` the standardised alpha from the mean
    inter-item correlation ``mean_r``. Entries that never fire have no
    variance and are left out (``entries_used`` of ``entries``), as LIWC's
    workbench does; fewer than two such entries leave the statistics NaN.
    Dictionary words are rare, so alphas are low by nature: compare
    concepts and versions of a lexicon, not against survey-scale cut-offs.
    """
    if unit not in ("document", "sentence"):
        msg = f"unit must be 'document' or 'sentence', got {unit!r}"
        raise TrustlexError(msg)
    texts = [("" if t is None else str(t)) for t in texts]
    langs = languages_of(texts, lang)
    counts, cases, entries = _case_counts(texts, langs, file_names(lexicons), unit)
    rows = []
    for code, known in entries.items():
        for concept in CONCEPTS:
            ids = [eid for eid, e in known.items() if e.concept == concept]
            if not ids:
                continue
            matrix = _items(counts[code], cases[code], ids)
            rows.append({"lang": code, "concept": concept, **_consistency(matrix), "units": cases[code]})
    return pd.DataFrame(rows, columns=_COLUMNS)


def _variances(items: sparse.csr_matrix) -> np.ndarray:
    """Column variances (population) of a sparse cases-by-items matrix, without densifying it."""
    mean = np.asarray(items.mean(axis=0)).ravel()
    return np.asarray(items.multiply(items).mean(axis=0)).ravel() - mean**2


def _alpha(items: sparse.csr_matrix) -> float:
    """Cronbach's alpha; on 0/1 items this is KR-20 (item variance p*q)."""
    k = items.shape[1]
    if k < 2:
        return np.nan
    total = np.asarray(items.sum(axis=1)).ravel().var()
    return float(k / (k - 1) * (1 - _variances(items).sum() / total)) if total > 0 else np.nan


def _consistency(matrix: sparse.csr_matrix) -> dict[str, float]:
    used = matrix[:, np.flatnonzero(_variances(matrix) > 1e-12)]
    k = used.shape[1]
    out = {"entries": matrix.shape[1], "entries_used": k}
    if k < 2:
        return {**out, "alpha": np.nan, "alpha_std": np.nan, "kr20": np.nan, "mean_r": np.nan}
    # correlations from the k-by-k cross products: the cases never need a dense copy
    n = used.shape[0]
    mean = np.asarray(used.mean(axis=0)).ravel()
    cov = (used.T @ used).toarray() / n - np.outer(mean, mean)
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    mean_r = float(corr[~np.eye(k, dtype=bool)].mean())
    presence = (used > 0).astype(float)
    return {
        **out,
        "alpha": _alpha(used),
        "alpha_std": k * mean_r / (1 + (k - 1) * mean_r),
        "kr20": _alpha(presence[:, np.flatnonzero(_variances(presence) > 1e-12)]),
        "mean_r": mean_r,
    }
