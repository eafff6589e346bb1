"""Referent attribution (trustlex.matching.referents) and the taxonomy files, row by row, without pipelines.

Each attribution row is a sentence written as space-separated tokens (as the
tokenizer splits it), the hit's words, its concept, and the expected
referent, mention and rule. Mentions come from the shipped taxonomies, so
these rows also pin the shipped terms the rules rely on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trustlex import load
from trustlex.errors import LexiconError
from trustlex.lexicon.referents import (
    REFERENTS,
    Taxonomy,
    load_referent_file,
    load_taxonomy,
    shipped_taxonomy,
)
from trustlex.lexicon.resources import lexicon_dir, list_lexicons, resolve_lexicons
from trustlex.lexicon.schema import load_lexicon_file
from trustlex.matching.mentions import Mention, find_mentions, named_parties
from trustlex.matching.records import unit_referent
from trustlex.matching.referent_patterns import clause
from trustlex.matching.referents import attribute, by_tree, nearest
from trustlex.matching.units import Hit


def _hit_span(words: list[str], hit: str) -> tuple[int, int]:
    parts = hit.split()
    for i in range(len(words) - len(parts) + 1):
        if words[i : i + len(parts)] == parts:
            return i, i + len(parts)
    raise AssertionError(f"{hit!r} not in {words}")


def run(lang: str, sentence: str, hit: str, concept: str, heads: list[int] | None = None) -> tuple:
    texts = sentence.split()
    words = [w.lower() for w in texts]
    tax = shipped_taxonomy(lang)
    mentions = find_mentions(words, None, tax, texts=texts)
    start, end = _hit_span(words, hit.lower())
    m, how = attribute(start, end, concept, mentions, words, heads)
    return (m.referent if m else "none", " ".join(texts[m.start : m.end]) if m else "", how)


ENGLISH = [
    # the object of trust words
    ("I do n't trust management", "trust", "trust", ("leadership", "management", "pattern")),
    (
        "There is no trust in senior leadership here",
        "trust",
        "trust",
        ("leadership", "senior leadership", "pattern"),
    ),
    ("We have little faith in HR", "faith", "trust", ("hr", "HR", "pattern")),
    # the subject of care, honesty, competence, communication
    ("Management lies about everything", "lies", "integrity", ("leadership", "Management", "pattern")),
    ("My manager never listens", "listens", "communication", ("direct_manager", "My manager", "pattern")),
    (
        "The company does not care about employees",
        "care",
        "benevolence",
        ("organisation", "The company", "pattern"),
    ),
    (
        "Management does n't care about employees",
        "care",
        "benevolence",
        ("leadership", "Management", "pattern"),
    ),
    # possessives and compounds right before the hit
    (
        "The leadership 's honesty is doubtful",
        "honesty",
        "integrity",
        ("leadership", "leadership", "pattern"),
    ),
    ("HR processes are not clean", "processes", "control", ("hr", "HR", "pattern")),
    # the noun the hit modifies
    (
        "Pros : friendly coworkers and good pay",
        "friendly",
        "benevolence",
        ("colleagues", "coworkers", "pattern"),
    ),
    # two parties, two clauses
    (
        "My manager is great but upper management lies",
        "lies",
        "integrity",
        ("leadership", "upper management", "pattern"),
    ),
    (
        "My manager is great but upper management lies",
        "great",
        "ability",
        ("direct_manager", "My manager", "pattern"),
    ),
    # employees only when nobody else is named
    ("They care about their employees", "care", "benevolence", ("employees", "their employees", "pattern")),
    # the nearest mention in the sentence, marked as such
    (
        "Leadership , in my experience of many years here , lies",
        "lies",
        "integrity",
        ("leadership", "Leadership", "nearest"),
    ),
    # nobody named: pronouns alone are none
    ("They lie", "lie", "integrity", ("none", "", "none")),
    ("There is no trust here", "trust", "trust", ("none", "", "none")),
    # exclusions: risk management is no party
    ("Risk management is important", "risk", "risk", ("none", "", "none")),
    # a word that only looks like a mention through its lemma is none
    ("Cons : short staffed sometimes", "staffed", "vulnerability", ("none", "", "none")),
    # a company by its legal form
    (
        "This policy may be changed by Time Inc. at any time",
        "changed",
        "communication",
        ("organisation", "Inc.", "pattern"),
    ),
    # the nearest mention on the hit's line, within reach, before or after it; a tie goes to the earlier
    (
        "Management , from what I have seen in all those years , is very honest",
        "honest",
        "integrity",
        ("leadership", "Management", "nearest"),
    ),
    ("HR , the CEO , honest", "honest", "integrity", ("leadership", "CEO", "nearest")),
    ("honest , HR , the CEO", "honest", "integrity", ("hr", "HR", "nearest")),
    ("HR , honest , CEO", "honest", "integrity", ("hr", "HR", "nearest")),
    # a party right before a trust word trusts; the one after it is trusted
    ("HR trusts management", "trusts", "trust", ("leadership", "management", "pattern")),
    ("My colleagues trust the board", "trust", "trust", ("leadership", "the board", "pattern")),
    ("Colleagues trust each other", "trust", "trust", ("colleagues", "Colleagues", "pattern")),
    ("Management trust is low", "trust", "trust", ("leadership", "Management", "pattern")),
    ("Management 's trust in HR", "trust", "trust", ("hr", "HR", "pattern")),
    ("Management 's trust has eroded", "trust", "trust", ("leadership", "Management", "pattern")),
    # a mention opening with a determiner after the hit is its object, not the noun it modifies
    ("Managers always blame the staff", "blame", "responsibility", ("leadership", "Managers", "pattern")),
    ("They blame the staff", "blame", "responsibility", ("colleagues", "the staff", "pattern")),
    ("Friendly coworkers", "friendly", "benevolence", ("colleagues", "coworkers", "pattern")),
]

DUTCH = [
    ("Ik heb geen vertrouwen in de directie", "vertrouwen", "trust", ("leadership", "directie", "pattern")),
    (
        "Mijn leidinggevende luistert niet",
        "luistert",
        "communication",
        ("direct_manager", "Mijn leidinggevende", "pattern"),
    ),
    (
        "De managementcommunicatie is slecht",
        "managementcommunicatie",
        "communication",
        ("leadership", "managementcommunicatie", "pattern"),
    ),
    (
        "De toezichthouder houdt toezicht op de naleving",
        "toezicht",
        "control",
        ("government", "toezichthouder", "pattern"),
    ),
    (
        "De opsporingsambtenaar is bevoegd",
        "opsporingsambtenaar",
        "control",
        ("government", "opsporingsambtenaar", "pattern"),
    ),
    # "OM" counts as written; "het om" in lower case is the preposition ("gaat het om een overtreding")
    ("Het OM vervolgt de verdachte", "vervolgt", "control", ("government", "OM", "pattern")),
    # the preposition "om" is no Openbaar Ministerie
    ("Het gaat om vertrouwen", "vertrouwen", "trust", ("none", "", "none")),
    ("Vaak gaat het om vertrouwen", "vertrouwen", "trust", ("none", "", "none")),
    ("Collega's helpen elkaar altijd", "helpen", "benevolence", ("colleagues", "Collega's", "pattern")),
    (
        "De gemeente controleert de vergunningen",
        "controleert",
        "control",
        ("government", "gemeente", "pattern"),
    ),
    ("Vertrouwen is onzichtbaar", "vertrouwen", "trust", ("none", "", "none")),
    ("Ze liegen", "liegen", "integrity", ("none", "", "none")),
    # a compound with a hyphen names the party of its first part, else of its last
    (
        "Medewerkers van de ACM-organisatie zijn verplicht mee te werken",
        "verplicht",
        "control",
        ("government", "ACM-organisatie", "pattern"),
    ),
    ("De HR-afdeling communiceert slecht", "communiceert", "communication", ("hr", "HR-afdeling", "pattern")),
    ("Het OM-beleid is streng", "streng", "control", ("government", "OM-beleid", "pattern")),
    (
        "De klanten-service reageert niet",
        "reageert",
        "communication",
        ("customers", "klanten-service", "pattern"),
    ),
    # words joined by a slash are one token: the first part's party, else the last's
    (
        "De Belastingdienst/Douane controleert streng",
        "controleert",
        "control",
        ("government", "Belastingdienst/Douane", "pattern"),
    ),
    (
        "Het hoofd P&O/management communiceert slecht",
        "communiceert",
        "communication",
        ("hr", "P&O/management", "pattern"),
    ),
    (
        "Politiebevoegdheden worden streng gecontroleerd",
        "gecontroleerd",
        "control",
        ("government", "Politiebevoegdheden", "pattern"),
    ),
    # a capitalised term in a compound only as written: "om-" is no Openbaar Ministerie
    ("Het om-en-nabij is streng", "streng", "control", ("none", "", "none")),
    # regulators by their acronym (as written)
    ("De OPTA en het CBP leggen de begrippen uit", "uit", "communication", ("government", "CBP", "pattern")),
    # a wildcard leaves a stem to the compound: the "tweede graad" is no council, arson no foundation
    (
        "een bloedverwant in de tweede graad wordt gecontroleerd",
        "gecontroleerd",
        "control",
        ("none", "", "none"),
    ),
    ("Richtlijn voor strafvordering brandstichting", "strafvordering", "control", ("none", "", "none")),
    (
        "De gemeenteraad controleert het college",
        "controleert",
        "control",
        ("government", "gemeenteraad", "pattern"),
    ),
    # the party in a trust hit trusts the one named after it, if any
    (
        "Mijn collega's vertrouwen het management niet",
        "collega's vertrouwen",
        "trust",
        ("leadership", "management", "pattern"),
    ),
    ("Collega's vertrouwen elkaar", "collega's vertrouwen", "trust", ("colleagues", "Collega's", "pattern")),
    ("HR vertrouwt het management", "vertrouwt", "trust", ("leadership", "management", "pattern")),
    ("Mijn collega's hebben geen vertrouwen in HR", "vertrouwen", "trust", ("hr", "HR", "pattern")),
]


@pytest.mark.parametrize(("sentence", "hit", "concept", "expected"), ENGLISH)
def test_english_rules(sentence, hit, concept, expected):
    assert run("en", sentence, hit, concept) == expected


@pytest.mark.parametrize(("sentence", "hit", "concept", "expected"), DUTCH)
def test_dutch_rules(sentence, hit, concept, expected):
    assert run("nl", sentence, hit, concept) == expected


MENTIONS = [
    (
        "en",
        "my manager and upper management",
        [("direct_manager", "my manager"), ("leadership", "upper management")],
    ),
    ("en", "co - workers and the team", [("colleagues", "co - workers"), ("colleagues", "team")]),
    ("en", "project management and the ceo", [("leadership", "ceo")]),
    # a customer named as the modifier of a service is no party; the customers themselves are
    (
        "en",
        "better customer service and user data for the customers",
        [("customers", "customers")],
    ),
    (
        "en",
        "managers in positions of authority",
        [("leadership", "managers"), ("leadership", "positions of authority")],
    ),
    ("en", "the city council and the police", [("government", "the city council"), ("government", "police")]),
    (
        "nl",
        "de raad van bestuur en de werkgever",
        [("leadership", "raad van bestuur"), ("organisation", "werkgever")],
    ),
    ("nl", "de belastingdienst en de klanten", [("government", "belastingdienst"), ("customers", "klanten")]),
    # public colleges, committees and services of a law; a national road or museum is no authority
    (
        "nl",
        "het college , de vertrouwenscommissie en de rijksluchtvaartdienst langs de rijksweg",
        [
            ("government", "het college"),
            ("government", "vertrouwenscommissie"),
            ("government", "rijksluchtvaartdienst"),
        ],
    ),
    # public administration is the government's, a board of its own the leadership's
    (
        "nl",
        "de integriteit van het openbaar bestuur en het bestuur",
        [("government", "het openbaar bestuur"), ("leadership", "het bestuur")],
    ),
    ("en", "the recruiter and hr", [("hr", "recruiter"), ("hr", "hr")]),
    # members (of a chamber, a committee) are no customers
    ("nl", "de leden van de kamer", [("government", "kamer")]),
    # adjectives that say whose it is; a bestuur may be a company's
    (
        "nl",
        "rechterlijke dwaling , gemeentelijke heffingen en bestuurlijke drukte bij overheidsinstellingen",
        [
            ("government", "rechterlijke"),
            ("government", "gemeentelijke"),
            ("government", "overheidsinstellingen"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), MENTIONS)
def test_mentions_longest_first_and_excluded(lang, sentence, expected):
    words = sentence.split()
    found = find_mentions(words, None, shipped_taxonomy(lang))
    assert [(m.referent, " ".join(words[m.start : m.end])) for m in found] == expected


def test_lemmas_match_inflections_terms_match_forms():
    tax = Taxonomy("en")
    tax.add_term("guild", "colleagues", lemma=True)
    tax.add_term("board", "leadership")
    words = ["guilds", "boards", "board"]
    found = find_mentions(words, ["guild", "board", "board"], tax)
    assert [(m.start, m.referent) for m in found] == [(0, "colleagues"), (2, "leadership")]


def test_capitals_match_only_as_written():
    tax = Taxonomy("nl")
    tax.add_term("OM", "government")
    words = ["het", "om", "en", "om"]
    found = find_mentions(words, None, tax, texts=["het", "OM", "en", "om"])
    assert [(m.start, m.referent) for m in found] == [(1, "government")]


def test_clause_stops_at_commas_and_contrast():
    words = "pros : nice people , but management lies".split()
    assert clause(words, 3, 4) == (2, 4)
    assert clause(words, 7, 8) == (6, 8)


def test_nearest_stays_on_its_line():
    words = ["management", "\n", "stress"]
    assert nearest(2, 3, [Mention(0, 1, "leadership")], words) is None
    assert nearest(2, 3, [Mention(0, 1, "leadership")]) == Mention(0, 1, "leadership")


def test_employees_only_when_nobody_else_is_named():
    both = [Mention(0, 1, "leadership"), Mention(4, 5, "employees")]
    assert named_parties(both) == [Mention(0, 1, "leadership")]
    alone = [Mention(4, 5, "employees")]
    assert named_parties(alone) == alone


def test_parse_rule_follows_the_tree():
    # "Leadership , in my experience , lies": lies <- Leadership (nsubj); the comma blocks the pattern rule
    words = "leadership , in my experience , lies".split()
    heads = [6, 6, 6, 4, 2, 6, 6]
    mentions = [Mention(0, 1, "leadership")]
    assert by_tree(6, 7, mentions, heads) == Mention(0, 1, "leadership")
    m, how = attribute(6, 7, "integrity", mentions, words, heads)
    assert (m.referent, how) == ("leadership", "parse")
    far = [0, 0, 1, 2, 3, 4, 5]  # a chain: six arcs from the hit to the mention
    assert by_tree(6, 7, mentions, far) is None


def test_sentence_unit_prefers_the_most_direct_then_nearest():
    def hit(start, ref, how, dist):
        h = Hit(start, start + 1, entry=None)  # the entry is not read by the rule
        h.referent, h.referent_how, h.referent_dist = ref, how, dist
        return h

    hits = [
        hit(0, "leadership", "nearest", 1),
        hit(3, "colleagues", "pattern", 2),
        hit(5, "hr", "pattern", 0),
    ]
    assert unit_referent(hits).referent == "hr"
    assert unit_referent([hit(0, "none", "none", 1 << 30)]) is None


# -- the taxonomy files ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_shipped_taxonomies_load_with_every_referent(lang):
    tax, replace = load_referent_file(lexicon_dir() / lang / "referents.toml")
    assert not replace
    assert tax.language == lang
    assert set(REFERENTS) <= set(tax.referents)


def test_referent_files_are_no_concept_lexicons(tmp_path):
    assert not any(name.endswith("/referents") for name in list_lexicons())
    assert all(p.stem != "referents" for p in resolve_lexicons(None, "en"))
    for p in resolve_lexicons(["nl"], "nl"):
        load_lexicon_file(p)  # every file listed loads as a lexicon


def _write(tmp_path: Path, body: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


HEADER = '[referents]\nlanguage = "en"\nversion = "1"\n'


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        ('[referents]\nlanguage = "xx"\nversion = "1"\n', 2, "language", "language"),
        ('[referents]\nlanguage = "en"\n', 1, "version", "version"),
        (HEADER + 'replace = "yes"\n', 4, "replace", "true or false"),
        (HEADER + '\n[[referent]]\nid = "Guild"\nterms = ["guild"]\n', 6, "id", "lowercase identifier"),
        (HEADER + '\n[[referent]]\nid = "none"\nterms = ["guild"]\n', 6, "id", "other than 'none'"),
        (HEADER + '\n[[referent]]\nid = "guild"\n', 5, "terms", "required"),
        (HEADER + '\n[[referent]]\nid = "guild"\nterms = [1]\n', 7, "terms", "list of strings"),
        (HEADER + '\n[[referent]]\nid = "guild"\nterms = ["g*"]\n', 7, "terms", "at least"),
        (HEADER + '\n[[referent]]\nid = "guild"\nterms = ["gu*ild"]\n', 7, "terms", "start or end"),
        (
            HEADER + '\n[[referent]]\nid = "guild"\nterms = ["guild"]\ncolour = "red"\n',
            8,
            "colour",
            "unknown field",
        ),
        (HEADER + '\n[[referent]]\nid = "guild"\nlemmas = ["the guild"]\n', 7, "lemmas", "one word"),
        (
            HEADER + '\n[[referent]]\nid = "guild"\nconcepts = ["kindness"]\nterms = ["guild"]\n',
            7,
            "concepts",
            "must list",
        ),
        (
            HEADER + '\n[[referent]]\nid = "guild"\nconcepts = ["ability"]\nlemmas = ["guild"]\n',
            7,
            "concepts",
            "plain terms",
        ),
    ],
)
def test_schema_errors_name_file_line_and_field(tmp_path, body, line, field, words):
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError) as err:
        load_referent_file(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert err.value.field == field
    assert words in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}:")


def test_user_file_extends_and_wins_a_term(tmp_path):
    path = _write(
        tmp_path,
        HEADER + '\n[[referent]]\nid = "union"\nterms = ["the guild", "guild"]\n'
        '\n[[referent]]\nid = "colleagues"\nterms = ["management"]\n',
    )
    tax = load_taxonomy(path, "en")
    assert tax.words["guild"] == "union"
    assert tax.words["management"] == "colleagues"  # the user's file wins the term
    assert tax.words["hr"] == "hr"  # the shipped terms stay
    assert "union" in tax.referents
    assert shipped_taxonomy("en").words["management"] == "leadership"  # the shipped one is untouched


def test_user_file_replaces(tmp_path):
    path = _write(
        tmp_path,
        HEADER + 'replace = true\n\n[[referent]]\nid = "union"\nterms = ["guild"]\n',
    )
    tax = load_taxonomy([path], "en")
    assert tax.referents == ("union",)
    assert "management" not in tax.words


def test_user_file_of_another_language_or_missing(tmp_path):
    path = _write(tmp_path, '[referents]\nlanguage = "nl"\nversion = "1"\n')
    with pytest.raises(LexiconError, match="language 'nl'"):
        load_taxonomy(path, "en")
    with pytest.raises(LexiconError, match="does not exist"):
        load_taxonomy(tmp_path / "gone.toml", "en")


def test_a_term_limited_to_concepts_names_its_party_for_those_only(tmp_path):
    import trustlex

    texts = [
        "People are helpful.",
        "Great culture and great people.",
        "Management does not care about people.",
    ]
    rows = trustlex.score_texts(texts, lang="en")
    got = dict(zip(rows["doc_id"], zip(rows["concept"], rows["referent"], strict=True), strict=True))
    assert got[0] == ("benevolence", "colleagues")  # the shipped limit: benevolence and ability
    assert got[1] == ("norms", "none")
    assert got[2] == ("benevolence", "leadership")  # another party still comes first
    # a user's file that lists the term without concepts lifts the limit
    path = _write(tmp_path, HEADER + '\n[[referent]]\nid = "colleagues"\nterms = ["people"]\n')
    tax = load_taxonomy(path, "en")
    assert "people" not in tax.only
    assert shipped_taxonomy("en").only["people"] == frozenset({"benevolence", "ability"})
    nlp = trustlex.load("en")
    nlp.replace_pipe("trustlex", "trustlex", config={"referents": str(path)})
    doc = nlp(texts[1])
    assert {(m["concept"], m["referent"]) for m in doc._.trustlex_matches} == {("norms", "colleagues")}


def test_employees_are_the_object_of_care_pressure_risk_duty_and_silence_only():
    import trustlex

    texts = [
        "Pros: Great culture, takes care of employees",
        "The company really cares about its employees.",
        "Employees are overworked and stressed.",
        "Strict rules for employees.",
        "Cons: Bad business model.",
    ]
    rows = trustlex.score_texts(texts, lang="en")
    columns = (rows["doc_id"], rows["concept"].astype(str), rows["referent"].astype(str))
    got = {(d, c): r for d, c, r in zip(*columns, strict=True)}
    assert got[(0, "benevolence")] == "employees"
    assert got[(0, "norms")] == "none"  # a culture aimed at employees is nobody's norm
    assert got[(1, "benevolence")] == "organisation"  # another party named comes first
    assert got[(2, "vulnerability")] == "employees"
    assert got[(3, "control")] == "none"
    assert got[(4, "ability")] == "none"  # "business" is no mention of the organisation
    # ability and trust too (round 31); for ability only the employees it describes, as the colleagues
    assert shipped_taxonomy("en").only["employees"] == frozenset(
        {"benevolence", "vulnerability", "risk", "responsibility", "courage", "ability", "trust"}
    )


def test_a_lexicon_folder_tells_its_files_by_their_top_table_not_their_names(tmp_path):
    # a taxonomy called my-referents.toml and cues called cues.toml are no concept lexicons;
    # a concept lexicon called referents.toml is one
    folder = tmp_path / "ours"
    folder.mkdir()
    _write(folder, HEADER + '\n[[referent]]\nid = "union"\nterms = ["the union"]\n', "my-referents.toml")
    _write(
        folder,
        '[context]\nlanguage = "en"\nversion = "1"\n\n[[cue]]\nkind = "negation"\nterms = ["nah"]\n',
        "cues.toml",
    )
    lexicon = (
        '[lexicon]\nname = "{0}"\nlanguage = "en"\nversion = "1"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "{0}"\n'
    )
    _write(folder, lexicon.format("giraffe"), "referents.toml")
    _write(folder, lexicon.format("okapi"), "trust.toml")
    assert [p.name for p in resolve_lexicons([str(folder)], "en")] == ["referents.toml", "trust.toml"]
    doc = load("en", lexicons=[str(folder)])("The giraffe and the okapi.")
    assert {span.text for span in doc.spans["trustlex"]} >= {"giraffe", "okapi"}
