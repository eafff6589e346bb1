"""Markdown: headings, table cells and rows and numbered items bound sentences; offsets stay the file's."""

from __future__ import annotations

import pytest

from trustlex import score_folder
from trustlex.readers import read_text_document

TABLE = (
    "| Team | Comment |\n|---|---|\n"
    "| A | No trust in management |\n| B | We trust our manager |\n| C | I do not trust HR |\n"
)
HTML = (
    "<table><tr><td>A</td><td>No trust in management</td></tr>"
    "<tr><td>B</td><td>We trust our manager</td></tr><tr><td>C</td><td>I do not trust HR</td></tr></table>"
)


def _trust(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = score_folder(tmp_path / name, level="sentence", lang="en", progress=False)
    rows = report.frame[report.frame["concept"] == "trust"]
    return list(rows["valence"]), list(rows["sentence"])


def test_table_rows_and_cells_are_sentences_as_in_html(tmp_path):
    md = _trust(tmp_path, "survey.md", TABLE)
    assert md == (["-", "+", "-"], ["No trust in management", "We trust our manager", "I do not trust HR"])
    assert md == _trust(tmp_path, "survey.html", HTML)


def test_table_without_outer_pipes_after_a_paragraph(tmp_path):
    text = (
        "Our survey says\nTeam | Comment\n--- | ---\nA | No trust in management\nB | We trust our manager\n"
    )
    valences, sentences = _trust(tmp_path, "t.md", text)
    assert (valences, sentences) == (["-", "+"], ["No trust in management", "We trust our manager"])


def test_heading_is_a_sentence_of_its_own(tmp_path):
    for heading in ("# Lack of\n", "Lack of\n=======\n"):
        valences, sentences = _trust(tmp_path, "h.md", heading + "Trust in the team is high.\n")
        assert (valences, sentences) == (["+"], ["Trust in the team is high."])


def test_numbered_items_are_sentences_but_a_wrapped_year_is_not(tmp_path):
    text = "Cons:\n1) I do not trust HR\n2) We trust the team\n"
    assert _trust(tmp_path, "n.md", text) == (["-", "+"], ["1) I do not trust HR", "2) We trust the team"])
    wrapped = "Since the merger in\n2019. We trust nobody here.\n"
    assert _trust(tmp_path, "w.md", wrapped)[1] == ["We trust nobody here."]


def test_a_blank_line_after_a_heading_is_left_as_it_is(tmp_path):
    path = tmp_path / "k.md"
    path.write_text("# Kop\n\nTekst.\n\n| a | b |\n|---|---|\n\nMeer.\n", encoding="utf-8")
    text = "".join(read_text_document(path, "k.md").blocks)
    assert text == "# Kop\n\nTekst.\n\n\u2029 a \u2029 b \u2029\u2029         \n\nMeer.\n"


def test_code_fences_and_pipes_in_prose_are_left_alone(tmp_path):
    code = "Pipes a|b in prose.\n\n```\n| x | y |\n|---|---|\n# not a heading\n```\n"
    path = tmp_path / "c.md"
    path.write_text(code + "| x | y |\n|---|---|\n", encoding="utf-8")
    text = "".join(read_text_document(path, "c.md").blocks)
    # the fence's own lines kept; the table after it opens with a boundary
    assert text == code[:-1] + "\u2029\u2029 x \u2029 y \u2029\u2029         \n"


@pytest.mark.parametrize("rows", [3, 40_000])  # 40,000 rows: over a megabyte, streamed in blocks
def test_offsets_are_the_files(tmp_path, rows):
    body = "# Survey\nIntro line\n\n" + TABLE + "".join(f"| {i} | row {i} |\n" for i in range(rows))
    path = tmp_path / "big.md"
    path.write_text(body, encoding="utf-8")
    text = "".join(read_text_document(path, "big.md").blocks)
    assert len(text) == len(body)
    changed = {c for a, c in zip(body, text, strict=True) if a != c}
    assert changed <= {"\u2029", " "}
    # every pipe but the delimiter row's three (spaces now); every line end but the intro line's, the
    # blank line's and the last (a blank line or the file's end bound those blocks already)
    assert text.count("\u2029") == body.count("|") - 3 + body.count("\n") - 3
    assert text.endswith("row " + str(rows - 1) + " \u2029\n")


def test_a_heading_after_a_blank_line_keeps_its_marks(tmp_path):
    # the "##" of the next heading ended the paragraph before it ("... high.\n\n##")
    text = "# Survey\n\nTrust in the team is high.\n\n## Management\n\nI do not trust HR.\n"
    valences, sentences = _trust(tmp_path, "s.md", text)
    assert (valences, sentences) == (["+", "-"], ["Trust in the team is high.", "I do not trust HR."])
    report = score_folder(tmp_path / "s.md", level="sentence", lang="en", progress=False)
    frame = report.frame
    assert [text[s:e] for s, e in zip(frame["start_char"], frame["end_char"], strict=True)] == sentences


def test_punctuation_after_a_blank_line_opens_the_next_sentence(tmp_path):
    # an opening quote or bracket after a blank line belongs to the sentence it opens
    text = 'Pros\n\n"We trust our manager."\n\n(I do not trust HR.)\n'
    valences, sentences = _trust(tmp_path, "q.txt", text)
    assert (valences, sentences) == (["+", "-"], ['"We trust our manager."', "(I do not trust HR.)"])
