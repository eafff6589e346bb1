"""Import dictionaries from other tools into trustlex lexicons, and export trustlex lexicons to them.

Formats: LIWC ``.dic`` (LIWC2007/2015), LIWC-22 ``.dicx``, quanteda YAML
dictionaries, trustlex's own lossless CSV, and trustlex TOML. Categories map
to a concept and a valence through their names (``trust_pos``, nested
``trust: {negative: [...]}``) or an explicit ``category_map``.

The rule on both sides is that an entry keeps what it matches or is left out
with a warning: an imported wildcard that trustlex's ``wildcard`` kind cannot
express exactly (too short, ``?``, a ``*`` inside a phrase) becomes a regex
``pattern``; an exported entry that the target format cannot express is
skipped and named. Fields a format has no place for (weights, exclusions,
examples, ...) are reported once per kind of loss, as a
:class:`LexiconFormatWarning`, and returned by :func:`write_dictionary`.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import functools
import io
import itertools
import json
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LexiconError
from trustlex.lexicon import (
    ENTRY_FIELDS,
    MATCH_KINDS,
    MAX_NESTING,
    Entry,
    Lexicon,
    _default_id,
    _parse_entry,
    _read_bytes,
    _too_deep,
    check_wildcard,
    load_lexicon_file,
)
from trustlex.morph import inflections

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "LexiconFormatWarning",
    "read_dictionary",
    "write_dictionary",
    "write_toml",
]


class LexiconFormatWarning(UserWarning):
    """Something the target format cannot hold, or a guess made while reading a dictionary."""


FORMATS: dict[str, str] = {
    ".dic": "liwc",
    ".dicx": "dicx",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".csv": "csv",
    ".toml": "toml",
}
_FORMAT_NAMES = {
    "liwc": "LIWC .dic",
    "dicx": "LIWC-22 .dicx",
    "yaml": "quanteda YAML",
    "csv": "trustlex CSV",
    "toml": "trustlex TOML",
}
_FORMAT_ALIASES = {
    "liwc": "liwc",
    "dic": "liwc",
    "dicx": "dicx",
    "liwc22": "dicx",
    "yaml": "yaml",
    "yml": "yaml",
    "quanteda": "yaml",
    "csv": "csv",
    "toml": "toml",
    "trustlex": "toml",
}
# The entry schema with the match kind and value as two columns, so every row has the same shape.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "concept",
    "valence",
    "kind",
    "value",
    *(f for f in ENTRY_FIELDS if f not in ("id", "concept", "valence", *MATCH_KINDS)),
)
_CSV_LIST_COLUMNS = ("exclude", "example", "counter_example")
_VALENCE_WORDS = {
    "+": "+",
    "pos": "+",
    "positive": "+",
    "-": "-",
    "neg": "-",
    "negative": "-",
    "0": "0",
    "neu": "0",
    "neutral": "0",
}
_VALENCE_KEYS = {"+": "positive", "-": "negative", "0": "neutral"}
_IMPORT_VERSION = "0.1.0"
# Expanding IN lists and optional tokens multiplies: beyond this a word list stops being a dictionary.
MAX_PHRASES = 1000
# A YAML file of aliases can expand exponentially: reading stops after this many node visits (each
# mapping, key, list and word, again every time an alias leads to it). Real dictionaries need 1-2% of it.
_MAX_YAML_NODES = 1_000_000
# ... and after category names (key paths joined by '.') of this many characters in all.
_MAX_YAML_NAME_CHARS = 1_000_000
# Brackets outside JSON strings, for the nesting depth of a CSV cell.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)

# Glob atoms: one-character strings are literal characters; these two are the wildcards.
_STAR = "\x00*"
_ANY = "\x00?"
_WILD = (_STAR, _ANY)
Glob = tuple[tuple[str, ...], ...]


# -- small helpers -----------------------------------------------------------------------------


def _warn(messages: Iterable[str]) -> None:
    for message in messages:
        warnings.warn(message, LexiconFormatWarning, stacklevel=3)


def _resolve_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        key = fmt.lower().lstrip(".")
        if key not in _FORMAT_ALIASES:
            known = ", ".join(f"{k} ({s})" for s, k in FORMATS.items())
            msg = f"unknown dictionary format {fmt!r}; known formats: {known}"
            raise LexiconError(msg, path=str(path))
        return _FORMAT_ALIASES[key]
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(f"{s} ({_FORMAT_NAMES[k]})" for s, k in FORMATS.items())
        msg = f"cannot tell the dictionary format from the suffix {suffix or '(none)'!r}; use {known} or fmt="
        raise LexiconError(msg, path=str(path))
    return FORMATS[suffix]


def _read_text(path: Path) -> str:
    """Read a file written by some other tool: UTF-8 (with or without BOM), else cp1252, else latin-1."""
    raw = _read_bytes(path, "dictionary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    try:
        text, encoding = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes are undefined in cp1252; latin-1 decodes any byte
        text, encoding = raw.decode("latin-1"), "latin-1"
    _warn([f"{path}: not UTF-8 (first bad byte on line {line}); read as {encoding}"])
    return text


def _shorten(ids: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


# -- globs: the common ground of the word-list formats -----------------------------------------


def _parse_glob(text: str, *, qmark: bool) -> Glob:
    """Split a dictionary word into tokens of atoms; ``*`` is a wildcard, ``?`` only where ``qmark``."""
    return tuple(
        tuple(_STAR if c == "*" else _ANY if qmark and c == "?" else c for c in word)
        for word in text.lower().split()
    )


def _is_literal(token: Sequence[str]) -> bool:
    return not any(a in _WILD for a in token)


def _glob_text(token: Sequence[str]) -> str:
    return "".join("*" if a == _STAR else "?" if a == _ANY else a for a in token)


def _glob_regex(token: Sequence[str]) -> str:
    # trustlex accepts the typographic apostrophe wherever a lexicon writes a plain one
    body = "".join(
        ".*" if a == _STAR else "." if a == _ANY else "['\u2019]" if a == "'" else re.escape(a) for a in token
    )
    return f"^{body}$"


def _regex_glob(regex: str) -> tuple[str, ...] | None:
    """Return the glob token a token REGEX spells (``^manag`` is ``manag*``), or None if it is no glob.

    spaCy searches a token REGEX, so a side without its anchor is an implicit ``*``.
    """
    head = regex.startswith("^")
    body = regex[1:] if head else regex
    # a '$' is an anchor unless an odd number of backslashes escapes it
    tail = body.endswith("$") and (len(body) - 1 - len(body[:-1].rstrip("\\"))) % 2 == 0
    body = body[:-1] if tail else body
    i, atoms = 0, [] if head else [_STAR]
    while i < len(body):
        if body.startswith(".*", i):
            atoms.append(_STAR)
            i += 2
        elif body.startswith(("['\u2019]", "[\u2019']"), i):
            atoms.append("'")
            i += 4
        elif body[i] == ".":
            atoms.append(_ANY)
            i += 1
        elif body[i] == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum() or body[i + 1] == "_":
                return None  # \d, \w, \b ... are classes, not escaped literals
            atoms.append(body[i + 1])
            i += 2
        elif body[i] in "^$*+?{}[]|()":
            return None
        else:
            atoms.append(body[i])
            i += 1
    if not tail:
        atoms.append(_STAR)
    if all(a == _STAR for a in atoms) or any(
        a not in _WILD and (a != a.lower() or a.isspace()) for a in atoms
    ):
        return None  # any token at all, or none: LOWER never holds capitals or spaces
    return tuple(atoms)


@functools.lru_cache(maxsize=4)
def _tokenizer(language: str) -> Any:
    import spacy

    return spacy.blank(language).tokenizer


def _split_words(text: str, language: str) -> list[str]:
    """Tokenize like trustlex's pipeline, so ``can't`` becomes ``ca n't`` and can match."""
    return [t.text for t in _tokenizer(language)(text) if not t.is_space]


