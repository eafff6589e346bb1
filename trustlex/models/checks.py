"""Checks of every value a model file may hold: an allow-list, with errors naming the field.

A model file is read with :func:`_table` (a JSON object that remembers a key
given twice) and :func:`_check_body`, which returns the body with every value
checked and converted or raises :class:`_FieldError` naming its dotted field.
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.lexicon.resources import list_lexicons
from trustlex.models.features import LEXICON_FEATURES

FORMAT = "trustlex-classifier"
# 2: fixed TF-IDF settings, shipped lexicon names only, optional signature; 3: words from spaCy's
# tokens (unigrams and bigrams), no character n-grams; 4: the content digest of every lexicon and
# context file (lexicon_digests). Format 3 is still read: its lexicons are checked by name and version.
FORMAT_VERSION = 4
READ_VERSIONS = (3, 4)
MAX_WORD_NGRAM = 2


class _FieldError(Exception):
    """A value of a model file that loading refuses; the message starts with its dotted field name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field or 'body'}: {problem}")


class _Table(dict):
    """A JSON object that remembers a key given twice (``json`` would silently keep the last)."""

    duplicates: tuple[str, ...] = ()


def _table(pairs: list[tuple[str, Any]]) -> _Table:
    table = _Table(pairs)
    if len(table) != len(pairs):
        seen: set[str] = set()
        twice = []
        for k, _ in pairs:
            if k in seen:
                twice.append(k)
            seen.add(k)
        table.duplicates = tuple(twice)
    return table


def _twice(value: dict) -> tuple[str, ...]:
    """The keys given twice in a JSON object read by :func:`_table` (none in a plain dict)."""
    return value.duplicates if isinstance(value, _Table) else ()


def _utf8(value: Any, field: str) -> bytes:
    if not isinstance(value, str):
        raise _FieldError(field, f"must be a string, got {_kind(value)}")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _FieldError(field, "not valid text") from exc


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    return "a list" if isinstance(value, list) else "an object"


_REPR = reprlib.Repr()  # short, and cheap however large the value
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 60


def _short(value: Any, width: int = 60) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _join(field: str, key: Any) -> str:
    key = key if isinstance(key, str) and re.fullmatch(r"\w{1,40}", key) else _short(key, 40)
    return f"{field}.{key}" if field else key


def _fields(value: Any, field: str, required: Sequence[str], optional: Sequence[str] = ()) -> dict:
    """Return ``value`` if it is a JSON object with the ``required`` keys, maybe ``optional``, no others."""
    if not isinstance(value, dict):
        raise _FieldError(field, f"must be an object, got {_kind(value)}")
    if twice := _twice(value):
        raise _FieldError(_join(field, twice[0]), "given twice")
    for k in value:
        if k not in required and k not in optional:
            raise _FieldError(_join(field, k), "not a field of a trustlex model file; refusing it")
    for k in required:
        if k not in value:
            raise _FieldError(_join(field, k), "missing")
    return value


def _number(value: Any, field: str, low: float = -math.inf, high: float = math.inf) -> float:
    if type(value) not in (int, float):  # not bool, not a numeric string
        raise _FieldError(field, f"must be a number, got {_kind(value)}")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    if not math.isfinite(x) or not low <= x <= high:
        bounds = f" from {low:g} to {high:g}" if math.isfinite(low) or math.isfinite(high) else ""
        raise _FieldError(field, f"must be a finite number{bounds}, got {_short(value)}")
    return x


def _floats(value: Any, n: int | None, field: str) -> np.ndarray:
    """Return a non-empty list of finite numbers (``n`` of them, if given) as an array."""
    if not isinstance(value, list):
        raise _FieldError(field, f"must be a list of numbers, got {_kind(value)}")
    if n is not None and len(value) != n:
        raise _FieldError(field, f"must hold {n} numbers, holds {len(value)}")
    if not value:
        raise _FieldError(field, "must not be empty")
    if not {*map(type, value)} <= {int, float}:  # the types of a million weights, in C
        i = next(i for i, v in enumerate(value) if type(v) not in (int, float))
        raise _FieldError(f"{field}[{i}]", f"must be a number, got {_kind(value[i])}")
    try:
        array = np.asarray(value, dtype=float)
    except OverflowError:  # a whole number too large for a float
        array = np.array([v if abs(v) < 1e300 else math.inf for v in value], dtype=float)
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise _FieldError(f"{field}[{bad[0]}]", f"must be a finite number, got {_short(value[bad[0]])}")
    return array


