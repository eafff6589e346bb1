"""Reading lexicon and dictionary files without trusting them: bytes, UTF-8, TOML, nesting depth.

Lexicon files come from people and other tools. The parsers (tomllib, PyYAML,
json) recurse a few frames a level, so a file nesting far deeper than any
lexicon needs would end in a RecursionError rather than a message naming the
file and line. The depth checks here refuse such files first, in linear time
and without recursion.
"""

from __future__ import annotations

import re
import tomllib
from itertools import accumulate
from pathlib import Path
from typing import Any, NoReturn

from trustlex.errors import LexiconError
from trustlex.lexicon.cache import cache_dir, cache_key, read_cached, write_cached

# How deep lists and tables may nest in a lexicon file (a pattern entry needs 7 levels). The parsers
# recurse a few frames a level, so a much deeper file would end in a RecursionError, not a message.
MAX_NESTING = 100
# What tomllib treats specially outside strings and comments, as far as nesting goes.
_TOML_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=,.\n]")
_TOML_BASIC_REST = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*"?')
_TOML_LITERAL_REST = re.compile(r"[^'\n]*'?")
_TOML_SKIPPED = frozenset(('"""', "'''", '"', "'", "#"))
# The strings and comments that scan skips, as one regular expression (which re.sub drops in C):
# multiline strings (an escaped quote is content; up to two quotes before the closing three belong to
# it; unclosed: the rest of the text), one-line strings (closed or up to the line's end), comments.
_TOML_TEXT = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:""""{0,2}|\Z)'
    r"|'''[\s\S]*?(?:''''{0,2}|\Z)"
    r'|"(?:[^"\\\n]|\\.)*"?'
    r"|'[^'\n]*'?"
    r"|#[^\n]*"
)
_TOML_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOML_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class _TomlDepth:
    """Where a scan of TOML text stands: open brackets, whether it is inside a key, and the line."""

    __slots__ = ("brackets", "dots", "in_key", "line")

    def __init__(self) -> None:
        self.brackets: list[str] = []
        self.in_key = True
        self.dots = 0
        self.line = 1


def _toml_surely_shallow(text: str) -> bool:
    """Return True when TOML ``text`` cannot nest as deep as :func:`_toml_too_deep` refuses (a bound).

    With strings and comments dropped, the running sum of brackets (+1 open, -1 close) is the depth
    the scan follows as long as it never goes below zero (a closer too many: left to the scan); a
    dotted key has no more parts than the dots between two '='. These are C-level passes over the
    text, where the scan takes a Python step per token; False leaves the answer to that scan.
    """
    bare = _TOML_TEXT.sub("", text)
    if bare.count(".") >= MAX_NESTING and max(part.count(".") for part in bare.split("=")) >= MAX_NESTING:
        return False
    brackets = _TOML_NOT_BRACKET.sub("", bare)
    if not brackets:
        return True
    depths = list(accumulate(map(_TOML_STEP.__getitem__, brackets)))
    return min(depths) >= 0 and max(depths) <= MAX_NESTING


def _toml_too_deep(text: str) -> int | None:
    """Return the line where TOML nests deeper than MAX_NESTING, or None.

    Counts open arrays and inline tables (tomllib recurses into each) and the parts of one dotted key
    (tomllib takes time quadratic in them), skipping strings and comments as tomllib does. Linear time.
    A bound (:func:`_toml_surely_shallow`) clears a common file without the token-by-token scan.
    """
    return None if _toml_surely_shallow(text) else _toml_scan(text)


def _toml_scan(text: str) -> int | None:
    """:func:`_toml_too_deep` token by token: the line where the text nests too deep, or None."""
    state = _TomlDepth()
    pos = 0
    while (m := _TOML_TOKEN.search(text, pos)) is not None:
        token, pos = m.group(), m.end()
        if token in _TOML_SKIPPED:
            pos = _skip_toml_text(text, token, pos, state)
            if pos < 0:
                return None  # an unterminated string: tomllib says so
        elif _toml_structure_too_deep(token, state):
            return state.line
    return None


def _skip_toml_text(text: str, token: str, pos: int, state: _TomlDepth) -> int:
    """Return the position after the comment or string that ``token`` opens, or -1 when it never ends."""
    if token == "#":
        end = text.find("\n", pos)
        return len(text) if end < 0 else end
    if token == '"':
        return _TOML_BASIC_REST.match(text, pos).end()  # type: ignore[union-attr]
    if token == "'":
        return _TOML_LITERAL_REST.match(text, pos).end()  # type: ignore[union-attr]
    end = text.find(token, pos)
    while end >= 0 and token == '"""' and _escaped(text, end):
        end = text.find(token, end + 1)  # an escaped quote is content
    if end < 0:
        return -1
    stop = end + 3
    while stop < len(text) and stop - end < 5 and text[stop] == token[0]:
        stop += 1  # up to two quotes of the content may stand right before the closing three
    state.line += text.count("\n", pos, stop)
    return stop


def _toml_structure_too_deep(token: str, state: _TomlDepth) -> bool:
    """Follow one newline, bracket, '=', ',' or '.' outside strings; True when it nests too deep."""
    brackets = state.brackets
    if token == "\n":
        state.line += 1
        if not brackets:
            state.in_key, state.dots = True, 0
    elif token in "[{":
        brackets.append(token)
        if len(brackets) > MAX_NESTING:
            return True
        if token == "{":
            state.in_key, state.dots = True, 0
    elif token in "]}":
        if brackets:
            brackets.pop()
        state.in_key = False
    elif token == "=":
        state.in_key, state.dots = False, 0
    elif token == ",":
        if brackets and brackets[-1] == "{":
            state.in_key, state.dots = True, 0
    elif state.in_key:  # a '.' between the parts of a (table header's) key
        state.dots += 1
        if state.dots >= MAX_NESTING:
            return True
    return False


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


def _read_bytes(path: Path, what: str) -> bytes:
    """Return a file's bytes; an unreadable file is a LexiconError naming it (``what``: its kind)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"cannot read {what} file: {exc.strerror or exc}"
        raise LexiconError(msg, path=str(path)) from exc


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file, turning syntax errors into a LexiconError with the line; return (data, text).

    The parsed content of a file that parsed without error is kept in the user's cache folder
    (:mod:`trustlex.lexicon.cache`), keyed by the file's bytes: the same bytes read again are not
    parsed again. The text is always the file's own, so messages name its lines as before.
    """
    raw = _read_bytes(path, "lexicon")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        msg = (
            f"lexicon files must be UTF-8 encoded: byte 0x{raw[exc.start]:02x} at column {column} is not "
            "UTF-8 (the file was saved as Latin-1 or Windows-1252?); save the file as UTF-8 in your editor"
        )
        raise LexiconError(msg, path=str(path), line=line) from exc
    folder = cache_dir()
    key = cache_key(raw) if folder is not None else ""
    cached = read_cached(folder, key)
    if cached is not None:  # a cache file nesting deeper than a TOML file may is not read (see read_cached)
        return cached, text
    data = _parse_toml(path, text)
    write_cached(folder, key, data)
    return data, text


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML ``text`` read from ``path``, refusing deep nesting; errors name the file and line."""
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
    return data
