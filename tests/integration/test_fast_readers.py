"""The fast readers (selectolax, python-calamine, pypdfium2) give what the plain readers give.

Every HTML rule of the plain reader is tested on both back ends with the
exact text expected; every HTML, XLSX and PDF file the tests write, the
shipped samples and the shared corpora's HTML and PDF files (when there) are
read by both and compared; hostile files fail the same way on both. The
speed is measured by ``benchmarks/folder.py``, not here.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from formats import write_pdf, write_xlsx

from trustlex.errors import ReadError
from trustlex.readers import read_rows, read_text_document, scan_table, table_info
from trustlex.readers.backends import installed_backends, readers_setting, use_readers
from trustlex.readers.fast_html import fast_visible_text
from trustlex.readers.fast_xlsx import PLAIN_HEAD
from trustlex.readers.html import FAST_HTML_MAX_BYTES
from trustlex.readers.registry import table_reader

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpora"  # the shared corpora next to the checkout, when there
INSTALLED = installed_backends()


def backends(fmt: str) -> list:
    """``plain`` and ``fast``; ``fast`` skipped only without its library (a wheel without extras)."""
    missing = pytest.mark.skipif(not INSTALLED[fmt], reason=f"the fast {fmt} library is not installed")
    return ["plain", pytest.param("fast", marks=missing)]


NEEDS = {
    fmt: pytest.mark.skipif(not INSTALLED[fmt], reason=f"the fast {fmt} library is not installed")
    for fmt in INSTALLED
}


def text(path: Path, setting: str) -> str:
    with use_readers(setting):
        return "".join(read_text_document(path, path.name).blocks)


def both(path: Path) -> tuple[str, str]:
    return text(path, "plain"), text(path, "fast")


def page(tmp_path: Path, html: str, name: str = "p.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


# ---------------------------------------------------------------- choosing the back end


def test_the_setting_comes_from_use_readers_else_the_environment(monkeypatch):
    monkeypatch.delenv("TRUSTLEX_READERS", raising=False)
    assert readers_setting() == "auto"
    monkeypatch.setenv("TRUSTLEX_READERS", "plain")
    assert readers_setting() == "plain"
    with use_readers("auto"):
        assert readers_setting() == "auto"
    assert readers_setting() == "plain"
    monkeypatch.setenv("TRUSTLEX_READERS", "quick")
    with pytest.raises(ValueError, match="TRUSTLEX_READERS is 'quick'"):
        readers_setting()
    with pytest.raises(ValueError, match="readers setting 'turbo'"), use_readers("turbo"):
        pass


def test_plain_in_the_environment_reaches_a_fresh_process(tmp_path):
    code = (
        "from trustlex.readers.backends import fast_backend; print(fast_backend('html'), fast_backend('pdf'))"
    )
    env = {**os.environ, "TRUSTLEX_READERS": "plain", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "False"]


WITHOUT_EXTRAS = """
import sys
for name in ("selectolax", "selectolax.lexbor", "python_calamine", "pypdfium2"):
    sys.modules[name] = None  # as in a wheel installed without the fast extra
from trustlex.readers import read_text_document
from trustlex.readers.backends import fast_backend, installed_backends, use_readers
print(sorted(k for k, v in installed_backends().items() if v))
print("".join(read_text_document(sys.argv[1], "p.html").blocks))
try:
    with use_readers("fast"):
        fast_backend("html")
except RuntimeError as exc:
    print(exc)
