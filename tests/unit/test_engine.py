"""Matching and context rules, on a small known lexicon (tests/conftest.py: TINY_NL)."""

from __future__ import annotations

import pytest

from trustlex.concepts import resolve_valence


def hits(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]]


def info(nlp, text, concept):
    doc = nlp(text)
    found = [s._.trustlex for s in doc.spans["trustlex"] if s.label_ == concept]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik vertrouwde hem.", ("vertrouwde", "trust", "+")),  # not in the lookup table: generated form
        ("Zij vertrouwt hem.", ("vertrouwt", "trust", "+")),  # lookup lemma
        ("Het risicobeheer is op orde.", ("risicobeheer", "risk", "0")),  # infix wildcard
        ("De Risico's zijn bekend.", ("Risico's", "risk", "0")),  # case-insensitive
        ("Het bankentoezicht werkt.", ("bankentoezicht", "control", "0")),  # suffix wildcard
        ("Het verantwoordelijkheidsgevoel is groot.", ("verantwoordelijkheidsgevoel", "responsibility", "0")),
        ("De directeur hield zijn woord.", ("hield zijn woord", "discipline", "+")),  # spaCy pattern
    ],
)
def test_entry_kinds_match(tiny_nlp, text, expected):
    assert expected in hits(tiny_nlp, text)


def test_lemma_phrase_with_gap(tiny_nlp):
    assert ("neemt hier verantwoordelijkheid", "responsibility", "+") in hits(
        tiny_nlp, "Zij neemt hier verantwoordelijkheid."
    )
    # gap = 2: three words in between is too far, only the wildcard entry remains
    assert hits(tiny_nlp, "Zij neemt nu echt heel verantwoordelijkheid.") == [
        ("verantwoordelijkheid", "responsibility", "0")
    ]


def test_exclusion_cancels_overlapping_hit_only(tiny_nlp):
    assert hits(tiny_nlp, "Ik ben vertrouwd met Excel.") == []
    assert hits(tiny_nlp, "Vertrouwd met Excel, en ik heb vertrouwen in haar.") == [
        ("vertrouwen", "trust", "+")
    ]


def test_longest_same_concept_hit_wins(tiny_nlp):
    # "gebrek aan vertrouwen" (trust -) covers "vertrouwen" (trust +); the negation cue inside
    # the hit must not flip it back
    assert hits(tiny_nlp, "Er is een gebrek aan vertrouwen.") == [("gebrek aan vertrouwen", "trust", "-")]


def test_phrases_do_not_cross_sentences(tiny_nlp):
    doc = tiny_nlp("Wij nemen. Verantwoordelijkheid is mooi.")
    assert [s.id_ for s in doc.spans["trustlex"]] == ["nl:responsibility:wildcard:verantwoordelijk*"]


@pytest.mark.parametrize(
    ("text", "concept", "valence", "cue"),
    [
        ("Er is geen vertrouwen.", "trust", "-", "geen"),
        ("Niemand neemt hier verantwoordelijkheid.", "responsibility", "-", "Niemand"),
        ("Ik vertrouw hem niet.", "trust", "-", "niet"),  # following negation
        ("Er is geen communicatie.", "communication", "-", "geen"),  # 0 -> -
        ("Open communicatie.", "communication", "+", "Open"),  # positive modifier
        ("De communicatie ontbreekt.", "communication", "-", "ontbreekt"),  # lemma cue, following
        ("Geen klachten over de communicatie.", "communication", "+", "Geen"),  # double negative
        ("Er is niet alleen vertrouwen.", "trust", "+", None),  # pseudo cue
        ("Geen vakantie maar wel vertrouwen.", "trust", "+", None),  # termination
        ("Geen tijd en geen ruimte, en nu eindelijk weer vertrouwen.", "trust", "+", None),  # out of scope
        ("Er zijn geen risico's.", "risk", "-", "geen"),
        ("Er zijn klachten over risico's.", "risk", "0", None),  # modifier excluded for risk
    ],
)
def test_context_rules(tiny_nlp, text, concept, valence, cue):
    got = info(tiny_nlp, text, concept)
    assert got["valence"] == valence
    assert got["cue"] == cue


def test_double_negative_records_both_cues(tiny_nlp):
    got = info(tiny_nlp, "Geen klachten over de communicatie.", "communication")
    assert got["base_valence"] == "0"
    assert got["cues"] == [["negative", "klachten"], ["negation", "Geen"]]


