"""HTML pages (``.html``, ``.htm``): the text a browser would show, a paragraph per block, streamed."""

from __future__ import annotations

import codecs
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from trustlex.readers.backends import fast_backend
from trustlex.readers.clean import _READ_CHARS, _blocks
from trustlex.readers.encoding import _bom_encoding, _decodes, _detect, _utf8_beyond_ascii
from trustlex.readers.fast_html import fast_visible_text
from trustlex.readers.files import _guard, _is_empty, open_regular
from trustlex.readers.results import TextDocument

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding standard); so do we.
_AS_CP1252 = frozenset({"iso8859-1", "ascii", "cp1252"})

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "noscript", "base", "template"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "hr",
        "main",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "form",
        "address",
        "body",
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")


# Where a browser starts a new line without a new block: a line break, not a sentence end.
_LINE_TAGS = frozenset({"br"})
_BLOCK = "\x00"  # a block boundary in the collected parts (never in the page's text: see handle_data)
_MAX_PENDING = 1 << 20  # characters of one block held before they are passed on anyway
# The fast back end parses a whole page at once: larger pages stream through the plain parser,
# so memory stays bounded (a 400 MB page reads in under 1 GB, tests/integration/test_hostile.py).
FAST_HTML_MAX_BYTES = 32 * 1024 * 1024


class _VisibleText(HTMLParser):
    """Collect the text a browser would show, with a boundary at each block element.

    Block elements (paragraphs, headings, list items, table cells,
    navigation) become paragraphs separated by a blank line, which ends a
    sentence: a breadcrumb, a heading and the first paragraph are three
    units, not one. ``<br>`` is a line break inside its block. Text is
    taken out as it completes (:meth:`take`), so a page is read in bounded
    memory whatever its size.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Pages often omit </head>; like a browser, the first body content ends it.
        if self.skip and self.skip[-1] == "head" and tag not in _HEAD_TAGS:
            self.skip.pop()
        if tag == "body" and "head" in self.skip:
            del self.skip[self.skip.index("head") :]
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BLOCK)
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag in self.skip:
                where = len(self.skip) - 1 - self.skip[::-1].index(tag)
                del self.skip[where:]
        elif tag in _BLOCK_TAGS and tag not in _LINE_TAGS:
            self.parts.append(_BLOCK)
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace(_BLOCK, " ")
        # Outside <pre> a source line break is only a space, as in a browser.
        self.parts.append(data if self.pre else _ANY_SPACE.sub(" ", data))

    def take(self, final: bool = False) -> str:
        """Return the text of the blocks completed so far (all of it when ``final``).

        Each block's lines are trimmed and empty ones dropped; blocks with
        text are joined by a blank line, and the text returned ends with one
        when more may follow, so pieces taken in turn join up correctly.
        """
        joined = "".join(self.parts)
        cut = len(joined) if final else joined.rfind(_BLOCK)
        tail = "\n\n"
        if cut <= 0 and len(joined) > _MAX_PENDING:
            # one huge block (a page without markup): pass it on at a space, as running text
            cut = max(joined.rfind(" "), joined.rfind("\n"), 1)
            tail = " "
        if cut <= 0:
            return ""
        self.parts = [joined[cut:]] if cut < len(joined) else []
        out = []
        for block in joined[:cut].split(_BLOCK):
            lines = (_SPACES.sub(" ", line).strip() for line in block.split("\n"))
            text = "\n".join(line for line in lines if line)
            if text:
                out.append(text + "\n\n")
        if out and tail == " ":
            out[-1] = out[-1][:-2] + " "
        return "".join(out)


def _html_encoding(handle: IO[bytes], display: str) -> tuple[str, str | None]:
    """The codec of an HTML file and a note: its BOM, else a meta charset the bytes bear out, else the bytes'.

    A page saved as UTF-8 whose meta still names a single-byte charset (a
    CMS leftover) is read as UTF-8, with a note: decoding its multi-byte
    characters as cp1252 would give mojibake ("geÃ¯nformeerd").
    """
    head = handle.read(4096)
    handle.seek(0)
    bom = _bom_encoding(head[:4])
    if bom is not None:
        return bom, None
    match = _META_CHARSET.search(head)
    if match is not None:
        label = match.group(1).decode("ascii")
        try:
            declared = codecs.lookup(label).name
        except LookupError:
            declared = None
        # A utf-16/32 label in an ASCII-readable file is a lie browsers ignore too.
        if declared is not None and not declared.startswith(("utf-16", "utf-32")):
            codec = "cp1252" if declared in _AS_CP1252 else declared
            if codec != "utf-8" and _utf8_beyond_ascii(handle):
                return "utf-8", f"<meta charset> says {label!r} but the bytes are UTF-8: read as UTF-8"
            if _decodes(handle, codec):
                return codec, None
            # a wrong declaration (or a non-text codec name) is common; trust the bytes instead
    return _detect(handle, display), None


def _html_pieces(path: Path, display: str, encoding: str) -> Iterator[str]:
    """The visible text of an HTML file, fed to the parser a chunk at a time (bounded memory)."""
    with _guard(display), open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        parser = _VisibleText()
        pending = ""  # held back one round: the last piece must not end with a blank line
        while chunk := handle.read(_READ_CHARS):
            parser.feed(chunk)
            if text := parser.take():
                if pending:
                    yield pending
                pending = text
        parser.close()
        last = (pending + parser.take(final=True)).rstrip("\n")
        if last:
            yield last


def _fast_text(path: Path, display: str, encoding: str) -> str | None:
    """The page's visible text through selectolax, or ``None`` where the plain reader must read it."""
    with _guard(display), open_regular(path, display, "r", encoding=encoding, errors="replace") as handle:
        source = handle.read()
    return fast_visible_text(source, _BLOCK_TAGS)


