"""Part files and the output: one part per finished unit, joined in plan order into CSV or Parquet.

Every finished unit is written at once to a part file in ``<out>.parts/``
(atomically, so a killed run leaves no half-written part). CSV cells that
documents fill are neutralised against formula injection;
:func:`trustlex.batch.results.read_results` reads an output back.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from trustlex.batch.carried import carried_kinds
from trustlex.batch.schema import MODEL_COLUMNS, arrow_schema, typed_output
from trustlex.batch.units import Options, Unit, UnitResult, score_unit
from trustlex.errors import TrustlexError
from trustlex.frame import MATCH_COLUMNS, SENTENCE_COLUMNS, doc_columns, level_columns

PART_VERSION = 2  # a header line, then all rows as one JSON array


def output_columns(options: Options) -> list[str]:
    """Return the leading columns of the output at ``options.level`` (metadata columns follow).

    With a model (``options.model``), sentence rows end in ``source`` and
    ``probability``, as those of ``score_texts(..., model=...)``.
    """
    ids = ["doc_id"] if options.id_column else []
    own = [c for c in level_columns(options.level) if c != "doc_id"]
    return ["path", "row", *ids, *own, *(MODEL_COLUMNS if options.model else ())]


@dataclass(frozen=True)
class Packed:
    """A unit's part file, serialised where the unit ran: the parent only writes it."""

    key: str
    words: int
    text: str


class Parts:
    """The state folder of a run with an output file: a manifest and one part file per unit."""

    def __init__(self, out: Path, signature: dict, *, force: bool) -> None:
        self.dir = out.with_name(out.name + ".parts")
        manifest = self.dir / "manifest.json"
        if force:
            shutil.rmtree(self.dir, ignore_errors=True)
        elif self.dir.exists():
            try:
                old = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                old = None
            if old is None and not any(self.dir.glob("*.jsonl")):
                shutil.rmtree(self.dir, ignore_errors=True)  # killed before its first part: start afresh
            elif old != signature:
                differs = difference(old, signature)
                msg = (
                    f"{self.dir} holds an unfinished run of a different command ({differs}); "
                    "rerun that command to finish it, or pass --force to start over"
                )
                raise TrustlexError(msg)
        elif out.exists():
            msg = f"{out} exists; pass --force to replace it"
            raise TrustlexError(msg)
        self.dir.mkdir(parents=True, exist_ok=True)
        if not manifest.exists():
            atomic_write(manifest, json.dumps(signature, indent=1, sort_keys=True))

    def path(self, key: str) -> Path:
        """Return the part file of the unit ``key``."""
        return self.dir / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".jsonl")

    def done(self, key: str, stamp: list | None = None) -> bool:
        """Return whether the unit ``key`` has its part already, scored from its files as they are now.

        With ``stamp`` (:func:`input_stamp` of the unit now), a part whose
        files have changed since it was written (another size or modification
        time), or that recorded none, is not done: its unit is scored again.
        """
        if not self.path(key).exists():
            return False
        if stamp is None:
            return True
        try:
            return self.read_head(key).get("inputs") == stamp
        except (OSError, ValueError):
            return False  # an unreadable part is scored again, never trusted

    def write(self, packed: Packed) -> None:
        """Write a unit's part, atomically."""
        atomic_write(self.path(packed.key), packed.text)

    def read_head(self, key: str) -> dict:
        """Return the part's header: columns, errors, notes and counts."""
        with self.path(key).open(encoding="utf-8") as fh:
            return json.loads(fh.readline())

    def read_body(self, key: str) -> str:
        """Return the part's rows as stored (CSV text or a JSON array)."""
        with self.path(key).open(encoding="utf-8", newline="") as fh:
            fh.readline()
            return fh.read()

    def read_rows(self, key: str, fmt: str = "json") -> list[list]:
        """Return the part's rows (one unit's: at most a few thousand) as lists of values."""
        body = self.read_body(key)
        if fmt == "csv":
            return list(csv.reader(io.StringIO(body)))
        return json.loads(body or "[]")


def finished_parts(out: Path) -> int:
    """Return how many finished parts the unfinished run of ``out`` holds (0 when there is none)."""
    folder = out.with_name(out.name + ".parts")
    return sum(1 for _ in folder.glob("*.jsonl")) if folder.is_dir() else 0


# what differs between two runs, as the user chose it: the option of the command line
_OPTIONS = {
    "inputs": "the inputs",
    "glob": "--glob",
    "level": "--level",
    "lang": "--lang",
    "text_column": "--text-column",
    "id_column": "--id-column",
    "lexicons": "--lexicon",
    "context": "the context file",
    "csv_safe": "--raw-csv (csv_safe)",
    "model": "--model",
    "name_columns": "--name-column",
    "referents": "--referents",
}


