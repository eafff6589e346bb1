"""The faster suffix search finds what spaCy's finds, on spaCy's own Dutch and English patterns."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import spacy

from trustlex.lang.affixes import TailSearch, regex_of, speed_up, top_branches
from trustlex.lang.tokenizer import (
    add_capital_exceptions,
    with_bullets,
    with_dutch_apostrophes,
    with_english_brackets,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _span(m):
    return None if m is None else (m.start(), m.end())


@pytest.fixture(scope="module", params=["nl", "en"])
def suffix(request):
    return spacy.blank(request.param).tokenizer.suffix_search.__self__


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        (r"a$|b$", ["a$", "b$"]),
        (r"(?:a|b)$|c$", ["(?:a|b)$", "c$"]),
        (r"[|]$|\|$", ["[|]$", r"\|$"]),
        (r"[]|]$|x$", ["[]|]$", "x$"]),
        (r"[^]|]$|x$", ["[^]|]$", "x$"]),
        (r"(?<=[0-9])km$", [r"(?<=[0-9])km$"]),
    ],
)
def test_top_branches_split_outside_groups_and_classes(pattern, branches):
    assert top_branches(pattern) == branches
    assert "|".join(branches) == pattern


@pytest.mark.parametrize(
    "text",
    [
        "word", "word.", "word...", "woord…", "(haakjes)", "'quoted'", "10km", "10%", "$100", "100$",
        "U.S.", "etc.", "don't", "dingen,", "wat?!", "a\n", "\n", "x.\n", "...", "..", ".", "", "km",
        "e-mail", "Ü)", "2023)", "art.5", "5.", "'s", "C++", ":-)", "€", "a'", "end'", "zo'n",
    ],
)  # fmt: skip
def test_same_span_as_spacy_on_hand_picked_strings(suffix, text):
    fast = TailSearch(suffix)
    assert _span(fast.search(text)) == _span(suffix.search(text))
    assert _span(fast.search(text)) == _span(suffix.search(text))  # the remembered answer too


def test_same_span_as_spacy_on_every_tail_of_the_samples_and_random_strings(suffix):
    words = {
        w
        for p in SAMPLES.iterdir()
        if p.suffix in {".txt", ".csv", ".html"}
        for w in p.read_text("utf-8").split()
    }
    rng = random.Random(7)
    alphabet = sorted(set("".join(words))) + list(".,;:!?…'\"()[]%$€-\u2013/\n0123456789km")
    words |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)}
    fast = TailSearch(suffix, max_tails=500)  # small, so that forgetting runs too
    wrong = [
        w[:k]
        for w in sorted(words)
        for k in range(1, len(w) + 1)
        if _span(fast.search(w[:k])) != _span(suffix.search(w[:k]))
    ]
    assert not wrong
    assert len(fast.tails) <= 500


def test_strings_sharing_a_tail_get_their_own_positions(suffix):
    fast = TailSearch(suffix)
    for text in ("x...", "zo...", "aaaaaaaaaaaa(ja)", "b(ja)", "lang-woord(ja)"):
        assert _span(fast.search(text)) == _span(suffix.search(text))


def test_searches_from_the_tail_and_remembers():
    fast = TailSearch(re.compile(r"(?<=[0-9])km$|\)$|\.\.+$"))
    assert fast.reach == 3  # "km" plus a final newline
    assert fast.tail == 4  # plus the lookbehind
    assert _span(fast.search("10km")) == (2, 4)
    assert "10km"[-4:] in fast.tails
    assert _span(fast.search("xx10km")) == (4, 6)  # same tail, placed on this string
    assert fast.search("xxakm") is None
    assert _span(fast.search("wacht.....")) == (5, 10)  # the unbounded alternative searched whole


@pytest.mark.parametrize(
    ("pattern", "ok"),
    [
        (r"a$|b$", True),
        (r"a$|b", False),  # not anchored
        (r"a\$|b$", False),  # a literal dollar
        (r"(a)\1$", False),  # a back-reference
        (r"\ba$", True),
    ],
)
def test_applies_only_where_the_analysis_holds(pattern, ok):
    assert TailSearch.applies(re.compile(pattern)) is ok
    assert TailSearch.applies(re.compile(pattern, re.MULTILINE)) is False


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_speed_up_keeps_every_token_and_the_saved_pattern(lang):
    plain, fast = spacy.blank(lang), spacy.blank(lang)
    assert speed_up(fast.tokenizer) == ("prefix_search", "suffix_search", "infix_finditer", "url_match")
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in {".txt", ".csv", ".html"}:
            text = path.read_text("utf-8")
            assert [t.text for t in fast(text)] == [t.text for t in plain(text)], path.name
    # a saved tokenizer stores spaCy's own expression, and loads with spaCy's search
    again = spacy.blank(lang)
    again.tokenizer.from_bytes(fast.tokenizer.to_bytes())
    for name in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        loaded, spacys = getattr(again.tokenizer, name).__self__, getattr(plain.tokenizer, name).__self__
        assert isinstance(loaded, re.Pattern)
        assert loaded.pattern == spacys.pattern


def test_speed_up_leaves_a_tokenizer_it_cannot_analyse():
    nlp = spacy.blank("en")
    nlp.tokenizer.suffix_search = re.compile(r"(a)\1$").search
    nlp.tokenizer.infix_finditer = re.compile(r"x*").finditer  # can match nothing
    nlp.tokenizer.url_match = None
    before = nlp.tokenizer.suffix_search, nlp.tokenizer.infix_finditer
    assert speed_up(nlp.tokenizer) == ("prefix_search",)  # spaCy's prefix expression: remembered only
    assert (nlp.tokenizer.suffix_search, nlp.tokenizer.infix_finditer) == before
    assert nlp.tokenizer.url_match is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_load_builds_the_tokenizer_that_speed_up_and_capital_twins_make_step_by_step(lang):
    import trustlex

    stepwise = spacy.blank(lang)
    infix = with_dutch_apostrophes(lang, stepwise.tokenizer.infix_finditer)
    stepwise.tokenizer.infix_finditer = with_english_brackets(lang, infix)
    speed_up(stepwise.tokenizer)
    stepwise.tokenizer.prefix_search = with_bullets(stepwise.tokenizer.prefix_search)
    added = add_capital_exceptions(stepwise)
    built = trustlex.load(lang).tokenizer
    assert added > 0
    assert built.rules == stepwise.tokenizer.rules
    for name in ("prefix_search", "suffix_search", "infix_finditer", "url_match", "token_match"):
        assert type(getattr(built, name)) is type(getattr(stepwise.tokenizer, name)), name
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.iterdir()) if p.suffix in {".txt", ".csv", ".html"}]
    texts.append("THEY DON'T CARE. WE CAN'T TRUST IT, ISN'T IT?")
    texts.append("Cons:\n-Poor management\n\u2022Great people, -5 degrees, e-mail --")
    texts.append("De risico\u2019s van zo\u2019n (hulp-OvJ\u2019s) en management\u2019s \u2018plan\u2019.")
    texts.append("Poor management(no communication), employee(s) [sic]word and f(x).")
    for text in texts:
        assert [t.text for t in built(text)] == [t.text for t in stepwise.tokenizer(text)]
        assert [t.norm_ for t in built(text)] == [t.norm_ for t in stepwise.tokenizer(text)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_list_bullet_against_a_word_is_split_off_and_saved_as_an_expression(lang, shipped_nlp):
    import trustlex

    nlp = shipped_nlp[lang]
    text = "Cons:\n-Poor management\n\u2022Great people \u2192No raises, -5 degrees -- en -posities"
    assert [t.text for t in nlp.make_doc(text)] == [
        "Cons", ":", "\n", "-", "Poor", "management", "\n", "\u2022", "Great", "people",
        "\u2192", "No", "raises", ",", "-5", "degrees", "--", "en", "-", "posities",
    ]  # fmt: skip
    # spaCy alone keeps "-Poor" and "\u2022Great" whole, so their first word matched no entry
    assert "-Poor" in [t.text for t in spacy.blank(lang).make_doc(text)]
    prefix = regex_of(nlp.tokenizer.prefix_search)  # remembered per string, spaCy's expression behind it
    assert isinstance(prefix, re.Pattern)
    again = spacy.blank(lang)
    again.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert again.tokenizer.prefix_search.__self__.pattern == prefix.pattern
    assert with_bullets(nlp.tokenizer.prefix_search) is nlp.tokenizer.prefix_search  # added once
    # a pipeline of the user's own gets the same tokens
    own = trustlex.load(spacy.blank(lang))
    assert [t.text for t in own.make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    rows = trustlex.score_texts(["Cons:\n-Poor management"], lang="en", level="match")
    assert rows["text"].tolist() == ["Poor management"]


def test_a_dutch_word_keeps_a_typographic_apostrophe_inside_as_it_keeps_a_plain_one(nlp_en, nlp_nl):
    import trustlex

    nl, en = nlp_nl, nlp_en
    text = "De risico\u2019s van zo\u2019n (hulp-OvJ\u2019s) en \u2018collega\u2019s\u2019"
    text += " in de jaren \u201990."
    plain = text.replace("\u2019", "'")
    assert [t.text.replace("\u2019", "'") for t in nl.make_doc(text)] == [t.text for t in nl.make_doc(plain)]
    assert "risico\u2019s" in [t.text for t in nl.make_doc(text)]
    # spaCy alone splits it, and English splits a possessive either way
    assert "risico\u2019s" not in [t.text for t in spacy.blank("nl").make_doc(text)]
    assert [t.text for t in en.make_doc("management\u2019s plan")] == ["management", "\u2019s", "plan"]
    # the words after it are where a pattern expects them: "risico's zijn groot" is a risk that is there
    rows = trustlex.score_texts(["De financi\u00eble risico\u2019s zijn groot."], lang="nl", level="match")
    assert rows["valence"].tolist() == ["+"]
    own = trustlex.load(spacy.blank("nl"))  # a pipeline of the user's own gets the same tokens
    assert [t.text for t in own.make_doc(text)] == [t.text for t in nl.make_doc(text)]
    again = spacy.blank("nl")
    again.tokenizer.from_bytes(nl.tokenizer.to_bytes())
    assert [t.text for t in again.make_doc(text)] == [t.text for t in nl.make_doc(text)]


def test_an_english_bracket_between_letters_is_split_off_as_dutch_ones_are(nlp_en):
    import trustlex

    en = nlp_en
    text = "Poor management(no communication) and employee(s) feel unsafe[really]"
    assert [t.text for t in en.make_doc(text)] == [
        "Poor", "management", "(", "no", "communication", ")", "and", "employee", "(", "s", ")",
        "feel", "unsafe", "[", "really", "]",
    ]  # fmt: skip
    # spaCy's English rules keep "management(no" whole, so neither word matched an entry
    assert "management(no" in [t.text for t in spacy.blank("en").make_doc(text)]
    rows = trustlex.score_texts(["Poor management(no communication)"], lang="en", level="match")
    assert rows[["text", "concept", "valence", "referent"]].values.tolist() == [
        ["Poor management", "ability", "-", "leadership"],
        ["no communication", "communication", "-", "leadership"],
    ]
    own = trustlex.load(spacy.blank("en"))  # a pipeline of the user's own gets the same tokens
    assert [t.text for t in own.make_doc(text)] == [t.text for t in en.make_doc(text)]
    again = spacy.blank("en")
    again.tokenizer.from_bytes(en.tokenizer.to_bytes())
    assert [t.text for t in again.make_doc(text)] == [t.text for t in en.make_doc(text)]
    assert with_english_brackets("nl", en.tokenizer.infix_finditer) is en.tokenizer.infix_finditer


def test_an_acronym_before_a_full_stop_ends_the_sentence_and_names_its_party(nlp_nl):
    import trustlex

    nlp = nlp_nl
    text = "Geen vertrouwen in HR. De OR. is er ook niet. Zie art. 5 en de hr. Jansen. IK HAAT DE BV. NIET."
    words = [t.text for t in nlp(text)]
    # spaCy's Dutch special cases keep "HR." (an all-capitals copy of "hr.", heer) as one token
    assert "HR." in [t.text for t in spacy.blank("nl")(text)]
    for acronym in ("HR", "OR", "BV"):
        assert acronym in words
    assert "art." in words  # abbreviations in lower and title case stay whole
    assert "hr." in words
    sents = [s.text for s in nlp(text).sents]
    assert sents[0] == "Geen vertrouwen in HR."
    rows = trustlex.score_texts(["Er is geen vertrouwen in HR."], lang="nl", level="match")
    assert rows[["concept", "valence", "referent"]].values.tolist() == [["trust", "-", "hr"]]
    # a pipeline of the user's own gets the same tokens
    assert [t.text for t in trustlex.load(spacy.blank("nl")).make_doc(text)] == words


@pytest.mark.parametrize(
    ("pattern", "ends"),
    [
        (r"\.\.+$", {"."}),
        (r"(?:ab)+$|[x-z]+$", {"b", "x", "y", "z"}),
        (r"(?:a|b)c+$", {"c"}),
        (r"q+(?:ab)+$", {"b"}),
        (r"\d+$", None),  # a category: not read
        (r"ab*$", None),  # an optional last item: the one before may end the match
        (r"[^a]+$", None),  # a negated class
        (r"(?i)a+$", None),  # case-insensitive
    ],
)
def test_the_unbounded_alternatives_are_searched_only_after_a_character_that_can_end_them(pattern, ends):
    pattern += r"|(?<=1)k$"  # and a bounded alternative, as spaCy's patterns have
    fast = TailSearch(re.compile(pattern))
    assert fast.ends == (None if ends is None else frozenset(ends))
    rng = random.Random(3)
    strings = ["", "\n", "a\n", "x..\n", "..", "abab", "zzq", "c\n"]
    strings += ["".join(rng.choice("abcxyzqk.\n1A") for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    regex = re.compile(pattern)
    assert [_span(fast.search(s)) for s in strings] == [_span(regex.search(s)) for s in strings]


def test_spacys_suffix_patterns_search_their_unbounded_dots_only_after_a_full_stop(suffix):
    assert TailSearch(suffix).ends == frozenset(".")
