r"""Paragraph and heading breaks of a PDF's text, from where its lines stand on the page.

A PDF's text layer has lines, not paragraphs: both libraries (pypdf,
PDFium) give each line of the page ending in one line break, so a heading,
the paragraph under it and the next heading ran together into one sentence
("Artikel 1\nBegripsomschrijvingen\nIn deze regels ..."), which no full stop
ends. The sentence rule ends a sentence at a blank line
(:mod:`trustlex.lang.sentences`), so a line break becomes a blank line where
the layout shows a new paragraph or heading:

- the gap to the next line is larger than the document's usual line step at
  that font size (more than :data:`GAP` times it), or the next line stands
  higher on the page (a new column or region);
- the font size changes by more than :data:`RESIZED` (a heading);
- the line ends short, with room for the next line's first word, and the
  next line opens like a paragraph: a capital, a list number or letter
  (``1.``, ``a.``, ``(2)``), a bullet, ``§``; or the line ends a sentence or
  clause (``.``, ``;``, ``:``, ``!``, ``?``) and the next goes on in lower case
  (a definition list: ``... verstaan onder:`` / ``de dienst: ...;``).

Lines wrapped inside a paragraph stay joined by one line break, and so do
a line ending in a hyphen and the line after it. Pages are apart by a blank
line, unless a sentence runs on from one to the next (:func:`join_lines`). Each library reports the
lines' baselines and font sizes (:class:`Line`); the same rules decide for
both, on the same text, so both give the same breaks on the same file. A line
whose place is unknown is joined as before.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

RESIZED = 0.15  # font sizes this share apart: a heading and the body (a code font is some 10% smaller)
GAP = 1.2  # a step between baselines this many times the usual one is a paragraph gap
_ROOM = 0.93  # a line ends short when it and the next word take less than this share of a full line
_MIN_LINES = 4  # lines of one font size needed to know a full line's length
_CLAUSE_ENDS = frozenset(".;:!?")  # a short line ending so, before one in lower case, ends a paragraph
_BULLETS = frozenset("§•·▪●‣➢→–—*-+")  # noqa: RUF001 - the dashes are list bullets


@dataclass(frozen=True)
class Line:
    """One line of a page's text and, when the library reports them, its baseline and font size.

    Attributes
    ----------
    text : str
        The line without its line break.
    y : float or None
        The baseline of its first letter or digit, in points up from the
        page's foot (see :func:`samples`).
    size : float or None
        Its font size: the median of the sizes at three of its characters
        (:func:`samples`), in points as printed (the text and graphics
        matrices applied).
    """

    text: str
    y: float | None = None
    size: float | None = None


def samples(text: str) -> tuple[int, int, int] | None:
    """Where a line's place is read: its first letter or digit, and the characters whose sizes are taken.

    The baseline is that of the first letter or digit (a bullet glyph may
    stand lower, in a font of its own); the font size is the median of the
    sizes at that character, the middle one and the last one, so a word in
    another font (inline code) at the line's start does not make it a heading.

    Parameters
    ----------
    text : str
        The line.

    Returns
    -------
    tuple of int or None
        The indexes of the first letter or digit (else the first character
        that is not a space), the middle and the last such character; None for
        a blank line.

    Examples
    --------
    >>> samples("• Item one")
    (2, 5, 9)
    """
    marks = [i for i, c in enumerate(text) if not c.isspace()]
    if not marks:
        return None
    first = next((i for i in marks if text[i].isalnum()), marks[0])
    after = [i for i in marks if i >= first]
    return first, after[len(after) // 2], after[-1]


def placed(text: str, y: float | None, sizes: Sequence[float | None]) -> Line:
    """The :class:`Line` of ``text`` with baseline ``y`` and the median of the known ``sizes``."""
    known = sorted(size for size in sizes if size)
    if y is None or not known:
        return Line(text)
    return Line(text, y, known[len(known) // 2])


def _key(size: float) -> float:
    return round(size * 2) / 2


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _usual_steps(pages: Sequence[Sequence[Line]]) -> dict[float, float]:
    """Per font size, the usual step between the baselines of consecutive lines of a paragraph."""
    steps: dict[float, Counter[float]] = defaultdict(Counter)
    for lines in pages:
        placed = [(ln.y, ln.size) for ln in lines if ln.y is not None and ln.size and ln.text.strip()]
        for (y, size), (next_y, next_size) in pairwise(placed):
            step = y - next_y
            if _key(size) == _key(next_size) and 0.5 * size < step <= 4 * size:
                steps[_key(size)][round(step * 2) / 2] += 1
    return {size: _line_step(counts) for size, counts in steps.items()}


def _line_step(counts: Counter[float]) -> float:
    """The step between lines of one paragraph: the smallest step that is common.

    Not the most common one: in a document of short paragraphs (articles
    of law, list items) the gap between paragraphs is more common than the
    step within one.
    """
    enough = max(2, 0.1 * sum(counts.values()))
    common = [step for step, n in counts.items() if n >= enough]
    return min(common) if common else counts.most_common(1)[0][0]


def _full_lengths(pages: Sequence[Sequence[Line]]) -> dict[float, float]:
    """Per font size, the length of a full line: the 90th percentile of the lines' lengths."""
    lengths: dict[float, list[int]] = defaultdict(list)
    for lines in pages:
        for line in lines:
            if line.size and line.text.strip():
                lengths[_key(line.size)].append(_length(line.text))
    full: dict[float, float] = {}
    for size, found in lengths.items():
        if len(found) >= _MIN_LINES:
            found.sort()
            full[size] = found[int(0.9 * (len(found) - 1))]
    return full


