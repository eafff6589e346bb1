"""Whom a hit is addressed to ("listen to the residents") and whose source it names ("support from HR")."""

from __future__ import annotations

import pytest

import trustlex
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import addressed


def _referents(text: str, lang: str = "en", referents: str | None = None) -> dict[str, set[str]]:
    rows = trustlex.score_texts([text], lang=lang, level="match", referents=referents)
    return {str(c): set(rows.loc[rows.concept == c, "referent"].astype(str)) for c in rows.concept.unique()}


def test_the_shipped_recipient_and_source_words_are_split_per_language():
    en, nl = shipped_taxonomy("en").rules, shipped_taxonomy("nl").rules
    assert {"to", "with"} <= en.recipients
    assert "naar" in nl.recipients
    assert "naar" not in en.recipients
    assert en.sources == {"from"}
    assert nl.sources == {"vanuit"}


WORDS = "nobody listens to all the residents".split()


@pytest.mark.parametrize(
    ("mention", "start", "end", "expected"),
    [
        (Mention(5, 6, "customers"), 1, 2, True),  # "to" right after the hit, two words between
        (Mention(5, 6, "employees"), 1, 2, False),  # employees are the object of care by definition
        (Mention(0, 1, "customers"), 1, 2, False),  # a party before the hit is addressed by nothing
    ],
)
def test_a_customer_after_to_is_whom_the_hit_is_addressed_to(mention, start, end, expected):
    assert addressed(mention, start, end, WORDS, shipped_taxonomy("en").rules) is expected


def test_three_words_between_the_preposition_and_the_party_address_nobody():
    words = "nobody listens to all the many residents".split()
    assert not addressed(Mention(6, 7, "customers"), 1, 2, words, shipped_taxonomy("en").rules)


def test_trust_and_the_acting_party_keep_their_referents():
    # trust in or with X is about X; the one who talks down to the clients is management
    assert _referents("We need to build trust with residents.")["trust"] == {"customers"}
    assert _referents("Fiserv management talks down to the prospective clients.")["communication"] == {
        "leadership"
    }


def test_a_file_without_recipients_leaves_the_addressee_its_referent(tmp_path):
    path = tmp_path / "bare.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\nreplace = true\n\n'
        '[[referent]]\nid = "customers"\nterms = ["residents"]\n',
        encoding="utf-8",
    )
    text = "Nobody listens to the residents."
    assert _referents(text)["communication"] == {"none"}
    assert _referents(text, referents=str(path))["communication"] == {"customers"}


def test_an_exclude_phrase_drops_only_the_mentions_inside_it(tmp_path):
    # "members of" is no party of its own, but "council members" starts before the phrase and stays
    path = tmp_path / "members.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\nreplace = true\n\n'
        '[[referent]]\nid = "government"\nterms = ["council members"]\n\n'
        '[[referent]]\nid = "customers"\nterms = ["members"]\nexclude = ["members of"]\n',
        encoding="utf-8",
    )
    own = str(path)
    council = _referents("Council members of Austin are dishonest.", referents=own)
    assert council["integrity"] == {"government"}
    assert _referents("Members of Austin are dishonest.", referents=own)["integrity"] == {"none"}


def test_a_customer_named_apart_from_a_hit_is_no_nearest_party_but_a_pressure_felt_stays_theirs():
    # round 16: the nearest rule no longer reaches customers, residents or users (whom a hit is for,
    # to or about); a pattern still does, and their own pressure (vulnerability) stays theirs
    assert _referents("Build trust, and talk with the residents more often.")["trust"] == {"none"}
    assert _referents("As a resident I do not feel safe walking downtown at night.") == {
        "risk": {"customers"},
        "vulnerability": {"customers"},
    }
    got = _referents("The citizens that make Austin weird and creative are being priced out of the city.")
    assert got == {"vulnerability": {"customers"}}
