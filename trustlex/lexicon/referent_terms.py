"""How a referent term is written versus how the tokenizers split it.

The English tokenizer splits a hyphen between letters off as a token of its
own ("co-workers" is "co", "-", "workers"); the Dutch one keeps the word
whole ("HR-afdeling"). A taxonomy term is matched word by word against the
tokens, so a term written with such a hyphen would match in one language
and never in the other: :func:`spaced_hyphens` gives the split spelling,
which :meth:`trustlex.lexicon.referents.Taxonomy.add_term` files beside the
written one.
"""

from __future__ import annotations

import re
from typing import Any

INFIX_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
MIN_AFFIX_CHARS = 4  # letters a wildcard term must hold


def spaced_hyphens(term: str) -> str | None:
    """Return ``term`` with every hyphen between letters as a word of its own, or None when it has none.

    "co-workers" gives "co - workers" and "top-management team" gives
    "top - management team", the tokens the English tokenizer makes of them.
    Wildcards are left alone (None): a compound wildcard matches inside one
    token, where a hyphen stays.

    Parameters
    ----------
    term : str
        A taxonomy term as written.

    Returns
    -------
    str or None
    """
    if "*" in term or not INFIX_HYPHEN.search(term):
        return None
    return INFIX_HYPHEN.sub(" - ", term.strip())


def check_term(term: str, err: Any, name: str) -> None:
    """Check one term of a ``[[referent]]`` table's ``name`` field; ``err(name, message)`` raises."""
    bare = term.strip()
    if not bare:
        err(name, f"'{name}' holds an empty term")
    if "*" in bare.strip("*") or (" " in bare and "*" in bare):
        err(name, f"term {term!r}: '*' is allowed only at the start or end of a single word")
    if bare.startswith("*") and bare.endswith("*"):
        err(name, f"term {term!r}: a wildcard is a prefix ('word*') or a suffix ('*word'), not both")
    if "*" in bare and len(bare.strip("*")) < MIN_AFFIX_CHARS:
        err(name, f"term {term!r}: a wildcard needs at least {MIN_AFFIX_CHARS} letters")
