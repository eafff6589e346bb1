"""Text utilities the readers and the scoring layers share.

Cutting text into blocks at line breaks and sentence ends (:func:`text_blocks`),
carrying whitespace across blocks (:func:`carry_whitespace`), blanking runs
that are not language (:func:`defuse`) and replacing lone surrogates
(:func:`clean_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

BLOCK_CHARS = 100_000
_READ_CHARS = 64 * 1024
_BREAK_SPACES = (" ", "\t", "\r", "\f", "\v", "\u00a0")

_SENTENCE_ENDS = (". ", "! ", "? ", ".\u00a0", '." ', ".) ")


def _cut(buf: str, limit: int) -> int:
    """Where to end the next block of ``buf``: after a newline, a sentence end, a space, else hard.

    A block boundary also ends a sentence for the scorer, so a negation
    must not land in one block and its concept in the next: a sentence end
    in the block's second half is preferred to a mere space.
    """
    newline = buf.rfind("\n", 0, limit)
    if newline >= 0:
        return newline + 1
    end = max(buf.rfind(mark, limit // 2, limit) for mark in _SENTENCE_ENDS)
    if end >= 0:
        return end + 2
    space = max(buf.rfind(c, 0, limit) for c in _BREAK_SPACES)
    if space > 0:
        return space + 1
    return limit


def _blocks(pieces: Iterable[str], limit: int = BLOCK_CHARS) -> Iterator[str]:
    """Re-cut a stream of text pieces into blocks of at most ``limit`` characters."""
    buf = ""
    for piece in pieces:
        buf += piece
        # Wait while the buffer fits: the next piece may still end the current line.
        while len(buf) > limit:
            cut = _cut(buf, limit)
            yield buf[:cut]
            buf = buf[cut:]
    if buf:
        yield buf


def _pieces(text: str) -> Iterator[str]:
    for i in range(0, len(text), _READ_CHARS):
        yield text[i : i + _READ_CHARS]


LONG_RUN = 1_000  # characters: a longer stretch without whitespace is not language
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def defuse(text: str) -> str:
    """Return ``text`` with every stretch of more than :data:`LONG_RUN` non-space characters blanked.

    Such a stretch (a base64 blob, a 5 MB "word") is not language, and
    spaCy's tokenizer can take very long over it. Blanking keeps every other
    character offset where it was.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        ``text`` itself when it has no such stretch, else a copy of the same length.

    Examples
    --------
    >>> defuse("ok " + "x" * 1001 + " ok") == "ok " + " " * 1001 + " ok"
    True
    """
    if len(text) <= LONG_RUN or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


def text_blocks(text: str, limit: int = BLOCK_CHARS) -> Iterator[str]:
    """Yield ``text`` in blocks of at most ``limit`` characters, cut at a line break, sentence end or space.

    A long text goes to spaCy block by block (its length limit, flat
    memory); cutting at whitespace keeps every word whole, and a sentence
    end is preferred to a bare space (see ``_cut``). Only a run of ``limit``
    characters without any whitespace is cut hard. An empty text gives no
    blocks.

    Parameters
    ----------
    text : str
        The text to cut.
    limit : int, optional
        The most characters in one block (``BLOCK_CHARS`` by default).

    Returns
    -------
    Iterator[str]
        The blocks; joined, they give ``text`` back.

    Examples
    --------
    >>> list(text_blocks("Een zin. Nog een zin.", limit=12))
    ['Een zin. ', 'Nog een zin.']
    """
    return _blocks(_pieces(text), limit)


_MAX_CARRY = 1_000  # characters of whitespace carried from one block into the next


def carry_whitespace(blocks: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Yield (text, offset in the document) per block, each block's trailing whitespace moved on.

    spaCy makes whitespace after a sentence's final stop a sentence of its
    own when nothing follows it; within one text it joins the next
    sentence. Moving it to the next block makes a document scored in
    blocks count exactly the sentences of the same document in one piece.
    Only the last :data:`_MAX_CARRY` characters of a longer run travel on
    (offsets still count the rest), so a million blank lines neither pile up
    past spaCy's length limit nor get copied again for every block; a blank
    line in the part left behind is kept, as it ends a sentence.
    """
    prev: str | None = None
    offset = 0
    for raw in blocks:
        if prev is not None:
            body = prev.rstrip()
            yield body, offset
            offset += len(body)
            carry = prev[len(body) :]
            if len(carry) > _MAX_CARRY:
                dropped = len(carry) - _MAX_CARRY
                kept = carry[dropped:]
                if kept.count("\n") < 2 <= carry.count("\n"):
                    kept = "\n\n" + kept[2:]  # whitespace for whitespace: offsets stay right
                offset += dropped
                carry = kept
            raw = carry + raw
        prev = raw
    if prev is not None:
        yield prev, offset


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Return ``text`` with lone surrogates (an escaped D800 in JSON) replaced by U+FFFD.

    A surrogate is not a character: it cannot be encoded as UTF-8, so it
    would break tokenizing, hashing and writing the output. The replacement
    keeps every offset where it was.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        ``text`` itself when it holds no surrogate, else a copy of the same length.

    Examples
    --------
    >>> clean_text("a" + chr(0xD800) + "b") == "a" + chr(0xFFFD) + "b"
    True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
