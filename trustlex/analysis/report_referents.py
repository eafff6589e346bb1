"""The HTML report's referent breakdown: who the sentences are about, per referent and concept."""

from __future__ import annotations

from typing import Any

import pandas as pd

from trustlex.analysis.frames import REFERENT
from trustlex.analysis.indices import climate
from trustlex.concepts import CONCEPT_NAMES, CONCEPTS
from trustlex.frame import REFERENT_DTYPE

NO_REFERENT = "none"  # the referent of rows whose referent cell is empty


def _referent_order(sentences: pd.DataFrame, names: list[str]) -> list[str]:
    """Return the referents present in taxonomy order (the column's, else the shipped one), ``none`` last."""
    column = sentences[REFERENT]
    known = [str(c) for c in (column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else [])]
    known += [str(c) for c in REFERENT_DTYPE.categories if str(c) not in known]
    present = set(names)
    order = [r for r in known if r in present] + sorted(present - set(known))
    return [r for r in order if r != NO_REFERENT] + ([NO_REFERENT] if NO_REFERENT in present else [])


def referent_breakdown(
    sentences: pd.DataFrame,
    concepts: pd.Series,
    valences: pd.Series,
    names: list[str],
    shown: list[str],
    valence_keys: list[str],
) -> dict[str, Any]:
    """Return the report's referent breakdown: per referent its units by valence and trust climate.

    ``concepts`` and ``valences`` are the rows' cleaned cells, ``names`` their
    referents as text, ``shown`` the valence columns of the page and
    ``valence_keys`` every valence key (the invalid ones' key too). Also per
    referent and concept: units, and present / lacking / neutral units.
    """
    order = _referent_order(sentences, names)
    frame = pd.DataFrame({"referent": names, "concept": concepts.to_numpy(), "valence": valences.to_numpy()})
    by_valence = frame.groupby(["referent", "valence"]).size().unstack(fill_value=0)
    by_valence = by_valence.reindex(index=order, columns=valence_keys, fill_value=0)
    cells = frame.groupby(["referent", "concept", "valence"]).size().to_dict()
    present = set(concepts)
    columns = [c for c in CONCEPTS if c in present] + sorted(present - set(CONCEPTS))
    known = concepts.isin(CONCEPTS).to_numpy()
    mean = climate(
        sentences.assign(concept=concepts.to_numpy(), valence=valences.to_numpy(), referent=names)[known],
        by=REFERENT,
    ).set_index("group")
    counts, climates = by_valence.to_dict("index"), mean.to_dict("index")  # {referent: {column: value}}
    table, matrix = [], []
    for referent in order:
        index = climates.get(referent)
        table.append(
            {
                "name": referent,
                "counts": [int(counts[referent][v]) for v in shown],
                "total": int(sum(counts[referent].values())),
                "climate": (
                    f"{index['index']:+.2f} ({index['index_low']:+.2f} to {index['index_high']:+.2f}),"
                    f" {int(index['n_docs'])} doc{'s' if index['n_docs'] != 1 else ''}"
                    if index is not None
                    else ""
                ),
            }
        )
        row = []
        for concept in columns:
            n = {v: cells.get((referent, concept, v), 0) for v in valence_keys}
            total = sum(n.values())
            row.append((total, f"{n['+']}/{n['-']}/{n['0']}" if total else ""))
        matrix.append({"name": referent, "cells": row})
    return {
        "table": table,
        "concepts": [CONCEPT_NAMES.get(c, c) for c in columns],
        "matrix": matrix,
        "order": order,
    }