def _read_html(path: Path, display: str) -> TextDocument:
    with _guard(display), open_regular(path, display) as handle:
        encoding, note = _html_encoding(handle, display)
        size = os.fstat(handle.fileno()).st_size
    if size <= FAST_HTML_MAX_BYTES and fast_backend("html"):
        text = _fast_text(path, display, encoding)
        if text is not None:
            return TextDocument(blocks=_blocks((text,) if text else ()), encoding=encoding, note=note)
    return TextDocument(blocks=_blocks(_html_pieces(path, display, encoding)), encoding=encoding, note=note)


def html_to_text(markup: str) -> str:
    r"""Return the text a browser would show of an HTML string, a paragraph per block element.

    For texts that hold markup (a survey export's rich-text answers, a
    scraped page): tags and entities glued to a word ("<b>trust</b>",
    "Management&amp;HR") hide it from the lexicon. Block elements become
    paragraphs separated by a blank line, which ends a sentence; ``<br>``
    is a line break; scripts and styles are left out, as for ``.html``
    files read by :func:`trustlex.score_folder`.

    Parameters
    ----------
    markup : str
        HTML: a whole page or a fragment.

    Returns
    -------
    str
        The visible text, block elements separated by a blank line.

    Examples
    --------
    >>> html_to_text("<p>I <b>trust</b> my manager.</p><p>Management &amp; HR never listen.</p>")
    'I trust my manager.\n\nManagement & HR never listen.'
    """
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.take(final=True).strip()


def read_html(path: str | Path, display: str) -> TextDocument:
    """Read the visible text of an HTML page as blocks.

    The codec is the byte-order mark's, else a ``<meta charset>`` the bytes
    bear out, else a guess from the bytes; bytes that are UTF-8 with
    characters beyond ASCII are read as UTF-8 whatever the meta says, with
    a note. With selectolax installed a page
    of up to :data:`FAST_HTML_MAX_BYTES` is parsed by it, with the same text
    out (:mod:`trustlex.readers.backends`); larger pages are streamed.
    Scripts, styles and the head are dropped; each block element
    (paragraph, heading, list item, table cell) becomes a paragraph followed
    by a blank line, which ends a sentence.

    Parameters
    ----------
    path : str or Path
        The file to read.
    display : str
        The name errors give as their ``path``.

    Returns
    -------
    TextDocument
        The visible text in blocks, and the codec used (``"utf-8"`` for an empty file).

    Raises
    ------
    ReadError
        Kind ``vanished``, ``unreadable``, ``not-a-file`` or ``binary``.
    """
    path = Path(path)
    if _is_empty(path, display):
        return TextDocument(blocks=iter(()), encoding="utf-8")
    return _read_html(path, display)


# Markup that hides the word it touches from the tokenizer's words: tags and character entities.
_MARKUP = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]{2,8}|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});"
)


def watch_markup(pairs: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Pass ``(id, text)`` pairs on, and warn once at the end when some texts hold HTML markup.

    :func:`trustlex.score_texts` takes plain text: in "I <b>trust</b> my
    manager" the tags stick to the word, and nothing is found. Texts are
    streamed, so they are looked at as they pass, not read twice; the
    warning names how many held markup and the first one's id.
    """
    first, count = None, 0
    for doc_id, text in pairs:
        if isinstance(text, str) and ("<" in text or "&" in text) and _MARKUP.search(text):
            count += 1
            first = doc_id if first is None else first
        yield doc_id, text
    if count:
        message = (
            f"score_texts: {count} text(s) hold HTML markup (the first: doc_id {first!r}); tags and "
            "entities next to a word hide it from the lexicon. Score their visible text "
            "(trustlex.html_to_text), or the .html files with score_folder"
        )
        warnings.warn(message, UserWarning, stacklevel=4)
