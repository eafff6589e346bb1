"""Entry ids across lexicon files: each id names one entry among all lexicons loaded together.

Within one file :func:`~trustlex.lexicon.schema.read_lexicon_file` refuses a
repeated id; this module checks the files a pipeline (or ``lexicon check``)
takes together, since a row's ``entry_ids`` is the only evidence of why a tag
fired and must point at one entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from trustlex.errors import LexiconError
from trustlex.lexicon.model import Entry, Lexicon
from trustlex.lexicon.resources import is_shipped


def id_clashes(lexicons: Iterable[Lexicon]) -> list[LexiconError]:
    """Return one error per entry whose id an entry of an earlier, other lexicon file already has.

    Lexicons are taken in order; an entry clashes when its id was first seen on
    an entry that differs from it in more than its file. The same file given
    twice (``en/*`` and ``en/trust``), or its copy saved with a pipeline, is no
    clash: the id still names one entry. Each error is placed at the later
    entry and names both files, their lines and the id; where one of the two
    is a shipped lexicon's and the other your own, at your own entry, which
    is the one to change, whichever file came first.

    Parameters
    ----------
    lexicons : iterable of Lexicon
        The lexicons loaded together, in the order they are loaded.

    Returns
    -------
    list of LexiconError
        The clashes, in load order; empty when every id names one entry.

    Examples
    --------
    >>> from trustlex import Entry, Lexicon
    >>> a = Lexicon("a", "en", "1", path="a.toml")
    >>> a.entries = [Entry("en:x", "trust", "+", "term", "faith", path="a.toml", line=6)]
    >>> b = Lexicon("b", "en", "1", path="b.toml")
    >>> b.entries = [Entry("en:x", "trust", "-", "term", "gaslighting", path="b.toml", line=9)]
    >>> [(err.path, err.line, err.field) for err in id_clashes([a, b])]
    [('b.toml', 9, 'id')]
    >>> print(id_clashes([a, b])[0].detail[:58])
    entry id 'en:x' is already the id of an entry at a.toml:6
    >>> id_clashes([a, a])  # one file given twice
    []
    """
    first: dict[str, tuple[Entry, Lexicon]] = {}
    out: list[LexiconError] = []
    for lex in lexicons:
        for entry in lex.entries:
            other, earlier = first.setdefault(entry.id, (entry, lex))
            if replace(other, path="") == replace(entry, path=""):
                continue
            here, here_lex, there, there_lex = entry, lex, other, earlier
            if is_shipped(lex.path) and not is_shipped(earlier.path):  # the own entry is the one to change
                here, here_lex, there, there_lex = other, earlier, entry, lex
            msg = (
                f"entry id {here.id!r} is already the id of an entry at {there.where} "
                f"(lexicon {there_lex.label}); ids must be unique across the lexicons loaded together, "
                "so that a row's entry_ids names one entry: give one of them another 'id'"
            )
            out.append(LexiconError(msg, path=here_lex.path, line=here.line, field="id"))
    return out
