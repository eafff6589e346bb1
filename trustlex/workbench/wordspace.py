"""Word vectors from a corpus alone: positive PMI over co-occurrence windows, reduced by truncated SVD.

Levy, Goldberg & Dagan (2015), "Improving distributional similarity with
lessons learned from word embeddings": context-distribution smoothing and the
eigenvalue weighting p = 0.5.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from trustlex.errors import SuggestError

# Context-distribution smoothing exponent of Levy, Goldberg & Dagan (2015).
CONTEXT_ALPHA = 0.75


def ppmi(stream: np.ndarray, sent: np.ndarray, n_words: int, window: int) -> sparse.csr_matrix:
    """Return the positive-PMI word-context matrix of a token-id stream, windows kept within sentences.

    Co-occurrences at distance ``d`` count ``(window - d + 1) / window``, as in
    word2vec's dynamic window, so that near neighbours weigh more.

    Parameters
    ----------
    stream : numpy.ndarray
        Word ids (0 to ``n_words - 1``), one per token, in corpus order.
    sent : numpy.ndarray
        The sentence of each token; windows do not cross sentences.
    n_words : int
        The number of distinct word ids.
    window : int
        Tokens either side that count as context.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``n_words`` by ``n_words``: positive PMI of word (row) and context (column).
    """
    counts = sparse.csr_matrix((n_words, n_words), dtype=np.float64)
    for d in range(1, min(window, len(stream) - 1) + 1):
        same = sent[:-d] == sent[d:]
        rows, cols = stream[:-d][same], stream[d:][same]
        data = np.full(len(rows), (window - d + 1) / window)
        counts = counts + sparse.csr_matrix((data, (rows, cols)), shape=(n_words, n_words))
    counts = (counts + counts.T).tocsr()  # symmetric window: left and right contexts alike
    counts.eliminate_zeros()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    ctx = np.asarray(counts.sum(axis=0)).ravel() ** CONTEXT_ALPHA
    ctx /= ctx.sum() if ctx.sum() > 0 else 1.0
    coo = counts.tocoo()
    # PMI = log(P(w, c) / (P(w) P_alpha(c))); the total count cancels out of the first two terms
    pmi = np.log(coo.data) - np.log(row_sum[coo.row]) - np.log(ctx[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def svd_vectors(matrix: sparse.csr_matrix, dims: int, seed: int) -> np.ndarray:
    """Return L2-normalised rows of ``U * sqrt(S)`` from a truncated SVD of ``matrix``.

    The square root of the singular values (Levy et al.'s eigenvalue weighting
    p = 0.5) works better for similarity than the plain ``U * S`` of
    ``TruncatedSVD.transform``.

    Parameters
    ----------
    matrix : scipy.sparse.csr_matrix
        Words (rows) by contexts (columns); contexts never seen are dropped.
    dims : int
        The most dimensions to keep (fewer for a small matrix).
    seed : int
        Random state of the SVD.

    Returns
    -------
    numpy.ndarray
        One unit-length row per word.

    Raises
    ------
    SuggestError
        When the matrix is too small for even one dimension.
    """
    # scikit-learn loads slowly, and only lexicon suggest needs it
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    matrix = matrix[:, np.flatnonzero(matrix.getnnz(axis=0))]
    k = min(dims, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if k < 1:
        msg = "the corpus is too small to compute word vectors; pass more text"
        raise SuggestError(msg)
    svd = TruncatedSVD(n_components=k, random_state=seed)
    # one BLAS thread: the matrices are thin (k ~ 100), and on a busy machine OpenBLAS threads
    # that spin-wait for each other made this step ten to twenty times slower in our tests
    with threadpool_limits(limits=1, user_api="blas"):
        reduced = svd.fit_transform(matrix)
    singular = svd.singular_values_
    reduced /= np.sqrt(np.where(singular > 0, singular, 1.0))
    return normalize(reduced)
