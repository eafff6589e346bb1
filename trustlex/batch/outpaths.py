"""Where a run's output may go, checked before any work: no input overwritten, a folder that can be written.

Nothing but the standard library: the command line checks every output file with these before it
imports what the command needs (``trustlex lexicon import`` and ``export`` too).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from trustlex.errors import TrustlexError

__all__ = ["refuse_input_as_output", "require_out_folder"]


def require_out_folder(out: Path, option: str = "--out") -> None:
    """Raise TrustlexError when the folder ``out`` would be written in does not exist or cannot be written.

    Checked before any work: without it a run scored every document and
    then failed to write, with the operating system's words and no hint
    (or, in a folder it could not write, failed on its lock file after
    loading the pipelines). Writability is probed by creating and removing
    a file there: ``os.access`` says yes to root on a read-only file system
    and in folders such as ``/sys``, where no file can be made.
    """
    folder = Path(out).parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        msg = f"{option} {out}: {folder} {what}; create the folder first or choose another path"
        raise TrustlexError(msg)
    try:
        handle, probe = tempfile.mkstemp(prefix=".trustlex-probe-", dir=folder)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        msg = f"{option} {out}: cannot write in {folder} ({reason}); choose a folder you can write to"
        raise TrustlexError(msg) from None
    os.close(handle)
    os.unlink(probe)


def refuse_input_as_output(out: Path, paths: list[Any], option: str = "--out") -> None:
    """Raise TrustlexError when ``out`` resolves to an input document (it would be overwritten).

    ``option`` names the output in the message, as the command spells it
    (``--errors-out`` for ``evaluate``).
    """
    real = os.path.realpath(out)
    for p in paths:
        if os.path.realpath(p) == real:
            msg = f"{option} {out} is one of the inputs; writing it would destroy it: choose another path"
            raise TrustlexError(msg)
    if not os.path.isfile(out) or _is_output(out):
        return  # a new file, or this command's earlier output: the plan leaves it out
    for p in paths:
        folder = os.path.realpath(p)
        if os.path.isdir(folder) and os.path.commonpath([folder, real]) == folder:
            msg = (
                f"{option} {out} is a document inside the input folder {p}, not an earlier trustlex output; "
                "writing it would destroy that input: choose another path"
            )
            raise TrustlexError(msg)


def _is_output(path: Path) -> bool:
    """Whether ``path`` looks like a ``trustlex score`` output (its first columns are path and row)."""
    try:
        if path.suffix.lower() == ".parquet":
            # pyarrow is an optional extra (trustlex[parquet]): without it, no Parquet output is ours
            import pyarrow.parquet as pq

            return pq.read_schema(path).names[:2] == ["path", "row"]
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            return fh.readline(200).startswith("path,row")
    except (OSError, ImportError, ValueError):
        return False
