"""The frames the analyses take: document-level checks, ``by`` columns, document keys, sentence rows.

Below :mod:`~trustlex.analysis.indices`, :mod:`~trustlex.analysis._compare` and
:mod:`~trustlex.analysis.referents`, so that all three share one reading of
their input (and no two of them import each other in a circle).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

REFERENT = "referent"

# A document frame's per-concept columns: summed up in one phrase when an error lists the columns.
_COUNTS = frozenset(f"{c}_{k}" for c in CONCEPTS for k in ("pos", "neg", "neu", "n", "rate", "net"))

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


def check_doc_frame(
    frame: pd.DataFrame,
    by: By,
    *,
    function: str = "compare",
    docs: pd.DataFrame | None = None,
    referents: bool = False,
) -> bool:
    """Check what ``function`` was given; return whether it groups sentence rows by referent.

    ``referents``: ``function`` takes sentence rows when ``by`` holds
    ``"referent"`` (``compare``, ``climate``), with ``docs`` the document
    frame of the same texts. Otherwise ``frame`` must be document-level and
    hold every ``by`` column. Every refusal is a TrustlexError that names
    what is wrong (a ``by`` column nowhere first, with the columns there are
    and the nearest name) and the call to make instead.
    """
    columns = by_columns(by)
    sentences = is_sentence_frame(frame)
    if docs is not None and is_sentence_frame(docs):
        msg = (
            f"{function}: docs= takes the document-level frame of the same texts "
            "(score_texts or score_folder with level='doc'), got sentence rows"
        )
        raise TrustlexError(msg)
    if REFERENT in columns:
        if referents and sentences:
            return True
        raise TrustlexError(_referent_refused(function, by, frame, referents))
    unknown = [c for c in columns if c not in frame.columns]
    if unknown and not (sentences and docs is not None and set(unknown) <= set(docs.columns)):
        msg = missing_by(unknown, frame, docs if sentences else None, where="")
        if sentences:  # and then what else is wrong
            msg += (
                f"; and {function} groups sentence rows only with 'referent' in by: group by document "
                "columns alone on the document-level frame (score_texts or score_folder with level='doc')"
                if referents
                else "; and " + _sentence_rows_refused(function, by, referents)
            )
        raise TrustlexError(msg)
    if sentences:
        raise TrustlexError(_sentence_rows_refused(function, by, referents))
    if docs is not None:
        msg = (
            f"{function}: docs= goes with sentence rows grouped by 'referent'; this frame is already "
            f"document-level, so leave docs= out: {function}(docs, by={by!r})"
        )
        raise TrustlexError(msg)
    needed = ["n_words", *(f"{c}_n" for c in CONCEPTS)]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        counts = [c for c in missing if c != "n_words"]
        what = ["n_words"] if "n_words" in missing else []
        if len(counts) > 2:
            what.append(f"{len(counts)} per-concept counts ({', '.join(counts[:2])}, ...)")
        elif counts:
            what.append(", ".join(counts))
        msg = (
            f"{function} expects a document-level frame (score_texts or score_folder with level='doc'); "
            f"this one has no {' and '.join(what)}: score the texts with level='doc' first"
        )
        raise TrustlexError(msg)
    return False


def _call(function: str, frame: str, by: Any, docs: bool = False) -> str:
    """Return a call to show in an error: ``compare(rows, by=['team', 'referent'], docs=docs)``."""
    shown = by[0] if isinstance(by, list) and len(by) == 1 else by
    return f"{function}({frame}, by={shown!r}{', docs=docs' if docs else ''})"


def _referent_refused(function: str, by: By, frame: pd.DataFrame, referents: bool) -> str:
    """Return why ``by`` cannot hold ``"referent"`` here, and what to call instead."""
    rows_by = by_columns(by)
    if not referents:
        return (
            f"{function} has no breakdown by referent; compare and climate have one, on sentence rows: "
            f"{_call('compare', 'rows', rows_by, docs=len(rows_by) > 1)}"
        )
    return (
        "referents are on sentence rows, not documents: to group by 'referent' pass the sentence-level "
        "frame (score_texts or score_folder with level='sentence'), with the document-level one as docs= "
        f"for word counts and document columns: {_call(function, 'rows', rows_by, docs=True)}"
    )


def _sentence_rows_refused(function: str, by: By, referents: bool) -> str:
    """Return why ``function`` does not group these sentence rows, and what to call instead."""
    expected = "a document-level frame (score_texts or score_folder with level='doc')"
    if not referents:
        extra = (
            "; for sentence rows, trustlex.analysis.sentence_trust_index(rows) gives the same index "
            "per document"
            if function == "trust_index"
            else ""
        )
        return f"{function} takes {expected}, and this one holds sentence rows{extra}"
    columns = by_columns(by)
    with_referent = _call(function, "rows", [*columns, REFERENT], docs=bool(columns))
    if not columns:
        return (
            f"{function} groups sentence rows only by referent: pass {expected}, "
            f"{function}(docs), or group the rows by referent: {with_referent}"
        )
    return (
        f"{function} groups sentence rows only with 'referent' in by: for {by!r} alone pass {expected}, "
        f"{_call(function, 'docs', by)}, or add 'referent': {with_referent}"
    )


def missing_by(unknown: list[str], frame: pd.DataFrame, docs: pd.DataFrame | None, where: str) -> str:
    """Return the error for ``by`` columns not in ``frame`` (or ``docs``): the columns there are, the nearest.

    ``where`` names the frame listed (``" in docs"``), empty for the frame passed.
    """
    source = frame if docs is None else docs
    names = ", ".join(map(repr, unknown))
    plural = "s" if len(unknown) > 1 else ""
    msg = f"no column{plural} {names}{where} to group by; columns are {_shown(source)}"
    every = [*frame.columns, *(docs.columns if docs is not None else ())]
    others = list(dict.fromkeys(str(c) for c in every if c not in _COUNTS))
    near = {u: _nearest(u, others) for u in unknown}
    hints = [f"{n!r} for {u!r}" if plural else repr(n) for u, n in near.items() if n]
    if hints:
        msg += f" (did you mean {', '.join(hints)}?)"
    return msg


def _nearest(name: str, columns: list[str]) -> str | None:
    """Return the column ``name`` most likely meant: a close spelling, else the one it abbreviates."""
    lower = {c.lower(): c for c in columns}
    close = difflib.get_close_matches(name.lower(), list(lower), n=1, cutoff=0.6)
    if close:
        return lower[close[0]]
    short = name.lower()
    if len(short) < 3:
        return None
    # an abbreviation: same first letter, its letters in order ("dept" of "department")
    found = [c for c in columns if c.lower()[:1] == short[:1] and _in_order(short, c.lower())]
    return found[0] if len(found) == 1 else None


def _in_order(letters: str, word: str) -> bool:
    """Return whether ``letters`` occur in ``word`` in this order (not necessarily together)."""
    rest = iter(word)
    return all(ch in rest for ch in letters)


def _shown(frame: pd.DataFrame) -> str:
    """Return the columns of ``frame`` to list in an error, its per-concept counts summed up in one phrase."""
    names = [str(c) for c in frame.columns if c not in _COUNTS]
    n = len(frame.columns) - len(names)
    return ", ".join(names) + (f" and {n} per-concept counts (trust_n, trust_pos, ...)" if n else "")


def groups(frame: pd.DataFrame, by: By, function: str = "compare") -> list[tuple[Any, pd.DataFrame]]:
    """Check a document-level frame; return its (group, rows) pairs, one group ``"all"`` without ``by``.

    A list ``by`` gives tuple keys, one value per column.
    """
    check_doc_frame(frame, by, function=function)
    if by is None:
        return [("all", frame)]
    # observed=True: a Categorical column (lang) gives only the groups present, under pandas 2 too
    key = by if isinstance(by, str) else by_columns(by)
    return list(frame.groupby(key, sort=True, dropna=False, observed=True))


def concept_pools(concepts: Sequence[str] | Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Return ``concepts`` as {name: members}: a concept is a pool of itself, a mapping pools several."""
    pools: dict[str, tuple[str, ...]] = (
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
    if docs is not None:
        missing = [k for k in keys if k not in docs.columns]
        if missing:
            names = ", ".join(map(repr, missing))
            msg = (
                f"docs has no column {names}, which joins the sentence rows to their documents "
                f"(by {', '.join(keys)}): pass the document-level frame of the same texts as it was "
                f"scored (score_texts or score_folder with level='doc'); columns are {_shown(docs)}"
            )
            raise TrustlexError(msg)
    for column in others:
        if column not in source.columns:
            msg = missing_by([column], frame, docs, where=f" in {where}")
            if docs is not None and column in frame.columns and column not in keys:
                msg += f"; the sentence rows have it: leave out docs= to take {column!r} from them"
            elif docs is None and column not in keys:
                msg += "; document columns come from docs=, the document-level frame of the same texts"
            raise TrustlexError(msg)
    if docs is not None:
        check_unique_docs(docs, keys)
    # a by column that is a document key (by=["path", "referent"]: per document) is taken once: a
    # column named twice failed in pandas' groupby ("Grouper for 'path' not 1-dimensional")
    own = [c for c in others if c not in keys] if docs is None else []
    rows = frame[[*keys, REFERENT, "concept", "valence", *own]]
    rows = rows[rows[REFERENT].notna()]  # an empty cell (a results file edited by hand) names no group
    if docs is not None:
        joined = list(dict.fromkeys([*keys, *others]))
        rows = rows.merge(docs[joined].drop_duplicates(keys), on=keys, how="left", indicator=True)
        lost = rows["_merge"] != "both"
        if lost.any():
            first = ", ".join(f"{k}={_plain(v)!r}" for k, v in rows.loc[lost, keys].iloc[0].items())
            msg = f"{int(lost.sum())} sentence rows belong to documents not in docs (first: {first})"
            raise TrustlexError(msg)
        rows = rows.drop(columns="_merge")
    return rows, keys, others


def _plain(value: Any) -> Any:
    """Return a numpy scalar as the Python value it holds (``110``, not ``np.int64(110)``)."""
    return value.item() if isinstance(value, np.generic) else value
