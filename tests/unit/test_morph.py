"""Regular inflections generated from a lemma (trustlex.lang.morph), row by row."""

from __future__ import annotations

import pytest

from trustlex.lang.morph import inflections


@pytest.mark.parametrize(
    ("lemma", "lang", "expected"),
    [
        # Dutch verbs: stem, tenses, participles, with devoicing and vowel doubling
        ("vertrouwen", "nl", {"vertrouw", "vertrouwt", "vertrouwde", "vertrouwden", "vertrouwd"}),
        ("zeggen", "nl", {"zeg", "zegt", "gezegd"}),
        ("beloven", "nl", {"beloof", "belooft"}),
        ("nemen", "nl", {"neem", "neemt"}),
        # Dutch nouns and adjectives: plurals (open syllables, doubled consonants, f/v), inflected forms
        ("afspraak", "nl", {"afspraken"}),
        ("regel", "nl", {"regels"}),
        ("les", "nl", {"lessen"}),
        ("brief", "nl", {"brieven"}),
        ("risico", "nl", {"risico's"}),
        ("open", "nl", {"opener", "openste"}),
        # English: plural, possessive, past, gerund, with e-drop, y-ies and doubling
        ("trust", "en", {"trusts", "trusted", "trusting", "trust's"}),
        ("care", "en", {"cared", "caring", "cares"}),
        ("policy", "en", {"policies"}),
        ("boss", "en", {"bosses"}),
        ("plan", "en", {"planned", "planning"}),
    ],
)
def test_regular_forms_are_generated(lemma, lang, expected):
    forms = inflections(lemma, lang)
    assert expected <= forms
    assert lemma not in forms


@pytest.mark.parametrize(
    ("lemma", "lang", "absent"),
    [
        ("trust", "en", {"trustt", "trustting"}),  # no doubling after two consonants
        ("show", "en", {"showwed"}),  # w, x and y are never doubled
        ("care", "en", {"careed", "careing"}),
        ("vertrouwen", "nl", {"vertrouwens"}),  # a verb takes no plural
    ],
)
def test_irregular_spellings_are_not_generated(lemma, lang, absent):
    assert not absent & inflections(lemma, lang)


@pytest.mark.parametrize(
    ("lemma", "lang"),
    [("open source", "en"), ("e-mail", "nl"), ("2fa", "en"), ("trust", "de"), ("", "en")],
)
def test_phrases_non_words_and_other_languages_get_nothing(lemma, lang):
    assert inflections(lemma, lang) == set()


def test_case_is_ignored():
    assert inflections("Trust", "en") == inflections("trust", "en")
