"""Regular inflections generated from a lemma, to back up incomplete lookup tables.

spaCy's Dutch lookup table lacks common forms ("vertrouwde", "afspraken",
"regels"), so a ``lemma`` entry also matches the regular forms generated here.
Generation runs from the lemma, never from the text: it may produce
non-words (harmless, they never occur) but cannot turn an unrelated word into
the lemma, which analysis by suffix stripping would.
"""

from __future__ import annotations

_VOWELS = set("aeiou")


def _dutch_stems(stem: str) -> set[str]:
    """Return spelling variants of a Dutch verb or noun stem (devoicing, vowel doubling)."""
    out = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        out.add(stem[:-1])  # zeggen -> zeg
    for s in list(out):
        if s.endswith("v"):
            out.add(s[:-1] + "f")  # beloven -> beloof
        if s.endswith("z"):
            out.add(s[:-1] + "s")  # verhuizen -> verhuis
    for s in list(out):
        if len(s) >= 3 and s[-1] not in _VOWELS and s[-2] in "aeou" and s[-3] not in _VOWELS:
            out.add(s[:-1] + s[-2] + s[-1])  # nemen -> neem, communiceren -> communiceer
    return out


def _dutch(lemma: str) -> set[str]:
    forms: set[str] = set()
    if lemma.endswith("en") and len(lemma) > 4:
        # verb: stem + tense and participle endings
        for s in _dutch_stems(lemma[:-2]):
            forms.update({s, s + "t", s + "de", s + "te", s + "den", s + "ten", s + "end", s + "ende"})
            forms.update({"ge" + s + "d", "ge" + s + "t", "ge" + s + "de", "ge" + s + "te"})
            forms.update({s + "d"})
    else:
        # noun or adjective: plurals, inflected adjective, comparative
        w = lemma
        forms.update({w + "s", w + "en", w + "e", w + "er", w + "ere", w + "st", w + "ste"})
        if w[-1] in _VOWELS:
            forms.update({w + "'s", w + "n"})  # risico's, beloften
        last = w[-1]
        if last not in _VOWELS and len(w) >= 3:
            if w[-2] in _VOWELS and w[-3] not in _VOWELS:
                forms.update({w + last + "en", w + last + "e", w + last + "er"})  # les -> lessen
            if w[-2] == w[-3] and w[-2] in "aeou":
                short = w[:-2] + last
                forms.update({short + "en", short + "e", short + "er"})  # afspraak -> afspraken
                for a, b in (("f", "v"), ("s", "z")):
                    if last == a:
                        forms.update({w[:-2] + b + "en", w[:-2] + b + "e"})  # brief -> brieven
            for a, b in (("f", "v"), ("s", "z")):
                if last == a:
                    forms.update({w[:-1] + b + "en", w[:-1] + b + "e"})
    forms.discard(lemma)
    return forms


def _english(lemma: str) -> set[str]:
    w = lemma
    forms = {w + "s", w + "'s"}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    if w.endswith("e"):
        forms.update({w + "d", w[:-1] + "ing"})
    else:
        forms.update({w + "ed", w + "ing"})
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms.update({w[:-1] + "ies", w[:-1] + "ied"})
    if (
        len(w) >= 3
        and w[-1] not in _VOWELS
        and w[-2] in _VOWELS
        and w[-3] not in _VOWELS
        and w[-1] not in "wxy"
    ):
        forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})  # plan -> planned
    forms.discard(lemma)
    return forms


def inflections(lemma: str, lang: str) -> set[str]:
    """Return regular inflected forms of a one-word ``lemma`` in ``lang`` (without the lemma)."""
    lemma = lemma.lower()
    if " " in lemma or not lemma.isalpha():
        return set()
    if lang == "nl":
        return _dutch(lemma)
    if lang == "en":
        return _english(lemma)
    return set()
