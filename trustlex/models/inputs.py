"""What trustlex's scikit-learn estimators accept as ``X``: texts, one ``str`` per document.

:class:`~trustlex.models.TrustVectorizer` and
:class:`~trustlex.models.TrustClassifier` read raw text, as scikit-learn's
``CountVectorizer`` does, and declare so in their tags. Anything else (a
single string, a 2-D or sparse numeric array, a missing value or a number
among the texts) is refused here with an error that says what was wrong and
where, rather than turned into text: ``str(None)`` or ``str([0.1, 0.2])``
would be scored as words and give plausible-looking nonsense.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

_MISSING_HINT = "; fill in missing texts first, e.g. X.fillna('') or [t or '' for t in X]"


def texts_of(data: Any, where: str) -> list[str]:
    """Return ``data`` (an estimator's ``X``) as a list of str, or raise an error naming what is wrong.

    Parameters
    ----------
    data : iterable of str
        A list, tuple, 1-D array or pandas Series of texts, or a DataFrame
        with one column of texts (as a ``ColumnTransformer`` passes it).
    where : str
        The method that got ``X`` (``"TrustVectorizer.fit"``), named in errors.

    Returns
    -------
    list of str
        One text per document, in order.

    Raises
    ------
    TypeError
        For a single str or bytes, a sparse matrix, something not iterable,
        or an item that is not a str (None, NaN, a number, bytes, a list):
        the message gives the item's index.
    ValueError
        For a 2-D array (a numeric feature matrix) or a DataFrame of several
        columns.
    """
    if isinstance(data, str | bytes):
        kind = type(data).__name__
        msg = f"{where}: expected an iterable of texts, got a single {kind}; wrap it in a list: [text]"
        raise TypeError(msg)
    if sparse.issparse(data):
        msg = (
            f"{where}: expected an iterable of texts, got a sparse matrix of shape {data.shape}; "
            "this estimator reads raw text (one str per document), not numeric features"
        )
        raise TypeError(msg)
    if isinstance(data, pd.DataFrame):
        if data.shape[1] != 1:
            n = data.shape[1]
            msg = f"{where}: expected texts (a list, Series or one-column DataFrame), got {n} columns"
            raise ValueError(msg)
        data = data.iloc[:, 0]
    ndim = getattr(data, "ndim", 1)
    if ndim != 1:
        msg = (
            f"{where}: expected a 1-D iterable of texts, got a {ndim}-D array of shape "
            f"{getattr(data, 'shape', '?')}; this estimator reads raw text (one str per document), "
            "not numeric features"
        )
        raise ValueError(msg)
    if isinstance(data, np.ndarray) and data.dtype.kind == "U":
        return data.tolist()  # every item is a str already
    if isinstance(data, pd.Series):
        data = data.tolist()  # several times faster than iterating the Series
    try:
        items = iter(data)
    except TypeError:
        msg = f"{where}: expected an iterable of texts (str), got {type(data).__name__}"
        raise TypeError(msg) from None
    texts: list[str] = []
    for i, text in enumerate(items):
        if type(text) is not str:
            if not isinstance(text, str):
                raise TypeError(_not_text(where, i, text))
            text = str(text)  # a str subclass such as numpy's str_: a plain str for spaCy
        texts.append(text)
    return texts


def _not_text(where: str, i: int, item: Any) -> str:
    """Return the message for item ``i`` of ``X`` that is not a str."""
    if item is None or item is pd.NA or (isinstance(item, float) and item != item):
        what = "None" if item is None else "NaN" if isinstance(item, float) else "pd.NA"
        return f"{where}: X item {i} is {what} (a missing text), not a str{_MISSING_HINT}"
    if isinstance(item, bytes):
        return f"{where}: X item {i} is bytes, not a str; decode it first, e.g. item.decode('utf-8')"
    shape = getattr(item, "shape", None)
    kind = type(item).__name__ + (f" of shape {shape}" if shape else "")
    hint = (
        "; X looks like numeric features, but this estimator reads raw text (one str per document)"
        if isinstance(item, list | tuple | np.ndarray | numbers.Number)
        else ""
    )
    return f"{where}: X item {i} is a {kind}, not a str{hint}"
