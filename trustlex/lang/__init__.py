"""Language helpers below the matcher: lemmas, inflections, sentence boundaries, language detection.

- :mod:`trustlex.lang.lemmas`: lookup lemmas cached per word type, and the
  canonical lookup key of a word form;
- :mod:`trustlex.lang.accents`: Dutch stress accents ("géén", "níet") folded
  out of the lookup key where the plain word is the same word;
- :mod:`trustlex.lang.morph`: regular inflections generated from a lemma;
- :mod:`trustlex.lang.sentences`: the one sentence rule, used by the
  sentencizer component and by the fused scan;
- :mod:`trustlex.lang.detect`: offline Dutch/English detection;
- :mod:`trustlex.lang.tokenizer`: spaCy's tokenizer with trustlex's rules and the
  faster searches of :mod:`trustlex.lang.affixes`.

Nothing here imports from the rest of trustlex except :mod:`trustlex.errors`.
"""
