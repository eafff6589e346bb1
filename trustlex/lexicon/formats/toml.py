"""trustlex TOML, the lexicon's own format: read as a dictionary, and write lexicons and entries.

Reading is :func:`~trustlex.lexicon.schema.load_lexicon_file`; this module adds
the writer that it reads back losslessly, and :func:`entries_toml` for
``[[entry]]`` tables without a header (to paste into a lexicon).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trustlex.concepts import LANGUAGES
from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import _IMPORT_VERSION
from trustlex.lexicon.model import Entry, Lexicon, _default_id
from trustlex.lexicon.schema import load_lexicon_file

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


def _entry_lines(e: Entry, language: str, *, single_strings: bool = False) -> list[str]:
    """Return one ``[[entry]]`` table: an id only where it is not the default, a weight only if not 1.0.

    With ``single_strings``, a list field of one item is written as that string, as people write it.
    """
    lines = ["[[entry]]"]
    if e.id != _default_id(language, e.concept, e.kind, e.value, e.valence):
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
            value = values[0] if single_strings and len(values) == 1 else list(values)
            lines.append(f"{key} = {_toml_value(value)}")
    for key in ("note", "source"):
        if getattr(e, key):
            lines.append(f"{key} = {_toml_string(getattr(e, key))}")
    return lines


def _toml_text(lexicon: Lexicon) -> str:
    lines = ["[lexicon]"]
    for key in ("name", "language", "version", "codebook", "license", "description"):
        value = getattr(lexicon, key)
        if value or key in ("name", "language", "version"):
            lines.append(f"{key} = {_toml_string(value)}")
    for e in lexicon.entries:
        lines += ["", *_entry_lines(e, lexicon.language)]
    return "\n".join(lines) + "\n"


def entries_toml(
    entries: Iterable[Entry], language: str, *, commented: bool = False, single_strings: bool = False
) -> str:
    """Return entries as ``[[entry]]`` tables, without a ``[lexicon]`` header, to paste into a lexicon.

    Parameters
    ----------
    entries : iterable of Entry
        The entries. An empty ``id`` stands for the default one and, like
        the default one, is not written.
    language : str
        The language of the lexicon they go into, which the default ids contain.
    commented : bool, default False
        Write every line as a comment (``# concept = ...``), so that a reviewer
        uncomments the tables they accept.
    single_strings : bool, default False
        Write ``exclude``, ``example`` and ``counter_example`` of one item as
        that string (``example = "..."``) rather than a list; both load the same.

    Returns
    -------
    str
        The tables separated by blank lines, ending in a newline; ``""`` for no entries.
        Each table is written as :func:`write_toml` writes it.

    Examples
    --------
    >>> e = Entry(id="", concept="trust", valence="+", kind="term", value="vertrouwen")
    >>> print(entries_toml([e], "nl", commented=True), end="")
    # [[entry]]
    # concept = "trust"
    # valence = "+"
    # term = "vertrouwen"
    """
    lines: list[str] = []
    for entry in entries:
        named = entry.id or _default_id(language, entry.concept, entry.kind, entry.value, entry.valence)
        table = _entry_lines(dataclasses.replace(entry, id=named), language, single_strings=single_strings)
        lines += [""] * bool(lines) + ([f"# {line}" for line in table] if commented else table)
    return "\n".join(lines) + "\n" if lines else ""


def write_toml(lexicon: Lexicon, path: str | Path) -> Path:
    """Write ``lexicon`` as a trustlex TOML file that :func:`~trustlex.lexicon.load_lexicon_file` reads back.

    Loading the written file gives entries equal to ``lexicon.entries`` (apart from where they were
    read from: path, line and the lexicon label). An ``id`` is written only where it differs from the
    default one, a weight only where it is not 1.0.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon to write.
    path : str or Path
        The ``.toml`` file to write.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    LexiconError
        When the lexicon cannot make a valid file (no name or version, unknown language, duplicate ids).
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


def read_toml(path: Path, *, language: str, name: str | None) -> Lexicon:
    """Load a trustlex TOML lexicon as a dictionary: it must be in ``language``; ``name`` renames it."""
    lex = load_lexicon_file(path)
    if lex.language != language:
        msg = f"the file's [lexicon] says language {lex.language!r}, but language={language!r} was given"
        raise LexiconError(msg, path=str(path))
    if name and name != lex.name:
        lex.name = name
        lex.entries = [dataclasses.replace(e, lexicon=lex.label) for e in lex.entries]
    return lex


def write_toml_entries(entries: list[Entry], lexicons: list[Lexicon], path: Path) -> None:
    """Write entries of one language as a TOML lexicon; the header is that of ``lexicons`` if there is one."""
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