# what opens a list item: a number (``1.``, ``2)``, ``1.1``), a letter (``a.``, ``b)``), ``(2)``
_ITEM = re.compile(r"(?:\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+|[^\W\d_][.)]|\(\w{1,3}\))(?:\s|$)")


def _opens_paragraph(text: str) -> bool:
    """Whether a line opens as a paragraph or list item does: a capital, ``1.``, ``a)``, ``(2)``, a bullet."""
    text = text.lstrip()
    return text[0].isupper() or text[0] in _BULLETS or _ITEM.match(text) is not None


def _ends_clause(text: str, next_text: str) -> bool:
    """Whether a line ends a sentence or clause (``.``, ``;``, ``:``, ``!``, ``?``) before one in lower case.

    Such a line that ends short opens a paragraph in lower case (a definition ``de dienst: ...;``, a
    policy's ``we may ...``): on PDFs of 160 corpus documents, no wrapped line ended so with room left.
    """
    return text.rstrip()[-1] in _CLAUSE_ENDS and next_text.lstrip()[0].islower()


def _hyphenated(text: str) -> bool:
    end = text.rstrip()
    return len(end) >= 2 and end[-1] in "-\u00ad" and end[-2].isalpha()


def _break(a: Line, b: Line, steps: dict[float, float], full: dict[float, float]) -> bool:
    """Whether a paragraph or heading break stands between line ``a`` and the next line ``b``."""
    if not a.text.strip() or not b.text.strip() or _hyphenated(a.text):
        return False
    if a.y is None or b.y is None or not a.size or not b.size:
        return False
    if _resized(a.size, b.size):
        return True  # a heading's size, or the body's after it
    step = a.y - b.y
    if step < -0.5 * a.size:
        return True  # the next line stands higher: a new column or region
    if step <= 0.5 * a.size:
        return False  # on the same baseline: pieces of one line (cells of a table row)
    # sizes a little apart (a line mostly in a code font): the larger step and line length of the two
    known = [steps[k] for k in {_key(a.size), _key(b.size)} if k in steps]
    if known and step > GAP * max(known):
        return True
    lengths = [full[k] for k in {_key(a.size), _key(b.size)} if k in full]
    if not lengths or not (_opens_paragraph(b.text) or _ends_clause(a.text, b.text)):
        return False
    first_word = len(b.text.split()[0])
    return _length(a.text) + 1 + first_word < _ROOM * max(lengths)


def _resized(size: float, other: float) -> bool:
    """Whether two font sizes differ as a heading's and the body's do (inline code differs less)."""
    return abs(size - other) > max(0.5, RESIZED * max(size, other))


def join_lines(pages: Sequence[Sequence[Line]]) -> str:
    r"""Return the text of ``pages``: lines joined by a line break, or a blank line at a paragraph break.

    Pages are joined by a blank line, as before, unless a sentence runs on
    from one to the next (a page ending without a stop, the next going on in
    lower case): then by a line break. Only line breaks become blank lines;
    every character of the lines is kept as it is.

    Parameters
    ----------
    pages : sequence of sequence of Line
        Each page's lines in reading order.

    Returns
    -------
    str
        The text.

    Examples
    --------
    >>> lines = [Line("Artikel 1", 700, 14), Line("In deze regels wordt verstaan onder:", 680, 10)]
    >>> join_lines([lines])
    'Artikel 1\n\nIn deze regels wordt verstaan onder:'
    """
    steps, full = _usual_steps(pages), _full_lengths(pages)
    texts = []
    for lines in pages:
        parts = []
        for i, line in enumerate(lines):
            if i:
                parts.append("\n\n" if _break(lines[i - 1], line, steps, full) else "\n")
            parts.append(line.text)
        texts.append("".join(parts))
    out = texts[:1]
    for k in range(1, len(texts)):
        out.append("\n" if _runs_on(pages[k - 1], pages[k]) else "\n\n")
        out.append(texts[k])
    return "".join(out)


def _runs_on(page: Sequence[Line], next_page: Sequence[Line]) -> bool:
    """Whether a sentence runs on from ``page`` to ``next_page``.

    It does when the page's last line ends without a stop, colon or
    semicolon and the next page's first line goes on in lower case, in
    the same font size (or sizes unknown). Else the pages stay apart by a blank line.
    """
    last = next((line for line in reversed(page) if line.text.strip()), None)
    first = next((line for line in next_page if line.text.strip()), None)
    if last is None or first is None or page[-1] is not last or next_page[0] is not first:
        return False
    if last.text.rstrip()[-1] in ".!?:;" or not first.text.lstrip()[0].islower():
        return False
    if last.size and first.size and _resized(last.size, first.size):
        return False
    return not _ITEM.match(first.text.lstrip())
