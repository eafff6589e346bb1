"""The frames the analyses take: document-level checks, ``by`` columns, document keys, sentence rows.

Below :mod:`~trustlex.analysis.indices`, :mod:`~trustlex.analysis.compare` and
:mod:`~trustlex.analysis.referents`, so that all three share one reading of
their input (and no two of them import each other in a circle).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

REFERENT = "referent"

# What to pass for `by`: one column (output column "group"), several (one output column each), or None.
By = str | Sequence[str] | None


def by_columns(by: By) -> list[str]:
    """Return ``by`` as a list of column names (empty for ``None``)."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    columns = list(by)
    if not columns or not all(isinstance(c, str) for c in columns):
        msg = f"by must be a column name or a non-empty list of column names, got {by!r}"
        raise TrustlexError(msg)
    return columns


def label_columns(by: By) -> list[str]:
    """Return the output's leading columns: ``group`` for one column or none, else the ``by`` columns."""
    return ["group"] if by is None or isinstance(by, str) else by_columns(by)


def labels(by: By, key: Any) -> dict[str, Any]:
    """Return a group's leading cells: ``{"group": key}``, or one cell per ``by`` column of a list."""
    if by is None or isinstance(by, str):
        return {"group": key}
    return dict(zip(by_columns(by), key if isinstance(key, tuple) else (key,), strict=True))


def is_sentence_frame(frame: pd.DataFrame) -> bool:
    """Return whether ``frame`` holds unit rows (sentence or match level) rather than documents."""
    return "concept" in frame.columns and "valence" in frame.columns


def check_doc_frame(frame: pd.DataFrame, by: By) -> None:
    """Raise a TrustlexError unless ``frame`` is document-level and has every ``by`` column."""
    columns = by_columns(by)
    if REFERENT in columns:
        msg = (
            "referents are on sentence rows, not documents: to group by 'referent' pass the "
            "sentence-level frame (score_texts or score_folder with level='sentence')"
        )
        raise TrustlexError(msg)
    expected = "a document-level frame (score_texts or score_folder with level='doc')"
    hint = " (a sentence-level frame is grouped by 'referent' only)" if is_sentence_frame(frame) else ""
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:  # named first: a typo in by is the likelier mistake, and the one the user can see
        names = ", ".join(map(repr, unknown))
        msg = f"no column{'s' if len(unknown) > 1 else ''} {names} to group by; columns are {_shown(frame)}"
        if hint:
            msg += f"; and this is a sentence-level frame, where {expected} is expected{hint}"
        raise TrustlexError(msg)
    needed = {"n_words", *(f"{c}_n" for c in CONCEPTS)}
    missing = needed - set(frame.columns)
    if missing:
        msg = f"expected {expected}; missing columns: {', '.join(sorted(missing))[:200]}{hint}"
        raise TrustlexError(msg)


def _shown(frame: pd.DataFrame) -> str:
    """Return the columns of ``frame`` to list in an error, its per-concept counts summed up in one phrase."""
    counts = {f"{c}_{k}" for c in CONCEPTS for k in ("pos", "neg", "neu", "n", "rate", "net")}
    names = [str(c) for c in frame.columns if c not in counts]
    n = len(frame.columns) - len(names)
    return ", ".join(names) + (f" and {n} per-concept counts (trust_n, trust_pos, ...)" if n else "")


def groups(frame: pd.DataFrame, by: By) -> list[tuple[Any, pd.DataFrame]]:
    """Check a document-level frame; return its (group, rows) pairs, one group ``"all"`` without ``by``.

    A list ``by`` gives tuple keys, one value per column.
    """
    check_doc_frame(frame, by)
    if by is None:
        return [("all", frame)]
    # observed=True: a Categorical column (lang) gives only the groups present, under pandas 2 too
    key = by if isinstance(by, str) else by_columns(by)
    return list(frame.groupby(key, sort=True, dropna=False, observed=True))