def _text(value: Any, field: str, width: int = 200) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= width:
        raise _FieldError(
            field, f"must be a non-empty string of at most {width} characters, got {_kind(value)}"
        )
    return value


def _ngrams(value: Any, field: str, high: int) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise _FieldError(field, f"must be two whole numbers [low, high], got {_short(value)}")
    lo, hi = value
    if not 1 <= lo <= hi <= high:
        raise _FieldError(field, f"must have 1 <= low <= high <= {high}, got [{lo}, {hi}]")
    return lo, hi


def _lexicon_names(value: Any, field: str) -> list[str]:
    """Return shipped lexicon names (``nl/trust``); a model file never names a file or folder."""
    if not isinstance(value, list) or len(value) > 200:
        raise _FieldError(field, f"must be a list of shipped lexicon names, got {_kind(value)}")
    shipped = set(list_lexicons())
    for i, name in enumerate(value):
        if not isinstance(name, str) or name not in shipped:
            raise _FieldError(
                f"{field}[{i}]",
                f"{_short(name)} is not a shipped lexicon name (like 'nl/trust'); a model file never names "
                "lexicon files or folders: pass your own with TrustClassifier.load(folder, lexicons=[...])",
            )
    if len(set(value)) != len(value):
        raise _FieldError(field, "names a lexicon twice")
    return list(value)


@dataclass(frozen=True)
class _Param:
    """A constructor parameter that a model file may set, and the values it may take."""

    name: str
    kind: str  # "choice", "bool", "number", "ngrams" ([low, high] whole numbers) or "lexicon names"
    choices: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    nullable: bool = False
    default: Any = None  # for an optional parameter, the value of a file written before it existed
    optional: bool = False

    def check(self, value: Any, field: str) -> Any:
        """Return ``value`` if this parameter may take it (as the type the constructor expects)."""
        if value is None and self.nullable:
            return None
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                allowed = ", ".join(map(repr, self.choices))
                raise _FieldError(field, f"must be one of {allowed}, got {_kind(value)}")
            return value
        if self.kind == "bool":
            if type(value) is not bool:
                raise _FieldError(field, f"must be true or false, got {_kind(value)}")
            return value
        if self.kind == "number":
            return _number(value, field, self.low, self.high)
        if self.kind == "ngrams":
            return _ngrams(value, field, int(self.high))
        return _lexicon_names(value, field)


# Every parameter a model file may set: one line each. Nothing else is read from a file: no
# TF-IDF setting (input, token_pattern, analyzer, preprocessor, ...), no lexicon path.
_PARAMS: tuple[_Param, ...] = (
    _Param("lang", "choice", choices=(*LANGUAGES, "auto")),
    _Param("use_lexicon", "bool"),
    _Param("C", "number", low=1e-9, high=1e9),
    _Param("word_ngrams", "ngrams", high=MAX_WORD_NGRAM),
    _Param("lexicon_weight", "number", low=0.0, high=1000.0),
    _Param("threshold", "number", low=0.0, high=1.0),
    # added in 0.13: files written before it combine as they always did, from 0.8
    _Param("add_above", "number", low=0.0, high=1.0, default=0.8, optional=True),
    _Param("lexicons", "lexicon names", nullable=True),
)


def _check_params(value: Any) -> dict[str, Any]:
    _fields(
        value, "params", [p.name for p in _PARAMS if not p.optional], [p.name for p in _PARAMS if p.optional]
    )
    return {
        p.name: p.check(value[p.name], f"params.{p.name}") if p.name in value else p.default for p in _PARAMS
    }