def _match_fields(glob: Glob, language: str) -> tuple[str, Any]:
    """Return (kind, value) of the trustlex entry that matches exactly what ``glob`` matches."""
    if all(_is_literal(t) for t in glob):
        return "term", " ".join(_split_words(" ".join("".join(t) for t in glob), language))
    if len(glob) == 1:
        token = glob[0]
        core = token[1 if token[0] == _STAR else 0 : len(token) - 1 if token[-1] == _STAR else len(token)]
        text = _glob_text(token)
        if core and _is_literal(core) and check_wildcard(text) is None:
            return "wildcard", text
    pattern: list[dict[str, Any]] = []
    for token in glob:
        if _is_literal(token):
            pattern.extend({"LOWER": w} for w in _split_words("".join(token), language))
        else:
            pattern.append({"LOWER": {"REGEX": _glob_regex(token)}})
    return "pattern", pattern


# -- category names -> (concept, valence) --------------------------------------------------------

_SEPARATED = re.compile(r"^([a-z]+)[\s._:/-]+([a-z0-9+-]+)$")


def _default_target(name: str) -> tuple[str, str] | None:
    """Map a category name such as ``trust``, ``trust+``, ``trust_neg`` or ``trust.positive``."""
    n = name.strip().lower()
    if n in CONCEPTS:
        return n, "0"
    if n and n[-1] in VALENCES and n[:-1] in CONCEPTS:
        return n[:-1], n[-1]
    m = _SEPARATED.match(n)
    if m and m.group(1) in CONCEPTS and m.group(2) in _VALENCE_WORDS:
        return m.group(1), _VALENCE_WORDS[m.group(2)]
    return None


def _parse_target(category: str, value: Any, path: str) -> tuple[str, str] | None:
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else ":".join(map(str, value))
    concept, _, valence = text.strip().lower().partition(":")
    target = (concept.strip(), _VALENCE_WORDS.get(valence.strip() or "0", ""))
    if target[0] not in CONCEPTS or target[1] not in VALENCES:
        msg = (
            f"category_map[{category!r}] = {value!r}: expected 'concept:valence' with a concept id "
            f"({', '.join(CONCEPTS)}) and a valence +, - or 0 (or pos, neg, neu); None drops the category"
        )
        raise LexiconError(msg, path=path)
    return target


def _resolve_categories(
    categories: Mapping[str, tuple[str, ...]], category_map: Mapping[str, Any] | None, path: str
) -> dict[str, tuple[str, str] | None]:
    """Map every category (name -> its key path) to (concept, valence), or None to drop it."""
    cmap = {str(k).strip().lower(): _parse_target(str(k), v, path) for k, v in (category_map or {}).items()}
    out: dict[str, tuple[str, str] | None] = {}
    unmapped: list[str] = []
    for name, keys in categories.items():
        # a nested YAML category may be mapped by any of its parents, the nearest first
        candidates = [".".join(keys[:k]).lower() for k in range(len(keys), 0, -1)] or [name.lower()]
        mapped = next((c for c in candidates if c in cmap), None)
        if mapped is not None:
            out[name] = cmap[mapped]
        elif (target := _default_target(name)) is not None:
            out[name] = target
        elif "*" in cmap:
            out[name] = cmap["*"]
        else:
            unmapped.append(name)
    if unmapped:
        example = unmapped[0]
        msg = (
            f"no trustlex concept for the categories {_shorten([repr(u) for u in unmapped], 20)}. "
            f"Known concept ids: {', '.join(CONCEPTS)}. Name categories like 'trust', 'trust_pos', "
            f"'trust_neg', 'trust_neu' (or nested trust: {{positive: [...]}}), or pass a mapping, e.g. "
            f"category_map={{{example!r}: 'trust:+'}}; map a category to None to drop it, and '*' "
            "sets the target of every category not named"
        )
        raise LexiconError(msg, path=path)
    return out


# -- readers: each returns categories {name: key path} and words [(category, text, line)] -------


@dataclasses.dataclass
class _Source:
    categories: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    words: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)


