"""LIWC-22 ``.dicx`` dictionaries: read and write.

A ``.dicx`` file is a CSV table: the first column ``DicTerm`` holds the words,
every other column is a category, and a mark in a cell puts the word in it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import Plan, _all_of, _category, _category_order, _csv_rows, _Source


def read_dicx(text: str, path: str) -> _Source:
    """Read the categories and words of a LIWC-22 ``.dicx`` file's text (``path`` for messages).

    Every broken row (marks but no ``DicTerm``, more cells than the header
    names) is named in one error, each with its line, as the LIWC and YAML
    readers do; a file whose header is broken raises at once, since no row
    can be read without it.
    """
    src = _Source()
    header: list[str] | None = None
    problems: list[LexiconError] = []
    try:
        for lineno, row in _csv_rows(text):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                if row[0].strip().lower() != "dicterm":
                    msg = f"a LIWC-22 .dicx file's first column is 'DicTerm', found {row[0][:40]!r}"
                    raise LexiconError(msg, path=path, line=lineno)
                header = [c.strip() for c in row[1:]]
                for j, name in enumerate(header):
                    if not name:
                        msg = f"column {j + 2} has no category name"
                        raise LexiconError(msg, path=path, line=lineno)
                    src.categories.setdefault(name, ())
                continue
            word = row[0].strip()
            marks = [j for j, cell in enumerate(row[1:]) if cell.strip()]
            if not word:
                msg = "a row with category marks but no DicTerm"
                problems.append(LexiconError(msg, path=path, line=lineno, field="DicTerm"))
            elif marks and marks[-1] >= len(header):
                msg = f"row has {len(row)} cells but the header names only {len(header) + 1} columns"
                problems.append(LexiconError(msg, path=path, line=lineno))
            else:
                src.words.extend((header[j], word, lineno) for j in marks)
    except csv.Error as exc:
        raise LexiconError(f"invalid CSV: {exc}", path=path) from exc
    if header is None:
        msg = "empty LIWC-22 .dicx file"
        raise LexiconError(msg, path=path)
    if problems:
        raise _all_of(problems)
    return src


def write_dicx(plan: Plan, path: Path) -> None:
    """Write an export plan (entries with their words) as a LIWC-22 ``.dicx`` file at ``path``."""
    order = _category_order(plan)
    words: dict[str, set[tuple[str, str]]] = {}
    for e, texts in plan:
        for text in texts:
            words.setdefault(text, set()).add((e.concept, e.valence))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["DicTerm", *(_category(*c) for c in order)])
        for w in sorted(words):
            writer.writerow([w, *("X" if c in words[w] else "" for c in order)])
