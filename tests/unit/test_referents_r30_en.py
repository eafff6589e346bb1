"""English referents 0.27.0 (round 30): organisations a text names by name, learnt from its frames."""

from __future__ import annotations

import pytest

import trustlex
from tests.referent_rows import by_concept, own_file
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.proper_names import learned_names, merged


def _matches(text: str, names: dict | None = None) -> list[tuple[str, str, str | None]]:
    rows = trustlex.score_texts([text], lang="en", level="match", names=[names] if names else None)
    return list(zip(rows.concept.astype(str), rows.referent.astype(str), rows.referent_text, strict=True))


@pytest.mark.parametrize(
    ("text", "concept", "name"),
    [
        # a frame says the name is an employer or a company; its other mentions are the organisation too
        ("Duke is a great company. I feel like Duke does recognize hard work.", "benevolence", "Duke"),
        ("I spent ten years working at Northrop. Northrop doesn't care.", "benevolence", "Northrop"),
        ("At Yahoo, we value you. Yahoo is committed to gaining your trust.", "trust", "Yahoo"),
        (
            "Please read Acme's privacy policy. Acme is not responsible for other sites.",
            "responsibility",
            "Acme",
        ),
        ("Before joining KKR I was unsure. KKR has a collaborative culture.", "norms", "KKR"),
        ("Pros: SLB has a supportive culture.", "norms", "SLB"),
    ],
)
def test_a_name_a_frame_makes_an_employer_is_the_organisation(text, concept, name):
    assert (concept, "organisation", name) in _matches(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # no frame in the text: a name alone names nobody (it may be a person, a place, a product)
        ("I feel like Duke does recognize hard work.", "benevolence"),
        ("Thermo is absolutely destroying the culture.", "norms"),
        # a person's name, one after a title, a country, a heading word: no frame makes them an employer
        ("I worked with Derek for years. Derek does recognize hard work.", "benevolence"),
        ("I worked for Mr. Smith for years. Smith does recognize hard work.", "benevolence"),
        ("I worked for America for years. America does recognize hard work.", "benevolence"),
        ("Pros: Great culture", "norms"),
    ],
)
def test_no_frame_no_name(text, concept):
    assert by_concept(text)[concept] == {"none"}


def test_a_learnt_name_only_fills_hits_left_at_none():
    # the police are named for the lie: the learnt employer does not take the hit from them
    text = "I worked at Acme for years. The police at Acme lie."
    assert by_concept(text)["integrity"] == {"government"}


def test_names_given_still_count_and_come_first():
    text = "I worked at Deloitte for years. Walmart does recognize hard work."
    assert ("benevolence", "organisation", "Walmart") in _matches(text, {"organisation": "Walmart"})
    assert by_concept(text)["benevolence"] == {"none"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I love working at Deloitte.", ("Deloitte",)),
        ("The Hartford is a great place to work.", ("Hartford",)),
        ("Kraft Foods Inc. respects your privacy.", ("Kraft Foods",)),
        ("My years at Bank of America were fine.", ("Bank of America",)),
        ("The culture at Deloitte is great.", ("Deloitte",)),
        ("India has a rich culture.", ()),
        ("Teamwork is a big thing here at GDIT!", ("GDIT",)),
        ("There is favoritism for long time Mastercard employees.", ("Mastercard",)),
        # a point of a list opens with a capital: no name ("Talented employees, good culture")
        ("Pros: Talented employees, good culture.", ()),
        ("Please read our Terms of Use. It is a great company.", ()),
        ("Working for Christmas is a great place to work.", ()),
        # a privacy policy's defined terms are no company ("Children's Privacy Policy")
        ("Read the Children's privacy policy.", ()),
    ],
)
def test_learned_names(text, expected):
    got = learned_names(text, shipped_taxonomy("en").rules)
    assert (got[0][1] if got else ()) == expected


def test_merged_keeps_the_users_names_first_and_a_name_once():
    given = (("organisation", ("Walmart",)),)
    assert merged(given, (("organisation", ("walmart", "Deloitte")),)) == (
        *given,
        ("organisation", ("Deloitte",)),
    )
    assert merged(given, ()) == given
    assert merged((), given) == given


def test_dutch_and_a_file_without_name_skips_learn_no_names(tmp_path):
    assert not shipped_taxonomy("nl").rules.name_skips
    assert "deloitte" not in {w.lower() for w in shipped_taxonomy("en").rules.name_skips}
    path = own_file(tmp_path, "own.toml", '[[referent]]\nid = "organisation"\nterms = ["company"]\n')
    text = "Duke is a great company. I feel like Duke does recognize hard work."
    assert by_concept(text, referents=path)["benevolence"] == {"none"}
