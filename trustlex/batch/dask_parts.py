"""The work of :func:`~trustlex.batch.dask.score_dask` on each partition, and what it needs first.

Each partition's task scores its texts with :func:`trustlex.score_texts` (per language by position
with ``lang="auto"``, so that the partitioning changes nothing) after checking that the worker it
runs on has this client's trustlex and lexicon files (:mod:`trustlex.batch.cluster_check`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pandas as pd

from trustlex.batch.cluster_check import check_this_worker, check_workers, own_files, setup_fingerprint
from trustlex.errors import LexiconError, TrustlexError
from trustlex.frame import text_list
from trustlex.lang.detect import detect_language_or_none
from trustlex.matching.names import row_names
from trustlex.scoring import score_texts


def probe(kw: dict[str, Any], model: Any = None) -> pd.DataFrame:
    """Return the rows of a probe text that every shipped lexicon tags: the columns and dtypes of a result.

    With ``lang="auto"`` the probe is scored in each language until one
    scores: lexicons or referent files of one language only are fine for a
    run over texts of that language (a text of the other is refused when its
    partition is scored, as by :func:`score_texts`).
    """
    probes = {"en": "Trust.", "nl": "Vertrouwen."}
    codes = list(probes) if kw["lang"] == "auto" else [kw["lang"]]
    missing: LexiconError | None = None
    for code in codes:
        try:
            return score_texts([probes.get(code, "")], **{**kw, "lang": code}, model=model)
        except LexiconError as exc:
            if exc.missing_language is None:
                raise
            missing = missing or exc
    raise missing  # type: ignore[misc]  # every language lacked its files


def id_dtype(data: Any, dd: Any, db: Any) -> Any:
    """Return the dtype of ``doc_id``: the index's, or the first pair's id's for a Bag; text for object.

    A Bag declares no types, so its first pair is computed here (the first partition's input only,
    no scoring): an integer id column stays integers, as a Dask Series with that index gives them.
    """
    if isinstance(data, dd.DataFrame | dd.Series) and data.index.dtype != object:
        return data.index.dtype
    if isinstance(data, db.Bag):
        first = data.take(1, warn=False)  # the first partition only: all would read the whole input
        if first and isinstance(first[0], tuple | list) and len(first[0]) == 2:
            dtype = pd.Series([first[0][0]]).dtype
            if dtype != np.dtype(object):
                return dtype
    return pd.StringDtype()


def fallback_language(data: Any, text_column: str, dd: Any, db: Any, delayed: Any) -> Any:
    """Return (lazily) the language of texts without evidence: the majority of the whole input's texts.

    None for what :func:`~trustlex.batch.dask.score_dask` refuses (a missing column, another type):
    it says why.
    """
    if isinstance(data, dd.DataFrame):
        if text_column not in data.columns:
            return None
        data = data[text_column]
    if isinstance(data, dd.Series):  # its partitions are pandas Series of texts
        counts = [delayed(_found)(part) for part in data.to_delayed()]
    elif isinstance(data, db.Bag):  # of (id, text) pairs
        counts = [delayed(_found)(part, pairs=True) for part in data.to_delayed()]
    else:
        return None
    return delayed(_majority)(counts)


def _found(texts: Iterable[Any], pairs: bool = False) -> Counter[str]:
    """Count the texts of one partition with evidence of each language."""
    texts = text_list([t for _, t in texts] if pairs else texts)
    return Counter(code for code in map(detect_language_or_none, texts) if code is not None)


def _majority(counts: list[Counter[str]]) -> str:
    """Return the language most texts have evidence of, English on a tie or none (as score_texts)."""
    total = sum(counts, Counter())
    return "nl" if total["nl"] > total["en"] else "en"


def _score(
    texts: pd.Series, kw: dict[str, Any], model: Any, fallback: str | None, names: Any = None
) -> pd.DataFrame:
    """Return score_texts rows of one partition; with ``fallback``, texts without evidence take it.

    The texts are scored per language by position, then put back in their
    order with their own ids: a partition's own majority must not decide.
    """
    if fallback is None:
        return score_texts(texts, **kw, model=model, names=names)
    codes = [detect_language_or_none(t) or fallback for t in text_list(texts)]
    frames = []
    for code in dict.fromkeys(codes):
        at = [i for i, c in enumerate(codes) if c == code]
        part = pd.Series(texts.iloc[at].to_numpy(), index=at, dtype=object)
        some = [names[i] for i in at] if names is not None else None
        frames.append(score_texts(part, **{**kw, "lang": code}, model=model, names=some))
    if not frames:
        return score_texts(texts, **kw, model=model, names=names)
    rows = pd.concat(frames, ignore_index=True).sort_values("doc_id", kind="stable", ignore_index=True)
    return rows.assign(doc_id=pd.Series(texts.index.take(rows["doc_id"].to_numpy()), index=rows.index))


def same_setup(kw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return this client's trustlex version and lexicon digests, and the run's own files, for the workers.

    As ``score_folder(dask=...)`` does (:mod:`trustlex.batch.cluster_check`): the workers of the
    Dask client in use now are asked at once, and each task checks its worker again when it runs
    (the lazy frame may be computed later, on another cluster), refusing with :class:`RunError`.
    """
    options = SimpleNamespace(lexicons=kw["lexicons"], context=kw["context"], referents=kw["referents"])
    files = own_files(options)
    try:  # optional: a Dask client is in use only with distributed installed
        from distributed import default_client

        client = default_client()
    except (ImportError, ValueError):  # no client: the threaded scheduler, in this process
        client = None
    if client is not None:
        check_workers(client, options)
    return setup_fingerprint(files), files


