"""The suffix registry of trustlex.readers: built-in formats, adding one, and the package's layering."""

from __future__ import annotations

import ast
from contextlib import contextmanager
from pathlib import Path

import pytest

from trustlex.errors import ReadError
from trustlex.readers import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    TableReader,
    TextDocument,
    count_rows,
    kind_of,
    read_rows,
    read_text_document,
    register_table,
    register_text,
    registry,
    scan_table,
    table_info,
)
from trustlex.readers.tables import open_csv, scan_csv

PACKAGE = Path(registry.__file__).parent


@pytest.fixture
def restored_registry():
    """Undo registrations a test makes: the registry is process-wide."""
    text, table = dict(registry._TEXT), dict(registry._TABLE)
    yield
    registry._TEXT.clear()
    registry._TEXT.update(text)
    registry._TABLE.clear()
    registry._TABLE.update(table)


def test_built_in_suffixes_keep_their_order():
    assert TEXT_SUFFIXES == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
    assert TABLE_SUFFIXES == (".csv", ".tsv", ".jsonl", ".xlsx")


def read_shouting(path, display):
    text = Path(path).read_text(encoding="utf-8")
    return TextDocument(blocks=iter([text.upper()]), encoding="utf-8")


def test_a_registered_text_reader_is_found_by_kind_and_read(tmp_path, restored_registry):
    path = tmp_path / "notes.LOUD"
    path.write_text("geen vertrouwen", encoding="utf-8")
    assert kind_of(path) is None
    with pytest.raises(ReadError, match=r"not a text document type: \.loud"):
        read_text_document(path, "notes.LOUD")

    register_text([".loud"], read_shouting)

    assert kind_of(path) == "text"
    assert "".join(read_text_document(path, "notes.LOUD").blocks) == "GEEN VERTROUWEN"
    assert ".loud" not in TEXT_SUFFIXES  # the tuple lists the built-in formats only


def test_a_registered_table_reader_serves_the_whole_table_api(tmp_path, restored_registry):
    # a pipe-separated file is read by the CSV reader, whose sniffer finds the pipe
    path = tmp_path / "answers.psv"
    rows = ["id|comment"] + [f"{n}|answer {n}" for n in range(1, 8)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        table_info(path, "answers.psv")
    assert info.value.kind == "unsupported"

    register_table([".psv"], TableReader(open_csv, scan_csv))

    assert kind_of(path) == "table"
    info = table_info(path, "answers.psv")
    assert info.text_column == "comment"
    assert info.columns == ["id", "comment"]
    assert count_rows(path, "answers.psv") == 7
    total, marks = scan_table(path, "answers.psv", 3)
    assert total == 7
    assert [m.start for m in marks] == [3, 6]
    got = list(read_rows(path, "answers.psv", id_column="id", start=marks[1].start, mark=marks[1]))
    assert [(r.row, r.doc_id, r.text) for r in got] == [(7, "7", "answer 7")]


def test_a_registration_replaces_a_reader_of_the_same_kind(tmp_path, restored_registry):
    path = tmp_path / "a.txt"
    path.write_text("vertrouwen", encoding="utf-8")
    register_text([".txt"], read_shouting)
    assert "".join(read_text_document(path, "a.txt").blocks) == "VERTROUWEN"


@pytest.mark.parametrize(
    ("register", "suffix", "message"),
    [
        (register_text, "log", "starts with a dot"),
        (register_text, ".LOG", "lower case"),
        (register_text, ".csv", "already registered as a table format"),
        (register_table, ".pdf", "already registered as a text format"),
    ],
)
def test_bad_suffixes_are_refused_and_nothing_is_registered(register, suffix, message, restored_registry):
    before = (dict(registry._TEXT), dict(registry._TABLE))
    reader = read_shouting if register is register_text else TableReader(open_csv, scan_csv)
    with pytest.raises(ValueError, match=message):
        register([".fine", suffix], reader)
    assert before == (registry._TEXT, registry._TABLE)


def test_a_table_reader_is_opened_inside_the_error_guard(tmp_path, restored_registry):
    # an OSError from a format's open becomes a ReadError naming the display path
    @contextmanager
    def broken_open(path, display, encoding, mark):
        raise PermissionError(13, "Permission denied")
        yield  # pragma: no cover

    path = tmp_path / "a.broken"
    path.write_text("x\n", encoding="utf-8")
    register_table([".broken"], TableReader(broken_open, scan_csv))
    with pytest.raises(ReadError) as info:
        table_info(path, "shown/a.broken")
    assert info.value.kind == "unreadable"
    assert info.value.path == "shown/a.broken"


def trustlex_imports(module: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("trustlex"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("trustlex"))
    return names


def test_readers_import_only_errors_concepts_and_themselves():
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        for name in trustlex_imports(module):
            allowed = name in ("trustlex.errors", "trustlex.concepts") or name.startswith("trustlex.readers.")
            assert allowed, f"{module.name} imports {name}"


def test_format_modules_do_not_import_the_registry_or_each_other():
    formats = ("text", "html", "docx", "pdf", "tables", "xlsx")
    for name in formats:
        imported = trustlex_imports(PACKAGE / f"{name}.py")
        above = {f"trustlex.readers.{other}" for other in (*formats, "registry", "rows") if other != name}
        assert not imported & above, f"{name}.py imports {sorted(imported & above)}"