"""


def test_without_the_extra_the_plain_readers_read_and_fast_is_refused(tmp_path):
    path = page(tmp_path, "<h1>Kop</h1><p>Geen vertrouwen.</p>")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TRUSTLEX_READERS", None)
    run = [sys.executable, "-c", WITHOUT_EXTRAS, str(path)]
    out = subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout.splitlines()
    refused = "fast html reading needs selectolax: pip install 'trustlex[fast]'"
    assert out == ["[]", "Kop", "", "Geen vertrouwen.", refused]


# ---------------------------------------------------------------- HTML: each rule on both back ends


RULES = [
    (  # skipped elements: the head, scripts, styles, noscript, templates, titles anywhere
        "<html><head><title>Titel</title><style>p{}</style><script>var x = 1;</script></head>"
        "<body><script>geheim()</script><p>Zichtbaar.</p><noscript>Zet scripts aan</noscript>"
        "<template><p>sjabloon</p></template><svg><title>icoon</title></svg><style>.a{}</style></body></html>",
        "Zichtbaar.",
    ),
    (  # block elements end paragraphs; inline ones do not; navigation is text too
        "<nav><ul><li>Home<li>Nieuws</ul></nav><h1>Kop</h1><p>Een <b>vet</b> en <i>schuin</i> woord.</p>"
        "<div>blok<section>sectie</section>na</div><table><tr><th>k</th><td>cel 1<td>cel 2</table>"
        "<aside>opzij</aside><footer>voet</footer>",
        "Home\n\nNieuws\n\nKop\n\nEen vet en schuin woord.\n\nblok\n\nsectie\n\nna\n\nk\n\ncel 1\n\ncel 2"
        "\n\nopzij\n\nvoet",
    ),
    (  # <br> is a line break inside its block, not a paragraph
        "<p>regel een<br>regel twee<br/><br>regel drie</p>",
        "regel een\nregel twee\nregel drie",
    ),
    (  # source line breaks and runs of spaces are one space; <pre> keeps its lines
        "<p>een\n  twee\tdrie\u00a0 vier</p><pre>\nregel 1\n    regel 2\n</pre><p>x\r\ny</p>",
        "een twee drie vier\n\nregel 1\nregel 2\n\nx y",
    ),
    (  # entities and character references, with and without the semicolon
        "<p>&amp; &lt;b&gt; caf&eacute; &#235; &#x20AC; &euro; &copy 2026 &nbsp;x &#128; &#0;</p>",
        "& <b> café ë € € © 2026 x € \ufffd",
    ),
    (  # attributes and comments are never text
        '<p title="geen vertrouwen" data-x="y">tekst<img alt="plaatje"></p><!-- opmerking --><p>meer</p>',
        "tekst\n\nmeer",
    ),
    (  # malformed: unclosed paragraphs and items, misnested inline tags, capitals, stray end tags
        "<P>een<p>twee<DIV>drie</div><b><i>vier</b></i></p></p><ul><li>vijf<li>zes</ul></span>zeven",
        "een\n\ntwee\n\ndrie\n\nvier\n\nvijf\n\nzes\n\nzeven",
    ),
    (  # a head left open ends at the first body element, as in a browser
        "<html><head><title>T</title><meta charset='utf-8'><p>Zichtbaar.</p></html>",
        "Zichtbaar.",
    ),
    (  # a page without any markup is one paragraph
        "Alleen tekst, zonder opmaak.\nTweede regel.",
        "Alleen tekst, zonder opmaak. Tweede regel.",
    ),
]


@pytest.mark.parametrize("setting", backends("html"))
@pytest.mark.parametrize(("html", "expected"), RULES)
def test_html_rules_hold_on_both_back_ends(tmp_path, setting, html, expected):
    assert text(page(tmp_path, html), setting) == expected


@pytest.mark.parametrize("setting", backends("html"))
def test_a_nul_in_the_text_is_a_space_on_both_back_ends(tmp_path, setting):
    # a NUL only gets past the binary check in UTF-16; the plain reader's block marker never leaks
    path = tmp_path / "nul.html"
    path.write_bytes("\ufeff<p>een\x00twee</p><p>drie</p>".encode("utf-16-le"))
    assert text(path, setting) == "een twee\n\ndrie"


FALLBACKS = [
    "<html><body><p>binnen</p>tekst</body>na de body</html>",  # a tree would move "na de body" in
    "<p>a</p><iframe><p>terugval</p></iframe>",  # raw text to lexbor, markup to the plain parser
    "<p>a</p><textarea><b>vet</b> invoer</textarea>",
    "<p>een\x01twee\x03drie</p>",  # the fast reader's own marker characters
]


@NEEDS["html"]
@pytest.mark.parametrize("html", FALLBACKS)
def test_pages_a_tree_would_read_differently_give_the_plain_text(tmp_path, html):
    plain, fast = both(page(tmp_path, html))
    assert fast == plain
    assert plain  # and there is text to compare


@pytest.mark.parametrize("setting", backends("html"))
def test_html_encodings_on_both_back_ends(tmp_path, setting):
    cp = tmp_path / "oud.html"
    cp.write_bytes('<meta charset="iso-8859-1"><p>Één € café</p>'.encode("cp1252"))
    wide = tmp_path / "breed.html"
    wide.write_bytes("\ufeff<p>Één € café</p>".encode("utf-16-le"))
    guessed = tmp_path / "geraden.html"
    guessed.write_bytes("<p>Één € café, naïef</p>".encode("cp1252"))
    liar = tmp_path / "leugen.html"
    liar.write_bytes('<meta charset="utf-8"><p>Één € café</p>'.encode("cp1252"))
    with use_readers(setting):
        docs = {p.name: read_text_document(p, p.name) for p in (cp, wide, guessed, liar)}
        texts = {name: "".join(doc.blocks) for name, doc in docs.items()}
    assert texts == {
        "oud.html": "Één € café",
        "breed.html": "Één € café",
        "geraden.html": "Één € café, naïef",
        "leugen.html": "Één € café",
    }
    assert docs["oud.html"].encoding == "cp1252"
    assert docs["breed.html"].encoding == "utf-16"


@pytest.mark.parametrize("setting", backends("html"))
def test_utf8_bytes_win_over_a_single_byte_meta_charset_with_a_note(tmp_path, setting):
    saved = tmp_path / "cms.html"  # saved as UTF-8, its meta a leftover
    saved.write_bytes('<meta charset="windows-1252"><p>Wij worden niet geïnformeerd.</p>'.encode())
    ascii_only = tmp_path / "ascii.html"  # nothing to tell the codecs apart: the meta stands
    ascii_only.write_bytes(b'<meta charset="iso-8859-1"><p>Plain words.</p>')
    with use_readers(setting):
        docs = {p.name: read_text_document(p, p.name) for p in (saved, ascii_only)}
        texts = {name: "".join(doc.blocks) for name, doc in docs.items()}
    assert texts == {"cms.html": "Wij worden niet geïnformeerd.", "ascii.html": "Plain words."}
    assert (docs["cms.html"].encoding, docs["cms.html"].note) == (
        "utf-8",
        "<meta charset> says 'windows-1252' but the bytes are UTF-8: read as UTF-8",
    )
    assert (docs["ascii.html"].encoding, docs["ascii.html"].note) == ("cp1252", None)


@pytest.mark.parametrize("setting", backends("html"))
def test_deep_and_wide_html_reads_on_both_back_ends(tmp_path, setting):
    deep = page(tmp_path, "<div>" * 100_000 + "Diep geen vertrouwen." + "</div>" * 100_000, "deep.html")
    wide = page(tmp_path, "".join(f"<p>Zin {i}.</p>" for i in range(50_000)), "wide.html")
    assert text(deep, setting) == "Diep geen vertrouwen."
    assert text(wide, setting).split("\n\n") == [f"Zin {i}." for i in range(50_000)]


@NEEDS["html"]
def test_a_page_nested_too_deep_for_lexbor_goes_to_the_plain_reader():
    # lexbor's tree building is quadratic in depth (100,000 nested divs: 12 s against the plain 1 s)
    blocks = frozenset({"div", "p"})
    deep = "<div>" * 20_000 + "Diep." + "</div>" * 20_000
    assert fast_visible_text(deep, blocks) is None
    shallow = "<div>" * 500 + "Diep." + "</div>" * 500
    assert fast_visible_text(shallow, blocks) == "Diep."
    wide = "".join(f"<p>Zin {i}.</p>" for i in range(50_000))  # many elements, never deep
    assert fast_visible_text(wide, blocks) is not None


@NEEDS["html"]
@pytest.mark.slow
def test_html_over_the_fast_size_limit_is_streamed_and_reads_the_same(tmp_path):
    path = tmp_path / "groot.html"
    para = "<p>" + "Er is geen vertrouwen in de directie. " * 40 + "</p>\n"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(FAST_HTML_MAX_BYTES // len(para) + 10):
            fh.write(para)
    assert path.stat().st_size > FAST_HTML_MAX_BYTES
    plain, fast = both(path)
    assert fast == plain
    assert plain.count("geen vertrouwen") == 40 * (FAST_HTML_MAX_BYTES // len(para) + 10)


HTML_SHARED = sorted(SHARED.rglob("*.htm*")) if SHARED.is_dir() else []
PDF_SHARED = sorted(SHARED.rglob("*.pdf")) if SHARED.is_dir() else []


@NEEDS["html"]
@pytest.mark.parametrize("path", sorted(ROOT.glob("samples/*.htm*")) + HTML_SHARED, ids=lambda p: p.name)
def test_sample_and_corpus_html_gives_the_same_text(path):
    plain, fast = both(path)
    assert plain
    assert fast == plain


# ---------------------------------------------------------------- PDF


def pages_words(text: str) -> list[list[str]]:
    return [page.split() for page in text.split("\n\n")]


DUTCH = "Ik heb geen vertrouwen in de directie. Één keer per week. Wij zijn naïef, zegt hé."


@NEEDS["pdf"]
def test_pdfs_the_tests_write_give_the_same_text(tmp_path):
    pages = [DUTCH, "Tweede pagina: geen controle. " * 40, "", "Auteurs- en naburige rechten, " * 30]
    from fpdf import FPDF

    multi = tmp_path / "multi.pdf"
    pdf = FPDF()
    for body in pages:
        pdf.add_page()
        if body:
            pdf.set_font("Helvetica", size=12)
            pdf.multi_cell(0, 10, body)
    pdf.output(str(multi))
    simple = write_pdf(tmp_path / "simple.pdf", [DUTCH + " Geen controle. Wel vertrouwen."])
    for path in (multi, simple):
        plain, fast = both(path)
        assert "geen vertrouwen" in plain
        assert fast == plain


@NEEDS["pdf"]
def test_pdf_with_lines_ending_in_a_hyphen_keeps_them(tmp_path):
    # PDFium reports a hyphen ending a line as U+FFFE; it is turned back into the hyphen and line break
    words = " ".join(f"auteurs- en naburige rechten {i}" for i in range(200))
    path = write_pdf(tmp_path / "streep.pdf", [words])
    plain, fast = both(path)
    assert pages_words(fast) == pages_words(plain)
    assert "auteursen" not in fast


@NEEDS["pdf"]
def test_corpus_pdfs_and_a_long_one_give_the_same_words_page_by_page(tmp_path):
    # the shared corpora hold no PDF today: a long many-page one written here is always compared
    from fpdf import FPDF

    long = tmp_path / "lang.pdf"
    pdf = FPDF()
    for i in range(12):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, f"{DUTCH} Pagina {i}. " * 25)
    pdf.output(str(long))
    for path in [*PDF_SHARED, long]:
        plain, fast = both(path)
        assert plain.strip(), path.name
        assert pages_words(fast) == pages_words(plain), path.name


@pytest.mark.parametrize("setting", backends("pdf"))
def test_hostile_pdfs_fail_the_same_way(tmp_path, setting):
    full = write_pdf(tmp_path / "heel.pdf", [DUTCH]).read_bytes()
    cut = tmp_path / "half.pdf"
    cut.write_bytes(full[: len(full) // 2])
    noise = tmp_path / "ruis.pdf"
    noise.write_bytes(bytes(range(256)) * 40)
    secret = tmp_path / "geheim.pdf"
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="eigenaar", user_password="geheim")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 10, "Geheim.")
    pdf.output(str(secret))
    found = {}
    with use_readers(setting):
        for path in (cut, noise, secret):
            with pytest.raises(ReadError) as info:
                "".join(read_text_document(path, f"in/{path.name}").blocks)
            assert info.value.path == f"in/{path.name}"
            found[path.name] = info.value.kind
    assert found == {"half.pdf": "corrupt", "ruis.pdf": "corrupt", "geheim.pdf": "encrypted"}


# ---------------------------------------------------------------- XLSX


def records(path: Path, setting: str) -> tuple[list[str], list]:
    with use_readers(setting), table_reader(".xlsx").open(path, path.name, None, None) as (cols, _enc, recs):
        return cols, [r for r in recs if r[1] is not None]


@NEEDS["xlsx"]
def odd_cells(sheet, top: int) -> None:
    """Values of every kind, sparse rows, a gap and a late column, from sheet row ``top`` on."""
    rows = [
        [1, "Geen vertrouwen.", None, dt.datetime(2024, 5, 1, 13, 30, 15, 123000), "dubbel"],
        [],
        [2.5, "Wel.", True, dt.date(2020, 1, 1)],
        [3.0, None, "x", dt.time(12, 0), None, None, "verder"],
        [None, None, None, dt.timedelta(hours=30)],
        [123456789012, 10**20, None, dt.datetime(1900, 2, 10), -0.5],
        [None, None, "laat"],
    ]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(row=top + offset, column=column, value=value)
    sheet.cell(row=top + len(rows) + 2, column=1, value="na een gat")


def test_xlsx_the_tests_write_give_the_same_rows(tmp_path):
    small = write_xlsx(
        tmp_path / "a.xlsx", ["id", "text", "score"], [[1, "Geen vertrouwen.", 2.5], [2, "Goed.", 3]]
    )
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "tekst", None, "wanneer", "tekst"])
    odd_cells(sheet, 2)  # read by the plain reader on both back ends (the head)
    for row in range(20, PLAIN_HEAD + 20):
        sheet.cell(row=row, column=2, value=f"Zin {row}.")
    late = PLAIN_HEAD + 30
    odd_cells(sheet, late)  # read by calamine on the fast back end
    sheet.cell(row=late + 20, column=1, value="rij")
    sheet.cell(row=late + 20, column=2, value="")  # an empty string: "" to the plain reader, None to calamine
    mixed = tmp_path / "b.xlsx"
    book.save(mixed)
    assert records(small, "fast") == records(small, "plain")
    plain, fast = records(mixed, "plain"), records(mixed, "fast")
    assert fast[0] == plain[0] == ["id", "tekst", "column_3", "wanneer", "tekst_2"]
    assert len(plain[1]) == PLAIN_HEAD + 2 * 7 + 1
    last = late + 19  # data row number of the empty string's row
    assert dict(plain[1])[last]["tekst"] == ""
    assert dict(fast[1])[last]["tekst"] is None  # the one documented difference: calamine read this row
    blank = {k: (None if v == "" else v) for k, v in dict(plain[1])[last].items()}
    assert fast[1] == [(n, blank) if n == last else (n, r) for n, r in plain[1]]


@NEEDS["xlsx"]
def test_xlsx_row_api_and_ranges_agree_on_both_back_ends(tmp_path):
    rows = [[i, f"Zin {i}: geen vertrouwen." if i % 3 else "", f"team {i % 4}"] for i in range(1, 6001)]
    path = write_xlsx(tmp_path / "lang.xlsx", ["id", "comment", "team"], rows)
    out = {}
    for setting in ("plain", "fast"):
        with use_readers(setting):
            info = table_info(path, "lang.xlsx")
            n, marks = scan_table(path, "lang.xlsx", 500)
            whole = list(read_rows(path, "lang.xlsx", id_column="id"))
            ranged = []
            at = {m.start: m for m in marks}
            for start in range(0, n, 500):
                ranged += read_rows(
                    path, "lang.xlsx", id_column="id", start=start, stop=start + 500, mark=at.get(start)
                )
            assert ranged == whole
            out[setting] = (info, n, marks, whole)
    assert out["fast"] == out["plain"]
    assert out["plain"][1] == 6000


@NEEDS["xlsx"]
def test_an_xlsx_without_content_types_is_read_by_the_plain_reader(tmp_path):
    # calamine needs [Content_Types].xml; other writers leave it out, and the plain reader copes
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    path = tmp_path / "kaal.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/s.xml" Type="x"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/s.xml",
            f'<worksheet xmlns="{ns}"><sheetData><row r="1"><c t="inlineStr"><is><t>text</t></is></c></row>'
            + "".join(
                f'<row r="{r}"><c t="inlineStr"><is><t>Zin {r}.</t></is></c></row>' for r in range(2, 3002)
            )
            + "</sheetData></worksheet>",
        )
    expected = (["text"], [(r - 1, {"text": f"Zin {r}."}) for r in range(2, 3002)])
    assert records(path, "fast") == records(path, "plain") == expected


def sheet_bomb(path: Path, megabytes: int, rows: int = 0) -> Path:
    """A valid workbook whose sheet (``rows`` rows, then ``megabytes`` of blank) unpacks past the limit."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/s.xml" Type="x"/></Relationships>',
        )
        with archive.open("xl/worksheets/s.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{ns}"><sheetData>'.encode())
            for r in range(1, rows + 1):
                sheet.write(f'<row r="{r}"><c t="inlineStr"><is><t>Zin {r}.</t></is></c></row>'.encode())
            blank = b" " * (1 << 20)
            for _ in range(megabytes):
                sheet.write(blank)
            sheet.write(b"</sheetData></worksheet>")
    return path


@pytest.mark.parametrize("setting", backends("xlsx"))
def test_hostile_xlsx_fail_the_same_way(tmp_path, setting):
    bomb = sheet_bomb(tmp_path / "bom.xlsx", 40)
    assert bomb.stat().st_size < 1_000_000
    noise = tmp_path / "ruis.xlsx"
    noise.write_bytes(bytes(range(256)) * 40)
    good = write_xlsx(tmp_path / "goed.xlsx", ["text"], [["Geen vertrouwen."]]).read_bytes()
    cut = tmp_path / "half.xlsx"
    cut.write_bytes(good[: len(good) // 2])
    found = {}
    with use_readers(setting):
        for path in (bomb, noise, cut):
            with pytest.raises(ReadError) as info:
                table_info(path, f"in/{path.name}")
            assert info.value.path == f"in/{path.name}"
            found[path.name] = info.value.kind
        # rows first, the bomb after them: past the plain head, where calamine would take over
        late = sheet_bomb(tmp_path / "laat.xlsx", 40, rows=PLAIN_HEAD + 100)
        with pytest.raises(ReadError) as info:
            list(read_rows(late, "in/laat.xlsx"))
        assert (info.value.kind, info.value.path) == ("too-large", "in/laat.xlsx")
    assert found == {"bom.xlsx": "too-large", "ruis.xlsx": "corrupt", "half.xlsx": "corrupt"}
