"""A long sentence without punctuation costs per word what a short one does: counted, not timed.

An unpunctuated text (a PDF extracted without full stops, a pasted log) is one
sentence per block of the engine. Attribution once checked every party of the
sentence for each hit (``referent_parties.addressed``: hits x parties), and the
clause rules read the words between every negation and the hit in Python
generators. The tests count the calls of those functions, and of every
function of ``trustlex.matching``, with a profile hook while the real pipeline
scores N and 2N words: twice the words may cost twice the calls, not four times.
The rows of the sentences scored stay those of short sentences.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

import trustlex
from trustlex.matching import clauses, referent_parties

MATCHING = str(Path(clauses.__file__).parent)
REP = "we do not trust management and there is no communication "
HOT = {
    referent_parties.addressed.__code__: "addressed",
    clauses.bracket_between.__code__: "bracket_between",
    clauses.new_clause_after.__code__: "new_clause_after",
}


def unpunctuated(words: int, text: str = REP) -> str:
    return " ".join((text * (words // len(text.split()) + 1)).split()[:words])


def counted_calls(text: str, lang: str = "en") -> Counter:
    """Score ``text`` at match level; count the calls of HOT and of all functions of trustlex.matching."""
    calls: Counter = Counter()

    def hook(frame, event, _arg):
        if event == "call":
            code = frame.f_code
            if code.co_filename.startswith(MATCHING):
                calls["matching"] += 1
                if code in HOT:
                    calls[HOT[code]] += 1

    sys.setprofile(hook)
    try:
        frame = trustlex.score_texts([text], lang=lang, level="match")
    finally:
        sys.setprofile(None)
    calls["hits"] = len(frame)
    return calls


@pytest.fixture(scope="module")
def warm():
    trustlex.score_texts(["I trust management."], lang="en", level="match")  # the pipeline loads once


def test_calls_grow_linearly_with_the_length_of_an_unpunctuated_sentence(warm):
    small, large = counted_calls(unpunctuated(1_500)), counted_calls(unpunctuated(3_000))
    assert large["hits"] == 2 * small["hits"] == 600  # every "trust" and "communication" found
    # each hit is checked against the parties near it, not against every party of the sentence
    assert 0 < large["addressed"] <= 2.2 * small["addressed"]
    assert large["addressed"] <= 4 * large["hits"]
    for name in ("bracket_between", "new_clause_after", "matching"):
        assert 0 < large[name] <= 2.2 * small[name], name


@pytest.mark.parametrize("words", [40, 2_000])
def test_a_long_sentence_keeps_the_rows_of_a_short_one(warm, words):
    frame = trustlex.score_texts([unpunctuated(words)], lang="en", level="match")
    first = frame.iloc[:4][["concept", "valence", "referent"]].to_records(index=False).tolist()
    assert first == [
        ("trust", "-", "leadership"),
        ("communication", "-", "leadership"),
        ("trust", "-", "leadership"),
        ("communication", "-", "leadership"),
    ]
    assert len(frame) == 2 * (words // 10)


def test_a_party_addressed_in_a_long_sentence_is_still_no_candidate(warm):
    # "lie to the customers": the customers are whom the lie is told, in a short and in a long sentence
    short = "management does not lie to the customers"
    long = unpunctuated(400, "our staff and the customers wait while the manager talks ") + " " + short
    for text in (short, long):
        frame = trustlex.score_texts([text], lang="en", level="match")
        last = frame.iloc[-1]
        assert (last["concept"], last["referent"]) == ("integrity", "leadership"), text