def _read_liwc(text: str, path: str) -> _Source:
    src = _Source()
    lines = text.splitlines()
    numbers: dict[int, str] = {}
    state = "start"
    conditional: list[int] = []
    uncategorised: list[int] = []
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue
        if state == "start":
            if stripped != "%":
                msg = f"a LIWC .dic file starts with a '%' line, found {stripped[:40]!r}"
                raise LexiconError(msg, path=path, line=lineno)
            state = "header"
        elif state == "header":
            if stripped == "%":
                state = "words"
                continue
            fields = [f.strip() for f in stripped.split("\t") if f.strip()]
            m = re.match(r"^(\d+)\s+(.+)$", stripped)
            if not m:
                msg = f"expected 'number<TAB>category' between the two '%' lines, found {stripped[:40]!r}"
                raise LexiconError(msg, path=path, line=lineno)
            number = int(m.group(1))
            name = fields[1] if len(fields) > 1 else m.group(2).strip()
            if number in numbers:
                msg = f"category number {number} is defined twice ({numbers[number]!r} and {name!r})"
                raise LexiconError(msg, path=path, line=lineno)
            numbers[number] = name
            src.categories.setdefault(name, ())
        else:
            if "\t" in line:
                fields = line.split("\t")
                word, codes = fields[0].strip(), " ".join(fields[1:]).split()
            else:
                parts = stripped.split()
                k = len(parts)
                while k > 1 and parts[k - 1].isdigit():
                    k -= 1
                word, codes = " ".join(parts[:k]), parts[k:]
            if not word:
                msg = "a word line needs the word before its category numbers"
                raise LexiconError(msg, path=path, line=lineno)
            found = False
            for code in codes:
                if not code.isdigit():
                    conditional.append(lineno)  # LIWC2007's 'like'-style rules: 02 134/125/464
                    continue
                if int(code) not in numbers:
                    known = ", ".join(map(str, sorted(numbers))) or "none"
                    msg = (
                        f"word {word!r} names category {code}, which the header does not define "
                        f"(defined: {known})"
                    )
                    raise LexiconError(msg, path=path, line=lineno, field="category")
                src.words.append((numbers[int(code)], word, lineno))
                found = True
            if not found:
                uncategorised.append(lineno)
    if state != "words":
        msg = "the category header is not closed by a second '%' line" if numbers or state == "header" else ""
        raise LexiconError(msg or "empty LIWC .dic file", path=path, line=len(lines) or None)
    if conditional:
        src.notes.append(
            f"{path}: skipped {_plural(len(conditional), 'conditional category code')} "
            f"(LIWC2007 rules such as '134/125'; lines {_shorten([str(x) for x in conditional])})"
        )
    if uncategorised:
        src.notes.append(
            f"{path}: {_plural(len(uncategorised), 'word')} without a category skipped "
            f"(lines {_shorten([str(x) for x in uncategorised])})"
        )
    return src


def _csv_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """Yield (first line of the row, cells); rows may span lines inside quotes."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel writes ';' in Dutch locales
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _read_dicx(text: str, path: str) -> _Source:
    src = _Source()
    header: list[str] | None = None
    try:
        for lineno, row in _csv_rows(text):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                if row[0].strip().lower() != "dicterm":
                    msg = f"a LIWC-22 .dicx file's first column is 'DicTerm', found {row[0][:40]!r}"
                    raise LexiconError(msg, path=path, line=lineno)
                header = [c.strip() for c in row[1:]]
                for j, name in enumerate(header):
                    if not name:
                        msg = f"column {j + 2} has no category name"
                        raise LexiconError(msg, path=path, line=lineno)
                    src.categories.setdefault(name, ())
                continue
            word = row[0].strip()
            marks = [j for j, cell in enumerate(row[1:]) if cell.strip()]
            if not word:
                msg = "a row with category marks but no DicTerm"
                raise LexiconError(msg, path=path, line=lineno, field="DicTerm")
            if marks and marks[-1] >= len(header):
                msg = f"row has {len(row)} cells but the header names only {len(header) + 1} columns"
                raise LexiconError(msg, path=path, line=lineno)
            src.words.extend((header[j], word, lineno) for j in marks)
    except csv.Error as exc:
        raise LexiconError(f"invalid CSV: {exc}", path=path) from exc
    if header is None:
        msg = "empty LIWC-22 .dicx file"
        raise LexiconError(msg, path=path)
    return src


class _TooDeepError(Exception):
    """Raised by the composer at MAX_NESTING levels; carries the YAML mark of the node."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


