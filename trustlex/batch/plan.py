"""Finding the inputs and cutting them into units, in a fixed order: the plan of a run."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from trustlex.batch.units import Unit, error_record
from trustlex.errors import ReadError, TrustlexError
from trustlex.readers import kind_of, scan_table, table_sheets

ROWS_PER_UNIT = 2_000  # table rows per unit: the grain of progress, resumption and parallelism
BATCH_FILES, BATCH_BYTES = 100, 1_000_000  # small text files per unit, at most
# and at most an eighth of the run's text files per unit: a folder of 40 policies (under 1 MB) was one
# unit, scored by one worker of a cluster, and an interrupted run of it kept nothing to resume from
SPREAD_UNITS = 8

_Found = tuple[str, str, int]  # (path, relative path, size) of a file to read


def plan(
    paths: Iterable[str | Path],
    glob: str | None = None,
    skip: Iterable[Path] = (),
    *,
    follow_links: bool = False,
) -> tuple[list[Unit], list[dict], list[dict]]:
    """Return (units, errors, skipped) for the files under ``paths``, in a fixed order.

    Folders are walked without following symbolic links to folders (so link
    loops cannot trap the walk; a link to a folder outside the one given is
    reported, as its files would be lost unseen); hidden files and folders are left out, and
    so are a folder's readme, licence and credits files without a suffix
    (``README``, ``LICENSE``, ``COPYING``, ``NOTICE``, ``AUTHORS``,
    ``CONTRIBUTORS``, ``CREDITS``, ``SOURCES``, in any case), as are files
    with an unsupported suffix (listed in ``skipped``) and the
    paths in ``skip`` (the run's own output, compared by resolved path). A
    file that is a symbolic link to somewhere outside the folder given is
    reported and left out unless ``follow_links``; so is anything that is not
    a regular file (a named pipe would block the run forever, a device never
    end). ``glob`` keeps only relative paths that match it, in any case
    (``*.pdf``, ``reports/*.docx``). Tables are counted here and cut into ranges of
    :data:`ROWS_PER_UNIT` rows, each marked where it begins in the file so
    that no unit reads the rows before it; every sheet of a workbook that
    holds data is a table (named ``file#sheet`` when there are several, see
    :func:`trustlex.readers.table_sheets`).
    """
    inputs = [Path(p) for p in paths]
    for p in inputs:
        if not p.exists() and not p.is_symlink():
            msg = f"{p}: no such file or folder"
            raise TrustlexError(msg)
    root = _common_root(inputs)
    skip_set = {os.path.realpath(s) for s in skip}
    errors: list[dict] = []
    files: list[_Found] = []
    for p in inputs:
        files.extend(_find(p, root, skip_set, glob, follow_links, errors))
    units, skipped = _cut(files, errors)
    return units, errors, skipped


def _find(
    p: Path, root: str, skip_set: set[str], glob: str | None, follow_links: bool, errors: list[dict]
) -> Iterator[_Found]:
    """Yield the files to read under the input ``p``; those that must not be read go to ``errors``."""
    skip_dirs = tuple(s + os.sep for s in skip_set)
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
        # without regard to case, as file types are: '*.pdf' takes REPORT.PDF (as Windows and macOS would)
        if glob and not PurePosixPath(rel.casefold()).match(glob.casefold()):
            continue
        problem, size = _not_a_document(full, real, st, inside, follow_links) if kind_of(full) else (None, 0)
        if problem is not None:
            errors.append({"path": rel, "row": None, "kind": problem[0], "message": problem[1]})
            continue
        yield full, rel, size


def _cut(files: list[_Found], errors: list[dict]) -> tuple[list[Unit], list[dict]]:
    """Return (units, skipped): small text files in batches, tables in row ranges, in path order.

    A batch holds at most :data:`BATCH_FILES` files, :data:`BATCH_BYTES` bytes and an
    :data:`SPREAD_UNITS`-th of the text files, so a small folder still gives several units.
    """
    units: list[Unit] = []
    skipped: list[dict] = []
    batch: list[tuple[str, str]] = []
    batch_bytes = 0
    texts = sum(1 for full, _rel, _size in set(files) if kind_of(full) == "text")
    per_unit = min(BATCH_FILES, max(1, -(-texts // SPREAD_UNITS)))

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
            if batch and (batch_bytes + size > BATCH_BYTES or len(batch) >= per_unit):
                flush()
            batch.append((full, rel))
            batch_bytes += size
        else:
            flush()
            units.extend(_table_units(full, rel, errors))
    flush()
    return units, skipped


def _table_units(full: str, rel: str, errors: list[dict]) -> list[Unit]:
    """Return a table's units of :data:`ROWS_PER_UNIT` rows, marked; a workbook's, sheet by sheet."""
    try:
        tables = table_sheets(Path(full), rel)
    except ReadError as exc:
        errors.append(error_record(exc))
        return []
    units: list[Unit] = []
    for sheet, name in tables:
        try:
            n, marks = scan_table(Path(full), name, ROWS_PER_UNIT, sheet=sheet)
        except ReadError as exc:
            # one broken sheet: reported, the other sheets are read; "file" counts it as this file
            errors.append({**error_record(exc), "file": rel})
            continue
        at = {m.start: m for m in marks}
        file_rel = rel if name != rel else None
        units.extend(
            Unit(
                full,
                name,
                "table",
                start,
                min(start + ROWS_PER_UNIT, n),
                mark=at.get(start),
                sheet=sheet,
                file_rel=file_rel,
            )
            for start in range(0, max(n, 1), ROWS_PER_UNIT)
        )
    return units


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


# A folder's readme, licence and credits files without a suffix are no documents and not a
# document type trustlex fails to read: listing them as skipped would only be noise (a
# checkout's LICENSE, the samples' SOURCES). Named on their own, they are skipped as any.
_NOT_DOCUMENTS = frozenset(
    {"readme", "license", "licence", "copying", "notice", "authors", "contributors", "credits", "sources"}
)


def _walk(path: Path, errors: list[dict], root: str) -> Iterator[str]:
    if not path.is_dir():
        yield str(path)
        return

    def report(exc: OSError) -> None:  # an unreadable folder is reported, the walk goes on
        rel = Path(os.path.relpath(exc.filename or str(path), root)).as_posix()
        errors.append({"path": rel, "row": None, "kind": "unreadable", "message": exc.strerror or str(exc)})

    inside = os.path.realpath(path)
    for folder, dirs, names in os.walk(path, onerror=report, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            _report_folder_link(os.path.join(folder, d), inside, errors, root)
        for name in sorted(names):
            if not name.startswith(".") and name.casefold() not in _NOT_DOCUMENTS:
                yield os.path.join(folder, name)


def _report_folder_link(full: str, inside: str, errors: list[dict], root: str) -> None:
    """Report a link to a folder outside the walked one: the walk does not enter it, its files go unread.

    A link to a folder inside it is left alone (its files are read where they
    are), as is a link loop back into it.
    """
    if not os.path.islink(full):
        return
    real = os.path.realpath(full)
    if os.path.commonpath([inside, real]) == inside:
        return
    rel = Path(os.path.relpath(full, root)).as_posix()
    why = (
        f"a symbolic link to the folder {real}, outside the folder: not walked into, --follow-links or not "
        "(a link loop could trap the run); give that folder as an input of its own to score it"
    )
    errors.append({"path": rel, "row": None, "kind": "folder-link", "message": why})