def concept_pools(concepts: Sequence[str] | Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Return ``concepts`` as {name: members}: a concept is a pool of itself, a mapping pools several."""
    pools = (
        {str(k): tuple(v) for k, v in concepts.items()}
        if isinstance(concepts, Mapping)
        else {c: (c,) for c in concepts}
    )
    for name, members in pools.items():
        unknown = [c for c in members if c not in CONCEPTS]
        if unknown or not members:
            known = ", ".join(CONCEPTS)
            msg = f"concepts[{name!r}]: unknown concepts {unknown or 'none given'}; known: {known}"
            raise TrustlexError(msg)
    return pools


def doc_keys(frame: pd.DataFrame) -> list[str]:
    """Return the columns that tell documents apart: ``path`` and ``row`` (folders) or ``doc_id`` (texts)."""
    keys = [k for k in ("path", "row") if k in frame.columns]
    return keys or (["doc_id"] if "doc_id" in frame.columns else [])


def check_unique_docs(docs: pd.DataFrame, keys: list[str]) -> None:
    """Raise a TrustlexError when two rows of ``docs`` share a document key, naming the repeated keys.

    Sentence rows are joined to their document by these keys; with a key
    repeated, the rows of two texts would be credited to one of them, and
    the other's group silently lost.
    """
    repeated = docs.loc[docs.duplicated(keys, keep=False), keys].drop_duplicates()
    if repeated.empty:
        return
    shown = [row[0] if len(keys) == 1 else tuple(row) for row in repeated.head(5).to_numpy().tolist()]
    more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
    name = keys[0] if len(keys) == 1 else f"({', '.join(keys)})"
    fix = (
        "give each text a unique id before scoring (e.g. texts.reset_index(drop=True), keeping a "
        "respondent id in a column of docs)"
        if keys == ["doc_id"]
        else "keep one row per document (docs.drop_duplicates())"
    )
    msg = (
        f"docs repeats {name} {', '.join(map(repr, shown))}{more}: the sentence rows of those "
        f"documents cannot be joined to one of them; {fix}"
    )
    raise TrustlexError(msg)


def sentence_rows(
    frame: pd.DataFrame, by: By, docs: pd.DataFrame | None
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Return (rows, document keys, the ``by`` columns other than referent) of a sentence-level frame.

    ``rows`` holds the document keys, the ``by`` columns, ``concept`` and
    ``valence``. The ``by`` columns other than ``referent`` come from ``docs``
    when it is given (joined by document key: every document's group must be
    known, also for documents without tagged sentences), else from the
    sentence rows themselves. A frame without document keys is one document.
    Rows whose referent is missing (an empty cell) are left out.
    """
    columns = by_columns(by)
    if REFERENT not in frame.columns:
        msg = (
            "the sentence frame has no column 'referent': it was scored before trustlex attributed "
            "referents (issue 17); score the texts again"
        )
        raise TrustlexError(msg)
    keys = doc_keys(frame)
    if not keys:
        frame, keys = frame.assign(doc_id=0), ["doc_id"]
    others = [c for c in columns if c != REFERENT]
    source = frame if docs is None else docs
    where = "the sentence frame" if docs is None else "docs"
    for column in [*(keys if docs is not None else []), *others]:
        if column not in source.columns:
            names = ", ".join(map(str, source.columns))
            msg = f"no column {column!r} in {where} to group by; columns are {names}"
            raise TrustlexError(msg)
    if docs is not None:
        check_unique_docs(docs, keys)
    rows = frame[[*keys, REFERENT, "concept", "valence", *(others if docs is None else [])]]
    rows = rows[rows[REFERENT].notna()]  # an empty cell (a results file edited by hand) names no group
    if docs is not None:
        rows = rows.merge(docs[[*keys, *others]].drop_duplicates(keys), on=keys, how="left", indicator=True)
        lost = rows["_merge"] != "both"
        if lost.any():
            first = rows.loc[lost, keys].iloc[0].tolist()
            msg = f"{int(lost.sum())} sentence rows belong to documents not in docs (first: {keys} = {first})"
            raise TrustlexError(msg)
        rows = rows.drop(columns="_merge")
    return rows, keys, others
