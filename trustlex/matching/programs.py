"""Compiled pattern steps laid out for the scan: most token tests become one set look-up.

:func:`trustlex.matching.patterns.compile_pattern` gives each token of a
pattern a tuple of checks, which :func:`trustlex.matching.patterns.run_pattern`
reads through a call of ``_token_ok`` per token. Nearly every step of the
shipped patterns holds one check, a set of lowercase or lemma ids, or none
(``{}``, any token): :func:`program` files each step by that kind, so that
:func:`run_program` tests such a token with one look-up and no call, and walks
the steps that take exactly one token (most of them) from a single position
rather than a set of them. It returns what ``run_pattern`` returns, always.
"""

from __future__ import annotations

from typing import Any

from trustlex.matching.patterns import _IN, _token_ok

# how a step's token is tested: any token, one set of ids (of the form or the lemma), the general checks
ANY, FORM_IN, LEMMA_IN, CHECKS = 0, 1, 2, 3


def program(steps: list[tuple]) -> tuple[tuple, ...]:
    """Return ``steps`` (from ``compile_pattern``) as (kind, argument, negated, min, max) per token."""
    out = []
    for checks, negated, lo, hi in steps:
        if not checks:
            kind, arg = ANY, None
        elif len(checks) == 1 and checks[0][1] == _IN:
            kind, arg = (FORM_IN if checks[0][0] == 0 else LEMMA_IN), checks[0][2]
        else:
            kind, arg = CHECKS, checks
        out.append((kind, arg, negated, lo, hi))
    return tuple(out)


def run_program(
    steps: tuple[tuple, ...],
    start: int,
    end: int,
    lowers: list[int],
    lemmas: list[int],
    strings: Any,
    first: int = 0,
) -> set[int] | tuple[()]:
    """Return every end position of a match of ``steps`` (see :func:`program`) starting at ``start``.

    The same ends as :func:`trustlex.matching.patterns.run_pattern` on the
    steps the program was made of (before ``end``; ``first`` is the first
    token of the sentence), but an empty tuple when there are none.
    """
    p = start
    k = 0
    n = len(steps)
    # the leading steps that take exactly one token: one position, no set
    while k < n:
        kind, arg, negated, lo, hi = steps[k]
        if lo != 1 or hi != 1:
            break
        if p >= end:
            return ()
        if kind == FORM_IN:
            ok = lowers[p] in arg
        elif kind == LEMMA_IN:
            ok = lemmas[p] in arg
        elif kind == ANY:
            ok = True
        else:
            ok = _token_ok(arg, p, lowers, lemmas, strings, first)
        if ok == negated:
            return ()
        p += 1
        k += 1
    if k == n:
        return {p} if p != start else ()  # every step took a token (an empty pattern matches nothing)
    positions = _walk(steps, k, p, end, lowers, lemmas, strings, first)
    positions.discard(start)
    return positions or ()


def _walk(
    steps: tuple[tuple, ...],
    k: int,
    p: int,
    end: int,
    lowers: list[int],
    lemmas: list[int],
    strings: Any,
    first: int,
) -> set[int]:
    """Return the ends of ``steps[k:]`` from position ``p``, each step taking its min to max tokens."""
    positions = {p}
    for kind, arg, negated, lo, hi in steps[k:]:
        column = lowers if kind == FORM_IN else lemmas
        nxt = set()
        for p in positions:
            if lo == 0:
                nxt.add(p)
            q, taken = p, 0
            while q < end and (hi is None or taken < hi):
                if kind == ANY:
                    ok = True
                elif kind == CHECKS:
                    ok = _token_ok(arg, q, lowers, lemmas, strings, first)
                else:
                    ok = column[q] in arg
                if ok == negated:
                    break
                q += 1
                taken += 1
                if taken >= lo:
                    nxt.add(q)
        positions = nxt
        if not positions:
            break
    return positions
