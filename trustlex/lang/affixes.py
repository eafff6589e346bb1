r"""A faster suffix search for spaCy's tokenizer, with the same matches.

spaCy's tokenizer finds a word's suffix with ``suffix_search``: one regular
expression of some eighty alternatives, each anchored at the end
(``...$``). Python's ``re`` runs ``search`` from every position of the
string and tries every alternative at each; on text the tokenizer has not
seen before (its cache knows nothing yet) that is about a quarter of its
time on Dutch regulations. :class:`TailSearch` gives the same matches for
less:

- An alternative whose match is at most ``w`` characters long can only
  start in the last ``w + 1`` characters (``$`` also matches before a final
  newline), so the search starts there; lookbehinds still see the
  characters before.
- What it finds then depends only on the string's last characters (that
  reach, plus the widest lookbehind), so the answer is kept per such tail:
  words of one text share their endings ("-heid", "-ing", a closing
  bracket), four Dutch suffix searches in five are answered from memory.
- The few alternatives of unbounded length (``\.\.+$``) keep a search of
  their own, and the earlier start of the two wins: both end at the end of
  the string, so that is the match the whole pattern finds, and spaCy reads
  only its length. Should two that start at one place end apart (before
  and at a final newline), the whole pattern decides.

:func:`speed_up` installs it where the analysis applies (every top-level
alternative anchored at the end, no back-references, no MULTILINE) and
leaves the tokenizer as it was otherwise. It keeps the original pattern as
``pattern``, so a tokenizer written to disk stores spaCy's expression.
"""

from __future__ import annotations

import re
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

from trustlex.lang.gates import InfixGate, UrlGate

_UNBOUNDED = 1 << 16


def top_branches(pattern: str) -> list[str]:
    """Return the top-level alternatives of a regular expression's source (split at ``|`` outside groups).

    Parameters
    ----------
    pattern : str
        A regular expression.

    Returns
    -------
    list of str
        The alternatives, in order; joined with ``|`` they give ``pattern`` back.

    Examples
    --------
    >>> top_branches(r"^a|^(b|c)|^[|]")
    ['^a', '^(b|c)', '^[|]']
    """
    out: list[str] = []
    depth, in_class, start, i = 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            if pattern[i : i + 1] == "]":  # a "]" right after "[" or "[^" is a literal
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _context(parsed: Any) -> int | None:
    """Characters before a match that its assertions may read (lookbehinds, word boundaries), or None.

    Back-references (what a group took elsewhere) and anything this walk
    does not know make the answer None: such a pattern keeps spaCy's search.
    """
    widest = 0
    for op, av in parsed:
        name = str(op)
        if name in (
            "GROUPREF",
            "GROUPREF_EXISTS",
            "GROUPREF_IGNORE",
            "GROUPREF_LOC_IGNORE",
            "GROUPREF_UNI_IGNORE",
        ):
            return None
        if name in ("ASSERT", "ASSERT_NOT"):
            direction, sub = av
            inner = _context(sub)
            if inner is None:
                return None
            back = sub.getwidth()[1] if direction < 0 else 0
            widest = max(widest, back + inner)
            continue
        if name == "AT":  # \b, \B, ^, \A look at the character before
            widest = max(widest, 1)
            continue
        for sub in _subpatterns(av):
            inner = _context(sub)
            if inner is None:
                return None
            widest = max(widest, inner)
    return widest


def _subpatterns(av: Any) -> list[Any]:
    """The parsed sub-patterns inside an operator's argument (groups, branches, repeats)."""
    if isinstance(av, sre_parser.SubPattern):
        return [av]
    if isinstance(av, (list, tuple)):
        return [sub for x in av for sub in _subpatterns(x)]
    return []


def _last_chars(parsed: Any) -> frozenset[str] | None:
    """The characters a match of the parsed branch ``...$`` can end with (before ``$``), or None if unknown.

    Only a literal, a class of literals and ranges, a group or a repeat of at least
    one of them is read; anything else (categories, negations, optional items) is None.
    """
    if len(parsed) < 2 or str(parsed[-1][0]) != "AT":
        return None
    op, av = parsed[-2]
    name = str(op)
    if name == "LITERAL":
        return frozenset(chr(av))
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            if str(kind) == "LITERAL":
                chars.add(chr(value))
            elif str(kind) == "RANGE" and value[1] - value[0] < 256:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return frozenset(chars)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _last_chars([*av[2], parsed[-1]])
    if name == "SUBPATTERN" and not av[1] and not av[2]:
        return _last_chars([*av[3], parsed[-1]])
    return None


_PLACERS: dict[tuple[int, int], re.Pattern] = {}


def _placer(back: int, end_back: int) -> re.Pattern:
    r"""Return a pattern whose ``match`` at ``len(string) - back`` spans a remembered suffix match.

    The match takes the ``back - end_back`` characters from there, followed by
    ``end_back`` characters and the end of the string (``$`` may have matched
    before a final newline): a real match object, made by one call in C
    (spaCy reads its ``start`` and ``end``). :data:`_PLACERS` keeps one per span.

    Examples
    --------
    >>> _placer(3, 1).match("wat?!\n", 3).span()
    (3, 5)
    """
    return re.compile(f"(?s:.{{{back - end_back}}})(?=(?s:.{{{end_back}}})\\Z)")


