"""A shareable HTML report: one self-contained file with charts, tables and the sentences behind them.

No network requests, no external scripts or fonts: the page works offline
and opens from a USB stick. Charts are inline SVG, filtering and search run
in a few lines of inline JavaScript.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from trustlex.analysis import CONCEPT_COLOURS, climate_sides, mean_interval, sentence_trust_index
from trustlex.concepts import CONCEPT_NAMES, CONCEPTS
from trustlex.errors import TrustlexError

_VALENCE_NAMES = {"+": "present", "-": "lacking", "0": "neutral"}
_VALENCE_COLOURS = {"+": "#2b8a3e", "-": "#c92a2a", "0": "#868e96"}
_NEEDED = ("concept", "valence", "sentence", "terms")

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#212529}
h1{margin-bottom:.2rem} .muted{color:#868e96}
.chart{margin:1rem 0} table{border-collapse:collapse;margin:1rem 0}
td,th{padding:.25rem .6rem;border-bottom:1px solid #dee2e6;text-align:right}
th:first-child,td:first-child{text-align:left}
.controls{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #dee2e6}
.controls button{margin:.15rem;padding:.2rem .6rem;border:1px solid #adb5bd;border-radius:1rem;
  background:#fff;cursor:pointer}
.controls button.on{background:#212529;color:#fff}
#search{padding:.3rem;width:18rem}
.row{padding:.45rem 0;border-bottom:1px solid #f1f3f5}
.row .meta{font-size:.8rem;color:#868e96}
mark{border-radius:.2rem;padding:0 .15rem}
.v-plus{outline:2px solid #2b8a3e}.v-minus{outline:2px solid #c92a2a}.v-zero{outline:1px dashed #868e96}
"""

_JS = """
const rows=[...document.querySelectorAll('.row')];let concept='all',valence='all';
function apply(){const q=document.getElementById('search').value.toLowerCase();let n=0;
rows.forEach(r=>{const ok=(concept==='all'||r.dataset.concept===concept)
&&(valence==='all'||r.dataset.valence===valence)&&(!q||r.textContent.toLowerCase().includes(q));
r.style.display=ok?'':'none';if(ok)n++;});document.getElementById('shown').textContent=n;}
function pick(group,value,btn){if(group==='concept')concept=value;else valence=value;
document.querySelectorAll('button[data-group="'+group+'"]').forEach(b=>b.classList.toggle('on',b===btn));apply();}
document.querySelectorAll('.controls button').forEach(
  b=>b.addEventListener('click',()=>pick(b.dataset.group,b.dataset.value,b)));
document.getElementById('search').addEventListener('input',apply);apply();
"""


