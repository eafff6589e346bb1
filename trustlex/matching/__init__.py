"""Lexicon matching: the compiled index, the scanner, token patterns, the context rules, hits.

- :mod:`trustlex.matching.index`: the lexicon compiled into per-word-type tables and caches;
- :mod:`trustlex.matching.scan`: :class:`~trustlex.matching.scan.Engine`, which finds hits
  in a doc (raw matches, exclusions, overlaps, then context);
- :mod:`trustlex.matching.patterns`: spaCy token patterns run as sequences or on a small
  interpreter;
- :mod:`trustlex.matching.context`: the ConText valence rules, pure functions;
  :mod:`trustlex.matching.context_lines`: where a sentence's lines open, the scope ends at line breaks;
- :mod:`trustlex.matching.referents`: referent attribution, the rules in order (the first one,
  ``pattern``, in :mod:`trustlex.matching.referent_patterns`);
- :mod:`trustlex.matching.units`: the hit record and collapsing hits into units.
"""
