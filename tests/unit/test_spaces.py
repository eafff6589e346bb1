"""Extra whitespace inside a sentence (two spaces, a tab, a line break) breaks no multi-word entry or cue.

spaCy's tokenizer makes a token of such whitespace; the engine matches without the ones between a
sentence's words (trustlex.matching.spaces) and maps its hits back onto the original text.
"""

from __future__ import annotations

import pandas as pd
import pytest

import trustlex
from trustlex.lang.sentences import Sentences
from trustlex.matching.spaces import inner_spaces

# one multi-word entry per language, with its whitespace made odd in three ways
EN = "I have no clue how to run this project."
NL = "Er is een gebrek aan vertrouwen in de directie."
ODD = ["  ", "\t", "\n", "   \t "]


def _matches(texts: list[str], lang: str, **kw) -> pd.DataFrame:
    return trustlex.score_texts(texts, lang=lang, level="match", **kw)


def _spaced(text: str, words: tuple[str, str], gap: str) -> str:
    a, b = words
    assert f"{a} {b}" in text
    return text.replace(f"{a} {b}", f"{a}{gap}{b}", 1)


@pytest.mark.parametrize("gap", ODD)
def test_an_english_multi_word_entry_matches_across_odd_whitespace(gap):
    text = _spaced(EN, ("no", "clue"), gap)
    rows = _matches([EN, text], "en")
    plain, odd = (rows[rows["doc_id"] == k] for k in (0, 1))
    assert (
        plain[["concept", "valence", "entry_id"]].values.tolist()
        == odd[["concept", "valence", "entry_id"]].values.tolist()
    )
    hit = odd[odd["concept"] == "ability"].iloc[0]
    # offsets point into the original text, whitespace and all
    assert text[hit.start_char : hit.end_char] == hit.text
    assert hit.text.startswith(f"no{gap}clue")


@pytest.mark.parametrize("gap", ODD)
def test_a_dutch_multi_word_negation_reaches_across_odd_whitespace(gap):
    text = _spaced(NL, ("gebrek", "aan"), gap)
    rows = _matches([NL, text], "nl")
    trust = rows[rows["concept"] == "trust"]
    assert trust["valence"].tolist() == ["-", "-"]  # before the fix, "gebrek  aan" negated nothing: "0"
    odd = trust[trust["doc_id"] == 1].iloc[0]
    assert odd.cue == f"gebrek{gap}aan"  # the cue as the text has it
    assert text[odd.start_char : odd.end_char] == odd.text == "vertrouwen"


def test_negation_and_its_scope_across_a_double_space_in_english():
    rows = _matches(
        ["Nobody  takes responsibility for mistakes.", "There is a lack  of trust in management."], "en"
    )
    got = rows[["doc_id", "concept", "valence", "text"]].values.tolist()
    # the multi-word entries "nobody takes responsibility" and "lack of trust" now match whole
    assert got == [
        [0, "responsibility", "-", "Nobody  takes responsibility"],
        [1, "trust", "-", "lack  of trust"],
    ]


def test_exclusions_see_through_a_double_space():
    # "skills" (ability) is excluded in "communication skills"; the exclusion must hold with two spaces
    rows = _matches(["She has good communication skills.", "She has good communication  skills."], "en")
    assert "ability" not in set(rows["concept"])


def test_a_line_break_before_a_new_point_still_ends_a_negation():
    # a line break before a capitalised line is a scope end (with_line_ends): it is not skipped
    rows = _matches(["No bonus this year\nTrust in the team is high."], "en")
    assert rows.loc[rows["concept"] == "trust", "valence"].tolist() == ["+"]


def test_sentences_rows_and_offsets_keep_the_original_text():
    text = "We have  no  clue how to  run it. I   trust my manager."
    rows = trustlex.score_texts([text], lang="en", level="sentence")
    assert rows["sentence"].tolist() == ["We have  no  clue how to  run it.", "I   trust my manager."]
    for r in rows.itertuples():
        assert text[r.start_char : r.end_char] == r.sentence
    assert sorted(zip(rows["sent_id"], rows["concept"], rows["valence"], strict=True)) == [
        (0, "ability", "-"),
        (1, "trust", "+"),
    ]


