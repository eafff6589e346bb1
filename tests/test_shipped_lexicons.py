"""Every shipped lexicon loads cleanly, covers the codebook, and its examples behave."""

from __future__ import annotations

import pytest
from shipped import shipped_lexicons

import trustlex
from trustlex.concepts import CONCEPTS, LANGUAGES
from trustlex.lexicon import load_context_file
from trustlex.lexicon.resources import lexicon_dir

LEXICONS = list(shipped_lexicons())
CASES = [
    (lex.language, entry, text, kind)
    for lex in LEXICONS
    for entry in lex.entries
    for kind, texts in (("example", entry.examples), ("counter_example", entry.counter_examples))
    for text in texts
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_concept_has_a_lexicon(lang):
    names = {name.split("/")[1] for name in trustlex.list_lexicons() if name.startswith(lang + "/")}
    assert names == set(CONCEPTS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_context_file_loads(lang):
    rules = load_context_file(lexicon_dir() / lang / "context.toml")
    kinds = {c.kind for c in rules.cues}
    assert {"negation", "hedge", "termination"} <= kinds


@pytest.mark.parametrize("lex", LEXICONS, ids=lambda lex: f"{lex.language}/{lex.name}")
def test_lexicon_is_consistent(lex):
    file_concept = lex.path.rsplit("/", 1)[1].removesuffix(".toml")
    assert lex.entries, "a shipped lexicon must not be empty"
    assert {e.concept for e in lex.entries} == {file_concept}, "one concept per file, as named"


def test_examples_exist_for_most_entries():
    entries = [e for lex in LEXICONS for e in lex.entries]
    with_example = [e for e in entries if e.examples]
    assert len(with_example) >= 0.5 * len(entries)


@pytest.fixture(scope="module")
def pipelines(shipped_nlp):
    return shipped_nlp


@pytest.mark.parametrize(
    ("lang", "entry", "text", "kind"),
    CASES,
    ids=[f"{e.id}|{kind}|{text[:40]}" for _, e, text, kind in CASES],
)
def test_lexicon_examples(pipelines, lang, entry, text, kind):
    # An example must match its entry (after exclusions) and get the entry's concept tagged;
    # the matched entry may still lose an overlap to a more specific sibling of that concept.
    nlp = pipelines[lang]
    doc = nlp(text)
    matched = {e.id for _, _, e in nlp.get_pipe("trustlex").engine.candidates(doc)}
    tagged = {span.label_ for span in doc.spans["trustlex"]}
    if kind == "example":
        assert entry.id in matched, (
            f"{entry.where}: example does not match {entry.id}; matched: {sorted(matched)}"
        )
        assert entry.concept in tagged, f"{entry.where}: example matches but {entry.concept} is not tagged"
    else:
        assert entry.id not in matched, f"{entry.where}: counter_example matches {entry.id}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_patterns_need_no_spacy_matcher(lang):
    # one pattern that only spaCy's Matcher can run (ORTH, POS, SHAPE...) makes every text of the
    # language pay for spaCy's full lexical attributes; write it with LOWER, LEMMA, IN, REGEX,
    # IS_SENT_START or LIKE_NUM instead
    from spacy.attrs import LOWER

    from trustlex.pipeline import scoring_engine

    nlp, engine = scoring_engine(lang, None)
    assert not engine.uses_spacy_matcher
    assert list(nlp.vocab.lex_attr_getters) == [LOWER]


def test_sentence_start_patterns_fire_after_the_first_sentence_too(pipelines):
    # "Enforce ..." opens its sentence here, though not the text: score_texts and the
    # pipeline component find the same entries
    text = "Traffic is bad. Enforce the speed limits."
    rows = trustlex.score_texts([text], lang="en", level="match")
    doc = pipelines["en"](text)
    component = sorted(m["entry"] for m in doc._.trustlex_matches)
    assert "en:control:r4B:enforce-imperative" in set(rows["entry_id"])
    assert sorted(rows["entry_id"]) == component
