"""Readers for text documents and tables, on real files written in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from fpdf import FPDF

from trustlex.errors import ReadError
from trustlex.readers import (
    BLOCK_CHARS,
    NO_TEXT_LAYER,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Row,
    TableInfo,
    count_rows,
    detect_encoding,
    kind_of,
    read_rows,
    read_text_document,
    scan_table,
    table_info,
    text_blocks,
)

DUTCH = "Ik heb geen vertrouwen in de directie. Één keer per week. Wij zijn naïef, zegt hé."


def text_of(path: Path, display: str = "doc") -> str:
    return "".join(read_text_document(path, display).blocks)


def random_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


# ------------------------------------------------------------------ writers

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def write_docx(path: Path, body: str, *, with_document: bool = True) -> Path:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if with_document:
            archive.writestr("word/document.xml", document.encode("utf-8"))
    return path


def para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def write_pdf(path: Path, pages: list[str], user_password: str | None = None) -> Path:
    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-pw", user_password=user_password)
    for page in pages:
        pdf.add_page()
        if page:
            pdf.set_font("Helvetica", size=12)
            pdf.multi_cell(0, 10, page)
    pdf.output(str(path))
    return path


def write_xlsx(path: Path, cells: dict[int, list]) -> Path:
    """Write ``{sheet row: values}``; rows that are not keys stay absent."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row, values in cells.items():
        for column, value in enumerate(values, 1):
            sheet.cell(row=row, column=column, value=value)
    workbook.save(path)
    return path


def rows_of(path: Path, **kwargs) -> list[Row | ReadError]:
    return list(read_rows(path, "table", **kwargs))


# ------------------------------------------------------------------ kinds


def test_kind_of_is_case_insensitive():
    for suffix in TEXT_SUFFIXES:
        assert kind_of(Path("a" + suffix.upper())) == "text"
    for suffix in TABLE_SUFFIXES:
        assert kind_of(Path("dir/a" + suffix)) == "table"
    assert kind_of(Path("a.doc")) is None
    assert kind_of(Path("README")) is None


def test_unsupported_suffix_is_an_error(tmp_path):
    path = tmp_path / "a.rtf"
    path.write_text("x")
    with pytest.raises(ReadError) as info:
        read_text_document(path, "a.rtf")
    assert info.value.kind == "unsupported"
    with pytest.raises(ReadError) as info:
        table_info(path, "a.rtf")
    assert info.value.kind == "unsupported"


# ------------------------------------------------------------------ plain text and encodings


@pytest.mark.parametrize("suffix", [".txt", ".md", ".TXT"])
def test_plain_text_with_accents(tmp_path, suffix):
    path = tmp_path / f"doc{suffix}"
    path.write_text(DUTCH + "\n# Kop\n", encoding="utf-8")
    doc = read_text_document(path, "doc")
    assert doc.encoding == "utf-8"
    assert doc.note is None
    # Markdown: the heading's line breaks bound sentences, character for character (test_markdown.py)
    before = "\u2029" if suffix == ".md" else "\n"
    assert "".join(doc.blocks) == DUTCH + before + "# Kop\n"


@pytest.mark.parametrize(
    ("codec", "text", "reported"),
    [
        ("utf-8", DUTCH, "utf-8"),
        ("utf-8-sig", DUTCH, "utf-8-sig"),
        ("utf-16", DUTCH, "utf-16"),
        ("utf-32", DUTCH, "utf-32"),
        ("utf-16-le", DUTCH, "utf-16-le"),
        ("cp1252", "Één idee, één € en een ë in café.", "cp1252"),
        # Latin-1 text without cp1252-only bytes reads identically as cp1252 (its superset).
        ("latin-1", "Één café, naïef.", "cp1252"),
        # A C1 byte that cp1252 leaves undefined proves it is not cp1252.
        ("latin-1", "Één café, naïef.\x81", "latin-1"),
        ("ascii", "Plain old text.", "utf-8"),
    ],
)
def test_encodings(tmp_path, codec, text, reported):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(codec))
    assert detect_encoding(path, "doc.txt") == reported
    doc = read_text_document(path, "doc.txt")
    assert doc.encoding == reported
    assert "".join(doc.blocks) == text


def test_utf8_error_late_in_a_large_file_falls_back(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"ascii line\n" * 200_000 + "caf\u00e9 \u20ac\n".encode("cp1252"))
    assert detect_encoding(path, "late.txt") == "cp1252"
    assert text_of(path).endswith("café €\n")


def test_random_bytes_txt_is_binary(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(random_bytes(20_000))
    with pytest.raises(ReadError) as info:
        read_text_document(path, "in/noise.txt")
    assert info.value.kind == "binary"
    assert info.value.path == "in/noise.txt"
    assert "in/noise.txt" in str(info.value)
    assert "binary content, not text" in str(info.value)


def test_control_characters_are_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes(range(1, 9)) * 100)
    with pytest.raises(ReadError) as info:
        detect_encoding(path, "ctl.txt")
    assert info.value.kind == "binary"


