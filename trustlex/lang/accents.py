"""Stress accents: a Dutch word written with them ("géén", "níet", "wél") is looked up as the plain word.

Dutch writers mark stress with an acute, sometimes a grave, accent on the
vowels of an ordinary word, above all on negations and intensifiers: "Er
is géén vertrouwen", "ik vertrouw hem níet", "écht", "héél", "zéér". The
accented form is no other word, so the matching looks it up without the
accent (:class:`StressFold`, called where :class:`trustlex.matching.index.LexiconIndex`
decides a word type's lookup key); the text, its offsets and every column
shown keep the accents.

Not folded:

- accents that make a different word: "één" (one) is not "een" (a), nor
  is "ééntje" "eentje" (:data:`DISTINCT`);
- a word that a lexicon, context or referent file itself writes with its
  accents ("vóór", "privé", "comité", "carrière"): it matches as written,
  as before; so does a word a wildcard written with accents covers;
- other marks: a diaeresis ("ideeën", "coördinatie") or cedilla spells the
  word, and only acute and grave accents on a vowel (a, e, i, o, u, and
  the j of a stressed "íj́") are dropped, so "mandić" keeps its "ć";
- English: its accented words are loanwords and names that would fold into
  a different word ("résumé", "exposé"); the stressed function words the
  Dutch use ("nót") did not occur in 740,000 words of English comments and
  policies (:data:`LANGUAGES`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# the languages whose writers mark stress with accents on ordinary words
LANGUAGES = frozenset({"nl"})
# plain forms that the accented word is not: "één" is the numeral, "een" the article
DISTINCT = frozenset({"een", "eentje"})
_MARKS = frozenset("\u0301\u0300")  # combining acute and grave
_BASES = frozenset("aeiouj")
# a stressed vowel, precomposed or with a combining mark: words without one are left alone at once
_STRESSED = re.compile("[\u00e0\u00e1\u00e8\u00e9\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa\u0300\u0301]")
# fields of lexicon objects that hold no words the matching reads (sentences, provenance)
_SKIPPED = frozenset({"examples", "counter_examples", "note", "source", "path", "paths", "id", "lexicon"})


def has_stress(word: str) -> bool:
    """Return whether a lowercase ``word`` holds a vowel with an acute or grave accent."""
    return not word.isascii() and _STRESSED.search(word) is not None


def unstressed(word: str) -> str:
    """Return a lowercase ``word`` without acute and grave accents on its vowels ("géén" -> "geen")."""
    chars: list[str] = []
    for c in unicodedata.normalize("NFD", word):
        if c in _MARKS and chars and chars[-1] in _BASES:
            continue
        chars.append(c)
    return unicodedata.normalize("NFC", "".join(chars))


def written_words(*objects: Any) -> Iterable[str]:
    """Yield the lowercase words of the strings in ``objects`` (lexicon entries, cues, taxonomies).

    Strings in lists, tuples, sets, mappings (keys and values) and dataclass
    fields are read, except fields of free text (examples, notes, sources).
    Each whitespace-separated word is given whole and, when it holds a hyphen
    or an apostrophe, also its parts ("privé-leven": "privé", "leven").
    """
    stack = list(objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, str):
            for word in obj.lower().split():
                yield word
                parts = re.split(r"[-'\u2019]", word)
                if len(parts) > 1:
                    yield from (p for p in parts if p)
        elif isinstance(obj, Mapping):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack.extend(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in _SKIPPED)
            # a referent taxonomy keeps its wildcard terms by their fixed part
            stack.extend(f"{stem}*" for stem in getattr(obj, "prefixes", ()))
            stack.extend(f"*{stem}" for stem in getattr(obj, "suffixes", ()))


class StressFold:
    """The lookup key of a word written with stress accents: the plain word, where that is the same word.

    Parameters
    ----------
    lang : str
        The language; only those of :data:`LANGUAGES` fold.
    *sources : object
        Lexicon entries, context rules, referent taxonomies: every word they
        write with accents keeps them (see :meth:`keep`).
    """

    def __init__(self, lang: str, *sources: Any) -> None:
        self.active = lang in LANGUAGES
        self.kept: set[str] = set()
        self.stems: list[tuple[str, str]] = []  # (where, stem) of wildcards written with accents
        self.keep(*sources)

    def keep(self, *sources: Any) -> None:
        """Keep as written the words with stress accents that ``sources`` write, and their wildcards' ones."""
        if not self.active:
            return
        for word in written_words(*sources):
            if not has_stress(word):
                continue
            core = word.strip("*")
            if core == word:
                self.kept.add(word)
            elif core and has_stress(core):
                where = (
                    "in"
                    if word.startswith("*") and word.endswith("*")
                    else "end"
                    if word[0] == "*"
                    else "start"
                )
                self.stems.append((where, core))

    def __call__(self, form: str) -> str:
        """Return the lookup key of a lowercase ``form``: ``form`` itself unless it folds (see the module)."""
        if not self.active or not has_stress(form) or form in self.kept:
            return form
        for where, stem in self.stems:
            if (
                stem in form
                if where == "in"
                else form.endswith(stem)
                if where == "end"
                else form.startswith(stem)
            ):
                return form
        plain = unstressed(form)
        return form if plain in DISTINCT else plain


def plain_lemma_form(form: str, table: Mapping[str, str], lang: str) -> str:
    """Return the form to look ``form`` up as in a lemma ``table``: its plain spelling if only that is listed.

    "vertróuwde" is not in the table, "vertrouwde" is (lemma "vertrouwen").
    A form the table lists, and any form of a language that does not fold,
    stays as it is.
    """
    if lang not in LANGUAGES or form in table or not has_stress(form):
        return form
    plain = unstressed(form)
    return plain if plain in table and plain not in DISTINCT else form
