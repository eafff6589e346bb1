"""spaCy token patterns, run fast: as plain sequences or on a small interpreter.

spaCy's ``Matcher`` costs tens of microseconds per call. Lexicon patterns are
mostly literal words with optional tokens, so trustlex expands those into
plain sequences (:func:`pattern_variants`), runs the rest of the common
subset (``LOWER``/``LEMMA`` with strings, ``IN``, ``NOT_IN``, ``REGEX``, any
``OP``) on :func:`run_pattern`, and anchors each on its rarest required word
(:func:`pattern_anchors`) so it only runs where it can match. Tests hold all
of it to spaCy's Matcher on every shipped pattern.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from types import MappingProxyType
from typing import Any

_LITERAL_KEYS = ("LOWER", "ORTH", "TEXT", "NORM")
# the parts of a parsed regular expression that regex_words reads
_RE_AT, _RE_BEGIN, _RE_END = sre_constants.AT, sre_constants.AT_BEGINNING, sre_constants.AT_END
_RE_CHAR, _RE_SET, _RE_GROUP = sre_constants.LITERAL, sre_constants.IN, sre_constants.SUBPATTERN
_RE_BRANCH, _RE_REPEAT = sre_constants.BRANCH, sre_constants.MAX_REPEAT
_QUANTIFIER = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


def _op_range(op: Any) -> tuple[int, int | None]:
    """Return (min, max) token counts of a spaCy ``OP`` (max None when unbounded)."""
    if op in (None, "1"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, None
    if op == "+":
        return 1, None
    if op == "!":
        return 0, 1  # matches one token, but never the anchor word
    m = _QUANTIFIER.match(str(op))
    if m:
        lo = int(m.group(1) or 0)
        if not m.group(2):
            return lo, lo
        return lo, int(m.group(3)) if m.group(3) else None
    return 0, None  # unknown operator: assume nothing, spaCy's validation reports it


_FIELDS = {"LOWER": 0, "LEMMA": 1}
_EQ, _IN, _NOT_IN, _REGEX, _TEST, _START = 0, 1, 2, 3, 4, 5


def apostrophe_variants(word: str) -> tuple[str, ...]:
    """Return ``word`` and, if it has a plain apostrophe, its typographic twin (U+2019)."""
    return (word, word.replace("'", "\u2019")) if "'" in word else (word,)


def compile_pattern(pattern: list[dict[str, Any]], strings: Any, like_num: Any = None) -> list[tuple] | None:
    """Compile a spaCy token pattern into steps for :func:`run_pattern`, or None if unsupported.

    Supported: ``LOWER`` and ``LEMMA`` constraints given as a string, ``IN``,
    ``NOT_IN`` or ``REGEX``, the empty token ``{}``, every ``OP``,
    ``IS_SENT_START`` (the first token of its sentence) and, given the
    language's ``like_num`` test, ``LIKE_NUM``. Anything else (other
    attributes, other predicates) is left to spaCy's Matcher. Words with an
    apostrophe also accept the typographic one (U+2019), which survey exports
    are full of.
    """
    steps = []
    for token in pattern:
        checks: list[tuple[int, int, Any]] = []
        for key, value in token.items():
            if key == "OP":
                continue
            if key == "IS_SENT_START" and isinstance(value, bool):
                checks.append((0, _START, value))
                continue
            if key == "LIKE_NUM" and isinstance(value, bool) and like_num is not None:
                checks.append((0, _TEST, (like_num, value)))
                continue
            field = _FIELDS.get(key)
            if field is None:
                return None
            if isinstance(value, str):
                checks.append((field, _IN, frozenset(strings.add(v) for v in apostrophe_variants(value))))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    ids = frozenset(strings.add(x) for v in arg for x in apostrophe_variants(v))
                    checks.append((field, _IN if op == "IN" else _NOT_IN, ids))
                elif op == "REGEX" and isinstance(arg, str):
                    words = regex_words(arg)  # a spelled-out word list: a set look-up, no regex
                    if words is None:
                        checks.append((field, _REGEX, re.compile(arg)))
                    else:
                        checks.append((field, _IN, frozenset(strings.add(w) for w in words)))
                else:
                    return None
            else:
                return None
        op = token.get("OP")
        lo, hi = _op_range(op)
        steps.append((tuple(checks), op == "!", lo, hi))
    return steps


def _token_ok(checks: tuple, i: int, lowers: list[int], lemmas: list[int], strings: Any, first: int) -> bool:
    for field, mode, arg in checks:
        h = lowers[i] if field == 0 else lemmas[i]
        if mode == _EQ:
            ok = h == arg
        elif mode == _IN:
            ok = h in arg
        elif mode == _NOT_IN:
            ok = h not in arg
        elif mode == _REGEX:
            ok = arg.search(strings[h]) is not None
        elif mode == _START:
            ok = (i == first) == arg
        else:
            test, wanted = arg
            ok = bool(test(strings[h])) == wanted
        if not ok:
            return False
    return True


def run_pattern(
    steps: list[tuple],
    start: int,
    end: int,
    lowers: list[int],
    lemmas: list[int],
    strings: Any,
    first: int = 0,
) -> set[int]:
    """Return every end position of a match of ``steps`` starting at ``start`` (before ``end``).

    Equivalent to spaCy's Matcher for the compiled subset: each step takes
    between its minimum and maximum number of tokens, and all combinations are
    explored, so all match ends are returned (empty matches excepted).
    ``first`` is the first token of the sentence (for ``IS_SENT_START``).
    """
    positions = {start}
    for checks, negated, lo, hi in steps:
        nxt = set()
        for p in positions:
            if lo == 0:
                nxt.add(p)
            q, k = p, 0
            while q < end and (hi is None or k < hi):
                if _token_ok(checks, q, lowers, lemmas, strings, first) == negated:
                    break
                q += 1
                k += 1
                if k >= lo:
                    nxt.add(q)
        positions = nxt
        if not positions:
            return positions
    positions.discard(start)
    return positions


def head_test(steps: list[tuple]) -> tuple[int, frozenset[int]] | None:
    """Return (field, ids): a test the first token of every match of ``steps`` passes, or None.

    Most starts :func:`run_pattern` would be called at fail on the first
    token; the scan tests it first and saves the call (the field is 0 for
    the lowercase form, 1 for the lemma).
    """
    checks, negated, lo, _ = steps[0]
    if lo < 1 or negated:
        return None
    for field, mode, arg in checks:
        if mode == _IN:
            return field, arg
    return None


def pattern_length(pattern: list[dict[str, Any]]) -> int | None:
    """Return the most tokens a match of ``pattern`` can span, or None when unbounded."""
    total = 0
    for token in pattern:
        hi = _op_range(token.get("OP"))[1]
        if hi is None:
            return None
        total += hi
    return total


def ends_on_punctuation(pattern: list[dict[str, Any]]) -> bool:
    """Whether ``pattern``'s last token is one punctuation mark, always there: where the words stop.

    An entry such as "managers care" followed by a comma or a full stop (and
    not by an object) needs that mark to match, but it is not what the words
    say: the scan leaves it out of the hit, so the hit's text is "managers care".
    """
    last = pattern[-1] if pattern else {}
    if last.get("OP") is not None or len(last) != 1:
        return False
    ((field, value),) = last.items()
    if field == "IS_PUNCT":
        return value is True
    values = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
    return (
        field in ("LOWER", "ORTH", "TEXT")
        and isinstance(values, list)
        and all(isinstance(v, str) and v and not any(c.isalnum() for c in v) for v in values)
    )


# Words rare in general language but on every page of what trustlex reads (each review has a
# "Cons:", each regulation an "artikel"): a pattern anchored on one runs on every document.
DOMAIN_FREQUENT: dict[str, tuple[str, ...]] = {
    "en": ("pros", "cons"),
    "nl": ("artikel", "lid", "bedoeld", "wet"),
}
# English words of employee reviews and survey comments that are far more frequent there than
# their general rank says (the nouns are in over 3 % of the reviews, comments and privacy policies
# of the project's corpora): ranked as the 150th word at most, so an anchor on a rarer word of the
# pattern wins and a pattern is not filed under "work" ("work-life balance" ran on half the reviews).
REVIEW_FREQUENT = (
    "company", "pay", "benefits", "management", "culture", "balance", "city", "employees", "employee",
    "environment", "working", "growth", "opportunities", "hours", "experience", "leadership", "career",
    "office", "salary", "support", "training", "managers", "manager", "business", "work", "life", "job",
    "team", "home", "great",
)  # fmt: skip
REVIEW_RANK = 150


@functools.cache
def word_ranks(lang: str) -> Mapping[str, int]:
    """Return frequency ranks of common words in ``lang`` (0 = most frequent; absent = rare).

    English uses the shipped list of its 10,000 most probable words; Dutch,
    which spacy-lookups-data gives no probabilities for, ranks spaCy's stop
    words as frequent. Both add :data:`DOMAIN_FREQUENT`, the words of the
    texts trustlex reads; English moves :data:`REVIEW_FREQUENT` up to rank
    :data:`REVIEW_RANK`. Only used to choose rare anchor words for patterns
    (and the words whose decisions are taken while loading). Read once per
    process and language (every engine built asks for them): a read-only view.
    """
    return MappingProxyType(_read_word_ranks(lang))


def _read_word_ranks(lang: str) -> dict[str, int]:
    domain = dict.fromkeys(DOMAIN_FREQUENT.get(lang, ()), 0)
    if lang == "en":
        text = (resources.files("trustlex") / "data" / "en_frequent_words.txt").read_text(encoding="utf-8")
        words = [w for w in text.splitlines() if w and not w.startswith("# ")]
        ranks = {w: i for i, w in enumerate(words)}
        review = {w: min(ranks.get(w, REVIEW_RANK), REVIEW_RANK) for w in REVIEW_FREQUENT}
        return {**ranks, **review, **domain}
    try:
        stop_words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    except ImportError:
        return domain
    return {**dict.fromkeys(stop_words, 0), **domain}


RARE = 10**6  # the rank of a word the ranks do not list


def set_rank(words: Iterable[str], ranks: Mapping[str, int] | None) -> int:
    """Return the rank of the most frequent of ``words`` (see :func:`word_ranks`; unlisted: :data:`RARE`).

    A token that accepts any of ``words`` is as rare as its most frequent
    one: what anchors and gates are chosen by.
    """
    return min((ranks or {}).get(w, RARE) for w in words)


def pattern_anchors(
    pattern: list[dict[str, Any]], ranks: Mapping[str, int] | None = None
) -> tuple[set[str], set[str]]:
    """Return (lowercase words, lemmas) of which every match of ``pattern`` holds one.

    Among the tokens that are required (no optional or negating ``OP``) and
    constrained to literal words by ``LOWER``/``ORTH``/``TEXT``/``NORM`` or
    ``LEMMA`` (a string or an ``IN`` list), picks the one whose most frequent
    word is rarest by ``ranks`` (see :func:`word_ranks`), then the longest.
    Returns two empty sets when no token qualifies; such a pattern must run
    on every document.
    """
    best: tuple[tuple[int, int, int], set[str], set[str]] | None = None
    for token in pattern:
        if token.get("OP") == "!" or _op_range(token.get("OP"))[0] < 1:
            continue
        for key in (*_LITERAL_KEYS, "LEMMA"):
            words = literal_words(token.get(key))
            if not words:
                continue
            # the rarer the anchor, the fewer places run the pattern
            rare = set_rank({w.lower() for w in words}, ranks)
            score = (rare, min(len(w) for w in words), -len(words))
            lowered = {w.lower() for w in words}  # ORTH/TEXT are case-sensitive: a superset
            pair = (set(), lowered) if key == "LEMMA" else (lowered, set())
            if best is None or score > best[0]:
                best = (score, *pair)
            break
    return (best[1], best[2]) if best else (set(), set())


def anchor_offsets(pattern: list[dict[str, Any]], key: str) -> tuple[int, int | None]:
    """Return how many tokens (min, max; max None when unbounded) a match spans before its anchor.

    ``key`` is an anchor key as built from :func:`pattern_anchors`: ``"L:word"``
    for a lowercase form, ``"M:word"`` for a lemma. A pattern run from the
    anchor's position then needs only the starts within that range, not
    every start in the sentence.
    """
    kind, word = key[:1], key[2:]
    keys = ("LEMMA",) if kind == "M" else _LITERAL_KEYS
    hi: int | None
    lo, hi, found = 0, 0, False
    best_lo: int | None = None
    best_hi: int | None = 0
    for token in pattern:
        words = set()
        for k in keys:
            words |= {w.lower() for w in literal_words(token.get(k)) or ()}
        if word in words:
            found = True
            best_lo = lo if best_lo is None else min(best_lo, lo)
            best_hi = None if best_hi is None or hi is None else max(best_hi, hi)
        t_lo, t_hi = _op_range(token.get("OP"))
        lo += t_lo
        hi = None if hi is None or t_hi is None else hi + t_hi
    if not found or best_lo is None:
        return 0, None
    return best_lo, best_hi


def required_words(pattern: list[dict[str, Any]]) -> list[set[str]]:
    """Return, per required token of ``pattern`` with literal words, the lowercase words it accepts.

    A match must contain one word of every returned set (as form or lemma), so
    a window lacking any of them cannot match and the Matcher need not run.
    """
    out = []
    for token in pattern:
        if token.get("OP") == "!" or _op_range(token.get("OP"))[0] < 1:
            continue
        for key in (*_LITERAL_KEYS, "LEMMA"):
            words = literal_words(token.get(key))
            if words:
                out.append({w.lower() for w in words})
                break
    return out


def literal_words(value: Any) -> set[str] | None:
    """Return the words a token constraint accepts, or None when they are not a known finite set.

    A string, an ``IN`` list, or a ``REGEX`` that spells out its words
    (``^(voldoen|voldoet|voldaan)$``, see :func:`regex_words`): anchoring a
    pattern on such a token's rare words, rather than on a common word such
    as "aan", spares most of the places it would run.
    """
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and all(isinstance(v, str) for v in arg):
            return set(arg)
        if op == "REGEX" and isinstance(arg, str):
            return regex_words(arg)
    return None


_MAX_REGEX_WORDS = 64


def regex_words(pattern: str) -> set[str] | None:
    r"""Return the strings a regular expression matches in full, when it spells out a few of them.

    That is an expression anchored at both ends (``^...$``) built only of
    characters, groups, alternatives, ``?`` and character sets of single
    characters, with at most 64 strings, none empty, and, for a word with a
    plain apostrophe, its typographic twin too (trustlex adds that twin to
    literal words, so only then do both read the same). Anything else
    (``\w*``, flags, other repeats) gives None and stays a regular expression.

    Examples
    --------
    >>> sorted(regex_words("^(voldoen|voldoet|voldaan)$"))
    ['voldaan', 'voldoen', 'voldoet']
    >>> sorted(regex_words("^risico(s|-)?$"))
    ['risico', 'risico-', 'risicos']
    >>> regex_words("^vast(te)?stel") is None  # not anchored at the end: any word it starts
    True
    """
    try:
        tree = sre_parser.parse(pattern)
    except re.error:
        return None
    parsed = list(tree)
    if tree.state.flags & ~re.UNICODE:  # (?i), (?x)...: not plain characters
        return None
    if len(parsed) < 2 or parsed[0] != (_RE_AT, _RE_BEGIN) or parsed[-1] != (_RE_AT, _RE_END):
        return None
    words = _spelled(parsed[1:-1])
    if not words or "" in words:
        return None
    if any("'" in w and w.replace("'", "\u2019") not in words for w in words):
        return None
    return words


def _spelled(items: Any) -> set[str] | None:
    """The strings a parsed sequence matches, or None when not a small finite set of them."""
    out = {""}
    for op, arg in items:
        if op is _RE_CHAR:
            part: set[str] | None = {chr(arg)}
        elif op is _RE_SET and all(o is _RE_CHAR for o, _ in arg):
            part = {chr(c) for _, c in arg}
        elif op is _RE_GROUP and not arg[1] and not arg[2]:  # a group without flags
            part = _spelled(arg[3])
        elif op is _RE_BRANCH:
            branches = [_spelled(b) for b in arg[1]]
            part = None if any(b is None for b in branches) else set[str]().union(*filter(None, branches))
        elif op is _RE_REPEAT and arg[0] == 0 and arg[1] == 1:
            inner = _spelled(arg[2])
            part = None if inner is None else inner | {""}
        else:
            return None
        if part is None or len(out) * len(part) > _MAX_REGEX_WORDS:
            return None
        out = {a + b for a in out for b in part}
    return out


# Sequence predicate modes: the lowercase form, the lemma exactly (spaCy's LEMMA), or
# either (lemma entries, whose accepted hashes include generated inflections).
FORM, LEMMA_EXACT, FORM_OR_LEMMA = 0, 1, 2


def plainly_valid(pattern: Any) -> bool:
    """Whether a token pattern is surely one spaCy's Matcher accepts: literal tokens only, checked by type.

    That is a non-empty list of tokens, each a dict of exactly one of
    ``LOWER`` or ``LEMMA`` (a string or an ``IN`` list of strings) and at
    most an ``OP`` of ``"?"``. Most lexicon patterns are such, and loading
    skips spaCy's validation of them (:func:`trustlex.matching.index.pattern_error`);
    any other pattern, valid or not, goes through spaCy's.
    """
    if type(pattern) is not list or not pattern:
        return False
    for token in pattern:
        if type(token) is not dict or token.get("OP", "?") != "?":
            return False
        keys = token.keys() - {"OP"}
        if len(keys) != 1 or not keys <= {"LOWER", "LEMMA"}:
            return False
        value = token[keys.pop()]
        if type(value) is dict and value.keys() == {"IN"} and type(value["IN"]) is list:
            value = value["IN"]
            if all(type(v) is str for v in value):
                continue
            return False
        if type(value) is not str:
            return False
    return True


def pattern_variants(pattern: list[dict[str, Any]], max_optional: int = 3) -> list[list] | None:
    """Expand a literal token pattern into plain sequences, or return None if it is not one.

    A pattern qualifies when every token constrains exactly one of ``LOWER``
    or ``LEMMA`` to a string or an ``IN`` list, and its only operator is
    ``?`` on at most ``max_optional`` tokens. Each variant (with and without
    every optional token) is a list of (mode, words); together they match
    exactly what spaCy's Matcher matches.
    """
    tokens = []
    n_optional = 0
    for token in pattern:
        op = token.get("OP")
        keys = [k for k in token if k != "OP"]
        if op not in (None, "?") or len(keys) != 1 or keys[0] not in ("LOWER", "LEMMA"):
            return None
        words = literal_words(token[keys[0]])
        if words is None:
            return None
        n_optional += op == "?"
        tokens.append(((LEMMA_EXACT if keys[0] == "LEMMA" else FORM, sorted(words)), op == "?"))
    if n_optional > max_optional:
        return None
    variants: list[list] = [[]]
    for pred, optional in tokens:
        variants = [[*v, pred] for v in variants] + (variants if optional else [])
    return [v for v in variants if v]
