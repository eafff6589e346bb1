"""spaCy conventions: span._.trustlex by a per-doc index, tables in initialize(), punct_chars, sentences."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.tokens import Span

import trustlex
from trustlex.batch.corpus import read_corpus
from trustlex.lang.lemmas import LookupLemmatizer
from trustlex.lang.sentences import LONG_DOC, FastSentencizer, is_paragraph_break

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

REVIEWS = [
    "I do not trust the management. They promised a raise and never delivered!",
    "Great leadership\n\nPros: open communication, honest feedback\n\nCons: no transparency, no trust",
    "Nobody takes responsibility here and there is no accountability at all",
    'She said "we trust you." Then she broke every promise she made.',
    "The risk is that nobody checks. Oversight is weak; control is absent... and trust is gone.",
]


# -- span._.trustlex: one look-up in a per-doc index, the same record as a scan of the list ------


def scan_reference(span: Span) -> dict | None:
    """What span._.trustlex returned before the index: the first record with the span's key."""
    for info in span.doc._.trustlex_matches or ():
        if (info["start"], info["end"], info["concept"], info["entry"]) == (
            span.start,
            span.end,
            span.label_,
            span.id_,
        ):
            return info
    return None


def probe_spans(doc) -> list[Span]:
    """The doc's spans, and spans around them that overlap several matches or none."""
    spans = list(doc.spans["trustlex"])
    concepts = sorted({s.label_ for s in spans})
    out = list(spans)
    for s in spans:
        # the same place under every concept (one is right at most), a token wider, a token shorter
        out += [Span(doc, s.start, s.end, label=c, span_id=s.id_) for c in concepts]
        out.append(Span(doc, s.start, min(len(doc), s.end + 1), label=s.label_, span_id=s.id_))
        if s.end - s.start > 1:
            out.append(Span(doc, s.start, s.end - 1, label=s.label_, span_id=s.id_))
        out.append(Span(doc, s.start, s.end, label=s.label_, span_id="no-such-entry"))
    for sent in doc.sents:  # whole sentences: overlapping several matches at once
        out += [Span(doc, sent.start, sent.end, label=c) for c in concepts]
    out += [Span(doc, i, i + 1) for i in range(0, len(doc), 7)]  # plain tokens: no match
    return out


@pytest.fixture(scope="module")
def long_doc(nlp_en):
    return nlp_en("\n\n".join(REVIEWS * 40))


def test_span_lookup_equals_the_scan_on_many_spans(long_doc):
    spans = probe_spans(long_doc)
    assert len(long_doc.spans["trustlex"]) > 300
    got = [s._.trustlex for s in spans]
    expected = [scan_reference(s) for s in spans]
    assert all(g is e for g, e in zip(got, expected, strict=True))
    found = sum(g is not None for g in got)
    assert found >= len(long_doc.spans["trustlex"])  # every tagged span has its record
    assert len(got) - found > 1000  # and many probes have none


def test_every_tagged_span_gets_its_own_record(nlp_en):
    doc = nlp_en("\n\n".join(REVIEWS))
    assert len(doc.spans["trustlex"]) >= 8
    for s in doc.spans["trustlex"]:
        info = s._.trustlex
        assert (info["start"], info["end"], info["concept"], info["entry"]) == (
            s.start,
            s.end,
            s.label_,
            s.id_,
        )


def test_the_index_follows_changes_of_the_match_list(nlp_en):
    doc = nlp_en(REVIEWS[0])
    span = doc.spans["trustlex"][0]
    first = span._.trustlex
    assert first is doc._.trustlex_matches[0]
    # a record with the same key appended: the first one still wins, as with the scan
    doc._.trustlex_matches.append(dict(first, valence="?"))
    assert span._.trustlex is first
    # a new list: its records are read
    fresh = copy.deepcopy(doc._.trustlex_matches)
    doc._.trustlex_matches = fresh
    assert span._.trustlex is fresh[0]
    # a record changed in place so that it no longer fits the span: not returned
    fresh[0]["start"] += 100
    assert span._.trustlex is scan_reference(span)
    assert span._.trustlex is fresh[-1]  # the appended twin, still at the old place
    doc._.trustlex_matches = None
    assert span._.trustlex is None


