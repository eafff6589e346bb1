"""Group comparison with bootstrap intervals, and the plots (on matplotlib's Agg backend)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.concepts import CONCEPTS

COMMENTS = pd.DataFrame(
    {
        "team": ["A", "A", "A", "A", "B", "B"],
        "text": [
            "We are kept in the dark and nobody trusts management.",
            "Management keeps us in the dark about the layoffs.",
            "Nobody takes responsibility for mistakes.",
            "Strict rules and constant audits everywhere.",
            "Leadership communicates openly and keeps its promises.",
            "I trust my manager; she is honest with us.",
        ],
    }
)


def docs_dtype(column):
    """The dtype a sentence frame has for ``column``."""
    return trustlex.score_texts(["We trust our manager."], lang="en")[column].dtype


@pytest.fixture(scope="module")
def docs():
    frame = trustlex.score_texts(COMMENTS["text"], lang="en", level="doc")
    return frame.assign(team=COMMENTS["team"].to_numpy())


def test_compare_rates_and_net_valence_by_hand(docs):
    stats = trustlex.compare(docs, by="team", n_boot=200).set_index(["group", "concept"])
    for team in ("A", "B"):
        part = docs[docs["team"] == team]
        words = part["n_words"].sum()
        comm = stats.loc[(team, "communication")]
        assert comm["rate"] == pytest.approx(1000 * part["communication_n"].sum() / words)
        assert comm["n_docs"] == len(part)
    a = stats.loc[("A", "communication")]
    assert a["net"] == -1.0  # both mentions in team A say communication is lacking
    assert stats.loc[("B", "communication"), "net"] == 1.0
    for _, row in stats.iterrows():
        assert row["rate_low"] - 1e-9 <= row["rate"] <= row["rate_high"] + 1e-9
    assert np.isnan(stats.loc[("B", "risk"), "net"])  # absent: no valence to speak of


def test_compare_concept_is_the_codebook_categorical_as_in_every_frame(docs):
    stats = trustlex.compare(docs, by="team", concepts=("communication", "trust"), n_boot=50)
    assert stats["concept"].dtype == docs_dtype("concept")
    assert stats.sort_values("concept")["concept"].unique().tolist() == ["trust", "communication"]
    pooled = trustlex.compare(docs, concepts={"trustworthiness": ("ability", "integrity")}, n_boot=50)
    assert list(pooled["concept"].cat.categories) == [*trustlex.CONCEPTS, "trustworthiness"]
    assert pooled["concept"].tolist() == ["trustworthiness"]


def test_small_groups_are_visibly_uncertain(docs):
    big = pd.concat([docs] * 20, ignore_index=True)
    narrow = trustlex.compare(big, n_boot=300).set_index("concept").loc["trust"]
    wide = trustlex.compare(docs, n_boot=300).set_index("concept").loc["trust"]
    assert (narrow["rate_high"] - narrow["rate_low"]) < (wide["rate_high"] - wide["rate_low"])


def test_control_share(docs):
    shares = trustlex.control_share(docs, by="team").set_index("group")
    assert shares.loc["A", "control_units"] == docs[docs.team == "A"]["control_n"].sum()
    assert 0 < shares.loc["A", "control_share"] < 1
    assert shares.loc["B", "control_share"] == 0


def test_compare_needs_a_document_frame():
    sentences = trustlex.score_texts(["We trust them."], lang="en", level="sentence")
    with pytest.raises(trustlex.TrustlexError, match="document-level frame"):
        trustlex.compare(sentences)
    with pytest.raises(trustlex.TrustlexError, match="no column 'dept'"):
        trustlex.compare(trustlex.score_texts(["x"], lang="en", level="doc"), by="dept")


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate, trustlex.control_share])
def test_an_unknown_by_column_is_named_first_with_the_columns_there_are(docs, function):
    sentences = trustlex.score_texts(COMMENTS["text"], lang="en")
    with pytest.raises(trustlex.TrustlexError) as caught:
        function(sentences, by="nosuchcol")
    message = str(caught.value)
    assert message.startswith("no column 'nosuchcol' to group by; columns are doc_id, lang, sent_id")
    assert "document-level frame" in message  # and then what else is wrong
    with pytest.raises(trustlex.TrustlexError) as caught:
        function(docs, by=["team", "dept", "site"])
    message = str(caught.value)
    assert message.startswith("no columns 'dept', 'site' to group by; columns are doc_id, lang, n_words")
    assert "team" in message
    assert "trust_pos" not in message.split("(")[0]  # the 72 per-concept counts are summed up


def test_plots_draw_what_they_say(docs):
    plot = trustlex.plot
    ax = plot.profile(docs)
    assert len(ax.patches) == 3 * len(CONCEPTS)  # stacked: present, lacking, neutral
    assert [t.get_text() for t in ax.get_xticklabels()] == list(CONCEPTS)
    ax = plot.profile(docs, by="team")
    assert len(ax.patches) == 2 * len(CONCEPTS)
    ax = plot.heatmap(docs, by="team")
    assert ax.images[0].get_array().shape == (2, len(CONCEPTS))
    ax = plot.net_valence(docs, n_boot=100)
    widths = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    nets = trustlex.compare(docs, n_boot=40).set_index("concept")["net"]
    assert widths["communication"] == pytest.approx(nets["communication"])  # the bar is the net valence
    assert widths["communication"] < 0  # more "lacking" than "present" communication in these comments
    ax = plot.control_vs_levers(docs, by="team")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B"]
    assert ax.patches[1].get_height() == 0  # team B: no control language
    ax = plot.climate(docs, by="team", n_boot=100)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n=4)", "B (n=2)"]  # lowest climate first
    table = trustlex.climate(docs, by="team", n_boot=40).set_index("group")
    assert [p.get_width() for p in ax.patches] == pytest.approx(list(table.loc[["A", "B"], "index"]))


def test_display_labels_spans_with_concept_and_valence(nlp_nl):
    nlp = nlp_nl
    doc = nlp("Er is geen vertrouwen in de directie.")
    html = trustlex.display(doc, jupyter=False)
    assert "trust -" in html
    assert "vertrouwen" in html
    assert "trustlex_display" not in doc.spans  # the user's doc is left as it was
    with pytest.raises(trustlex.TrustlexError, match="no trustlex spans"):
        trustlex.display(nlp_nl.make_doc("tekst"), jupyter=False)


def test_kwic_windows_sentences_filters_and_cues():
    texts = pd.Series(
        [
            "Niemand neemt hier verantwoordelijkheid. Er is geen vertrouwen in de directie.",
            "Ik vertrouw haar.",
        ],
        index=["a", "b"],
    )
    rows = trustlex.kwic(texts, "trust", lang="nl", window=2)
    assert rows[["doc_id", "keyword", "valence"]].values.tolist() == [
        ["a", "vertrouwen", "-"],
        ["b", "Ik vertrouw", "+"],
    ]
    first = rows.iloc[0]
    assert (first["left"], first["right"]) == ("is geen", "in de")  # two tokens, not across the sentence
    assert first["cue"] == "negation:geen"
    whole = trustlex.kwic(texts, "trust", "-", lang="nl", per="sentence").iloc[0]
    assert whole["left"] == "Er is geen"
    assert whole["right"] == "in de directie."
    assert trustlex.kwic(texts, valence="+", lang="nl")["doc_id"].tolist() == ["b"]
    with pytest.raises(trustlex.TrustlexError, match="unknown concept"):
        trustlex.kwic(texts, "trustt")
    with pytest.raises(trustlex.TrustlexError, match=r"unknown valence 'x'; valences are \+, -, 0"):
        trustlex.kwic(texts, valence="x")


def test_trust_index_follows_the_codebook_orientation():
    texts = [
        "Management communicates openly and we trust them.",  # two concepts for
        "There is constant fear of layoffs.",  # vulnerability felt: against
        "We have real job security here.",  # vulnerability explicitly absent: for
        "Micromanagement everywhere.",  # excessive control: against
        "Strict rules and constant audits everywhere.",  # working control: weighs nothing
        "The weather was fine.",  # no trust language
    ]
    docs = trustlex.score_texts(texts, lang="en", level="doc")
    assert docs.loc[1, "vulnerability_pos"] == 1
    assert docs.loc[2, "vulnerability_neg"] == 1
    index = trustlex.trust_index(docs)
    assert index.name == "trust_index"
    assert index.index.equals(docs.index)
    assert index[0] == pytest.approx(2 / 3)  # (2 - 0) / (2 + 0 + 1)
    assert index[1] < 0 < index[2]
    assert index[3] < 0
    assert docs.loc[4, "control_n"] > 0
    assert index[4] == 0
    assert index[5] == 0
    assert trustlex.trust_index(docs, smoothing=0.5)[1] == pytest.approx(-1 / 1.5)


def test_trust_index_counts_every_concept_once_by_hand(docs):
    expected = []
    for _, row in docs.iterrows():
        favour = against = 0
        for c in CONCEPTS:
            pos, neg = row[f"{c}_pos"], row[f"{c}_neg"]
            if c in ("risk", "vulnerability"):
                favour, against = favour + neg, against + pos
            elif c == "control":
                against += neg
            else:
                favour, against = favour + pos, against + neg
        expected.append((favour - against) / (favour + against + 1))
    assert trustlex.trust_index(docs).tolist() == pytest.approx(expected)
    index = trustlex.trust_index(docs)
    assert (index[:3] < 0).all()
    assert (index[4:] > 0).all()
    assert index[3] == 0  # "strict rules and constant audits": control at work adds nothing


def test_trust_index_refuses_what_it_cannot_read():
    sentences = trustlex.score_texts(["We trust them."], lang="en", level="sentence")
    with pytest.raises(trustlex.TrustlexError, match="document-level frame"):
        trustlex.trust_index(sentences)
    docs = trustlex.score_texts(["We trust them."], lang="en", level="doc")
    with pytest.raises(trustlex.TrustlexError, match="smoothing must be positive"):
        trustlex.trust_index(docs, smoothing=0)


def test_climate_per_group_is_the_mean_index_with_an_interval(docs):
    table = trustlex.climate(docs, by="team", n_boot=300).set_index("group")
    index = trustlex.trust_index(docs)
    for team in ("A", "B"):
        part = index[docs["team"] == team]
        row = table.loc[team]
        assert row["n_docs"] == len(part)
        # every document with a non-zero index is valenced; a balanced one (index 0) may be too,
        # see test_climate_counts_a_balanced_document_as_valenced
        assert (part != 0).sum() <= row["n_valenced"] <= row["n_docs"]
        assert row["index"] == pytest.approx(part.mean())
        assert row["index_low"] - 1e-9 <= row["index"] <= row["index_high"] + 1e-9
    assert table.loc["A", "index"] < 0 < table.loc["B", "index"]
    whole = trustlex.climate(docs).iloc[0]
    assert whole["group"] == "all"
    assert whole["index"] == pytest.approx(index.mean())
    many = trustlex.climate(pd.concat([docs] * 20, ignore_index=True), n_boot=300).iloc[0]
    assert (many["index_high"] - many["index_low"]) < (whole["index_high"] - whole["index_low"])


def test_climate_counts_a_balanced_document_as_valenced():
    # doc 0: trust + and communication - (index exactly 0); doc 4: trust + and integrity - about
    # the manager (index 0 for direct_manager); docs 1 and 2 have no valenced trust language
    texts = [
        "I trust my manager. HR keeps us in the dark.",
        "Strict rules and constant audits.",
        "The weather was fine.",
        "We trust our manager.",
        "I trust my manager. My manager lies.",
    ]
    docs = trustlex.score_texts(texts, lang="en", level="doc")
    assert trustlex.trust_index(docs).tolist() == [0.0, 0.0, 0.0, 0.5, 0.0]
    assert trustlex.climate(docs, n_boot=50).loc[0, ["n_docs", "n_valenced"]].tolist() == [5, 3]
    rows = trustlex.score_texts(texts, lang="en", level="sentence")
    table = trustlex.climate(rows, by="referent", n_boot=50)
    counts = table.set_index(table["group"].astype(str))[["n_docs", "n_valenced"]]
    assert counts.to_dict("index") == {
        "direct_manager": {"n_docs": 3, "n_valenced": 3},
        "hr": {"n_docs": 1, "n_valenced": 1},
        "none": {"n_docs": 1, "n_valenced": 0},
    }


def test_climate_of_an_empty_group_and_bad_input():
    empty = trustlex.score_texts([], lang="en", level="doc")
    row = trustlex.climate(empty).iloc[0]
    assert row["n_docs"] == 0
    assert np.isnan(row["index"])
    with pytest.raises(trustlex.TrustlexError, match="no column 'dept'"):
        trustlex.climate(trustlex.score_texts(["We trust them."], lang="en", level="doc"), by="dept")


@pytest.mark.parametrize("level", [1.5, 0, 1, -0.2, "0.95", True])
def test_climate_level_outside_0_1_is_a_clear_error(level):
    docs = trustlex.score_texts(["We trust them.", "No trust here."], lang="en", level="doc")
    with pytest.raises(ValueError, match=r"level must be a number between 0 and 1 .*got " + repr(level)):
        trustlex.climate(docs, level=level)
    with pytest.raises(ValueError, match="level must be a number between 0 and 1"):
        trustlex.climate(docs.iloc[:0], level=level)  # no document: refused all the same


@pytest.mark.parametrize("window", [-1, 0, 2.5, True])
def test_kwic_refuses_a_window_the_cli_refuses(window):
    with pytest.raises(
        ValueError, match=f"window must be a whole number of tokens, 1 or more, got {window!r}"
    ):
        trustlex.kwic(["We trust our manager."], window=window, lang="en")


def test_sentence_trust_index_equals_the_document_index(docs, tmp_path):
    from trustlex.analysis import sentence_trust_index

    texts = [*COMMENTS["text"], "The weather was fine.", "There is constant fear of layoffs. We trust them."]
    sentences = trustlex.score_texts(texts, lang="en", level="sentence")
    whole = trustlex.trust_index(trustlex.score_texts(texts, lang="en", level="doc"))
    index = sentence_trust_index(sentences)
    tagged = sorted(sentences["doc_id"].unique())
    assert sorted(index.index) == tagged  # the untagged text is not in sentence rows
    assert 6 not in index.index
    assert index.sort_index().tolist() == pytest.approx(whole[tagged].tolist())
    # folder rows: documents are (path, row); the same comments in a CSV give the same indexes
    table = tmp_path / "comments.csv"
    pd.DataFrame({"text": texts}).to_csv(table, index=False)
    rows = trustlex.score_folder([table], lang="en", level="sentence", progress=False).frame
    from_folder = sentence_trust_index(rows)
    assert from_folder.index.names == ["path", "row"]
    assert sorted(from_folder.tolist()) == pytest.approx(sorted(index.tolist()))
    one = sentence_trust_index(sentences.drop(columns=["doc_id"]))  # no key: one document
    assert len(one) == 1
    with pytest.raises(trustlex.TrustlexError, match="smoothing must be positive"):
        sentence_trust_index(sentences, smoothing=0)


def test_climate_sides_orient_each_concept():
    from trustlex.analysis import climate_sides, mean_interval

    texts = [
        "There is constant fear of layoffs.",  # vulnerability +: against
        "We have real job security here.",  # vulnerability -: for
        "Micromanagement everywhere.",  # control -: against
        "Strict rules and constant audits everywhere.",  # control at work: neither
        "We trust them.",  # trust +: for
    ]
    sentences = trustlex.score_texts(texts, lang="en", level="sentence")
    sides = climate_sides(sentences).set_index("concept")
    assert list(sides.index) == list(CONCEPTS)
    assert sides.loc["vulnerability"].tolist() == [1, 1, 0]
    assert sides.loc["trust"].tolist() == [1, 0, 0]
    assert sides.loc["control", "against"] == 1
    assert sides.loc["control", "neither"] == (sentences["concept"] == "control").sum() - 1
    assert sides.to_numpy().sum() == len(sentences)
    mean, low, high = mean_interval(np.array([0.5]))
    assert mean == low == high == 0.5
    assert np.isnan(mean_interval(np.array([]))[0])


def test_a_cue_reads_the_same_in_kwic_its_command_and_the_results(tmp_path):
    # the sentence rows' cues column (data users keep) is the format; kwic showed "negation: geen"
    text = "Er is geen vertrouwen in de directie."
    sentence = trustlex.score_texts([text], lang="nl", level="sentence").iloc[0]
    match = trustlex.score_texts([text], lang="nl", level="match").iloc[0]
    assert sentence["cues"] == f"{match['cue_kind']}:{match['cue']}" == "negation:geen"
    assert trustlex.kwic([text], lang="nl")["cue"].tolist() == ["negation:geen"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    shown = CliRunner().invoke(app, ["kwic", str(tmp_path / "a.txt"), "--lang", "nl"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.rstrip().endswith("-  [negation:geen]  @leadership")
