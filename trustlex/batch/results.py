"""Read scores back from disk with the dtypes they had in memory: :func:`read_results`.

CSV keeps no types: a ``row`` column with empty cells comes back as floats
(1.0, 2.0), codes as plain text, flags as ``True``/``False`` strings. This
module gives every column trustlex writes its declared dtype again
(:mod:`trustlex.batch.schema`), for the outputs of ``trustlex score`` and
:func:`~trustlex.batch.score_folder` and for frames saved with
``to_csv``/``to_parquet``, one file or a folder of part files.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from trustlex.batch.parts import OWN_COLUMNS, unneutralise
from trustlex.batch.schema import column_dtype
from trustlex.errors import TrustlexError
from trustlex.frame import LEAD_DTYPES, LEVEL_DTYPES, MODEL_DTYPES, set_dtypes

__all__ = ["holds_results", "read_output", "read_results", "results_level"]


def results_level(columns: list[str], where: str | Path = "results") -> str:
    """Return the level (``doc``, ``sentence`` or ``match``) whose columns ``columns`` are.

    Raises
    ------
    TrustlexError
        When the columns are of no level, naming ``where`` and what is missing.
    """
    have = set(columns)
    for level in ("doc", "match", "sentence"):
        if set(LEVEL_DTYPES[level]) <= have:
            return level
    msg = (
        f"{where}: not trustlex results; the columns of a level are missing "
        f"(a sentence-level file has {', '.join(LEVEL_DTYPES['sentence'])})"
    )
    raise TrustlexError(msg)


def _lead(columns: list[str], level: str) -> list[str]:
    """Return trustlex's own columns among ``columns``; a folder output's others are carried text."""
    own = {*LEVEL_DTYPES[level], *MODEL_DTYPES}
    if columns[:2] == ["path", "row"]:
        own |= set(LEAD_DTYPES)
    return [c for c in columns if c in own]


def _dtypes(columns: list[str], level: str, carried: dict | None = None) -> dict:
    """Return the dtype of each column to type: all of a folder output's, a saved frame's own ones.

    ``carried``: the dtypes of a folder output's carried columns that are not text (numbers and
    flags kept from JSON Lines or XLSX).
    """
    lead = _lead(columns, level)
    typed = columns if columns[:2] == ["path", "row"] else lead
    return {c: column_dtype(c, level, lead, carried) for c in typed}


def _carried(path: Path, frame: pd.DataFrame | None = None) -> dict:
    """Return the typed carried columns of one output file: a Parquet file's own, a CSV's from its types file.

    A CSV output's are in ``results.types.json`` beside it (``trustlex score`` writes it when a carried
    column holds numbers or flags); without it they are text.
    """
    if frame is not None:  # Parquet: the types it was written with
        lead = set(
            _lead([str(c) for c in frame.columns], results_level([str(c) for c in frame.columns], path))
        )
        return {
            c: frame[c].dtype
            for c in frame.columns
            if c not in lead and not pd.api.types.is_string_dtype(frame[c]) and frame[c].dtype != object
        }
    where = path.with_name(path.stem + ".types.json")
    try:
        found = json.loads(where.read_text(encoding="utf-8")).get("carried") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(c): d for c, d in found.items() if d in ("Int64", "float64", "boolean")}


def _files(path: Path) -> list[Path]:
    """Return the result files of ``path``: itself, or the CSV or Parquet parts of a folder in order."""
    if not path.is_dir():
        if not path.exists():
            msg = f"{path}: no such file or folder"
            raise TrustlexError(msg)
        return [path]
    found = [p for p in path.iterdir() if p.suffix.lower() in (".csv", ".parquet") and p.is_file()]
    if not found:
        msg = f"{path}: a folder without .csv or .parquet files"
        raise TrustlexError(msg)

    def natural(p: Path) -> list:  # part.2 before part.10, as Dask numbers its parts
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]

    return sorted(found, key=natural)


def _read_csv(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh), [])
    dtypes = _dtypes(header, results_level(header, path), _carried(path))
    # text stays text ("007" is an id, "NA" a word); numbers are parsed, then given their dtypes
    text = {c: "string" for c, dtype in dtypes.items() if not _numeric(dtype)}
    frame = pd.read_csv(path, dtype=text, keep_default_na=False, na_values=[""])
    for column in frame.columns:
        if column not in OWN_COLUMNS and pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(unneutralise, na_action="ignore")
    return frame


def _numeric(dtype: str | pd.api.extensions.ExtensionDtype) -> bool:
    return not isinstance(dtype, pd.CategoricalDtype) and (
        pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
    )


def read_results(path: str | Path) -> pd.DataFrame:
    """Read trustlex results (CSV or Parquet, a file or a folder of parts) with their declared dtypes.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` or ``.parquet`` file written by ``trustlex score``,
        :func:`trustlex.score_folder`, or a frame's ``to_csv(index=False)``
        / ``to_parquet``; or a folder of such files (Dask's
        ``to_parquet``/``to_csv`` parts), read in name order and joined.

    Returns
    -------
    pandas.DataFrame
        The level is told from the columns. ``concept``, ``valence``,
        ``base_valence``, ``lang``, ``kind`` and ``source`` are Categoricals
        in codebook order, text columns pandas' ``string``, ``hedged``
        ``boolean``, ``row`` ``Int64``, counts ``int64`` and weights,
        rates and net valences ``float64``, as in :func:`trustlex.score_texts`.
        The columns a table brought along are text, except those whose
        values were all numbers or all true/false (JSON Lines, XLSX): a
        Parquet output keeps their types, and a CSV output's are read from
        the ``.types.json`` file ``trustlex score`` writes beside it. The apostrophe CSV
        output puts before document cells that start with a formula
        character is taken off again.

    Raises
    ------
    TrustlexError
        When ``path`` does not exist or holds no trustlex results.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> texts = ["Er is geen vertrouwen.", "Ik vertrouw mijn collega's."]
    >>> rows = trustlex.score_texts(texts, lang="nl", level="sentence")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     rows.to_csv(Path(tmp) / "rows.csv", index=False)
    ...     back = trustlex.read_results(Path(tmp) / "rows.csv")
    >>> back[["concept", "valence", "lang"]].dtypes.astype(str).tolist()
    ['category', 'category', 'category']
    >>> back["valence"].cat.categories.tolist(), back["valence"].tolist()
    (['-', '0', '+'], ['-', '+'])
    """
    files = _files(Path(path))
    frames, found = [], []
    for file in files:
        if file.suffix.lower() == ".parquet":
            frames.append(pd.read_parquet(file))
            found.append(_carried(file, frames[-1]))
        else:
            frames.append(_read_csv(file))
            found.append(_carried(file))
    # a carried column typed alike in every file keeps its type; typed otherwise in one part, it is text
    carried = {c: d for c, d in found[0].items() if all(str(f.get(c)) == str(d) for f in found[1:])}
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    columns = [str(c) for c in frame.columns]
    return set_dtypes(frame, _dtypes(columns, results_level(columns, path), carried))


def holds_results(path: Path) -> bool:
    """Return whether a ``.csv`` or ``.parquet`` file is trustlex results rather than a table of texts.

    A CSV of comments and a CSV of results share a suffix; only the columns
    tell them apart, and results have every column of one of trustlex's
    levels. The header alone is read, as UTF-8 with commas (the way trustlex
    writes results), so a table of texts in another encoding or with
    semicolons is taken for what it is. Parquet holds no documents trustlex
    reads: it is taken for results.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    bool
        True when its columns are those of a level of results.

    Raises
    ------
    TrustlexError
        When it is neither: it has most but not all columns of a level (results
        cut or edited by hand), naming the file, the level and what is missing.
    """
    if path.suffix.lower() == ".parquet":
        return True
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        header = next(csv.reader(fh), [])
    try:
        results_level(header, path)
    except TrustlexError:
        missing = {level: [c for c in LEVEL_DTYPES[level] if c not in header] for level in LEVEL_DTYPES}
        level = min(missing, key=lambda k: len(missing[k]) / len(LEVEL_DTYPES[k]))
        if len(missing[level]) <= len(LEVEL_DTYPES[level]) // 2:
            msg = (
                f"{path}: neither trustlex results nor a table of texts: it has most columns of "
                f"{level}-level results, but not {', '.join(missing[level])}; score the documents again "
                "('trustlex score ... --out FILE') or give the documents themselves"
            )
            raise TrustlexError(msg) from None
        return False
    return True


def read_output(path: Path) -> pd.DataFrame:
    """Read a ``trustlex score`` output (CSV or Parquet) back: :func:`read_results` of one file."""
    return read_results(path)
