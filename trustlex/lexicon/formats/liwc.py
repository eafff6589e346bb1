"""LIWC ``.dic`` dictionaries (LIWC2007, LIWC2015): read and write.

A ``.dic`` file has a header of numbered categories between two ``%`` lines,
then one word a line followed by the numbers of its categories. Only a
trailing ``*`` is a wildcard.
"""

from __future__ import annotations

import re
from pathlib import Path

from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import (
    Plan,
    _all_of,
    _category,
    _category_order,
    _plural,
    _shorten,
    _Source,
)

# the marks of LIWC2007's conditional codes ('134/125', '(02 134)126'); any other code is a number
_CONDITIONAL = re.compile(r"[/()]")


class _LiwcWords:
    """The word section's findings that are not words: skipped conditional codes, uncategorised lines."""

    def __init__(self) -> None:
        self.conditional: list[int] = []
        self.uncategorised: list[int] = []


def _read_category(stripped: str, numbers: dict[int, str], src: _Source, path: str, lineno: int) -> None:
    """Read one ``number<TAB>category`` header line into ``numbers`` and ``src``."""
    fields = [f.strip() for f in stripped.split("\t") if f.strip()]
    m = re.match(r"^(\d+)\s+(.+)$", stripped)
    if not m:
        msg = f"expected 'number<TAB>category' between the two '%' lines, found {stripped[:40]!r}"
        raise LexiconError(msg, path=path, line=lineno)
    number = int(m.group(1))
    name = fields[1] if len(fields) > 1 else m.group(2).strip()
    if number in numbers:
        msg = f"category number {number} is defined twice ({numbers[number]!r} and {name!r})"
        raise LexiconError(msg, path=path, line=lineno)
    numbers[number] = name
    src.categories.setdefault(name, ())


def _split_word_line(line: str, stripped: str) -> tuple[str, list[str]]:
    """Return (word, category codes); without tabs, the trailing numbers are the codes."""
    if "\t" in line:
        fields = line.split("\t")
        return fields[0].strip(), " ".join(fields[1:]).split()
    parts = stripped.split()
    k = len(parts)
    while k > 1 and parts[k - 1].isdigit():
        k -= 1
    return " ".join(parts[:k]), parts[k:]


def _read_word(
    line: str,
    stripped: str,
    numbers: dict[int, str],
    src: _Source,
    skipped: _LiwcWords,
    path: str,
    lineno: int,
) -> None:
    """Read one word line into ``src``, noting codes and lines it skips in ``skipped``."""
    word, codes = _split_word_line(line, stripped)
    if not word:
        msg = "a word line needs the word before its category numbers"
        raise LexiconError(msg, path=path, line=lineno)
    found = False
    for code in codes:
        if not code.isdigit() and _CONDITIONAL.search(code):
            skipped.conditional.append(lineno)  # LIWC2007's 'like'-style rules: 02 134/125/464
            continue
        if not code.isdigit():
            msg = f"word {word!r}: category code {code!r} is no number (nor a LIWC2007 rule like '134/125')"
            raise LexiconError(msg, path=path, line=lineno, field="category")
        if int(code) not in numbers:
            known = ", ".join(map(str, sorted(numbers))) or "none"
            msg = f"word {word!r} names category {code}, which the header does not define (defined: {known})"
            raise LexiconError(msg, path=path, line=lineno, field="category")
        src.words.append((numbers[int(code)], word, lineno))
        found = True
    if not found:
        skipped.uncategorised.append(lineno)


def _notes(skipped: _LiwcWords, path: str) -> list[str]:
    notes = []
    if skipped.conditional:
        notes.append(
            f"{path}: skipped {_plural(len(skipped.conditional), 'conditional category code')} "
            f"(LIWC2007 rules such as '134/125'; lines {_shorten([str(x) for x in skipped.conditional])})"
        )
    if skipped.uncategorised:
        notes.append(
            f"{path}: {_plural(len(skipped.uncategorised), 'word')} without a category skipped "
            f"(lines {_shorten([str(x) for x in skipped.uncategorised])})"
        )
    return notes


def read_liwc(text: str, path: str) -> _Source:
    """Read the categories and words of a LIWC ``.dic`` file's text.

    Parameters
    ----------
    text : str
        The file's text.
    path : str
        The file's path, for messages.

    Returns
    -------
    _Source
        Categories by name, words with their category and line, and notes on
        what was skipped (LIWC2007 conditional codes, words without a category).

    Raises
    ------
    LexiconError
        When the ``%`` sections are missing, or for the lines that break the
        format (a word naming an undefined category or a code that is no
        number, a bad category line): the first names its line, and its
        message lists every other such line, then what would have been skipped.
    """
    src = _Source()
    lines = text.splitlines()
    numbers: dict[int, str] = {}
    state = "start"
    skipped = _LiwcWords()
    problems: list[LexiconError] = []
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue
        if state == "start":
            if stripped != "%":
                msg = f"a LIWC .dic file starts with a '%' line, found {stripped[:40]!r}"
                raise LexiconError(msg, path=path, line=lineno)
            state = "header"
            continue
        if state == "header" and stripped == "%":
            state = "words"
            continue
        try:  # every broken line is named at once, not one per run
            if state == "header":
                _read_category(stripped, numbers, src, path, lineno)
            else:
                _read_word(line, stripped, numbers, src, skipped, path, lineno)
        except LexiconError as exc:
            problems.append(exc)
    if state != "words":
        msg = "the category header is not closed by a second '%' line" if numbers or state == "header" else ""
        problems.append(LexiconError(msg or "empty LIWC .dic file", path=path, line=len(lines) or None))
    if problems:
        raise _all_of(problems, _notes(skipped, path))
    src.notes.extend(_notes(skipped, path))
    return src


def write_liwc(plan: Plan, path: Path) -> None:
    """Write an export plan as a LIWC ``.dic`` file, one category per concept and valence.

    Parameters
    ----------
    plan : list of (Entry, list of str)
        Each entry with the words it is written as.
    path : Path
        The file to write.
    """
    order = _category_order(plan)
    numbers = {cat: i for i, cat in enumerate(order, 1)}
    words: dict[str, list[int]] = {}
    for e, texts in plan:
        for text in texts:
            cats = words.setdefault(text, [])
            if numbers[(e.concept, e.valence)] not in cats:
                cats.append(numbers[(e.concept, e.valence)])
    lines = ["%", *(f"{numbers[c]}\t{_category(*c)}" for c in order), "%"]
    lines += ["\t".join([w, *map(str, sorted(words[w]))]) for w in sorted(words)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