class _StringLoader(yaml.SafeLoader):
    """A SafeLoader that resolves no implicit types: every plain scalar stays the string as written.

    YAML 1.1 reads ``no``, ``off``, ``on``, ``yes``, ``1.5`` and ``2020-01-01`` as booleans, numbers and
    dates; in a dictionary they are words. Composing stops at MAX_NESTING levels: PyYAML composes
    recursively, three frames a level, so 100,000 nested ``[`` would otherwise end in a RecursionError.
    Composing needs no other bound: an alias composes to the node its anchor made, never a copy.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)  # a word or an alias: no recursion
        if self._depth >= MAX_NESTING:
            raise _TooDeepError(self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_YAML_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


def _read_yaml(text: str, path: str) -> _Source:
    loader = _StringLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LexiconError(f"invalid YAML: {exc}", path=path, line=line) from exc
    except _TooDeepError as exc:
        _too_deep("YAML", path, exc.mark.line + 1)
    except RecursionError:  # only when called with most of the stack already in use
        _too_deep("YAML", path)
    finally:
        loader.dispose()
    if root is None:
        msg = "empty YAML dictionary"
        raise LexiconError(msg, path=path)
    src = _Source()
    # What reading may still spend: node visits (an alias makes its target's subtree be visited, and
    # paid for, once more) and characters of category names. Without them a few kilobytes of nested
    # aliases expand to billions of categories.
    nodes, name_chars = [_MAX_YAML_NODES], [_MAX_YAML_NAME_CHARS]
    active: set[int] = set()

    def fail(node: yaml.Node, message: str) -> None:
        raise LexiconError(message, path=path, line=node.start_mark.line + 1)

    def pay(node: yaml.Node) -> None:
        nodes[0] -= 1
        if nodes[0] < 0:
            fail(node, f"more than {_MAX_YAML_NODES:,} YAML nodes to read (aliases expanding?)")

    def walk(node: yaml.Node, keys: tuple[str, ...]) -> None:
        # Only composed nodes are read, never constructed: no tag can run code or build objects.
        pay(node)
        if node.tag not in _YAML_TAGS:
            fail(
                node, f"unsupported YAML tag {node.tag!r}; a dictionary holds only mappings, lists and words"
            )
        if id(node) in active:
            fail(node, "recursive YAML alias")
        if isinstance(node, yaml.MappingNode):
            if len(keys) >= MAX_NESTING:  # only aliases lead this deep: composing stops earlier
                fail(node, f"YAML categories nested more than {MAX_NESTING} levels deep (through aliases)")
            active.add(id(node))
            for key, value in node.value:
                pay(key)
                if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
                    fail(key, "category keys must be plain names")
                walk(value, (*keys, key.value.strip()))
            active.discard(id(node))
            return
        if not keys:
            fail(node, "a YAML dictionary is a mapping of category names to lists of words")
        name = ".".join(keys)
        name_chars[0] -= len(name)
        if name_chars[0] < 0:
            limit = f"{_MAX_YAML_NAME_CHARS:,}"
            fail(node, f"more than {limit} characters of category names to read (aliases expanding?)")
        src.categories.setdefault(name, keys)
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                fail(item, f"category {name!r}: a list of words may hold only words, not lists or mappings")
            if item is not node:
                pay(item)
            if item.tag not in _YAML_TAGS:
                fail(item, f"unsupported YAML tag {item.tag!r}")
            if item.value.strip() and not (item.style is None and item.value.strip() == "~"):
                src.words.append((name, item.value, item.start_mark.line + 1))

    if not isinstance(root, yaml.MappingNode):
        fail(root, "a YAML dictionary is a mapping of category names to lists of words")
    walk(root, ())
    return src


def _imported_entry(
    raw: dict[str, Any], index: int, path: str, line: int, language: str, label: str
) -> Entry:
    """Validate one imported entry with the TOML loader's checks (there is no TOML text to point into)."""
    return _parse_entry(
        raw, index, path=path, text="", line=line, language=language, lexicon_label=label, default_weight=1.0
    )


