"""The analysis and workbench packages: what they re-export, and the layer rules of their imports."""

from __future__ import annotations

import ast
from pathlib import Path

import trustlex
import trustlex.analysis
import trustlex.workbench

ROOT = Path(trustlex.__file__).resolve().parent


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).glob("*.py"))


def _trustlex_imports(path: Path) -> tuple[set[str], list[str]]:
    """Return the trustlex modules a file imports at module level, and those imported in functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    inner: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("trustlex"):
            names = {node.module}
        elif isinstance(node, ast.Import):
            names = {a.name for a in node.names if a.name.startswith("trustlex")}
        else:
            continue
        if node.col_offset == 0:
            top |= names
        else:
            inner.extend(names)
    return top, inner


def test_function_names_win_over_module_names():
    # compare, display, kwic, report, audit and reliability are both submodules and functions
    for owner, name in [
        (trustlex.analysis, "compare"),
        (trustlex.analysis, "display"),
        (trustlex.analysis, "kwic"),
        (trustlex.analysis, "report"),
        (trustlex.workbench, "audit"),
        (trustlex.workbench, "reliability"),
    ]:
        assert callable(getattr(owner, name)), f"{owner.__name__}.{name} is {getattr(owner, name)!r}"
    assert trustlex.analysis.plot.__name__ == "trustlex.analysis.plot"


def test_plot_is_reached_from_the_top_package():
    assert trustlex.plot.climate is trustlex.analysis.plot.climate
    assert trustlex.plot.climate is not trustlex.analysis.climate  # the plot, not the table
    assert trustlex.html_report is trustlex.analysis.report


def test_no_trustlex_import_inside_functions():
    for package in ("analysis", "workbench"):
        for path in _modules(package):
            _, inner = _trustlex_imports(path)
            assert inner == [], f"{path.name} imports {inner} inside a function"


def test_siblings_do_not_import_each_other_nor_the_cli():
    for package, sibling in (("analysis", "workbench"), ("workbench", "analysis")):
        for path in _modules(package):
            top, _ = _trustlex_imports(path)
            upward = {m for m in top if m.startswith((f"trustlex.{sibling}", "trustlex.cli"))}
            assert not upward, f"{package}/{path.name} imports {sorted(upward)}"


def test_modules_stay_small():
    for package in ("analysis", "workbench"):
        for path in _modules(package):
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 500, f"{package}/{path.name} has {lines} lines"
