"""The declared type of every column trustlex writes, per level: the one place Parquet types come from.

Types are named as in Arrow (``int64``, ``double``, ``bool``, ``string``), so
that this table needs no pyarrow to be read. Columns a table brings along
(its metadata) are not declared: they are written as text, whatever each
file held.
"""

from __future__ import annotations

from trustlex.concepts import CONCEPTS, VALENCE_SUFFIX

INT, FLOAT, BOOL, TEXT = "int64", "double", "bool", "string"

# the columns every output starts with; doc_id only with an id column, and as text, whatever the table held
LEAD_TYPES: dict[str, str] = {"path": TEXT, "row": INT, "doc_id": TEXT}

MATCH_TYPES: dict[str, str] = {
    "lang": TEXT,
    "sent_id": INT,
    "start_char": INT,
    "end_char": INT,
    "text": TEXT,
    "concept": TEXT,
    "valence": TEXT,
    "base_valence": TEXT,
    "cue": TEXT,
    "cue_kind": TEXT,
    "hedged": BOOL,
    "hedge": TEXT,
    "weight": FLOAT,
    "entry_id": TEXT,
    "kind": TEXT,
    "lexicon": TEXT,
    "referent": TEXT,
    "referent_text": TEXT,
    "referent_how": TEXT,
}

SENTENCE_TYPES: dict[str, str] = {
    "lang": TEXT,
    "sent_id": INT,
    "sentence": TEXT,
    "concept": TEXT,
    "valence": TEXT,
    "weight": FLOAT,
    "n_matches": INT,
    "terms": TEXT,
    "cues": TEXT,
    "hedged": BOOL,
    "entry_ids": TEXT,
    "start_char": INT,
    "end_char": INT,
    "referent": TEXT,
    "referent_text": TEXT,
    "referent_how": TEXT,
}

# per concept, the document row counts sentences by valence and gives their rate per 1,000 words
# and net valence, (pos - neg) / n
PER_CONCEPT_TYPES: dict[str, str] = {
    VALENCE_SUFFIX["+"]: INT,
    VALENCE_SUFFIX["-"]: INT,
    VALENCE_SUFFIX["0"]: INT,
    "n": INT,
    "rate": FLOAT,
    "net": FLOAT,
}

DOC_TYPES: dict[str, str] = {
    "lang": TEXT,
    "n_words": INT,
    "n_sents": INT,
    "n_matches": INT,
    **{f"{c}_{suffix}": kind for c in CONCEPTS for suffix, kind in PER_CONCEPT_TYPES.items()},
}

# what a model adds to each sentence row: which of lexicon and model found the concept, and how sure
MODEL_TYPES: dict[str, str] = {"source": TEXT, "probability": FLOAT}
MODEL_COLUMNS: tuple[str, ...] = tuple(MODEL_TYPES)

COLUMN_TYPES: dict[str, dict[str, str]] = {"doc": DOC_TYPES, "sentence": SENTENCE_TYPES, "match": MATCH_TYPES}


def column_type(column: str, level: str, lead: list[str]) -> str:
    """Return the declared type of ``column`` in an output at ``level``; ``lead`` are trustlex's own columns.

    Columns outside ``lead`` came from the documents' tables and are text.
    """
    if column not in lead:
        return TEXT
    declared = LEAD_TYPES.get(column) or COLUMN_TYPES[level].get(column) or MODEL_TYPES.get(column)
    if declared is None:
        msg = f"no declared type for the {level} column {column!r}: add it to trustlex.batch.schema"
        raise KeyError(msg)
    return declared
