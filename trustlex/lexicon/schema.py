"""Reading and validating lexicon and context files (TOML).

A lexicon is authored TOML (see ``lexicons/README.md``). Loading checks a
closed schema and raises :class:`~trustlex.errors.LexiconError` naming file,
line, entry and field, because a lexicon is data that people edit by hand and
a silent mistake there changes every score downstream.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import LexiconError
from trustlex.lexicon.model import (
    MATCH_KINDS,
    Entry,
    Lexicon,
    _default_id,
)
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.toml_fields import (
    _as_str_list,
    _check_unknown,
    _field_line,
    _header_lines,
    _table_line,
    did_you_mean,
)

ENTRY_FIELDS: tuple[str, ...] = (
    "id",
    "concept",
    "valence",
    *MATCH_KINDS,
    "weight",
    "exclude",
    "example",
    "counter_example",
    "gap",
    "note",
    "source",
)
HEADER_FIELDS: tuple[str, ...] = (
    "name",
    "language",
    "version",
    "codebook",
    "license",
    "description",
    "defaults",
    "source",
)
CUE_FIELDS: tuple[str, ...] = (
    "kind",
    "direction",
    "max_scope",
    "terms",
    "lemmas",
    "concepts",
    "not_concepts",
    "and_after",
    "in_sentence_with",
    "opens",
    "across_lines",
    "lacking",
    "note",
)
CONTEXT_HEADER_FIELDS: tuple[str, ...] = ("language", "version", "description", "license")
# Wildcards need this many literal characters, or they match function words.
MIN_WILDCARD_CHARS = 4
_WILDCARD_RE = re.compile(r"^\*?[^*\s]+\*?$")

# Raises a LexiconError for a field (None: the whole table) with a message.
_Err = Callable[[str | None, str], NoReturn]


# -- field checks ------------------------------------------------------------------------------------


def check_wildcard(value: str) -> str | None:
    """Return a problem description for a wildcard string, or None when it is valid.

    Parameters
    ----------
    value : str
        The wildcard as written in a lexicon, such as ``'risico*'``.

    Returns
    -------
    str or None
        Why the wildcard is refused (not one token with ``*`` at its ends, or
        fewer than ``MIN_WILDCARD_CHARS`` literal characters), or None.
    """
    if not _WILDCARD_RE.match(value) or "*" not in value:
        return (
            f"wildcard {value!r} must be one token with '*' at the start and/or the end "
            "(e.g. 'risico*', '*toezicht', '*verantwoordelijk*')"
        )
    if len(value.replace("*", "")) < MIN_WILDCARD_CHARS:
        return (
            f"wildcard {value!r} is too broad: keep at least {MIN_WILDCARD_CHARS} "
            "literal characters so it cannot match function words"
        )
    return None


# -- one [[entry]] -------------------------------------------------------------------------------


def _entry_label(raw: Any, index: int) -> str:
    """Return ``entry N``, with the kind and value when the entry has a string one, for messages."""
    label = f"entry {index + 1}"
    if not isinstance(raw, dict):
        return label
    kinds = [k for k in MATCH_KINDS if k in raw]
    if kinds and isinstance(raw[kinds[0]], str):
        return f"entry {index + 1} ({kinds[0]} {raw[kinds[0]]!r})"
    return label


def _entry_kind(raw: dict[str, Any], err: _Err) -> str:
    kinds = [k for k in MATCH_KINDS if k in raw]
    if len(kinds) != 1:
        found = ", ".join(kinds) or "none"
        err(None, f"needs exactly one of {', '.join(MATCH_KINDS)}; found {found}")
    return kinds[0]


def _entry_target(raw: dict[str, Any], err: _Err) -> tuple[str, str]:
    """Return the entry's (concept, valence)."""
    concept = raw.get("concept")
    if concept not in CONCEPTS:
        hint = did_you_mean(concept, CONCEPTS) if isinstance(concept, str) else ""
        if not hint and isinstance(concept, str):
            hint = (
                "; a lexicon adds words to these codebook concepts and cannot add a concept of its own: "
                "give the entry the concept it belongs to"
            )
        err("concept", f"'concept' must be one of {', '.join(CONCEPTS)}, got {concept!r}{hint}")
    valence = raw.get("valence")
    if valence not in VALENCES:
        err("valence", f"'valence' must be one of '+', '-', '0', got {valence!r}")
    return concept, valence


