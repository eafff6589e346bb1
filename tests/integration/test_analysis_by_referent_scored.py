"""compare and climate by referent on real score_texts output: counts against the rows, and the
referent-free figures equal to the document-level ones when every row has the same referent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trustlex
from trustlex.analysis import mean_interval, sentence_trust_index
from trustlex.analysis.bootstrap import group_rng
from trustlex.concepts import CONCEPTS

REVIEWS = pd.DataFrame(
    {
        "company": ["acme", "acme", "acme", "acme", "bolt", "bolt", "bolt"],
        "text": [
            "I do not trust management. My colleagues are honest and helpful.",
            "Senior leadership lies about the layoffs. I trust my manager.",
            "Great coworkers, but management never listens.",
            "The weather was fine.",
            "I trust my colleagues. HR is not transparent.",
            "Management is honest with us and I trust the leadership team.",
            "Nobody trusts the CEO. Management keeps us in the dark.",
        ],
    }
)


@pytest.fixture(scope="module")
def scored():
    rows = trustlex.score_texts(REVIEWS["text"], lang="en")
    docs = trustlex.score_texts(REVIEWS["text"], lang="en", level="doc").assign(company=REVIEWS["company"])
    return rows, docs


def test_counts_and_shares_match_the_rows(scored):
    rows, docs = scored
    assert {"leadership", "colleagues"} <= set(rows["referent"].astype(str))
    table = trustlex.compare(rows, by=["company", "referent"], docs=docs, n_boot=100)
    rows = rows.assign(company=REVIEWS["company"].to_numpy()[rows["doc_id"]])
    for (company, referent, concept), row in table.set_index(["company", "referent", "concept"]).iterrows():
        mine = rows[(rows["company"] == company) & (rows["concept"] == concept)]
        about = mine[mine["referent"] == referent]
        assert row["units"] == len(about)
        assert row["neg_units"] == (about["valence"] == "-").sum()
        expected = len(about) / len(mine) if len(mine) else np.nan  # no units of the concept: no share
        assert row["share"] == pytest.approx(expected, nan_ok=True)
        words = docs.loc[docs["company"] == company, "n_words"].sum()
        assert row["rate"] == pytest.approx(1000 * len(about) / words)
        assert (
            row["n_docs"]
            == rows.loc[(rows["company"] == company) & (rows["referent"] == referent), "doc_id"].nunique()
        )
    # a company's referents share out its units of each concept
    sums = table.groupby(["company", "concept"])["share"].sum()
    assert np.allclose(sums[sums > 0], 1.0)


def test_one_referent_for_all_rows_gives_the_document_level_figures(scored):
    rows, docs = scored
    same = rows.assign(referent=pd.Categorical(["none"] * len(rows)))
    by_referent = trustlex.compare(same, by="referent", docs=docs, n_boot=300, seed=4)
    by_doc = trustlex.compare(docs, n_boot=300, seed=4)
    for column in ("units", "rate", "rate_low", "rate_high", "net", "net_low", "net_high"):
        np.testing.assert_allclose(by_referent[column].to_numpy(float), by_doc[column].to_numpy(float))
    assert (by_referent["share"][by_referent["units"] > 0] == 1.0).all()
    assert list(by_referent["concept"]) == list(CONCEPTS)
    # the climate of the one referent is the mean sentence_trust_index, with the same resamples
    climate = trustlex.climate(same, by="referent", n_boot=300, seed=4).iloc[0]
    scores = np.sort(sentence_trust_index(rows).to_numpy(float))  # in canonical order, the group's own stream
    mean, low, high = mean_interval(scores, n_boot=300, rng=group_rng(4, "none"))
    assert (climate["index"], climate["index_low"], climate["index_high"]) == pytest.approx((mean, low, high))
    assert climate["n_docs"] == rows["doc_id"].nunique()


def test_leadership_climate_per_company(scored):
    rows, docs = scored
    table = trustlex.climate(rows, by=["company", "referent"], docs=docs, n_boot=100)
    lead = table[table["referent"] == "leadership"].set_index("company")
    assert lead.loc["acme", "index"] < 0  # distrust, lies, does not listen
    assert set(lead.index) == {"acme", "bolt"}
    assert (table["index_low"] <= table["index"] + 1e-9).all()
    assert (table["index"] <= table["index_high"] + 1e-9).all()


def test_climate_keeps_the_referent_a_categorical_in_taxonomy_order_as_compare_does(scored):
    rows, docs = scored
    referent = rows["referent"].dtype
    assert isinstance(referent, pd.CategoricalDtype)
    for by, column in (("referent", "group"), (["company", "referent"], "referent")):
        climate = trustlex.climate(rows, by=by, docs=docs, n_boot=100)
        compare = trustlex.compare(rows, by=by, docs=docs, n_boot=100)
        assert climate[column].dtype == compare[column].dtype == referent
    # a pivot of the climate per company lists the referents in the taxonomy's order, not alphabetically
    climate = trustlex.climate(rows, by=["company", "referent"], docs=docs, n_boot=100)
    pivot = climate.pivot_table(index="company", columns="referent", values="index", observed=True)
    assert list(pivot.columns) == [r for r in referent.categories if r in set(climate["referent"])]
    assert list(pivot.columns) != sorted(pivot.columns)


def test_repeated_ids_warn_once_and_cannot_be_joined_to_docs():
    # two texts under id "a" (the tester's case): compare credited both to the first's team, "y" was lost
    texts = pd.Series(
        ["I do not trust management.", "Management lies. I trust my colleagues.", "HR never listens."],
        index=["a", "a", "b"],
    )
    with pytest.warns(UserWarning, match=r"index repeats 1 value\(s\) \('a'\)") as caught:
        rows = trustlex.score_texts(texts, lang="en")
    assert len(caught) == 1  # one warning per call, not one per text
    with pytest.warns(UserWarning, match="share a doc_id"):
        docs = trustlex.score_texts(texts, lang="en", level="doc").assign(team=["x", "y", "x"])
    for function in (trustlex.compare, trustlex.climate):
        with pytest.raises(trustlex.TrustlexError, match=r"docs repeats doc_id 'a'.*unique id"):
            function(rows, by=["team", "referent"], docs=docs)
        with pytest.raises(trustlex.TrustlexError, match=r"docs repeats doc_id 'a'"):
            function(rows, by="referent", docs=docs)
    unique = texts.reset_index(drop=True)
    rows = trustlex.score_texts(unique, lang="en")
    docs = trustlex.score_texts(unique, lang="en", level="doc").assign(team=["x", "y", "x"])
    table = trustlex.compare(rows, by=["team", "referent"], docs=docs, n_boot=40)
    assert set(table["team"]) == {"x", "y"}
