"""Write real documents of every supported format for the tests: DOCX by hand, XLSX and PDF with libraries."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """Write a minimal valid Word document with one paragraph per string."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """Write a workbook whose first sheet holds ``header`` and ``rows``."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_pdf(
    path: Path,
    lines: list[str],
    *,
    size: float = 11,
    gap: float = 0,
    heading: float | None = None,
) -> Path:
    """Write a PDF with a text layer (latin-1 text in a core font): one paragraph per string.

    Each paragraph wraps at the right margin; ``gap`` millimetres of space
    follow it; ``heading`` is the font size of the first string (a title).
    """
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i, line in enumerate(lines):
        points = heading if heading is not None and i == 0 else size
        pdf.set_font("Helvetica", size=points)
        pdf.multi_cell(0, points * 0.55, line, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)
    pdf.output(str(path))
    return path


# A survey CSV whose line 7 opens a quote that no line closes (an exploratory user test's file).
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
