"""Model files: JSON (no pickle) with a checksum, an optional HMAC-SHA256 signature, and versions.

Saving writes only plain numbers and names; loading reads only an
allow-list of checked values (:mod:`trustlex.models.checks`) and never opens
a file the model names: lexicons come from the shipped set or the caller's
``lexicons=``. Loading warns when the model was made with other versions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from trustlex._version import __version__
from trustlex.concepts import LANGUAGES
from trustlex.errors import LexiconError, ModelError
from trustlex.lexicon.resources import lexicon_dir, resolve_lexicons
from trustlex.models.checks import (
    FORMAT,
    FORMAT_VERSION,
    READ_VERSIONS,
    _check_body,
    _FieldError,
    _fields,
    _table,
    _utf8,
)
from trustlex.models.lexicon_record import _lexicon_record, _shipped_name, check_digests, lexicon_digests

KEY_ENV = "TRUSTLEX_MODEL_KEY"  # the signing key when save/load get none


def save_model(model: Any, folder: str | Path, *, key: str | bytes | None = None) -> Path:
    """Write a fitted TrustClassifier to ``folder/model.json``; see :meth:`TrustClassifier.save`.

    Parameters
    ----------
    model : TrustClassifier
        A fitted model.
    folder : str or Path
        The folder to write ``model.json`` into (created if missing).
    key : str or bytes, optional
        Signing key; without it ``TRUSTLEX_MODEL_KEY`` when set.

    Returns
    -------
    Path
        The file written.
    """
    secret, _ = _signing_key(key)
    names, versions, own = _lexicon_record(model.lang, model.lexicons)
    body = {
        "trustlex": __version__,
        "lexicon_versions": versions,
        "own_lexicons": own,
        "lexicon_digests": lexicon_digests(model.lang, model.lexicons),
        "params": {
            **model.get_params(),
            "word_ngrams": list(model.word_ngrams),
            "lexicons": names,
        },
        "word": {"vocabulary": dict(model.word_.vocabulary), "idf": _rounded(model.word_.idf)},
        "detectors": {c: _jsonable(d) for c, d in model.detectors_.items()},
        "valence": {c: _jsonable(v) for c, v in model.valence_.items()},
    }
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"))
    try:  # write nothing that load would refuse
        _check_body(json.loads(payload, object_pairs_hook=_table))
    except _FieldError as exc:
        msg = f"cannot save this model: {exc}"
        raise ValueError(msg) from exc
    data = payload.encode("utf-8")
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    if secret is not None:
        doc["hmac_sha256"] = _signature(secret, data)
    doc["body"] = payload
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def read_model(
    folder: str | Path,
    *,
    key: str | bytes | Literal[False] | None = None,
    lexicons: list[str] | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Return (the file read, its checked body) of a model saved by :func:`save_model`.

    Parameters
    ----------
    folder : str or Path
        A model folder or its ``model.json``.
    key : str, bytes or False, optional
        Signing key (``TRUSTLEX_MODEL_KEY`` when None and set); ``False`` checks no signature.
    lexicons : list of str, optional
        The lexicon files of a model made with your own lexicons.

    Returns
    -------
    tuple of (Path, dict)
        The body's ``params`` are ready for the TrustClassifier constructor.

    Raises
    ------
    ModelError
        For a foreign, damaged, tampered or invalid file, naming it and the field.
    """
    path = Path(folder) / "model.json" if Path(folder).is_dir() else Path(folder)
    secret, source = _signing_key(key) if key is not False else (None, "")
    if isinstance(lexicons, str):
        msg = f"lexicons must be a list of lexicon names or files, like [{lexicons!r}]"
        raise TypeError(msg)
    body = _checked_body(path, _read_document(path), secret, source)
    current = _own_lexicons(path, body, lexicons)
    try:
        check_digests(path, body)  # the same name and version, but edited since: refused
    except LexiconError as exc:
        msg = f"{path}: the model's lexicon features need a lexicon that is not here: {exc}"
        raise ModelError(msg) from exc
    _warn_versions(path, body, current)
    return path, body