def score_part(
    part: pd.Series,
    kw: dict[str, Any],
    model: Any,
    dtypes: dict,
    fallback: str | None,
    setup: tuple[dict[str, Any], list[str]],
) -> pd.DataFrame:
    """Score a partition of a Dask Series of texts (its index: the ids), on a worker checked first."""
    check_this_worker(*setup)
    return _score(part, kw, model, fallback).astype(dtypes)


def score_named(
    part: pd.DataFrame,
    kw: dict[str, Any],
    model: Any,
    dtypes: dict,
    text: str,
    pairs: tuple,
    fallback: str | None,
    setup: tuple[dict[str, Any], list[str]],
) -> pd.DataFrame:
    """Score a partition of a Dask DataFrame's texts with each row's names from its name columns."""
    check_this_worker(*setup)
    names = [
        row_names(pairs, row, f"row {i!r}")
        for i, row in zip(part.index, cast("list[dict[str, Any]]", part.to_dict("records")), strict=True)
    ]
    return _score(part[text], kw, model, fallback, names).astype(dtypes)


def score_pairs(
    pairs: Iterable[tuple[Any, str]],
    kw: dict[str, Any],
    model: Any,
    dtypes: dict,
    fallback: str | None,
    setup: tuple[dict[str, Any], list[str]],
) -> pd.DataFrame:
    """Score a partition of a Dask Bag of ``(id, text)`` pairs, on a worker checked first."""
    check_this_worker(*setup)
    pairs = list(pairs)
    series = pd.Series([t for _, t in pairs], index=[i for i, _ in pairs], dtype=object)
    rows = _score(series, kw, model, fallback)
    try:
        return rows.astype(dtypes)
    except (TypeError, ValueError) as exc:  # the ids of later pairs are not of the first pair's type
        wanted = dtypes["doc_id"]
        odd = next((i for i in series.index if not _fits(i, wanted)), series.index[0])
        msg = (
            f"the Bag's ids are of several types: the first pair's id is {wanted}, this partition has "
            f"{odd!r} ({type(odd).__name__}); give every pair an id of one type (str(id) for text)"
        )
        raise TrustlexError(msg) from exc


def _fits(value: Any, dtype: Any) -> bool:
    """Whether ``value`` converts to ``dtype`` (an id of a Bag's pair against the first pair's type)."""
    try:
        pd.Series([value]).astype(dtype)
    except (TypeError, ValueError):
        return False
    return True
