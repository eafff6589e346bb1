"""Stress accents in Dutch ("géén", "níet", "wél"): read as the plain word, shown as written.

Rows of real sentences through the real pipeline, on both paths (``score_texts``'s
fused scan and the spaCy component), each against the same sentence written
without the accents; and the words that must not fold (één, diaeresis, the
lexicons' own accented words).
"""

from __future__ import annotations

import pytest

import trustlex
from trustlex.lang.accents import StressFold, plain_lemma_form, unstressed

# (written with stress accents, the same without): each pair must give the same hits
PAIRS = [
    # the colleague's sentences: a negation before and after the hit
    ("Er is géén vertrouwen in de directie.", "Er is geen vertrouwen in de directie."),
    ("Ik vertrouw mijn manager níet.", "Ik vertrouw mijn manager niet."),
    ("Ik vertrouw mijn manager nóóit.", "Ik vertrouw mijn manager nooit."),
    ("Ik heb géén vertrouwen in HR.", "Ik heb geen vertrouwen in HR."),
    ("Er is wéinig vertrouwen in het management.", "Er is weinig vertrouwen in het management."),
    # an intensifier inside a context cue ("heel laag")
    ("Het vertrouwen in de directie is héél laag.", "Het vertrouwen in de directie is heel laag."),
    # a multi-word entry ("het interesseert ze niet")
    ("Het interesseert ze níet hoe het met ons gaat.", "Het interesseert ze niet hoe het met ons gaat."),
    # a pattern with a stressed word inside
    ("Het management komt zijn afspraken níet na.", "Het management komt zijn afspraken niet na."),
    ("Wij hebben écht vertrouwen in onze collega's.", "Wij hebben echt vertrouwen in onze collega's."),
    # an exclusion ("vertrouwd met"): no trust hit in either
    ("Iedereen is hier vertrouwd mét de procedures.", "Iedereen is hier vertrouwd met de procedures."),
    # the accent on the hit itself (its lemma) and on a referent
    ("Mijn manager vertróuwt ons niet.", "Mijn manager vertrouwt ons niet."),
    ("Ik vertrouw de mánager niet.", "Ik vertrouw de manager niet."),
    ("Ik vertrouw míjn leidinggevende niet.", "Ik vertrouw mijn leidinggevende niet."),
    # a grave accent
    ("Er is gèèn vertrouwen in de directie.", "Er is geen vertrouwen in de directie."),
    # capitals with accents
    ("ER IS GÉÉN VERTROUWEN IN DE DIRECTIE.", "ER IS GEEN VERTROUWEN IN DE DIRECTIE."),
    # whitespace tokens inside the sentence (matched on a view without them)
    ("Ik vertrouw  mijn manager  níet.", "Ik vertrouw  mijn manager  niet."),
    ("Er is  géén  vertrouwen in de directie.", "Er is  geen  vertrouwen in de directie."),
]


def _rows(frame):
    return [
        (r.concept, r.valence, r.referent, unstressed(r.text.lower()), unstressed(str(r.cue).lower()))
        for r in frame.itertuples()
    ]


@pytest.fixture(scope="module")
def matches():
    texts = [t for pair in PAIRS for t in pair]
    return trustlex.score_texts(texts, lang="nl", level="match"), texts


@pytest.mark.parametrize("k", range(len(PAIRS)))
def test_a_stressed_sentence_reads_as_the_plain_one(matches, k):
    frame, _ = matches
    stressed, plain = frame[frame.doc_id == 2 * k], frame[frame.doc_id == 2 * k + 1]
    assert _rows(stressed) == _rows(plain), PAIRS[k]


@pytest.mark.parametrize("k", range(len(PAIRS)))
def test_outputs_keep_the_written_characters_and_offsets(matches, k):
    frame, texts = matches
    text = texts[2 * k]
    for row in frame[frame.doc_id == 2 * k].itertuples():
        assert text[row.start_char : row.end_char] == row.text
        if isinstance(row.cue, str):
            assert row.cue in text  # "géén", not "geen"
        if isinstance(row.referent_text, str):
            assert row.referent_text in text


def test_the_colleagues_sentences_are_lacking_with_the_cue_as_written():
    frame = trustlex.score_texts([p[0] for p in PAIRS[:4]], lang="nl", level="sentence")
    assert frame.valence.tolist() == ["-", "-", "-", "-"]
    assert frame.cues.tolist() == ["negation:géén", "negation:níet", "negation:nóóit", "negation:géén"]
    assert frame.sentence.tolist() == [p[0] for p in PAIRS[:4]]
    assert frame.referent.tolist() == ["leadership", "direct_manager", "direct_manager", "hr"]


