"""Hostile lexicon files through the real command line: a clean one-line error, within 1 GiB.

Each test writes the file, runs ``python -m trustlex`` in a subprocess whose address space is
limited to 1 GiB, and checks the exit status (1, as for any bad lexicon file), that stderr is one
``error:`` line naming the file, and that there is no traceback and no output file.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIB = 1 << 30
DEEP = 100_000


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "trustlex", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,  # the test process starts no threads
        check=False,
    )


def assert_clean_error(
    out: subprocess.CompletedProcess[str], name: str, fragment: str, status: int = 1
) -> None:
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert "MemoryError" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr[-3000:]
    assert lines[0].startswith(f"error: {name}:"), lines[0][:300]
    assert fragment in lines[0], lines[0][:300]
    assert out.returncode == status


def laughs(leaf: str, *, levels: int = 9, fan: int = 10) -> str:
    """A billion laughs through mappings: each level maps ``fan`` keys to an alias of the level below."""
    lines = [f"l0: &l0 {leaf}"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} {{" + ", ".join(f"k{j}: *l{i - 1}" for j in range(fan)) + "}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("leaf", "fragment"),
    [
        ("[]", "characters of category names to read (aliases expanding?)"),
        ("[" + ", ".join(f"w{i}" for i in range(100)) + "]", "YAML nodes to read (aliases expanding?)"),
    ],
    ids=["empty-lists", "word-lists"],
)
def test_import_of_a_yaml_alias_bomb_fails_cleanly_in_bounded_memory(tmp_path, leaf, fragment):
    (tmp_path / "bomb.yml").write_text(laughs(leaf), encoding="utf-8")
    assert (tmp_path / "bomb.yml").stat().st_size < 3000
    out = run_cli("lexicon", "import", "bomb.yml", "--to", "out.toml", "--lang", "nl", cwd=tmp_path)
    assert_clean_error(out, "bomb.yml:1", fragment)
    assert not (tmp_path / "out.toml").exists()


TOML_HEADER = '[lexicon]\nname = "t"\nlanguage = "nl"\nversion = "1"\n\n[[entry]]\nconcept = "trust"\n'


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("deep.yml", "trust: " + "[" * DEEP + "]" * DEEP + "\n", "YAML nested more than 100 levels deep"),
        (
            "deep.yaml",
            "trust: " + "{a: " * DEEP + "x" + "}" * DEEP + "\n",
            "YAML nested more than 100 levels",
        ),
        (
            "deep.toml",
            TOML_HEADER + 'valence = "+"\nterm = "x"\nnote = ' + "[" * DEEP + "]" * DEEP + "\n",
            "TOML nested more than 100 levels deep",
        ),
        (
            "dotted.toml",
            TOML_HEADER + 'valence = "+"\nterm = "x"\nnote.' + ".".join(["a"] * 5000) + " = 1\n",
            "TOML nested more than 100 levels deep",
        ),
        (
            "deep.csv",
            'concept,valence,kind,value\ntrust,+,pattern,"' + "[" * DEEP + "]" * DEEP + '"\n',
            "JSON nested more than 100 levels deep",
        ),
    ],
    ids=["yaml-lists", "yaml-mappings", "toml-arrays", "toml-dotted-key", "csv-json"],
)
def test_import_of_deeply_nested_files_fails_cleanly(tmp_path, name, text, fragment):
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = run_cli("lexicon", "import", name, "--to", "out.toml", "--lang", "nl", cwd=tmp_path)
    assert_clean_error(out, name, fragment)
    assert not (tmp_path / "out.toml").exists()


def test_deep_toml_lexicon_fails_cleanly_when_tagging(tmp_path):
    (tmp_path / "deep.toml").write_text(
        TOML_HEADER + 'valence = "+"\nterm = "x"\nnote = ' + "{a = " * DEEP + "1" + "}" * DEEP + "\n",
        encoding="utf-8",
    )
    out = run_cli("tag", "--lang", "nl", "--lexicon", "deep.toml", "Vertrouwen.", cwd=tmp_path)
    # a lexicon the command cannot use is bad usage, in tag as in score
    assert_clean_error(out, "deep.toml:10", "TOML nested more than 100 levels deep", status=2)


def test_lexicon_check_reports_deep_toml_without_a_traceback(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("[lexicon]\nname = 'x'\nlanguage = 'en'\nversion = '1'\nx = " + "[" * DEEP + "]" * DEEP)
    out = run_cli("lexicon", "check", str(path), cwd=tmp_path)
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert out.returncode == 1
    assert "deep.toml:5: schema: TOML nested more than 100 levels deep" in out.stdout + out.stderr
