"""What a model file records of the lexicons its features come from: names, versions and content digests.

Shipped lexicons are recorded by name (``en/trust``), your own files by their
``[lexicon]`` name and version, never by path; each with the digest of its
content as loaded (:func:`trustlex.lexicon.digest.content_digest`), so that a
file edited under the same name and version is refused on load
(:func:`check_digests`) rather than giving the model's lexicon features
another meaning without a word.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trustlex.concepts import LANGUAGES
from trustlex.errors import ModelError
from trustlex.lexicon import load_context_file, load_lexicon_file
from trustlex.lexicon.digest import content_digest
from trustlex.lexicon.resources import lexicon_dir, resolve_context, resolve_lexicons

__all__ = ["check_digests", "lexicon_digests"]


def _lexicon_record(
    lang: str, lexicons: Sequence[str] | None
) -> tuple[list[str] | None, dict[str, str], list[dict[str, str]]]:
    """Return what a model's lexicon features come from: (shipped names, versions, own files).

    Shipped names are like ``nl/trust`` (None: every shipped lexicon of the
    text's language, the default); versions are those of the shipped lexicon
    and context files, by name; own files (anything outside the shipped set)
    are recorded by their ``[lexicon]`` name and version, never by path.
    Raises LexiconError when a lexicon file is missing or invalid.
    """
    root = lexicon_dir().resolve()
    specs = list(lexicons) if lexicons else None  # as lexicon_units: an empty list means the default
    names: list[str] | None = None if specs is None else []
    versions: dict[str, str] = {}
    own: dict[str, dict[str, str]] = {}
    for code in LANGUAGES if lang == "auto" else (lang,):
        for path in resolve_lexicons(specs, code):
            lexicon_name, version = _name_and_version(path, load_lexicon_file)
            name = _shipped_name(path, root)
            if name is None:
                own[str(path.resolve())] = {"name": lexicon_name, "version": version}
                continue
            versions[name] = version
            if names is not None and name not in names:
                names.append(name)
        context = resolve_context(None, code)
        if context is not None:
            versions[_shipped_name(context, root) or str(context)] = _name_and_version(
                context, load_context_file
            )[1]
    recorded_own = sorted(own.values(), key=lambda o: (o["name"], o["version"]))
    return names, dict(sorted(versions.items())), recorded_own


# (file, modification time, size) -> (name, version) of a lexicon or context file read whole and valid
_RECORDED: dict[tuple[str, int, int], tuple[str, str]] = {}
# (file, modification time, size) -> content digest: taking it costs more than reading the file
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _name_and_version(path: Path, load: Any) -> tuple[str, str]:
    """Return the name and version of a lexicon or context file, read (and checked) once per content.

    A model's lexicon record is taken when it is read, saved and fingerprinted
    (``score_folder`` does all three): each took every lexicon file again.
    A file is read again when its size or modification time changes; one
    that fails to load raises each time.
    """
    key = _stat_key(path)
    found = None if key is None else _RECORDED.get(key)
    if found is None:
        file = load(path)  # load() names the problem
        found = (getattr(file, "name", ""), file.version)
        if key is not None:
            _RECORDED[key] = found
    return found


def _content_digest(path: Path, load: Any) -> str:
    """Return the content digest of a lexicon or context file (see digest.py), once per content."""
    key = _stat_key(path)
    found = None if key is None else _DIGESTS.get(key)
    if found is None:
        found = content_digest(load(path))
        if key is not None:
            _DIGESTS[key] = found
    return found


def _file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes: equal bytes spare the content digest."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _stat_key(path: Path) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.abspath(path), st.st_mtime_ns, st.st_size)


def _shipped_name(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).with_suffix("").as_posix()
    except ValueError:
        return None


def _files(lang: str, lexicons: Sequence[str] | None) -> list[tuple[Path, Any]]:
    """The (file, loader) of every lexicon and context file a model of ``lang`` reads, as _lexicon_record."""
    specs = list(lexicons) if lexicons else None
    out: list[tuple[Path, Any]] = []
    for code in LANGUAGES if lang == "auto" else (lang,):
        out.extend((path, load_lexicon_file) for path in resolve_lexicons(specs, code))
        context = resolve_context(None, code)
        if context is not None:
            out.append((context, load_context_file))
    return out


def lexicon_digests(lang: str, lexicons: Sequence[str] | None) -> dict[str, Any]:
    """Return the ``lexicon_digests`` of a model file: ``{"shipped": {...}, "own": [...], "files": {...}}``.

    ``shipped`` maps each shipped lexicon and context file's name to its
    content digest; ``own`` holds ``{"name", "version", "sha256"}`` per own lexicon file,
    sorted as ``own_lexicons``; ``files`` the SHA-256 of each file's bytes,
    by shipped name or ``"name version"`` of an own file, so that loading
    the model takes the slower content digest only of a file whose bytes
    changed (a comment or spacing edit passes; an entry edit is refused).
    """
    shipped, own = _digest_record(lang, lexicons, content=True)
    return {
        "shipped": {name: digest for name, (_, digest, _, _) in shipped.items()},
        "own": [{k: o[k] for k in ("name", "version", "sha256")} for o in own],
        "files": {
            **{name: data for name, (_, _, _, data) in shipped.items()},
            **{_own_key(o): o["bytes"] for o in own},
        },
    }


def _own_key(o: dict[str, str]) -> str:
    return f"{o['name']} {o['version']}"


def _digest_record(
    lang: str, lexicons: Sequence[str] | None, *, content: bool
) -> tuple[dict[str, tuple[str, str, str, str]], list[dict[str, str]]]:
    """Return ({shipped name: (version, digest, file, bytes digest)}, [{name, version, sha256, bytes, path}]).

    With ``content`` False the content digest is left empty (``""``): the
    caller takes it only where the bytes differ.
    """
    root = lexicon_dir().resolve()
    shipped: dict[str, tuple[str, str, str, str]] = {}
    own: dict[str, dict[str, str]] = {}
    for path, load in _files(lang, lexicons):
        name, version = _name_and_version(path, load)
        digest = _content_digest(path, load) if content else ""
        data = _file_digest(path)
        shipped_name = _shipped_name(path, root)
        if shipped_name is None:
            own[str(path.resolve())] = {
                "name": name,
                "version": version,
                "sha256": digest,
                "bytes": data,
                "path": str(path),
                "load": load,
            }
        else:
            shipped[shipped_name] = (version, digest, str(path), data)
    return dict(sorted(shipped.items())), sorted(own.values(), key=lambda o: (o["name"], o["version"]))


def check_digests(path: Path, body: dict[str, Any]) -> None:
    """Raise ModelError when a lexicon to load differs from the model's under the same name and version.

    ``body`` is a checked model body whose ``params.lexicons`` are the files
    to load (after the caller's own files were matched by name and version).
    A model file written before digests were recorded (format 3) has none
    and is checked by name and version only; so is a model without lexicon
    features, whose weights do not depend on the lexicons.
    """
    saved = body.get("lexicon_digests")
    params = body["params"]
    if saved is None or not params["use_lexicon"]:
        return
    shipped, own = _digest_record(params["lang"], params["lexicons"], content=False)
    versions = body["lexicon_versions"]
    files = saved.get("files", {})
    for name, (version, _, file, data) in shipped.items():
        made = saved["shipped"].get(name)
        if made is None or versions.get(name) != version or files.get(name) == data:
            continue
        context = Path(file).stem == "context"
        if made != _content_digest(Path(file), load_context_file if context else load_lexicon_file):
            what = "context file" if context else "lexicon"
            msg = (
                f"{path}: lexicon_digests: the shipped {what} {name} {version} ({file}) is not the one the "
                "model was trained with, though its version is the same (edited in place?): the model's "
                "lexicon features would mean something else. Raise its version and train the model again, "
                "or restore the shipped file (reinstall trustlex)"
            )
            raise ModelError(msg)
    made_own = {(o["name"], o["version"]): o["sha256"] for o in saved["own"]}
    for o in own:
        made = made_own.get((o["name"], o["version"]))
        if made is None or files.get(_own_key(o)) == o["bytes"]:
            continue
        if made != _content_digest(Path(o["path"]), o["load"]):
            msg = (
                f"{path}: lexicon_digests: your lexicon file {o['path']} ({o['name']} {o['version']}) is "
                "not the one the model was trained with, though its [lexicon] name and version are the "
                "same: it was edited since, and the model's lexicon features would mean something else. "
                "Raise its version and train the model again, or load the model with the file it was "
                "trained with"
            )
            raise ModelError(msg)
