"""Entries to word lists: what each entry matches, spelled out as globs in a word-list format's syntax.

The export rule is that an entry keeps what it matches or is left out with a
warning: lemmas and literal patterns become the word forms they match,
anything a format cannot express is skipped and named, and fields a format has
no place for are reported once per kind of loss.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable
from typing import Any

from trustlex.lang.morph import inflections
from trustlex.lexicon.formats.common import _FORMAT_NAMES, _plural, _shorten
from trustlex.lexicon.formats.globs import _ANY, _STAR, Glob, _regex_glob
from trustlex.lexicon.model import Entry, Lexicon, _default_id

# Expanding IN lists and optional tokens multiplies: beyond this a word list stops being a dictionary.
MAX_PHRASES = 1000


@functools.lru_cache(maxsize=2)
def _lemma_tables(language: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Return (form -> lemma, lemma -> forms) as trustlex's lookup lemmatizer sees them."""
    # spaCy on first use: a lexicon without lemmas exports without it (and `lexicon --help` never pays it)
    from spacy.util import load_language_data, registry

    from trustlex.lang.lemmas import LEMMA_FIXES, normalise_form

    try:
        # a JSON object here; spaCy's hint allows any JSON (dict | list)
        table: dict[str, str] = load_language_data(registry.lookups.get(language)["lemma_lookup"])  # type: ignore[assignment]
    except (KeyError, ValueError, ImportError, OSError):
        return {}, {}
    forward: dict[str, str] = {}
    for form, lemma in table.items():
        # the lemmatizer looks up lowercased single tokens with plain apostrophes only
        if form == form.lower() and form == normalise_form(form) and not any(c.isspace() for c in form):
            forward[form] = lemma
    forward.update(LEMMA_FIXES.get(language, {}))
    reverse: dict[str, set[str]] = {}
    for form, lemma in forward.items():
        reverse.setdefault(normalise_form(lemma.lower()), set()).add(form)
    return forward, {k: frozenset(v) for k, v in reverse.items()}


def _lemma_forms(word: str, language: str, *, entry_lemma: bool) -> set[str]:
    """Return the lowercase forms that a lemma word matches in trustlex's own pipeline.

    A ``lemma`` entry matches the word itself, its generated regular inflections and every form the
    lookup table maps to it; a pattern's ``LEMMA`` only forms whose looked-up lemma is the word.
    """
    forward, reverse = _lemma_tables(language)
    forms = set(reverse.get(word, ()))
    if entry_lemma:
        forms |= {word} | inflections(word, language)
    elif forward.get(word, word) == word:
        forms.add(word)
    return forms


def _literal_token(word: str) -> tuple[str, ...] | None:
    word = word.replace("\u2019", "'")  # trustlex matches both apostrophes from the plain one
    if not word or word != word.lower() or any(c.isspace() for c in word):
        return None  # LOWER holds no capitals or spaces: such a token never matches
    return tuple(word)