def difference(old: dict | None, new: dict) -> str:
    """Return what differs between the signature of an unfinished run and that of this one.

    Each difference names the option (``--level: 'doc' there, 'sentence'
    here``); a model by whether there is one; a run of another trustlex
    version by its version.
    """
    if not isinstance(old, dict):
        return "its manifest is missing or unreadable"
    pairs = [(k, old.get(k), new.get(k)) for k in ("inputs", "glob")]
    was, now = old.get("options") or {}, new.get("options") or {}
    pairs += [(k, was.get(k), now.get(k)) for k in _OPTIONS if k in was or k in now]
    found = []
    for key, then, here in pairs:
        if then == here:
            continue
        if key == "model":  # a fingerprint says nothing to a reader
            said = {(False, True): "none there, one here", (True, False): "one there, none here"}
            found.append(f"--model: {said.get((bool(then), bool(here)), 'another one there')}")
            continue
        if key == "referents":  # files with digests: name the files, or the one that changed
            found.append(_referents_differ(then, here))
            continue
        found.append(f"{_OPTIONS[key]}: {_shown(then)} there, {_shown(here)} here")
    if any(old.get(k) != new.get(k) for k in ("trustlex", "rows_per_unit", "part_format")):
        found.append(f"made by trustlex {old.get('trustlex')}, this is {new.get('trustlex')}")
    return "; ".join(found) or "its manifest differs"


def _referents_differ(then: Any, here: Any) -> str:
    """Say how the referent files ([path, digest] pairs) of two runs differ: other files, or edited ones."""
    paths = [[p for p, _ in files or ()] for files in (then, here)]
    if paths[0] != paths[1]:
        # whole paths, however long: they say which files to give
        return f"--referents: {paths[0] or None!r} there, {paths[1] or None!r} here"
    edited = [p for (p, old), (_, new) in zip(then, here, strict=True) if old != new]
    return f"--referents: {(edited or paths[1])[0]!r} changed since that run started"


def _shown(value: Any) -> str:
    """Return a value of a run's signature as its repr, cut to one short line."""
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


