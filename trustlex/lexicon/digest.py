"""A digest of a loaded lexicon or context file: what its entries (cues) match, not how the file is written.

A model records the digest of each lexicon its features come from, so that a
file edited under the same ``[lexicon]`` name and version is told apart from
the one the model was trained with. The digest is taken of the file as loaded
(:func:`~trustlex.load_lexicon_file`, :func:`~trustlex.lexicon.load_context_file`),
so whitespace inside values, comments, blank lines and the order of the keys of
a table do not change it; notes, sources, examples, descriptions and the lines
of entries do not either (they change no match). What an entry matches, its
concept, valence, weight, exclusions, gap and id do, and so does the order of
the entries (an earlier entry wins a tie).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

__all__ = ["content_digest"]

# fields of entries, lexicons, cues and context files that change no match: left out of the digest
_LEFT_OUT = frozenset(
    {
        "path",
        "line",
        "note",
        "source",
        "examples",
        "counter_examples",
        "lexicon",
        "description",
        "license",
        "codebook",
    }
)


def content_digest(loaded: Any) -> str:
    """Return the SHA-256 (hex) of a loaded Lexicon or ContextRules, as described in the module docstring.

    Parameters
    ----------
    loaded : Lexicon or ContextRules
        A file as loaded.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> from trustlex import Entry, Lexicon
    >>> a = Lexicon("mine", "en", "1.0", entries=[Entry("x", "trust", "+", "lemma", "rely", line=7)])
    >>> b = Lexicon("mine", "en", "1.0", entries=[Entry("x", "trust", "+", "lemma", "rely", note="!")])
    >>> content_digest(a) == content_digest(b)
    True
    >>> b.entries = [Entry("x", "trust", "-", "lemma", "rely")]
    >>> content_digest(a) == content_digest(b)
    False
    """
    text = json.dumps(_canonical(loaded), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    """Plain JSON values of ``value``: dataclasses as objects less _LEFT_OUT, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _LEFT_OUT
        }
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value