def _check_tfidf(value: Any, field: str) -> tuple[dict[str, int], np.ndarray]:
    """Return (vocabulary, idf): terms to distinct column indices 0..n-1, and n finite idf values."""
    if isinstance(value, dict):
        for k in value:
            if k not in ("vocabulary", "idf"):
                raise _FieldError(
                    _join(field, k),
                    "not allowed: trustlex builds its vectorizers with its own fixed settings; "
                    "a model file holds only their vocabulary and idf",
                )
    _fields(value, field, ("vocabulary", "idf"))
    idf = _floats(value["idf"], None, f"{field}.idf")
    vocabulary = value["vocabulary"]
    where = f"{field}.vocabulary"
    if not isinstance(vocabulary, dict):
        raise _FieldError(where, f"must be an object of terms and column numbers, got {_kind(vocabulary)}")
    if twice := _twice(vocabulary):
        raise _FieldError(where, f"term {_short(twice[0])} given twice")
    n = len(idf)
    if len(vocabulary) != n:
        raise _FieldError(where, f"{len(vocabulary)} terms for {n} idf values")
    taken = bytearray(n)
    for term, index in vocabulary.items():
        if type(index) is not int or not 0 <= index < n:
            raise _FieldError(where, f"term {_short(term)} has column {_short(index)}, outside 0..{n - 1}")
        if taken[index]:
            raise _FieldError(where, f"column {index} is given to two terms (one is {_short(term)})")
        taken[index] = 1
    return dict(vocabulary), idf


def _check_detector(value: Any, n: int, field: str) -> dict:
    _fields(value, field, ("coef", "intercept", "constant"))
    intercept = _number(value["intercept"], f"{field}.intercept")
    if value["coef"] is None:
        constant = _number(value["constant"], f"{field}.constant", 0.0, 1.0)
        return {"coef": None, "intercept": intercept, "constant": constant}
    if value["constant"] is not None:
        raise _FieldError(f"{field}.constant", "must be null when there are weights")
    return {"coef": _floats(value["coef"], n, f"{field}.coef"), "intercept": intercept, "constant": None}


def _check_valence(value: Any, n: int, field: str) -> dict:
    _fields(value, field, ("classes", "coef", "intercept"))
    classes = value["classes"]
    if not (
        isinstance(classes, list)
        and 1 <= len(classes) <= len(VALENCES)
        and all(isinstance(c, str) and c in VALENCES for c in classes)
        and len(set(classes)) == len(classes)
    ):
        raise _FieldError(
            f"{field}.classes", f"must be distinct valences of {VALENCES}, got {_short(classes)}"
        )
    if value["coef"] is None:
        if len(classes) != 1 or value["intercept"] is not None:
            raise _FieldError(f"{field}.coef", "null, but there are several classes or an intercept")
        return {"classes": classes, "coef": None, "intercept": None}
    if len(classes) < 2:
        raise _FieldError(f"{field}.coef", "must be null for a single class")
    rows = value["coef"]
    if not isinstance(rows, list) or len(rows) != len(classes):
        raise _FieldError(f"{field}.coef", f"must hold one row of weights per class ({len(classes)})")
    coef = np.vstack([_floats(row, n, f"{field}.coef[{i}]") for i, row in enumerate(rows)])
    intercept = _floats(value["intercept"], len(classes), f"{field}.intercept")
    return {"classes": classes, "coef": coef, "intercept": intercept}


def _per_concept(value: Any, field: str, check: Callable[[Any, str], dict]) -> dict[str, dict]:
    _fields(value, field, CONCEPTS)
    return {c: check(value[c], f"{field}.{c}") for c in CONCEPTS}


def _check_versions(value: Any, field: str) -> dict[str, str]:
    if not isinstance(value, dict) or len(value) > 500:
        raise _FieldError(field, f"must be an object of lexicon names and versions, got {_kind(value)}")
    if twice := _twice(value):
        raise _FieldError(_join(field, twice[0]), "given twice")
    return {_text(k, field): _text(v, _join(field, k)) for k, v in value.items()}


