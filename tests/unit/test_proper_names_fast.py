"""The learnt names' fast search (three branches searched apart) finds what the one expression finds."""

from __future__ import annotations

import pytest

import trustlex
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.proper_names import _PATTERN, ORGANISATION, learned_names, name_of


def _by_the_one_expression(text: str) -> tuple:
    """``learned_names`` as it read ``_PATTERN.finditer`` before the branches were searched apart."""
    rules = shipped_taxonomy("en").rules
    found: list[str] = []
    for m in _PATTERN.finditer(text):
        if m.group("people") is not None:
            k = m.start("c")
            if k < 2 or text[k - 1] != " " or not (text[k - 2].islower() or text[k - 2] == ","):
                continue
        name = name_of(m.group("a") or m.group("b") or m.group("c"), rules)
        if name is not None and name not in found:
            found.append(name)
    return ((ORGANISATION, tuple(found)),) if found else ()


TRICKY = [
    # a name at the text's start, after punctuation, at its end
    "Duke is a great company.",
    "Pros: SLB has a supportive culture. (Acme's management lies.) I worked at HCA",
    "Great pay!Deloitte is the best place to work.",
    "\u201cWalmart\u2019s privacy policy\u201d and Amazon\u2019s management; Target\u2019 s staff",
    # joiners and acronyms
    "I spent years working for Bank of America. Johnson & Johnson is a fine employer.",
    "working at AT&T, M&T and U.S. Bank; AT&T is a great company; U.S. Bank Inc. pays",
    # "At X, we" and "at" inside other words
    "At Yahoo, we value you. At Yahoo we do not. That Apple is a great company.",
    "networking at Deloitte, format Google's culture, eBay\u2019s culture, McKesson employees",
    # frames that overlap or follow one another
    "Before joining KKR I was unsure; joined the Polish Legions; joins Acme Corp, Inc. staff",
    "my years at the Capital One Cafe were fine, Capital One has a collaborative work culture",
    "long time Mastercard employees. Talented employees\nPerformance management, for McKesson employees",
    "the culture at\tNorthrop\tGrumman is great;\there at  GDIT;",
    "\tKraft Foods, Inc. and Acme LLC and Foo L.L.C",
    "I worked for Mr. Smith in January. Terms of Use is a company. Christmas is a great company.",
    "A B C D E F is a great company. I I I was a company. X's CEO, Y' HR, Z\u2019s Human Resources",
    "",
    "no capital at all here, working at nothing",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_fast_search_learns_the_one_expressions_names(text):
    assert learned_names(text, shipped_taxonomy("en").rules) == _by_the_one_expression(text)


def test_the_tricky_texts_do_learn_names():
    # the texts above are no empty test: they hold the names the frames take
    rules = shipped_taxonomy("en").rules
    got = {n for text in TRICKY for _, names in learned_names(text, rules) for n in names}
    assert {"Bank of America", "AT&T", "Yahoo", "Walmart", "Amazon", "Mastercard", "KKR"} <= got
    assert "Polish Legions" in got
    assert "Bay" not in got  # no name from inside a word
    assert "Kesson" not in got


def test_only_a_sentence_that_names_a_learnt_name_is_attributed_again():
    text = "I spent ten years working at Northrop. Northrop doesn't care. They care, but nobody listens."
    rows = trustlex.score_texts([text], lang="en", level="match")
    got = set(zip(rows.sent_id, rows.referent.astype(str), rows.referent_text.fillna(""), strict=True))
    assert (1, "organisation", "Northrop") in got  # the sentence that names it
    assert {r for r in got if r[0] == 2} == {(2, "none", "")}  # the one that does not: left at none


def test_learnt_names_are_the_same_whether_the_scan_holds_the_text_or_reads_doc_text():
    # score_texts passes the text it tokenized (Doc.text costs a Token per token); the spaCy
    # component does not, and reads doc.text: both must learn the same name for the same hit
    import trustlex

    text = "I have loved working at Deloitte for years. Sadly Deloitte does not listen to its staff."
    rows = trustlex.score_texts([text], lang="en", level="match")
    doc = trustlex.load("en")(text)
    spans = {(s.start_char, s.end_char): s._.trustlex["referent"] for s in doc.spans["trustlex"]}
    got = {(r.start_char, r.end_char): r.referent for r in rows.itertuples()}
    assert got == spans
    assert "organisation" in got.values()
