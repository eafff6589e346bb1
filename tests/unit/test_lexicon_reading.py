"""The TOML depth scan that refuses over-deep lexicon files before tomllib recurses into them."""

from __future__ import annotations

import pytest

from trustlex.lexicon.reading import MAX_NESTING, _toml_too_deep

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
