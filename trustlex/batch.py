"""Score folders of documents into one table: every format, nothing lost, resumable, parallel.

The work is cut into *units*: one text document (txt, md, html, docx, pdf),
or a range of rows of a table (csv, tsv, jsonl, xlsx). A unit is scored
where it runs (in this process, a worker process, or a Dask worker) and
sends back only its small result rows. With an output file, every finished
unit is written at once to a part file in ``<out>.parts/`` (atomically, so
a killed run leaves no half-written part); a rerun of the same command
skips the finished units, and the parts are joined, in a fixed order, into
the output when all are done. The same inputs therefore give the same rows
whatever the worker count, the engine or the interruptions.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from glob import escape as glob_escape
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from trustlex.concepts import LANGUAGES
from trustlex.errors import ReadError, RunError, TrustlexError
from trustlex.frame import (
    MATCH_COLUMNS,
    SENTENCE_COLUMNS,
    doc_columns,
    doc_fields_from_counts,
    level_columns,
    scan_blocks,
)
from trustlex.langdetect import detect_language, detect_language_or_none
from trustlex.pipeline import scoring_engine
from trustlex.readers import (
    Mark,
    Row,
    clean_text,
    kind_of,
    read_rows,
    read_text_document,
    scan_table,
    table_info,
    text_blocks,
)

ROWS_PER_UNIT = 2_000  # table rows per unit: the grain of progress, resumption and parallelism
BATCH_FILES, BATCH_BYTES = 100, 1_000_000  # small text files per unit, at most
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_UNFINISHED = 0, 1, 2, 3
_PART_VERSION = 2  # a header line, then all rows as one JSON array
_PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "ascii")  # not worth a note


@dataclass(frozen=True)
class Unit:
    """One piece of work: a text document, or rows ``[start, stop)`` of a table."""

    path: str  # where to read it
    rel: str  # the ``path`` column: relative to the input root, with forward slashes
    kind: str  # "text" or "table"
    start: int = 0
    stop: int | None = None
    more: tuple[tuple[str, str], ...] = ()  # further small text files (path, rel) scored with this one
    mark: Mark | None = None  # where row ``start`` begins: the unit seeks there, not reading up to it

    @property
    def key(self) -> str:
        """Return a name that is stable across runs (the part file is named after it)."""
        if self.kind == "table":
            return f"{self.rel}#rows={self.start}-{self.stop}"
        return self.rel if not self.more else f"{self.rel}..{self.more[-1][1]}#{len(self.more) + 1}"

    @property
    def files(self) -> tuple[tuple[str, str], ...]:
        """Return the (path, rel) of every file in the unit."""
        return ((self.path, self.rel), *self.more)


@dataclass(frozen=True)
class Options:
    """What to score and how; sent to every worker, so plain data only."""

    level: str = "doc"
    lang: str = "auto"
    text_column: str | None = None
    id_column: str | None = None
    lexicons: tuple[str, ...] | None = None
    context: str | None = None
    csv_safe: bool = True  # see neutralise


@dataclass
class UnitResult:
    """The rows of one unit, its errors and counts; small enough to send between processes."""

    key: str
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    words: int = 0
    docs: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class FolderReport:
    """What :func:`score_folder` did: the output, the errors, what it skipped, and counts."""

    out: Path | None
    errors: pd.DataFrame
    skipped: pd.DataFrame
    notes: list[str]
    files: int
    docs: int
    rows: int
    words: int
    seconds: float
    resumed: int = 0
    _frame: pd.DataFrame | None = None

    @property
    def frame(self) -> pd.DataFrame:
        """Return the scores (read back from the output file when there is one)."""
        if self._frame is None and self.out is not None:
            self._frame = read_output(self.out)
        return self._frame if self._frame is not None else pd.DataFrame()

    @property
    def exit_code(self) -> int:
        """Return 0 when every input was scored, 1 when the run finished with reported errors."""
        return EXIT_ERRORS if len(self.errors) else EXIT_OK

    def summary(self) -> str:
        """Return the closing line: files, rows, words, errors and time."""
        where = f" -> {self.out}" if self.out is not None else ""
        resumed = f" ({self.resumed} parts resumed)" if self.resumed else ""
        return (
            f"scored {self.files} files ({self.docs} documents), {self.rows} rows, {self.words:,} words, "
            f"{len(self.errors)} errors in {self.seconds:.1f} s{resumed}{where}"
        )


# -- planning --------------------------------------------------------------------------


def plan(
    paths: Iterable[str | Path],
    glob: str | None = None,
    skip: Iterable[Path] = (),
    *,
    follow_links: bool = False,
) -> tuple[list[Unit], list[dict], list[dict]]:
    """Return (units, errors, skipped) for the files under ``paths``, in a fixed order.

    Folders are walked without following symbolic links to folders (so link
    loops cannot trap the walk); hidden files and folders are left out, as
    are files with an unsupported suffix (listed in ``skipped``) and the
    paths in ``skip`` (the run's own output, compared by resolved path). A
    file that is a symbolic link to somewhere outside the folder given is
    reported and left out unless ``follow_links``; so is anything that is not
    a regular file (a named pipe would block the run forever, a device never
    end). ``glob`` keeps only relative paths that match it (``*.pdf``,
    ``reports/*.docx``). Tables are counted here and cut into ranges of
    :data:`ROWS_PER_UNIT` rows, each marked where it begins in the file so
    that no unit reads the rows before it.
    """
    inputs = [Path(p) for p in paths]
    for p in inputs:
        if not p.exists() and not p.is_symlink():
            msg = f"{p}: no such file or folder"
            raise TrustlexError(msg)
    root = _common_root(inputs)
    skip_set = {os.path.realpath(s) for s in skip}
    errors: list[dict] = []
    skipped: list[dict] = []
    files: list[tuple[str, str, int]] = []  # (path, relative path, size)
    skip_dirs = tuple(s + os.sep for s in skip_set)
    for p in inputs:
        base, real_base = str(p), os.path.realpath(p)
        inside = real_base if p.is_dir() else None
        for full in _walk(p, errors, root):
            try:
                st: os.stat_result | None = os.lstat(full)
            except OSError:
                st = None  # vanished or unreadable: the reader reports it
            if inside is not None and st is not None and not stat.S_ISLNK(st.st_mode):
                # os.walk follows no link to a folder: a file that is no link itself lies
                # under the folder's real path, with no system call to find out
                real = real_base + full[len(base) :]
            else:
                real = os.path.realpath(full)
            if real in skip_set or (skip_dirs and real.startswith(skip_dirs)):
                continue
            rel = os.path.relpath(os.path.abspath(full), root).replace(os.sep, "/")
            if glob and not PurePosixPath(rel).match(glob):
                continue
            problem, size = (
                _not_a_document(full, real, st, inside, follow_links) if kind_of(full) else (None, 0)
            )
            if problem is not None:
                errors.append({"path": rel, "row": None, "kind": problem[0], "message": problem[1]})
                continue
            files.append((full, rel, size))
    units: list[Unit] = []
    batch: list[tuple[str, str]] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch_bytes
        if batch:
            units.append(Unit(batch[0][0], batch[0][1], "text", more=tuple(batch[1:])))
            batch.clear()
        batch_bytes = 0

    for full, rel, size in sorted(set(files), key=lambda f: f[1]):
        kind = kind_of(full)
        if kind is None:
            skipped.append(
                {"path": rel, "reason": f"unsupported file type {os.path.splitext(full)[1] or '(none)'}"}
            )
        elif kind == "text":
            # small files travel together: one part file, one round trip to a worker
            if batch and (batch_bytes + size > BATCH_BYTES or len(batch) >= BATCH_FILES):
                flush()
            batch.append((full, rel))
            batch_bytes += size
        else:
            flush()
            try:
                n, marks = scan_table(Path(full), rel, ROWS_PER_UNIT)
            except ReadError as exc:
                errors.append(_error(exc))
                continue
            at = {m.start: m for m in marks}
            units.extend(
                Unit(full, rel, "table", start, min(start + ROWS_PER_UNIT, n), mark=at.get(start))
                for start in range(0, max(n, 1), ROWS_PER_UNIT)
            )
    flush()
    return units, errors, skipped


def _not_a_document(
    full: str, real: str, st: os.stat_result | None, inside: str | None, follow_links: bool
) -> tuple[tuple[str, str] | None, int]:
    """(Why a planned path must not be read as (kind, message), or None; its size in bytes).

    ``st`` is the path's own ``lstat`` (None if that failed); a link is
    followed here, with one more system call, only when it is one.
    """
    if st is None or stat.S_ISLNK(st.st_mode):
        link = st is not None
        try:
            st = os.stat(full)
        except FileNotFoundError:
            return None, 0  # a dangling link: the reader reports it as vanished
        except OSError as exc:
            return ("unreadable", exc.strerror or str(exc)), 0
        if link and not follow_links and inside is not None and os.path.commonpath([inside, real]) != inside:
            why = f"a symbolic link to {real}, outside the folder (--follow-links reads it)"
            return ("outside-link", why), 0
    mode = st.st_mode
    if not stat.S_ISREG(mode):
        what = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return ("not-a-file", f"{what}, not a regular file"), 0
    return None, st.st_size


def _common_root(inputs: list[Path]) -> str:
    """The folder output paths are relative to: the folder given, or what several inputs share."""
    if len(inputs) == 1:
        p = inputs[0]
        return os.path.abspath(p if p.is_dir() else p.parent)
    parents = [os.path.abspath(p.parent) for p in inputs]
    return os.path.commonpath(parents)


def _walk(path: Path, errors: list[dict], root: str) -> Iterator[str]:
    if not path.is_dir():
        yield str(path)
        return

    def report(exc: OSError) -> None:  # an unreadable folder is reported, the walk goes on
        rel = Path(os.path.relpath(exc.filename or str(path), root)).as_posix()
        errors.append({"path": rel, "row": None, "kind": "unreadable", "message": exc.strerror or str(exc)})

    for folder, dirs, names in os.walk(path, onerror=report, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(folder, name)


# -- scoring one unit ------------------------------------------------------------------


def score_unit(unit: Unit, options: Options) -> UnitResult:
    """Read and score one unit; input problems become error records, never exceptions.

    This is what a worker process or a Dask worker runs: it reads its own
    file, tags it, and returns only rows.
    """
    result = UnitResult(unit.key)
    if unit.kind == "text":
        for path, rel in unit.files:
            rows_before = len(result.rows)
            try:
                _score_text_file(path, rel, options, result)
            except ReadError as exc:
                result.errors.append(_error(exc))
            except (OSError, ValueError, RuntimeError, MemoryError) as exc:  # one bad file, not the folder
                del result.rows[rows_before:]
                result.errors.append(_unexpected(rel, exc))
        return result
    try:
        _score_table_unit(unit, options, result)
    except ReadError as exc:
        result.errors.append(_error(exc))
    except (OSError, ValueError, RuntimeError, MemoryError) as exc:
        result.errors.append(_unexpected(unit.rel, exc))
    return result


def _unexpected(rel: str, exc: Exception) -> dict:
    return {"path": rel, "row": None, "kind": "error", "message": f"{type(exc).__name__}: {exc}"}


def _score_text_file(path: str, rel: str, options: Options, result: UnitResult) -> None:
    doc = read_text_document(path, rel)
    if doc.encoding and doc.encoding not in _PLAIN_ENCODINGS:
        result.notes.append(f"{rel}: read as {doc.encoding}")
    if doc.note:
        result.notes.append(f"{rel}: {doc.note}")
    base: dict[str, Any] = {"path": rel, "row": None}
    if options.id_column:
        base["doc_id"] = None
    rows, words = score_document(doc.blocks, base, options)
    result.rows.extend(rows)
    result.words += words
    result.docs += 1


def _score_table_unit(unit: Unit, options: Options, result: UnitResult) -> None:
    info = table_info(Path(unit.path), unit.rel, options.text_column)
    if info.encoding and info.encoding not in _PLAIN_ENCODINGS and unit.start == 0:
        result.notes.append(f"{unit.rel}: read as {info.encoding}")
    rows = read_rows(
        Path(unit.path),
        unit.rel,
        info.text_column,
        options.id_column,
        unit.start,
        unit.stop,
        info=info,
        mark=unit.mark,
    )
    # With lang="auto", a row with no evidence of its language ("OK", a name) is scored after
    # the others, in the language most rows of the unit have; the rows keep their order.
    auto = options.lang == "auto"
    found: Counter[str] = Counter()
    done: list[tuple[Row, list[dict] | None]] = []
    for item in rows:
        if isinstance(item, ReadError):
            result.errors.append(_error(item))
            continue
        code = detect_language_or_none(item.text[:5000]) if auto else options.lang
        if code is None:
            done.append((item, None))
            continue
        found[code] += 1
        done.append((item, _score_row(unit, item, replace(options, lang=code), result)))
    majority = "nl" if found["nl"] > found["en"] else "en"
    for item, scored in done:
        if scored is None:
            scored = _score_row(unit, item, replace(options, lang=majority), result)
        result.rows.extend(scored)


def _score_row(unit: Unit, item: Row, options: Options, result: UnitResult) -> list[dict]:
    """Score one table row in ``options.lang``: its rows with the other columns carried along.

    A row that breaks the scorer is one error row with its number; the rows
    around it are scored.
    """
    base: dict[str, Any] = {"path": unit.rel, "row": item.row}
    if options.id_column:
        base["doc_id"] = item.doc_id
    try:
        scored, words = score_document(text_blocks(item.text), base, options)
    except (ValueError, RuntimeError, MemoryError, RecursionError) as exc:
        message = f"row {item.row}: {type(exc).__name__}: {exc}"[:500]
        result.errors.append({"path": unit.rel, "row": item.row, "kind": "error", "message": message})
        return []
    meta = {
        (k if k not in _RESERVED else f"meta_{k}"): _plain(v)
        for k, v in item.meta.items()
        if k != options.id_column  # already the doc_id column
    }
    result.words += words
    result.docs += 1
    return [{**r, **meta} for r in scored]


_RESERVED = frozenset(["path", "row", "doc_id", *MATCH_COLUMNS, *SENTENCE_COLUMNS, *doc_columns()])


def _plain(value: Any) -> Any:
    """Return a metadata value as a JSON scalar: dates and other objects become text."""
    if isinstance(value, str):
        return clean_text(value)  # a lone surrogate cannot be written as UTF-8
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return clean_text(str(value))


def score_document(blocks: Iterable[str], base: dict, options: Options) -> tuple[list[dict], int]:
    """Score one document given as text blocks; return (rows at ``options.level``, word count).

    The language is detected on the first block when ``options.lang`` is
    ``"auto"``; :func:`trustlex.frame.scan_blocks` does the rest.
    """
    blocks = iter(blocks)
    first = next(blocks, None)
    if options.lang != "auto":
        lang = options.lang
    elif first is None:  # an empty document
        lang = "en"
    else:
        lang = detect_language(first)
    if first is None:
        if options.level != "doc":
            return [], 0
        return [{**base, "lang": lang, **doc_fields_from_counts(0, 0, 0, Counter())}], 0
    nlp, engine = scoring_engine(lang, options.lexicons, options.context)
    head = {**base, "lang": lang}  # the leading fields of every row of this document
    return scan_blocks(engine, nlp.make_doc, chain((first,), blocks), head, options.level)


def _error(exc: ReadError) -> dict:
    return {"path": exc.path, "row": exc.row, "kind": exc.kind, "message": exc.detail}


# -- running units ---------------------------------------------------------------------


def _run_local(
    units: list[Unit],
    options: Options,
    workers: int,
    work: Callable[[Unit], Any],
    done: Callable[[Any], None],
) -> None:
    if workers <= 1 or len(units) <= 1:
        for unit in units:
            done(work(unit))
        return
    import concurrent.futures as cf

    # loaded before the fork, so that workers start with the compiled lexicons in memory
    for lang in LANGUAGES if options.lang == "auto" else (options.lang,):
        scoring_engine(lang, options.lexicons, options.context)
    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[cf.Future] = set()
        todo = iter(units)
        for unit in todo:
            pending.add(pool.submit(work, unit))
            if len(pending) >= 2 * workers:  # a bounded queue: results stream, memory stays flat
                finished, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in finished:
                    done(f.result())
        for f in cf.as_completed(pending):
            done(f.result())


def _run_dask(
    units: list[Unit], client: Any, work: Callable[[Unit], Any], done: Callable[[Any], None]
) -> None:
    from distributed import as_completed

    window = max(4, 2 * len(client.scheduler_info().get("workers", {})))
    todo = iter(units)
    futures = [client.submit(work, u, pure=False) for u in islice(todo, window)]
    queue = as_completed(futures)
    for future in queue:
        done(future.result())
        future.release()
        for u in islice(todo, 1):
            queue.add(client.submit(work, u, pure=False))


def dask_client(address: str | Any, workers: int = 2) -> tuple[Any, Callable[[], None]]:
    """Return (client, close) for ``address``: a scheduler address, ``"local"``, or a Client.

    ``"local"`` starts a :class:`distributed.LocalCluster` of ``workers``
    processes on this machine; an address such as ``tcp://10.0.0.5:8786``
    connects to a running cluster, whose workers must see the input files
    at the same paths (a shared file system).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        msg = "Dask is not installed: pip install 'trustlex[dask]'"
        raise TrustlexError(msg) from exc
    if not isinstance(address, str):
        return address, lambda: None
    if address == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    client = Client(address)
    return client, client.close


# -- output: parts, merge, resume ------------------------------------------------------


def output_columns(options: Options) -> list[str]:
    """Return the leading columns of the output at ``options.level`` (metadata columns follow)."""
    ids = ["doc_id"] if options.id_column else []
    return ["path", "row", *ids, *[c for c in level_columns(options.level) if c != "doc_id"]]


class _Parts:
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
                msg = (
                    f"{self.dir} holds an unfinished run of a different command; rerun that command to "
                    "finish it, or pass --force to start over"
                )
                raise TrustlexError(msg)
        elif out.exists():
            msg = f"{out} exists; pass --force to replace it"
            raise TrustlexError(msg)
        self.dir.mkdir(parents=True, exist_ok=True)
        if not manifest.exists():
            _atomic_write(manifest, json.dumps(signature, indent=1, sort_keys=True))

    def path(self, key: str) -> Path:
        return self.dir / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".jsonl")

    def done(self, key: str) -> bool:
        return self.path(key).exists()

    def write(self, packed: Packed) -> None:
        _atomic_write(self.path(packed.key), packed.text)

    def read_head(self, key: str) -> dict:
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


@dataclass(frozen=True)
class Packed:
    """A unit's part file, serialised where the unit ran: the parent only writes it."""

    key: str
    words: int
    text: str


# Columns trustlex fills itself with codes and numbers; every other text cell comes from a document
# (its text, file name or carried-along columns) and may be crafted.
_OWN_COLUMNS = frozenset(MATCH_COLUMNS + SENTENCE_COLUMNS + tuple(doc_columns())) - {
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
    :func:`read_output` takes the apostrophe off again.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with :func:`neutralise` applied to every column that documents fill."""
    out = frame.copy()
    for column in out.columns:
        if column not in _OWN_COLUMNS and pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def _unneutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def pack(result: UnitResult, lead: list[str], fmt: str = "json", csv_safe: bool = True) -> Packed:
    """Serialise a unit's result as a part file: a JSON header line, then its rows.

    ``fmt="csv"`` writes the rows as CSV lines ready to be copied into a CSV
    output (document cells neutralised, see :func:`neutralise`, unless
    ``csv_safe`` is false); ``"json"`` as one JSON array, keeping value types
    for Parquet.
    """
    columns = _columns_of(result, lead)
    head = {
        "v": _PART_VERSION,
        "key": result.key,
        "format": fmt,
        "columns": columns,
        "errors": result.errors,
        "words": result.words,
        "docs": result.docs,
        "rows": len(result.rows),
        "notes": result.notes,
    }
    # NaN (no net valence) becomes null / an empty cell
    rows = [[None if v != v else v for v in map(row.get, columns)] for row in result.rows]
    if fmt == "csv":
        if csv_safe:
            risky = [i for i, c in enumerate(columns) if c not in _OWN_COLUMNS]
            for values in rows:
                for i in risky:
                    values[i] = neutralise(values[i])
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)  # the merge's own dialect: the text is copied as it is
        body = buf.getvalue()
    else:
        body = json.dumps(rows, default=str) + "\n"
    return Packed(result.key, result.words, json.dumps(head, default=str) + "\n" + body)


def score_and_pack(unit: Unit, options: Options, lead: list[str], fmt: str = "json") -> Packed:
    """Score a unit and serialise its part, in the worker (serialising runs in parallel too)."""
    return pack(score_unit(unit, options), lead, fmt, options.csv_safe)


def _part_format(out: Path | None) -> str:
    """CSV parts for a CSV output (copied as they are), JSON parts (typed values) for Parquet."""
    return "csv" if out is not None and out.suffix.lower() == ".csv" else "json"


def _atomic_write(path: Path, text: str) -> None:
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


def _union(lead: list[str], names: Iterable[str]) -> list[str]:
    """Return the ``lead`` columns, then every other name in the order first seen."""
    return list(dict.fromkeys([*lead, *names]))


def _columns_of(result: UnitResult, lead: list[str]) -> list[str]:
    return _union(lead, (k for row in result.rows for k in row))


def _merge(parts: _Parts, keys: list[str], heads: list[dict], out: Path, lead: list[str]) -> int:
    """Join the parts, in plan order, into ``out`` (CSV or Parquet), streaming; return the row count."""
    columns = _union(lead, (c for h in heads for c in h["columns"]))
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    try:
        n = _write_merged(parts, keys, heads, columns, lead, tmp, parquet=out.suffix.lower() == ".parquet")
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_merged(
    parts: _Parts,
    keys: list[str],
    heads: list[dict],
    columns: list[str],
    lead: list[str],
    tmp: Path,
    *,
    parquet: bool,
) -> int:
    n = 0
    if parquet:
        n = _merge_parquet(parts, keys, heads, columns, lead, tmp)
    else:
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
    parts: _Parts, keys: list[str], heads: list[dict], columns: list[str], lead: list[str], tmp: Path
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        msg = "writing Parquet needs pyarrow: pip install 'trustlex[parquet]'"
        raise TrustlexError(msg) from exc
    schema = pa.schema([(c, _arrow_type(c, lead)) for c in columns])
    n = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for key, head in zip(keys, heads, strict=True):
            rows = parts.read_rows(key, head.get("format", "json"))
            if not rows:
                continue
            pos = {c: i for i, c in enumerate(head["columns"])}
            arrays = []
            for c in columns:
                values = [r[pos[c]] for r in rows] if c in pos else [None] * len(rows)
                if c not in lead:  # metadata: text, whatever each file held
                    values = [None if v is None else str(v) for v in values]
                arrays.append(pa.array(values, type=schema.field(c).type))
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(rows)
    return n


def _arrow_type(column: str, lead: list[str]) -> Any:
    import pyarrow as pa

    if column not in lead:
        return pa.string()
    if column == "row" or column in {"sent_id", "start_char", "end_char", "n_matches", "n_words", "n_sents"}:
        return pa.int64()
    if column in {"weight"} or column.endswith(("_rate", "_net")):
        return pa.float64()
    if column == "hedged":
        return pa.bool_()
    if column.endswith(("_pos", "_neg", "_neu", "_n")):
        return pa.int64()
    return pa.string()


def read_output(path: Path) -> pd.DataFrame:
    """Read a ``trustlex score`` output (CSV or Parquet) back into a DataFrame.

    The apostrophe that CSV output puts before document cells starting with
    a formula character (:func:`neutralise`) is taken off again.
    """
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    frame = pd.read_csv(path, dtype={"path": str}, keep_default_na=True)
    for column in frame.columns:
        if column not in _OWN_COLUMNS and pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(_unneutralise)
    return frame


def errors_path(out: Path) -> Path:
    """Return where the error file of ``out`` goes: ``results.csv`` -> ``results.errors.csv``."""
    return out.with_name(out.stem + ".errors.csv")


# -- the main entry --------------------------------------------------------------------


def score_folder(
    path: str | Path | Iterable[str | Path],
    out: str | Path | None = None,
    level: str = "doc",
    lang: str = "auto",
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    glob: str | None = None,
    workers: int = 1,
    dask: Any = None,
    force: bool = False,
    lexicons: list[str] | None = None,
    context: str | None = None,
    progress: bool | None = None,
    follow_links: bool = False,
    csv_safe: bool = True,
) -> FolderReport:
    """Score every document under ``path`` (a file, a folder or several) and return a report.

    Text documents (txt, md, html, docx, pdf) give one document each;
    tables (csv, tsv, jsonl, xlsx) one per row, their other columns carried
    along. Rows carry ``path`` (relative to the input root) and ``row`` (for
    tables). With ``out`` (``.csv`` or ``.parquet``) the run is resumable:
    rerunning after an interruption continues where it stopped; an existing
    output is replaced only with ``force=True``. Unreadable documents and
    rows are reported in ``report.errors`` (and ``<out>.errors.csv``) and
    skipped. ``workers`` processes score in parallel on this machine;
    ``dask`` (``"local"``, a scheduler address or a ``distributed.Client``)
    runs the same units on a Dask cluster, with identical results.
    ``progress`` shows a progress bar (default: when stderr is a terminal).
    ``follow_links`` reads files that are symbolic links to places outside
    the folder given (by default they are reported and left out).
    ``csv_safe`` (default) prefixes CSV cells from documents that start
    with ``=``, ``+``, ``-`` or ``@`` with an apostrophe, so that spreadsheet
    programs show them as text instead of running them (see :func:`neutralise`).

    The output never overwrites an input: ``out`` that resolves to an input
    document raises :class:`TrustlexError`, ``force`` or not. While a run
    writes ``out`` it holds ``<out>.lock``; a second run of the same output
    raises :class:`~trustlex.errors.RunError`, as does a full disk (the
    finished parts stay, and the same command resumes).
    """
    t0 = time.perf_counter()
    if level not in ("doc", "sentence", "match"):
        msg = f"level must be one of doc, sentence, match, got {level!r}"
        raise TrustlexError(msg)
    if lang not in (*LANGUAGES, "auto"):
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    out_path = Path(out) if out is not None else None
    if out_path is not None and out_path.suffix.lower() not in (".csv", ".parquet"):
        msg = f"the output must end in .csv or .parquet, got {out_path.name}"
        raise TrustlexError(msg)
    lex = tuple(lexicons) if lexicons else None
    options = Options(level, lang, text_column, id_column, lex, context, csv_safe)
    skip = []
    if out_path is not None:
        refuse_input_as_output(out_path, paths)
        skip = [out_path, *_state_paths(out_path)]
    units, plan_errors, skipped = plan(paths, glob, skip, follow_links=follow_links)
    lead = output_columns(options)

    def run(parts: _Parts | None) -> FolderReport:
        """Score the units not finished yet, then join everything into the report (and the output)."""
        todo = [u for u in units if parts is None or not parts.done(u.key)]
        results: dict[str, UnitResult] = {}
        bar = _progress(len(units), len(units) - len(todo), progress)

        def done(result: UnitResult | Packed) -> None:
            if isinstance(result, Packed):
                parts.write(result)
            else:
                results[result.key] = result
            bar.update(result.words)

        work = (
            partial(score_unit, options=options)
            if parts is None
            else partial(score_and_pack, options=options, lead=lead, fmt=_part_format(out_path))
        )
        try:
            if dask is not None:
                client, close = dask_client(dask, max(workers, 2))
                try:
                    _run_dask(todo, client, work, done)
                finally:
                    close()
            else:
                _run_local(todo, options, workers, work, done)
        finally:
            bar.close()
        resumed = len(units) - len(todo)
        return _finish(units, plan_errors, skipped, parts, results, out_path, lead, resumed, t0)

    if out_path is None:
        return run(None)
    with _Lock(out_path):
        try:
            _remove_leftovers(out_path)
            return run(_Parts(out_path, _signature(paths, options, glob), force=force))
        except (ReadError, RunError):
            raise
        except OSError as exc:  # writing parts or the output: a full disk, a lost mount
            what = exc.strerror or str(exc)
            where = f" ({exc.filename})" if exc.filename else ""
            msg = f"could not finish: {what}{where}; the finished parts are kept, rerun to resume"
            raise RunError(msg) from exc


def _state_paths(out: Path) -> list[Path]:
    """The files and folders a run keeps next to its output: parts, errors, lock."""
    return [
        out.with_name(out.name + ".parts"),
        out.with_name(out.name + ".parts.done"),
        errors_path(out),
        out.with_name(out.name + ".lock"),
    ]


def refuse_input_as_output(out: Path, paths: list[Any]) -> None:
    """Raise TrustlexError when ``out`` resolves to an input document (it would be overwritten)."""
    real = os.path.realpath(out)
    for p in paths:
        if os.path.realpath(p) == real:
            msg = f"--out {out} is one of the inputs; writing it would destroy it: choose another path"
            raise TrustlexError(msg)
    if not os.path.isfile(out) or _is_output(out):
        return  # a new file, or this command's earlier output: the plan leaves it out
    for p in paths:
        folder = os.path.realpath(p)
        if os.path.isdir(folder) and os.path.commonpath([folder, real]) == folder:
            msg = (
                f"--out {out} is a document inside the input folder {p}, not an earlier trustlex output; "
                "writing it would destroy that input: choose another path"
            )
            raise TrustlexError(msg)


def _is_output(path: Path) -> bool:
    """Whether ``path`` looks like a ``trustlex score`` output (its first columns are path and row)."""
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return pq.read_schema(path).names[:2] == ["path", "row"]
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            return fh.readline(200).startswith("path,row")
    except (OSError, ImportError, ValueError):
        return False


def _remove_leftovers(out: Path) -> None:
    """Delete what a killed run of this output left behind (called while holding its lock)."""
    for tmp in out.parent.glob(glob_escape(out.name) + ".tmp*"):
        tmp.unlink(missing_ok=True)
    done = out.with_name(out.name + ".parts.done")
    shutil.rmtree(done, ignore_errors=True)
    parts = out.with_name(out.name + ".parts")
    if parts.is_dir():
        for tmp in parts.glob("*.tmp*"):
            tmp.unlink(missing_ok=True)


class _Lock:
    """An exclusive lock on ``<out>.lock`` for the length of a run; a second run gets RunError."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out.with_name(out.name + ".lock")
        self.fd: int | None = None

    def __enter__(self) -> _Lock:
        try:
            import fcntl
        except ImportError:  # no flock (Windows): run unlocked, as before
            return self
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                msg = (
                    f"{self.out} is being written by another run (pid {holder}); wait for it to finish "
                    f"(or delete {self.path} if that process is gone)"
                )
                raise RunError(msg) from None
            # the file may have been unlinked by the run that held it: lock the one at the path
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self.fd)
            self.fd = None


def _finish(
    units: list[Unit],
    plan_errors: list[dict],
    skipped: list[dict],
    parts: _Parts | None,
    results: dict[str, UnitResult],
    out: Path | None,
    lead: list[str],
    resumed: int,
    t0: float,
) -> FolderReport:
    keys = [u.key for u in units]
    heads = [parts.read_head(k) for k in keys] if parts is not None else []
    summaries = (
        [(h["errors"], h["notes"], h["words"], h["docs"]) for h in heads]
        if parts is not None
        else [(r.errors, r.notes, r.words, r.docs) for r in (results[k] for k in keys)]
    )
    errors = list(plan_errors)
    notes: list[str] = []
    words = docs = 0
    for unit_errors, unit_notes, unit_words, unit_docs in summaries:
        errors.extend(unit_errors)
        notes.extend(unit_notes)
        words += unit_words
        docs += unit_docs
    error_frame = pd.DataFrame(errors, columns=["path", "row", "kind", "message"]).astype({"row": "Int64"})
    frame = None
    if parts is not None and out is not None:
        n_rows = _merge(parts, keys, heads, out, lead)
        err_file = errors_path(out)
        if len(error_frame):
            neutralise_frame(error_frame).to_csv(err_file, index=False)
        elif err_file.exists():
            err_file.unlink()  # a stale error file would describe another run
        # away in one rename first: a run killed while deleting must not leave a parts folder
        # without its manifest, which a rerun would take for another command's
        done = parts.dir.with_name(parts.dir.name + ".done")
        shutil.rmtree(done, ignore_errors=True)
        os.replace(parts.dir, done)
        shutil.rmtree(done, ignore_errors=True)
    else:
        rows = [row for k in keys for row in results[k].rows]
        columns = _union(lead, (c for row in rows for c in row))
        frame = pd.DataFrame(rows, columns=columns).astype({"row": "Int64"})
        n_rows = len(frame)
    files = len({rel for u in units for _, rel in u.files})
    return FolderReport(
        out=out,
        errors=error_frame,
        skipped=pd.DataFrame(skipped, columns=["path", "reason"]),
        notes=notes,
        files=files,
        docs=docs,
        rows=n_rows,
        words=words,
        seconds=time.perf_counter() - t0,
        resumed=resumed,
        _frame=frame,
    )


def _signature(paths: list[Any], options: Options, glob: str | None) -> dict:
    """What makes two runs 'the same command' for resuming: inputs, options, versions."""
    from trustlex import __version__

    return {
        "inputs": [os.path.abspath(p) for p in paths],
        "options": asdict(options),
        "glob": glob,
        "trustlex": __version__,
        "rows_per_unit": ROWS_PER_UNIT,
        "part_format": _PART_VERSION,
    }


class _Bar:
    """A progress bar over units with a word count and rate, or nothing when quiet."""

    def __init__(self, total: int, initial: int, enabled: bool) -> None:
        self._bar = None
        self.words = 0
        self.t0 = time.perf_counter()
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=initial, unit="part", file=sys.stderr, dynamic_ncols=True)

    def update(self, words: int) -> None:
        self.words += words
        if self._bar is not None:
            rate = self.words / max(time.perf_counter() - self.t0, 1e-9)
            self._bar.set_postfix_str(f"{self.words:,} words, {rate:,.0f} words/s", refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _progress(total: int, initial: int, enabled: bool | None) -> _Bar:
    if enabled is None:
        enabled = sys.stderr.isatty()
    return _Bar(total, initial, enabled)


# -- Dask collections --------------------------------------------------------------------


def score_dask(
    data: Any,
    lang: str = "auto",
    level: str = "doc",
    *,
    text_column: str = "text",
    lexicons: list[str] | None = None,
    context: str | None = None,
) -> Any:
    """Score a Dask DataFrame (its ``text_column``), Series, or Bag of ``(id, text)`` pairs, lazily.

    Returns a Dask DataFrame of :func:`trustlex.score_texts` rows, one
    partition per input partition, with ``doc_id`` taken from the index (or
    the pair's id). Call ``.compute()`` or write it with ``.to_parquet``.
    """
    from trustlex.frame import score_texts

    kw = {"lang": lang, "level": level, "lexicons": lexicons, "context": context}
    # the columns and dtypes of a real result: a probe text that every shipped lexicon tags
    probe = "Trust. Vertrouwen." if lang == "auto" else {"nl": "Vertrouwen.", "en": "Trust."}.get(lang, "")
    meta = score_texts([probe], **kw).iloc[:0].astype({"doc_id": object})
    try:
        import dask.bag as db
        import dask.dataframe as dd
    except ImportError as exc:
        msg = "Dask is not installed: pip install 'trustlex[dask]'"
        raise TrustlexError(msg) from exc
    if isinstance(data, dd.DataFrame):
        if text_column not in data.columns:
            msg = f"no column {text_column!r}; columns are {', '.join(map(str, data.columns))}"
            raise TrustlexError(msg)
        data = data[text_column]
    if isinstance(data, dd.Series):
        return data.map_partitions(lambda part: score_texts(part, **kw), meta=meta)
    if isinstance(data, db.Bag):

        def score_pairs(pairs: Iterable[tuple[Any, str]]) -> pd.DataFrame:
            pairs = list(pairs)
            series = pd.Series([t for _, t in pairs], index=[i for i, _ in pairs], dtype=object)
            return score_texts(series, **kw)

        return dd.from_delayed(
            list(data.map_partitions(score_pairs).to_delayed()), meta=meta, verify_meta=False
        )
    msg = f"score_dask expects a Dask DataFrame, Series or Bag, got {type(data).__name__}"
    raise TrustlexError(msg)
