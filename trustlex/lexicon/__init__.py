"""Lexicons: the in-memory model, the TOML schema, the shipped lexicons and foreign formats.

- :mod:`trustlex.lexicon.model`: :class:`Entry`, :class:`Lexicon`, :class:`Cue`, :class:`ContextRules`,
  :class:`ClauseWords`.
- :mod:`trustlex.lexicon.schema` (:func:`load_lexicon_file`) and
  :mod:`trustlex.lexicon.context_file` (:func:`load_context_file`), which check a closed
  schema and raise :class:`~trustlex.errors.LexiconError` naming file, line, entry and field
  (see ``lexicons/README.md``).
- :mod:`trustlex.lexicon.reading`: reading files without trusting them (encoding, TOML, depth bounds).
- :mod:`trustlex.lexicon.resources`: where the shipped lexicons are, and lexicon names to files.
- :mod:`trustlex.lexicon.formats`: LIWC, LIWC-22, quanteda YAML, CSV and TOML, read and write.
"""

from __future__ import annotations

from trustlex.lexicon.context_file import load_context_file
from trustlex.lexicon.model import (
    CLAUSE_KEYS,
    CUE_KINDS,
    DIRECTIONS,
    MATCH_KINDS,
    ClauseWords,
    ContextRules,
    Cue,
    Entry,
    Lexicon,
    _default_id,
)
from trustlex.lexicon.reading import (
    MAX_NESTING,
    _check_nesting,
    _escaped,
    _read_bytes,
    _read_toml,
    _toml_too_deep,
    _too_deep,
)
from trustlex.lexicon.schema import (
    CONTEXT_HEADER_FIELDS,
    CUE_FIELDS,
    ENTRY_FIELDS,
    HEADER_FIELDS,
    MIN_WILDCARD_CHARS,
    _parse_entry,
    check_wildcard,
    load_lexicon_file,
    read_lexicon_file,
)
from trustlex.lexicon.toml_fields import (
    _as_str_list,
    _check_unknown,
    _field_line,
    _header_lines,
    _table_line,
)

__all__ = [
    "CLAUSE_KEYS",
    "CONTEXT_HEADER_FIELDS",
    "CUE_FIELDS",
    "CUE_KINDS",
    "DIRECTIONS",
    "ENTRY_FIELDS",
    "HEADER_FIELDS",
    "MATCH_KINDS",
    "MAX_NESTING",
    "MIN_WILDCARD_CHARS",
    "ClauseWords",
    "ContextRules",
    "Cue",
    "Entry",
    "Lexicon",
    "_as_str_list",
    "_check_nesting",
    "_check_unknown",
    "_default_id",
    "_escaped",
    "_field_line",
    "_header_lines",
    "_parse_entry",
    "_read_bytes",
    "_read_toml",
    "_table_line",
    "_toml_too_deep",
    "_too_deep",
    "check_wildcard",
    "load_context_file",
    "load_lexicon_file",
    "read_lexicon_file",
]