class TailSearch:
    """``search`` of a pattern whose every alternative ends with ``$``: near the end, remembered per tail.

    Parameters
    ----------
    regex : re.Pattern
        The suffix pattern (spaCy's ``suffix_search.__self__``); see
        :meth:`applies` for the patterns it takes.
    max_tails : int, default 100000
        How many tails to remember before starting afresh: at most some 15 MB
        on a corpus of any size (150,000 words of Dutch or English have about
        20,000 distinct tails).
    """

    def __init__(self, regex: re.Pattern, max_tails: int = 100_000) -> None:
        self.regex = regex
        self.pattern = regex.pattern  # what spaCy writes when the tokenizer is saved
        bounded, unbounded, width, context = [], [], 0, 0
        for branch in top_branches(regex.pattern):
            parsed = sre_parser.parse(branch, regex.flags)
            longest = parsed.getwidth()[1]
            if longest >= _UNBOUNDED:
                unbounded.append(branch)
            else:
                bounded.append(branch)
                width = max(width, longest)
                context = max(context, _context(parsed) or 0)
        self.reach = width + 1  # "$" also matches before a final newline
        self.tail = self.reach + context  # what a match of the bounded alternatives depends on
        self.bounded = re.compile("|".join(bounded), regex.flags)
        self.unbounded = re.compile("|".join(unbounded), regex.flags) if unbounded else None
        # the characters the unbounded alternatives can end with ("." for \.\.+$): a word ending
        # otherwise, most words, needs no search of its own; None: search every word
        ends = [_last_chars(sre_parser.parse(b, regex.flags)) for b in unbounded]
        caseless = regex.flags & re.IGNORECASE
        known = [e for e in ends if e is not None]
        self.ends = None if caseless or len(known) < len(ends) else frozenset[str]().union(*known)
        self.max_tails = max_tails
        self.tails: dict[str, tuple[re.Pattern, int] | None] = {}
        self.room = max_tails  # new tails before the memory starts afresh

    @staticmethod
    def applies(regex: re.Pattern) -> bool:
        """Whether every top-level alternative is anchored at the end and none reads what it cannot see.

        Parameters
        ----------
        regex : re.Pattern
            A suffix pattern.

        Returns
        -------
        bool
        """
        if regex.flags & re.MULTILINE:
            return False
        for branch in top_branches(regex.pattern):
            if not branch.endswith("$") or branch.endswith("\\$"):
                return False
            if _context(sre_parser.parse(branch, regex.flags)) is None:
                return False
        return True

    def search(self, string: str) -> re.Match | None:
        """Return a match with the span ``regex.search(string)`` has (or None).

        Parameters
        ----------
        string : str
            A word, as the tokenizer passes it.

        Returns
        -------
        re.Match or None
            A match object (of a remembered tail: one with the same span).
        """
        # the bounded alternatives: remembered per tail (one Python call per search, no helper;
        # the length only where a span is placed, a negative start is read as 0 by ``re``)
        key = string[-self.tail :]
        tails = self.tails
        if key not in tails:  # subscripts, not .get(): no call per search
            n = len(string)
            found = self.bounded.search(string, n - self.reach)
            self.room -= 1
            if self.room < 0:  # a count, not len(tails), per new tail
                tails.clear()
                self.room = self.max_tails - 1
            # a string shorter than the tail is its own key: its start may matter (^, lookbehinds)
            if found is None:
                tails[key] = None
            else:
                start, end = found.span()
                back = n - start, n - end
                if back not in _PLACERS:  # a few dozen in any corpus
                    _PLACERS[back] = _placer(*back)
                tails[key] = (_PLACERS[back], back[0])
        elif (got := tails[key]) is None:
            found = None
        else:
            found = got[0].match(string, len(string) - got[1])
        ends = self.ends
        if self.unbounded is not None and (
            ends is None or string[-1:] in ends or (string[-1:] == "\n" and string[-2:-1] in ends)
        ):  # "$" also matches before a final newline
            other = self.unbounded.search(string)
            if other is not None:
                if found is None or other.start() < found.start():
                    return other
                if other.start() == found.start() and other.end() != found.end():
                    return self.regex.search(string)  # which alternative comes first decides: rare
        return found