def _json_cell(text: str) -> Any:
    """Parse a JSON cell; RecursionError when it nests deeper than MAX_NESTING, before json recurses."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                raise RecursionError
        elif token in ("]", "}"):
            depth -= 1
    return json.loads(text)


def _read_csv(text: str, path: str, *, language: str, label: str) -> list[Entry]:
    entries: list[Entry] = []
    columns: list[str] | None = None
    seen: dict[str, Entry] = {}
    try:
        rows = list(_csv_rows(text))
    except csv.Error as exc:
        raise LexiconError(f"invalid CSV: {exc}", path=path) from exc
    for lineno, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = [c.strip().lower() for c in row]
            unknown = [c for c in columns if c not in CSV_COLUMNS]
            missing = [c for c in ("concept", "valence", "kind", "value") if c not in columns]
            if unknown or missing:
                problem = f"unknown columns {unknown}" if unknown else f"missing columns {missing}"
                msg = f"{problem}; a trustlex CSV has the columns {', '.join(CSV_COLUMNS)}"
                raise LexiconError(msg, path=path, line=lineno)
            continue
        index = len(entries)

        def err(name: str | None, message: str, lineno: int = lineno, index: int = index) -> None:
            raise LexiconError(
                f"entry {index + 1}: {message}", path=path, line=lineno, entry=index + 1, field=name
            )

        if len(row) > len(columns):
            err(None, f"{len(row)} cells, but the header names {len(columns)} columns")
        cells = dict(zip(columns, row, strict=False))
        kind = cells.get("kind", "").strip()
        if kind not in MATCH_KINDS:
            err("kind", f"'kind' must be one of {', '.join(MATCH_KINDS)}, got {kind!r}")
        raw: dict[str, Any] = {
            "concept": cells.get("concept", "").strip(),
            "valence": cells.get("valence", "").strip(),
        }
        value: Any = cells.get("value", "")
        if kind == "pattern":
            try:
                value = _json_cell(value)
            except json.JSONDecodeError as exc:
                err("value", f"a pattern's 'value' must be a JSON list of token objects: {exc}")
            except RecursionError:
                err("value", f"JSON nested more than {MAX_NESTING} levels deep; a lexicon never needs that")
        raw[kind] = value
        for name in ("id", "note", "source"):
            if cells.get(name, "") != "":
                raw[name] = cells[name]
        for name, convert in (("weight", float), ("gap", int)):
            cell = cells.get(name, "").strip()
            if cell:
                try:
                    raw[name] = convert(cell)
                except ValueError:
                    raw[name] = cell  # _parse_entry reports it with the expected type
        for name in _CSV_LIST_COLUMNS:
            cell = cells.get(name, "")
            if not cell.strip():
                continue
            if cell.lstrip().startswith("["):
                try:
                    raw[name] = _json_cell(cell)
                except json.JSONDecodeError as exc:
                    err(name, f"'{name}' must be a JSON list of strings: {exc}")
                except RecursionError:
                    err(name, f"JSON nested more than {MAX_NESTING} levels deep; a lexicon never needs that")
            else:
                raw[name] = cell  # one phrase typed by hand
        try:
            entry = _imported_entry(raw, index, path, lineno, language, label)
        except LexiconError as exc:
            field = "value" if exc.field in MATCH_KINDS else exc.field
            message = str(exc).removeprefix(f"{path}:{lineno}: ")
            raise LexiconError(message, path=path, line=lineno, entry=exc.entry, field=field) from exc
        if entry.id in seen:
            err("id", f"duplicate id {entry.id!r} (first at line {seen[entry.id].line})")
        seen[entry.id] = entry
        entries.append(entry)
    return entries


def _entries_from_words(
    src: _Source,
    *,
    path: Path,
    language: str,
    label: str,
    category_map: Mapping[str, Any] | None,
    qmark: bool,
) -> tuple[list[Entry], list[str]]:
    spath = str(path)
    used = {category for category, _, _ in src.words}
    targets = _resolve_categories({n: k for n, k in src.categories.items() if n in used}, category_map, spath)
    entries: list[Entry] = []
    seen_match: set[tuple[str, str, str, str]] = set()
    ids: set[str] = set()
    split_wildcards: list[str] = []
    # A word read again (YAML aliases repeat whole lists) is tokenized once: text -> glob, kind, value, key
    parsed: dict[str, tuple[Glob, str, Any, str] | None] = {}
    for category, text, line in src.words:
        target = targets[category]
        if target is None:
            continue
        if text not in parsed:
            glob = _parse_glob(text, qmark=qmark)
            if glob:
                kind, value = _match_fields(glob, language)
                parsed[text] = (glob, kind, value, json.dumps(value, sort_keys=True))
            else:
                parsed[text] = None
        hit = parsed[text]
        if hit is None:
            continue
        glob, kind, value, dumped = hit
        concept, valence = target
        key = (concept, valence, kind, dumped)
        if key in seen_match:
            continue
        seen_match.add(key)
        value = copy.deepcopy(value)  # a pattern is a list of dicts: each entry gets its own
        for token in glob:
            literal = "".join(a for a in token if a not in _WILD)
            if not _is_literal(token) and len(_split_words(literal, language)) > 1:
                split_wildcards.append(_glob_text(token))
        raw: dict[str, Any] = {"concept": concept, "valence": valence, kind: value}
        raw["source"] = f"{path.name} [{category}]"
        if kind == "pattern":
            raw["id"] = f"{language}:{concept}:pattern:" + "-".join(_glob_text(t) for t in glob)
        entry = _imported_entry(raw, len(entries), spath, line, language, label)
        # the same word under two valences would share its default id, which a lexicon forbids
        new_id, n = entry.id, 1
        if new_id in ids:
            new_id = f"{entry.id}-{VALENCE_SUFFIX[valence]}"
        while new_id in ids:
            n += 1
            new_id = f"{entry.id}-{VALENCE_SUFFIX[valence]}-{n}"
        ids.add(new_id)
        entries.append(dataclasses.replace(entry, id=new_id) if new_id != entry.id else entry)
    notes = list(src.notes)
    if split_wildcards:
        notes.append(
            f"{spath}: {_plural(len(split_wildcards), 'wildcard word')} hold punctuation that trustlex's "
            f"tokenizer splits off ({_shorten(split_wildcards)}); a wildcard matches one token, so text "
            "spelled that way will not match"
        )
    return entries, notes


def read_dictionary(
    path: str | Path,
    fmt: str | None = None,
    *,
    language: str,
    name: str | None = None,
    category_map: Mapping[str, str | None] | None = None,
) -> Lexicon:
    """Read a dictionary in another format (LIWC, LIWC-22, quanteda YAML, CSV, TOML) as a trustlex Lexicon.

    ``fmt`` (``"liwc"``, ``"dicx"``, ``"yaml"``, ``"csv"`` or ``"toml"``) is inferred from the suffix
    (``.dic``, ``.dicx``, ``.yml``/``.yaml``, ``.csv``, ``.toml``) when omitted. Every entry gets
    ``language``; the lexicon is called ``name`` (default: the file's stem). Word-list formats map each
    category to a concept and valence by its name (``trust``, ``trust+``, ``trust_neg``,
    ``trust_positive``, nested ``trust: {negative: [...]}``, case-insensitive) or by ``category_map``
    (``{"category": "concept:valence"}``; ``None`` drops a category, the key ``"*"`` covers every
    category not named). Words become ``term`` entries (split into tokens as trustlex's tokenizer
    does), ``word*`` with at least four letters a ``wildcard``, any other glob a regex ``pattern`` that
    matches exactly the same tokens. Raises :class:`~trustlex.errors.LexiconError` naming file and line;
    guesses (encoding, skipped LIWC2007 rules) are reported as :class:`LexiconFormatWarning`.
    """
    path = Path(path)
    spath = str(path)
    kind = _resolve_format(path, fmt)
    if language not in LANGUAGES:
        msg = f"language must be one of {', '.join(LANGUAGES)}, got {language!r}"
        raise LexiconError(msg, path=spath)
    if category_map and kind in ("csv", "toml"):
        _warn([f"{spath}: category_map is ignored: a {_FORMAT_NAMES[kind]} file names its concepts"])
    if kind == "toml":
        lex = load_lexicon_file(path)
        if lex.language != language:
            msg = f"the file's [lexicon] says language {lex.language!r}, but language={language!r} was given"
            raise LexiconError(msg, path=spath)
        if name and name != lex.name:
            lex.name = name
            lex.entries = [dataclasses.replace(e, lexicon=lex.label) for e in lex.entries]
        return lex
    lex = Lexicon(
        name=name or path.stem,
        language=language,
        version=_IMPORT_VERSION,
        path=spath,
        description=f"Imported from {path.name} ({_FORMAT_NAMES[kind]})",
    )
    text = _read_text(path)
    if kind == "csv":
        lex.entries = _read_csv(text, spath, language=language, label=lex.label)
        return lex
    reader = {"liwc": _read_liwc, "dicx": _read_dicx, "yaml": _read_yaml}[kind]
    src = reader(text, spath)
    lex.entries, notes = _entries_from_words(
        src, path=path, language=language, label=lex.label, category_map=category_map, qmark=kind == "yaml"
    )
    _warn(notes)
    return lex


# -- TOML ---------------------------------------------------------------------------------------

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_string(text: str) -> str:
    """Return ``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    msg = f"cannot write {type(value).__name__} {value!r} as TOML"
    raise TypeError(msg)


def _toml_text(lexicon: Lexicon) -> str:
    lines = ["[lexicon]"]
    for key in ("name", "language", "version", "codebook", "license", "description"):
        value = getattr(lexicon, key)
        if value or key in ("name", "language", "version"):
            lines.append(f"{key} = {_toml_string(value)}")
    for e in lexicon.entries:
        lines += ["", "[[entry]]"]
        if e.id != _default_id(lexicon.language, e.concept, e.kind, e.value, e.valence):
            lines.append(f"id = {_toml_string(e.id)}")
        lines.append(f"concept = {_toml_string(e.concept)}")
        lines.append(f"valence = {_toml_string(e.valence)}")
        lines.append(f"{e.kind} = {_toml_value(e.value)}")
        if e.weight != 1.0:
            lines.append(f"weight = {_toml_value(float(e.weight))}")
        if e.gap:
            lines.append(f"gap = {int(e.gap)}")
        for key, values in (
            ("exclude", e.exclude),
            ("example", e.examples),
            ("counter_example", e.counter_examples),
        ):
            if values:
                lines.append(f"{key} = {_toml_value(list(values))}")
        for key in ("note", "source"):
            if getattr(e, key):
                lines.append(f"{key} = {_toml_string(getattr(e, key))}")
    return "\n".join(lines) + "\n"


def write_toml(lexicon: Lexicon, path: str | Path) -> Path:
    """Write ``lexicon`` as a trustlex TOML file that :func:`~trustlex.lexicon.load_lexicon_file` reads back.

    Loading the written file gives entries equal to ``lexicon.entries`` (apart from where they were
    read from: path, line and the lexicon label). An ``id`` is written only where it differs from the
    default one, a weight only where it is not 1.0. Raises :class:`~trustlex.errors.LexiconError` when
    the lexicon cannot make a valid file (no name or version, unknown language, duplicate ids).
    """
    path = Path(path)
    if not lexicon.name or not lexicon.version or lexicon.language not in LANGUAGES:
        msg = (
            f"a lexicon file needs a name, a version and a language ({', '.join(LANGUAGES)}); got "
            f"name={lexicon.name!r}, version={lexicon.version!r}, language={lexicon.language!r}"
        )
        raise LexiconError(msg, path=str(path))
    seen: set[str] = set()
    for e in lexicon.entries:
        if e.id in seen:
            msg = f"two entries share the id {e.id!r}; a lexicon file needs unique ids"
            raise LexiconError(msg, path=str(path))
        seen.add(e.id)
    path.write_text(_toml_text(lexicon), encoding="utf-8", newline="\n")
    return path


# -- export: entries -> word lists --------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def _lemma_tables(language: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Return (form -> lemma, lemma -> forms) as trustlex's lookup lemmatizer sees them."""
    from spacy.util import load_language_data, registry

    from trustlex.lemmas import LEMMA_FIXES, normalise_form

    try:
        table = load_language_data(registry.lookups.get(language)["lemma_lookup"])
    except (KeyError, ValueError, ImportError, OSError):
        return {}, {}
    forward: dict[str, str] = {}
    for form, lemma in table.items():
        # the lemmatizer looks up lowercased single tokens with plain apostrophes only
        if form == form.lower() and form == normalise_form(form) and not any(c.isspace() for c in form):
            forward[form] = lemma
    forward.update(LEMMA_FIXES.get(language, {}))
    reverse: dict[str, set[str]] = {}
    for form, lemma in forward.items():
        reverse.setdefault(normalise_form(lemma.lower()), set()).add(form)
    return forward, {k: frozenset(v) for k, v in reverse.items()}


def _lemma_forms(word: str, language: str, *, entry_lemma: bool) -> set[str]:
    """Return the lowercase forms that a lemma word matches in trustlex's own pipeline.

    A ``lemma`` entry matches the word itself, its generated regular inflections and every form the
    lookup table maps to it; a pattern's ``LEMMA`` only forms whose looked-up lemma is the word.
    """
    forward, reverse = _lemma_tables(language)
    forms = set(reverse.get(word, ()))
    if entry_lemma:
        forms |= {word} | inflections(word, language)
    elif forward.get(word, word) == word:
        forms.add(word)
    return forms


def _literal_token(word: str) -> tuple[str, ...] | None:
    word = word.replace("\u2019", "'")  # trustlex matches both apostrophes from the plain one
    if not word or word != word.lower() or any(c.isspace() for c in word):
        return None  # LOWER holds no capitals or spaces: such a token never matches
    return tuple(word)


def _pattern_globs(pattern: list[dict[str, Any]], language: str) -> tuple[list[Glob] | None, str, bool]:
    """Spell a pattern out as word sequences: (globs or None, reason when None, uses LEMMA)."""
    choices: list[list[tuple[str, ...] | None]] = []
    uses_lemma = False
    for token in pattern:
        op = token.get("OP")
        keys = [k for k in token if k != "OP"]
        if op not in (None, "1", "?") or len(keys) != 1 or keys[0] not in ("LOWER", "LEMMA"):
            return None, "uses token attributes or operators beyond LOWER/LEMMA words and '?'", False
        key, spec = keys[0], token[keys[0]]
        words: list[str] | None = None
        alts: list[tuple[str, ...] | None] = []
        if isinstance(spec, str):
            words = [spec]
        elif isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(w, str) for w in spec["IN"]):
            words = list(spec["IN"])
        elif (
            key == "LOWER"
            and isinstance(spec, dict)
            and set(spec) == {"REGEX"}
            and isinstance(spec["REGEX"], str)
        ):
            glob = _regex_glob(spec["REGEX"])
            if glob is None:
                return None, "has a REGEX that is not a plain glob", False
            alts.append(glob)
        else:
            return None, "uses token predicates beyond words, IN lists and glob regexes", False
        if key == "LEMMA":
            uses_lemma = True
            words = sorted(
                {f for w in words or () for f in _lemma_forms(w.lower(), language, entry_lemma=False)}
            )
        for word in words or ():
            literal = _literal_token(word)
            if literal is not None and literal not in alts:
                alts.append(literal)
        if not alts:
            return None, "has a token that can never match", False
        if op == "?":
            alts.append(None)
        choices.append(alts)
    if math.prod(len(c) for c in choices) > MAX_PHRASES:
        return None, f"spells out to more than {MAX_PHRASES} word sequences", uses_lemma
    globs = [tuple(t for t in combo if t is not None) for combo in itertools.product(*choices)]
    return [g for g in globs if g], "", uses_lemma


