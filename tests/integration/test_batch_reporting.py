"""What a folder run tells its user: broken rows, bad lexicons, skipped files, stale parts."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from trustlex.batch import EXIT_ERRORS, errors_path
from trustlex.cli import app

runner = CliRunner()

UNCLOSED = (
    "respondent,comment\n"
    'r1,"Ik vertrouw mijn manager."\n'
    'r2,"Er is geen communicatie."\n'
    'r3,"Goede samenwerking."\n'
    'r4,"Management luistert niet."\n'
    'r5,"Prima."\n'
    'r6,"Niemand neemt verantwoordelijkheid, echt niemand.\n'
    'r7,"Wij vertrouwen elkaar."\n'
    'r8,"De directie liegt."\n'
    'r9,"Geen inspraak."\n'
)


def test_an_unclosed_quote_is_reported_and_no_row_is_folded_into_it(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "unclosed.csv").write_text(UNCLOSED, encoding="utf-8")
    out = tmp_path / "q_un.csv"
    result = runner.invoke(app, ["score", str(folder / "unclosed.csv"), "--out", str(out), "-q"])
    assert result.exit_code == EXIT_ERRORS, result.output
    assert "error: unclosed.csv: row 6: malformed-row: line 7: a quote opened on this line" in result.output
    frame = pd.read_csv(out)
    assert frame["respondent"].tolist() == ["r1", "r2", "r3", "r4", "r5", "r7", "r8", "r9"]
    errors = pd.read_csv(errors_path(out))
    assert errors[["path", "row", "kind"]].values.tolist() == [["unclosed.csv", 6, "malformed-row"]]
