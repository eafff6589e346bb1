"""Globs, the common ground of the word-list formats: parsing, writing, and regexes both ways.

A glob is a tuple of tokens; a token is a tuple of atoms. One-character atoms
are literal characters; ``_STAR`` and ``_ANY`` are the two wildcards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Glob atoms: one-character strings are literal characters; these two are the wildcards.
_STAR = "\x00*"
_ANY = "\x00?"
_WILD = (_STAR, _ANY)
Glob = tuple[tuple[str, ...], ...]


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