def _entry_globs(e: Entry) -> tuple[list[Glob] | None, str, bool]:
    """Return (word sequences matching what ``e`` matches, reason when None, lemma-based)."""
    if e.kind == "term":
        return [tuple(tuple(w) for w in e.value.split())], "", False
    if e.kind == "wildcard":
        v = e.value
        token = (_STAR,) * v.startswith("*") + tuple(v.strip("*")) + (_STAR,) * v.endswith("*")
        return [(token,)], "", False
    if e.kind == "lemma":
        per_word = [sorted(_lemma_forms(w, e.language, entry_lemma=True)) for w in e.value.split()]
        if math.prod(len(f) for f in per_word) > MAX_PHRASES:
            return None, f"spells out to more than {MAX_PHRASES} word forms", True
        globs = [tuple(tuple(w) for w in combo) for combo in itertools.product(*per_word)]
        return globs, "", True
    return _pattern_globs(e.value, e.language)


def _render(glob: Glob, fmt: str) -> tuple[str | None, str]:
    """Write a glob in ``fmt``'s syntax: (text, '') or (None, why it cannot)."""
    words = []
    for token in glob:
        out = []
        for i, atom in enumerate(token):
            if atom == _STAR:
                if fmt != "yaml" and i != len(token) - 1:
                    return None, "lead"
                out.append("*")
            elif atom == _ANY:
                if fmt != "yaml":
                    return None, "has a one-character wildcard, which LIWC does not know"
                out.append("?")
            elif atom == "*" or (fmt == "yaml" and atom == "?"):
                return None, f"has a literal {atom!r}, which {_FORMAT_NAMES[fmt]} reads as a wildcard"
            else:
                out.append(atom)
        words.append("".join(out))
    text = " ".join(words)
    if fmt == "liwc" and text.startswith("%"):
        return None, "starts with '%', which LIWC .dic reads as a section line"
    return text, ""


