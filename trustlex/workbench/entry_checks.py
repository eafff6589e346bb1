"""The checks of ``lexicon check`` that run a language's entries on their own words.

:func:`check_entries` loads the language's lexicons as a pipeline does and
runs each entry on its examples and counter-examples, on its own words (is it
``shadowed``, does it ``never-match``), on the function words (``broad-wildcard``),
and its exclusions against the words it can match (``dead-exclusion``); and
reads its pattern (``unanchored-pattern``, capitals in a ``LOWER`` value).
The files are read and checked by :mod:`trustlex.workbench.check`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from trustlex.lexicon import Entry, Lexicon
from trustlex.lexicon.resources import is_shipped
from trustlex.matching.patterns import pattern_anchors
from trustlex.matching.scan import Engine
from trustlex.pipeline import load, tagger
from trustlex.workbench.problems import Problem, _Where

__all__ = ["check_entries", "wildcard_regex"]


def check_entries(
    lang: str, lexicons: list[Lexicon], context: str | Path | None, where: _Where
) -> list[Problem]:
    """Return the problems of ``lang``'s entries run on their own words, the lexicons loaded together.

    ``lexicons`` are loaded as one pipeline (with ``context`` as its cue
    file), as scoring loads them; ``where`` finds each problem's field line.
    """
    entries = [e for lex in lexicons for e in lex.entries]
    problems: list[Problem] = []
    nlp = load(lang, lexicons=[lex.path for lex in lexicons], context=str(context) if context else None)
    engine = tagger(nlp).engine
    stop_words = sorted(nlp.Defaults.stop_words)
    for entry in entries:
        problems.extend(_examples(entry, nlp, engine, where))
        if entry.kind in ("term", "lemma"):
            # the entry run on its own words: does it match them, and does it win them?
            own = nlp(entry.value)
            spans = [(s, e) for s, e, ent in engine.candidates(own) if ent.id == entry.id]
            problems.extend(_shadowed(entry, own, spans, engine, where))
            problems.extend(_never_matches(entry, own, spans, where))
        if entry.kind == "wildcard":
            problems.extend(_split_wildcard(entry, nlp, where))
        problems.extend(_pattern_capitals(entry, where))
        problems.extend(_broad(entry, stop_words, where))
        problems.extend(_unanchored(entry, where))
    problems.extend(_dead_exclusions(lang, entries, nlp, where))
    return problems


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
            if is_shipped(entry.path) and not is_shipped(winner.path):  # an own entry takes a shipped one
                msg = (
                    f"{winner.id}: takes the words of the shipped entry {entry.id} at {entry.where} "
                    "(it wins the overlap: longer, heavier, more specific or earlier), so that entry never "
                    "counts where your lexicon is loaded; if that is what you mean, nothing to do, else "
                    "narrow or lighten this entry"
                )
                return [Problem(*where(winner, winner.kind), "shadowed", msg, winner.id)]
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


def _split_wildcard(entry: Entry, nlp: Any, where: _Where) -> list[Problem]:
    """A wildcard matches one token: one whose letters the tokenizer splits (``all-hands*``) never matches."""
    literal = str(entry.value).replace("*", "")
    tokens = [t.text for t in nlp.make_doc(literal)]
    if len(tokens) < 2:
        return []
    msg = (
        f"{entry.id}: wildcard {entry.value!r} matches one token, but the tokenizer reads {literal!r} as "
        f"{' '.join(tokens)!r}; write a term so spelt, or a pattern"
    )
    return [Problem(*where(entry, "wildcard"), "never-matches", msg, entry.id)]


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


def _unanchored(entry: Entry, where: _Where) -> list[Problem]:
    if entry.kind != "pattern" or any(pattern_anchors(entry.value)):
        return []
    # the index files a pattern under a word every match holds; without one, spaCy's Matcher
    # runs it over every text: measured, three such entries made Dutch scoring about 40 % slower
    msg = (
        "no required token is a literal word (LOWER/ORTH/TEXT/NORM or LEMMA, a string or an IN list), "
        "so the pattern runs over every text; spell a REGEX's words out as an IN list"
    )
    return [Problem(*where(entry, "pattern"), "unanchored-pattern", msg, entry.id)]


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
