"""Commands that write a file follow score's rule: never over an input, an existing file only with --force."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustlex.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
KEEP = "kept: written by the user\n"

GOLD = [
    ("I do not trust HR with anything.", {"trust": "-"}),
    ("We trust our team lead.", {"trust": "+"}),
    ("Nobody tells us what is going on.", {"communication": "-"}),
    ("Leadership shares updates every week.", {"communication": "+"}),
    ("The canteen food is fine.", {}),
    ("Parking is easy.", {}),
] * 2


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps({"text": t, "labels": lab}) for t, lab in GOLD) + "\n", "utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("We do not trust the board. Nobody tells us anything.", encoding="utf-8")
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text(
        '[lexicon]\nname = "ours"\nlanguage = "en"\nversion = "1.0"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "-"\nterm = "gaslighting"\n',
        encoding="utf-8",
    )
    (tmp_path / "model").mkdir()
    return tmp_path


def _existing(tmp: Path) -> list[tuple[list[str], Path, str]]:
    """(arguments, the output that exists already, its option) of every command that writes a file."""
    gold, docs, lexicon = tmp / "gold.jsonl", tmp / "docs", tmp / "ours.toml"
    return [
        (
            ["evaluate", str(gold), "--errors-out", str(tmp / "errors.csv")],
            tmp / "errors.csv",
            "--errors-out",
        ),
        (["train", str(gold), "--out", str(tmp / "model")], tmp / "model" / "model.json", "--out"),
        (["report", str(docs), "--out", str(tmp / "r.html")], tmp / "r.html", "--out"),
        (["lexicon", "audit", str(docs), "--out", str(tmp / "audit.csv")], tmp / "audit.csv", "--out"),
        (["lexicon", "export", str(lexicon), "--to", str(tmp / "out.csv")], tmp / "out.csv", "--to"),
        (
            ["lexicon", "import", str(tmp / "out.csv"), "--lang", "en", "--to", str(tmp / "new.toml")],
            tmp / "new.toml",
            "--to",
        ),
        (
            ["lexicon", "suggest", str(docs), "-c", "trust", "--lang", "en", "--out", str(tmp / "c.toml")],
            tmp / "c.toml",
            "--out",
        ),
    ]


def test_no_command_replaces_an_existing_output_without_force(files):
    (files / "out.csv").write_text(KEEP, encoding="utf-8")  # import reads it; export would write it
    for args, out, option in _existing(files):
        out.write_text(KEEP, encoding="utf-8")
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr == f"error: {option} {out} exists; pass --force to replace it\n", args
        assert out.read_text(encoding="utf-8") == KEEP, args


def test_force_replaces_an_existing_output(files):
    for args, out, _ in _existing(files)[:5]:  # import and suggest need other inputs to succeed
        out.write_text(KEEP, encoding="utf-8")
        result = runner.invoke(app, [*args, "--force"])
        assert result.exit_code == 0, (args, result.output)
        assert out.read_text(encoding="utf-8") != KEEP, args


def test_no_command_writes_over_one_of_its_inputs_force_or_not(files):
    gold, docs, lexicon = files / "gold.jsonl", files / "docs", files / "ours.toml"
    results = files / "results.csv"
    score = runner.invoke(app, ["score", str(docs), "--level", "sentence", "--out", str(results)])
    assert score.exit_code == 0, score.output
    cases = [
        (["evaluate", str(gold), "--errors-out", str(gold)], gold, "--errors-out"),
        (["report", str(results), "--out", str(results)], results, "--out"),
        (["lexicon", "export", str(lexicon), "--to", str(lexicon)], lexicon, "--to"),
    ]
    for args, victim, option in cases:
        before = victim.read_bytes()
        for force in ([], ["--force"]):
            result = runner.invoke(app, [*args, *force])
            assert result.exit_code == 2, (args, force, result.output)
            expected = f"error: {option} {victim} is one of the inputs; writing it would destroy it"
            assert result.stderr.startswith(expected), (args, result.stderr)
            assert victim.read_bytes() == before, args
    # a document inside an input folder: the report would read it, then write over it
    inside = runner.invoke(app, ["report", str(docs), "--out", str(docs / "a.txt"), "--force"])
    assert inside.exit_code == 2, inside.output
    assert "is a document inside the input folder" in inside.stderr
    assert (docs / "a.txt").read_text(encoding="utf-8").startswith("We do not trust")


def test_train_out_must_be_a_folder(files):
    gold = files / "gold.jsonl"
    before = gold.read_bytes()
    result = runner.invoke(app, ["train", str(gold), "--out", str(gold), "--force"])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: --out {gold} is a file; the model is written into a folder\n"
    assert gold.read_bytes() == before


def _outputs_in(files: Path, folder: Path) -> list[tuple[list[str], Path, str]]:
    """(arguments, output path, option) of every command but train, writing its output in ``folder``."""
    (files / "out.csv").write_text(KEEP, encoding="utf-8")  # import's input
    docs = files / "docs"
    cases = [
        (["score", str(docs), "--out", str(folder / "results.csv")], folder / "results.csv", "--out"),
        *[(args, folder / out.name, option) for args, out, option in _existing(files) if args[0] != "train"],
    ]
    return [
        ([str(out) if a == str(files / out.name) else a for a in args], out, option)
        for args, out, option in cases
    ]


def test_an_output_in_a_folder_that_does_not_exist_is_bad_usage_before_any_work(files):
    # score and report scored every document, then stopped with status 3 and the system's words
    missing = files / "missing"
    for args, out, option in _outputs_in(files, missing):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        expected = f"error: {option} {out}: {missing} does not exist; create the folder first or choose"
        assert result.stderr == expected + " another path\n", args
        assert not missing.exists(), args
    # train makes its model folder itself, parents too
    trained = runner.invoke(app, ["train", str(files / "gold.jsonl"), "--out", str(missing / "model")])
    assert trained.exit_code == 0, trained.output
    assert (missing / "model" / "model.json").is_file()


def _unwritable() -> Path:
    """A folder that exists and in which no user, root included, can make a file."""
    for folder in (Path("/sys"), Path("/proc/self")):  # sysfs refuses new files; /proc/self has no such entry
        if not folder.is_dir():
            continue
        try:
            handle, probe = tempfile.mkstemp(dir=folder)
        except OSError:
            return folder
        os.close(handle)
        os.unlink(probe)
    pytest.skip("no folder here refuses new files to every user (tried /sys and /proc/self)")


def test_an_output_in_a_folder_that_cannot_be_written_is_bad_usage_before_any_work(files):
    # score loaded the pipelines and then stopped with status 3 on its lock file, in the system's words;
    # os.access says yes to root here: only making a file tells
    folder = _unwritable()
    for args, out, option in _outputs_in(files, folder):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        expected = f"error: {option} {out}: cannot write in {folder} ("
        assert result.stderr.startswith(expected), (args, result.stderr)
        assert result.stderr.endswith("); choose a folder you can write to\n"), args
        assert result.stdout == "", args  # nothing scored, nothing printed


def test_a_folder_the_user_may_not_write_is_bad_usage_before_any_work(tmp_path):
    # as a user without root's rights, where the folder's permissions bite
    if os.geteuid() != 0:
        _run_as_user(tmp_path)
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: no way to run as another user")
    # pytest's tmp_path is root's alone (0700): a folder of its own, that user nobody can read
    base = Path(tempfile.mkdtemp(prefix="trustlex-nobody-"))
    try:
        base.chmod(0o755)
        docs, locked = base / "docs", base / "locked"
        docs.mkdir(mode=0o755)
        locked.mkdir(mode=0o755)  # root's, 755: nobody may not write in it
        (docs / "a.txt").write_text("We do not trust the board.", encoding="utf-8")
        (docs / "a.txt").chmod(0o644)
        out = locked / "results.csv"
        # user nobody, allowed to read everything (the interpreter may live under /root) and to write
        # only where its permissions let it
        nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        caps = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(base)}
        cmd = [*nobody, *caps, sys.executable, "-m", "trustlex", "score", str(docs), "--out", str(out)]
        done = subprocess.run(
            cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=300
        )
        if done.returncode != 2 and done.stderr.startswith("setpriv:"):
            pytest.skip(f"setpriv cannot run as user nobody with read rights here: {done.stderr.strip()}")
        assert done.returncode == 2, done.stderr
        assert done.stderr == _refused(out)
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(base)


def _refused(out: Path) -> str:
    fix = "choose a folder you can write to"
    return f"error: --out {out}: cannot write in {out.parent} (Permission denied); {fix}\n"


def _run_as_user(tmp_path: Path) -> None:
    """The same, in this process, for a user that is not root: a folder of mode 555."""
    docs, locked = tmp_path / "docs", tmp_path / "locked"
    docs.mkdir()
    (docs / "a.txt").write_text("We do not trust the board.", encoding="utf-8")
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = runner.invoke(app, ["score", str(docs), "--out", str(locked / "results.csv")])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.stderr == _refused(locked / "results.csv")
    assert list(locked.iterdir()) == []
