"""The TOML depth scan that refuses over-deep lexicon files before tomllib recurses into them."""

from __future__ import annotations

import random

import pytest

from trustlex.lexicon import reading
from trustlex.lexicon.reading import MAX_NESTING, _toml_surely_shallow, _toml_too_deep
from trustlex.lexicon.resources import lexicon_dir

N = MAX_NESTING

CASES = [
    ("arrays at the limit", "a = " + "[" * N + "]" * N, None),
    ("arrays one past the limit", "a = " + "[" * (N + 1) + "]" * (N + 1), 1),
    ("inline tables past the limit", "a = " + "{b = " * (N + 1) + "}" * (N + 1), 1),
    ("the line of the bracket too many", "x = 1\n\ny = " + "[" * (N + 1), 3),
    ("a dotted key one part short", "a" + ".a" * (N - 1) + " = 1", None),
    ("a dotted key at the limit", "a" + ".a" * N + " = 1", 1),
    ("a dotted table header", "[" + "a." * N + "a]", 1),
    ("dots in a value are no key", "a = " + "1." * (2 * N) + "0", None),
    ("brackets in a basic string", 'a = "' + "[" * (2 * N) + '"', None),
    ("brackets in a literal string", "a = '" + "[" * (2 * N) + "'", None),
    ("brackets in a comment", "# " + "[" * (2 * N), None),
    ("brackets in a multi-line string", 'a = """\n' + "[" * (2 * N) + '\n"""', None),
    ("an escaped quote does not end a multi-line string", 'a = """\\"""' + "[" * (2 * N) + '"""', None),
    ("lines counted inside multi-line strings", "a = '''\n\n'''\nb = " + "[" * (N + 1), 4),
    ("up to two quotes before the closing three", 'a = """x"""""\nb = ' + "[" * (N + 1), 2),
    ("an unterminated multi-line string is tomllib's to report", 'a = """' + "[" * (2 * N), None),
    ("closing brackets free the depth", ("a = [[]]\n" * (2 * N)), None),
]


@pytest.mark.parametrize(("text", "line"), [(t, n) for _, t, n in CASES], ids=[c[0] for c in CASES])
def test_toml_too_deep(text, line):
    assert _toml_too_deep(text) == line
    assert reading._toml_scan(text) == line  # the exact scan alone, where the bound clears the text


@pytest.mark.parametrize(("text", "line"), [(t, n) for _, t, n in CASES], ids=[c[0] for c in CASES])
def test_the_cheap_bound_never_clears_a_text_too_deep(text, line):
    # the bound skips the exact scan only where that scan finds nothing
    if line is not None:
        assert not _toml_surely_shallow(text)


def test_the_cheap_bound_clears_every_shipped_file():
    # the shipped lexicons, context and referent files take the fast path (else the bound is too loose)
    files = sorted((lexicon_dir()).glob("*/*.toml"))
    assert len(files) >= 20
    for path in files:
        assert _toml_surely_shallow(path.read_text(encoding="utf-8")), path.name


def test_the_cheap_bound_agrees_with_the_scan_on_generated_texts(monkeypatch):
    # at a low limit, texts of strings, comments, brackets, keys and escapes reach it often: wherever the
    # bound says shallow, the token-by-token scan must say so too
    pieces = ["[", "]", "{", "}", '"', "'", '"""', "'''", "#", "\n", "=", ",", ".", "a", "\\", " "]
    rng = random.Random(17)
    cleared = 0
    for limit in (2, 3, 5):
        monkeypatch.setattr(reading, "MAX_NESTING", limit)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 50)))
            if _toml_surely_shallow(text):
                cleared += 1
                assert reading._toml_scan(text) is None, repr(text)
    assert cleared > 1000