def test_crlf_becomes_newline(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"Regel een.\r\nRegel twee.\r\n")
    assert text_of(path) == "Regel een.\nRegel twee.\n"


# ------------------------------------------------------------------ blocks and memory


def test_blocks_cut_at_line_boundaries(tmp_path):
    line = "Er is geen vertrouwen in het management, zegt iedereen hier. " * 3 + "\n"
    text = line * 5000
    path = tmp_path / "lines.txt"
    path.write_text(text, encoding="utf-8")
    blocks = list(read_text_document(path, "lines.txt").blocks)
    assert len(blocks) > 1
    assert all(len(b) <= BLOCK_CHARS for b in blocks)
    assert all(b.endswith("\n") for b in blocks)
    assert "".join(blocks) == text


def test_long_line_is_cut_at_whitespace(tmp_path):
    text = "woord " * 60_000  # 360,000 chars on one line
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    blocks = list(read_text_document(path, "one-line.txt").blocks)
    assert all(len(b) <= BLOCK_CHARS for b in blocks)
    assert all(b.endswith(" ") for b in blocks)
    assert "".join(blocks) == text


def test_single_huge_word_is_cut_hard(tmp_path):
    path = tmp_path / "word.txt"
    path.write_bytes(b"a" * 5_000_000)
    blocks = list(read_text_document(path, "word.txt").blocks)
    assert len(blocks) == 50
    assert all(len(b) == BLOCK_CHARS for b in blocks)
    assert sum(len(b) for b in blocks) == 5_000_000


def test_forty_megabytes_are_streamed_with_bounded_memory(tmp_path):
    path = tmp_path / "big.txt"
    chunk = (DUTCH + "\n").encode("utf-8") * 10_000
    with open(path, "wb") as handle:
        while handle.tell() < 40_000_000:
            handle.write(chunk)
    del chunk
    tracemalloc.start()
    try:
        doc = read_text_document(path, "big.txt")
        n_blocks = 0
        n_chars = 0
        longest = 0
        for block in doc.blocks:
            n_blocks += 1
            n_chars += len(block)
            longest = max(longest, len(block))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc.encoding == "utf-8"
    assert n_blocks >= n_chars // BLOCK_CHARS > 300
    assert longest <= BLOCK_CHARS
    assert n_chars == len(path.read_text(encoding="utf-8"))
    assert peak < 10_000_000, peak


# ------------------------------------------------------------------ empty and missing files


@pytest.mark.parametrize("suffix", [s for s in TEXT_SUFFIXES if s not in (".pdf", ".docx")])
def test_empty_text_files_have_no_text(tmp_path, suffix):
    # docs/batch.md: an empty .txt, .md or .html is an empty document (a row with zero words)
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    doc = read_text_document(path, "empty")
    assert "".join(doc.blocks) == ""


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_zero_byte_pdf_and_docx_are_errors(tmp_path, suffix):
    # a PDF or DOCX is never 0 bytes: such a file is a copy or download cut off, not an empty document
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        read_text_document(path, f"in/empty{suffix}")
    assert info.value.kind == "empty"
    assert str(info.value).startswith(
        f"in/empty{suffix}: empty file (0 bytes): no {suffix[1:].upper()} at all"
    )


def test_docx_without_text_is_an_error(tmp_path):
    path = write_docx(tmp_path / "pictures.docx", para(run("   ")) + para(""))
    with pytest.raises(ReadError) as info:
        read_text_document(path, "pictures.docx")
    assert info.value.kind == "no-text"
    assert "no text in the document" in str(info.value)


def test_vanished_file(tmp_path):
    path = tmp_path / "gone.txt"
    with pytest.raises(ReadError) as info:
        read_text_document(path, "gone.txt")
    assert info.value.kind == "vanished"
    assert "gone.txt" in str(info.value)
    with pytest.raises(ReadError) as info:
        read_rows(tmp_path / "gone.csv", "gone.csv")
    assert info.value.kind == "vanished"
    with pytest.raises(ReadError) as info:
        count_rows(tmp_path / "gone.xlsx", "gone.xlsx")
    assert info.value.kind == "vanished"


def test_file_vanishing_before_streaming(tmp_path):
    path = tmp_path / "soon-gone.txt"
    path.write_text("tekst\n" * 250_000)  # big enough to be streamed, not read at once
    doc = read_text_document(path, "soon-gone.txt")
    path.unlink()
    with pytest.raises(ReadError) as info:
        list(doc.blocks)
    assert info.value.kind == "vanished"


