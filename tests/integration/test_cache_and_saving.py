"""The two traps of issue 15: cached pipelines see an edited lexicon; saved pipelines carry their lexicons."""

from __future__ import annotations

import shutil

import spacy

import trustlex
from trustlex.pipeline import cached_pipeline, scoring_pipeline

LEXICON = (
    '[lexicon]\nname = "own"\nlanguage = "en"\nversion = "1"\n\n'
    '[[entry]]\nconcept = "trust"\nvalence = "{v}"\nterm = "{term}"\n'
)
CONTEXT = (
    '[context]\nlanguage = "en"\nversion = "1"\n\n'
    '[[cue]]\nkind = "negation"\ndirection = "preceding"\nmax_scope = 3\nterms = ["never"]\n'
)


def _write(path, term="expendable", valence="-"):
    path.write_text(LEXICON.format(term=term, v=valence), encoding="utf-8")
    return str(path)


def _spans(nlp, text):
    doc = nlp(text)  # a SpanGroup needs its Doc alive
    return [s.text for s in doc.spans["trustlex"]]


def _concepts(frame):
    return sorted(zip(frame["text"], frame["valence"], strict=True))


def test_an_edited_lexicon_file_is_used_by_the_next_call(tmp_path):
    lexicon = _write(tmp_path / "own.toml")
    text = ["Staff are expendable and disposable."]
    first = trustlex.score_texts(text, lang="en", level="match", lexicons=[lexicon])
    assert _concepts(first) == [("expendable", "-")]
    _write(tmp_path / "own.toml", term="disposable", valence="+")
    second = trustlex.score_texts(text, lang="en", level="match", lexicons=[lexicon])
    assert _concepts(second) == [("disposable", "+")]
    # the spaCy pipelines shared between calls follow the file too
    nlp = cached_pipeline("en", (lexicon,))
    assert _spans(nlp, text[0]) == ["disposable"]


def test_an_unchanged_lexicon_keeps_its_pipeline_until_clear_cache(tmp_path):
    lexicon = _write(tmp_path / "own.toml")
    first = scoring_pipeline("en", (lexicon,), None)
    assert scoring_pipeline("en", (lexicon,), None) is first
    trustlex.clear_cache()
    assert scoring_pipeline("en", (lexicon,), None) is not first


def test_a_saved_pipeline_loads_after_its_lexicon_files_are_gone(tmp_path):
    own = tmp_path / "lexicons"
    own.mkdir()
    lexicon = _write(own / "own.toml")
    (own / "context.toml").write_text(CONTEXT, encoding="utf-8")
    nlp = trustlex.load("en", lexicons=[lexicon], context=str(own / "context.toml"))
    text = "Staff are never expendable."
    before = trustlex.to_frame(nlp(text), level="match")
    nlp.to_disk(tmp_path / "pipe")
    shutil.rmtree(own)
    loaded = spacy.load(tmp_path / "pipe")
    after = trustlex.to_frame(loaded(text), level="match")
    assert before[["text", "valence", "cue_kind"]].values.tolist() == [["expendable", "+", "negation"]]
    assert after[["text", "valence", "cue_kind", "lexicon"]].equals(
        before[["text", "valence", "cue_kind", "lexicon"]]
    )
    assert loaded.get_pipe("trustlex").versions == nlp.get_pipe("trustlex").versions
    # saved again from the loaded pipeline, it still carries the same lexicons
    loaded.to_disk(tmp_path / "again")
    again = spacy.load(tmp_path / "again")
    assert trustlex.to_frame(again(text), level="match")["text"].tolist() == ["expendable"]


def test_a_saved_pipeline_keeps_the_lexicon_it_was_saved_with(tmp_path):
    lexicon = _write(tmp_path / "own.toml")
    nlp = trustlex.load("en", lexicons=[lexicon])
    nlp.to_disk(tmp_path / "pipe")
    _write(tmp_path / "own.toml", term="disposable")  # edited after saving: the saved copy wins
    loaded = spacy.load(tmp_path / "pipe")
    assert _spans(loaded, "Expendable, disposable.") == ["Expendable"]


def test_pipeline_bytes_carry_the_lexicons(tmp_path):
    lexicon = _write(tmp_path / "own.toml")
    nlp = trustlex.load("en", lexicons=[lexicon])
    data = nlp.to_bytes()
    config = nlp.config
    (tmp_path / "own.toml").unlink()
    restored = spacy.blank("en").from_config(config).from_bytes(data)
    assert _spans(restored, "They are expendable.") == ["expendable"]


BOARD = (
    '[referents]\nlanguage = "en"\nversion = "0.1.0"\n\n[[referent]]\nid = "board"\nterms = ["the board"]\n'
)


def _referent(nlp, text="I do not trust the board."):
    return [row["referent"] for row in nlp(text)._.trustlex_sentences]


def test_a_saved_pipeline_carries_its_referent_file(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "my-referents.toml").write_text(BOARD, encoding="utf-8")
    nlp = trustlex.load("en")
    nlp.replace_pipe("trustlex", "trustlex", config={"referents": str(own / "my-referents.toml")})
    assert _referent(nlp) == ["board"]
    data, config = nlp.to_bytes(), nlp.config
    nlp.to_disk(tmp_path / "pipe")
    shutil.rmtree(own)  # as on another machine
    loaded = spacy.load(tmp_path / "pipe")
    assert _referent(loaded) == ["board"]
    loaded.to_disk(tmp_path / "again")  # saved again from the loaded pipeline: the taxonomy still travels
    assert _referent(spacy.load(tmp_path / "again")) == ["board"]
    assert _referent(spacy.blank("en").from_config(config).from_bytes(data)) == ["board"]


def test_a_pinned_block_scores_with_the_lexicon_as_it_was_at_its_first_lookup(tmp_path):
    from trustlex.pipeline import pinned, scoring_engine

    lexicon = _write(tmp_path / "own.toml")
    with pinned():
        first = scoring_engine("en", (lexicon,))[1]
        _write(tmp_path / "own.toml", term="disposable", valence="+")
        assert scoring_engine("en", (lexicon,))[1] is first  # one version of the lexicons per run
    assert scoring_engine("en", (lexicon,))[1] is not first
    rows = trustlex.score_texts(["expendable, disposable"], lang="en", level="match", lexicons=[lexicon])
    assert _concepts(rows) == [("disposable", "+")]
