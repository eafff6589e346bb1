"""Shim: removed when the refactor is merged."""

from trustlex.errors import ModelError  # noqa: F401
from trustlex.models.checks import (  # noqa: F401
    _PARAMS,
    _REPR,
    FORMAT,
    FORMAT_VERSION,
    MAX_WORD_NGRAM,
    _check_body,
    _check_detector,
    _check_own,
    _check_params,
    _check_tfidf,
    _check_valence,
    _check_versions,
    _FieldError,
    _fields,
    _floats,
    _join,
    _kind,
    _lexicon_names,
    _ngrams,
    _number,
    _Param,
    _per_concept,
    _short,
    _Table,
    _table,
    _text,
    _utf8,
)
from trustlex.models.classifier import (  # noqa: F401
    DEFAULT_MODEL,
    TrustClassifier,
    _fit_binary,
    _fit_valence,
    _proba,
    _valence,
    default_model,
    resolve_model,
)
from trustlex.models.labels import (  # noqa: F401
    combine,
    labels_dicts,
    labels_frame,
    lexicon_labels,
    lexicon_units,
)
from trustlex.models.modelfile import (  # noqa: F401
    KEY_ENV,
    _describe_lexicons,
    _jsonable,
    _lexicon_key,
    _lexicon_record,
    _rounded,
    _shipped_name,
    _signature,
    _signing_key,
    _verify,
)
from trustlex.models.vectorizer import _SUFFIXES, TrustVectorizer  # noqa: F401
from trustlex.models.weak import train_from_lexicon  # noqa: F401
