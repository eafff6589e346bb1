"""Lexicon and context files: loading, schema checks and the in-memory model.

A lexicon is authored TOML (see ``lexicons/README.md``). Loading checks a
closed schema and raises :class:`~trustlex.errors.LexiconError` naming file,
line, entry and field, because a lexicon is data that people edit by hand and
a silent mistake there changes every score downstream.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import LexiconError

MATCH_KINDS: tuple[str, ...] = ("term", "lemma", "wildcard", "pattern")
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
CUE_KINDS: tuple[str, ...] = (
    "negation",
    "hedge",
    "termination",
    "positive",
    "negative",
    "pseudo",
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
    "note",
)
DIRECTIONS: tuple[str, ...] = ("preceding", "following", "both")
CONTEXT_HEADER_FIELDS: tuple[str, ...] = ("language", "version", "description", "license")
# Wildcards need this many literal characters, or they match function words.
MIN_WILDCARD_CHARS = 4
_WILDCARD_RE = re.compile(r"^\*?[^*\s]+\*?$")
# How deep lists and tables may nest in a lexicon file (a pattern entry needs 7 levels). The parsers
# recurse a few frames a level, so a much deeper file would end in a RecursionError, not a message.
MAX_NESTING = 100
# What tomllib treats specially outside strings and comments, as far as nesting goes.
_TOML_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=,.\n]")
_TOML_BASIC_REST = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*"?')
_TOML_LITERAL_REST = re.compile(r"[^'\n]*'?")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: what to match, which concept and valence it signals.

    ``value`` is the matched string (``term``, ``lemma``, ``wildcard``) or the
    spaCy token pattern (a list of dicts) for ``pattern`` entries.
    """

    id: str
    concept: str
    valence: str
    kind: str
    value: Any
    weight: float = 1.0
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    gap: int = 0
    note: str = ""
    source: str = ""
    language: str = ""
    lexicon: str = ""
    path: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        """Return ``path:line`` of the entry, for messages."""
        return f"{self.path}:{self.line}"


@dataclass
class Lexicon:
    """A loaded lexicon file: header fields plus its entries."""

    name: str
    language: str
    version: str
    entries: list[Entry] = field(default_factory=list)
    path: str = ""
    description: str = ""
    license: str = ""
    codebook: str = ""

    @property
    def label(self) -> str:
        """Return ``name@version``, the provenance stamp carried by every match."""
        return f"{self.name}@{self.version}"

    def to_frame(self) -> Any:
        """Return the entries as a pandas DataFrame, one row per entry, for review."""
        import pandas as pd

        rows = [
            {
                "id": e.id,
                "lexicon": e.lexicon,
                "language": e.language,
                "concept": e.concept,
                "valence": e.valence,
                "kind": e.kind,
                "value": e.value if isinstance(e.value, str) else repr(e.value),
                "weight": e.weight,
                "exclude": "; ".join(e.exclude),
                "path": e.path,
                "line": e.line,
            }
            for e in self.entries
        ]
        return pd.DataFrame(rows)


@dataclass(frozen=True)
class Cue:
    """A context cue rule: negation, hedge, termination, modifier or pseudo cue."""

    kind: str
    direction: str = "both"
    max_scope: int = 5
    terms: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    concepts: frozenset[str] = frozenset()
    not_concepts: frozenset[str] = frozenset()
    # a preceding cue that counts only if one of these words also follows the hit, within
    # max_scope: "meer ... nodig" is a request, "meer vertrouwen dan vorig jaar" is not
    and_after: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @functools.cached_property
    def slot(self) -> tuple[str, str]:
        """Return (kind, direction): overlapping cues of one slot keep only the longest."""
        return self.kind, self.direction

    def applies_to(self, concept: str) -> bool:
        """Return whether this cue may act on a hit of ``concept``."""
        if self.concepts and concept not in self.concepts:
            return False
        return concept not in self.not_concepts


@dataclass
class ContextRules:
    """The context cues of one language, loaded from a ``context.toml`` file."""

    language: str
    version: str
    cues: list[Cue] = field(default_factory=list)
    path: str = ""


def _table_line(text: str, table: str) -> int:
    """Return the 1-based line of the ``[table]`` header, or 1 when it is absent."""
    pattern = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
    for i, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return i
    return 1


