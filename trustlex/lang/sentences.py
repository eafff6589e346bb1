"""Sentence boundaries by spaCy's Sentencizer rules plus paragraph breaks: the one sentence rule.

spaCy's ``Sentencizer`` walks the tokens in Python and costs about a third
of the tokenizer's time. Its rule looks only at lexical attributes, so it is
decided once per word type (:func:`type_flags`); a sentence then starts at
the first ordinary token (not punctuation) after one or more sentence-final
characters, and :func:`sentence_starts` only visits the final tokens and the
few after them. On text without blank lines the output equals the
Sentencizer's. Both the pipeline component (:class:`FastSentencizer`) and
the fused scan of :class:`trustlex.matching.scan.Engine` call these two
functions, so their sentences cannot drift apart.

One addition: a blank line (a whitespace token holding two or more line
breaks, or a paragraph separator U+2029) ends a sentence too. Survey exports and reviews put a title, a
"Pros:" list and a "Cons:" list on lines of their own without a full stop,
and the codebook's unit is the sentence, not the whole comment. Blank lines
before the first word start nothing, so a text cut into blocks (whitespace
moved to the start of the next block) counts the sentences of the whole.

Sentences of these rules are the *context* sentences: cues act within them,
and a heading such as "Cons:" reaches the list items under it. The sentences
shown and counted split them further at list items (:func:`point_starts`): a
line that opens with a bullet ("- Poor communication") is a point of its own,
so a list's praise and complaints about one concept are not merged into one
row. :func:`context_starts` recovers the context sentences from those.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import srsly
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Per-word-type flags of the sentence rule: a sentence-final character (or a blank line), an
# ordinary token (neither punctuation nor sentence-final: where a sentence can start), a word
# (neither punctuation nor space), a blank line.
FINAL, ORDINARY, WORD, BREAK = 1, 2, 4, 8
# A list bullet, and a whitespace token holding exactly one line break: a bullet after one opens a
# list item, which the sentences shown and counted treat as a sentence (see point_starts).
ITEM, LINE = 16, 32
# the bullets of plain-text and Markdown lists (trustlex's tokenizer splits them off a word)
LIST_BULLETS = frozenset("-*+\u2022\u00b7\u2013\u2014\u25aa\u25cf\u27a2\u2023\u2192")
# Token.sent_start -1 ("not a sentence start") as Doc.from_array reads it: a uint64.
NOT_START = np.uint64(2**64 - 1)
# From this many tokens on, numpy's per-call cost is less than a Python look-up per token.
LONG_DOC = 512


def is_paragraph_break(text: str) -> bool:
    """Whether a token's text is a blank line: only whitespace, with two line breaks or a U+2029.

    U+2029 is Unicode's paragraph separator; the Markdown reader puts it
    where markup (a heading's line end, a table's pipes) bounds a block, so
    the file's offsets stay as they are.
    """
    return (text.count("\n") >= 2 or "\u2029" in text) and text.isspace()


def type_flags(text: str, *, final: bool, punct: bool, space: bool) -> int:
    r"""Return the sentence flags of a word type (see :data:`FINAL` and the others).

    Parameters
    ----------
    text : str
        The type's text (only looked at for whitespace: is it a blank line?).
    final : bool
        Whether it is one of the sentence-final characters.
    punct, space : bool
        Its ``is_punct`` and ``is_space`` lexical attributes.

    Returns
    -------
    int
        The flags, or-ed together. A blank line is final and nothing else.

    Examples
    --------
    >>> type_flags("word", final=False, punct=False, space=False) == ORDINARY | WORD
    True
    >>> type_flags("\n\n", final=False, punct=False, space=True) == FINAL | BREAK
    True
    >>> type_flags("\n", final=False, punct=False, space=True) == ORDINARY | LINE
    True
    >>> type_flags("-", final=False, punct=True, space=False) == ITEM
    True
    """
    flags = FINAL if final else (0 if punct else ORDINARY)
    if not (punct or space):
        flags |= WORD
    elif space and is_paragraph_break(text):
        flags = FINAL | BREAK
    elif space and "\n" in text:
        flags |= LINE
    if text in LIST_BULLETS:
        flags |= ITEM
    return flags


class Flags(Protocol):
    """The tokens' flags as the start rules read them, ``flags[i]``: a list, or :class:`LazyFlags`."""

    def __getitem__(self, i: int, /) -> int: ...