def _check_own(value: Any, field: str) -> list[dict[str, str]]:
    if not isinstance(value, list) or len(value) > 200:
        raise _FieldError(field, f"must be a list of {{name, version}} objects, got {_kind(value)}")
    out = []
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        _fields(item, where, ("name", "version"))
        out.append({k: _text(item[k], f"{where}.{k}") for k in ("name", "version")})
    return out


def _check_digests(value: Any, field: str) -> dict[str, Any]:
    """Return ``{"shipped": {name: sha256}, "own": [{name, version, sha256}]}`` checked."""
    _fields(value, field, ("shipped", "own"), ("files",))
    shipped = value["shipped"]
    if not isinstance(shipped, dict) or len(shipped) > 500:
        raise _FieldError(f"{field}.shipped", f"must be an object of names and digests, got {_kind(shipped)}")
    if twice := _twice(shipped):
        raise _FieldError(_join(f"{field}.shipped", twice[0]), "given twice")
    out: dict[str, Any] = {
        "shipped": {
            _text(k, f"{field}.shipped"): _sha256(v, _join(f"{field}.shipped", k)) for k, v in shipped.items()
        }
    }
    own = value["own"]
    if not isinstance(own, list) or len(own) > 200:
        raise _FieldError(
            f"{field}.own", f"must be a list of {{name, version, sha256}} objects, got {_kind(own)}"
        )
    out["own"] = []
    for i, item in enumerate(own):
        where = f"{field}.own[{i}]"
        _fields(item, where, ("name", "version", "sha256"))
        checked = {k: _text(item[k], f"{where}.{k}") for k in ("name", "version")}
        out["own"].append({**checked, "sha256": _sha256(item["sha256"], f"{where}.sha256")})
    # bytes digests, a fast path only: a file without one is compared by content
    files = value.get("files", {})
    if not isinstance(files, dict) or len(files) > 700:
        raise _FieldError(f"{field}.files", f"must be an object of names and digests, got {_kind(files)}")
    out["files"] = {
        _text(k, f"{field}.files"): _sha256(v, _join(f"{field}.files", k)) for k, v in files.items()
    }
    return out


def _sha256(value: Any, field: str) -> str:
    if not (isinstance(value, str) and re.fullmatch("[0-9a-f]{64}", value)):
        raise _FieldError(field, f"must be a SHA-256 digest (64 hexadecimal digits), got {_kind(value)}")
    return value


def _check_body(raw: Any, version: int = FORMAT_VERSION) -> dict[str, Any]:
    """Return a model body with every value checked and converted; raise _FieldError naming the field.

    ``version`` is the file's format: format 3 has no ``lexicon_digests``
    (the body's is then None: its lexicons are checked by name and version).
    """
    required = ["trustlex", "lexicon_versions", "own_lexicons", "params", "word", "detectors", "valence"]
    _fields(raw, "", [*required, "lexicon_digests"] if version >= 4 else required)
    body: dict[str, Any] = {
        "trustlex": _text(raw["trustlex"], "trustlex", 100),
        "lexicon_versions": _check_versions(raw["lexicon_versions"], "lexicon_versions"),
        "own_lexicons": _check_own(raw["own_lexicons"], "own_lexicons"),
        "lexicon_digests": _check_digests(raw["lexicon_digests"], "lexicon_digests")
        if version >= 4
        else None,
        "params": _check_params(raw["params"]),
        "word": _check_tfidf(raw["word"], "word"),
    }
    params = body["params"]
    if params["lexicons"] == [] and not body["own_lexicons"]:
        field, msg = "params.lexicons", "an empty list; null means the shipped lexicons"
        raise _FieldError(field, msg)
    n = len(body["word"][1])
    if params["use_lexicon"]:
        n += len(LEXICON_FEATURES)
    body["detectors"] = _per_concept(raw["detectors"], "detectors", lambda v, f: _check_detector(v, n, f))
    body["valence"] = _per_concept(raw["valence"], "valence", lambda v, f: _check_valence(v, n, f))
    return body