def _bars(counts: pd.DataFrame) -> str:
    """Return an inline SVG of stacked horizontal bars: per concept, sentences by valence."""
    width, row_h, label_w = 640, 24, 130
    top = max(int(counts.sum(axis=1).max()), 1)
    parts = [
        f'<svg class="chart" width="{width + label_w + 60}" height="{row_h * len(counts) + 30}" role="img">'
    ]
    for i, (concept, row) in enumerate(counts.iterrows()):
        y = i * row_h + 4
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">{html.escape(concept)}</text>')
        x = label_w
        for valence in ("+", "-", "0"):
            n = int(row.get(valence, 0))
            if n:
                w = width * n / top
                title = f"{concept} {_VALENCE_NAMES[valence]}: {n}"
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                    f'fill="{_VALENCE_COLOURS[valence]}"><title>{html.escape(title)}</title></rect>'
                )
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12">{int(row.sum())}</text>')
    legend_y = row_h * len(counts) + 22
    for k, valence in enumerate(("+", "-", "0")):
        parts.append(
            f'<rect x="{label_w + k * 110}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{_VALENCE_COLOURS[valence]}"/><text x="{label_w + k * 110 + 16}" y="{legend_y}" '
            f'font-size="12">{_VALENCE_NAMES[valence]} ({valence})</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _climate(sentences: pd.DataFrame) -> str:
    """Return the trust-climate section: the mean index with its interval, and each concept's sides."""
    scores = sentence_trust_index(sentences).to_numpy(dtype=float)
    mean, low, high = mean_interval(scores)
    if len(scores):
        docs = "document" if len(scores) == 1 else "documents"
        summary = (
            f'Mean trust index <b id="climate-index">{mean:+.2f}</b> (95% bootstrap interval '
            f"{low:+.2f} to {high:+.2f}) over the {len(scores)} {docs} with tagged sentences."
        )
    else:
        summary = "No tagged sentences, so no index."
    explain = (
        "Per document the index is (F &minus; A) / (F + A + 1), in (&minus;1, 1): F counts the "
        "sentences that speak for the trust climate, A those against it. A felt risk or pressure "
        "(risk or vulnerability +) counts against, failing control against and working control "
        "for neither; the other concepts count for when present and against when lacking. "
        "Documents without tagged sentences (index 0) are not in this report's rows."
    )
    sides = climate_sides(sentences)
    head = "".join(f"<th>{h}</th>" for h in ("concept", "for", "against", "neither"))
    table = [f'<table id="climate-sides"><tr>{head}</tr>']
    for concept, n_for, n_against, n_neither in sides.itertuples(index=False, name=None):
        if n_for or n_against or n_neither:
            name = html.escape(CONCEPT_NAMES.get(concept, concept))
            table.append(f"<tr><td>{name}</td><td>{n_for}</td><td>{n_against}</td><td>{n_neither}</td></tr>")
    table.append("</table>")
    return f'<p>{summary}</p><p class="muted">{explain}</p>{"".join(table)}'


def _highlight(sentence: str, terms: str, concept: str, valence: str) -> str:
    """Return the sentence as HTML with each matched term marked in the concept's colour."""
    marks = []
    for term in dict.fromkeys(t.strip() for t in str(terms).split(";") if t.strip()):
        at = sentence.find(term)
        if at >= 0:
            marks.append((at, at + len(term)))
    marks.sort()
    out, pos = [], 0
    css = {"+": "v-plus", "-": "v-minus", "0": "v-zero"}[valence]
    for start, end in marks:
        if start < pos:
            continue  # overlapping terms: the first one is marked
        out.append(html.escape(sentence[pos:start]))
        colour = CONCEPT_COLOURS[concept]
        out.append(
            f'<mark class="{css}" style="background:{colour}">{html.escape(sentence[start:end])}</mark>'
        )
        pos = end
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


def render_report(sentences: pd.DataFrame, title: str = "Trust language report", source: str = "") -> str:
    """Return the report page for a sentence-level frame (``score_texts``/``score_folder`` rows)."""
    missing = [c for c in _NEEDED if c not in sentences.columns]
    if missing:
        msg = f"the report needs sentence-level rows; missing columns: {', '.join(missing)}"
        raise TrustlexError(msg)
    counts = (
        sentences.groupby(["concept", "valence"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=list(CONCEPTS), fill_value=0)
    )
    counts = counts.reindex(columns=["+", "-", "0"], fill_value=0)
    where = "path" if "path" in sentences.columns else ("doc_id" if "doc_id" in sentences.columns else None)
    head = "".join(f"<th>{h}</th>" for h in ("concept", "present (+)", "lacking (-)", "neutral (0)", "all"))
    table = [f"<table><tr>{head}</tr>"]
    for concept, row in counts.iterrows():
        table.append(
            f"<tr><td>{html.escape(CONCEPT_NAMES.get(concept, concept))}</td><td>{row['+']}</td>"
            f"<td>{row['-']}</td><td>{row['0']}</td><td>{int(row.sum())}</td></tr>"
        )
    table.append("</table>")
    buttons = ['<button data-group="concept" data-value="all" class="on">all concepts</button>']
    buttons += [
        f'<button data-group="concept" data-value="{c}" style="border-color:{colour}">{c}</button>'
        for c, colour in CONCEPT_COLOURS.items()
        if counts.loc[c].sum()
    ]
    buttons.append('<br><button data-group="valence" data-value="all" class="on">all valences</button>')
    buttons += [
        f'<button data-group="valence" data-value="{v}">{_VALENCE_NAMES[v]} ({v})</button>'
        for v in ("+", "-", "0")
    ]
    rows = []
    for r in sentences.itertuples(index=False):
        meta = [f"{r.concept} {r.valence}"]
        if where:
            meta.append(html.escape(str(getattr(r, where))))
        cues = getattr(r, "cues", "")
        if isinstance(cues, str) and cues:
            meta.append("cue: " + html.escape(cues))
        rows.append(
            f'<div class="row" data-concept="{r.concept}" data-valence="{html.escape(r.valence)}">'
            f"<div>{_highlight(str(r.sentence), r.terms, r.concept, r.valence)}</div>"
            f'<div class="meta">{" · ".join(meta)}</div></div>'
        )
    summary = json.dumps({"sentences": len(sentences), "concepts": int((counts.sum(axis=1) > 0).sum())})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head>
<body><h1>{html.escape(title)}</h1>
<p class="muted">{html.escape(source)} · {len(sentences)} sentence-concept units · made with trustlex</p>
<h2>Concepts by valence</h2>{_bars(counts)}
<h2>Trust climate</h2>{_climate(sentences)}
<h2>Per concept</h2>{"".join(table)}
<h2>The sentences behind the numbers</h2>
<div class="controls">{"".join(buttons)}<br><input id="search" type="search" placeholder="search sentences">
<span class="muted"><span id="shown"></span> shown</span></div>
<div id="rows">{"".join(rows)}</div>
<script type="application/json" id="summary">{summary}</script>
<script>{_JS}</script></body></html>
"""


def report(data: Any, out: str | Path, title: str = "Trust language report", **score: Any) -> Path:
    """Write a self-contained HTML report of ``data`` to ``out`` and return its path.

    ``data`` is a sentence-level frame, a results file (CSV or Parquet of
    sentence rows), or files and folders to score first (with
    :func:`trustlex.score_folder`; ``score`` passes options such as ``lang``).
    """
    from trustlex.batch import read_output, score_folder

    source = ""
    if isinstance(data, pd.DataFrame):
        frame = data
    else:
        paths = [data] if isinstance(data, (str, Path)) else list(data)
        first = Path(paths[0])
        frame = None
        if len(paths) == 1 and first.is_file() and first.suffix.lower() in (".csv", ".parquet"):
            frame = read_output(first)
            if not set(_NEEDED) <= set(frame.columns):
                frame = None  # a table of texts, not of results: score it
        if frame is None:
            frame = score_folder(paths, level="sentence", progress=False, **score).frame
        source = ", ".join(str(p) for p in paths)
    path = Path(out)
    path.write_text(render_report(frame, title, source), encoding="utf-8")
    return path
