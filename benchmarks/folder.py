"""Folder scoring: words per second with 1 and 2 workers, against score_texts, and peak memory.

Usage: python benchmarks/folder.py [--corpora ../shared/corpora] [--words 600000]
       [--big-mb 40] [--big-rows 100000] [--skip-big] [--readers-only] [--docs]

Writes a folder of real documents (Dutch regulations and English reviews
from the shared corpora, one .txt file per document, about --words words)
to a temporary directory and, each in a fresh process, times:

- ``trustlex.score_texts`` on the same texts (reading them included; the baseline);
- ``trustlex.score_folder(FOLDER, out="X.csv", workers=1)``: reading, tagging,
  writing parts and the output, as ``trustlex score --out`` does;
- the same with ``workers=2`` (starting the worker processes included).

Each process loads both languages' pipelines before the clock starts.

It prints words/s, the 2-worker speed-up and the 1-worker ratio to
score_texts, each best of three alternating runs (``--rounds``). Then it builds one text
file of --big-mb megabytes and one CSV of --big-rows rows and prints the
peak resident memory (maxrss) of ``trustlex score`` on each. Last, the same
--xlsx-rows rows as CSV and as XLSX, each scored in a fresh process (best of
two), and the ratio XLSX / CSV (target: at most 1.5). Then the readers side
by side in one process, plain against fast (selectolax, python-calamine,
pypdfium2: the ``fast`` extra): HTML MB/s on one page built from the texts,
XLSX rows/s reading the --xlsx-rows sheet whole, PDF words/s on 200 pages
written with fpdf2, and whether both give the same text; and CSV rows/s on
the same rows as the XLSX (one reader). --readers-only runs
just that part.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPORA = ("nl-regelgeving/nl-regelgeving.jsonl", "en-glassdoor-2025/en-glassdoor-2025.jsonl")


def build_folder(corpora: Path, folder: Path, words: int) -> int:
    """Write about ``words`` words of corpus documents as .txt files; return the word count."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for rel in CORPORA:
        budget = words // len(CORPORA)
        got = 0
        with (corpora / rel).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                text = json.loads(line)["text"]
                (folder / f"{Path(rel).parent.name}-{i:05d}.txt").write_text(text, encoding="utf-8")
                got += len(text.split())
                if got >= budget:
                    break
        total += got
    return total


def child(mode: str, folder: str, out: str) -> None:
    """Run in a fresh process: load both pipelines, then time one way of scoring the folder."""
    import trustlex

    trustlex.score_texts(["Wij vertrouwen de directie.", "We trust the board."], lang="auto")  # loading
    if mode == "score_texts":
        t0 = time.perf_counter()
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
        trustlex.score_texts(texts, lang="auto", level="doc")
    else:
        t0 = time.perf_counter()
        trustlex.score_folder(folder, out, level="doc", workers=int(mode), force=True, progress=False)
    print(json.dumps({"seconds": time.perf_counter() - t0}))


def run_child(mode: str, folder: Path, out: Path) -> float:
    cmd = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--out", str(out)]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])["seconds"]


