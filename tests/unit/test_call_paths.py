"""Round 26's second wave of fewer Python calls: the same tokens, sentences, cues and exclusions as before.

The suffix search answers remembered tails with real match objects, the
sentence walks read flags by subscript, sentence spans come from a list, one
cue per token and slot is kept in a dict, and exclusions test their window
without ``max``/``min``: each test runs real text through the shipped pipeline
or spaCy's own expressions and checks what the old code gave.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokenizer import Tokenizer

import trustlex
from trustlex.lang.affixes import TailSearch, regex_of
from trustlex.lang.sentences import FINAL, LazyFlags, Sentences, context_and_shown, type_flags
from trustlex.pipeline import load

AWKWARD = [
    "Ik heb  géén vertrouwen\tin de  directie.",
    "Dit is\u00a0niet\u00a0betrouwbaar en ik  vertrouw hem níet!!\n",
    "See https://www.example.com/trust?x=1&y=2 or mail hr@corp.com :-) ;) :( <3",
    "Mgmt. is e.g. honest, i.e. fair etc. Mr. Smith vs. Dr. Jones, U.S. Corp. Inc.",
    "Dhr. J. de Vries c.q. mevr. A.B. Jansen t.a.v. art. 5 lid 2 sub a, z.s.m.!!! 😊",
    "wat?!\n zo?!\n aaaaaaa?!\n (ja) b(ja) lang-woord(ja) x... wacht..... 10km xx10km 10%",
    "don't trust'em... they're unreliable?? e-mail: n/a, zo'n 's avonds",
    " ".join(["i do not trust my boss because he keeps lying to us"] * 30),
]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_pipelines_tokenizer_splits_as_spacys_own_expressions(lang):
    tok = load(lang).tokenizer
    # each search but the URL gate is remembered per string (affixes.Remembered) in front of the faster one
    suffix, infix = (getattr(tok, n).__self__.search.__self__ for n in ("suffix_search", "infix_finditer"))
    url = tok.url_match.__self__
    assert isinstance(suffix, TailSearch)  # the faster searches are installed, or this proves nothing
    plain = Tokenizer(
        tok.vocab,
        rules=tok.rules,
        prefix_search=regex_of(tok.prefix_search).search,
        suffix_search=suffix.regex.search,
        infix_finditer=infix.regex.finditer,
        token_match=tok.token_match,
        url_match=url.regex.match,
    )
    for text in AWKWARD + AWKWARD:  # twice: the second time every tail is remembered
        assert [(t.text, t.whitespace_) for t in tok(text)] == [(t.text, t.whitespace_) for t in plain(text)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_remembered_tail_gives_a_real_match_placed_on_the_string(lang):
    regex = spacy.blank(lang).tokenizer.suffix_search.__self__
    fast = TailSearch(regex)
    for text in ("wat?!\n", "zo?!\n", "aaaaaaaaaa?!\n", "(ja)", "lang-woord(ja)", "x.", "10km", "xx10km"):
        first, again = fast.search(text), fast.search(text)
        want = regex.search(text)
        assert isinstance(again, re.Match) or again is None
        assert [None if m is None else m.span() for m in (first, again)] == [want and want.span()] * 2


def test_fewer_remembered_tails_than_the_limit_then_afresh():
    fast = TailSearch(re.compile(r"\)$|\.$"), max_tails=3)
    for text in ("a)", "bb.", "ccc", "dddd"):
        fast.search(text)
    assert len(fast.tails) == 1  # the fourth new tail started afresh
    assert fast.search("xcc)").span() == (3, 4)


def test_sentence_walks_read_flags_by_subscript_or_lazily():
    words = ["Intro", ":", "\n\n", "-", "one", "\n", "-", "two", ".", "Three", "!"]
    flags = [type_flags(w, final=w in ".!", punct=w in ".:!-", space=w.isspace()) for w in words]
    seen: list[int] = []

    def flag_at(k: int) -> int:
        seen.append(k)
        return flags[k]

    lazy = LazyFlags(flag_at)
    finals = [k for k, f in enumerate(flags) if f & FINAL]
    items = [k for k, w in enumerate(words) if w == "-"]
    plain = context_and_shown(len(words), finals, items, flags)
    ondemand = context_and_shown(len(words), finals, items, lazy)
    assert [s.starts for s in plain] == [s.starts for s in ondemand]
    assert len(seen) == len(set(seen)) < len(words)  # each flag computed once, not every token's


def test_sentence_spans_by_number():
    sents = Sentences([0, 4, 9], 12)
    assert [sents.sentence(k) for k in range(3)] == [(0, 4), (4, 9), (9, 12)]
    assert sents.of == [0] * 4 + [1] * 5 + [2] * 3
    with pytest.raises(IndexError):
        sents.sentence(3)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Areas of expertise", False),  # the phrase starts two tokens before the hit, at the doc's start
        ("Our areas of expertise", False),
        ("Her expertise", True),
        ("They hired skilled labor", False),  # the phrase ends at the doc's end
        ("They are skilled", True),
    ],
)
def test_exclusions_at_the_edges_of_a_doc(text, found):
    rows = trustlex.score_texts([text], lang="en", level="match")
    assert ("ability" in set(rows.concept)) is found


def test_one_cue_per_token_and_slot_and_the_nearest_decides():
    rows = trustlex.score_texts(
        ["I do not trust them and I do not not trust him, no no trust at all."], lang="en", level="match"
    )
    assert list(rows.valence) == ["-", "-", "-"]
