"""Terms a referent taxonomy file gives twice, for ``trustlex lexicon check`` (:func:`repeated_terms`).

Reading and validating the file is :mod:`trustlex.lexicon.referents`; this
module finds the terms the taxonomy cannot hold twice and the line of each.
"""

from __future__ import annotations

from pathlib import Path

from trustlex.errors import LexiconError
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.referents import _parse_referent, term_slot
from trustlex.lexicon.toml_fields import _field_line, _header_lines

__all__ = ["repeated_terms"]


def repeated_terms(path: str | Path) -> list[tuple[int, str]]:
    """Return (line, message) for every term a referent file gives again, for ``trustlex lexicon check``.

    A term given to two referents is a slip the taxonomy cannot hold: the
    later table wins and the earlier referent never gets it. A term given
    twice to one referent is harmless but a repeat. Both are reported as
    ``duplicate`` problems at the repeat's line, naming the first, as
    duplicate entries of concept lexicons are; loading is not refused,
    again as for those. Broken tables are left to the schema check.

    Parameters
    ----------
    path : str or Path
        A referent taxonomy file (see :func:`load_referent_file`).

    Returns
    -------
    list of tuple
        (line, message) per repeated term, in file order.
    """
    data, text = _read_toml(Path(path))
    tables = data.get("referent", [])
    if not isinstance(tables, list):
        return []
    lines = _header_lines(text, "referent")
    first: dict[tuple, tuple[str, int]] = {}
    out: list[tuple[int, str]] = []

    def err(name: str, message: str) -> None:
        raise LexiconError(message, field=name)

    for i, raw in enumerate(tables):
        header = lines[i] if i < len(lines) else 1
        try:
            rid, terms, _ = _parse_referent(raw, err)
        except LexiconError:
            continue
        seen: dict[tuple[str, bool], int] = {}  # a term said twice in one table is found twice
        for term, lemma, _ in terms:
            key = term_slot(term, lemma)
            seen[term, lemma] = seen.get((term, lemma), 0) + 1
            at = _term_line(text, header, "lemmas" if lemma else "terms", term, seen[term, lemma])
            if key not in first:
                first[key] = (rid, at)
                continue
            was, where = first[key]
            if was == rid:
                msg = f"referent {i + 1} ({rid}): term {term!r} repeats the one at line {where}; remove one"
            else:
                msg = (
                    f"referent {i + 1} ({rid}): term {term!r} is also a term of {was} at line {where}; "
                    f"the later table wins, so it never mentions {was}: give it to one referent only"
                )
            out.append((at, msg))
    return out


def _term_line(text: str, header: int, field: str, term: str, nth: int = 1) -> int:
    """Return the line of the ``nth`` ``term`` in the ``field`` list of the table at ``header``.

    The field's line when the term is not found as written (a TOML escape in it).
    """
    start = _field_line(text, header, field)
    lines = text.splitlines()
    quoted = (f'"{term}"', f"'{term}'")
    for i in range(start - 1, len(lines)):
        if i >= start and lines[i].lstrip().startswith("["):
            break  # the next table
        nth -= sum(lines[i].count(q) for q in quoted)
        if nth <= 0:
            return i + 1
    return start