def peak_memory(path: Path, out: Path) -> tuple[float, float]:
    """Return (seconds, peak MB) of ``trustlex score`` on one big input, measured by the child itself."""
    code = (
        "import resource, sys, time, trustlex\n"
        "t = time.perf_counter()\n"
        f"r = trustlex.score_folder({str(path)!r}, {str(out)!r}, force=True, progress=False)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, r.words)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    seconds, mb, words = res.stdout.split()
    print(f"  {path.name:24} {int(words):>11,} words {float(seconds):7.1f} s   peak {float(mb):6.0f} MB")
    return float(seconds), float(mb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument("--words", type=int, default=600_000)
    parser.add_argument("--big-mb", type=int, default=40)
    parser.add_argument("--big-rows", type=int, default=100_000)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--xlsx-rows", type=int, default=40_000)
    parser.add_argument(
        "--rounds", type=int, default=3, help="fresh processes per figure (best of); CSV/XLSX one fewer"
    )
    parser.add_argument("--readers-only", action="store_true", help="only the plain-against-fast readers")
    parser.add_argument(
        "--docs",
        "--readme",
        dest="docs",
        action="store_true",
        help="rewrite docs/benchmarks.md's folder and readers blocks (--readers-only: the readers block)",
    )
    parser.add_argument("--child")
    parser.add_argument("--folder")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder, args.out)
        return
    if not args.corpora.is_dir():
        sys.exit(f"corpora folder {args.corpora} not found; pass --corpora PATH (the shared corpora)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from accuracy import Tee, write_block

    out, readers_out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(Tee(sys.stdout, out)):
        run(args, readers_out)
    if args.docs:
        if not args.readers_only:
            write_block("folder", out.getvalue().rstrip())
        if readers_out.getvalue():
            write_block("readers", readers_out.getvalue().rstrip())


def run(args: argparse.Namespace, readers_out: io.StringIO) -> None:
    """Build the folders and print every measurement (the readers' into ``readers_out`` too)."""
    from accuracy import Tee  # benchmarks/ is on the path (main)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folder = tmp_path / "docs"
        words = build_folder(args.corpora, folder, args.words)
        if args.readers_only:
            with contextlib.redirect_stdout(Tee(sys.__stdout__, readers_out)):
                readers_only(folder, tmp_path / "sheets", args.xlsx_rows)
            return
        n_files = len(list(folder.glob("*.txt")))
        times: dict[str, list[float]] = {"score_texts": [], "workers=1": [], "workers=2": []}
        for _ in range(args.rounds):
            times["score_texts"].append(run_child("score_texts", folder, tmp_path / "st.csv"))
            times["workers=1"].append(run_child("1", folder, tmp_path / "w1.csv"))
            times["workers=2"].append(run_child("2", folder, tmp_path / "w2.csv"))
        same = (tmp_path / "w1.csv").read_bytes() == (tmp_path / "w2.csv").read_bytes()
        best = {k: min(v) for k, v in times.items()}
        print(f"folder: {n_files} .txt files, {words:,} words (nl regulations + en reviews)")
        for name, seconds in best.items():
            print(f"  {name:12} {words / seconds:12,.0f} words/s  ({seconds:.2f} s)")
        print(f"2 workers / 1 worker:      {best['workers=1'] / best['workers=2']:.2f}  (target >= 1.6)")
        print(f"1 worker / score_texts:    {best['score_texts'] / best['workers=1']:.2f}  (target >= 0.8)")
        print(f"outputs of 1 and 2 workers identical: {same}")
        if args.skip_big:
            return
        print("peak memory on big inputs (target: well under 1 GB)")
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        big = tmp_path / "big" / "big.txt"
        big.parent.mkdir()
        with big.open("w", encoding="utf-8") as fh:
            written, i = 0, 0
            while written < args.big_mb * 1_000_000:
                chunk = texts[i % len(texts)] + "\n\n"
                fh.write(chunk)
                written += len(chunk.encode("utf-8"))
                i += 1
        peak_memory(big, tmp_path / "big.csv")
        table = tmp_path / "table" / "comments.csv"
        table.parent.mkdir()
        short = [t for t in texts if len(t) < 2000] or texts
        import csv

        with table.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["respondent", "comment"])
            for r in range(args.big_rows):
                writer.writerow([r, short[r % len(short)]])
        peak_memory(table, tmp_path / "table.csv")
        xlsx_against_csv(short, tmp_path / "sheets", args.xlsx_rows, max(1, args.rounds - 1))
        # its own block of docs/benchmarks.md (--docs): --readers-only rewrites just that one
        with contextlib.redirect_stdout(Tee(sys.__stdout__, readers_out)):
            readers_side_by_side(texts, tmp_path / "sheets", args.xlsx_rows)


def readers_only(folder: Path, sheets: Path, rows: int) -> None:
    """Write the XLSX of --xlsx-rows rows and run only the readers side by side."""
    import openpyxl

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    short = [t for t in texts if len(t) < 2000] or texts
    sheets.mkdir()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["id", "comment", "team"])
    for r in range(rows):
        sheet.append([r, short[r % len(short)][:2000], "team " + str(r % 7)])
    book.save(sheets / "rows.xlsx")
    readers_side_by_side(texts, sheets, rows)


def xlsx_against_csv(texts: list[str], folder: Path, rows: int, rounds: int = 2) -> None:
    """Score the same rows as CSV and as XLSX (fresh processes, best of ``rounds``) and print the ratio."""
    import csv

    import openpyxl

    folder.mkdir()
    cells = [(r, texts[r % len(texts)][:2000], "team " + str(r % 7)) for r in range(rows)]
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "comment", "team"])
        writer.writerows(cells)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["id", "comment", "team"])
    for row in cells:
        sheet.append(list(row))
    book.save(folder / "rows.xlsx")
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name in ("rows.csv", "rows.xlsx"):
            out = folder / f"{name}.out.csv"
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "trustlex",
                    "score",
                    str(folder / name),
                    "--out",
                    str(out),
                    "--force",
                    "--quiet",
                ],
                check=True,
                capture_output=True,
            )
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - t0)
    print(f"{rows:,} rows as CSV  {best['rows.csv']:6.1f} s")
    ratio = best["rows.xlsx"] / best["rows.csv"]
    print(f"{rows:,} rows as XLSX {best['rows.xlsx']:6.1f} s   XLSX / CSV {ratio:.2f}  (target <= 1.5)")


# -- readers: the plain back ends against the fast ones (the fast extra), side by side ----------