def _header_lines(text: str, table: str) -> list[int]:
    """Return the 1-based line numbers of each ``[[table]]`` header in ``text``."""
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def _field_line(text: str, start: int, name: str) -> int:
    """Return the line of ``name = ...`` in the table whose header is at line ``start``."""
    lines = text.splitlines()
    key = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
    for i in range(start, len(lines)):  # index ``start`` is the line after the header
        if lines[i].lstrip().startswith("["):
            break
        if key.match(lines[i]):
            return i + 1
    return start


def _read_bytes(path: Path, what: str) -> bytes:
    """Return a file's bytes; an unreadable file is a LexiconError naming it (``what``: its kind)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"cannot read {what} file: {exc.strerror or exc}"
        raise LexiconError(msg, path=str(path)) from exc


def _toml_too_deep(text: str) -> int | None:
    """Return the line where TOML nests deeper than MAX_NESTING, or None.

    Counts open arrays and inline tables (tomllib recurses into each) and the parts of one dotted key
    (tomllib takes time quadratic in them), skipping strings and comments as tomllib does. Linear time.
    """
    brackets: list[str] = []
    in_key, dots, line, pos = True, 0, 1, 0
    while (m := _TOML_TOKEN.search(text, pos)) is not None:
        token, pos = m.group(), m.end()
        if token == "\n":
            line += 1
            if not brackets:
                in_key, dots = True, 0
        elif token == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        elif token in ('"""', "'''"):
            end = text.find(token, pos)
            while end >= 0 and token == '"""' and _escaped(text, end):
                end = text.find(token, end + 1)  # an escaped quote is content
            if end < 0:
                return None  # unterminated: tomllib says so
            stop = end + 3
            while stop < len(text) and stop - end < 5 and text[stop] == token[0]:
                stop += 1  # up to two quotes of the content may stand right before the closing three
            line += text.count("\n", pos, stop)
            pos = stop
        elif token == '"':
            pos = _TOML_BASIC_REST.match(text, pos).end()  # type: ignore[union-attr]
        elif token == "'":
            pos = _TOML_LITERAL_REST.match(text, pos).end()  # type: ignore[union-attr]
        elif token in "[{":
            brackets.append(token)
            if len(brackets) > MAX_NESTING:
                return line
            if token == "{":
                in_key, dots = True, 0
        elif token in "]}":
            if brackets:
                brackets.pop()
            in_key = False
        elif token == "=":
            in_key, dots = False, 0
        elif token == ",":
            if brackets and brackets[-1] == "{":
                in_key, dots = True, 0
        elif in_key:  # a '.' between the parts of a (table header's) key
            dots += 1
            if dots >= MAX_NESTING:
                return line
    return None


def _escaped(text: str, pos: int) -> bool:
    """Return whether an odd number of backslashes stands right before ``text[pos]``."""
    start = pos
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (pos - start) % 2 == 1


def _too_deep(what: str, path: str, line: int | None = None) -> NoReturn:
    msg = f"{what} nested more than {MAX_NESTING} levels deep; a lexicon never needs that"
    raise LexiconError(msg, path=path, line=line)


def _check_nesting(value: Any, what: str, path: str, line: int | None = None) -> None:
    """Raise a LexiconError when lists and dicts in ``value`` nest deeper than MAX_NESTING (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_NESTING:
            _too_deep(what, path, line)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file, turning syntax errors into a LexiconError with the line."""
    raw = _read_bytes(path, "lexicon")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = "lexicon files must be UTF-8 encoded"
        raise LexiconError(msg, path=str(path), line=line) from exc
    deep = _toml_too_deep(text)
    if deep is not None:
        _too_deep("TOML", str(path), deep)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        msg = f"invalid TOML: {exc}"
        raise LexiconError(msg, path=str(path), line=line) from exc
    except RecursionError:  # only when called with most of the stack already in use
        _too_deep("TOML", str(path))
    # dotted keys inside nested inline tables add levels the scan above does not sum up
    _check_nesting(data, "TOML", str(path))
    return data, text