def _collect(items: Lexicon | Entry | Iterable[Lexicon | Entry]) -> tuple[list[Entry], list[Lexicon]]:
    if isinstance(items, Lexicon):
        return list(items.entries), [items]
    if isinstance(items, Entry):
        return [items], []
    entries: list[Entry] = []
    lexicons: list[Lexicon] = []
    for item in items:
        if isinstance(item, Lexicon):
            lexicons.append(item)
            entries.extend(item.entries)
        elif isinstance(item, Entry):
            entries.append(item)
        else:
            msg = f"expected a Lexicon or Entry objects, got {type(item).__name__}"
            raise TypeError(msg)
    return entries, lexicons


def _loss_warnings(entries: list[Entry], lexicons: list[Lexicon], fmt: str, where: str) -> list[str]:
    """One message per kind of information ``fmt`` cannot hold, with a count."""
    name = _FORMAT_NAMES[fmt]
    out = []
    languages = sorted({e.language for e in entries if e.language})
    if len(languages) > 1:
        out.append(
            f"{where}: the entries come from several languages ({', '.join(languages)}); {name} holds no "
            "language, so importing gives them all one"
        )
    if any(lx.description or lx.license or lx.codebook for lx in lexicons) and fmt != "toml":
        out.append(
            f"{where}: {name} has no lexicon header: name, version, license, codebook and description are "
            "not written (pass name= when importing)"
        )
    if fmt in ("csv", "toml"):
        return out
    checks = [
        ("a weight other than 1.0", lambda e: e.weight != 1.0, "every word counts 1.0"),
        ("'exclude' phrases", lambda e: bool(e.exclude), "the false friends they blocked will match again"),
        (
            "examples or counter-examples",
            lambda e: bool(e.examples or e.counter_examples),
            "they are not written",
        ),
        ("a note or source", lambda e: bool(e.note or e.source), "they are not written"),
        ("a gap between their words", lambda e: e.gap > 0, "the phrase now matches adjacent words only"),
        (
            "an explicit id",
            lambda e: e.id != _default_id(e.language, e.concept, e.kind, e.value, e.valence),
            "importing gives default ids",
        ),
    ]
    for what, test, consequence in checks:
        hit = [e.id for e in entries if test(e)]
        if hit:
            out.append(
                f"{where}: {_plural(len(hit), 'entry')} with {what}, which {name} cannot hold; {consequence}"
            )
    return out