def test_directory_is_unreadable(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(ReadError) as info:
        read_text_document(path, "folder.txt")
    assert info.value.kind == "unreadable"


# ------------------------------------------------------------------ HTML


HTML = """<!DOCTYPE html>
<html><head><title>Paginatitel</title>
<style>p { color: red; }</style>
<script>var geheim = "niet tonen";</script>
</head>
<body>
<!-- een opmerking die weg moet -->
<h1>Vertrouwen</h1><p>Eerste zin
over   twee regels.</p><p>Tweede alinea &amp; meer: caf&eacute; &#235; &euro;</p>
<ul><li>een</li><li>twee</li></ul>
<noscript>Zet JavaScript aan</noscript><template><p>sjabloon</p></template>
<div>links<br>rechts</div><span>in</span><b>line</b>
<table><tr><td>cel 1</td><td>cel 2</td></tr></table>
</body></html>
"""


def test_html_visible_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read_text_document(path, "page.html")
    text = "".join(doc.blocks)
    assert doc.encoding == "utf-8"
    for hidden in ("Paginatitel", "color", "geheim", "opmerking", "JavaScript", "sjabloon"):
        assert hidden not in text
    # block elements are paragraphs (a blank line ends a sentence); <br> is a line break within one
    assert text.split("\n\n") == [
        "Vertrouwen",
        "Eerste zin over twee regels.",
        "Tweede alinea & meer: café ë €",
        "een",
        "twee",
        "links\nrechts",
        "inline",
        "cel 1",
        "cel 2",
    ]


def test_html_without_closing_head(tmp_path):
    path = tmp_path / "sloppy.htm"
    path.write_text("<html><head><title>T</title><p>Zichtbaar.</p></html>", encoding="utf-8")
    assert text_of(path) == "Zichtbaar."


@pytest.mark.parametrize(
    ("meta", "reported"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    ],
)
def test_html_meta_charset(tmp_path, meta, reported):
    path = tmp_path / "old.html"
    path.write_bytes(f"<html><head>{meta}</head><body><p>Één € café</p></body></html>".encode("cp1252"))
    doc = read_text_document(path, "old.html")
    assert doc.encoding == reported
    assert "".join(doc.blocks) == "Één € café"


def test_html_wrong_meta_charset_trusts_bytes(tmp_path):
    path = tmp_path / "liar.html"
    path.write_bytes('<meta charset="utf-8"><p>Één € café</p>'.encode("cp1252"))
    doc = read_text_document(path, "liar.html")
    assert doc.encoding == "cp1252"
    assert "".join(doc.blocks) == "Één € café"


def test_html_utf16_bom(tmp_path):
    path = tmp_path / "wide.html"
    path.write_bytes("<p>Één keer.</p><p>Twee.</p>".encode("utf-16"))
    doc = read_text_document(path, "wide.html")
    assert doc.encoding == "utf-16"
    assert "".join(doc.blocks) == "Één keer.\n\nTwee."


# ------------------------------------------------------------------ DOCX


def test_docx_paragraphs_tables_tabs_and_breaks(tmp_path):
    body = (
        para(
            '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>',
            run("Ik heb geen "),
            run("vertrouwen."),
        )
        + para(run("Één"), "<w:r><w:tab/><w:t>naïef</w:t><w:br/><w:t>ë</w:t></w:r>")
        + "<w:tbl><w:tr><w:tc>"
        + para(run("cel A"))
        + "</w:tc><w:tc>"
        + para(run("cel B"))
        + "</w:tc></w:tr></w:tbl>"
        + para("<w:del><w:r><w:delText>geschrapt</w:delText></w:r></w:del>", run("Einde &amp; uit."))
    )
    path = write_docx(tmp_path / "doc.docx", body)
    doc = read_text_document(path, "doc.docx")
    assert doc.encoding is None
    # paragraphs, table cells and list items are separated by a blank line, a sentence boundary
    assert "".join(doc.blocks) == "Ik heb geen vertrouwen.\n\nÉén\tnaïef\në\n\ncel A\n\ncel B\n\nEinde & uit."


def test_docx_long_text_comes_in_blocks(tmp_path):
    body = "".join(
        para(run(f"Alinea {i} over vertrouwen en controle in de organisatie.")) for i in range(5000)
    )
    path = write_docx(tmp_path / "long.docx", body)
    blocks = list(read_text_document(path, "long.docx").blocks)
    assert len(blocks) > 1
    assert all(len(b) <= BLOCK_CHARS for b in blocks)
    assert "".join(blocks).count("\n\n") == 4999


# ------------------------------------------------------------------ PDF


def test_pdf_pages_with_accents(tmp_path):
    path = write_pdf(tmp_path / "doc.pdf", [DUTCH, "Tweede pagina: geen controle."])
    doc = read_text_document(path, "doc.pdf")
    assert doc.encoding is None
    assert doc.note is None
    text = "".join(doc.blocks)
    assert "Ik heb geen vertrouwen in de directie." in text
    assert "Één keer per week." in text
    assert "naïef" in text
    assert "hé" in text
    assert "\n\nTweede pagina: geen controle." in text


def test_pdf_without_text_layer_is_an_error(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", ["", ""])
    with pytest.raises(ReadError) as info:
        read_text_document(path, "scan.pdf")
    assert info.value.kind == "no-text"
    assert info.value.detail.startswith(NO_TEXT_LAYER)
    assert "OCR" in info.value.detail


def test_encrypted_pdf(tmp_path):
    path = write_pdf(tmp_path / "secret.pdf", ["Geheim."], user_password="secret")
    with pytest.raises(ReadError) as info:
        read_text_document(path, "in/secret.pdf")
    assert info.value.kind == "encrypted"
    assert "in/secret.pdf" in str(info.value)


def test_pdf_with_empty_user_password_opens(tmp_path):
    path = write_pdf(tmp_path / "owner-only.pdf", ["Alleen eigenaar."], user_password="")
    assert "Alleen eigenaar." in text_of(path)


# ------------------------------------------------------------------ corrupt documents


def corrupt_docx(tmp_path: Path) -> Path:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04" + random_bytes(3000))
    return path


def docx_without_document(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "nodoc.docx", "", with_document=False)


def docx_with_broken_xml(tmp_path: Path) -> Path:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p>')
    return path


def docx_with_dtd(tmp_path: Path) -> Path:
    path = tmp_path / "dtd.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body>'
            "<w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>",
        )
    return path


def truncated_pdf(tmp_path: Path) -> Path:
    data = write_pdf(tmp_path / "full.pdf", [DUTCH]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def random_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "noise.pdf"
    path.write_bytes(random_bytes(5000))
    return path


@pytest.mark.parametrize(
    "make",
    [corrupt_docx, docx_without_document, docx_with_broken_xml, docx_with_dtd, truncated_pdf, random_pdf],
)
def test_corrupt_documents(tmp_path, make):
    path = make(tmp_path)
    display = f"inbox/{path.name}"
    with pytest.raises(ReadError) as info:
        read_text_document(path, display)
    assert info.value.kind == "corrupt"
    assert info.value.path == display
    assert str(info.value).startswith(display + ": ")


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(random_bytes(4000))
    for call in (table_info, read_rows, count_rows):
        with pytest.raises(ReadError) as info:
            call(path, "inbox/bad.xlsx")
        assert info.value.kind == "corrupt"
        assert "inbox/bad.xlsx" in str(info.value)


# ------------------------------------------------------------------ CSV / TSV


def test_semicolon_csv_with_malformed_row(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        "id;opmerking;afdeling\n"
        "1;Geen vertrouwen in de directie.;HR\n"
        '2;"Een opmerking\nover twee regels; met puntkomma";IT\n'
        "3;te;veel;velden\n"
        "4;Één keer per week;\n"
        "5\n".encode("cp1252")
    )
    info = table_info(path, "export.csv")
    assert info == TableInfo(
        text_column="opmerking", columns=["id", "opmerking", "afdeling"], encoding="cp1252"
    )
    got = rows_of(path, id_column="id")
    assert [type(r).__name__ for r in got] == ["Row", "Row", "ReadError", "Row", "Row"]
    bad = got[2]
    assert bad.kind == "malformed-row"
    assert bad.row == 3
    assert "line 5" in str(bad)
    assert str(bad).startswith("table: row 3: ")
    assert got[0] == Row(
        row=1, text="Geen vertrouwen in de directie.", doc_id="1", meta={"id": "1", "afdeling": "HR"}
    )
    assert got[1].text == "Een opmerking\nover twee regels; met puntkomma"
    assert got[3] == Row(row=4, text="Één keer per week", doc_id="4", meta={"id": "4", "afdeling": ""})
    assert got[4] == Row(row=5, text="", doc_id="5", meta={"id": "5", "afdeling": ""})


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_sniffing(tmp_path, delimiter):
    path = tmp_path / "d.csv"
    lines = [["nr", "antwoord"], ["1", "Ja, dat klopt; zeker"], ["2", "Nee"]]
    path.write_text(
        "\n".join(delimiter.join(f'"{v}"' if any(c in v for c in ",;|") else v for v in row) for row in lines)
        + "\n",
        encoding="utf-8",
    )
    got = rows_of(path)
    assert [(r.row, r.text, r.meta) for r in got] == [
        (1, "Ja, dat klopt; zeker", {"nr": "1"}),
        (2, "Nee", {"nr": "2"}),
    ]


def test_tsv(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_text("id\tcomment\n7\tVeel controle, weinig vertrouwen.\n", encoding="utf-8")
    assert rows_of(path, id_column="id") == [
        Row(row=1, text="Veel controle, weinig vertrouwen.", doc_id="7", meta={"id": "7"})
    ]


def test_text_column_by_name_priority(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("Reactie,Comment,extra\nkort,ook kort,een veel langere waarde hier\n", encoding="utf-8")
    # "comment" comes before "reactie" in the list of names, whatever the file order.
    assert table_info(path, "n.csv").text_column == "Comment"


def test_text_column_by_longest_mean_length(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "respondent,score,vrij veld\nr1,4,Ik vertrouw mijn leidinggevende volledig.\nr2,2,Matig.\n",
        encoding="utf-8",
    )
    assert table_info(path, "m.csv").text_column == "vrij veld"


def test_explicit_columns_and_missing_ones(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("key,text,notes\nk1,De tekst.,Een notitie\n", encoding="utf-8")
    assert rows_of(path, text_column="notes", id_column="key") == [
        Row(row=1, text="Een notitie", doc_id="k1", meta={"key": "k1", "text": "De tekst."})
    ]
    with pytest.raises(ReadError) as info:
        read_rows(path, "e.csv", text_column="Tekst")
    assert info.value.kind == "missing-text"
    assert "'Tekst'" in str(info.value)
    assert "key, text, notes" in str(info.value)
    with pytest.raises(ReadError) as info:
        read_rows(path, "e.csv", id_column="id")
    assert "'id'" in str(info.value)
    assert "key, text, notes" in str(info.value)


def test_headers_are_cleaned_and_made_unique(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes("\ufeff text , ,score,score,\nHallo,x,1,2\n".encode())
    info = table_info(path, "h.csv")
    assert info.columns == ["text", "column_2", "score", "score_2", "column_5"]
    assert info.encoding == "utf-8-sig"
    assert rows_of(path)[0].meta == {"column_2": "x", "score": "1", "score_2": "2", "column_5": ""}


def test_blank_rows_keep_their_number(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("id;text\n1;een\n\n;\n4;twee\n", encoding="utf-8")
    assert [(r.row, r.text) for r in rows_of(path)] == [(1, "een"), (4, "twee")]
    assert count_rows(path, "b.csv") == 4


def test_long_csv_field(tmp_path):
    long = "vertrouwen " * 50_000  # beyond csv's default 131,072-character limit
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\n1,"{long}"\n2,kort\n', encoding="utf-8")
    assert [r.text for r in rows_of(path)] == [long, "kort"]


@pytest.mark.parametrize(
    ("name", "data"), [("empty.csv", b""), ("e.tsv", b""), ("e.jsonl", b""), ("blank.csv", b"\r\n\n")]
)
def test_an_empty_table_has_no_columns_and_no_rows(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    info = table_info(path, name)
    assert (info.columns, info.text_column) == ([], "")
    assert table_info(path, name, text_column="opmerking").text_column == "opmerking"
    assert rows_of(path, id_column="id") == []
    assert count_rows(path, name) == 0


def test_a_jsonl_table_with_rows_but_no_columns_is_an_error(tmp_path):
    path = tmp_path / "arrays.jsonl"
    path.write_text("[1, 2]\n[3]\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        table_info(path, "arrays.jsonl")
    assert info.value.kind == "missing-text"


def test_binary_csv(tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(random_bytes(9000))
    with pytest.raises(ReadError) as info:
        read_rows(path, "noise.csv")
    assert info.value.kind == "binary"


def test_whole_file_errors_are_raised_before_iteration(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ReadError):
        read_rows(path, "x.csv", text_column="text")


# ------------------------------------------------------------------ JSONL


def test_jsonl(tmp_path):
    path = tmp_path / "d.jsonl"
    lines = [
        json.dumps({"id": 1, "response": "Één keer vertrouwen.", "tags": ["a", "b"], "score": 2.5}),
        "",
        "{not json",
        json.dumps(["een", "lijst"]),
        json.dumps({"id": 2, "extra": {"x": "ë"}}),
        json.dumps({"id": 3, "response": None, "score": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    info = table_info(path, "d.jsonl")
    assert info == TableInfo(
        text_column="response", columns=["id", "response", "tags", "score", "extra"], encoding="utf-8"
    )
    got = rows_of(path, id_column="id")
    assert got[0] == Row(
        row=1,
        text="Één keer vertrouwen.",
        doc_id=1,
        meta={"id": 1, "tags": '["a", "b"]', "score": 2.5, "extra": None},
    )
    assert isinstance(got[1], ReadError)
    assert (got[1].kind, got[1].row) == ("malformed-row", 3)
    assert isinstance(got[2], ReadError)
    assert (got[2].kind, got[2].row) == ("malformed-row", 4)
    assert "not an object" in str(got[2])
    assert got[3] == Row(
        row=5, text="", doc_id=2, meta={"id": 2, "tags": None, "score": None, "extra": '{"x": "ë"}'}
    )
    assert got[4].text == ""
    assert got[4].row == 6
    assert count_rows(path, "d.jsonl") == 6


def test_a_jsonl_key_given_twice_is_a_malformed_row_not_a_silently_dropped_text(tmp_path):
    # json.loads keeps the last of repeated keys, so the first comment was lost without a word
    path = tmp_path / "twice.jsonl"
    path.write_text(
        '{"id": 1, "text": "I do not trust HR.", "text": "Great team."}\n'
        '{"id": 2, "text": "Fine.", "meta": {"a": 1, "a": 2}}\n'
        '{"id": 3, "text": "Management lies."}\n',
        encoding="utf-8",
    )
    got = rows_of(path, id_column="id")
    assert [(e.kind, e.row) for e in got[:2]] == [("malformed-row", 1), ("malformed-row", 2)]
    assert "'text' is given twice" in str(got[0])
    assert "'a' is given twice" in str(got[1])
    assert got[2].text == "Management lies."


def test_jsonl_nan_text_is_empty(tmp_path):
    path = tmp_path / "nan.jsonl"
    path.write_text('{"text": NaN}\n{"text": 12}\n', encoding="utf-8")
    assert [r.text for r in rows_of(path)] == ["", "12"]


def test_jsonl_missing_text_column(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"a": "x"}\n', encoding="utf-8")
    with pytest.raises(ReadError) as info:
        table_info(path, "m.jsonl", text_column="text")
    assert info.value.kind == "missing-text"
    assert "a" in info.value.detail


# ------------------------------------------------------------------ XLSX


def test_xlsx(tmp_path):
    when = dt.datetime(2024, 3, 1, 9, 30)
    path = write_xlsx(
        tmp_path / "d.xlsx",
        {
            1: ["id", "Toelichting", "datum", "cijfer"],
            2: [10, "Één keer per week overleg.", when, 7.5],
            3: [11, None, None, 3],
            # sheet row 4 is absent: skipped, but row numbers follow the sheet
            5: [12, "Naïef vertrouwen.", None, None],
        },
    )
    info = table_info(path, "d.xlsx")
    assert info == TableInfo(
        text_column="Toelichting", columns=["id", "Toelichting", "datum", "cijfer"], encoding=None
    )
    got = rows_of(path, id_column="id")
    assert got == [
        Row(
            row=1, text="Één keer per week overleg.", doc_id=10, meta={"id": 10, "datum": when, "cijfer": 7.5}
        ),
        Row(row=2, text="", doc_id=11, meta={"id": 11, "datum": None, "cijfer": 3}),
        Row(row=4, text="Naïef vertrouwen.", doc_id=12, meta={"id": 12, "datum": None, "cijfer": None}),
    ]
    assert count_rows(path, "d.xlsx") == 4


def test_xlsx_numbers_as_text(tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", {1: ["text"], 2: [42]})
    assert [r.text for r in rows_of(path)] == ["42"]


# ------------------------------------------------------------------ ranges and counts


def write_table(tmp_path: Path, suffix: str, n: int) -> Path:
    path = tmp_path / f"t{suffix}"
    texts = [f"Opmerking nummer {i} over vertrouwen." for i in range(1, n + 1)]
    if suffix == ".csv":
        path.write_text("id;text\n" + "".join(f"{i};{t}\n" for i, t in enumerate(texts, 1)), encoding="utf-8")
    elif suffix == ".tsv":
        path.write_text(
            "id\ttext\n" + "".join(f"{i}\t{t}\n" for i, t in enumerate(texts, 1)), encoding="utf-8"
        )
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts, 1)))
    else:
        write_xlsx(path, {1: ["id", "text"], **{i + 1: [i, t] for i, t in enumerate(texts, 1)}})
    return path


@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
def test_ranges_and_counts(tmp_path, suffix):
    path = write_table(tmp_path, suffix, 25)
    assert count_rows(path, "t") == 25
    whole = rows_of(path)
    assert [r.row for r in whole] == list(range(1, 26))
    parts = [rows_of(path, start=a, stop=b) for a, b in [(0, 10), (10, 20), (20, 30)]]
    assert [r.row for r in parts[1]] == list(range(11, 21))
    assert parts[1][0].text == "Opmerking nummer 11 over vertrouwen."
    assert [r for part in parts for r in part] == whole
    assert rows_of(path, start=24) == whole[24:]
    assert rows_of(path, start=5, stop=5) == []


def awkward_csv_lines(n: int, seed: int = 0) -> list[str]:
    """A header after blank lines, then rows with quoted line breaks, blank rows and too many fields."""
    rng = random.Random(seed)
    lines = ["", "id,text,team"]
    for i in range(n):
        roll = rng.random()
        if roll < 0.1:
            lines.append("")
        elif roll < 0.2:
            lines.append(f'{i},"over\ntwee ""regels"" {i}\neinde",A')
        elif roll < 0.25:
            lines.append(f"{i},te,veel,velden")
        else:
            lines.append(f"{i},Één opmerking {i},B")
    return lines


def awkward_jsonl_lines(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.1:
            lines.append("")
        elif roll < 0.15:
            lines.append("{kapot")
        elif roll < 0.18:
            lines.append("[1]")
        else:
            lines.append(json.dumps({"id": i, "text": f"tekst ë {i}", "extra": {"a": i}}, ensure_ascii=False))
    return lines


def as_comparable(items: list[Row | ReadError]) -> list:
    return [str(r) if isinstance(r, ReadError) else r for r in items]


@pytest.mark.parametrize(
    ("name", "encoding", "newline"),
    [
        ("bom.csv", "utf-8-sig", "\r\n"),
        ("ansi.csv", "cp1252", "\r\n"),
        ("wide.csv", "utf-16", "\n"),
        ("plain.csv", "utf-8", "\n"),
        ("rows.jsonl", "utf-8", "\n"),
        ("wide.jsonl", "utf-16", "\r\n"),
    ],
)
@pytest.mark.parametrize("every", [1, 3, 10])
def test_marks_start_ranges_exactly_where_reading_from_the_top_would(
    tmp_path, name, encoding, newline, every
):
    lines = awkward_jsonl_lines(97) if name.endswith(".jsonl") else awkward_csv_lines(103)
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    n, marks = scan_table(path, name, every)
    assert n == count_rows(path, name)
    assert [m.start for m in marks] == list(range(every, n + 1, every))
    whole = as_comparable(rows_of(path, id_column="id"))
    assert any(isinstance(r, str) for r in whole)  # malformed rows, with their line numbers
    at = {m.start: m for m in marks}
    pieces = []
    for start in range(0, n, every):
        pieces += as_comparable(
            rows_of(path, id_column="id", start=start, stop=start + every, mark=at.get(start))
        )
    assert pieces == whole


def test_a_mark_past_the_start_is_refused_and_xlsx_marks(tmp_path):
    path = write_table(tmp_path, ".csv", 30)
    _n, marks = scan_table(path, "t.csv", 10)
    with pytest.raises(ValueError, match="mark at row 20 cannot start a read at row 10"):
        rows_of(path, start=10, mark=marks[1])
    # an earlier mark is allowed: reading goes on from it to the start
    assert rows_of(path, start=15, stop=17, mark=marks[0]) == rows_of(path, start=15, stop=17)
    # an XLSX sheet is marked too (the unpacked byte where a row starts): ranges read linearly
    xlsx = write_table(tmp_path, ".xlsx", 30)
    n, xmarks = scan_table(xlsx, "t.xlsx", 10)
    assert (n, [m.start for m in xmarks]) == (30, [10, 20])
    assert rows_of(xlsx, start=20, mark=xmarks[1]) == rows_of(xlsx)[20:]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert scan_table(empty, "empty.csv", 10) == (0, [])


def test_range_includes_malformed_rows_by_their_number(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "a"}\nbad\n{"text": "c"}\n', encoding="utf-8")
    got = rows_of(path, start=1, stop=2)
    assert len(got) == 1
    assert isinstance(got[0], ReadError)
    assert got[0].row == 2


def test_stopping_early_closes_the_file(tmp_path):
    path = write_table(tmp_path, ".csv", 50)
    stream = read_rows(path, "t.csv")
    assert next(stream).row == 1
    stream.close()
    os.replace(path, tmp_path / "moved.csv")  # would fail on Windows if the handle were still open


@pytest.mark.parametrize("label", ["rot13", "hex", "no-such-codec", "utf-16"])
def test_html_meta_charset_that_cannot_apply(tmp_path, label):
    path = tmp_path / "odd.html"
    path.write_bytes(f'<meta charset="{label}"><p>Één € café</p>'.encode())
    doc = read_text_document(path, "odd.html")
    assert doc.encoding == "utf-8"
    assert "".join(doc.blocks) == "Één € café"


def test_text_blocks_keep_words_whole_and_prefer_sentence_ends():
    sentence = "Wij hebben geen vertrouwen in de directie. "
    text = sentence * 10 + "Een lange zin zonder einde " * 20 + "x" * 700
    blocks = list(text_blocks(text, limit=200))
    assert "".join(blocks) == text
    assert all(len(b) <= 200 for b in blocks)
    assert blocks[0].endswith("directie. ")  # a sentence end, not just the last space before 200
    assert all(b.endswith(" ") for b in blocks if "x" not in b)  # no word cut in two
    assert blocks[-4:] == ["x" * 200] * 3 + ["x" * 100]  # only a run without whitespace is cut hard
    assert list(text_blocks("")) == []


def test_xlsx_ranges_from_marks_equal_openpyxl(tmp_path):
    # big enough that marks fall far beyond the first unpacked chunk; gaps, blanks, dates, booleans
    when = dt.datetime(2021, 6, 30, 17, 45, 12)
    cells: dict[int, list] = {1: ["id", "opmerking", "datum", "akkoord", "score"]}
    for r in range(2, 6002):
        if r % 7 == 0:
            continue  # absent sheet rows
        if r % 11 == 0:
            cells[r] = [None, None, None, None, None]
            continue
        cells[r] = [r, f"Opmerking {r}: geen vertrouwen in de leiding, " * 3, when, r % 2 == 0, r / 8]
    path = write_xlsx(tmp_path / "big.xlsx", cells)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    expected = {}
    for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
        if number and any(v is not None for v in values):
            expected[number] = values
    workbook.close()
    whole = rows_of(path, id_column="id")
    got = {r.row: (r.doc_id, r.text, r.meta["datum"], r.meta["akkoord"], r.meta["score"]) for r in whole}
    assert got == {n: tuple(v[:5]) for n, v in expected.items()}
    n, marks = scan_table(path, "big.xlsx", 500)
    assert n == max(expected)
    assert [m.start for m in marks] == list(range(500, n, 500))
    at = {m.start: m for m in marks}
    pieces = []
    for start in range(0, n, 500):
        pieces += rows_of(path, id_column="id", start=start, stop=start + 500, mark=at.get(start))
    assert pieces == whole


def test_xlsx_written_by_other_tools(tmp_path):
    # inline strings, rich text runs with a phonetic guide, cells and rows without references,
    # an error value, a formula's cached result, a 1904 date system: as other writers produce them
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (
        f'<x:worksheet xmlns:x="{ns}"><x:sheetData>'
        '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>text</x:t></x:is></x:c>'
        '<x:c t="inlineStr"><x:is><x:t>when</x:t></x:is></x:c></x:row>'
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c s="1"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="B4" t="e"><x:v>#N/A</x:v></x:c><x:c r="A4" t="str"><x:f>A1</x:f>'
        "<x:v>Geen controle.</x:v></x:c></x:row>"
        "</x:sheetData></x:worksheet>"
    )
    shared = (
        f'<sst xmlns="{ns}"><si><r><t>Geen </t></r><r><t>vertrouwen.</t></r><rPh><t>NIET</t></rPh></si></sst>'
    )
    styles = f'<styleSheet xmlns="{ns}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    workbook = (
        f'<workbook xmlns="{ns}" xmlns:r="{rel}"><workbookPr date1904="1"/>'
        '<sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId7" Target="/xl/worksheets/data.xml" Type="x"/></Relationships>'
    )
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/worksheets/data.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/styles.xml", styles)
    rows = rows_of(path, text_column="text")
    assert [(r.row, r.text) for r in rows] == [(1, "Geen vertrouwen."), (3, "Geen controle.")]
    assert rows[0].meta["when"] == dt.datetime(1904, 1, 2)
    assert rows[1].meta["when"] == "#N/A"


@pytest.mark.parametrize(
    ("name", "encoding", "newline"), [("x.csv", "utf-8-sig", "\r\n"), ("x.tsv", "cp1252", "\n")]
)
def test_excel_sep_hint_names_the_delimiter_and_is_no_header(tmp_path, name, encoding, newline):
    # Excel's "sep=;" first line: the delimiter, not the header; line numbers in messages still count it
    lines = ["sep=;", "id;opmerking", "101;Geen vertrouwen in de directie.", "102;a;b;c"]
    lines += [f"{i};Wij vertrouwen elkaar, zegt é{i}." for i in range(103, 110)]
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    info = table_info(path, name)
    assert (info.columns, info.text_column) == (["id", "opmerking"], "opmerking")
    whole = rows_of(path, id_column="id")
    assert whole[0] == Row(row=1, text="Geen vertrouwen in de directie.", doc_id="101", meta={"id": "101"})
    assert isinstance(whole[1], ReadError)
    assert (whole[1].row, "line 4:" in str(whole[1])) == (2, True)
    assert [r.doc_id for r in whole[2:]] == [str(i) for i in range(103, 110)]
    n, marks = scan_table(path, name, 3)
    assert n == count_rows(path, name) == 9
    at = {m.start: m for m in marks}
    pieces = []
    for start in range(0, n, 3):
        pieces += rows_of(path, id_column="id", start=start, stop=start + 3, mark=at.get(start))
    assert as_comparable(pieces) == as_comparable(whole)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".xlsx"])
def test_a_header_repeating_the_text_column_is_an_error_naming_file_and_columns(tmp_path, suffix):
    # two columns called "text": scoring only the first would lose the second without a word
    header, row = ["id", "text", "score", "text"], ["1", "Ik vertrouw je.", "4", "Ik vertrouw ze niet."]
    path = tmp_path / f"dup{suffix}"
    if suffix == ".xlsx":
        write_xlsx(path, {1: header, 2: row})
    else:
        sep = "\t" if suffix == ".tsv" else ","
        path.write_text(f"{sep.join(header)}\n{sep.join(row)}\n", encoding="utf-8")
    for named in (None, "text"):
        with pytest.raises(ReadError) as info:
            table_info(path, path.name, named)
        assert info.value.kind == "repeated-text"
        assert str(info.value).startswith(f"dup{suffix}: ")
        assert "'text' 2 times (columns 2 and 4)" in str(info.value)
    # naming one of the repeats (read as text_2) chooses it
    assert table_info(path, path.name, "text_2").text_column == "text_2"
    assert [r.text for r in read_rows(path, path.name, "text_2")] == ["Ik vertrouw ze niet."]


def test_text_columns_that_differ_only_in_case_are_an_error_unless_one_is_named(tmp_path):
    # "Text" and "text": detection took the first and the second rode along unscored, without a word
    path = tmp_path / "case.csv"
    path.write_text("id,Text,score,text\n1,Ik vertrouw je.,4,Ik vertrouw ze niet.\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        table_info(path, path.name, None)
    assert info.value.kind == "repeated-text"
    assert str(info.value).startswith("case.csv: ")
    assert "2 columns that differ only in case ('Text', 'text') (columns 2 and 4)" in str(info.value)
    # a column the user names is chosen, as before
    assert table_info(path, path.name, "text").text_column == "text"
    assert [r.text for r in read_rows(path, path.name, "text")] == ["Ik vertrouw ze niet."]