def _opens_as_model(path: Path) -> bool:
    """Whether the file's first bytes name the trustlex model format (a model file, if damaged)."""
    try:
        with path.open("rb") as fh:
            return f'"format": "{FORMAT}"'.encode() in fh.read(200)
    except OSError:
        return False


def _read_document(path: Path) -> dict[str, Any]:
    """Return the outer JSON object of a model file whose format and version this trustlex reads."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_table)
    except (OSError, ValueError, RecursionError) as exc:
        msg = f"{path}: not a trustlex model ({exc})"
        if _opens_as_model(path):  # cut short or edited by hand: say so, and what to do
            msg = (
                f"{path}: a damaged trustlex model file, not valid JSON ({exc}); it was cut short or "
                "edited: copy it again or train the model again"
            )
        raise ModelError(msg) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        msg = f"{path}: not a trustlex model file (format {found!r}, expected {FORMAT!r})"
        raise ModelError(msg)
    version = doc.get("format_version")
    if type(version) is not int or version not in READ_VERSIONS:
        msg = (
            f"{path}: model format {version!r}, this trustlex reads {' and '.join(map(str, READ_VERSIONS))}; "
            "train the model again with this trustlex"
        )
        raise ModelError(msg)
    return doc


def _checked_body(path: Path, doc: dict[str, Any], secret: bytes | None, source: str) -> dict[str, Any]:
    """Return the body of ``doc`` after its checksum, signature and every value are checked."""
    try:
        _fields(doc, "", ("format", "format_version", "sha256", "body"), ("hmac_sha256",))
        data = _utf8(doc["body"], "body")
        if doc["sha256"] != hashlib.sha256(data).hexdigest():
            field, msg = "sha256", "checksum mismatch: the model file was altered or damaged; refusing it"
            raise _FieldError(field, msg)
        if secret is not None:
            _verify(doc.get("hmac_sha256"), _signature(secret, data), source)
        try:
            raw = json.loads(doc["body"], object_pairs_hook=_table)
        except (ValueError, RecursionError) as exc:
            field = "body"
            raise _FieldError(field, f"not valid JSON ({exc})") from exc
        return _check_body(raw, doc["format_version"])
    except _FieldError as exc:
        msg = f"{path}: {exc}"
        raise ModelError(msg) from exc


def _own_lexicons(path: Path, body: dict[str, Any], lexicons: list[str] | None) -> dict[str, str] | None:
    """Set ``params.lexicons`` to files to load; return the lexicon versions when ``lexicons`` gave them.

    The caller's files must be the ones the model was made with; shipped
    names become the shipped files, as nothing on disk may stand in for them.
    """
    params = body["params"]
    recorded = (params["lexicons"], body["own_lexicons"])
    if lexicons is not None:
        try:
            names, current, own = _lexicon_record(params["lang"], lexicons)
        except LexiconError as exc:
            msg = f"{path}: the model needs a lexicon that is not here: {exc}"
            raise ModelError(msg) from exc
        if _lexicon_key(names, own) != _lexicon_key(*recorded):
            made, given = _describe_lexicons(*recorded), _describe_lexicons(names, own)
            differ = _difference(_lexicon_key(*recorded), _lexicon_key(names, own))
            msg = f"{path}: lexicons: the model was made with {made}, but lexicons= gives {given}{differ}"
            raise _lexicons_differ(msg, made, given, differ)
        params["lexicons"] = list(lexicons)
        return current
    if body["own_lexicons"]:
        own_names = ", ".join(f"{o['name']} {o['version']}" for o in body["own_lexicons"])
        python = "TrustClassifier.load(folder, lexicons=[...]) in Python"
        how = f"pass them: --lexicon FILE on the command line, {python}"
        if params["lexicons"]:  # made with shipped ones too: given without them, it is refused
            specs = _shipped_specs(params["lexicons"])
            options = " ".join(f"--lexicon '{s}'" for s in specs)
            listed = ", ".join(repr(s) for s in specs)
            how = (
                f"pass them with the shipped lexicons it was made with: {options} --lexicon FILE "
                f"on the command line, TrustClassifier.load(folder, lexicons=[{listed}, ...]) in Python"
            )
        msg = (
            f"{path}: own_lexicons: the model was made with your own lexicon files ({own_names}), "
            f"which a model file never names by path; {how}"
        )
        raise ModelError(msg)
    if params["lexicons"] is not None:
        root = lexicon_dir().resolve()
        params["lexicons"] = [str(root / f"{name}.toml") for name in params["lexicons"]]
    return None


def check_lexicons_match(model: Any, lexicons: Sequence[str] | None, where: str) -> None:
    """Raise ModelError unless ``lexicons`` are those ``model`` was trained with (or are not given).

    Lexicons are compared as :meth:`TrustClassifier.load` compares them: shipped
    ones by name, your own files by their ``[lexicon]`` name and version, so
    the same file spelt another way (a relative path, ``./ours.toml``) matches.

    Parameters
    ----------
    model : TrustClassifier
        A fitted or loaded model.
    lexicons : list of str, optional
        The lexicons a caller gave beside the model; None or empty checks nothing.
    where : str
        The function or option the message starts with, as ``score_texts(model=...)``.

    Raises
    ------
    ModelError
        When they differ, naming both sets (also kept as its ``lexicons_made``
        and ``lexicons_given``).
    LexiconError
        When a lexicon given cannot be loaded.
    """
    if not lexicons:
        return
    names, _, own = _lexicon_record(model.lang, lexicons)
    made_names, _, made_own = _lexicon_record(model.lang, model.lexicons)
    if _lexicon_key(names, own) != _lexicon_key(made_names, made_own):
        made, given = _describe_lexicons(made_names, made_own), _describe_lexicons(names, own)
        differ = _difference(_lexicon_key(made_names, made_own), _lexicon_key(names, own))
        msg = (
            f"{where}: scores with the lexicons the model was trained with ({made}), "
            f"but lexicons= gives {given}{differ}; leave lexicons out or give those"
        )
        raise _lexicons_differ(msg, made, given, differ)


def _lexicons_differ(message: str, made: str, given: str, differ: str = "") -> ModelError:
    """A ModelError for lexicons other than the model's, keeping the descriptions for other wordings."""
    exc = ModelError(message)
    exc.lexicons_made, exc.lexicons_given, exc.lexicons_differ = made, given, differ
    return exc


