"""An entry's ``exclude`` phrases, compiled, and the test that cancels a match they cover.

A lexicon entry may list phrases in which its words mean something else
("trust fund" for *trust*). :class:`Exclusions` keeps them as word hashes (or
prefixes, for ``word*``) filed so that a match looks only at the phrases
whose words are near it; :mod:`trustlex.matching.scan` asks it about every
match of such an entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any


def file_phrases(phrases: list[tuple]) -> tuple[tuple, dict[int, list[tuple]]]:
    """Return (the phrases without an exact word, the rest by one exact word each).

    A phrase can only match where each of its exact words is near the hit;
    filed under the one that fewest of the entry's phrases share (not the
    hit's own word, which most of them hold), a hit looks at the phrases of
    the words around it instead of all of them ("culture" has 29).
    """
    shared = Counter(t for p in phrases for t in set(p) if type(t) is int)
    unkeyed: list[tuple] = []
    keyed: dict[int, list[tuple]] = {}
    for p in phrases:
        exact = [t for t in p if type(t) is int]
        if exact:
            keyed.setdefault(min(exact, key=shared.__getitem__), []).append(p)
        else:
            unkeyed.append(p)
    return tuple(unkeyed), keyed


class Exclusions(dict):
    """The ``exclude`` phrases of a lexicon's entries, by entry index (a dict: entry idx -> its phrases).

    ``idx in exclusions`` tells whether entry ``idx`` has any (the dict's own
    test, no Python call per match); :meth:`excluded` tests a match.

    Parameters
    ----------
    strings : StringStore
        The vocabulary's strings (phrase words are kept as their hashes).
    """

    def __init__(self, strings: Any) -> None:
        super().__init__()
        self.strings = strings
        self.reach: dict[int, int] = {}  # entry idx -> longest phrase
        self.words: dict[tuple, frozenset[int]] = {}  # phrase -> its exact words
        self.keyed: dict[int, tuple[tuple, dict[int, list[tuple]]]] = {}  # see file_phrases

    @property
    def phrases(self) -> dict[int, list[tuple[int | str, ...]]]:
        """Entry idx -> its compiled phrases (the mapping itself)."""
        return self

    def add(self, idx: int, phrases: Iterable[str]) -> None:
        """File the ``exclude`` phrases of entry ``idx`` (a word ending in ``*``: the words it starts)."""
        compiled = [tuple(self._word_test(w) for w in x.split()) for x in phrases]
        if not compiled:
            return
        self[idx] = compiled
        self.reach[idx] = max(len(p) for p in compiled)
        for p in compiled:
            self.words[p] = frozenset(t for t in p if type(t) is int)
        self.keyed[idx] = file_phrases(compiled)

    def _word_test(self, word: str) -> int | str:
        """Compile a phrase word: a hash to compare, or a prefix (``word*``) to test."""
        return word[:-1] if word.endswith("*") else self.strings.add(word)

    def excluded(self, r: tuple[int, int, int], lowers: list[int], sent_of: Sequence[int]) -> bool:
        """Whether an ``exclude`` phrase of entry ``r[2]`` covers match ``r`` = (start, end, entry idx).

        The phrase must overlap the match, within its sentence; a phrase word
        given as a string (a wildcard stem) matches the words it starts.
        """
        start, end, idx = r
        reach = self.reach[idx]
        # conditional expressions, not max() and min(): this runs per match of an entry with exclusions
        window = lowers[start - reach if start > reach else 0 : end + reach]
        unkeyed, keyed = self.keyed[idx]
        if not unkeyed and keyed.keys().isdisjoint(window):
            return False  # no phrase has its filing word near the hit: most matches end here
        sent = sent_of[start]
        strings = self.strings
        near = set(window)
        phrases = [*unkeyed]
        for word in near.intersection(keyed):
            phrases.extend(keyed[word])
        for phrase in phrases:
            if not self.words[phrase] <= near:
                continue  # a word of the phrase is not even near the hit
            k = len(phrase)
            last = len(lowers) - k + 1
            for s in range(start - k + 1 if start >= k else 0, end if end < last else last):
                if sent_of[s] != sent or sent_of[s + k - 1] != sent:
                    continue
                for j, test in enumerate(phrase):
                    low = lowers[s + j]
                    if low != test and (type(test) is int or not strings[low].startswith(test)):
                        break
                else:
                    return True
        return False