def test_hedge_marks_but_keeps_valence(tiny_nlp):
    got = info(tiny_nlp, "Misschien vertrouw ik haar.", "trust")
    assert got["valence"] == "+"
    assert got["hedged"] is True
    assert got["hedge"] == "Misschien"


def test_scope_ends_at_sentence(tiny_nlp):
    got = info(tiny_nlp, "Ik zeg niet. Vertrouwen is er.", "trust")
    assert got["valence"] == "+"


def test_min_weight_needs_enough_evidence(tiny_nlp):
    doc = tiny_nlp("De cultuur is anders.")
    assert [s.label_ for s in doc.spans["trustlex"]] == ["norms"]  # the match is recorded ...
    assert doc._.trustlex_sentences == []  # ... but weight 0.5 alone does not make a unit


def test_sentence_units_resolve_one_valence(tiny_nlp):
    doc = tiny_nlp("Ik heb vertrouwen in haar, maar geen vertrouwen in hem. Er is communicatie.")
    units = [(u["sent_id"], u["concept"], u["valence"], u["n_matches"]) for u in doc._.trustlex_sentences]
    assert units == [(0, "trust", "-", 2), (1, "communication", "0", 1)]


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"0": 3.0}, "0"),
        ({"0": 3.0, "+": 0.5}, "+"),
        ({"+": 1.0, "-": 1.0}, "-"),
        ({"+": 2.0, "-": 1.0}, "+"),
        ({"-": 1.0, "0": 1.0}, "-"),
    ],
)
def test_resolve_valence_rule(weights, expected):
    assert resolve_valence(weights) == expected


def test_span_ids_and_provenance(tiny_nlp):
    doc = tiny_nlp("Ik heb vertrouwen.")
    (span,) = doc.spans["trustlex"]
    assert span.id_ == "nl:trust:lemma:vertrouwen"
    assert span._.trustlex["lexicon"] == "tiny-nl@9.9.9"
    assert span._.trustlex["kind"] == "lemma"


def test_empty_and_whitespace_docs(tiny_nlp):
    for text in ["", "   ", "\n\n"]:
        doc = tiny_nlp(text)
        assert list(doc.spans["trustlex"]) == []
        assert doc._.trustlex_sentences == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_fast_sentencizer_equals_spacy_sentencizer(lang):
    import spacy

    from trustlex.lang.sentences import FastSentencizer

    nlp = spacy.blank(lang)
    reference = nlp.add_pipe("sentencizer")
    fast = FastSentencizer(nlp.vocab)
    texts = [
        "Eerste zin. Tweede zin! Derde?",
        "Ja!! Nee?! (Misschien.) Ok then... and more",
        ". Starts with a period. Ends without one",
        '"Quoted." Then "more." And done.',
        "No punctuation at all",
        "Line one\nline two. Three",  # one line break is not a blank line
        " \n Spaced. Out \t here.",
    ]
    for text in texts:
        expected = [s.start for s in reference(nlp.make_doc(text)).sents]
        assert [s.start for s in fast(nlp.make_doc(text)).sents] == expected, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Toxic Workplace\n\nPros: good pay\n\nCons: no trust",
            ["Toxic Workplace", "Pros: good pay", "Cons: no trust"],
        ),
        ("End.\n\nNext one", ["End.", "Next one"]),
        ("Title\r\n\r\nBody text here", ["Title", "Body text here"]),
        ("Title\n \n\nBody", ["Title", "Body"]),
        ("\n\nLeading blank lines start nothing", ["Leading blank lines start nothing"]),
        ("Trailing blank lines\n\n", ["Trailing blank lines"]),
        ("Line one\nline two", ["Line one\nline two"]),
    ],
)
def test_a_blank_line_ends_a_sentence(text, expected, nlp_en):
    import spacy

    import trustlex
    from trustlex.lang.sentences import FastSentencizer

    nlp = spacy.blank("en")
    fast = [s.text.strip() for s in FastSentencizer(nlp.vocab)(nlp.make_doc(text)).sents]
    assert fast == expected
    # the fused scan of score_texts counts the same sentences as the pipeline
    assert trustlex.score_texts([text], lang="en", level="doc")["n_sents"][0] == len(expected)
    doc = nlp_en(text)
    assert [s.text.strip() for s in doc.sents] == expected