def _export_plan(
    entries: list[Entry], fmt: str, where: str
) -> tuple[list[tuple[Entry, list[str]]], list[str]]:
    """Decide each entry's words in ``fmt``, or skip it; return (entry, words) pairs and warnings."""
    name = _FORMAT_NAMES[fmt]
    plan: list[tuple[Entry, list[str]]] = []
    leading: list[str] = []
    skipped: dict[str, list[str]] = {}
    lemma_based: list[str] = []
    lemma_words = 0
    patterns: list[str] = []
    pattern_words = 0
    for e in entries:
        globs, reason, uses_lemma = _entry_globs(e)
        texts: list[str] = []
        if globs is not None:
            for glob in globs:
                text, reason = _render(glob, fmt)
                if text is None:
                    break
                if text not in texts:
                    texts.append(text)
        if globs is not None and not texts and not reason:
            reason = "matches no words"
        if globs is None or reason:
            if reason == "lead":
                leading.append(e.id)
            else:
                skipped.setdefault(reason, []).append(e.id)
            continue
        plan.append((e, texts))
        if uses_lemma:
            lemma_based.append(e.id)
            lemma_words += len(texts)
        elif e.kind == "pattern":
            patterns.append(e.id)
            pattern_words += len(texts)
    out = []
    if leading:
        out.append(
            f"{where}: skipped {_plural(len(leading), 'entry')} with a leading or inner '*' "
            f"({_shorten(leading)}): {name} knows only a trailing '*'"
        )
    for reason, ids in skipped.items():
        out.append(
            f"{where}: skipped {_plural(len(ids), 'entry')} that {name} cannot hold without changing "
            f"their matches; the entry {reason} ({_shorten(ids)})"
        )
    if lemma_based:
        out.append(
            f"{where}: {_plural(len(lemma_based), 'lemma-based entry')} written as {lemma_words} word forms: "
            "the lemma, trustlex's generated regular inflections and the forms spaCy's lookup table maps "
            "to it. That is what trustlex's own pipeline matches; a pipeline with another lemmatizer may "
            "match forms not listed, and imported back they are separate term entries "
            f"({_shorten(lemma_based)})"
        )
    if patterns:
        out.append(
            f"{where}: {_plural(len(patterns), 'pattern entry')} written as {pattern_words} word sequences "
            "(words, IN lists and optional tokens spelled out; same matches, imported back as terms or "
            f"glob patterns) ({_shorten(patterns)})"
        )
    return plan, out


def _category(concept: str, valence: str) -> str:
    return f"{concept}_{VALENCE_SUFFIX[valence]}"


def _category_order(plan: list[tuple[Entry, list[str]]]) -> list[tuple[str, str]]:
    used = {(e.concept, e.valence) for e, _ in plan}
    known = [(c, v) for c in CONCEPTS for v in VALENCES if (c, v) in used]
    return known + sorted(used - set(known))


def _write_liwc(plan: list[tuple[Entry, list[str]]], path: Path) -> None:
    order = _category_order(plan)
    numbers = {cat: i for i, cat in enumerate(order, 1)}
    words: dict[str, list[int]] = {}
    for e, texts in plan:
        for text in texts:
            cats = words.setdefault(text, [])
            if numbers[(e.concept, e.valence)] not in cats:
                cats.append(numbers[(e.concept, e.valence)])
    lines = ["%", *(f"{numbers[c]}\t{_category(*c)}" for c in order), "%"]
    lines += ["\t".join([w, *map(str, sorted(words[w]))]) for w in sorted(words)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def _write_dicx(plan: list[tuple[Entry, list[str]]], path: Path) -> None:
    order = _category_order(plan)
    words: dict[str, set[tuple[str, str]]] = {}
    for e, texts in plan:
        for text in texts:
            words.setdefault(text, set()).add((e.concept, e.valence))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["DicTerm", *(_category(*c) for c in order)])
        for w in sorted(words):
            writer.writerow([w, *("X" if c in words[w] else "" for c in order)])


def _write_yaml(plan: list[tuple[Entry, list[str]]], path: Path) -> None:
    tree: dict[str, dict[str, list[str]]] = {}
    for concept, valence in _category_order(plan):
        tree.setdefault(concept, {})[_VALENCE_KEYS[valence]] = []
    for e, texts in plan:
        bucket = tree[e.concept][_VALENCE_KEYS[e.valence]]
        bucket.extend(t for t in texts if t not in bucket)
    # safe_dump quotes every word that a YAML 1.1 reader would turn into a boolean, number or date
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    path.write_text(text, encoding="utf-8", newline="\n")


def _write_csv(entries: list[Entry], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for e in entries:
            writer.writerow(
                [
                    e.id,
                    e.concept,
                    e.valence,
                    e.kind,
                    json.dumps(e.value, ensure_ascii=False) if e.kind == "pattern" else e.value,
                    repr(float(e.weight)),
                    *(
                        json.dumps(list(v), ensure_ascii=False) if v else ""
                        for v in (e.exclude, e.examples, e.counter_examples)
                    ),
                    str(e.gap) if e.gap else "",
                    e.note,
                    e.source,
                ]
            )


def write_dictionary(
    lexicon_or_entries: Lexicon | Entry | Iterable[Lexicon | Entry],
    path: str | Path,
    fmt: str | None = None,
) -> list[str]:
    """Write a lexicon (or entries, or several lexicons) as LIWC, LIWC-22, quanteda YAML, CSV or TOML.

    ``fmt`` is inferred from the suffix of ``path`` as in :func:`read_dictionary`. CSV and TOML keep
    every field. The word-list formats hold concept and valence as category names (``trust_pos`` in
    LIWC and LIWC-22, nested ``trust: {positive: [...]}`` in YAML), terms and wildcards as words,
    lemmas and literal patterns spelled out as the word forms they match; entries they cannot hold
    without changing what they match are skipped. Returns one message per kind of loss, each also
    issued as a :class:`LexiconFormatWarning`.
    """
    path = Path(path)
    kind = _resolve_format(path, fmt)
    entries, lexicons = _collect(lexicon_or_entries)
    messages = _loss_warnings(entries, lexicons, kind, str(path))
    if kind == "toml":
        languages = sorted({e.language for e in entries if e.language} | {lx.language for lx in lexicons})
        if len(languages) > 1:
            msg = f"a TOML lexicon has one language; the entries have {', '.join(languages)}"
            raise LexiconError(msg, path=str(path))
        first = lexicons[0] if len(lexicons) == 1 else None
        lex = Lexicon(
            name=first.name if first else path.stem,
            language=languages[0] if languages else "",
            version=first.version if first else _IMPORT_VERSION,
            entries=entries,
            description=first.description if first else "",
            license=first.license if first else "",
            codebook=first.codebook if first else "",
        )
        write_toml(lex, path)
    elif kind == "csv":
        _write_csv(entries, path)
    else:
        plan, plan_messages = _export_plan(entries, kind, str(path))
        messages = plan_messages + messages
        {"liwc": _write_liwc, "dicx": _write_dicx, "yaml": _write_yaml}[kind](plan, path)
    _warn(messages)
    return messages
