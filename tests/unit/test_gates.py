"""The infix and URL gates find what spaCy's expressions find, and decline what they cannot analyse."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import spacy

from trustlex.lang.gates import InfixGate, UrlGate, first_class, required_chars

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
sre_parser = re._parser  # type: ignore[attr-defined]


def _spans(matches):
    return [(m.start(), m.end()) for m in matches]


def _span(m):
    return None if m is None else (m.start(), m.end())


def _sample_words() -> set[str]:
    return {
        w
        for p in SAMPLES.iterdir()
        if p.suffix in {".txt", ".csv", ".html"}
        for w in p.read_text("utf-8").split()
    }


@pytest.fixture(scope="module", params=["nl", "en"])
def tokenizer(request):
    return spacy.blank(request.param).tokenizer


@pytest.mark.parametrize(
    ("pattern", "items", "empty"),
    [
        (r"a", ["a"], False),
        (r"(?<=[0-9])[+\-](?=[0-9])", ["\\+", "\\-"], False),  # lookarounds consume nothing
        (r"\.\.+|…", ["\\.", "…"], False),
        (r"(?:x|y)z", ["x", "y"], False),
        (r"x?y", ["x", "y"], False),  # an optional part adds its first characters, then the next part
        (r"x*", ["x"], True),
        (r"(?=a)", [], True),
        (r"[a-c\d]", ["a-c", "\\d"], False),
    ],
)
def test_first_class_reads_the_characters_a_match_starts_with(pattern, items, empty):
    assert first_class(sre_parser.parse(pattern)) == (items, empty)


@pytest.mark.parametrize(
    ("pattern", "need"),
    [
        (r"a\.b", {"a", ".", "b"}),
        (r"^(?:http://)?\w+\.com$", {".", "c", "o", "m"}),
        (r"x|y", set()),
        (r"(?:a\.|b\.)c", {".", "c"}),  # in every alternative
        (r"(?:\.x){2}|[0-9]+\.y", {"."}),
        (r"a?b", {"b"}),
        (r"(?i:a)b", {"b"}),  # a case-folded letter is not sure to be written that way
        (r"(?=\.)x", {"x"}),  # a lookahead's character need not be inside the match
    ],
)
def test_required_chars_are_in_every_match(pattern, need):
    assert required_chars(sre_parser.parse(pattern)) == need


@pytest.mark.parametrize(
    "pattern",
    [
        r"x*",  # can match nothing: a zero-width match starts anywhere
        r"[^a]",  # a negated class
        r".",  # any character
        r"(?i:x)",  # case folding inside a group
    ],
)
def test_infix_gate_declines_what_it_cannot_analyse(pattern):
    assert InfixGate.build(re.compile(pattern)) is None
    assert InfixGate.build(re.compile("a", re.IGNORECASE)) is None


def test_url_gate_declines_without_a_required_character():
    assert UrlGate.build(re.compile(r"^\w+$")) is None
    assert UrlGate.build(re.compile(r"^\w+\.nl$", re.IGNORECASE)) is None


def test_spacys_expressions_get_gates(tokenizer):
    infix = InfixGate.build(tokenizer.infix_finditer.__self__)
    url = UrlGate.build(tokenizer.url_match.__self__)
    assert infix is not None
    assert infix.gate.search("vertrouwen") is None
    assert infix.gate.search("e-mail") is not None
    assert url is not None
    assert url.need == "."
    assert infix.pattern == tokenizer.infix_finditer.__self__.pattern


@pytest.mark.parametrize(
    "text",
    [
        "word", "e-mail", "a/b", "10+5", "x:y", "dingen,en", "3^2", "woord…woord", "a--b", "C++", "(ja)",
        "http://example.com", "www.trustlex.nl", "user@mail.org:80/pad?x=1#y", "192.168.0.1", "a.b", "end.",
        "U.S.", "127.0.0.1", "localhost", "", "...", "x.Y", "™x", "x©y", "a\u2013b",
    ],
)  # fmt: skip
def test_same_matches_as_spacy_on_hand_picked_strings(tokenizer, text):
    infix_re, url_re = tokenizer.infix_finditer.__self__, tokenizer.url_match.__self__
    assert _spans(InfixGate.build(infix_re).finditer(text)) == _spans(infix_re.finditer(text))
    assert _span(UrlGate.build(url_re).match(text)) == _span(url_re.match(text))


def test_same_matches_as_spacy_on_the_samples_and_random_strings(tokenizer):
    infix_re, url_re = tokenizer.infix_finditer.__self__, tokenizer.url_match.__self__
    infix, url = InfixGate.build(infix_re), UrlGate.build(url_re)
    words = _sample_words()
    rng = random.Random(11)
    alphabet = sorted(set("".join(words))) + list(".,;:!?…'\"()[]%$€-\u2013/\n0123456789+*^=<>~@#©")
    words |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)}
    hosts = ["", "http://", "https://", "www."]
    ends = ["", ".", ".com", ".nl", ".co.uk", ":8080/x?y#z", "@mail.org"]
    words |= {rng.choice(hosts) + w + rng.choice(ends) for w in sorted(words)[:2000]}
    wrong = [
        w
        for w in sorted(words)
        if _spans(infix.finditer(w)) != _spans(infix_re.finditer(w))
        or _span(url.match(w)) != _span(url_re.match(w))
    ]
    assert not wrong
    assert sum(url_re.match(w) is not None for w in words) > 50  # real URLs were among them
    assert sum(bool(list(infix_re.finditer(w))) for w in words) > 500  # and real infixes