def _pattern_globs(pattern: list[dict[str, Any]], language: str) -> tuple[list[Glob] | None, str, bool]:
    """Spell a pattern out as word sequences: (globs or None, reason when None, uses LEMMA)."""
    choices: list[list[tuple[str, ...] | None]] = []
    uses_lemma = False
    for token in pattern:
        op = token.get("OP")
        keys = [k for k in token if k != "OP"]
        if op not in (None, "1", "?") or len(keys) != 1 or keys[0] not in ("LOWER", "LEMMA"):
            return None, "uses token attributes or operators beyond LOWER/LEMMA words and '?'", False
        key, spec = keys[0], token[keys[0]]
        words: list[str] | None = None
        alts: list[tuple[str, ...] | None] = []
        if isinstance(spec, str):
            words = [spec]
        elif isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(w, str) for w in spec["IN"]):
            words = list(spec["IN"])
        elif (
            key == "LOWER"
            and isinstance(spec, dict)
            and set(spec) == {"REGEX"}
            and isinstance(spec["REGEX"], str)
        ):
            glob = _regex_glob(spec["REGEX"])
            if glob is None:
                return None, "has a REGEX that is not a plain glob", False
            alts.append(glob)
        else:
            return None, "uses token predicates beyond words, IN lists and glob regexes", False
        if key == "LEMMA":
            uses_lemma = True
            words = sorted(
                {f for w in words or () for f in _lemma_forms(w.lower(), language, entry_lemma=False)}
            )
        for word in words or ():
            literal = _literal_token(word)
            if literal is not None and literal not in alts:
                alts.append(literal)
        if not alts:
            return None, "has a token that can never match", False
        if op == "?":
            alts.append(None)
        choices.append(alts)
    if math.prod(len(c) for c in choices) > MAX_PHRASES:
        return None, f"spells out to more than {MAX_PHRASES} word sequences", uses_lemma
    globs = [tuple(t for t in combo if t is not None) for combo in itertools.product(*choices)]
    return [g for g in globs if g], "", uses_lemma


def _entry_globs(e: Entry) -> tuple[list[Glob] | None, str, bool]:
    """Return (word sequences matching what ``e`` matches, reason when None, lemma-based)."""
    if e.kind == "term":
        return [tuple(tuple(w) for w in e.value.split())], "", False
    if e.kind == "wildcard":
        v = e.value
        token = (_STAR,) * v.startswith("*") + tuple(v.strip("*")) + (_STAR,) * v.endswith("*")
        return [(token,)], "", False
    if e.kind == "lemma":
        per_word = [sorted(_lemma_forms(w, e.language, entry_lemma=True)) for w in e.value.split()]
        if math.prod(len(f) for f in per_word) > MAX_PHRASES:
            return None, f"spells out to more than {MAX_PHRASES} word forms", True
        globs = [tuple(tuple(w) for w in combo) for combo in itertools.product(*per_word)]
        return globs, "", True
    return _pattern_globs(e.value, e.language)


def _render(glob: Glob, fmt: str) -> tuple[str | None, str]:
    """Write a glob in ``fmt``'s syntax: (text, '') or (None, why it cannot)."""
    words = []
    for token in glob:
        out = []
        for i, atom in enumerate(token):
            if atom == _STAR:
                if fmt != "yaml" and i != len(token) - 1:
                    return None, "lead"
                out.append("*")
            elif atom == _ANY:
                if fmt != "yaml":
                    return None, "has a one-character wildcard, which LIWC does not know"
                out.append("?")
            elif atom == "*" or (fmt == "yaml" and atom == "?"):
                return None, f"has a literal {atom!r}, which {_FORMAT_NAMES[fmt]} reads as a wildcard"
            else:
                out.append(atom)
        words.append("".join(out))
    text = " ".join(words)
    if fmt == "liwc" and text.startswith("%"):
        return None, "starts with '%', which LIWC .dic reads as a section line"
    return text, ""


def _collect(items: Lexicon | Entry | Iterable[Lexicon | Entry]) -> tuple[list[Entry], list[Lexicon]]:
    if isinstance(items, Lexicon):
        return list(items.entries), [items]
    if isinstance(items, Entry):
        return [items], []
    entries: list[Entry] = []
    lexicons: list[Lexicon] = []
    for item in items:
        if isinstance(item, Lexicon):
            lexicons.append(item)
            entries.extend(item.entries)
        elif isinstance(item, Entry):
            entries.append(item)
        else:
            msg = f"expected a Lexicon or Entry objects, got {type(item).__name__}"
            raise TypeError(msg)
    return entries, lexicons


