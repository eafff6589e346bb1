"""The three frames and score_texts, on the small known lexicon."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import trustlex
from trustlex.frame import MATCH_COLUMNS, SENTENCE_COLUMNS, doc_columns

TEXTS = [
    "Niemand neemt hier verantwoordelijkheid. Er is geen vertrouwen in de directie.",
    "Open communicatie en vertrouwen.",
    "Het weer is mooi vandaag.",
]


@pytest.fixture(scope="module")
def lex(tiny_lex):
    return tiny_lex


def test_sentence_level(lex):
    frame = trustlex.score_texts(TEXTS, lang="nl", level="sentence", **lex)
    assert list(frame.columns) == list(SENTENCE_COLUMNS)
    got = list(frame[["doc_id", "sent_id", "concept", "valence"]].itertuples(index=False, name=None))
    assert got == [
        (0, 0, "responsibility", "-"),
        (0, 1, "trust", "-"),
        (1, 0, "communication", "+"),
        (1, 0, "trust", "+"),
    ]
    row = frame.iloc[1]
    assert row["sentence"] == "Er is geen vertrouwen in de directie."
    assert row["cues"] == "negation:geen"
    assert TEXTS[0][row["start_char"] : row["end_char"]] == row["sentence"]


def test_match_level_offsets_and_provenance(lex):
    frame = trustlex.score_texts(TEXTS, lang="nl", level="match", **lex)
    assert list(frame.columns) == list(MATCH_COLUMNS)
    for row in frame.itertuples():
        assert TEXTS[row.doc_id][row.start_char : row.end_char] == row.text
    assert set(frame["lexicon"]) == {"tiny-nl@9.9.9"}
    neg = frame[frame["text"] == "vertrouwen"].iloc[0]
    assert (neg["base_valence"], neg["valence"], neg["cue"]) == ("+", "-", "geen")


def test_doc_level_counts_rates_and_net(lex):
    frame = trustlex.score_texts(TEXTS, lang="nl", level="doc", **lex)
    assert list(frame.columns) == doc_columns()
    first = frame.iloc[0]
    assert first["n_words"] == 11
    assert first["n_sents"] == 2
    assert first["trust_neg"] == 1
    assert first["trust_rate"] == pytest.approx(1000 / 11)
    assert first["trust_net"] == -1.0
    assert math.isnan(first["risk_net"])
    assert frame.iloc[2]["n_matches"] == 0


def test_series_index_becomes_doc_id(lex):
    series = pd.Series(TEXTS, index=["a", "b", "c"])
    frame = trustlex.score_texts(series, lang="nl", level="sentence", **lex)
    assert list(frame["doc_id"].unique()) == ["a", "b"]


def test_bare_string_is_refused():
    with pytest.raises(TypeError, match="got a single str; wrap it in a list"):
        trustlex.score_texts("Geen vertrouwen.", lang="nl")


def test_missing_values_are_empty_documents(lex):
    frame = trustlex.score_texts(["", None, float("nan")], lang="nl", level="doc", **lex)
    assert list(frame["n_words"]) == [0, 0, 0]


def test_non_text_is_refused_with_position(lex):
    with pytest.raises(TypeError, match="text 1 is an int, not a string"):
        trustlex.score_texts(["ok", 5], lang="nl", **lex)
    with pytest.raises(TypeError, match="text 1 is a list, not a string"):
        trustlex.score_texts(["ok", ["no"]], lang="nl", **lex)


def test_bad_level_and_lang():
    with pytest.raises(trustlex.TrustlexError, match="level must be one of match, sentence, doc"):
        trustlex.score_texts(["x"], lang="nl", level="paragraph")
    with pytest.raises(trustlex.TrustlexError, match="lang must be one of nl, en or 'auto'"):
        trustlex.score_texts(["x"], lang="de")


def test_to_frame_matches_score_texts(lex, tiny_nlp):
    docs = list(tiny_nlp.pipe(TEXTS))
    for level in ("match", "sentence", "doc"):
        direct = trustlex.score_texts(TEXTS, lang="nl", level=level, **lex)
        via = trustlex.to_frame(docs, level=level)
        pd.testing.assert_frame_equal(direct, via)


def test_to_frame_needs_trustlex_annotations():
    import spacy

    doc = spacy.blank("nl")("Geen vertrouwen.")
    with pytest.raises(
        trustlex.TrustlexError, match="run it through a pipeline with the 'trustlex' component"
    ):
        trustlex.to_frame([doc], level="match")


def test_match_rows_follow_the_span_group_as_the_user_edits_it(nlp_en):
    doc = nlp_en("Management lies. I trust my colleagues. HR never listens.")
    spans = list(doc.spans["trustlex"])
    assert [s.label_ for s in spans] == ["integrity", "trust", "communication"]
    doc.spans["trustlex"] = sorted(spans, key=lambda s: s.label_)  # reordered: each row keeps its hit
    rows = trustlex.to_frame(doc, level="match")
    got = list(rows[["text", "concept", "valence", "cue"]].astype(object).itertuples(index=False, name=None))
    assert got == [
        ("listens", "communication", "-", "never"),
        ("lies", "integrity", "-", pd.NA),
        ("trust", "trust", "+", pd.NA),
    ]
    doc.spans["trustlex"] = [s for s in spans if s.label_ != "trust"]  # a hit dropped
    assert trustlex.to_frame(doc, level="match")["text"].tolist() == ["lies", "listens"]
    doc.spans["trustlex"] = [*spans[:1], doc[2:3]]  # a span of the user's own, not a hit
    with pytest.raises(
        trustlex.TrustlexError, match=r"span '\.' at 15-16 under 'trustlex' is no trustlex hit"
    ):
        trustlex.to_frame(doc, level="match")


def test_to_frame_and_kwic_find_the_spans_under_the_components_own_key(nlp_en):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("trustlex", config={"spans_key": "tl"})
    doc = nlp("I do not trust management.")
    assert list(doc.spans) == ["tl"]
    expected = trustlex.to_frame(nlp_en("I do not trust management."), level="match")
    for level in ("match", "sentence", "doc"):  # the key the component recorded on the doc
        assert len(trustlex.to_frame(doc, level=level)) == 1
    pd.testing.assert_frame_equal(trustlex.to_frame(doc, level="match", spans_key="tl"), expected)
    assert trustlex.kwic([doc])["keyword"].tolist() == ["trust"]
    assert (
        trustlex.kwic([doc], spans_key="tl")["cue"].tolist()
        == trustlex.kwic([nlp_en("I do not trust management.")])["cue"].tolist()
    )
    with pytest.raises(
        trustlex.TrustlexError,
        match=r"doc has no spans under 'trustlex' \(its span groups: 'tl'; pass spans_key=\)",
    ):
        trustlex.to_frame(doc, spans_key="trustlex")
    with pytest.raises(
        trustlex.TrustlexError, match=r"doc 0 has no spans under 'other' \(its span groups: 'tl'"
    ):
        trustlex.kwic([doc], spans_key="other")


def test_docs_from_a_docbin_without_user_data_are_told_what_is_missing(nlp_en):
    from spacy.tokens import DocBin

    docs = list(nlp_en.pipe(["I do not trust management."]))
    for store, ok in ((False, False), (True, True)):
        data = DocBin(docs=docs, store_user_data=store).to_bytes()
        back = list(DocBin().from_bytes(data).get_docs(nlp_en.vocab))
        assert [s.text for s in back[0].spans["trustlex"]] == ["trust"]  # the spans survive either way
        if ok:
            assert trustlex.to_frame(back)["valence"].tolist() == ["-"]
            continue
        for call in (trustlex.to_frame, trustlex.kwic):
            with pytest.raises(trustlex.TrustlexError, match=r"store_user_data=True") as caught:
                call(back)
            assert "has spans under 'trustlex' but not their trustlex data" in str(caught.value)


def test_auto_language_keeps_order():
    texts = [
        "Ik heb geen vertrouwen in de directie.",
        "I do not trust the management at all.",
        "Het is fijn.",
    ]
    frame = trustlex.score_texts(texts, lang="auto", level="doc")
    assert list(frame["doc_id"]) == [0, 1, 2]
    assert list(frame["lang"]) == ["nl", "en", "nl"]
    assert frame.iloc[0]["trust_neg"] == 1
    assert frame.iloc[1]["trust_neg"] == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Er is geen vertrouwen in de directie en dat merk je.", "nl"),
        ("There is no trust in the board and you can feel it.", "en"),
        ("De medewerkers voelen zich niet gehoord", "nl"),
        ("Management does not listen to us", "en"),
    ],
)
def test_detect_language(text, lang):
    assert trustlex.detect_language(text) == lang


def test_score_texts_keeps_token_attributes_that_patterns_read(write_toml):
    # score_texts' private pipeline computes only LOWER for new words, unless a pattern
    # needs spaCy's Matcher and so any token attribute (here LIKE_NUM)
    lexicon = write_toml(
        '[lexicon]\nname = "t"\nlanguage = "en"\nversion = "1"\n\n'
        '[[entry]]\nconcept = "integrity"\nvalence = "-"\n'
        'pattern = [{LOWER = "waited"}, {LIKE_NUM = true}, {LOWER = "weeks"}]\n'
    )
    texts = ["We waited 73 weeks.", "We waited many weeks."]  # a number the vocab has not seen
    frame = trustlex.score_texts(texts, lang="en", lexicons=[str(lexicon)])
    assert frame[["doc_id", "concept", "valence"]].to_dict("records") == [
        {"doc_id": 0, "concept": "integrity", "valence": "-"}
    ]


def test_score_texts_pipeline_is_private():
    from trustlex.pipeline import scoring_pipeline

    trustlex.score_texts(["Ik vertrouw de directie."], lang="nl")
    doc = trustlex.load("nl")("Er waren 12 meldingen.")
    assert [t.like_num for t in doc] == [False, False, True, False, False]  # the user's vocab is complete
    private = scoring_pipeline("nl", None, None)
    assert private.vocab is not doc.vocab


def test_section_aware_valence_for_neutral_mentions():
    texts = ["De communicatie met het team.", "Geen vertrouwen in de communicatie."]
    plain = trustlex.score_texts(texts, lang="nl", level="match")
    assert plain.loc[plain["text"] == "communicatie", "valence"].tolist()[0] == "0"
    improve = trustlex.score_texts(texts, lang="nl", level="match", neutral_as="-")
    first = improve[improve["doc_id"] == 0].iloc[0]
    assert (first["valence"], first["cue_kind"], first["cue"]) == ("-", "section", "neutral_as")
    # valenced hits keep their valence: "geen vertrouwen" stays -, whatever the section says
    kept = trustlex.score_texts(texts, lang="nl", level="match", neutral_as="+")
    assert kept.loc[(kept["doc_id"] == 1) & (kept["concept"] == "trust"), "valence"].tolist() == ["-"]
    per_text = trustlex.score_texts(texts, lang="nl", level="sentence", neutral_as=[None, "-"])
    assert per_text.loc[per_text["doc_id"] == 0, "valence"].tolist() == ["0"]


def test_sections_inside_a_text():
    # (Glassdoor's "Pros:"/"Cons:" are already cues in the English context rules)
    # ("To improve:" is an English heading cue itself since en/context 0.12.0, so the marker here is another)
    # (an opening request after a short label, "Wishlist: improve ...", reaches every conjunct, so the
    # section's own hit comes first here)
    text = "What works: the communication. Wishlist: the culture, and improve the communication."
    sections = {"What works:": "+", "wishlist:": "-"}
    frame = trustlex.score_texts([text], lang="en", level="match", sections=sections)
    got = [(r.text, r.valence, r.cue) for r in frame.itertuples() if r.cue_kind == "section"]
    # the second "communication" is already negative through the cue "improve": it keeps that cue
    assert got == [("communication", "+", "What works:"), ("culture", "-", "Wishlist:")]
    with pytest.raises(trustlex.TrustlexError, match="must map to"):
        trustlex.score_texts([text], lang="en", sections={"Cons:": "neg"})
    with pytest.raises(trustlex.TrustlexError, match="2 values for 1 texts"):
        trustlex.score_texts([text], lang="en", neutral_as=["-", "+"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik vertrouw niemand hier.\n", 1),  # was 2: the line break after the full stop was a sentence
        ("Ik vertrouw niemand hier.", 1),
        ("Een. Twee.\n\n", 2),
        ("Een.\n Twee", 2),
        ("   ", 0),  # was 1, with 0 words
        ("", 0),
    ],
)
def test_n_sents_leaves_out_a_sentence_of_whitespace_only(text, expected, nlp_nl):
    import trustlex

    assert trustlex.score_texts([text], lang="nl", level="doc")["n_sents"].tolist() == [expected]
    doc = nlp_nl(text)
    assert trustlex.to_frame([doc], level="doc")["n_sents"].tolist() == [expected]
