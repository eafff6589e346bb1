"""Pipelines as users build them: blank + trustlex, entry points, an existing pipeline, saving."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import spacy

import trustlex


def run_python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return out.stdout


def test_add_pipe_without_importing_trustlex():
    # spaCy finds the factory through the spacy_factories entry point
    code = (
        "import sys, warnings, spacy\n"
        "nlp = spacy.blank('en')\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        "    nlp.add_pipe('trustlex')\n"
        "    doc = nlp('Nobody trusts the management. It is fine.')\n"
        "assert 'trustlex' not in sys.argv\n"
        "print([(s.label_, s._.trustlex['valence']) for s in doc.spans['trustlex']])\n"
        "print(len(w), 'sentencizer' in str(w[0].message))\n"
    )
    out = run_python(code)
    assert "('trust', '-')" in out
    assert "1 True" in out  # the missing sentencizer is added, and said once


def test_saved_pipeline_loads_from_config(tmp_path):
    nlp = trustlex.load("nl")
    nlp.to_disk(tmp_path / "pipe")
    code = (
        "import spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipe')!r})\n"
        "doc = nlp('Er is geen vertrouwen in de directie.')\n"
        "print(nlp.pipe_names, [(s.label_, s._.trustlex['valence']) for s in doc.spans['trustlex']])\n"
    )
    out = run_python(code)
    assert "['trustlex_sentencizer', 'trustlex_lemmatizer', 'trustlex']" in out
    assert "('trust', '-')" in out


def test_load_extends_an_existing_pipeline_and_uses_its_lemmas():
    # a pipeline with its own lemmatizer (spaCy's rule-free lookup lemmatizer here, as a
    # trained pipeline would have): trustlex must not add a second one, and must use its lemmas
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp = trustlex.load(nlp)
    assert nlp.pipe_names == ["sentencizer", "lemmatizer", "trustlex"]
    doc = nlp("Zij vertrouwt de directie niet.")
    assert [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [("trust", "-")]


def test_load_twice_replaces_component(tiny_lex):
    nlp = trustlex.load("nl")
    nlp = trustlex.load(nlp, **tiny_lex)
    assert nlp.pipe_names.count("trustlex") == 1
    assert nlp.get_pipe("trustlex").versions["tiny-nl"] == "9.9.9"


def test_bad_lang():
    import pytest

    with pytest.raises(trustlex.TrustlexError, match="lang must be one of nl, en"):
        trustlex.load("de")


def test_language_codes_are_read_in_any_case():
    text = "Er is geen vertrouwen in de directie."
    assert trustlex.load("NL").lang == "nl"
    assert trustlex.load(" En ").lang == "en"
    expected = trustlex.score_texts([text], lang="nl")
    for lang in ("NL", "Nl"):
        pd.testing.assert_frame_equal(trustlex.score_texts([text], lang=lang), expected)
    pd.testing.assert_frame_equal(trustlex.score_texts([text], lang="AUTO"), expected)
    assert trustlex.kwic([text], lang="NL")["keyword"].tolist() == ["vertrouwen"]


def test_score_texts_detects_the_language_when_none_is_given(nlp_en):
    import trustlex

    # the default was "nl": English text then found almost nothing, silently
    rows = trustlex.score_texts(["I do not trust management.", "Ik vertrouw mijn manager."])
    assert rows[["doc_id", "lang", "concept", "valence"]].values.tolist() == [
        [0, "en", "trust", "-"],
        [1, "nl", "trust", "+"],
    ]
    # with a pipeline of the user's own, its language
    nlp = nlp_en
    own = trustlex.score_texts(["I trust my manager."], nlp=nlp, level="doc")
    assert own["lang"].tolist() == ["en"]
    assert own["trust_pos"].tolist() == [1]


def test_markup_in_texts_is_named_and_html_to_text_gives_the_words_back():
    import warnings

    import trustlex

    texts = ["I <b>trust</b> my manager.", "Q&A with x < y", "<div>Geen&nbsp;vertrouwen</div>"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        hidden = trustlex.score_texts(texts, lang="auto")
    # the tags stick to the words: nothing is found, but the user is told, once, which text is first
    assert hidden.empty
    markup = [w for w in caught if "HTML markup" in str(w.message)]
    assert len(markup) == 1
    assert "2 text(s)" in str(markup[0].message)
    assert "doc_id 0" in str(markup[0].message)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = trustlex.score_texts([trustlex.html_to_text(t) for t in texts], lang="auto")
    assert not [w for w in caught if "HTML markup" in str(w.message)]
    assert rows[["doc_id", "concept", "valence"]].values.tolist() == [[0, "trust", "+"], [2, "trust", "-"]]