# Columns trustlex fills itself with codes and numbers; every other text cell comes from a document
# (its text, file name or carried-along columns) and may be crafted.
OWN_COLUMNS = frozenset(MATCH_COLUMNS + SENTENCE_COLUMNS + tuple(doc_columns())) - {
    "doc_id",
    "text",
    "sentence",
    "terms",
    "cue",
    "cues",
    "hedge",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: Any) -> Any:
    """Return a cell value that a spreadsheet will not run as a formula (OWASP: CSV injection).

    A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading apostrophe, which Excel and LibreOffice read as
    "this is text"; plain numbers ("-3", "+1.5") are left alone.
    :func:`trustlex.batch.results.read_results` takes the apostrophe off again.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with :func:`neutralise` applied to every column that documents fill."""
    out = frame.copy()
    for column in out.columns:
        if column not in OWN_COLUMNS and pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def unneutralise(value: Any) -> Any:
    """Return ``value`` without the apostrophe :func:`neutralise` put before a formula character."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def input_stamp(unit: Unit) -> list:
    """Return ``[rel, size, mtime_ns]`` of each file of ``unit``, as a part records them.

    A rerun compares a finished part's stamp with this to tell whether its
    files changed since it was scored; a file that cannot be looked at has
    ``None`` for both, so it never matches a part scored from a real file.
    """
    stamp = []
    for path, rel in unit.files:
        try:
            st = os.stat(path)
            stamp.append([rel, st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([rel, None, None])
    return stamp


def pack(
    result: UnitResult, lead: list[str], fmt: str = "json", csv_safe: bool = True, inputs: list | None = None
) -> Packed:
    """Serialise a unit's result as a part file: a JSON header line, then its rows.

    ``fmt="csv"`` writes the rows as CSV lines ready to be copied into a CSV
    output (document cells neutralised, see :func:`neutralise`, unless
    ``csv_safe`` is false); ``"json"`` as one JSON array, keeping value types
    for Parquet. ``inputs`` (:func:`input_stamp`, taken before the unit was
    read) goes into the header, so a rerun can tell whether the files changed.
    """
    columns = union(lead, [*(k for row in result.rows for k in row), *result.columns])
    head = {
        "v": PART_VERSION,
        "key": result.key,
        "format": fmt,
        "columns": columns,
        "errors": result.errors,
        "words": result.words,
        "docs": result.docs,
        "rows": len(result.rows),
        "notes": result.notes,
        "ids": result.ids,
        "guess": result.guess,
        "text_column": result.text_column,
        "inputs": inputs,
        "kinds": carried_kinds(result.rows, lead),  # the types of the carried values: the run's column types
    }
    # NaN (no net valence) becomes null / an empty cell
    rows = [[None if v != v else v for v in map(row.get, columns)] for row in result.rows]
    if fmt == "csv":
        if csv_safe:
            risky = [i for i, c in enumerate(columns) if c not in OWN_COLUMNS]
            for values in rows:
                for i in risky:
                    values[i] = neutralise(values[i])
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)  # the merge's own dialect: the text is copied as it is
        body = buf.getvalue()
    else:
        body = json.dumps(rows, default=str) + "\n"
    return Packed(result.key, result.words, json.dumps(head, default=str) + "\n" + body)


def score_and_pack(
    unit: Unit, options: Options, lead: list[str], fmt: str = "json", model: Any = None
) -> Packed:
    """Score a unit and serialise its part, in the worker (serialising runs in parallel too)."""
    inputs = input_stamp(unit)  # before reading: a file changed while it is read is scored again next time
    return pack(score_unit(unit, options, model), lead, fmt, options.csv_safe, inputs)


def part_format(out: Path | None) -> str:
    """CSV parts for a CSV output (copied as they are), JSON parts (typed values) for Parquet."""
    return "csv" if out is not None and out.suffix.lower() == ".csv" else "json"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either nothing or all of it, even after a power cut."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:  # CSV parts keep their line ends
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave half a part behind
        raise
    try:  # make the rename itself durable
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def union(lead: list[str], names: Iterable[str]) -> list[str]:
    """Return the ``lead`` columns, then every other name in the order first seen."""
    return list(dict.fromkeys([*lead, *names]))


def merge(
    parts: Parts,
    keys: list[str],
    heads: list[dict],
    out: Path,
    lead: list[str],
    level: str,
    carried: dict[str, Any] | None = None,
) -> int:
    """Join the parts, in plan order, into ``out`` (CSV or Parquet), streaming; return the row count.

    ``carried`` gives the dtype of each carried column whose values all had one JSON type
    (:func:`trustlex.batch.carried.carried_dtypes`); the others are text.
    """
    columns = union(lead, (c for h in heads for c in h["columns"]))
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    try:
        if out.suffix.lower() == ".parquet":
            n = _merge_parquet(parts, keys, heads, columns, lead, tmp, level, carried or {})
        else:
            n = _merge_csv(parts, keys, heads, columns, tmp)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _merge_csv(parts: Parts, keys: list[str], heads: list[dict], columns: list[str], tmp: Path) -> int:
    n = 0
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for key, head in zip(keys, heads, strict=True):
            fmt = head.get("format", "json")
            n += head["rows"]
            if fmt == "csv" and head["columns"] == columns:
                fh.write(parts.read_body(key))  # already the output's lines
                continue
            rows = parts.read_rows(key, fmt)
            if head["columns"] != columns:  # a file with other metadata columns: line them up
                pos = [head["columns"].index(c) if c in head["columns"] else None for c in columns]
                rows = [[None if p is None else values[p] for p in pos] for values in rows]
            writer.writerows(rows)  # csv writes None as an empty cell
        fh.flush()
        os.fsync(fh.fileno())
    return n


def _merge_parquet(
    parts: Parts,
    keys: list[str],
    heads: list[dict],
    columns: list[str],
    lead: list[str],
    tmp: Path,
    level: str,
    carried: dict[str, Any],
) -> int:
    try:  # pyarrow is an optional extra (trustlex[parquet]): imported when Parquet is written
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        msg = "writing Parquet needs pyarrow: pip install 'trustlex[parquet]'"
        raise TrustlexError(msg) from exc
    schema = arrow_schema(columns, level, lead, carried)
    n = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for key, head in zip(keys, heads, strict=True):
            rows = parts.read_rows(key, head.get("format", "json"))
            if not rows:
                continue
            pos = {c: i for i, c in enumerate(head["columns"])}
            data = {}
            for c in columns:
                values = [r[pos[c]] for r in rows] if c in pos else [None] * len(rows)
                if c not in lead and c not in carried:  # text unless all of one JSON type; empty is missing
                    values = [None if v is None or v == "" else str(v) for v in values]
                data[c] = pd.Series(values, dtype=object)
            # the frames' dtypes (Categoricals in codebook order, string, Int64), then Arrow's
            typed = typed_output(pd.DataFrame(data), level, lead, carried)
            writer.write_table(pa.Table.from_pandas(typed, schema=schema, preserve_index=False))
            n += len(rows)
    return n


def types_path(out: Path) -> Path:
    """Return where a CSV output's carried column types go: ``results.csv`` -> ``results.types.json``."""
    return out.with_name(out.stem + ".types.json")


def write_types(out: Path, carried: dict[str, Any]) -> None:
    """Write the dtypes of a CSV output's typed carried columns beside it, for :func:`read_results`.

    CSV keeps no types: ``17`` could be a number or the text of a CSV cell. A run without typed
    columns (and a Parquet output, which keeps its types) removes a file an earlier run left.
    """
    where = types_path(out)
    if out.suffix.lower() != ".csv" or not carried:
        if out.suffix.lower() == ".csv":
            where.unlink(missing_ok=True)
        return
    atomic_write(where, json.dumps({"carried": carried}, indent=1, sort_keys=True) + "\n")


def errors_path(out: Path) -> Path:
    """Return where the error file of ``out`` goes: ``results.csv`` -> ``results.errors.csv``."""
    return out.with_name(out.stem + ".errors.csv")
