"""Import dictionaries from other tools into trustlex lexicons, and export trustlex lexicons to them.

Formats, one module each: LIWC ``.dic`` (LIWC2007/2015, :mod:`.liwc`), LIWC-22
``.dicx`` (:mod:`.dicx`), quanteda YAML dictionaries (:mod:`.yaml`), trustlex's
own lossless CSV (:mod:`.csv`), and trustlex TOML (:mod:`.toml`). Categories
map to a concept and a valence through their names (``trust_pos``, nested
``trust: {negative: [...]}``) or an explicit ``category_map``
(:mod:`.wordlists`).

The rule on both sides is that an entry keeps what it matches or is left out
with a warning: an imported wildcard that trustlex's ``wildcard`` kind cannot
express exactly (too short, ``?``, a ``*`` inside a phrase) becomes a regex
``pattern``; an exported entry that the target format cannot express is
skipped and named (:mod:`.export`). Fields a format has no place for (weights,
exclusions, examples, ...) are reported once per kind of loss, as a
:class:`LexiconFormatWarning`, and returned by :func:`write_dictionary`.

A new format is one module here with a reader and a writer, an entry in
``FORMATS`` and ``_FORMAT_ALIASES`` (and ``common._FORMAT_NAMES``), and a line in
the dispatch of :func:`read_dictionary` and :func:`write_dictionary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from trustlex.concepts import LANGUAGES
from trustlex.errors import LexiconError, LexiconFormatWarning
from trustlex.lexicon.formats.common import _FORMAT_NAMES, _IMPORT_VERSION, _read_text, _warn
from trustlex.lexicon.formats.csv import CSV_COLUMNS, read_csv, write_csv
from trustlex.lexicon.formats.dicx import read_dicx, write_dicx
from trustlex.lexicon.formats.export import MAX_PHRASES, _collect, _export_plan, _loss_warnings
from trustlex.lexicon.formats.liwc import read_liwc, write_liwc
from trustlex.lexicon.formats.toml import entries_toml, read_toml, write_toml, write_toml_entries
from trustlex.lexicon.formats.wordlists import _entries_from_words
from trustlex.lexicon.formats.yaml import read_yaml, write_yaml
from trustlex.lexicon.model import Entry, Lexicon

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "MAX_PHRASES",
    "LexiconFormatWarning",
    "entries_toml",
    "read_dictionary",
    "write_dictionary",
    "write_toml",
]

FORMATS: dict[str, str] = {
    ".dic": "liwc",
    ".dicx": "dicx",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".csv": "csv",
    ".toml": "toml",
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
_WORD_READERS = {"liwc": read_liwc, "dicx": read_dicx, "yaml": read_yaml}
_WORD_WRITERS = {"liwc": write_liwc, "dicx": write_dicx, "yaml": write_yaml}


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


def read_dictionary(
    path: str | Path,
    fmt: str | None = None,
    *,
    language: str,
    name: str | None = None,
    category_map: Mapping[str, str | None] | None = None,
) -> Lexicon:
    """Read a dictionary in another format (LIWC, LIWC-22, quanteda YAML, CSV, TOML) as a trustlex Lexicon.

    Word-list formats map each category to a concept and valence by its name (``trust``, ``trust+``,
    ``trust_neg``, ``trust_positive``, nested ``trust: {negative: [...]}``, case-insensitive) or by
    ``category_map``. Words become ``term`` entries (split into tokens as trustlex's tokenizer
    does), ``word*`` with at least four letters a ``wildcard``, any other glob a regex ``pattern`` that
    matches exactly the same tokens. Guesses (encoding, skipped LIWC2007 rules) are reported as
    :class:`LexiconFormatWarning`.

    Parameters
    ----------
    path : str or Path
        The dictionary file.
    fmt : str, optional
        ``"liwc"``, ``"dicx"``, ``"yaml"``, ``"csv"`` or ``"toml"``; inferred from the suffix
        (``.dic``, ``.dicx``, ``.yml``/``.yaml``, ``.csv``, ``.toml``) when omitted.
    language : str
        The language every entry gets.
    name : str, optional
        The lexicon's name (default: the file's stem).
    category_map : mapping, optional
        ``{"category": "concept:valence"}``; ``None`` drops a category, the key ``"*"`` covers every
        category not named. Ignored, with a warning, for CSV and TOML.

    Returns
    -------
    Lexicon
        The entries, validated as a TOML lexicon's are.

    Raises
    ------
    LexiconError
        Naming file and line.
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
        return read_toml(path, language=language, name=name)
    lex = Lexicon(
        name=name or path.stem,
        language=language,
        version=_IMPORT_VERSION,
        path=spath,
        description=f"Imported from {path.name} ({_FORMAT_NAMES[kind]})",
    )
    text = _read_text(path)
    if kind == "csv":
        lex.entries = read_csv(text, spath, language=language, label=lex.label)
        return lex
    src = _WORD_READERS[kind](text, spath)
    lex.entries, notes = _entries_from_words(
        src, path=path, language=language, label=lex.label, category_map=category_map, qmark=kind == "yaml"
    )
    _warn(notes)
    return lex


def write_dictionary(
    lexicon_or_entries: Lexicon | Entry | Iterable[Lexicon | Entry],
    path: str | Path,
    fmt: str | None = None,
) -> list[str]:
    """Write a lexicon (or entries, or several lexicons) as LIWC, LIWC-22, quanteda YAML, CSV or TOML.

    CSV and TOML keep every field. The word-list formats hold concept and valence as category names
    (``trust_pos`` in LIWC and LIWC-22, nested ``trust: {positive: [...]}`` in YAML), terms and
    wildcards as words, lemmas and literal patterns spelled out as the word forms they match; entries
    they cannot hold without changing what they match are skipped.

    Parameters
    ----------
    lexicon_or_entries : Lexicon, Entry, or iterable of them
        What to write.
    path : str or Path
        The file to write.
    fmt : str, optional
        The format, inferred from the suffix of ``path`` as in :func:`read_dictionary`.

    Returns
    -------
    list of str
        One message per kind of loss, each also issued as a :class:`LexiconFormatWarning`.

    Raises
    ------
    LexiconError
        When the format is unknown, or a TOML file would hold several languages.
    """
    path = Path(path)
    kind = _resolve_format(path, fmt)
    entries, lexicons = _collect(lexicon_or_entries)
    messages = _loss_warnings(entries, lexicons, kind, str(path))
    if kind == "toml":
        write_toml_entries(entries, lexicons, path)
    elif kind == "csv":
        write_csv(entries, path)
    else:
        plan, plan_messages = _export_plan(entries, kind, str(path))
        messages = plan_messages + messages
        _WORD_WRITERS[kind](plan, path)
    _warn(messages)
    return messages