def _entry_value(kind: str, value: Any, err: _Err) -> Any:
    """Return the checked match value: whitespace collapsed, terms and wildcards lowercased."""
    if kind == "pattern":
        if not (isinstance(value, list) and value and all(isinstance(t, dict) for t in value)):
            err("pattern", "'pattern' must be a non-empty list of token tables (a spaCy Matcher pattern)")
        return value
    if not isinstance(value, str) or not value.strip():
        err(kind, f"'{kind}' must be a non-empty string, got {value!r}")
    value = " ".join(value.split())
    if kind == "wildcard":
        problem = check_wildcard(value.lower())
        if problem:
            err("wildcard", problem)
        return value.lower()
    if kind == "term":
        return value.lower()
    return value


def _entry_weight_gap(
    raw: dict[str, Any], kind: str, value: Any, default_weight: float, err: _Err
) -> tuple[float, int]:
    weight = raw.get("weight", default_weight)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        err("weight", f"'weight' must be a number greater than 0, got {weight!r}")
    gap = raw.get("gap", 0)
    if isinstance(gap, bool) or not isinstance(gap, int) or gap < 0:
        err("gap", f"'gap' must be a whole number >= 0, got {gap!r}")
    if gap and (kind not in ("term", "lemma") or " " not in value):
        err("gap", "'gap' only applies to multi-word 'term' or 'lemma' entries")
    return weight, gap


def _parse_entry(
    raw: Any,
    index: int,
    *,
    path: str,
    text: str,
    line: int,
    language: str,
    lexicon_label: str,
    default_weight: float,
) -> Entry:
    """Validate one ``[[entry]]`` table and return the Entry."""
    label = _entry_label(raw, index)

    def err(name: str | None, message: str) -> NoReturn:
        where = _field_line(text, line, name) if name else line
        raise LexiconError(f"{label}: {message}", path=path, line=where, entry=index + 1, field=name)

    if not isinstance(raw, dict):
        err(None, "must be a table of fields")
    _check_unknown(raw, ENTRY_FIELDS, err)
    kind = _entry_kind(raw, err)
    concept, valence = _entry_target(raw, err)
    value = _entry_value(kind, raw[kind], err)
    weight, gap = _entry_weight_gap(raw, kind, value, default_weight, err)
    exclude = _as_str_list(raw.get("exclude", []), err=err, name="exclude")
    examples = _as_str_list(raw.get("example", []), err=err, name="example")
    counters = _as_str_list(raw.get("counter_example", []), err=err, name="counter_example")
    for name in ("note", "source", "id"):
        if name in raw and not isinstance(raw[name], str):
            err(name, f"'{name}' must be a string, got {raw[name]!r}")
    entry_id = raw.get("id") or _default_id(language, concept, kind, value, valence)
    return Entry(
        id=entry_id,
        concept=concept,
        valence=valence,
        kind=kind,
        value=value,
        weight=float(weight),
        exclude=tuple(" ".join(x.lower().split()) for x in exclude),
        examples=examples,
        counter_examples=counters,
        gap=gap,
        note=raw.get("note", ""),
        source=raw.get("source", ""),
        language=language,
        lexicon=lexicon_label,
        path=path,
        line=line,
    )


# -- lexicon files -------------------------------------------------------------------------------


def _lexicon_header(data: dict[str, Any], herr: _Err) -> tuple[dict[str, Any], float]:
    """Check the ``[lexicon]`` table; return it and the default weight of its entries."""
    header = data.get("lexicon")
    unknown_top = [k for k in data if k not in ("lexicon", "entry")]
    if unknown_top:
        msg = f"unknown table '{unknown_top[0]}'; a lexicon file has [lexicon] and [[entry]] tables"
        if "referents" in data or "referent" in data:
            # the file is good, only given in the wrong place: say where it goes
            msg += (
                "; this is a referent file, which --lexicon and lexicons= do not take: give it as "
                "--referents FILE (referents= in Python; config={'referents': FILE} for the component)"
            )
        elif "context" in data or "cue" in data:
            msg += "; this is a context file: give it as context= (load, score_texts, score_folder)"
        herr(None, msg)
    if not isinstance(header, dict):
        herr(None, "missing [lexicon] header with name, language and version")
    _check_unknown(header, HEADER_FIELDS, lambda n, m: herr(n, f"[lexicon]: {m}"))
    for name in ("name", "language", "version"):
        if not isinstance(header.get(name), str) or not header.get(name):
            herr(name, f"[lexicon]: '{name}' is required and must be a non-empty string")
    language = header["language"]
    if language not in LANGUAGES:
        herr("language", f"[lexicon]: 'language' must be one of {', '.join(LANGUAGES)}, got {language!r}")
    defaults = header.get("defaults", {})
    if not isinstance(defaults, dict) or any(k != "weight" for k in defaults):
        herr("defaults", "[lexicon]: 'defaults' may only set 'weight', e.g. defaults = { weight = 1.0 }")
    default_weight = defaults.get("weight", 1.0)
    if isinstance(default_weight, bool) or not isinstance(default_weight, int | float) or default_weight <= 0:
        herr("defaults", f"[lexicon]: default weight must be a number > 0, got {default_weight!r}")
    return header, float(default_weight)


