"""Lines inside a context sentence: where a line or a list item opens, and where a cue's scope ends.

Survey answers and reviews put their points on lines of their own, under
labels and headings ("Pros:", "Advice to management:"). The ConText rules
(:mod:`trustlex.matching.context`) read a sentence as one stretch of tokens;
the functions here tell them where its lines are: whether a token opens its
line (:func:`opens_line`, :func:`cue_opens`, for the cues that must open
one, such as a request), and a scope end at each line break that starts a
new point (:func:`with_line_ends`). Like the rules, they are pure functions
over the lowercase words of the doc, tested row by row
(tests/unit/test_context.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from operator import itemgetter

from trustlex.lang.sentences import LIST_BULLETS
from trustlex.lexicon import Cue
from trustlex.matching.context import LINE_END, CueHit, Words

ITEM_MARKS = LIST_BULLETS  # a line opening with one is a new point, as it is a sentence shown


def starts_item(word: str) -> bool:
    r"""Whether a line starting with ``word`` is a new point (a list item or a capitalised line).

    A line in capitals ("NO\nTRUST") goes on; a capitalised word, a number
    or a bullet starts a new point, where a negation on the line before
    must not reach.

    Examples
    --------
    >>> [starts_item(w) for w in ["Management", "- ", "3", "management", "TRUST"]]
    [True, True, True, False, False]
    """
    first = word[:1]
    capital = first.isupper() and (len(word) == 1 or not word.isupper())
    return capital or first.isdigit() or first in ITEM_MARKS


def opens_line(words: Words, i: int, first: int) -> bool:
    r"""Whether token ``i`` opens its sentence (which starts at token ``first``) or a line of it.

    Quotes, brackets, commas and list bullets may stand before it, and a
    short label up to a colon (see :func:`after_label`): ``- Enforce the
    speed limits`` and ``Advice to management: listen ...`` open their line;
    ``they enforce the speed limits`` does not.

    Examples
    --------
    >>> words = ["pros", ":", "enforce", "\n", "-", "enforce", "it", "\"", "enforce"]
    >>> [opens_line(words, i, 0) for i in (0, 2, 5, 6, 8)]
    [True, True, True, False, False]
    """
    k = i - 1
    # punctuation has no letter or digit; a whitespace token (a line break) is no punctuation
    while k >= first and words[k] != ":" and words[k].strip() and not any(map(str.isalnum, words[k])):
        k -= 1
    if k >= first and words[k] == ":":
        return after_label(words, k, first)
    return k < first or (not words[k].strip() and "\n" in words[k])


LABEL_WORDS = 5  # the most words of a label before its colon ("My advice to senior management:")


def after_label(words: Words, colon: int, first: int) -> bool:
    r"""Whether the colon at token ``colon`` ends a label: one to five words that open their sentence or line.

    What follows a label opens its line as a sentence would: ``Advice to
    management: listen to your employees`` is a request (a praise heading
    such as ``Pros:`` still makes none, see :func:`cue_opens`); a colon
    after a longer clause does not (``we were told by the managers in the
    meeting: ...``).

    Examples
    --------
    >>> words = ["advice", "to", "management", ":", "listen", "\n", "a", "b", "c", "d", "e", "f", ":"]
    >>> after_label(words, 3, 0), after_label(words, 12, 0)
    (True, False)
    """
    n = 0
    for k in range(colon - 1, first - 1, -1):
        word = words[k]
        if not word.strip():
            return "\n" in word and n > 0
        if any(map(str.isalnum, word)):
            n += 1
            if n > LABEL_WORDS:
                return False
        elif word in (":", ".", "!", "?", ";"):
            return False
    return n > 0


def under_praise(words: Words, i: int, first: int, headings: frozenset[str]) -> bool:
    r"""Whether token ``i`` stands under a praise heading: the nearest ``word :`` before it in its sentence.

    ``headings`` are the language's praise headings (the ``praise`` key of its
    context file's ``[headings]``): a line under one that opens with a verb
    ("Pros: - Invest in training") describes what is good, where the same
    line under "Advice:" asks for what is missing.

    Examples
    --------
    >>> words = ["pros", ":", "pay", "\n", "invest", "advice", ":", "invest"]
    >>> [under_praise(words, i, 0, frozenset(["pros"])) for i in (4, 7)]
    [True, False]
    """
    for k in range(i - 1, first, -1):
        if words[k] == ":":
            return words[k - 1] in headings
    return False


def cue_opens(words: Words, i: int, first: int, cue: Cue, headings: frozenset[str]) -> bool:
    """Whether an opening cue at token ``i`` opens its line; a request does not under a praise heading."""
    return opens_line(words, i, first) and (cue.across_lines or not under_praise(words, i, first, headings))


def with_line_ends(
    cue_hits: list[CueHit], lowers: list[int], lines: set[int], text_at: Callable[[int], str]
) -> list[CueHit]:
    """Add a scope end at each line break that starts a list item or a capitalised line.

    Survey answers and reviews list their points on lines of their own (a
    "Pros:" line, then "- no weekends", then "Management is nice"); a single
    line break is no context-sentence end (hard-wrapped prose stays whole),
    but a negation on one item must not reach the next. ``lines`` holds the
    word types of one line break, ``text_at`` gives a token's text.
    """
    if not lines or lines.isdisjoint(lowers):
        return cue_hits
    ends = [
        CueHit(i, i + 1, LINE_END)
        for i in compress(range(len(lowers) - 1), map(lines.__contains__, lowers))
        if starts_item(text_at(i + 1))
    ]
    return sorted([*cue_hits, *ends], key=itemgetter(0)) if ends else cue_hits
