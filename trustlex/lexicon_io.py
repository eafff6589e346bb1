"""Shim: removed when the refactor is merged."""

from trustlex.errors import LexiconFormatWarning
from trustlex.lexicon.formats import (
    CSV_COLUMNS,
    FORMATS,
    MAX_PHRASES,
    read_dictionary,
    write_dictionary,
    write_toml,
)
from trustlex.lexicon.formats.globs import _glob_regex, _regex_glob
from trustlex.lexicon.formats.toml import _toml_string
from trustlex.lexicon.formats.wordlists import _default_target
from trustlex.lexicon.formats.yaml import _StringLoader

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "MAX_PHRASES",
    "LexiconFormatWarning",
    "_StringLoader",
    "_default_target",
    "_glob_regex",
    "_regex_glob",
    "_toml_string",
    "read_dictionary",
    "write_dictionary",
    "write_toml",
]
