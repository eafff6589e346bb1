"""compare and climate by referent, on small sentence frames built by hand (expected values by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trustlex
from trustlex.concepts import CONCEPTS
from trustlex.frame import REFERENT_DTYPE

REFERENTS = REFERENT_DTYPE  # the frames' dtype: the shipped referents, then none


def _rows(*rows: tuple[int, str, str, str]) -> pd.DataFrame:
    """A sentence frame: (doc_id, concept, valence, referent) per row."""
    frame = pd.DataFrame(rows, columns=["doc_id", "concept", "valence", "referent"])
    return frame.assign(referent=frame["referent"].astype(REFERENTS))


# Company x: doc 0 distrusts leadership and colleagues, doc 1 trusts leadership.
# Company y: doc 2 distrusts leadership and trusts colleagues, doc 3 has a neutral mention of no one.
ROWS = _rows(
    (0, "trust", "-", "leadership"),
    (0, "trust", "-", "colleagues"),
    (0, "integrity", "-", "leadership"),
    (1, "trust", "+", "leadership"),
    (2, "trust", "-", "leadership"),
    (2, "trust", "+", "colleagues"),
    (3, "communication", "0", "none"),
)
DOCS = pd.DataFrame(
    {"doc_id": [0, 1, 2, 3, 4], "company": ["x", "x", "y", "y", "y"], "n_words": [10, 20, 15, 5, 50]}
)


def test_compare_by_company_and_referent_counts_by_hand():
    table = trustlex.compare(ROWS, by=["company", "referent"], docs=DOCS, concepts=("trust",), n_boot=50)
    assert list(table.columns[:3]) == ["company", "referent", "concept"]
    assert [(c, str(r)) for c, r in zip(table["company"], table["referent"], strict=True)] == [
        ("x", "leadership"),
        ("x", "colleagues"),
        ("y", "leadership"),
        ("y", "colleagues"),
        ("y", "none"),
    ]
    t = table.set_index(["company", table["referent"].astype(str)])
    # x: trust units leadership 2 (one -, one +), colleagues 1 (-): 3 in all, 2 of them -
    assert t.loc[("x", "leadership"), ["units", "neg_units", "n_docs"]].tolist() == [2, 1, 2]
    assert t.loc[("x", "leadership"), "net"] == 0.0  # (1 - 1) / 2
    assert t.loc[("x", "leadership"), "share"] == pytest.approx(2 / 3)
    assert t.loc[("x", "leadership"), "neg_share"] == pytest.approx(1 / 2)
    assert t.loc[("x", "colleagues"), "share"] == pytest.approx(1 / 3)
    assert t.loc[("x", "colleagues"), "net"] == -1.0
    # rates per 1,000 words of all the company's documents: x has 10 + 20, y 15 + 5 + 50 (doc 4 untagged)
    assert t.loc[("x", "leadership"), "n_words"] == 30
    assert t.loc[("x", "leadership"), "rate"] == pytest.approx(1000 * 2 / 30)
    assert t.loc[("y", "leadership"), "rate"] == pytest.approx(1000 * 1 / 70)
    # y: leadership one -, colleagues one +: all of y's distrust is about leadership
    assert t.loc[("y", "leadership"), "neg_share"] == 1.0
    assert t.loc[("y", "colleagues"), "neg_share"] == 0.0
    assert t.loc[("y", "colleagues"), "share"] == 0.5
    # doc 3's neutral mention of no one: a group, with no trust units
    none = t.loc[("y", "none")]
    assert (none["units"], none["n_docs"], none["share"]) == (0, 1, 0.0)
    assert np.isnan(none["net"])
    for _, row in table.iterrows():
        for name in ("rate", "share", "neg_share"):
            if np.isfinite(row[name]):
                assert row[f"{name}_low"] - 1e-9 <= row[name] <= row[f"{name}_high"] + 1e-9


def test_referent_alone_shares_over_the_whole_frame_and_no_docs_no_rates():
    table = trustlex.compare(ROWS, by="referent", concepts=("trust", "integrity"), n_boot=50)
    assert list(table.columns[:2]) == ["group", "concept"]  # a plain string: one "group" column
    t = table.set_index([table["group"].astype(str), "concept"])
    # trust units: leadership 3 (two -), colleagues 2 (one -), none 0; 5 in all, 3 of them -
    assert t.loc[("leadership", "trust"), "share"] == pytest.approx(3 / 5)
    assert t.loc[("leadership", "trust"), "neg_share"] == pytest.approx(2 / 3)
    assert t.loc[("colleagues", "trust"), "neg_share"] == pytest.approx(1 / 3)
    assert t.loc[("leadership", "integrity"), "share"] == 1.0
    assert t.loc[("leadership", "trust"), "n_docs"] == 3  # docs 0, 1, 2
    assert table["rate"].isna().all()
    assert table["n_words"].isna().all()


def test_pooled_concepts_count_as_one():
    table = trustlex.compare(ROWS, by="referent", concepts={"distrust": ("trust", "integrity")}, n_boot=40)
    t = table.set_index(table["group"].astype(str))
    # leadership: trust -, integrity -, trust +, trust - = 4 units, 3 of them -; colleagues 1 of 2
    assert t.loc["leadership", ["units", "neg_units"]].tolist() == [4, 3]
    assert t.loc["leadership", "neg_share"] == pytest.approx(3 / 4)
    assert t.loc["leadership", "net"] == pytest.approx((1 - 3) / 4)
    assert set(table["concept"]) == {"distrust"}
    assert list(table["concept"].cat.categories)[-1] == "distrust"  # a Categorical, as compare's concepts
    with pytest.raises(trustlex.TrustlexError, match="unknown concepts"):
        trustlex.compare(ROWS, by="referent", concepts={"x": ("truth",)})


def test_the_bootstrap_keeps_a_documents_sentences_together():
    # every document speaks once against leadership and once against colleagues: whichever documents
    # a resample draws, leadership's share of the distrust is 1/2, so the interval has no width
    rows = _rows(*[(d, "trust", "-", r) for d in range(6) for r in ("leadership", "colleagues")])
    lead = trustlex.compare(rows, by="referent", concepts=("trust",), n_boot=200).iloc[0]
    assert str(lead["group"]) == "leadership"
    assert lead["neg_share_low"] == lead["neg_share_high"] == 0.5
    # resampling sentences would have varied it; unbalanced documents do vary
    mixed = _rows(*[(d, "trust", "-", "leadership" if d % 2 else "colleagues") for d in range(6)])
    lead = trustlex.compare(mixed, by="referent", concepts=("trust",), n_boot=200).iloc[0]
    assert lead["neg_share_low"] < 0.5 < lead["neg_share_high"]


def test_climate_by_referent_per_document_then_mean_by_hand():
    table = trustlex.climate(ROWS, by="referent", n_boot=100)
    t = table.set_index(table["group"].astype(str))
    # leadership: doc 0 has two against (trust -, integrity -): (0 - 2) / (0 + 2 + 1) = -2/3;
    # doc 1 one for: 1/2; doc 2 one against: -1/2. Mean over the three documents that mention it.
    assert t.loc["leadership", "index"] == pytest.approx((-2 / 3 + 1 / 2 - 1 / 2) / 3)
    assert t.loc["leadership", "n_docs"] == 3
    # colleagues: doc 0 against (-1/2), doc 2 for (1/2)
    assert t.loc["colleagues", "index"] == pytest.approx(0.0)
    # none: doc 3's neutral mention counts the document, with index 0, not as valenced
    assert t.loc["none", ["n_docs", "n_valenced", "index"]].tolist() == [1, 0, 0.0]
    assert list(table["group"].astype(str)) == ["leadership", "colleagues", "none"]  # taxonomy order
    per = trustlex.climate(ROWS, by=["company", "referent"], docs=DOCS, n_boot=100)
    assert list(per.columns[:2]) == ["company", "referent"]
    x_lead = per[(per["company"] == "x") & (per["referent"] == "leadership")].iloc[0]
    assert x_lead["index"] == pytest.approx((-2 / 3 + 1 / 2) / 2)
    assert x_lead["index_low"] == pytest.approx(-2 / 3)
    assert x_lead["index_high"] == pytest.approx(1 / 2)


def test_group_columns_on_the_sentence_rows_or_from_docs_agree():
    carried = ROWS.merge(DOCS[["doc_id", "company"]], on="doc_id")
    a = trustlex.compare(carried, by=["company", "referent"], concepts=("trust",), n_boot=50)
    b = trustlex.compare(ROWS, by=["company", "referent"], docs=DOCS, concepts=("trust",), n_boot=50)
    same = ["company", "referent", "units", "net", "share", "neg_share"]
    pd.testing.assert_frame_equal(a[same], b[same])
    assert a["rate"].isna().all()
    assert b["rate"].notna().all()


def test_a_list_by_on_documents_gives_one_column_each():
    docs = DOCS.assign(
        team=["a", "b", "a", "a", "b"], **{f"{c}_{k}": 0 for c in CONCEPTS for k in ("n", "pos", "neg")}
    )
    docs.loc[0, ["trust_n", "trust_neg"]] = [2, 2]
    table = trustlex.compare(docs, by=["company", "team"], concepts=("trust",), n_boot=40)
    assert table[["company", "team", "n_docs", "units"]].values.tolist() == [
        ["x", "a", 1, 2],
        ["x", "b", 1, 0],
        ["y", "a", 2, 0],
        ["y", "b", 1, 0],
    ]
    assert table.loc[0, "net"] == -1.0
    climate = trustlex.climate(docs, by=["company", "team"], n_boot=40)
    assert list(climate.columns[:2]) == ["company", "team"]
    assert climate.loc[0, "index"] == pytest.approx(-2 / 3)  # (0 - 2) / (0 + 2 + 1)
    shares = trustlex.control_share(docs, by=["company", "team"])
    assert list(shares.columns[:2]) == ["company", "team"]


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate])
def test_errors_name_what_is_wrong(function):
    docs = DOCS.assign(**{f"{c}_{k}": 0 for c in CONCEPTS for k in ("n", "pos", "neg")})
    with pytest.raises(trustlex.TrustlexError, match="pass the sentence-level frame"):
        function(docs, by="referent")
    with pytest.raises(trustlex.TrustlexError, match=r"no column 'referent'.*score the texts again"):
        function(ROWS.drop(columns="referent"), by="referent")
    with pytest.raises(trustlex.TrustlexError, match="no column 'company' in the sentence frame"):
        function(ROWS, by=["company", "referent"])
    with pytest.raises(trustlex.TrustlexError, match="no column 'team' in docs"):
        function(ROWS, by=["team", "referent"], docs=DOCS)
    with pytest.raises(
        trustlex.TrustlexError, match=r"no column 'company' to group by.*document-level frame"
    ):
        function(ROWS, by="company")
    with pytest.raises(trustlex.TrustlexError, match=r"1 sentence rows belong to documents not in docs"):
        function(ROWS, by=["company", "referent"], docs=DOCS[DOCS["doc_id"] != 3])
    with pytest.raises(trustlex.TrustlexError, match=r"docs= goes with sentence rows.*leave docs= out"):
        function(docs, by="company", docs=DOCS)
    with pytest.raises(trustlex.TrustlexError, match="by must be a column name"):
        function(ROWS, by=[])


def test_rows_without_a_referent_are_left_out():
    blank = pd.concat([ROWS, _rows((1, "trust", "-", "none")).assign(referent=np.nan)], ignore_index=True)
    blank["referent"] = blank["referent"].astype(REFERENTS)
    assert blank["referent"].isna().sum() == 1
    for function in (trustlex.compare, trustlex.climate):
        pd.testing.assert_frame_equal(
            function(blank, by="referent", n_boot=40), function(ROWS, by="referent", n_boot=40)
        )


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate])
def test_docs_with_a_repeated_document_key_are_refused(function):
    twice = pd.concat([DOCS, DOCS.iloc[[1]].assign(company="y")], ignore_index=True)
    with pytest.raises(trustlex.TrustlexError, match=r"docs repeats doc_id 1: .*unique id"):
        function(ROWS, by=["company", "referent"], docs=twice)
    folder = DOCS.assign(path="a.csv", row=DOCS["doc_id"]).drop(columns="doc_id")
    rows = ROWS.assign(path="a.csv", row=ROWS["doc_id"]).drop(columns="doc_id")
    with pytest.raises(trustlex.TrustlexError, match=r"docs repeats \(path, row\) \('a.csv', 3\).*one row"):
        function(rows, by=["company", "referent"], docs=pd.concat([folder, folder.iloc[[3]]]))
    function(rows, by=["company", "referent"], docs=folder)  # unique keys: no error
