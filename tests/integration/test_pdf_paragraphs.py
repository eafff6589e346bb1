"""A PDF's paragraphs and headings end sentences, as a DOCX's do (a user trial: titles ran into preambles).

Real PDFs written with fpdf2 (``formats.write_pdf``) are read with both
back ends (pypdf and PDFium) and cut into sentences by the real pipeline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from formats import write_docx, write_pdf

import trustlex
from trustlex.readers.backends import use_readers
from trustlex.readers.registry import read_text_document

BACKENDS = [
    "plain",
    pytest.param(
        "fast",
        marks=pytest.mark.skipif(importlib.util.find_spec("pypdfium2") is None, reason="needs pypdfium2"),
    ),
]

REGELING = [
    "Beleidsregels toezicht op de Dienst Wegverkeer",
    "Artikel 1",
    "Begripsomschrijvingen",
    "In deze regels wordt verstaan onder de raad: de raad van toezicht van de dienst.",
    "Artikel 2",
    "Vertrouwen en verantwoording",
    "De raad van toezicht ziet toe op het beleid van de directie en vertrouwt erop dat de directie de "
    "minister tijdig en volledig informeert over de risico's voor de continuiteit van de taakuitvoering, "
    "ook wanneer die informatie onwelkom is voor de dienst of voor de minister zelf, en zonder dat de raad "
    "daar eerst om vraagt",
    "1. De minister besluit over de benoeming na overleg met de raad.",
    "2. Er is geen vertrouwen zonder openheid over de uitvoering.",
]


def _text(path: Path, backend: str) -> str:
    with use_readers(backend):
        return "".join(read_text_document(path, path.name).blocks)


def _sentences(text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in trustlex.load("nl")(text).sents if s.text.strip()]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("gap", [0, 2])
def test_headings_and_paragraphs_are_sentences_as_in_the_docx_of_the_same_text(tmp_path, backend, gap):
    # before: "Artikel 1 Begripsomschrijvingen In deze regels ..." was one sentence, and the
    # heading "Vertrouwen en verantwoording" opened the long paragraph under it
    pdf = write_pdf(tmp_path / "regeling.pdf", REGELING, gap=gap)
    docx = write_docx(tmp_path / "regeling.docx", REGELING)
    with use_readers("plain"):
        expected = _sentences("".join(read_text_document(docx, "regeling.docx").blocks))
    text = _text(pdf, backend)
    assert _sentences(text) == expected
    assert "Artikel 1\n\nBegripsomschrijvingen\n\nIn deze regels" in text
    # the long paragraph wraps over lines that stay joined: one sentence
    long = [s for s in expected if s.startswith("De raad van toezicht ziet toe")]
    assert len(long) == 1
    assert long[0].endswith("eerst om vraagt")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_gap_between_paragraphs_ends_a_sentence_without_a_stop_or_capital(tmp_path, backend):
    # the gap is measured against the usual step between the lines of a paragraph: the first wraps twice
    items = [
        "Bij de goedkeuring van het bestuursreglement bekijkt de minister in ieder geval of ten aanzien "
        "van de hierna volgende onderwerpen bepalingen zijn opgenomen, zoals de taken van de leden van de "
        "directie, de besluitvorming in en buiten de vergadering en de notulen, en in deze regels wordt "
        "verstaan onder:",
        "de dienst: de Dienst Wegverkeer;",
        "de wet: de Wegenverkeerswet.",
    ]
    text = _text(write_pdf(tmp_path / "lijst.pdf", items, gap=2), backend)
    assert [" ".join(p.split()) for p in text.split("\n\n")] == items
    assert len(_sentences(text)) == 3
    # without the gap: a short line that ends in ";" (or ".", ":") before one in lower case ends its
    # paragraph (it ran on into the next definition before); the first item's last line is as long as a
    # wrapped one, so nothing tells it ends there, and the wrapped lines stay joined
    text = _text(write_pdf(tmp_path / "dicht.pdf", items), backend)
    assert [" ".join(p.split()) for p in text.split("\n\n")] == [f"{items[0]} {items[1]}", items[2]]
    assert len(_sentences(text)) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_short_line_without_a_stop_before_one_in_lower_case_stays_joined(tmp_path, backend):
    # a signature's lines and a heading without a stop give no sign that a paragraph ends there
    lines = [
        "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,",
        "namens deze, de directeur van de dienst die het vertrouwen van de burger moet winnen.",
    ]
    text = _text(write_pdf(tmp_path / "ondertekening.pdf", [*lines, *lines]), backend)
    assert "\n\n" not in text.split("winnen.")[0]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_larger_font_ends_the_heading(tmp_path, backend):
    lines = ["Toezicht en vertrouwen", "met regels over de verantwoording van de directie aan de raad."]
    text = _text(write_pdf(tmp_path / "kop.pdf", lines, heading=16), backend)
    assert text == "\n\n".join(lines)
    assert _text(write_pdf(tmp_path / "gelijk.pdf", lines), backend) == "\n".join(lines)


@pytest.mark.parametrize("backend", BACKENDS)
def test_wrapped_lines_and_hyphenated_line_ends_stay_joined(tmp_path, backend):
    words = " ".join(f"auteurs- en naburige rechten van Artikel {i}" for i in range(60))
    text = _text(write_pdf(tmp_path / "streep.pdf", [words]), backend)
    assert "\n" in text  # it wraps
    assert "\n\n" not in text
    assert len(_sentences(text)) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sentence_running_on_to_the_next_page_stays_one(tmp_path, backend):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    runs = "De raad van toezicht vertrouwt erop dat de directie de minister tijdig"
    on = "informeert over de risico's."
    for body in [
        runs,
        on,
        "Nieuwe pagina, nieuwe alinea",
        "Een kop op de volgende pagina.",
    ]:
        pdf.add_page()
        pdf.multi_cell(0, 6, body)
    pdf.output(str(tmp_path / "pagina.pdf"))
    text = _text(tmp_path / "pagina.pdf", backend)
    assert text.split("\n\n") == [
        f"{runs}\n{on}",
        "Nieuwe pagina, nieuwe alinea",  # the next page opens with a capital: apart, as before
        "Een kop op de volgende pagina.",
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_code_word_or_a_bullet_in_a_font_of_its_own_opens_no_paragraph(tmp_path, backend):
    # a LaTeX manual: a wrapped line that opened with an attribute name in a smaller code font was taken
    # for a heading ("given by the type\n\nattribute. See ..."); a bullet glyph has a font of its own too
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    first = "A sub-class-of element says that any data of this type is also some other type, given by the"
    pieces = [
        [("Helvetica", 11, first)],
        [("Courier", 9.5, "attribute"), ("Helvetica", 11, ". See the section on subclasses: the rest is.")],
        [("ZapfDingbats", 7, "l"), ("Helvetica", 11, " an item of a list, with no trust in it at all")],
    ]
    for line in pieces:
        for family, size, text in line:
            pdf.set_font(family, size=size)
            pdf.cell(pdf.get_string_width(text), 6, text)
        pdf.ln(6)
    pdf.output(str(tmp_path / "code.pdf"))
    text = _text(tmp_path / "code.pdf", backend)
    assert text.startswith(f"{first}\nattribute. See the section")
    assert "\n\n" not in text.split("rest is.")[0]
