"""Unit tests of trustlex.matching.coordination: a negation's reach over a list of predicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from trustlex.lexicon import ClauseWords, Cue, load_context_file
from trustlex.matching.clauses import unspent_cues
from trustlex.matching.context import CueHit, Target
from trustlex.matching.coordination import coordinated_cues, object_spent, reaching_before, second_predicate

LEXICONS = Path(__file__).resolve().parents[2] / "lexicons"
EN, NL = (load_context_file(LEXICONS / lang / "context.toml").clauses for lang in ("en", "nl"))
NEG = Cue(kind="negation", direction="preceding", max_scope=4)


def words_of(sentence):
    return sentence.lower().replace("n't", " n't").split()


def hit_at(words, term):
    first = term.split()
    for k in range(len(words)):
        if words[k : k + len(first)] == first:
            return k, k + len(first)
    raise AssertionError(term)


@pytest.mark.parametrize(
    ("clauses", "sentence", "negation", "hit", "valence", "expected"),
    [
        # r19b: a verb's negation reaches the second predicate of its list, over the first one's object
        (EN, "they do not listen to your concerns or care about you", "not", "care about you", "+", True),
        (
            EN,
            "management does not listen to the concerns of the staff or show respect",
            "not",
            "respect",
            "+",
            True,
        ),
        (EN, "they never listen to our ideas or show appreciation", "never", "appreciation", "+", True),
        (EN, "it does n't seem to be disciplined or monitored", "n't", "monitored", "-", True),
        (
            NL,
            "de directie luistert niet naar de zorgen van het personeel of geeft om ons",
            "niet",
            "geeft",
            "+",
            True,
        ),
        # a neutral mention far off is a policy's topic
        (EN, "we may not be able to process your orders or inquiries", "not", "inquiries", "0", False),
        # a contrast after a comma negates a phrase, no verb's list
        (EN, "retire , not be pushed out by taxes and greedy developers", "not", "greedy", "-", False),
        (EN, "a consultant , not hiring graduates or talented young techs", "not", "talented", "+", False),
        # a new clause: a subject or a finite verb after the coordinator
        (EN, "they do not listen to our ideas and management is rude", "not", "management", "-", False),
        (EN, "they do not listen to our ideas and the management cares", "not", "management", "+", False),
        (EN, "if you ca n't get to them or are overwhelmed", "n't", "overwhelmed", "+", False),
        (EN, "they ca n't get along with each other and will talk smack", "n't", "talk smack", "-", False),
        # a long first predicate's last noun has a conjunct of its own when no second verb shows
        (
            EN,
            "i was not clearly informed of the very extensive duties and responsibilities",
            "not",
            "responsibilities",
            "+",
            False,
        ),
        # "and" joins nouns too: only a shown second verb makes a predicate of what follows it
        (
            EN,
            "they may not fully comprehend the challenges and uncertainties",
            "not",
            "uncertainties",
            "+",
            False,
        ),
        (EN, "they do not listen to our many concerns and show respect", "not", "respect", "+", True),
        # punctuation ends the first predicate
        (EN, "they do not listen , or care", "not", "care", "+", False),
    ],
)
def test_second_predicate(clauses, sentence, negation, hit, valence, expected):
    words = words_of(sentence)
    neg = CueHit(*hit_at(words, negation), NEG)
    target = Target(*hit_at(words, hit), "benevolence", valence)
    assert second_predicate(neg, target, words, len(words), clauses) is expected


@pytest.mark.parametrize(
    ("clauses", "sentence", "negation", "hit", "expected"),
    [
        # an object negation right before the coordinator ends its phrase
        (
            EN,
            "some employees do practically nothing and get special treatment",
            "nothing",
            "special treatment",
            True,
        ),
        (NL, "sommige collega's doen niets en worden voorgetrokken", "niets", "voorgetrokken", True),
        # one that goes on, or a verb's negation, is no object
        (EN, "nothing is done about special treatment", "nothing", "special treatment", False),
        (EN, "they do not listen and care", "not", "care", False),
    ],
)
def test_object_spent(clauses, sentence, negation, hit, expected):
    words = words_of(sentence)
    neg = CueHit(*hit_at(words, negation), NEG)
    target = Target(*hit_at(words, hit), "integrity", "-")
    assert object_spent(neg, target, words, clauses) is expected


def test_coordinated_cues_widens_the_reach_and_drops_a_spent_object():
    words = words_of("they do not listen to your concerns or care about you")
    target = Target(*hit_at(words, "care about you"), "benevolence", "+")
    (wide,) = coordinated_cues([CueHit(2, 3, NEG)], target, words, len(words), EN)
    assert (wide.start, wide.end, wide.cue.max_scope) == (2, 3, 5)  # "listen to your concerns or"
    words = words_of("they do nothing and get special treatment")
    target = Target(*hit_at(words, "special treatment"), "integrity", "-")
    assert coordinated_cues([CueHit(2, 3, NEG)], target, words, len(words), EN) == []


def test_a_language_without_the_words_keeps_the_reach():
    words = words_of("they do nothing and get special treatment")
    target = Target(*hit_at(words, "special treatment"), "integrity", "-")
    hits = [CueHit(2, 3, NEG)]
    assert coordinated_cues(hits, target, words, len(words), ClauseWords()) == hits


def test_only_negations_that_reach_the_hit_are_ruled():
    words = words_of("nobody takes responsibility for anything here and management lies")
    target = Target(*hit_at(words, "lies"), "integrity", "-")
    near = CueHit(0, 1, NEG)  # "nobody", seven words before: out of its scope of four
    follows = CueHit(0, 1, Cue(kind="negation", direction="following", max_scope=20))
    wide = CueHit(0, 1, Cue(kind="negation", direction="both", max_scope=20))
    assert reaching_before([near, follows, wide], target) == {id(wide)}
    # within reach, a hit between and a joiner spend it; out of reach it is left as found (it acts on nothing)
    others = [(1, 3, "responsibility")]
    assert unspent_cues([wide], target, others, words, len(words), EN) == []
    assert unspent_cues([near], target, others, words, len(words), EN) == [near]
    # widened by a list of predicates, a negation reaches the second one and is ruled
    words = words_of("they do not listen to your concerns or care about you")
    target = Target(*hit_at(words, "care about you"), "benevolence", "+")
    (widened,) = coordinated_cues([CueHit(2, 3, NEG)], target, words, len(words), EN)
    assert reaching_before([widened], target) == {id(widened)}
    assert reaching_before([CueHit(2, 3, NEG)], target) == set()