def _warn_versions(path: Path, body: dict[str, Any], current: dict[str, str] | None) -> None:
    """Warn when the model was made with another trustlex or other lexicon versions than these."""
    params = body["params"]
    saved = body["lexicon_versions"]
    changed: list[str] = []
    if params["use_lexicon"]:
        if current is None:
            try:
                current = _lexicon_record(params["lang"], params["lexicons"])[1]
            except LexiconError as exc:
                msg = f"{path}: the model's lexicon features need a lexicon that is not here: {exc}"
                raise ModelError(msg) from exc
        changed = [
            f"{name} {saved.get(name, '(none)')} -> {current.get(name, '(none)')}"
            for name in sorted(set(saved) | set(current))
            if saved.get(name) != current.get(name)
        ]
    version = __version__
    if body["trustlex"] != version or changed:
        made = body["trustlex"]
        what = [f"trustlex {made} -> {version}"] if made != version else []
        warnings.warn(
            f"{path}: model made with other versions ({'; '.join(what + changed)}): "
            "its lexicon features may differ from this installation's",
            stacklevel=4,
        )


def _jsonable(model: dict) -> dict:
    out: dict[str, Any] = {}
    for k, v in model.items():
        if isinstance(v, np.ndarray):
            v = [_rounded(row) for row in v] if v.ndim == 2 else _rounded(v)
        out[k] = v
    return out


