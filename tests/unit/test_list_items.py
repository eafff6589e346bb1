"""List items: a line that opens with a bullet is a sentence of its own in the rows, not for context cues."""

from __future__ import annotations

import pytest

import trustlex

SURVEY = (
    "Team survey results\n- Great communication in my team\n- Poor communication from management\n"
    "- I trust my manager"
)


def _rows(text: str, lang: str = "en"):
    return trustlex.score_texts([text], lang=lang, level="sentence")


def test_two_items_on_one_concept_keep_their_own_valence_and_referent():
    rows = _rows(SURVEY)
    got = sorted(zip(rows["sent_id"], rows["concept"], rows["valence"], rows["referent"], strict=True))
    # before, the three items and the title were one sentence: the team's praise was lost in one
    # communication '-' row credited to management
    assert got == [
        (1, "communication", "+", "colleagues"),
        (2, "communication", "-", "leadership"),
        (3, "trust", "+", "direct_manager"),
    ]
    assert rows["sentence"].tolist() == [
        "- Great communication in my team",
        "- Poor communication from management",
        "- I trust my manager",
    ]
    for r in rows.itertuples():
        assert SURVEY[r.start_char : r.end_char] == r.sentence
    docs = trustlex.score_texts([SURVEY], lang="en", level="doc")
    assert docs.loc[0, "n_sents"] == 4
    assert docs.loc[0, "communication_pos"] == 1
    assert docs.loc[0, "communication_neg"] == 1


def test_the_pipeline_shows_the_same_sentences_and_rows(nlp_en):
    nlp = nlp_en
    doc = nlp(SURVEY)
    assert [s.text.strip() for s in doc.sents] == [
        "Team survey results",
        "- Great communication in my team",
        "- Poor communication from management",
        "- I trust my manager",
    ]
    cols = ["sent_id", "concept", "valence", "referent", "sentence"]
    pipe = trustlex.to_frame([doc], level="sentence")[cols].reset_index(drop=True)
    assert pipe.equals(_rows(SURVEY)[cols].reset_index(drop=True))


def test_a_heading_still_reaches_its_items():
    # 'Cons:' makes what its list names '-', though each item is now a sentence of its own
    text = "Cons:\n- the parking\n- communication between teams"
    rows = _rows(text)
    assert rows[["sent_id", "concept", "valence"]].values.tolist() == [[2, "communication", "-"]]
    matches = trustlex.score_texts([text], lang="en", level="match")
    assert matches["valence"].tolist() == ["-"]
    # a request under a praise heading is praise: 'Invest in training' under 'Pros:' is no complaint
    praise = _rows("Pros:\n- Invest in training\n- good people")
    assert "-" not in praise["valence"].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- first item\n- second item", ["- first item", "- second item"]),
        ("Intro line\n-Bullet against its word", ["Intro line", "-Bullet against its word"]),
        ("Intro\n\u2022 one\n\u2022 two", ["Intro", "\u2022 one", "\u2022 two"]),
        # a bare bullet joins the item after it; a list after a blank line starts nothing more
        ("Intro\n-\n- real item", ["Intro", "-\n- real item"]),
        ("Intro\n\n- item", ["Intro", "- item"]),
        # hyphens and dashes within a line, and a line break before a word, start nothing
        ("well-being - and more\nsecond line", ["well-being - and more\nsecond line"]),
    ],
)
def test_which_bullets_start_a_sentence(text, expected, nlp_en):
    doc = nlp_en(text)
    assert [s.text.strip() for s in doc.sents] == expected
    docs = trustlex.score_texts([text], lang="en", level="doc")
    assert docs.loc[0, "n_sents"] == len(expected)


def test_dutch_lists_too():
    text = "Uit de enquête:\n- Goede communicatie binnen het team\n- Slechte communicatie met de directie"
    rows = _rows(text, "nl")
    assert sorted(zip(rows["sent_id"], rows["valence"], strict=True)) == [(1, "+"), (2, "-")]