SPACED = [
    "I have no  clue how to  run this.",
    "There is a lack\tof trust in management  and no\nclue how to lead.",
    "Nobody  takes responsibility.\n\nI   trust my manager  .  ",
    "  Pros:\n- no  clue how to lead\n-  honest  people  ",
    "Cons: no  clue how to lead\nManagement is not  trustworthy",
    "Er is een gebrek  aan vertrouwen in de directie.",
    "Hij kwam zijn  afspraken niet na.\tZij  nemen geen\nverantwoordelijkheid.",
    "Voordelen:\n- eerlijke  leiding\n-  geen enkel  vertrouwen in het team  ",
]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_pipeline_and_the_scan_agree_on_spaced_texts(lang, shipped_nlp):
    nlp = shipped_nlp[lang]
    docs = list(nlp.pipe(SPACED))
    for level in ("match", "sentence", "doc"):
        piped = trustlex.to_frame(docs, level=level)
        scored = trustlex.score_texts(SPACED, lang=lang, level=level)
        pd.testing.assert_frame_equal(piped, scored)
    assert len(trustlex.to_frame(docs, level="match")) >= 3


def test_engine_candidates_and_find_match_across_whitespace(tiny_nlp):
    engine = tiny_nlp.get_pipe("trustlex").engine
    for text in ("Er is een gebrek  aan\tvertrouwen.", "Zij nemen hier\nverantwoordelijkheid."):
        doc = tiny_nlp(text)
        cands = {(doc[s:e].text, entry.concept) for s, e, entry in engine.candidates(doc)}
        spans = {(s.text, s.label_) for s in doc.spans["trustlex"]}
        assert spans <= cands
    doc = tiny_nlp("Er is een gebrek  aan\tvertrouwen.")
    assert ("gebrek  aan\tvertrouwen", "trust") in {(s.text, s.label_) for s in doc.spans["trustlex"]}
    doc = tiny_nlp("De directeur hield  zijn\nwoord.")  # a pattern entry
    assert ("hield  zijn\nwoord", "discipline") in {(s.text, s.label_) for s in doc.spans["trustlex"]}
    doc = tiny_nlp("Ik ben  vertrouwd met  de regels.")  # its exclusion "vertrouwd met"
    assert "trust" not in {s.label_ for s in doc.spans["trustlex"]}


MATCHER_LEX = """
[lexicon]
name = "spaced"
language = "en"
version = "1.0.0"

[[entry]]
concept = "integrity"
valence = "+"
pattern = [{LOWER = "kept"}, {IS_ALPHA = true}, {LOWER = "word"}]
"""


def test_spacys_matcher_patterns_match_across_whitespace(tmp_path):
    path = tmp_path / "spaced.toml"
    path.write_text(MATCHER_LEX, encoding="utf-8")
    nlp = trustlex.load("en", lexicons=[str(path)])
    assert nlp.get_pipe("trustlex").engine.uses_spacy_matcher
    texts = ["She kept  her\tword.", "She kept her word."]
    piped = trustlex.to_frame(list(nlp.pipe(texts)), level="match")
    scored = _matches(texts, "en", lexicons=[str(path)])
    pd.testing.assert_frame_equal(piped, scored)
    assert scored["text"].tolist() == ["kept  her\tword", "kept her word"]


def test_inner_spaces_leaves_the_edges_and_line_ends_alone(nlp_en):
    nlp = nlp_en
    doc = nlp.make_doc("  no  clue\nNobody  .  ")
    words = [t.text for t in doc]
    lowers = [t.lower for t in doc]
    spaces = {t.lower for t in doc if t.is_space}
    lines = {t.lower for t in doc if t.text == "\n"}
    drop = inner_spaces(lowers, spaces, Sentences([0], len(doc)), lines, lambda k: words[k])
    # the space between "no" and "clue" goes, and the one between "Nobody" and "."; not the leading
    # and trailing ones, nor the line break before a capitalised line
    assert [words[i] for i in drop] == [" ", " "]
    assert [words[i - 1] for i in drop] == ["no", "Nobody"]
