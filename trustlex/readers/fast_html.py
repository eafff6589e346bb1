"""HTML through selectolax (lexbor): the plain reader's rules on a parsed tree, faster.

The plain reader (:mod:`trustlex.readers.html`) streams the page through the
standard library's parser and collects text event by event. Here lexbor
builds the tree; the elements the plain reader skips are removed, a marker
is put around every block element (a line-break marker after ``<br>``), and
the tree's text with its markers goes through the plain reader's block and
line rules (``_VisibleText.take``, rewritten with ``str.split``, which is
faster than its regular expressions and agrees with them). Where a tree
builder and an event parser can disagree on the words (text after ``</body>``, markup
inside ``<iframe>`` or ``<textarea>``, a page holding the marker characters),
:func:`fast_visible_text` returns ``None`` and the plain reader reads the page.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the fast extra; without it the plain reader is used (registry.py, html.py)
    from selectolax.lexbor import LexborHTMLParser
except ImportError:  # pragma: no cover - exercised by the wheel check without extras
    # ignored: an installed selectolax types the name as a class; unused where it is absent (Any)
    LexborHTMLParser = None  # type: ignore[assignment,misc,unused-ignore]

_SKIP = ("script", "style", "noscript", "template", "head", "title")
_LINE = "\x01"  # a <br>: a line break inside its block
_PRE_START, _PRE_END = "\x03", "\x04"
_MARKERS = (_LINE, "\x03", "\x04")
_PRE_SPLIT = re.compile("([\x03\x04])")
_BREAKS = re.compile("[\x00\x01](?: [\x00\x01])*")
# Elements whose content lexbor keeps as raw text while the plain reader parses it as markup.
_RAW_TEXT = "iframe, noembed, noframes, xmp, plaintext, textarea"
_AFTER_BODY = re.compile(r"</(?:body|html)\b", re.IGNORECASE)
_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<[^>]*>", re.DOTALL)


def _after_body_text(source: str) -> bool:
    """Whether words follow ``</body>`` (or ``</html>``): a tree moves them into the body's last paragraph."""
    # the closing tags are near the end: look there first, the whole page only if need be
    found = _AFTER_BODY.search(source, max(len(source) - 65_536, 0)) or _AFTER_BODY.search(source)
    if found is None:
        return False
    rest = _TAG_OR_COMMENT.sub("", source[found.start() :])
    return bool(rest.strip())


def _too_deep(source: str, limit: int = 10_000, chunk: int = 65_536) -> bool:
    """Whether the page may hold more than ``limit`` open elements at once (counted chunk by chunk).

    lexbor builds a tree in time quadratic in its depth (100,000 nested
    ``<div>`` took 12 s, the plain reader 1 s), so such a page goes to the
    plain reader. Start tags less end tags overcount (void elements, ``<p>``
    left open, comments): a false alarm only costs the plain reader's pace.
    """
    depth = 0
    for at in range(0, len(source), chunk):
        part = source[at : at + chunk]
        depth += part.count("<") - 2 * part.count("</") - part.count("/>")
        if depth > limit:
            return True
    return False


def _mark_blocks(tree: Any, block_tags: frozenset[str]) -> None:
    """Put a block marker around each block element, a line marker after each ``<br>``."""
    for node in tree.css(", ".join(sorted(block_tags))):
        tag = node.tag
        if tag == "br":
            node.insert_after(_LINE)
        elif tag == "pre":
            node.insert_before("\x00" + _PRE_START)
            node.insert_after(_PRE_END + "\x00")
        else:
            node.insert_before("\x00")
            node.insert_after("\x00")


def _line_breaks(text: str) -> str:
    """A source line break: a space outside ``<pre>``, a line marker inside (depth as the plain reader)."""
    if _PRE_START not in text:
        return text.replace("\n", " ")
    out = []
    depth = 0
    for part in _PRE_SPLIT.split(text):
        if part == _PRE_START:
            depth += 1
        elif part == _PRE_END:
            depth = max(depth - 1, 0)
        else:
            out.append(part.replace("\n", _LINE if depth else " "))
    return "".join(out)


def _boundary(match: re.Match[str]) -> str:
    return "\n\n" if "\x00" in match.group() else "\n"


def _paragraphs(marked: str) -> str:
    r"""The plain reader's ``take(final=True)`` on marked text, done on the whole text at once.

    Each line's whitespace runs become one space and its ends are trimmed
    (``str.split`` and ``\s`` agree on what whitespace is); empty lines
    and blocks are dropped; lines are joined by a line break, blocks by a
    blank line. Splitting the whole text into words and markers, then
    turning each run of markers into one break, does that in C for all but
    the breaks.
    """
    words = marked.replace("\x00", " \x00 ").replace(_LINE, " " + _LINE + " ").split()
    text = _BREAKS.sub(_boundary, " ".join(words))
    return text.replace(" \n", "\n").replace("\n ", "\n").strip("\n")


def fast_visible_text(source: str, block_tags: frozenset[str]) -> str | None:
    """Return the visible text of a decoded page, or ``None`` where the plain reader must read it.

    The text is what the plain reader gives: a paragraph per block, joined
    by blank lines, lines trimmed, whitespace made single spaces.

    Parameters
    ----------
    source : str
        The page, decoded as the plain reader decodes it.
    block_tags : frozenset of str
        The plain reader's block elements.

    Returns
    -------
    str or None
        ``None`` when selectolax is missing, the page is one where a tree
        and the plain reader's events could give other words, or it nests
        too deep for lexbor to parse it fast.
    """
    if LexborHTMLParser is None or any(m in source for m in _MARKERS) or _after_body_text(source):
        return None
    if _too_deep(source):
        return None
    # The plain reader turns a NUL in text into a space; lexbor would drop it.
    tree = LexborHTMLParser(source.replace("\x00", " "))
    tree.strip_tags(list(_SKIP))
    if any(node.text(deep=True).strip() for node in tree.css(_RAW_TEXT)):
        return None
    _mark_blocks(tree, block_tags)
    root = tree.root
    if root is None:
        return ""
    return _paragraphs(_line_breaks(root.text(deep=True)))
