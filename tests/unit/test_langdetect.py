"""Dutch/English detection: short comments, sentences, texts without evidence, batches.

Every text here was written for these tests. The module is reached through
``langdetect.<name>`` (trustlex.lang.detect) inside each test, so that the tests of
``detect_language`` also run (and fail) against a version of the module
without the newer functions.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from trustlex.lang import detect as langdetect

# Dutch comments of one to three words, as in survey answers and review titles
DUTCH_SHORT = [
    "Goed",
    "Slecht",
    "Prima",
    "Matig",
    "Teleurstellend",
    "Werkdruk",
    "Topwerkgever",
    "Prima werkgever",
    "Geen idee",
    "Leuk werk",
    "Fijne collega's",
    "Slechte communicatie",
    "Weinig vertrouwen",
    "Onduidelijk beleid",
    "Top bedrijf",
    "Goede sfeer",
    "Zeer tevreden",
    "Te veel werkdruk",
    "Te weinig personeel",
    "Meer waardering graag",
    "Afspraken nakomen",
    "Open cultuur",
]

ENGLISH_SHORT = [
    "Good",
    "Great",
    "Awesome",
    "Toxic",
    "Underpaid",
    "Okay",
    "Good benefits",
    "Bad management",
    "Poor leadership",
    "Nice people",
    "Low pay",
    "Great team",
    "Not bad",
    "Love it",
    "Great place to work",
    "Too much work",
    # contractions written without the apostrophe, as survey answers often are: "doesnt" alone
    # looked Dutch by its letters
    "Leadership doesnt care",
    "HR isnt helpful",
]

# English answers whose words the Dutch lemma tables hold too (traffic, compliance, leaving): they
# had no evidence, and in a mostly Dutch table were scored as Dutch
ENGLISH_WORDS_OF_BOTH_TABLES = [
    "City traffic is terrible.",
    "Keep Austin clean & in compliance.",
    "Glad Marc Ott is leaving - incompetent.",
]

# Dutch answers with English loanwords of both tables: their Dutch words still decide
DUTCH_WITH_LOANWORDS = ["Te veel deadlines", "Goede feedback", "Veel stress", "Teveel meetings"]

DUTCH_SENTENCES = [
    "Er is geen vertrouwen in de directie en dat merk je elke dag.",
    "Het management communiceert slecht over de deadlines.",
    "Mijn leidinggevende komt zijn afspraken altijd na.",
    "Over het algemeen ben ik tevreden, maar de werkdruk is hoog.",
    "A. Jansen en B. de Vries hebben het rapport opgesteld.",
    "Zo'n organisatie verdient beter.",
    "GEEN VERTROUWEN IN HET BESTUUR",
]

ENGLISH_SENTENCES = [
    "There is no trust in the board and you can feel it.",
    "I worked at Rabobank in Utrecht for two years.",
    "Management does not keep its promises.",
    "Don\u2019t expect any feedback from your manager.",
    "THE PAY IS FINE BUT THE HOURS ARE LONG",
]

# no evidence either way: empty, numbers, names, words common to both languages
NO_EVIDENCE = ["", "   ", "123", "42,5 %", "!!!", "Amazon", "Microsoft", "Jan Jansen", "OK", "Team", "Top"]


@pytest.mark.parametrize("text", DUTCH_SHORT)
def test_dutch_short_comments(text):
    assert langdetect.detect_language(text) == "nl"


@pytest.mark.parametrize("text", ENGLISH_SHORT)
def test_english_short_comments(text):
    assert langdetect.detect_language(text) == "en"


@pytest.mark.parametrize("text", ENGLISH_SHORT)
def test_english_short_comments_do_not_rest_on_the_default(text):
    assert langdetect.detect_language(text, default="nl") == "en"


@pytest.mark.parametrize("text", ENGLISH_WORDS_OF_BOTH_TABLES)
def test_english_words_the_dutch_tables_also_hold_count_by_their_letters(text):
    assert langdetect.detect_language_or_none(text) == "en"


@pytest.mark.parametrize("text", DUTCH_WITH_LOANWORDS)
def test_dutch_answers_with_english_loanwords_stay_dutch(text):
    assert langdetect.detect_language(text, default="en") == "nl"


def test_english_answers_in_a_mostly_dutch_batch_keep_their_language():
    dutch = ["Ik vind dat de directie goed communiceert met ons team."] * 5
    found = langdetect.detect_languages(dutch + ENGLISH_WORDS_OF_BOTH_TABLES)
    assert found == ["nl"] * 5 + ["en"] * len(ENGLISH_WORDS_OF_BOTH_TABLES)


@pytest.mark.parametrize("text", DUTCH_SENTENCES)
def test_dutch_sentences(text):
    assert langdetect.detect_language(text) == "nl"


@pytest.mark.parametrize("text", ENGLISH_SENTENCES)
def test_english_sentences(text):
    assert langdetect.detect_language(text, default="nl") == "en"


@pytest.mark.parametrize("text", NO_EVIDENCE)
def test_no_evidence(text):
    assert langdetect.detect_language_or_none(text) is None
    assert langdetect.detect_language(text) == "en"
    assert langdetect.detect_language(text, default="nl") == "nl"


@pytest.mark.parametrize("text", ["Goed, good.", "Geen idee, no idea"])
def test_a_tie_is_no_evidence(text):
    assert langdetect.detect_language_or_none(text) is None
    assert langdetect.detect_language(text, default="nl") == "nl"


def test_only_the_first_5000_characters_count():
    text = "The management does not listen. " * 200 + "Het management luistert niet. " * 400
    assert len(text) > 2 * 5000
    assert langdetect.detect_language(text) == "en"


def test_score_sign_matches_the_decision():
    # the decision may skip the letter models when they cannot change it; the score never does
    for text in DUTCH_SHORT + DUTCH_SENTENCES + ENGLISH_SHORT + ENGLISH_SENTENCES + NO_EVIDENCE:
        score = langdetect.language_score(text)
        expected = None if abs(score) < langdetect.MARGIN else ("nl" if score > 0 else "en")
        assert langdetect.detect_language_or_none(text) == expected, text


def test_detect_languages_fills_gaps_with_the_majority():
    texts = ["Goed", "OK", "", "Prima werkgever", "123", "Slecht"]
    assert langdetect.detect_languages(texts) == ["nl"] * 6
    texts = ["Great", "OK", "Bad management", "Amazon"]
    assert langdetect.detect_languages(texts, default="nl") == ["en"] * 4


def test_detect_languages_keeps_every_decision_in_a_mixed_batch():
    texts = ["Goed", "Great place to work", "Slechte sfeer", "OK", "Geen idee", "Nice people"]
    assert langdetect.detect_languages(texts) == ["nl", "en", "nl", "nl", "nl", "en"]


def test_detect_languages_without_a_majority_uses_the_default():
    assert langdetect.detect_languages(["OK", "", "123"]) == ["en"] * 3
    assert langdetect.detect_languages(["OK", "", "123"], default="nl") == ["nl"] * 3
    # decided texts split evenly: the gaps take the default too
    assert langdetect.detect_languages(["Goed", "Great", "OK"], default="nl") == ["nl", "en", "nl"]
    assert langdetect.detect_languages(["Goed", "Great", "OK"]) == ["nl", "en", "en"]


def test_detect_languages_of_nothing():
    assert langdetect.detect_languages([]) == []


def test_data_file_is_small_and_loaded_lazily():
    data = resources.files("trustlex") / "data" / "langdetect.txt.gz"
    assert len(data.read_bytes()) < 500_000
    code = (
        "import trustlex, trustlex.lang.detect as l; assert l._model is None; "
        "l.detect_language('Werkdruk'); assert l._model is not None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