# -- lookup tables in initialize() ------------------------------------------------------------------


def test_nlp_initialize_reads_the_tables():
    nlp = spacy.blank("en")
    nlp.add_pipe("trustlex_sentencizer")
    lemmatizer = nlp.add_pipe("trustlex_lemmatizer")
    tagger = nlp.add_pipe("trustlex")
    assert lemmatizer.table is None  # added, not yet initialized: nothing read
    assert tagger.engine.lemmatizer.table is None
    nlp.initialize()
    assert lemmatizer.table is not None
    assert len(lemmatizer.table) > 10_000
    assert tagger.engine.lemmatizer.table is not None
    doc = nlp("Nobody trusted the managers.")
    assert [t.lemma_ for t in doc] == ["nobody", "trust", "the", "manager", "."]
    assert [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [("trust", "-")]


def test_load_initializes_its_components():
    nlp = trustlex.load("nl")
    assert nlp.get_pipe("trustlex_lemmatizer").table is not None
    assert nlp.get_pipe("trustlex").engine.lemmatizer.table is not None


def test_a_trained_pipelines_lemmas_leave_the_table_unread():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp = trustlex.load(nlp)
    assert nlp.get_pipe("trustlex").engine.lemmatizer.table is None
    doc = nlp("Zij vertrouwt de directie niet.")
    assert [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [("trust", "-")]


def test_a_saved_pipeline_reads_its_tables_when_loaded(tmp_path):
    trustlex.load("en").to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "trustlex_lemmatizer.json").is_file()
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe("trustlex_lemmatizer").table is not None  # before any text
    doc = loaded("Nobody trusted the managers.")
    assert [t.lemma_ for t in doc][:4] == ["nobody", "trust", "the", "manager"]
    assert [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [("trust", "-")]
    again = spacy.blank("en")
    again.add_pipe("trustlex_lemmatizer").from_bytes(loaded.get_pipe("trustlex_lemmatizer").to_bytes())
    assert again.get_pipe("trustlex_lemmatizer").table is not None


def test_an_uninitialized_lemmatizer_saved_stays_uninitialized(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("trustlex_lemmatizer")
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    lemmatizer = loaded.get_pipe("trustlex_lemmatizer")
    assert lemmatizer.table is None
    # used outside nlp.initialize(), it still reads its table at the first look-up
    assert [t.lemma_ for t in loaded("managers were")] == ["manager", "be"]
    assert isinstance(lemmatizer, LookupLemmatizer)
    assert lemmatizer.table is not None


# -- punct_chars --------------------------------------------------------------------------------


def sentences(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


def test_punct_chars_config_changes_the_sentences_and_is_saved(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("trustlex_sentencizer", config={"punct_chars": [";", "|"]})
    text = "One; two. Three | four"
    expected = ["One;", "two. Three |", "four"]  # "|" is not even punctuation
    assert sentences(nlp, text) == expected
    assert nlp.config["components"]["trustlex_sentencizer"]["punct_chars"] == [";", "|"]
    default = spacy.blank("en")
    default.add_pipe("trustlex_sentencizer")
    assert sentences(default, text) == ["One; two.", "Three | four"]
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe("trustlex_sentencizer").punct_chars == [";", "|"]
    assert sentences(loaded, text) == expected
    # the saved settings win over the config, as with spaCy's sentencizer
    restored = spacy.blank("en")
    restored.add_pipe("trustlex_sentencizer").from_bytes(nlp.get_pipe("trustlex_sentencizer").to_bytes())
    assert sentences(restored, text) == expected


# -- the sentence rule: spaCy's Sentencizer rule plus blank lines, exactly as before --------------


def reference_starts(doc, punct_chars: set[str]) -> list[int]:
    """Sentence starts by the rule written out token by token (spaCy's Sentencizer loop plus blank lines).

    A sentence-final character or a blank line (a whitespace token with two
    line breaks) after the first word sets "seen"; the next token that is
    neither punctuation, sentence-final nor a blank line starts a sentence.
    """
    words = [t.i for t in doc if not (t.is_punct or t.is_space)]
    first_word = words[0] if words else len(doc)
    starts, seen = [0], False
    for t in doc:
        blank = t.is_space and is_paragraph_break(t.text)
        final = t.text in punct_chars or (blank and t.i > first_word)
        if seen and not (final or t.is_punct or blank):
            if t.i:
                starts.append(t.i)
            seen = False
        elif final:
            seen = True
    return starts


TRICKY = [
    "Toxic Workplace\n\nPros: good pay\n\nCons: no trust",
    "\n\nLeading blank lines start nothing. Then this",
    "Trailing blank lines\n\n",
    "No final punctuation at all",
    'He said "we trust you." Then left.',
    'Quotes after periods." And (brackets.) next',
    "End.\n\nNext one\r\n\r\nand a third\n \n\nfourth",
    "Line one\nline two. Three",
    "?!. Starts with marks",
    "Wait... what?! Really?? Yes.",
    ". \n\n",
    "Eén zin. Nog één! En «citaat.» Daarna",
]


def test_the_sentencizer_equals_the_rule_on_samples_and_tricky_texts():
    chars = set(spacy.pipeline.Sentencizer.default_punct_chars)
    texts = [*read_corpus([SAMPLES]).tolist(), *TRICKY, *REVIEWS]
    # long docs (LONG_DOC tokens and more) take the numpy path: the same rule
    texts += ["\n\n".join([t] * 60) + " tail" for t in TRICKY] + ["\n\n" + "\n\n".join(REVIEWS * 30)]
    assert len(texts) > 20
    for lang in ("en", "nl"):
        nlp = spacy.blank(lang)
        fast = FastSentencizer(nlp.vocab)
        lengths = []
        for text in texts:
            doc = fast(nlp.make_doc(text))
            assert [s.start for s in doc.sents] == reference_starts(doc, chars), text
            lengths.append(len(doc))
        assert min(lengths) < LONG_DOC < max(lengths)


def test_pipeline_and_scan_give_the_same_sentence_rows(nlp_en):
    texts = [*TRICKY, *REVIEWS, *read_corpus([SAMPLES / "employee-survey.csv"]).tolist()]
    cols = ["doc_id", "sent_id", "concept", "valence", "sentence", "start_char", "end_char"]
    scanned = trustlex.score_texts(texts, lang="en", level="sentence")
    nlp = nlp_en
    piped = trustlex.to_frame(list(nlp.pipe(texts)), level="sentence")
    assert len(scanned) > 20
    assert scanned[cols].reset_index(drop=True).equals(piped[cols].reset_index(drop=True))
    counts = trustlex.score_texts(texts, lang="en", level="doc")["n_sents"].tolist()
    assert counts == trustlex.to_frame(list(nlp.pipe(texts)), level="doc")["n_sents"].tolist()
    # spaCy's sentences, less a last one of whitespace only (the line break after a final full stop);
    # none in a text without words
    spacy_counts = []
    for d in nlp.pipe(texts):
        sents = list(d.sents)
        words = any(not (t.is_punct or t.is_space) for t in d)
        spacy_counts.append(0 if not words else len(sents) - (len(sents) > 1 and sents[-1].text.isspace()))
    assert counts == spacy_counts


# -- nlp.add_pipe("trustlex") on a plain spaCy pipeline finds what trustlex.load finds -----------

BULLETED = [
    "Pros: -we never get feedback \n-trust in our team lead is high\n-honest managers",
    "Cons:\n\u2022dishonest leadership\n-no transparency at all\n-Poor communication",
    "Voordelen: -eerlijke leiding\n-vertrouwen in het team\nNadelen:\n-geen transparantie",
]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_add_pipe_on_a_blank_pipeline_gives_the_rows_of_score_texts(lang):
    texts = [*BULLETED, *REVIEWS, *read_corpus([SAMPLES / "employee-survey.csv"]).tolist()[:40]]
    nlp = spacy.blank(lang)
    nlp.add_pipe("trustlex")  # spaCy's own tokenizer, no sentencizer: the component brings its rules
    with pytest.warns(UserWarning, match="sentence boundaries"):
        docs = list(nlp.pipe(texts))
    for level in ("match", "sentence", "doc"):
        piped = trustlex.to_frame(docs, level=level)
        scored = trustlex.score_texts(texts, lang=lang, level=level)
        assert len(scored) > 3
        pd.testing.assert_frame_equal(piped, scored)
