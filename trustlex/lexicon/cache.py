r"""A cache of parsed TOML files (lexicons, context cues, referents) as JSON, so that loading skips tomllib.

Parsing the shipped TOML files is the largest part of loading a pipeline in a
fresh process (every CLI command and every worker pays it). The parsed content
of a file that parsed without error is stored as JSON (never pickle) in
``<cache folder>/toml/<key>.json``, the key being the sha256 of the file's
bytes, the trustlex version, :data:`CACHE_FORMAT` and the Python version (its
``tomllib``); a file whose bytes changed has another key, so an edited lexicon
is parsed afresh. The cache folder is ``$TRUSTLEX_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/trustlex``, else the platform's user cache folder
(``~/.cache/trustlex`` on Linux, ``~/Library/Caches/trustlex`` on macOS,
``%LOCALAPPDATA%\trustlex\Cache`` on Windows). ``TRUSTLEX_NO_CACHE=1`` turns the
cache off.

It never decides what a file says: the file's own bytes are always read (for
the key and for the line numbers of error messages, which the validation takes
from the text); a cache file that is missing, unreadable, corrupt, truncated,
of another key or not a table is ignored and written anew (a temporary file
moved into place, so a reader never sees half a file); a folder that cannot be
written is no error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from trustlex._version import __version__

# Bump when what is stored changes shape (the key then changes for every file).
CACHE_FORMAT = 1
# At most this many parsed files are kept: each edit of a lexicon stores a new one, so without a
# bound an author's cache would grow with every save; the oldest written go first.
MAX_FILES = 200
_OFF = ("1", "true", "yes", "on")
# How deep a cached file's JSON may nest: the table of key and data, then what the TOML parse allowed.
MAX_DEPTH = 101
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_JSON_PAIR = re.compile(rb"\[\]|\{\}")


def cache_dir() -> Path | None:
    """Return the folder the cache of parsed TOML files lives in, or None when it is turned off.

    ``TRUSTLEX_NO_CACHE`` set to 1 (true, yes, on) turns it off;
    ``TRUSTLEX_CACHE_DIR`` names the folder; else the user's cache folder.

    Returns
    -------
    pathlib.Path or None
        ``<user cache folder>/trustlex/toml``, or None.
    """
    if os.environ.get("TRUSTLEX_NO_CACHE", "").strip().lower() in _OFF:
        return None
    own = os.environ.get("TRUSTLEX_CACHE_DIR")
    if own:
        return Path(own) / "toml"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        base = Path(xdg) / "trustlex"
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"]) / "trustlex" / "Cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "trustlex"
    else:
        base = Path.home() / ".cache" / "trustlex"
    return base / "toml"


def cache_key(raw: bytes) -> str:
    """Return the key of a file's parsed content: sha256 of its bytes, trustlex, the format and Python."""
    digest = hashlib.sha256(raw)
    digest.update(f"\0trustlex {__version__}\0cache {CACHE_FORMAT}\0python {sys.version_info[:2]}".encode())
    return digest.hexdigest()


def read_cached(folder: Path | None, key: str) -> dict[str, Any] | None:
    """Return the parsed content stored under ``key``, or None (no cache or file, or one not to trust)."""
    if folder is None:
        return None
    try:
        raw = (folder / f"{key}.json").read_bytes()
        if not _shallow(raw):  # an edited cache file: held to the bound a TOML file is
            return None
        stored = json.loads(raw)
    except (OSError, ValueError, RecursionError):  # missing, unreadable, corrupt, truncated, too deep
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("data"), dict):
        return None
    return stored["data"]


def _shallow(raw: bytes) -> bool:
    """Return whether JSON ``raw`` nests at most MAX_DEPTH levels, its brackets outside strings balanced.

    Each pass drops the innermost pairs of brackets (in C): as many passes as the text nests deep.
    """
    brackets = _JSON_NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", raw))
    for _ in range(MAX_DEPTH):
        if not brackets:
            return True
        brackets, dropped = _JSON_PAIR.subn(b"", brackets)
        if not dropped:
            return False  # unbalanced: not JSON
    return not brackets


def _refuse(value: object) -> object:
    msg = f"{type(value).__name__} is not JSON"  # a TOML date or time: such a file is not cached
    raise TypeError(msg)


def write_cached(folder: Path | None, key: str, data: dict[str, Any]) -> None:
    """Store ``data`` under ``key`` if it survives JSON unchanged; any failure leaves the cache as it was."""
    if folder is None:
        return
    try:
        payload = json.dumps({"key": key, "data": data}, ensure_ascii=False, default=_refuse)
        if json.loads(payload)["data"] != data:  # NaN, or anything JSON would not give back the same
            return
    except (TypeError, ValueError, RecursionError):
        return
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key[:16]}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, folder / f"{key}.json")
        tmp = None
    except OSError:  # a folder that cannot be written (read-only home, full disk): parse next time too
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _prune(folder)


def _prune(folder: Path, keep: int = MAX_FILES) -> None:
    """Remove the oldest written cache files beyond ``keep``; a file gone or not removable is left."""
    try:
        files = [
            (entry.stat().st_mtime, entry.path)
            for entry in os.scandir(folder)
            if entry.name.endswith(".json")
        ]
    except OSError:
        return
    if len(files) <= keep:
        return
    files.sort()
    for _mtime, path in files[: len(files) - keep]:
        with contextlib.suppress(OSError):  # another process pruned it first
            os.unlink(path)
