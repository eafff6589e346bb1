"""The lexicon workbench: check lexicon files, audit their entries on a corpus, measure reliability.

``check_lexicons`` goes beyond the schema: it runs the entries on their own
words, examples and exclusions, so it finds what only matching reveals (an
entry that can never win an overlap, an exclusion that can never apply, an
example that does not fire). ``audit`` ranks entries by how often they fire
on a corpus and, given gold labels, by the harm they do; ``reliability``
gives per concept Cronbach's alpha and KR-20 over the entries, as LIWC's
dictionary workbench does.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from trustlex.concepts import CONCEPTS, LANGUAGES
from trustlex.errors import LexiconError, TrustlexError
from trustlex.evaluate import unit_labels
from trustlex.lexicon import Entry, Lexicon, _field_line, _read_toml, load_context_file, load_lexicon_file

PROBLEM_KINDS: tuple[str, ...] = (
    "schema",
    "unknown-concept",
    "duplicate",
    "shadowed",
    "never-matches",
    "broad-wildcard",
    "dead-exclusion",
    "example-not-firing",
    "counter-example-fires",
)


@dataclass(frozen=True)
class Problem:
    """One problem ``lexicon check`` found: where it is, its kind and what to do about it."""

    path: str
    line: int
    kind: str
    message: str
    entry: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """Return the TOML files named by ``paths`` (folders give their ``*.toml`` files, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.toml")) if p.is_dir() else [p])
    return out


def _is_context(path: Path) -> bool:
    if path.stem == "context":
        return True
    try:
        return "context" in _read_toml(path)[0]  # bounded: deep nesting is refused, not recursed into
    except LexiconError:
        return False  # the lexicon loader reports it with its line


def check_lexicons(paths: Iterable[str | Path], *, context: str | Path | None = None) -> list[Problem]:
    """Check lexicon (and context) files and return every problem found, sorted by file and line.

    Beyond the schema (``schema``, ``unknown-concept``), entries of one
    language are checked together: ``duplicate`` (same concept and match as
    an earlier entry), ``shadowed`` (matches exactly the words of another
    entry of its concept that wins the overlap, so it can never win),
    ``never-matches`` (a term or lemma that does not match its own words,
    as when the tokenizer splits it differently, or a ``LOWER`` value with
    capitals), ``broad-wildcard`` (matches function words), ``dead-exclusion`` (an
    ``exclude`` phrase holding no word that a token of its entry can match,
    so it never overlaps a hit), ``example-not-firing`` and
    ``counter-example-fires``. ``context`` replaces the shipped cue file
    while running examples. Folders stand for their ``*.toml`` files.
    """
    problems: list[Problem] = []
    by_lang: dict[str, list[Lexicon]] = defaultdict(list)
    for path in _expand(paths):
        try:
            if _is_context(path):
                load_context_file(path)
            else:
                lex = load_lexicon_file(path)
                by_lang[lex.language].append(lex)
        except LexiconError as exc:
            kind = "unknown-concept" if exc.field == "concept" else "schema"
            problems.append(Problem(exc.path or str(path), exc.line or 1, kind, exc.detail))
    for lang, lexicons in by_lang.items():
        problems.extend(_check_language(lang, lexicons, context))
    return sorted(problems, key=lambda p: (p.path, p.line, p.kind, p.message))


class _Where:
    """Field lines of entries, read once per file, so problems point at the field, not the entry."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def __call__(self, entry: Entry, field: str) -> tuple[str, int]:
        if entry.path not in self._texts:
            self._texts[entry.path] = Path(entry.path).read_text(encoding="utf-8")
        return entry.path, _field_line(self._texts[entry.path], entry.line, field)


def _match_key(entry: Entry) -> tuple[str, str, str]:
    value = entry.value if isinstance(entry.value, str) else json.dumps(entry.value, sort_keys=True)
    return entry.concept, entry.kind, value.lower()


def _check_language(lang: str, lexicons: list[Lexicon], context: str | Path | None) -> list[Problem]:
    from trustlex.pipeline import load

    where = _Where()
    entries = [e for lex in lexicons for e in lex.entries]
    problems = _duplicates(entries, where)
    nlp = load(lang, lexicons=[lex.path for lex in lexicons], context=str(context) if context else None)
    engine = nlp.get_pipe("trustlex").engine
    stop_words = sorted(nlp.Defaults.stop_words)
    for entry in entries:
        problems.extend(_examples(entry, nlp, engine, where))
        if entry.kind in ("term", "lemma"):
            # the entry run on its own words: does it match them, and does it win them?
            own = nlp(entry.value)
            spans = [(s, e) for s, e, ent in engine.candidates(own) if ent.id == entry.id]
            problems.extend(_shadowed(entry, own, spans, engine, where))
            problems.extend(_never_matches(entry, own, spans, where))
        problems.extend(_pattern_capitals(entry, where))
        problems.extend(_broad(entry, stop_words, where))
    problems.extend(_dead_exclusions(lang, entries, nlp, where))
    return problems


def _duplicates(entries: list[Entry], where: _Where) -> list[Problem]:
    first: dict[tuple[str, str, str], Entry] = {}
    out = []
    for e in entries:
        key = _match_key(e)
        if key not in first:
            first[key] = e
            continue
        f = first[key]
        same = "with the same valence" if f.valence == e.valence else f"(valence {f.valence} there)"
        out.append(
            Problem(
                *where(e, e.kind),
                "duplicate",
                f"{e.id}: {e.kind} {e.value!r} repeats {f.id} at {f.where} {same}; "
                "only one of them can ever win, remove or merge the other",
                e.id,
            )
        )
    return out


def _examples(entry: Entry, nlp: Any, engine: Any, where: _Where) -> list[Problem]:
    out = []
    for text in entry.examples:
        doc = nlp(text)
        matched = {e.id for _, _, e in engine.candidates(doc)}
        if entry.id not in matched:
            got = ", ".join(sorted(matched)) or "nothing"
            msg = f"{entry.id}: example {text!r} does not fire the entry (matched: {got})"
            out.append(Problem(*where(entry, "example"), "example-not-firing", msg, entry.id))
    for text in entry.counter_examples:
        if any(e.id == entry.id for _, _, e in engine.candidates(nlp(text))):
            msg = f"{entry.id}: counter_example {text!r} fires the entry; add an 'exclude' phrase"
            out.append(Problem(*where(entry, "counter_example"), "counter-example-fires", msg, entry.id))
    return out


def _shadowed(
    entry: Entry, doc: Any, spans: list[tuple[int, int]], engine: Any, where: _Where
) -> list[Problem]:
    """A ``term`` entry whose own words go to another entry of its concept in every context.

    Only terms are judged: a term matches nothing but its words, so an entry
    that wins those words alone (a term, a lemma generating them, a
    wildcard, a pattern needing no more tokens) wins them everywhere, bar
    its own exclusions. A lemma or wildcard matches more forms than it was
    written with and may still win elsewhere.
    """
    if entry.kind != "term" or not spans or any(h["entry"] == entry.id for h in doc._.trustlex_matches):
        return []
    start, end = spans[0]
    for h in doc._.trustlex_matches:
        if h["concept"] == entry.concept and h["start"] <= start and h["end"] >= end:
            winner = next(e for e in engine.entries if e.id == h["entry"])
            msg = (
                f"{entry.id}: its words go to {winner.id} at {winner.where}, which wins the overlap "
                "(longer, heavier, more specific or earlier), so this entry never counts; remove it, "
                "or make it heavier"
            )
            return [Problem(*where(entry, entry.kind), "shadowed", msg, entry.id)]
    return []


def _lower_values(pattern: list[dict[str, Any]]) -> Iterable[str]:
    for tok in pattern:
        spec = tok.get("LOWER")
        if isinstance(spec, str):
            yield spec
        elif isinstance(spec, dict):
            for key in ("IN", "=="):
                values = spec.get(key)
                values = values if isinstance(values, list) else [values]
                yield from (v for v in values if isinstance(v, str))


def _pattern_capitals(entry: Entry, where: _Where) -> list[Problem]:
    """A pattern's LOWER value with capitals: the lowercase form never equals it."""
    if entry.kind != "pattern":
        return []
    capitals = sorted({v for v in _lower_values(entry.value) if v != v.lower()})
    if not capitals:
        return []
    msg = f"{entry.id}: LOWER never equals {', '.join(map(repr, capitals))}: write it in lower case"
    return [Problem(*where(entry, "pattern"), "never-matches", msg, entry.id)]


def _never_matches(entry: Entry, doc: Any, spans: list[tuple[int, int]], where: _Where) -> list[Problem]:
    """A term or lemma that misses its own words, as when the tokenizer splits it differently."""
    if spans:
        return []
    tokens = " ".join(t.text for t in doc)
    split = f"; the tokenizer reads it as {tokens!r}, write it so" if tokens != entry.value else ""
    msg = f"{entry.id}: {entry.kind} {entry.value!r} does not match its own words{split}"
    return [Problem(*where(entry, entry.kind), "never-matches", msg, entry.id)]


def wildcard_regex(value: str) -> re.Pattern:
    """Return the anchored regular expression a trustlex wildcard stands for (``*`` = any characters)."""
    return re.compile("^" + ".*".join(re.escape(p) for p in value.split("*")) + "$")


def _token_regexes(entry: Entry) -> list[re.Pattern]:
    if entry.kind == "wildcard":
        return [wildcard_regex(entry.value)]
    if entry.kind == "pattern" and len(entry.value) == 1:
        spec = entry.value[0].get("LOWER", entry.value[0].get("TEXT"))
        if isinstance(spec, dict) and isinstance(spec.get("REGEX"), str):
            return [re.compile(spec["REGEX"])]
    return []


def _broad(entry: Entry, stop_words: Sequence[str], where: _Where) -> list[Problem]:
    out = []
    for regex in _token_regexes(entry):
        hits = [w for w in stop_words if regex.search(w)]
        if hits:
            shown = ", ".join(hits[:6]) + (", ..." if len(hits) > 6 else "")
            msg = (
                f"{entry.id}: {entry.kind} {entry.value!r} matches {len(hits)} function word(s): {shown}; "
                "make it longer or list the words"
            )
            out.append(Problem(*where(entry, entry.kind), "broad-wildcard", msg, entry.id))
    return out


def _token_entries(entry: Entry) -> list[Entry] | None:
    """One-token entries that together match every token a match of ``entry`` can hold.

    None when some token of the entry can be any word (an empty pattern
    token), so every phrase may overlap a match.
    """
    if entry.kind == "pattern":
        specs = [{k: v for k, v in tok.items() if k != "OP"} for tok in entry.value]
        if any(not spec for spec in specs):
            return None
        values = [[spec] for spec in specs]
    elif " " in entry.value:
        values = entry.value.split()
    else:
        return [dataclasses.replace(entry, exclude=())]
    return [
        dataclasses.replace(entry, id=f"{entry.id}#{k}", value=v, exclude=(), gap=0)
        for k, v in enumerate(values)
    ]


def _dead_exclusions(lang: str, entries: list[Entry], nlp: Any, where: _Where) -> list[Problem]:
    """Exclusions none of whose words any token of their entry can match: they never overlap a hit."""
    from trustlex.engine import Engine

    parts: dict[str, list[Entry] | None] = {e.id: _token_entries(e) for e in entries if e.exclude}
    tokens = [t for ts in parts.values() if ts for t in ts]
    engine = Engine(nlp.vocab, tokens, None, lang=lang, lemmatizer=nlp.get_pipe("trustlex").engine.lemmatizer)
    out = []
    for entry in entries:
        if parts.get(entry.id, []) is None:
            continue
        for phrase in entry.exclude:
            # a trailing * in an exclusion word is a prefix: its literal part stands for it
            doc = nlp(" ".join(w.rstrip("*") for w in phrase.split()))
            found = {ent.id.split("#")[0] for _, _, ent in engine.candidates(doc)}
            if entry.id not in found:
                msg = (
                    f"{entry.id}: exclude {phrase!r} holds no word this entry can match, so it can "
                    "never overlap a match and never applies; fix its words or drop it"
                )
                out.append(Problem(*where(entry, "exclude"), "dead-exclusion", msg, entry.id))
    return out


# -- audit and reliability on a corpus ----------------------------------------------------------


def _units(
    texts: Sequence[str], langs: Sequence[str], lexicons: list[str] | None
) -> Iterable[tuple[int, str, Any, list[dict[str, Any]], Any]]:
    """Yield (text index, language, doc, match records, engine) for every text, tagged by language."""
    from trustlex.evaluate import _lexicons_for
    from trustlex.pipeline import cached_pipeline

    for lang in LANGUAGES:
        idx = [i for i, code in enumerate(langs) if code == lang]
        if not idx:
            continue
        specs = _lexicons_for(lexicons, lang) if lexicons else None
        if lexicons and not specs:
            continue
        nlp = cached_pipeline(lang, tuple(specs) if specs else None)
        engine = nlp.get_pipe("trustlex").engine
        for i, doc in zip(idx, nlp.pipe((texts[i] for i in idx), batch_size=256), strict=True):
            yield i, lang, doc, doc._.trustlex_matches, engine


def _languages(texts: Sequence[str], lang: str) -> list[str]:
    from trustlex.langdetect import detect_languages

    if lang == "auto":
        return detect_languages(texts)  # texts with no evidence: the majority of the others
    if lang not in LANGUAGES:
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    return [lang] * len(texts)


def _context(doc: Any, hit: dict[str, Any], window: int) -> str:
    sent = doc[hit["start"]].sent
    left = doc[max(sent.start, hit["start"] - window) : hit["start"]].text
    right = doc[hit["end"] : min(sent.end, hit["end"] + window)].text
    return f"{left} [{doc[hit['start'] : hit['end']].text}] {right}".strip()


def audit(
    data: Sequence[Any],
    *,
    lang: str = "auto",
    lexicons: list[str] | None = None,
    samples: int = 3,
    window: int = 8,
) -> pd.DataFrame:
    """Return one row per lexicon entry: how often it fires on ``data``, sample contexts, and its harm.

    ``data`` is a sequence of texts, or of gold items (:func:`trustlex.read_gold`)
    whose labels add, per entry: ``true``/``false`` (texts where it fired
    and gold has / lacks its concept), ``precision``, ``valence_agree`` (share
    of true firings whose valence equals gold's), ``decisive_tp`` and
    ``decisive_fp`` (firings without which the text would lose the concept),
    and ``f1_gain_if_removed``: the change in micro-F1 of concept detection
    when the entry's matches are dropped, a first-order estimate (a match it
    hid in an overlap is not revived). Rows are sorted by that gain (most
    harmful first) with gold, else by firings. Entries that never fire are
    kept (``fires`` 0): dead entries are findings too.
    """
    gold = [getattr(item, "labels", None) for item in data]
    with_gold = all(g is not None for g in gold) and bool(data)
    texts = [item.text if with_gold else ("" if item is None else str(item)) for item in data]
    langs = [item.lang for item in data] if with_gold else _languages(texts, lang)
    fires: Counter[str] = Counter()
    units: dict[str, set[int]] = defaultdict(set)
    cued: Counter[str] = Counter()
    contexts: dict[str, list[str]] = defaultdict(list)
    records: list[list[dict[str, Any]]] = [[] for _ in texts]
    entries: dict[str, Entry] = {}
    min_weight = 1.0
    for i, _, doc, matches, engine in _units(texts, langs, lexicons):
        min_weight = engine.min_weight
        for e in engine.entries:
            entries.setdefault(e.id, e)
        records[i] = list(matches)
        for m in matches:
            fires[m["entry"]] += 1
            units[m["entry"]].add(i)
            cued[m["entry"]] += m["cue"] is not None
            if len(contexts[m["entry"]]) < samples:
                contexts[m["entry"]].append(_context(doc, m, window))
    rows = []
    for eid, e in entries.items():
        n = fires[eid]
        rows.append(
            {
                "entry": eid,
                "lang": e.language,
                "concept": e.concept,
                "valence": e.valence,
                "kind": e.kind,
                "value": e.value if isinstance(e.value, str) else json.dumps(e.value),
                "fires": n,
                "units": len(units[eid]),
                "cue_share": cued[eid] / n if n else 0.0,
                "contexts": contexts[eid],
                "where": e.where,
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    if not with_gold:
        return frame.sort_values(["fires", "entry"], ascending=[False, True], ignore_index=True)
    harm = _harm(records, gold, min_weight)
    frame = frame.join(pd.DataFrame.from_dict(harm, orient="index"), on="entry")
    counts = ["true", "false", "decisive_tp", "decisive_fp"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    frame["f1_gain_if_removed"] = frame["f1_gain_if_removed"].fillna(0.0)
    return frame.sort_values(
        ["f1_gain_if_removed", "false", "fires"], ascending=[False, False, False], ignore_index=True
    )


def _f1(tp: int, fp: int, fn: int) -> float:
    """Micro-F1 from counts; 1.0 when there is nothing to find and nothing was found."""
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _harm(
    records: list[list[dict[str, Any]]], gold: list[dict[str, str]], min_weight: float
) -> dict[str, dict[str, float]]:
    """Per entry: true/false firings, precision, valence agreement and the F1 change if removed."""
    preds = [unit_labels(r, min_weight) for r in records]
    tp = sum(len(set(p) & set(g)) for p, g in zip(preds, gold, strict=True))
    fp = sum(len(set(p) - set(g)) for p, g in zip(preds, gold, strict=True))
    fn = sum(len(set(g) - set(p)) for p, g in zip(preds, gold, strict=True))
    f1 = _f1(tp, fp, fn)
    by_entry: dict[str, list[int]] = defaultdict(list)
    for i, recs in enumerate(records):
        for eid in dict.fromkeys(m["entry"] for m in recs):
            by_entry[eid].append(i)
    out = {}
    for eid, items in by_entry.items():
        concept = next(m["concept"] for m in records[items[0]] if m["entry"] == eid)
        true = [i for i in items if concept in gold[i]]
        agree = sum(
            any(m["entry"] == eid and m["valence"] == gold[i][concept] for m in records[i]) for i in true
        )
        decisive_tp = decisive_fp = 0
        for i in items:
            without = unit_labels([m for m in records[i] if m["entry"] != eid], min_weight)
            if concept in preds[i] and concept not in without:
                if concept in gold[i]:
                    decisive_tp += 1
                else:
                    decisive_fp += 1
        # without the entry its decisive true positives become misses and its false ones vanish
        new = _f1(tp - decisive_tp, fp - decisive_fp, fn + decisive_tp)
        out[eid] = {
            "true": len(true),
            "false": len(items) - len(true),
            "precision": len(true) / len(items),
            "valence_agree": agree / len(true) if true else np.nan,
            "decisive_tp": decisive_tp,
            "decisive_fp": decisive_fp,
            "f1_gain_if_removed": new - f1,
        }
    return out


def reliability(
    texts: Sequence[str],
    *,
    lang: str = "auto",
    lexicons: list[str] | None = None,
    unit: str = "document",
) -> pd.DataFrame:
    """Return per language and concept the internal consistency of its entries on ``texts``.

    Each entry is an item and each text (``unit="document"``) or sentence
    (``unit="sentence"``) a case. ``alpha`` is Cronbach's alpha on the
    entries' match counts, ``kr20`` the Kuder-Richardson 20 on presence
    (fired or not), ``alpha_std`` the standardised alpha from the mean
    inter-item correlation ``mean_r``. Entries that never fire have no
    variance and are left out (``entries_used`` of ``entries``), as LIWC's
    workbench does; fewer than two such entries leave the statistics NaN.
    Dictionary words are rare, so alphas are low by nature: compare
    concepts and versions of a lexicon, not against survey-scale cut-offs.
    """
    if unit not in ("document", "sentence"):
        msg = f"unit must be 'document' or 'sentence', got {unit!r}"
        raise TrustlexError(msg)
    texts = [("" if t is None else str(t)) for t in texts]
    langs = _languages(texts, lang)
    counts: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)  # lang -> (case, entry) -> n
    cases: Counter[str] = Counter()
    entries: dict[str, dict[str, Entry]] = defaultdict(dict)
    for _, code, doc, matches, engine in _units(texts, langs, lexicons):
        for e in engine.entries:
            entries[code].setdefault(e.id, e)
        base = cases[code]
        n_cases = sum(1 for _ in doc.sents) if unit == "sentence" else 1
        for m in matches:
            case = base + (m["sent"] if unit == "sentence" else 0)
            counts[code][(case, m["entry"])] += 1
        cases[code] += max(n_cases, 1)
    rows = []
    for code, known in entries.items():
        for concept in CONCEPTS:
            ids = [eid for eid, e in known.items() if e.concept == concept]
            if not ids:
                continue
            col = {eid: j for j, eid in enumerate(ids)}
            keys = [(case, col[eid], n) for (case, eid), n in counts[code].items() if eid in col]
            case_idx, entry_idx, values = (list(x) for x in zip(*keys, strict=True)) if keys else ([], [], [])
            matrix = sparse.csr_matrix((values, (case_idx, entry_idx)), shape=(cases[code], len(ids)))
            rows.append({"lang": code, "concept": concept, **_consistency(matrix), "units": cases[code]})
    return pd.DataFrame(
        rows,
        columns=[
            "lang",
            "concept",
            "entries",
            "entries_used",
            "units",
            "alpha",
            "alpha_std",
            "kr20",
            "mean_r",
        ],
    )


def _variances(items: sparse.csr_matrix) -> np.ndarray:
    """Column variances (population) of a sparse cases-by-items matrix, without densifying it."""
    mean = np.asarray(items.mean(axis=0)).ravel()
    return np.asarray(items.multiply(items).mean(axis=0)).ravel() - mean**2


def _alpha(items: sparse.csr_matrix) -> float:
    """Cronbach's alpha; on 0/1 items this is KR-20 (item variance p*q)."""
    k = items.shape[1]
    if k < 2:
        return np.nan
    total = np.asarray(items.sum(axis=1)).ravel().var()
    return float(k / (k - 1) * (1 - _variances(items).sum() / total)) if total > 0 else np.nan


def _consistency(matrix: sparse.csr_matrix) -> dict[str, float]:
    used = matrix[:, np.flatnonzero(_variances(matrix) > 1e-12)]
    k = used.shape[1]
    out = {"entries": matrix.shape[1], "entries_used": k}
    if k < 2:
        return {**out, "alpha": np.nan, "alpha_std": np.nan, "kr20": np.nan, "mean_r": np.nan}
    # correlations from the k-by-k cross products: the cases never need a dense copy
    n = used.shape[0]
    mean = np.asarray(used.mean(axis=0)).ravel()
    cov = (used.T @ used).toarray() / n - np.outer(mean, mean)
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    mean_r = float(corr[~np.eye(k, dtype=bool)].mean())
    presence = (used > 0).astype(float)
    return {
        **out,
        "alpha": _alpha(used),
        "alpha_std": k * mean_r / (1 + (k - 1) * mean_r),
        "kr20": _alpha(presence[:, np.flatnonzero(_variances(presence) > 1e-12)]),
        "mean_r": mean_r,
    }