class Remembered(dict):
    r"""What a tokenizer search gives for a string, kept per string; spaCy calls ``__getitem__``.

    spaCy's tokenizer keeps a word's tokens in its own cache, but not after
    a special case in the same text (any abbreviation, contraction or line
    break: ``has_special`` is set per text and never reset) nor beyond
    10,000 words: in Dutch regulations four words in five reach the affix
    searches again on every pass, and a Python search (:class:`TailSearch`,
    the gates) costs a Python call each time. This dict answers a string it
    has seen in C (``dict.__getitem__``), and calls ``search`` only for a new
    one (``__missing__``). The answers are those ``search`` gives: a search
    depends only on the string. ``pattern`` is the expression a saved
    tokenizer stores (spaCy reads ``search.__self__.pattern``).

    Parameters
    ----------
    search : callable
        The search to remember (str -> match or None).
    pattern : str
        spaCy's expression behind it.
    many : bool, default False
        ``search`` returns an iterator of matches (``infix_finditer``): keep them as a tuple.
    max_size : int, default 50000
        How many strings to keep before starting afresh: the searches of a tokenizer hold
        at most some 20 MB (150,000 words of Dutch regulations: 16,000 strings, 5.5 MB in all).

    Examples
    --------
    >>> found = Remembered(re.compile(r"\.$").search, r"\.$")
    >>> found["mgmt."].span(), found["mgmt."] is found["mgmt."], found["x"]
    ((4, 5), True, None)
    """

    def __init__(self, search: Any, pattern: str, *, many: bool = False, max_size: int = 50_000) -> None:
        super().__init__()
        self.search, self.pattern, self.many, self.max_size = search, pattern, many, max_size

    def __missing__(self, string: str) -> Any:
        if len(self) >= self.max_size:
            self.clear()
        found = tuple(self.search(string)) if self.many else self.search(string)
        self[string] = found
        return found

    def __reduce__(self) -> tuple:
        # a copy starts empty: match objects cannot be pickled or copied, and are found again
        return (_remembered, (self.search, self.pattern, self.many, self.max_size))


def _remembered(search: Any, pattern: str, many: bool, max_size: int) -> Remembered:
    return Remembered(search, pattern, many=many, max_size=max_size)


def regex_of(search: Any) -> re.Pattern | None:
    """Return the compiled expression behind a tokenizer search (its method, a faster one, remembered or not).

    Parameters
    ----------
    search : callable or None
        A tokenizer's ``prefix_search``, ``suffix_search``, ``infix_finditer`` or ``url_match``.

    Returns
    -------
    re.Pattern or None
        The expression, or None when ``search`` is none of those.
    """
    owner = getattr(search, "__self__", None)
    if isinstance(owner, Remembered):
        owner = getattr(owner.search, "__self__", None)
    owner = getattr(owner, "regex", owner)  # TailSearch and the gates keep the expression they stand for
    return owner if isinstance(owner, re.Pattern) else None


def faster_searches(tokenizer: Any) -> dict[str, Any]:
    """Return the faster suffix search and the infix and URL gates that apply to ``tokenizer``.

    The replacements find exactly what spaCy's expressions find (see the
    module's docstring and :mod:`trustlex.lang.gates`); an expression the
    analysis does not cover is left out. Each but the URL gate, and the prefix
    search, is :class:`Remembered` per string. Nothing is set on the tokenizer:
    :func:`speed_up` sets them, :func:`trustlex.pipeline.load` builds its
    tokenizer with them in one go.

    Parameters
    ----------
    tokenizer : spacy.tokenizer.Tokenizer
        The tokenizer whose expressions to analyse.

    Returns
    -------
    dict
        Attribute name (``prefix_search``, ``suffix_search``, ``infix_finditer``, ``url_match``)
        -> its replacement.
    """
    done: dict[str, Any] = {}
    prefix = getattr(tokenizer.prefix_search, "__self__", None)
    if isinstance(prefix, re.Pattern):
        done["prefix_search"] = Remembered(prefix.search, prefix.pattern).__getitem__
    suffix = getattr(tokenizer.suffix_search, "__self__", None)
    if isinstance(suffix, re.Pattern) and TailSearch.applies(suffix):
        done["suffix_search"] = Remembered(TailSearch(suffix).search, suffix.pattern).__getitem__
    infix = getattr(tokenizer.infix_finditer, "__self__", None)
    gate = InfixGate.build(infix) if isinstance(infix, re.Pattern) else None
    if gate is not None and infix is not None:  # a gate is built only from a pattern
        done["infix_finditer"] = Remembered(gate.finditer, infix.pattern, many=True).__getitem__
    url = getattr(tokenizer.url_match, "__self__", None)
    url_gate = UrlGate.build(url) if isinstance(url, re.Pattern) else None
    if url_gate is not None:
        # not remembered: the gate answers most strings with one C-level test, cheaper than a
        # remembered string's first look-up (150,000 words, first pass: English 5.5 -> 2.2 ms, Dutch
        # 15.7 -> 11.1 ms; a repeated pass gives back 1 and 4 ms)
        done["url_match"] = url_gate.match
    return done


def speed_up(tokenizer: Any) -> tuple[str, ...]:
    """Give ``tokenizer`` the faster suffix search and the infix and URL gates where they apply.

    See :func:`faster_searches`. Each attribute set makes spaCy reload its
    special cases; :func:`trustlex.pipeline.load` avoids that cost by
    building its tokenizer with the replacements instead.

    Parameters
    ----------
    tokenizer : spacy.tokenizer.Tokenizer
        The tokenizer to change (spaCy clears its cache).

    Returns
    -------
    tuple of str
        The attributes replaced, of ``prefix_search``, ``suffix_search``, ``infix_finditer``
        and ``url_match``.
    """
    done = faster_searches(tokenizer)
    for name, search in done.items():
        setattr(tokenizer, name, search)
    return tuple(done)
