"""Dutch referents 0.24.0 (round 31): a ministry's "Directie <Naam>" is a government unit (``units``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import LOWER

from tests.referent_rows import by_concept, mentions, plain_referent
from trustlex.lexicon.referents import load_referent_file, shipped_taxonomy
from trustlex.matching.mentions import find_mentions
from trustlex.pipeline import scoring_engine


@pytest.mark.parametrize(
    "text",
    [
        # the forms of the regulations: a capital or a lowercase "directie", a name of one word or more
        "kunt u contact opnemen met de Directie Informatie , Beheer en Subsidieregelingen",
        "verleent de directie Internationale Fiscale Zaken van het Ministerie van Financiën een ontheffing",
        "Centrale Directie Juridische Zaken",
        "de stukken kunnen worden geraadpleegd via de site van de Directie UAW",
    ],
)
def test_directie_before_a_name_is_a_government_unit(text):
    assert [ref for words, ref in mentions(text, "nl", cased=True) if words == "directie"] == ["government"]


@pytest.mark.parametrize(
    "text",
    [
        "De directie van het bedrijf informeert de medewerkers niet",  # a company's board of directors
        "De directie : de Directie van het NVI",  # a definition: no name after either
        "DE DIRECTIE EN RAAD VAN TOEZICHT",  # all capitals tell no name
        "Het beleid van de directie . Ook de raad zwijgt",  # the next sentence's capital is no name
    ],
)
def test_directie_without_a_name_stays_leadership(text):
    found = [ref for words, ref in mentions(text, "nl", cased=True) if words == "directie"]
    assert found
    assert set(found) == {"leadership"}


def test_without_the_written_text_no_name_is_told():
    # lowercase words alone (the plain rules given no text) cannot see the capital
    assert mentions("contact opnemen met de Directie Wetgeving", "nl") == [("directie", "leadership")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voor nadere informatie kunt u contact opnemen met de Directie Informatie, Beheer en "
         "Subsidieregelingen, Unit Bijzondere Regelingen.", "government"),
        ("De directie Handhaving van UWV houdt toezicht op de naleving.", "government"),
        ("De directie van het bedrijf informeert de medewerkers niet.", "leadership"),
        ("Er is geen vertrouwen in de directie.", "leadership"),
    ],
)  # fmt: skip
def test_the_pipeline_attributes_a_directorate_to_the_government(text, expected):
    assert set().union(*by_concept(text, "nl").values()) == {expected}


def test_the_index_agrees_with_the_plain_rules_on_directorates():
    # the engine's index gives find_mentions the text of a unit word and the word after it only
    nlp, engine = scoring_engine("nl")
    tax = engine.referents.taxonomy
    texts = [
        "Voor vragen kunt u contact opnemen met de Directie Bodem.",
        "De directie Arbo handhaaft de Arbowet, de directie van het bedrijf communiceert slecht.",
        "Het TL is eerlijk en de directie Opsporing controleert.",
    ]
    seen = set()
    for text in texts:
        doc = nlp.make_doc(text)
        hits, sents, _ = engine.scan(doc)
        lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        for hit in hits:
            lo, hi = sents.sentence(hit.sent)
            want, _ = plain_referent(nlp, tax, doc, hit, lo, hi, lowers)
            assert (hit.referent, hit.referent_text, hit.referent_how) == want, (text, hit.entry.concept)
            seen.add(hit.referent)
    assert {"government", "leadership"} <= seen


def test_a_users_file_can_name_units_also_with_lemmas(tmp_path: Path):
    # an English file of its own: "office" before a name is a public office; with lemmas, the index
    # reads a sentence by lemma (another path to the words' text)
    path = tmp_path / "units.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\nreplace = true\n\n[rules]\nunits = ["office"]\n\n'
        '[[referent]]\nid = "organisation"\nterms = ["office"]\nlemmas = ["firm"]\n',
        encoding="utf-8",
    )
    tax = load_referent_file(path)[0]
    assert tax.rules.units == frozenset({"office"})
    texts = "the Office Compliance checks".split()
    found = find_mentions([w.lower() for w in texts], None, tax, texts=texts)
    assert [m.referent for m in found] == ["government"]
    assert by_concept("The Office Finance does not communicate.", "en", str(path)) == {
        "communication": {"government"}
    }
    got = by_concept("The office does not communicate.", "en", str(path))
    assert got == {"communication": {"organisation"}}


def test_english_ships_no_units():
    assert not shipped_taxonomy("en").rules.units
    assert shipped_taxonomy("nl").rules.units == frozenset({"directie"})
