"""Lookup lemmas cached per word type, and the lookup key of a word form (trustlex.lang.lemmas)."""

from __future__ import annotations

import pytest
import spacy

from trustlex.errors import TrustlexError
from trustlex.lang.lemmas import (
    LEMMA_FIXES,
    LookupLemmatizer,
    canonical_form,
    load_lemma_table,
    normalise_form,
)


@pytest.fixture(scope="module")
def blank():
    """One blank pipeline per language for the whole module: lookup tables are large."""
    return {lang: spacy.blank(lang) for lang in ("en", "nl")}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("trust", "trust"),
        ("don\u2019t", "don't"),  # typographic apostrophes become plain
        ("\u2018quote", "'quote"),
        ("\uff54\uff52\uff55\uff53\uff54", "trust"),  # full-width letters
        ("tr\u200bust", "trust"),  # a zero-width space hides nothing
        ("tr\x00ust", "trust"),  # nor a control character
        ("  ", "  "),  # whitespace stays as it is
        ("\u200b", "\u200b"),  # a form of invisible characters only keeps its text
        ("caf\u00e9", "caf\u00e9"),
    ],
)
def test_canonical_form(form, expected):
    assert canonical_form(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [("don\u2019t", "don't"), ("\u2018t is", "'t is"), ("plain", "plain"), ("DON\u2019T", "DON'T")],
)
def test_normalise_form_only_changes_apostrophes(form, expected):
    assert normalise_form(form) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "He does not trust managers who cared",
            ["he", "do", "not", "trust", "manager", "who", "care"],
        ),
        ("en", "less as", ["less", "as"]),  # wrong entries of spacy-lookups-data, fixed
        ("nl", "Zij vertrouwt medewerkers die zeiden", ["zij", "vertrouwen", "medewerker", "die", "zeggen"]),
        ("nl", "Werkdrukxyz", ["werkdrukxyz"]),  # unknown forms are their own lemma, lowercased
    ],
)
def test_lookup_lemmatizer_sets_lemmas(blank, lang, text, expected):
    nlp = blank[lang]
    doc = LookupLemmatizer(nlp.vocab, lang)(nlp.make_doc(text))
    assert [t.lemma_ for t in doc] == expected


def test_fixes_override_the_table(blank):
    table = load_lemma_table("en")
    assert {form: table.get(form, form) for form in LEMMA_FIXES["en"]} != LEMMA_FIXES["en"]
    nlp = blank["en"]
    lemmatizer = LookupLemmatizer(nlp.vocab, "en")
    for form, lemma in LEMMA_FIXES["en"].items():
        assert nlp.vocab.strings[lemmatizer.lemma_of(nlp.vocab.strings.add(form))] == lemma


def test_lemma_of_caches_per_type_and_reads_the_lookup_key(blank):
    nlp = blank["en"]
    lemmatizer = LookupLemmatizer(nlp.vocab, "en")
    odd = nlp.vocab.strings.add("\uff4d\uff41\uff4e\uff41\uff47\uff45\uff52\uff53")  # full-width "managers"
    assert nlp.vocab.strings[lemmatizer.lemma_of(odd)] == "manager"
    assert lemmatizer._cache[odd] == nlp.vocab.strings["manager"]


def test_empty_doc_is_left_alone(blank):
    nlp = blank["en"]
    doc = LookupLemmatizer(nlp.vocab, "en")(nlp.make_doc(""))
    assert len(doc) == 0


def test_a_language_without_lookup_lemmas_is_a_clear_error():
    with pytest.raises(TrustlexError, match="spacy-lookups-data"):
        load_lemma_table("xx")