def test_the_spacy_component_reads_stress_accents_as_score_texts_does(nlp_nl):
    frame = trustlex.score_texts([p[0] for p in PAIRS], lang="nl", level="match")
    for k, (stressed, plain) in enumerate(PAIRS):
        doc = nlp_nl(stressed)
        spans = [
            (s.text, s.label_, s._.trustlex["valence"], s._.trustlex["referent"])
            for s in doc.spans["trustlex"]
        ]
        rows = frame[frame.doc_id == k]
        assert spans == list(zip(rows.text, rows.concept, rows.valence, rows.referent, strict=True)), stressed
        doc = nlp_nl(plain)
        plain_spans = [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]]
        assert [(c, v) for _, c, v, _ in spans] == plain_spans, stressed


def test_the_lexicons_own_accented_words_match_as_written():
    # "één" (integrity pattern), "privé" (benevolence pattern), "comité" (a referent term)
    frame = trustlex.score_texts(
        [
            "De keurder en de verkoper spelen onder één hoedje.",
            "Er is géén aandacht voor privé omstandigheden.",
            "Het comité van toezicht vertrouwt de directie niet.",
        ],
        lang="nl",
        level="match",
    )
    got = set(zip(frame.doc_id, frame.text, frame.concept, frame.valence, strict=True))
    assert (0, "onder één hoedje", "integrity", "-") in got
    assert (1, "aandacht voor privé omstandigheden", "benevolence", "-") in got
    assert (2, "toezicht", "control", "0") in got
    assert (2, "comité van toezicht") in set(zip(frame.doc_id, frame.referent_text, strict=True))


def test_een_with_accents_is_the_numeral_not_the_article(write_toml):
    lexicon = write_toml(
        """
        [lexicon]
        name = "een-kans"
        language = "nl"
        version = "1.0.0"

        [[entry]]
        concept = "trust"
        valence = "+"
        term = "een kans"
        """
    )
    texts = [
        "Zij geven ons een kans.",
        "Zij geven ons één kans.",
        "Zij geven ons ééntje.",
        "Zij geven ons gèèn kans.",
    ]
    frame = trustlex.score_texts(texts, lang="nl", level="match", lexicons=[str(lexicon)])
    assert frame.doc_id.tolist() == [0]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("géén", "geen"),
        ("níet", "niet"),
        ("nóóit", "nooit"),
        ("wél", "wel"),
        ("wèl", "wel"),
        ("écht", "echt"),
        ("zéér", "zeer"),
        ("hij\u0301", "hij"),  # a combining acute
        ("íj\u0301", "ij"),  # the stressed ij, both letters marked
        ("één", "één"),  # the numeral
        ("eén", "eén"),
        ("ééntje", "ééntje"),
        ("éénmalig", "eenmalig"),  # a compound spelled without them
        ("ideeën", "ideeën"),  # a diaeresis spells the word
        ("coördinatie", "coördinatie"),
        ("geïnteresseerd", "geïnteresseerd"),
        ("financiële", "financiële"),
        ("mandić", "mandić"),  # an acute on a consonant
        ("geen", "geen"),
    ],
)
def test_the_fold_of_a_word(word, key):
    assert StressFold("nl")(word) == key


def test_words_the_lexicons_write_with_accents_are_kept():
    fold = StressFold("nl", ["vóór de onafhankelijkheid", "privé-leven"], {"comité*": "referent"})
    assert fold("vóór") == "vóór"
    assert fold("vòòr") == "voor"
    assert fold("privé") == "privé"
    assert fold("comitéleden") == "comitéleden"  # a wildcard written with accents
    assert fold("privégebruik") == "privegebruik"


def test_english_does_not_fold():
    # its accented words are loanwords that would fold into another word: résumé, exposé
    fold = StressFold("en")
    assert fold("résumé") == "résumé"
    assert fold("nót") == "nót"


def test_a_lemma_is_looked_up_by_the_plain_form_only_where_the_table_lists_that():
    table = {"vertrouwde": "vertrouwen", "cafés": "café"}
    assert plain_lemma_form("vertróuwde", table, "nl") == "vertrouwde"
    assert plain_lemma_form("cafés", table, "nl") == "cafés"
    assert plain_lemma_form("níet", table, "nl") == "níet"
    assert plain_lemma_form("vertróuwde", table, "en") == "vertróuwde"


def test_the_context_rules_read_lookup_keys_also_beside_whitespace_tokens():
    # a typographic apostrophe is an odd type as a stressed word is: the clause rules read its key
    texts = ["They don\u2019t  trust  management.", "They don't  trust  management."]
    frame = trustlex.score_texts(texts, lang="en", level="match")
    assert frame[["doc_id", "concept", "valence"]].values.tolist() == [[0, "trust", "-"], [1, "trust", "-"]]
