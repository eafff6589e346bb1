"""Parties named per document (``score_texts(names=...)``, ``doc._.trustlex_names``), on real pipelines."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy

import trustlex
from trustlex.errors import TrustlexError
from trustlex.matching.names import check_names, ignores_case, name_mentions

COLS = ["doc_id", "concept", "referent", "referent_text", "referent_how"]


def _rows(texts, **kw):
    return trustlex.score_texts(texts, lang="en", **kw)[COLS].values.tolist()


def test_a_named_company_is_the_organisation_the_taxonomy_cannot_know():
    texts = ["HCA doesn't care.", "HCA doesn't care."]
    assert [r[2] for r in _rows(texts)] == ["none", "none"]
    named = _rows(texts, names=[{"organisation": "HCA"}, None])
    assert named[0][2:] == ["organisation", "HCA", "pattern"]
    assert named[1][2] == "none"  # the second text names nobody


def test_one_mapping_names_every_text_and_a_series_names_each():
    texts = pd.Series(
        {"r1": "Salesforce truly cares about its people.", "r2": "Nvidia does not care about us."}
    )
    for_all = trustlex.score_texts(texts, lang="en", names={"organisation": ["Salesforce", "NVIDIA"]})
    assert set(for_all["referent"]) == {"organisation"}
    assert set(for_all["referent_text"]) == {"Salesforce", "Nvidia"}  # NVIDIA matches in any case
    per_text = trustlex.score_texts(texts, lang="en", names=pd.Series([{"organisation": "Salesforce"}, None]))
    assert per_text.set_index("doc_id").loc["r1", "referent"] == "organisation"
    assert per_text.set_index("doc_id").loc["r2", "referent"] == "none"


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Target", "Target does not care.", True),
        ("Target", "The sales target does not care.", False),  # a common word matches only as written
        ("UPS", "ups and downs do not care.", False),  # three letters: as written
        ("NVIDIA", "nvidia does not care.", True),
        ("Delta Air Lines", "Delta  Air\nLines does not care.", True),  # any white space between words
        ("Walmart", "Walmart's managers do not care.", True),
        ("Walmart", "Walmartian culture does not care.", False),  # whole words only
    ],
)
def test_how_names_match(name, text, found):
    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    mentions = name_mentions(doc, check_names({"organisation": name}))
    assert bool(mentions) is found
    if found:
        assert doc[mentions[0].start].text.lower().startswith(name.split()[0].lower())


def test_case_rule():
    for name in ("NVIDIA", "PayPal", "HCA Healthcare"):
        assert ignores_case(name)
    for name in ("Target", "UPS", "walmart"):
        assert not ignores_case(name)


def test_a_longer_name_wins_over_a_taxonomy_term_it_contains():
    rows = _rows(["Ford Motor Company does not care."], names={"organisation": "Ford Motor Company"})
    assert rows[0][2:4] == ["organisation", "Ford Motor Company"]
    rows = _rows(["The City of Austin does not care."], names={"government": "City of Austin"})
    assert rows[0][2:4] == ["government", "City of Austin"]


def test_names_reach_the_model_path_and_a_users_pipeline(nlp_en):
    text = ["KKR does not care about us."]
    with_model = trustlex.score_texts(text, lang="en", model="default", names={"organisation": "KKR"})
    assert "organisation" in set(with_model["referent"])
    nlp = nlp_en
    own = trustlex.score_texts(text, lang="en", nlp=nlp, names={"organisation": "KKR"})
    assert own["referent"].tolist() == ["organisation"]
    doc = nlp(trustlex.set_names(nlp.make_doc(text[0]), {"organisation": "KKR"}))
    assert {m["referent"] for m in doc._.trustlex_matches} == {"organisation"}


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ({"company": "Walmart"}, "'company' is not a referent id"),
        ({"organisation": 3}, "holds 3, not a name"),
        ("Walmart", "must map referent ids to names"),
        ([{"organisation": "A"}], "names has 1 values for 2 texts"),
        ([None, ["Walmart"]], "names[1] must map referent ids to names"),
    ],
)
def test_bad_names_are_refused_with_their_place(names, message):
    with pytest.raises(TrustlexError, match=message.replace("[", r"\[").replace("]", r"\]")):
        trustlex.score_texts(["We trust them.", "They care."], lang="en", names=names)


def test_blank_names_cost_nothing():
    assert check_names({"organisation": [None, float("nan"), " ", "Walmart "]}) == (
        ("organisation", ("Walmart",)),
    )
    assert check_names({"organisation": None}) == ()