def test_blank_lines_make_units_of_a_review(nlp_en):
    import trustlex

    text = "Great leadership\n\nPros: open communication\n\nCons: no transparency, no trust"
    rows = trustlex.score_texts([text], lang="en")
    got = sorted(zip(rows["sent_id"], rows["concept"], rows["valence"], strict=True))
    assert (1, "communication", "+") in got
    assert (2, "communication", "-") in got  # before, one run-on sentence mixed both into one unit
    assert (2, "trust", "-") in got
    for r in rows.itertuples():
        assert text[r.start_char : r.end_char] == r.sentence == r.sentence.strip()
    pipe = trustlex.to_frame([nlp_en(text)], level="sentence")
    cols = ["sent_id", "concept", "valence", "sentence"]
    assert pipe[cols].reset_index(drop=True).equals(rows[cols].reset_index(drop=True))


def test_two_concepts_on_one_word_keep_their_own_records(write_toml):
    # spaCy keys span extension values by character offsets; trustlex must not
    lexicon = write_toml(
        '[lexicon]\nname = "two"\nlanguage = "en"\nversion = "1"\n\n'
        '[[entry]]\nconcept = "benevolence"\nvalence = "-"\nterm = "expendable"\n\n'
        '[[entry]]\nconcept = "vulnerability"\nvalence = "+"\nterm = "expendable"\n'
    )
    import trustlex

    nlp = trustlex.load("en", lexicons=[str(lexicon)])
    doc = nlp("Staff are expendable.")
    got = sorted((s.label_, s._.trustlex["concept"], s._.trustlex["valence"]) for s in doc.spans["trustlex"])
    assert got == [("benevolence", "benevolence", "-"), ("vulnerability", "vulnerability", "+")]
    frame = trustlex.to_frame([doc], level="match")
    assert sorted(zip(frame["concept"], frame["valence"], strict=True)) == [
        ("benevolence", "-"),
        ("vulnerability", "+"),
    ]


def english_pipeline(write_toml, entries: str, cue: str):
    """A blank English pipeline on the given [[entry]] tables and one negation cue table."""
    import trustlex

    lexicon = write_toml('[lexicon]\nname = "t"\nlanguage = "en"\nversion = "1"\n\n' + entries)
    context = write_toml(
        '[context]\nlanguage = "en"\nversion = "1"\n\n[[cue]]\nkind = "negation"\n' + cue, name="context.toml"
    )
    return trustlex.load("en", lexicons=[str(lexicon)], context=str(context))


def test_typographic_apostrophes_match_plain_ones(write_toml):
    nlp = english_pipeline(
        write_toml,
        '[[entry]]\nconcept = "benevolence"\nvalence = "-"\n'
        'pattern = [{LEMMA = "do"}, {LOWER = "n\'t"}, {LEMMA = "care"}]\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nlemma = "trust"\n',
        'direction = "preceding"\nterms = ["n\'t"]\n',
    )
    for text in ["They don't care. I don't trust them.", "They don\u2019t care. I don\u2019t trust them."]:
        doc = nlp(text)
        assert [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [
            ("benevolence", "-"),
            ("trust", "-"),
        ], text


def test_negation_inside_a_hit_is_not_applied_again(write_toml):
    nlp = english_pipeline(
        write_toml,
        '[[entry]]\nconcept = "communication"\nvalence = "-"\nterm = "not transparent"\n\n'
        '[[entry]]\nconcept = "integrity"\nvalence = "+"\nterm = "honest"\n',
        'direction = "preceding"\nmax_scope = 5\nterms = ["not"]\n',
    )
    doc = nlp("Management is not honest and not transparent.")
    got = [(s.label_, s._.trustlex["valence"]) for s in doc.spans["trustlex"]]
    assert got == [("integrity", "-"), ("communication", "-")]


def test_lookup_lemma_fixes(nlp_en):
    doc = nlp_en("She does care.")
    assert [t.lemma_ for t in doc] == ["she", "do", "care", "."]


def test_phrases_anchored_at_a_rare_middle_or_last_word(write_toml):
    # "kept in the dark" is looked up by its rarest word ("dark", "kept"), not by "in"
    nlp = english_pipeline(
        write_toml,
        '[[entry]]\nconcept = "communication"\nvalence = "-"\nterm = "kept in the dark"\n\n'
        '[[entry]]\nconcept = "integrity"\nvalence = "+"\n'
        'pattern = [{LOWER = "the"}, {LOWER = {IN = ["honest", "fair"]}}, {LOWER = "truth"}]\n',
        'direction = "preceding"\nterms = ["never"]\n',
    )

    def spans(text):
        doc = nlp(text)
        return [(s.label_, s.text) for s in doc.spans["trustlex"]]

    assert spans("We are kept in the dark. Dark in the kept.") == [("communication", "kept in the dark")]
    assert spans("Tell the honest truth.") == [("integrity", "the honest truth")]
    assert spans("They were kept in the. Dark rooms.") == []  # not across sentences
    assert spans("the dark") == []  # anchor near the doc start, phrase cut short
    doc = nlp("We were never kept in the dark")
    assert [(s.text, s._.trustlex["valence"]) for s in doc.spans["trustlex"]] == [("kept in the dark", "+")]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("L:management", (0, 0)),
        ("L:is", (1, 5)),
        ("L:horrible", (2, 7)),
        ("M:care", (0, None)),
    ],
)
def test_anchor_offsets(key, expected):
    from trustlex.matching.patterns import anchor_offsets

    pattern = [
        {"LOWER": "management"},
        {"OP": "{0,4}"},
        {"LOWER": "is"},
        {"LOWER": "very", "OP": "?"},
        {"LOWER": "horrible"},
    ]
    if key.startswith("M:"):
        pattern = [{"LOWER": "not"}, {"OP": "*"}, {"LEMMA": "care"}]
        expected = (1, None)
    assert anchor_offsets(pattern, key) == expected