def _html_page(texts: list[str], title: str) -> str:
    """A web page as sites write them: head, navigation, script, headings, paragraphs, a table."""
    from html import escape

    body = []
    for i, text in enumerate(texts):
        if i % 20 == 0:
            body.append(f"<h2>Deel {i // 20 + 1}</h2><script>track({i});</script>")
        paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in text.split("\n\n") if p.strip())
        body.append(f"<article class='doc'><div>{paragraphs}</div></article>")
        if i % 50 == 49:
            body.append("<table><tr><th>id</th><td>" + escape(text[:80]) + "</td></tr></table>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        + escape(title)
        + "</title><style>p { margin: 0 }</style></head><body><nav><ul><li><a href='/'>Home</a></li>"
        + "<li>Nieuws</li></ul></nav>"
        + "".join(body)
        + "<footer>&copy; 2026 &mdash; contact</footer></body></html>"
    )


def _write_pdf(texts: list[str], path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for text in texts[:pages]:
        pdf.add_page()
        pdf.multi_cell(0, 5, text[:3000].encode("latin-1", "replace").decode("latin-1"))
    pdf.output(str(path))


def _best_read(read, setting: str, repeats: int = 3) -> tuple[float, object]:
    """Best of ``repeats`` seconds of ``read()`` with the given reader setting, and its result."""
    from trustlex.readers.backends import use_readers

    best, result = float("inf"), None
    with use_readers(setting):
        for _ in range(repeats):
            t0 = time.perf_counter()
            result = read()
            best = min(best, time.perf_counter() - t0)
    return best, result


def readers_side_by_side(texts: list[str], folder: Path, rows: int) -> None:
    """Print HTML MB/s, XLSX rows/s and PDF words/s of the plain and fast readers, and CSV rows/s."""
    from trustlex.readers import read_rows, read_text_document
    from trustlex.readers.backends import installed_backends

    folder.mkdir(exist_ok=True)
    installed = installed_backends()
    print("readers, plain against fast (same process; best of three; fast = the [fast] extra)")
    print("  installed: " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in installed.items()))
    page = folder / "page.html"
    page.write_text(_html_page(texts, "Benchmark"), encoding="utf-8")
    mb = page.stat().st_size / 1e6

    def html() -> str:
        return "".join(read_text_document(page, "page.html").blocks)

    def sheet() -> list:
        return [(r.row, r.text, r.meta) for r in read_rows(folder / "rows.xlsx", "rows.xlsx")]

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    short_sheet = book.create_sheet()
    short_sheet.append(["id", "comment", "team", "score", "wave", "done"])
    for r in range(rows):
        first = texts[r % len(texts)].split(".")[0][:80]
        short_sheet.append([r, first, f"team {r % 7}", (r % 50) / 10, 2020 + r % 5, r % 3 == 0])
    book.save(folder / "short.xlsx")

    def short() -> list:
        return [(r.row, r.text, r.meta) for r in read_rows(folder / "short.xlsx", "short.xlsx")]

    import csv

    # the same comments as rows.xlsx, multi-line ones included: the CSV reader follows quoted line breaks
    short_texts = [t for t in texts if len(t) < 2000] or texts
    with (folder / "comments.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "comment", "team"])
        for r in range(rows):
            writer.writerow([r, short_texts[r % len(short_texts)][:2000], f"team {r % 7}"])

    def table() -> list:
        return [(r.row, r.text, r.meta) for r in read_rows(folder / "comments.csv", "comments.csv")]

    pdf = folder / "doc.pdf"
    _write_pdf(texts, pdf, 200)

    def pdf_text() -> str:
        return "".join(read_text_document(pdf, "doc.pdf").blocks)

    cases = [("HTML", html, mb, "MB/s", "same text"), ("XLSX", sheet, rows, "rows/s", "same rows")]
    cases.append(("XLSX", short, rows, "rows/s", "same rows"))
    cases.append(("PDF", pdf_text, None, "words/s", "same words"))
    cases.append(("CSV", table, rows, "rows/s", ""))
    for name, read, amount, unit, agree in cases:
        fmt = name.lower()
        name = "XLSX short" if read is short else name
        plain_s, plain_out = _best_read(read, "plain")
        if amount is None:
            amount = len(str(plain_out).split())
        line = f"  {name:10} plain {amount / plain_s:12,.1f} {unit}"
        if fmt not in installed:
            line += "   (one reader: Python's csv module)"
        elif installed[fmt]:
            fast_s, fast_out = _best_read(read, "fast")
            if fmt == "pdf":  # PDFium and pypdf space differently: the same words, page by page
                same = [p.split() for p in str(plain_out).split("\n\n")] == [
                    p.split() for p in str(fast_out).split("\n\n")
                ]
            else:
                same = plain_out == fast_out
            line += f"   fast {amount / fast_s:12,.1f} {unit}   x{plain_s / fast_s:5.1f}   {agree}: {same}"
        else:
            line += "   fast: not installed"
        print(line)
    pages = min(200, len(texts))
    print(f"  (HTML: one {mb:.1f} MB page; XLSX: {rows:,} rows read whole, comments up to 2,000 characters;")
    print(f"   XLSX short: {rows:,} rows of six short cells; PDF: {pages} pages; CSV: the XLSX's rows)")


if __name__ == "__main__":
    main()
