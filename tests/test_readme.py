"""The README's two set-up commands are the ones CI runs and the ones that work."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(
        line for line in readme.splitlines() if line.startswith("python3 -m venv") and "pytest" in line
    )
    assert command.replace("python3", "$PY") in ci


def test_readme_main_job_scores_the_bundled_samples():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(
        line for line in readme.splitlines() if line.startswith("python3 -m venv") and "score" in line
    )
    assert command.endswith("trustlex score samples/ --level sentence")
    assert (ROOT / "samples" / "SOURCES").is_file()