def _cue_tagger(write_toml, lang: str, entries: str, cues: str):
    """A pipeline of one small lexicon and context file: text -> [(hit text, valence)]."""
    import trustlex

    head = f'language = "{lang}"\nversion = "1"\n\n'
    lexicon = write_toml('[lexicon]\nname = "t"\n' + head + entries)
    context = write_toml("[context]\n" + head + cues, name="context.toml")
    nlp = trustlex.load(lang, lexicons=[str(lexicon)], context=str(context))

    def valences(text: str) -> list[tuple[str, str]]:
        doc = nlp(text)
        return [(s.text, s._.trustlex["valence"]) for s in doc.spans["trustlex"]]

    return valences


def _only_valence(write_toml, lang: str, entries: str, cues: str):
    """Like :func:`_cue_tagger` for texts with exactly one hit: text -> its valence."""
    tag = _cue_tagger(write_toml, lang, entries, cues)

    def valence(text: str) -> str:
        ((_, v),) = tag(text)
        return v

    return valence


def test_a_cue_with_and_after_needs_its_word_after_the_hit(write_toml):
    valence = _only_valence(
        write_toml,
        "nl",
        '[[entry]]\nconcept = "trust"\nvalence = "0"\nterm = "vertrouwen"\n',
        '[[cue]]\nkind = "negative"\ndirection = "preceding"\nmax_scope = 3\n'
        'terms = ["meer"]\nand_after = ["nodig", "hard nodig"]\n\n'
        '[[cue]]\nkind = "termination"\nterms = ["maar"]\n',
    )

    assert valence("Er is meer vertrouwen nodig.") == "-"
    assert valence("Er is meer onderling vertrouwen hard nodig.") == "-"
    assert valence("Er is meer vertrouwen dan vorig jaar.") == "0"  # "meer" alone is no request
    assert valence("Er is vertrouwen nodig.") == "0"  # nor is "nodig" alone
    assert valence("Er is meer vertrouwen in ons team dan ooit nodig.") == "0"  # "nodig" out of scope
    assert valence("Er is meer vertrouwen maar nodig is het niet.") == "0"  # a terminator between