def _rounded(values: Any) -> list[float]:
    """Weights as JSON numbers of five significant digits: a model file a tenth the size, same decisions."""
    return [float(f"{v:.5g}") for v in np.asarray(values, dtype=float).ravel()]


def _signing_key(key: str | bytes | None) -> tuple[bytes | None, str]:
    """Return (the key as bytes, where it came from); the environment's ``TRUSTLEX_MODEL_KEY`` if none."""
    source = "key="
    if key is None:
        key = os.environ.get(KEY_ENV) or None
        if key is None:
            return None, ""
        source = f"environment variable {KEY_ENV}"
    if isinstance(key, str):
        key = key.encode("utf-8", "surrogateescape")  # an environment value's own bytes
    if not isinstance(key, bytes):
        msg = f"key must be a str or bytes, got {type(key).__name__}"
        raise TypeError(msg)
    if not key:
        msg = "the signing key is empty"
        raise ValueError(msg)
    return key, source


def _signature(secret: bytes, data: bytes) -> str:
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


def _verify(given: Any, expected: str, source: str) -> None:
    field = "hmac_sha256"
    if given is None:
        raise _FieldError(field, f"the model is not signed, but a key was given ({source}); refusing it")
    if not (isinstance(given, str) and re.fullmatch("[0-9a-f]{64}", given)) or not hmac.compare_digest(
        given, expected
    ):
        msg = (
            f"signature mismatch with the key ({source}): the model was altered, or signed with "
            "another key; refusing it"
        )
        raise _FieldError(field, msg)


def _lexicon_key(names: list[str] | None, own: list[dict[str, str]]) -> tuple:
    return (None if names is None else sorted(names), sorted((o["name"], o["version"]) for o in own))


def _difference(made: tuple, given: tuple) -> str:
    """Return " (only the model's: ...; only given: ...)" for two lexicon keys that share lexicons.

    Both descriptions list every lexicon, two dozen shipped names each when
    a user adds a file of their own to ``en/*`` and ``nl/*``: what differs is
    hard to see there. Sets with nothing in common, or the shipped default
    (None), are short enough as they are: "".
    """
    if made[0] is None or given[0] is None:
        return ""

    def items(key: tuple) -> list[str]:
        return [f"shipped {n}" for n in key[0]] + [f"own {n} {v}" for n, v in key[1]]

    mine, theirs = items(made), items(given)
    if not set(mine) & set(theirs):
        return ""

    def only(key: tuple, other: tuple) -> list[str]:
        shipped = _shipped_specs([n for n in key[0] if n not in other[0]])
        own = [f"own {n} {v}" for n, v in key[1] if (n, v) not in other[1]]
        return [f"shipped {s}" for s in shipped] + own or ["nothing"]

    only_made, only_given = only(made, given), only(given, made)
    return f" (only the model's: {', '.join(only_made)}; only given: {', '.join(only_given)})"


def _describe_lexicons(names: list[str] | None, own: list[dict[str, str]]) -> str:
    parts = ["the shipped lexicons of each text's language"] if names is None else []
    if names:
        parts.append("shipped " + ", ".join(_shipped_specs(names)))
    if own:
        parts.append("own " + ", ".join(f"{o['name']} {o['version']}" for o in own))
    return "; ".join(parts) or "no lexicons"


def _shipped_specs(names: list[str]) -> list[str]:
    """Return shipped lexicon names as a user gives them: ``en/*`` for all of a language's, else each name.

    A model trained on ``en/*`` and ``nl/*`` records two dozen names; a message
    that lists them all hides what to type.
    """
    root = lexicon_dir().resolve()
    globs, left = [], list(names)
    for lang in sorted(LANGUAGES):  # en/* before nl/*, as the docs write them
        every = {_shipped_name(p, root) for p in resolve_lexicons(None, lang)}
        if every and every <= set(left):
            globs.append(f"{lang}/*")
            left = [n for n in left if n not in every]
    return globs + left
