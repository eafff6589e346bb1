"""Markdown (``.md``): the file's text, its headings, table cells and rows and numbered items bounded.

Markdown is read as plain text, so offsets stay those of the file; only
characters that are markup, not words, are changed, one for one. A line
break that ends or starts a heading, a numbered list item or a table row,
and a pipe between table cells, becomes U+2029 (PARAGRAPH SEPARATOR),
which ends a sentence as a blank line does (:mod:`trustlex.lang.sentences`);
a table's delimiter row (``|---|:--:|``), a setext underline and a
thematic break become spaces. So, as in an HTML page, "No trust" in one
cell or row does not reach the next, and three rows about trust stay three
units. Bullet items (``- item``) are left alone: the sentence rule already
makes each a sentence shown, within the list's context sentence. Fenced
code blocks are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from trustlex.readers.clean import _blocks
from trustlex.readers.results import TextDocument
from trustlex.readers.text import read_plain

PARAGRAPH = "\u2029"
_MAX_LINE = 1 << 20  # characters: a longer line is passed on in parts, as prose

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_NUMBERED = re.compile(r" {0,3}\d{1,9}[.)](?:[ \t]|$)")
_RULE = re.compile(r" {0,3}(?:=+|-{2,}|(?:[-*_][ \t]*){3,})[ \t]*$")
_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")


class _Line:
    __slots__ = ("body", "closes", "end", "whole")

    def __init__(self, body: str, end: str, whole: bool) -> None:
        self.body = body
        self.end = end  # "\n", or "" at the end of the file or of a part of an over-long line
        self.whole = whole  # starts at a line start (a part of an over-long line does not)
        self.closes = False  # ends a block: bounded when a line with text follows (a blank one bounds it)

    def bound(self) -> None:
        if self.end == "\n":
            self.end = PARAGRAPH


def _lines(pieces: Iterable[str]) -> Iterator[_Line]:
    """Split a stream of text into lines, cutting one over :data:`_MAX_LINE` characters into parts."""
    buf = ""
    whole = True
    for piece in pieces:
        buf += piece
        start = 0
        while (nl := buf.find("\n", start)) >= 0:
            yield _Line(buf[start:nl], "\n", whole)
            whole = True
            start = nl + 1
        buf = buf[start:]
        if len(buf) > _MAX_LINE:
            yield _Line(buf, "", whole)
            whole, buf = False, ""
    if buf:
        yield _Line(buf, "", whole)


def _cells(body: str) -> str:
    return _PIPE.sub(PARAGRAPH, body)


class _State:
    """Where the lines read so far leave off: in a code fence, a table, a numbered list."""

    def __init__(self) -> None:
        self.fence = ""  # the open code fence's marker
        self.table = False
        self.numbered = False  # in a numbered list: a wrapped line "2020. We ..." elsewhere is no item

    def mark(self, line: _Line, held: list[_Line]) -> None:
        """Change ``line`` (and the lines ``held`` before it) where it bounds a block."""
        body = line.body
        if not line.whole:
            if self.table:
                line.body = _cells(body)
        elif self.fence:
            closing = body.strip()
            if closing.startswith(self.fence) and not closing.strip(self.fence[0]):
                self.fence = ""
        elif match := _FENCE.match(body):
            self.fence, self.table = match.group(1), False
        elif self.table and body.strip() and _PIPE.search(body):
            line.body = _cells(body)
            line.closes = True
        else:
            self.table = False
            self._block(line, held)

    def _block(self, line: _Line, held: list[_Line]) -> None:
        body = line.body
        prev = held[-1] if held else None
        item = _NUMBERED.match(body)
        if item:
            first = item.group().strip()[:-1] == "1"
            self.numbered = self.numbered or first or prev is None or not prev.body.strip()
        elif body.strip() and not body[:1].isspace():
            self.numbered = False
        header = prev is not None and prev.whole and prev.end == "\n" and _PIPE.search(prev.body)
        if header and _DELIMITER.match(body) and "-" in body:
            self.table = True
            assert prev is not None  # a header is a previous line
            prev.body = _cells(prev.body)
            prev.bound()
            if len(held) > 1 and held[-2].body.strip():
                held[-2].bound()
            line.body = " " * len(body)
            line.closes = True
        elif _HEADING.match(body) or (item and self.numbered):
            if prev is not None and prev.body.strip():
                prev.bound()
            line.closes = bool(_HEADING.match(body))
        elif prev is not None and _RULE.match(body):
            line.body = " " * len(body)


def bound_blocks(pieces: Iterable[str]) -> Iterator[str]:
    r"""Yield Markdown text with its block boundaries marked, every character kept in place.

    See the module's docstring for what is changed. Lines are held back two
    at a time (a table is known at its second line, and the break before
    its header changes too), so a stream of any size is read in bounded
    memory.

    Parameters
    ----------
    pieces : iterable of str
        The text, in pieces of any size, line breaks as ``"\n"``.

    Returns
    -------
    Iterator[str]
        The text, its lines in order; joined, as long as the input.

    Examples
    --------
    >>> "".join(bound_blocks(["# Lack of\nTrust is high.\n"])) == "# Lack of\u2029Trust is high.\n"
    True
    >>> "".join(bound_blocks(["| A | no |\n|---|---|\n| B | yes |"]))
    '\u2029 A \u2029 no \u2029\u2029         \u2029\u2029 B \u2029 yes \u2029'
    """
    state = _State()
    held: list[_Line] = []
    for line in _lines(pieces):
        if held and held[-1].closes and line.body.strip():
            held[-1].bound()
        state.mark(line, held)
        held.append(line)
        if len(held) > 2:
            first = held.pop(0)
            yield first.body + first.end
    for line in held:
        yield line.body + line.end


def read_markdown(path: str | Path, display: str) -> TextDocument:
    """Read a Markdown file as blocks, its headings, table cells and rows and numbered items bounded.

    The file is read as :func:`~trustlex.readers.text.read_plain` reads it
    (codec guessed, small files whole, large ones streamed); then
    :func:`bound_blocks` turns the markup between blocks into sentence
    boundaries, character for character, so offsets are the file's.

    Parameters
    ----------
    path : str or Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The text in blocks of at most ``BLOCK_CHARS`` characters, and the codec used.

    Raises
    ------
    ReadError
        As :func:`~trustlex.readers.text.read_plain`.
    """
    plain = read_plain(path, display)
    return TextDocument(blocks=_blocks(bound_blocks(plain.blocks)), encoding=plain.encoding, note=plain.note)