class LazyFlags(dict):
    """Token flags by position, each computed on first subscript by ``flag_at`` and kept.

    For the walks below where building every token's flags would cost more
    than the few looked at (a long doc read from arrays): a subscript that is
    known costs no Python call.

    Examples
    --------
    >>> flags = LazyFlags(lambda k: k * 2)
    >>> flags[3], len(flags)
    (6, 1)
    """

    def __init__(self, flag_at: Callable[[int], int]) -> None:
        super().__init__()
        self.flag_at = flag_at

    def __missing__(self, k: int) -> int:
        flags = self[k] = self.flag_at(k)
        return flags


def sentence_starts(n: int, finals: Iterable[int], flags: Flags) -> list[int]:
    """Return the first token of every sentence of ``n`` tokens, by spaCy's Sentencizer rule plus blank lines.

    A sentence starts at the first ordinary token after one or more final
    tokens, or at the first mark after a blank line that is not a final one
    (a list bullet, a heading's ``#``, an opening quote); a blank line before the
    first word starts nothing. Only the final tokens and the few tokens
    after them are looked at, so the cost grows with the number of
    sentences, not of tokens.

    Parameters
    ----------
    n : int
        The number of tokens.
    finals : iterable of int
        The positions of the tokens flagged :data:`FINAL`, in increasing order.
    flags : list of int, or LazyFlags
        The flags (see :func:`type_flags`) of the token at a position, read by
        subscript (a list, or a mapping that fills itself in, see
        :class:`LazyFlags`): no Python call per token looked at.

    Returns
    -------
    list of int
        Sentence starts, beginning with 0.

    Examples
    --------
    >>> words = ["One", ".", "Two", "!", "!", "three"]
    >>> flags = [type_flags(w, final=w in ".!", punct=w in ".!", space=False) for w in words]
    >>> sentence_starts(len(words), [1, 3, 4], flags)
    [0, 2, 5]
    """
    starts = [0]
    resume = 0
    first_word = -1  # found when a blank line needs it
    for f in finals:
        if f < resume:
            continue  # inside a run of final marks already handled
        if flags[f] & BREAK:
            if first_word < 0:
                first_word = next((k for k in range(n) if flags[k] & WORD), n)
            if f < first_word:
                continue  # blank lines before the first word start nothing
        k = f + 1
        # after a blank line any mark but a final one opens the next sentence: a list bullet
        # ("Intro\n\n- item"), a heading's "##", an opening quote or bracket, where the
        # Sentencizer's rule would leave it at the end of the last one
        after_break = flags[f] & BREAK
        while k < n:
            here = flags[k]
            if here & ORDINARY or (after_break and (here & ITEM or not here & FINAL)):
                break
            after_break |= here & BREAK
            k += 1
        if k < n:
            starts.append(k)
        resume = k
    return starts


def point_starts(starts: list[int], n: int, items: Iterable[int], flags: Flags) -> list[int]:
    r"""Return ``starts`` with a sentence start added at every list item: a bullet that opens a line.

    A bullet right after a single line break starts a point of its own when
    words stand before it in its sentence (so a list that opens a text or
    follows a blank line starts nothing new) and within the item itself (a
    bare bullet joins the item after it). ``starts`` itself is returned when
    nothing is added.

    Parameters
    ----------
    starts : list of int
        Sentence starts by :func:`sentence_starts`.
    n : int
        The number of tokens.
    items : iterable of int
        The positions of the tokens flagged :data:`ITEM`, in increasing order.
    flags : list of int, or LazyFlags
        The flags (see :func:`type_flags`) of the token at a position, read by subscript.

    Returns
    -------
    list of int
        The starts of the sentences shown and counted.

    Examples
    --------
    >>> words = ["Pros", ":", "\n", "-", "pay", "\n", "-", "people"]
    >>> def flag(w):
    ...     return type_flags(w, final=False, punct=w in ":-", space=w == "\n")
    >>> flags = [flag(w) for w in words]
    >>> point_starts([0], len(words), [3, 6], flags)
    [0, 3, 6]
    """
    out = starts
    for k in items:
        if not k or not flags[k - 1] & LINE:
            continue  # a hyphen or dash within a line: the common case
        j = bisect_right(out, k)
        lo, hi = out[j - 1], out[j] if j < len(out) else n
        if lo == k or not any(flags[t] & WORD for t in range(lo, k)):
            continue
        if not any(flags[t] & WORD for t in range(k, hi)):
            continue
        if out is starts:
            out = list(starts)
        out.insert(j, k)
    return out