def test_an_opening_cue_counts_only_where_it_opens_the_sentence_or_a_line(write_toml):
    valences = _cue_tagger(
        write_toml,
        "en",
        '[[entry]]\nconcept = "control"\nvalence = "0"\nterm = "speed limits"\n\n'
        '[[entry]]\nconcept = "control"\nvalence = "0"\nterm = "enforce"\n',
        '[[cue]]\nkind = "negative"\ndirection = "preceding"\nmax_scope = 12\nopens = true\n'
        'terms = ["please", "enforce"]\n\n'
        '[[cue]]\nkind = "negative"\ndirection = "preceding"\nmax_scope = 1\nterms = ["please"]\n\n'
        '[[cue]]\nkind = "termination"\nterms = ["but"]\n\n'
        '[headings]\npraise = ["pros"]\n',
    )
    # a request says the thing is missing now, to the end of its clause
    assert valences("Please keep our streets clean and check the speed limits.") == [("speed limits", "-")]
    assert valences('"Please, the speed limits!"') == [("speed limits", "-")]  # quotes and commas before it
    assert valences("Cons: none\n- Please check the speed limits") == [("speed limits", "-")]  # opens a line
    # not where it does not open the sentence: the short cue of the same word still reaches one word
    assert valences("They said please mind the speed limits.") == [("speed limits", "0")]
    assert valences("They said please speed limits.") == [("speed limits", "-")]
    assert valences("Pros: please keep the speed limits") == [("speed limits", "0")]  # under a praise heading
    # after a short label up to a colon it opens its line; not after a longer clause
    assert valences("Advice to the city: please keep the speed limits") == [("speed limits", "-")]
    assert valences("They told us at the meeting last week: please keep the speed limits") == [
        ("speed limits", "0")
    ]
    assert valences("Please keep the city clean but the speed limits are fine.") == [("speed limits", "0")]
    # an opening cue that is the hit's first word counts; elsewhere the hit's own words are no context
    assert valences("Enforce the speed limits.") == [("Enforce", "-"), ("speed limits", "-")]
    assert valences("They enforce the speed limits.") == [("enforce", "0"), ("speed limits", "0")]


@pytest.mark.parametrize("across", [True, False])
def test_a_heading_cue_reaches_over_list_items_only_when_across_lines(write_toml, across):
    valence = _only_valence(
        write_toml,
        "en",
        '[[entry]]\nconcept = "communication"\nvalence = "0"\nterm = "communication"\n',
        '[[cue]]\nkind = "negative"\ndirection = "preceding"\nmax_scope = 30\nopens = true\n'
        f'across_lines = {str(across).lower()}\nterms = ["cons"]\n\n'
        '[[cue]]\nkind = "positive"\ndirection = "preceding"\nmax_scope = 2\nterms = ["open"]\n\n'
        '[[cue]]\nkind = "termination"\nterms = ["but", "pros"]\n',
    )

    assert valence("Cons: pay and communication") == "-"
    # a new list item ends an ordinary scope; a heading's goes on to the end of its list
    assert valence("Cons:\n- long hours\n- Communication") == ("-" if across else "0")
    assert valence("Cons: long hours but communication is fine") == "0"  # a termination word still ends it
    assert valence("Cons: long hours. Pros: communication") == "0"
    # a heading is no phrase around the hit: a nearer positive word keeps its say; an ordinary
    # negative cue before a positive one governs the phrase ("eroding our open communication")
    assert valence("Cons: long hours, open communication") == ("+" if across else "-")


def test_many_exclusions_sharing_the_hit_word(write_toml):
    # the scan files each exclusion phrase under its rarest word: every phrase must still cancel
    phrases = [f"{w} culture" for w in ("drinking", "pop", "gym", "hustle", "blame")] + [
        "culture of blame",
        "sub* culture",
    ]
    entries = (
        f'[[entry]]\nconcept = "norms"\nvalence = "0"\nterm = "culture"\nexclude = {phrases!r}\n'.replace(
            "'", '"'
        )
    )
    import trustlex

    nlp = trustlex.load(
        "en",
        lexicons=[str(write_toml('[lexicon]\nname = "t"\nlanguage = "en"\nversion = "1"\n\n' + entries))],
    )
    for text, kept in [
        ("The culture is open.", True),
        ("A drinking culture.", False),
        ("There is a culture of blame here.", False),
        ("Blame culture aside, the culture is open.", True),  # the second mention is not excluded
        ("The gym is fine and the culture too.", True),  # the phrase's words, not next to each other
        ("No subversive culture.", False),  # a wildcard word in the phrase
    ]:
        doc = nlp(text)
        found = [s.text for s in doc.spans["trustlex"]]
        assert (found != []) == kept, (text, found)


def test_exclusion_phrases_filed_by_their_rarest_word():
    from trustlex.matching.exclusions import file_phrases

    culture, drinking, blame, of = 1, 2, 3, 4
    phrases = [(drinking, culture), (culture, of, blame), (blame, culture), ("sub", culture), ("cult",)]
    unkeyed, keyed = file_phrases(phrases)
    assert unkeyed == (("cult",),)  # no exact word: looked at for every hit
    # each under the exact word fewest phrases share; "culture" only where it is the phrase's one word
    assert keyed == {
        drinking: [(drinking, culture)],
        of: [(culture, of, blame)],
        blame: [(blame, culture)],
        culture: [("sub", culture)],
    }