def _as_str_list(value: Any, *, err: Any, name: str) -> tuple[str, ...]:
    """Accept a string or a list of strings; anything else is a schema error."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    err(name, f"'{name}' must be a string or a list of strings, got {value!r}")
    return ()


def _check_unknown(keys: Iterable[str], allowed: Sequence[str], err: Any) -> None:
    for key in keys:
        if key not in allowed:
            err(key, f"unknown field '{key}'; allowed: {', '.join(allowed)}")


def check_wildcard(value: str) -> str | None:
    """Return a problem description for a wildcard string, or None when it is valid."""
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
    label = f"entry {index + 1}"

    def err(name: str | None, message: str) -> None:
        where = _field_line(text, line, name) if name else line
        raise LexiconError(f"{label}: {message}", path=path, line=where, entry=index + 1, field=name)

    if not isinstance(raw, dict):
        err(None, "must be a table of fields")
    kinds = [k for k in MATCH_KINDS if k in raw]
    if kinds:
        shown = raw[kinds[0]]
        label = f"entry {index + 1} ({kinds[0]} {shown!r})" if isinstance(shown, str) else label
    _check_unknown(raw, ENTRY_FIELDS, err)
    if len(kinds) != 1:
        found = ", ".join(kinds) or "none"
        err(None, f"needs exactly one of {', '.join(MATCH_KINDS)}; found {found}")
    kind = kinds[0]
    concept = raw.get("concept")
    if concept not in CONCEPTS:
        err("concept", f"'concept' must be one of {', '.join(CONCEPTS)}, got {concept!r}")
    valence = raw.get("valence")
    if valence not in VALENCES:
        err("valence", f"'valence' must be one of '+', '-', '0', got {valence!r}")
    value = raw[kind]
    if kind == "pattern":
        if not (isinstance(value, list) and value and all(isinstance(t, dict) for t in value)):
            err("pattern", "'pattern' must be a non-empty list of token tables (a spaCy Matcher pattern)")
    else:
        if not isinstance(value, str) or not value.strip():
            err(kind, f"'{kind}' must be a non-empty string, got {value!r}")
        value = " ".join(value.split())
        if kind == "wildcard":
            problem = check_wildcard(value.lower())
            if problem:
                err("wildcard", problem)
            value = value.lower()
        elif kind == "term":
            value = value.lower()
    weight = raw.get("weight", default_weight)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        err("weight", f"'weight' must be a number greater than 0, got {weight!r}")
    gap = raw.get("gap", 0)
    if isinstance(gap, bool) or not isinstance(gap, int) or gap < 0:
        err("gap", f"'gap' must be a whole number >= 0, got {gap!r}")
    if gap and (kind not in ("term", "lemma") or " " not in value):
        err("gap", "'gap' only applies to multi-word 'term' or 'lemma' entries")
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


def _default_id(language: str, concept: str, kind: str, value: Any, valence: str) -> str:
    """Build the readable default entry id ``lang:concept:kind:value``."""
    if kind == "pattern":
        parts = []
        for tok in value:
            for v in tok.values():
                if isinstance(v, str):
                    parts.append(v.lower())
                elif isinstance(v, dict) and isinstance(v.get("IN"), list) and v["IN"]:
                    parts.append(str(v["IN"][0]).lower())
        text = "-".join(parts) or "pattern"
    else:
        text = str(value).replace(" ", "-")
    return f"{language}:{concept}:{kind}:{text}"


def load_lexicon_file(path: str | Path) -> Lexicon:
    """Load and validate one concept lexicon file, raising LexiconError on any problem.

    The file must have a ``[lexicon]`` header (name, language, version) and
    ``[[entry]]`` tables following the schema in ``lexicons/README.md``. Entry
    ids must be unique within the file; two entries with the same default id
    need an explicit ``id``.
    """
    path = Path(path)
    data, text = _read_toml(path)
    spath = str(path)
    header = data.get("lexicon")

    hline = _table_line(text, "lexicon")

    def herr(name: str | None, message: str) -> None:
        line = _field_line(text, hline, name) if name else hline
        raise LexiconError(message, path=spath, line=line, field=name)

    unknown_top = [k for k in data if k not in ("lexicon", "entry")]
    if unknown_top:
        herr(None, f"unknown table '{unknown_top[0]}'; a lexicon file has [lexicon] and [[entry]] tables")
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
    lex = Lexicon(
        name=header["name"],
        language=language,
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
    for i, raw in enumerate(raw_entries):
        line = lines[i] if i < len(lines) else 1
        entry = _parse_entry(
            raw,
            i,
            path=spath,
            text=text,
            line=line,
            language=language,
            lexicon_label=lex.label,
            default_weight=float(default_weight),
        )
        if entry.id in seen:
            first = seen[entry.id]
            msg = (
                f"entry {i + 1}: duplicate id {entry.id!r} (first at line {first.line}); "
                "remove the repeat or give one of them an explicit 'id'"
            )
            raise LexiconError(msg, path=spath, line=line, entry=i + 1, field="id")
        seen[entry.id] = entry
        lex.entries.append(entry)
    return lex


def load_context_file(path: str | Path) -> ContextRules:
    """Load and validate a ``context.toml`` file of cue rules.

    Raises LexiconError naming file, line, cue and field when the file does
    not follow the schema in ``lexicons/README.md``.
    """
    path = Path(path)
    data, text = _read_toml(path)
    spath = str(path)
    header = data.get("context")
    if not isinstance(header, dict):
        msg = "missing [context] header with language and version"
        raise LexiconError(msg, path=spath, line=1)

    hline = _table_line(text, "context")

    def herr(name: str, message: str) -> None:
        line = _field_line(text, hline, name)
        raise LexiconError(f"[context]: {message}", path=spath, line=line, field=name)

    _check_unknown(header, CONTEXT_HEADER_FIELDS, herr)
    if header.get("language") not in LANGUAGES:
        herr("language", f"'language' must be one of {', '.join(LANGUAGES)}, got {header.get('language')!r}")
    if not isinstance(header.get("version"), str):
        herr("version", "'version' is required and must be a string")
    rules = ContextRules(language=header["language"], version=header["version"], path=spath)
    lines = _header_lines(text, "cue")
    for i, raw in enumerate(data.get("cue", [])):
        line = lines[i] if i < len(lines) else 1

        def err(name: str | None, message: str, i: int = i, line: int = line) -> None:
            where = _field_line(text, line, name) if name else line
            raise LexiconError(f"cue {i + 1}: {message}", path=spath, line=where, entry=i + 1, field=name)

        _check_unknown(raw, CUE_FIELDS, err)
        kind = raw.get("kind")
        if kind not in CUE_KINDS:
            err("kind", f"'kind' must be one of {', '.join(CUE_KINDS)}, got {kind!r}")
        direction = raw.get("direction", "both")
        if direction not in DIRECTIONS:
            err("direction", f"'direction' must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
        scope = raw.get("max_scope", 5)
        if isinstance(scope, bool) or not isinstance(scope, int) or scope < 0:
            err("max_scope", f"'max_scope' must be a whole number >= 0, got {scope!r}")
        terms = _as_str_list(raw.get("terms", []), err=err, name="terms")
        lemmas = _as_str_list(raw.get("lemmas", []), err=err, name="lemmas")
        if not terms and not lemmas:
            err(None, "needs 'terms' or 'lemmas'")
        for name, values in (("terms", terms), ("lemmas", lemmas), ("and_after", raw.get("and_after") or [])):
            if any(isinstance(v, str) and not v.split() for v in values):
                # a line break or tab is whitespace to the tokenizer, not a word a cue can be
                err(name, f"'{name}' holds an empty or whitespace-only term; a cue term is one or more words")
        concepts = _as_str_list(raw.get("concepts", []), err=err, name="concepts")
        not_concepts = _as_str_list(raw.get("not_concepts", []), err=err, name="not_concepts")
        and_after = _as_str_list(raw.get("and_after", []), err=err, name="and_after")
        if and_after and direction != "preceding":
            err("and_after", "'and_after' needs direction = \"preceding\": its words follow the hit")
        for name, values in (("concepts", concepts), ("not_concepts", not_concepts)):
            bad = [c for c in values if c not in CONCEPTS]
            if bad:
                err(name, f"unknown concept {bad[0]!r} in '{name}'; known: {', '.join(CONCEPTS)}")
        rules.cues.append(
            Cue(
                kind=kind,
                direction=direction,
                max_scope=scope,
                terms=tuple(" ".join(t.lower().split()) for t in terms),
                lemmas=tuple(" ".join(t.lower().split()) for t in lemmas),
                concepts=frozenset(concepts),
                not_concepts=frozenset(not_concepts),
                and_after=tuple(" ".join(t.lower().split()) for t in and_after),
                path=spath,
                line=line,
            )
        )
    return rules