def _loss_warnings(entries: list[Entry], lexicons: list[Lexicon], fmt: str, where: str) -> list[str]:
    """One message per kind of information ``fmt`` cannot hold, with a count."""
    name = _FORMAT_NAMES[fmt]
    out = []
    languages = sorted({e.language for e in entries if e.language})
    if len(languages) > 1:
        out.append(
            f"{where}: the entries come from several languages ({', '.join(languages)}); {name} holds no "
            "language, so importing gives them all one"
        )
    if any(lx.description or lx.license or lx.codebook for lx in lexicons) and fmt != "toml":
        out.append(
            f"{where}: {name} has no lexicon header: name, version, license, codebook and description are "
            "not written (pass name= when importing)"
        )
    if fmt in ("csv", "toml"):
        return out
    checks = [
        ("a weight other than 1.0", lambda e: e.weight != 1.0, "every word counts 1.0"),
        ("'exclude' phrases", lambda e: bool(e.exclude), "the false friends they blocked will match again"),
        (
            "examples or counter-examples",
            lambda e: bool(e.examples or e.counter_examples),
            "they are not written",
        ),
        ("a note or source", lambda e: bool(e.note or e.source), "they are not written"),
        ("a gap between their words", lambda e: e.gap > 0, "the phrase now matches adjacent words only"),
        (
            "an explicit id",
            lambda e: e.id != _default_id(e.language, e.concept, e.kind, e.value, e.valence),
            "importing gives default ids",
        ),
    ]
    for what, test, consequence in checks:
        hit = [e.id for e in entries if test(e)]
        if hit:
            out.append(
                f"{where}: {_plural(len(hit), 'entry')} with {what}, which {name} cannot hold; {consequence}"
            )
    return out


def _export_plan(
    entries: list[Entry], fmt: str, where: str
) -> tuple[list[tuple[Entry, list[str]]], list[str]]:
    """Decide each entry's words in ``fmt``, or skip it; return (entry, words) pairs and warnings."""
    name = _FORMAT_NAMES[fmt]
    plan: list[tuple[Entry, list[str]]] = []
    leading: list[str] = []
    skipped: dict[str, list[str]] = {}
    lemma_based: list[str] = []
    lemma_words = 0
    patterns: list[str] = []
    pattern_words = 0
    for e in entries:
        globs, reason, uses_lemma = _entry_globs(e)
        texts: list[str] = []
        if globs is not None:
            for glob in globs:
                text, reason = _render(glob, fmt)
                if text is None:
                    break
                if text not in texts:
                    texts.append(text)
        if globs is not None and not texts and not reason:
            reason = "matches no words"
        if globs is None or reason:
            if reason == "lead":
                leading.append(e.id)
            else:
                skipped.setdefault(reason, []).append(e.id)
            continue
        plan.append((e, texts))
        if uses_lemma:
            lemma_based.append(e.id)
            lemma_words += len(texts)
        elif e.kind == "pattern":
            patterns.append(e.id)
            pattern_words += len(texts)
    out = []
    if leading:
        out.append(
            f"{where}: skipped {_plural(len(leading), 'entry')} with a leading or inner '*' "
            f"({_shorten(leading)}): {name} knows only a trailing '*'"
        )
    for reason, ids in skipped.items():
        out.append(
            f"{where}: skipped {_plural(len(ids), 'entry')} that {name} cannot hold without changing "
            f"their matches; the entry {reason} ({_shorten(ids)})"
        )
    if lemma_based:
        out.append(
            f"{where}: {_plural(len(lemma_based), 'lemma-based entry')} written as {lemma_words} word forms: "
            "the lemma, trustlex's generated regular inflections and the forms spaCy's lookup table maps "
            "to it. That is what trustlex's own pipeline matches; a pipeline with another lemmatizer may "
            "match forms not listed, and imported back they are separate term entries "
            f"({_shorten(lemma_based)})"
        )
    if patterns:
        out.append(
            f"{where}: {_plural(len(patterns), 'pattern entry')} written as {pattern_words} word sequences "
            "(words, IN lists and optional tokens spelled out; same matches, imported back as terms or "
            f"glob patterns) ({_shorten(patterns)})"
        )
    return plan, out
