r"""Cheap tests in front of spaCy's infix and URL expressions that never change what they find.

On text it has not seen, spaCy's tokenizer runs two more expressions on
every word left after splitting off prefixes and suffixes: ``url_match``
(is the whole word a URL?) and ``infix_finditer`` (where does it split
inside, at hyphens, slashes, symbols?). Most words are plain letters, where
both find nothing, but Python's ``re`` only learns that by trying the whole
expression: for the infixes, some forty alternatives at every position of
the word. Together they are about a sixth of English and a third of Dutch
tokenizing time. A gate answers "nothing" sooner, from what the expression
itself says:

- :class:`InfixGate`: a match of ``infix_finditer`` starts with a character
  one of its alternatives can consume first (a hyphen, a slash, a full stop,
  a symbol); lookbehinds and lookaheads consume nothing. When the word holds
  none of those characters (one search for a character class), there is no
  infix, and the full expression runs only when it holds one.
- :class:`UrlGate`: every match of spaCy's URL expression contains a full
  stop (both the dotted IP address and the host name with its top-level
  domain need one); a word without one is no URL. In general, the
  characters that every match must contain are read off the expression.

Each gate keeps the original expression as ``pattern`` (a tokenizer written
to disk stores spaCy's expression) and declines, leaving the tokenizer as it
was, where the analysis does not apply: an alternative that can match the
empty string, a class that negates, a back-reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_NOT_SPACE": r"\S",
}
_ZERO_WIDTH = ("ASSERT", "ASSERT_NOT", "AT")


class _UnknownError(Exception):
    """The walk met something it does not analyse: no gate for this expression."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_items(op: str, av: Any) -> list[str]:
    """Character-class source for one consuming operator (a literal, a set, a category)."""
    if op == "LITERAL":
        return [_char(av)]
    if op == "IN":
        out = []
        for item_op, item in av:
            name = str(item_op)
            if name == "LITERAL":
                out.append(_char(item))
            elif name == "RANGE":
                out.append(f"{_char(item[0])}-{_char(item[1])}")
            elif name == "CATEGORY" and str(item) in _CATEGORIES:
                out.append(_CATEGORIES[str(item)])
            else:  # NEGATE, CHARSET, BIGCHARSET: let the full expression decide
                raise _UnknownError(name)
        return out
    if op == "CATEGORY" and str(av) in _CATEGORIES:
        return [_CATEGORIES[str(av)]]
    raise _UnknownError(op)


def first_class(parsed: Any) -> tuple[list[str], bool]:
    r"""Return (class items of every character a match can start with, whether it can be empty).

    Lookarounds and anchors consume nothing, so they are stepped over; an
    optional part adds its first characters and the walk goes on past it.

    Parameters
    ----------
    parsed : re._parser.SubPattern
        A parsed expression (or part of one).

    Returns
    -------
    tuple
        (character-class items such as ``a-z`` or ``\d``, True if the part can match nothing).

    Raises
    ------
    _UnknownError
        For an operator the walk does not analyse.
    """
    items: list[str] = []
    for op, av in parsed:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:  # (?i:...): its classes would need case folding
                raise _UnknownError(name)
            sub_items, empty = first_class(av[-1])
        elif name == "BRANCH":
            sub_items, empty = [], False
            for alt in av[1]:
                alt_items, alt_empty = first_class(alt)
                sub_items += alt_items
                empty = empty or alt_empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = av
            sub_items, empty = first_class(sub)
            empty = empty or low == 0
        elif name == "ATOMIC_GROUP":
            sub_items, empty = first_class(av)
        else:
            sub_items, empty = _class_items(name, av), False
        items += sub_items
        if not empty:
            return items, False
    return items, True


def required_chars(parsed: Any) -> set[str]:
    """Return characters that every match of ``parsed`` contains (an empty set when none is sure).

    Parameters
    ----------
    parsed : re._parser.SubPattern
        A parsed expression.

    Returns
    -------
    set of str
    """
    need: set[str] = set()
    for op, av in parsed:
        name = str(op)
        if name == "LITERAL":
            need.add(chr(av))
        elif name == "SUBPATTERN" and not av[1] & re.IGNORECASE:
            need |= required_chars(av[-1])
        elif name == "BRANCH":
            alts = [required_chars(alt) for alt in av[1]]
            need |= set.intersection(*alts) if alts else set()
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            need |= required_chars(av[2])
        elif name == "ATOMIC_GROUP":
            need |= required_chars(av)
    return need


def _parsed(regex: re.Pattern) -> Any | None:
    """The parsed expression, or None where a gate would need more than the walk reads (or it fails)."""
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None  # case folding widens classes and literals the walks would have to widen too
    try:
        return sre_parser.parse(regex.pattern, regex.flags)
    except (sre_constants.error, RecursionError):
        return None


class InfixGate:
    """``finditer`` of an infix expression behind a one-class search for the characters a match starts with.

    Parameters
    ----------
    regex : re.Pattern
        The infix pattern (spaCy's ``infix_finditer.__self__``); see :meth:`build`.
    gate : re.Pattern
        A character class holding every character a match can start with.
    """

    def __init__(self, regex: re.Pattern, gate: re.Pattern) -> None:
        self.regex = regex
        self.pattern = regex.pattern  # what spaCy writes when the tokenizer is saved
        self.gate = gate

    @classmethod
    def build(cls, regex: re.Pattern) -> InfixGate | None:
        """Return a gate for ``regex``, or None where the analysis does not apply (a match may be empty).

        Parameters
        ----------
        regex : re.Pattern
            An infix pattern.

        Returns
        -------
        InfixGate or None
        """
        parsed = _parsed(regex)
        try:
            items, empty = first_class(parsed) if parsed is not None else ([], True)
        except (_UnknownError, RecursionError):
            return None
        if empty or not items:
            return None
        return cls(regex, re.compile("[" + "".join(dict.fromkeys(items)) + "]", regex.flags))

    def finditer(self, string: str) -> Iterator[re.Match] | tuple[()]:
        """Return ``regex.finditer(string)``, or an empty tuple when no character can start a match.

        Parameters
        ----------
        string : str
            A word, as the tokenizer passes it.

        Returns
        -------
        iterator of re.Match
        """
        if self.gate.search(string) is None:
            return ()
        return self.regex.finditer(string)


class UrlGate:
    """``match`` of a URL expression, tried only on strings holding the characters every match contains.

    Parameters
    ----------
    regex : re.Pattern
        The URL pattern (spaCy's ``url_match.__self__``).
    need : str
        Characters every match contains.
    """

    def __init__(self, regex: re.Pattern, need: str) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.need = need

    @classmethod
    def build(cls, regex: re.Pattern) -> UrlGate | None:
        """Return a gate for ``regex``, or None when no character is sure to be in every match.

        Parameters
        ----------
        regex : re.Pattern
            A pattern used with ``match``.

        Returns
        -------
        UrlGate or None
        """
        parsed = _parsed(regex)
        try:
            need = required_chars(parsed) if parsed is not None else set()
        except RecursionError:
            return None
        return cls(regex, "".join(sorted(need))) if need else None

    def match(self, string: str) -> re.Match | None:
        """Return ``regex.match(string)``, or None at once when a required character is missing.

        Parameters
        ----------
        string : str
            A word, as the tokenizer passes it.

        Returns
        -------
        re.Match or None
        """
        for c in self.need:
            if c not in string:
                return None
        return self.regex.match(string)
