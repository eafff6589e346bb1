"""The command line's one error-to-exit mapping (trustlex.cli.app) and its output helpers."""

from __future__ import annotations

import errno

import pytest
import typer

from trustlex.cli.app import exit_on_error, failure
from trustlex.cli.output import printable
from trustlex.errors import GoldError, LexiconError, ReadError, RunError


def test_failure_maps_each_error_to_its_status():
    assert failure(RunError("out.csv is locked")) == ("out.csv is locked", 3)
    assert failure(LexiconError("bad entry", path="x.toml", line=3)) == ("x.toml:3: bad entry", 1)
    assert failure(LexiconError("bad entry"), 2) == ("bad entry", 2)
    # a ReadError is an OSError too, but an input problem first
    assert failure(ReadError("corrupt", path="a.pdf", kind="corrupt")) == ("a.pdf: corrupt", 1)
    full = OSError(errno.ENOSPC, "No space left on device", "out.csv")
    assert failure(full) == ("could not finish: No space left on device (out.csv)", 3)
    assert failure(KeyError("a bug")) is None


def test_the_decorator_prints_one_line_and_exits_with_the_status(capsys):
    @exit_on_error()
    def command() -> None:
        raise GoldError("gold.jsonl:2: field 'labels' has 'trust': 'neg'")

    with pytest.raises(typer.Exit) as stop:
        command()
    assert stop.value.exit_code == 1
    assert capsys.readouterr().err == "error: gold.jsonl:2: field 'labels' has 'trust': 'neg'\n"


def test_an_inner_block_overrides_the_commands_status(capsys):
    @exit_on_error(2)
    def command(inner: bool) -> None:
        if inner:
            with exit_on_error():
                raise LexiconError("refused model")
        raise LexiconError("bad option")

    for inner, code in ((True, 1), (False, 2)):
        with pytest.raises(typer.Exit) as stop:
            command(inner)
        assert stop.value.exit_code == code
    assert capsys.readouterr().err == "error: refused model\nerror: bad option\n"


def test_also_adds_exception_types_and_others_pass_through():
    @exit_on_error(also=(ValueError,))
    def learns() -> None:
        raise ValueError("one class only")

    @exit_on_error()
    def buggy() -> None:
        raise ValueError("a bug")

    with pytest.raises(typer.Exit) as stop:
        learns()
    assert stop.value.exit_code == 1
    with pytest.raises(ValueError, match="a bug"):
        buggy()


def test_exits_and_results_pass_through_untouched():
    @exit_on_error()
    def command(code: int) -> int:
        if code:
            raise typer.Exit(code)
        return 7

    assert command(0) == 7
    with pytest.raises(typer.Exit) as stop:
        command(3)
    assert stop.value.exit_code == 3


def test_printable_escapes_terminal_controls_and_keeps_text():
    assert printable("a\x1b]0;title\x07b") == "a\\x1b]0;title\\x07b"
    assert printable("tab\tand\nline") == "tab\tand\nline"
    assert printable("left\u202eright") == "left\ufffdright"
    assert printable("café ✓") == "café ✓"