def context_starts(starts: list[int], flags: Flags) -> list[int]:
    """Return the context sentences' starts: ``starts`` without the list items :func:`point_starts` adds.

    A start at a bullet right after a single line break is a point; the
    sentence rule itself never starts one there (it starts at the line
    break). ``starts`` itself is returned when it holds no point.
    """
    points = [s for s in starts if s and flags[s] & ITEM and flags[s - 1] & LINE]
    if not points:
        return starts
    dropped = set(points)
    return [s for s in starts if s not in dropped]


class FastSentencizer:
    """Set sentence starts by the Sentencizer's rule and punctuation list, and at blank lines.

    The ``trustlex_sentencizer`` pipeline component. Each word type's flags
    (:func:`type_flags`) are decided once. A short doc then costs one array
    read, one dictionary look-up per token (in C, through ``map``) and the
    :func:`sentence_starts` walk over its final tokens; a long one finds its
    final tokens with numpy and looks up flags only around them (numpy's
    per-call set-up made short texts slow). Like spaCy's ``Sentencizer``, its
    ``punct_chars`` are configurable and saved with the pipeline.

    Parameters
    ----------
    vocab : Vocab
        The pipeline's vocabulary (its lexemes give ``is_punct`` and ``is_space``).
    punct_chars : list of str or None
        The sentence-final characters; spaCy's ``Sentencizer.default_punct_chars`` by default.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> sentencizer = FastSentencizer(nlp.vocab, punct_chars=[".", ";"])
    >>> [s.text for s in sentencizer(nlp.make_doc("One; two. Three")).sents]
    ['One;', 'two.', 'Three']
    """

    def __init__(self, vocab: Vocab, punct_chars: list[str] | None = None) -> None:
        self._vocab = vocab
        self.punct_chars = punct_chars

    @property
    def punct_chars(self) -> list[str]:
        """Return the sentence-final characters, sorted."""
        return sorted(self._chars)

    @punct_chars.setter
    def punct_chars(self, chars: Iterable[str] | None) -> None:
        chars = list(chars) if chars else Sentencizer.default_punct_chars
        self._chars = frozenset(chars)
        self._ids = frozenset(self._vocab.strings.add(c) for c in self._chars)
        self._id_array = np.array(sorted(self._ids), dtype=np.uint64)
        self._item_array = np.array(sorted(self._vocab.strings.add(c) for c in LIST_BULLETS), dtype=np.uint64)
        self._flags: dict[int, int] = {}  # per word type (orth): its sentence flags

    def __call__(self, doc: Doc) -> Doc:
        """Write sentence starts on ``doc`` and return it."""
        n = len(doc)
        if n == 0:
            return doc
        starts = self._starts_short(doc, n) if n < LONG_DOC else self._starts_long(doc, n)
        marks = np.full((n, 1), NOT_START, dtype=np.uint64)
        marks[starts] = 1
        doc.from_array([SENT_START], marks)  # type: ignore[arg-type]  # numpy array for thinc Ints2d
        return doc

    def _starts_short(self, doc: Doc, n: int) -> list[int]:
        # one dictionary look-up per token in C: numpy calls cost more than they save on a short text
        orths = doc.to_array(ORTH).tolist()
        cache = self._flags
        try:
            flags = list(map(cache.__getitem__, orths))
        except KeyError:  # new word types: a set difference finds them without a Python loop
            for orth in set(orths).difference(cache):
                cache[orth] = self._flags_of(orth)
            flags = list(map(cache.__getitem__, orths))
        starts = sentence_starts(n, compress(range(n), map(FINAL.__and__, flags)), flags)
        return point_starts(starts, n, compress(range(n), map(ITEM.__and__, flags)), flags)

    def _starts_long(self, doc: Doc, n: int) -> list[int]:
        # the final tokens found on arrays; flags looked up only for spaces and the tokens after a final
        arr = doc.to_array([ORTH, IS_SPACE])
        orths = arr[:, 0]
        ids = self._id_array
        final = ids[np.searchsorted(ids, orths) % len(ids)] == orths
        space = np.flatnonzero(arr[:, 1])
        flag = self._flag
        if len(space):
            final[
                [i for i, o in zip(space.tolist(), orths[space].tolist(), strict=True) if flag(o) & BREAK]
            ] = True
        flags = LazyFlags(lambda k: flag(int(orths[k])))
        starts = sentence_starts(n, np.flatnonzero(final).tolist(), flags)
        items = np.flatnonzero(np.isin(orths, self._item_array)).tolist()
        return point_starts(starts, n, items, flags)

    def _flag(self, orth: int) -> int:
        flags = self._flags.get(orth)
        if flags is None:
            flags = self._flags[orth] = self._flags_of(orth)
        return flags

    def _flags_of(self, orth: int) -> int:
        lex = self._vocab[orth]  # the doc's own lexeme: its flags are what the Sentencizer reads
        return type_flags(lex.orth_, final=orth in self._ids, punct=lex.is_punct, space=lex.is_space)

    # -- serialization, as spaCy's Sentencizer: the punctuation travels with a saved pipeline ------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Return the component's settings (its ``punct_chars``), for ``nlp.to_bytes``."""
        return srsly.msgpack_dumps({"punct_chars": self.punct_chars})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> FastSentencizer:
        """Restore the settings written by :meth:`to_bytes`."""
        self.punct_chars = srsly.msgpack_loads(data).get("punct_chars")
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings to ``<path>.json``, for ``nlp.to_disk`` (as spaCy's Sentencizer does)."""
        srsly.write_json(Path(path).with_suffix(".json"), {"punct_chars": self.punct_chars})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> FastSentencizer:
        """Read the settings that :meth:`to_disk` wrote; a pipeline saved without them keeps its config."""
        file = Path(path).with_suffix(".json")
        if file.is_file():
            self.punct_chars = srsly.read_json(file).get("punct_chars")
        return self


class Sentences:
    """Sentence starts of a doc, with per-token sentence numbers built on first use.

    ``sentence(k)`` returns the (start, end) token indexes of sentence number
    ``k``: a list's own subscript, no Python call per hit that asks.
    """

    def __init__(self, starts: list[int], n: int) -> None:
        self.starts = starts
        self.n = n
        self._of: list[int] | None = None
        self.spans = list(zip(starts, [*starts[1:], n], strict=True))  # (start, end) of every sentence
        self.sentence: Callable[[int], tuple[int, int]] = self.spans.__getitem__

    @classmethod
    def of_doc(cls, doc: Doc) -> Sentences:
        """Read the sentence starts that the pipeline set on ``doc``."""
        marks = doc.to_array(SENT_START) == 1
        marks[0] = True
        return cls(np.flatnonzero(marks).tolist(), len(doc))

    @property
    def of(self) -> list[int]:
        """Return the 0-based sentence number of every token."""
        if self._of is None:
            of: list[int] = []
            for k, (start, end) in enumerate(self.spans):
                of.extend([k] * (end - start))  # few sentences per doc: cheaper than numpy here
            self._of = of
        return self._of

    def bounds(self, i: int) -> tuple[int, int]:
        """Return (start, end) token indexes of the sentence holding token ``i``."""
        sent = self.of[i]
        return self.sentence(sent)

    def renumber(self, hits: Iterable[Any]) -> None:
        """Set each hit's ``sent`` to the number of the sentence holding its first token."""
        of = self.of
        for hit in hits:
            hit.sent = of[hit.start]


def context_and_shown(
    n: int, finals: Iterable[int], items: Iterable[int], flags: Sequence[int]
) -> tuple[Sentences, Sentences]:
    """Return the context sentences of ``n`` tokens and the sentences shown (the same object if alike).

    ``finals`` and ``items`` are the positions of the tokens flagged
    :data:`FINAL` and :data:`ITEM`; see :func:`sentence_starts` and
    :func:`point_starts`.
    """
    starts = sentence_starts(n, finals, flags)
    points = point_starts(starts, n, items, flags)
    context = Sentences(starts, n)
    return context, context if points is starts else Sentences(points, n)


def context_sentences(shown: Sentences, doc: Doc) -> Sentences:
    """Return the context sentences of a doc whose sentence starts are ``shown`` (``shown`` if the same)."""

    def flag_at(k: int) -> int:
        token = doc[k]
        return type_flags(token.text, final=False, punct=token.is_punct, space=token.is_space)

    starts = context_starts(shown.starts, LazyFlags(flag_at))
    return shown if starts is shown.starts else Sentences(starts, shown.n)