def load_lexicon_file(path: str | Path) -> Lexicon:
    """Load and validate one concept lexicon file, raising LexiconError on any problem.

    The file must have a ``[lexicon]`` header (name, language, version) and
    ``[[entry]]`` tables following the schema in ``lexicons/README.md``. Entry
    ids must be unique within the file; two entries with the same default id
    need an explicit ``id``.

    Parameters
    ----------
    path : str or Path
        The ``.toml`` lexicon file.

    Returns
    -------
    Lexicon
        The header fields and the entries, each knowing its file and line.

    Raises
    ------
    LexiconError
        When the file cannot be read, is not TOML or breaks the schema; the
        message starts with ``path:line:`` and names the entry and field.

    Examples
    --------
    An entry's id defaults to ``language:concept:kind:value``, and its
    ``weight`` to 1.0 (or the header's default):

    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> toml = '''
    ... [lexicon]
    ... name = "mine"
    ... language = "en"
    ... version = "1.0"
    ...
    ... [[entry]]
    ... concept = "trust"
    ... valence = "+"
    ... lemma = "rely"
    ...
    ... [[entry]]
    ... concept = "trust"
    ... valence = "-"
    ... term = "lack of faith"
    ... weight = 2.0
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "mine.toml")
    ...     _ = path.write_text(toml, encoding="utf-8")
    ...     lex = trustlex.load_lexicon_file(path)
    >>> lex.name, lex.language, lex.version
    ('mine', 'en', '1.0')
    >>> [(e.id, e.valence, e.weight, e.line) for e in lex.entries]
    [('en:trust:lemma:rely', '+', 1.0, 7), ('en:trust:term:lack-of-faith', '-', 2.0, 12)]
    """
    lex, problems = read_lexicon_file(path)
    if problems:
        raise problems[0]
    return lex


def read_lexicon_file(path: str | Path) -> tuple[Lexicon, list[LexiconError]]:
    """Load a concept lexicon file and return it with every entry's problem, not only the first.

    What :func:`load_lexicon_file` reads, for ``trustlex lexicon check``: an
    entry that breaks the schema (or repeats an id) is left out of the
    lexicon and its error is listed, in file order, so that one run names
    every broken entry. A file that cannot be read, is no TOML or has a bad
    header still raises at once.

    Parameters
    ----------
    path : str or Path
        The ``.toml`` lexicon file.

    Returns
    -------
    tuple
        (the lexicon with its good entries, the errors of the others).

    Raises
    ------
    LexiconError
        When the file cannot be read, is not TOML, or its header breaks the schema.
    """
    path = Path(path)
    data, text = _read_toml(path)
    spath = str(path)
    hline = _table_line(text, "lexicon")

    def herr(name: str | None, message: str) -> NoReturn:
        line = _field_line(text, hline, name) if name else hline
        raise LexiconError(message, path=spath, line=line, field=name)

    header, default_weight = _lexicon_header(data, herr)
    lex = Lexicon(
        name=header["name"],
        language=header["language"],
        version=header["version"],
        path=spath,
        description=str(header.get("description", "")),
        license=str(header.get("license", "")),
        codebook=str(header.get("codebook", "")),
    )
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        herr("entry", "entries must be written as [[entry]] tables")
    lines = _header_lines(text, "entry")
    seen: dict[str, Entry] = {}
    problems: list[LexiconError] = []
    for i, raw in enumerate(raw_entries):
        line = lines[i] if i < len(lines) else 1
        try:
            entry = _parse_entry(
                raw,
                i,
                path=spath,
                text=text,
                line=line,
                language=lex.language,
                lexicon_label=lex.label,
                default_weight=default_weight,
            )
        except LexiconError as exc:
            problems.append(exc)
            continue
        if entry.id in seen:
            first = seen[entry.id]
            msg = (
                f"entry {i + 1}: duplicate id {entry.id!r} (first at line {first.line}); "
                "remove the repeat or give one of them an explicit 'id'"
            )
            problems.append(LexiconError(msg, path=spath, line=line, entry=i + 1, field="id"))
            continue
        seen[entry.id] = entry
        lex.entries.append(entry)
    return lex, problems


# -- context files -------------------------------------------------------------------------------
