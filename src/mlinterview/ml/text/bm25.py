"""Okapi BM25: ranking documents for a keyword query (Robertson and Zaragoza 2009).

A document ``d`` gets, for every query term ``t`` it contains,

    idf(t) · f(t, d) · (k1 + 1) / (f(t, d) + k1 · (1 − b + b · |d| / avgdl))

summed over the query's terms (a term typed twice counts twice). ``f(t, d)`` is the
term's count in the document, ``|d|`` its length in tokens and ``avgdl`` the mean length.
``k1`` sets how fast repeated occurrences saturate (k1 = 0: presence only; large k1: raw
counts), ``b`` how much a long document is penalised (b = 0: not at all; b = 1: counts are
divided by the relative length).

Two inverse document frequencies (``n(t)`` documents of ``N`` contain ``t``):

- ``"lucene"`` (the default, Lucene and Elasticsearch): ``ln(1 + (N − n + 0.5) / (n + 0.5))``,
  always positive;
- ``"robertson"`` (the original, as SQLite FTS5 computes it): ``ln((N − n + 0.5) / (n + 0.5))``,
  negative for a term in more than half the documents, so it is floored at 1e-6 as FTS5
  does (a very common term then counts almost nothing instead of lowering the score).

Everything but the query is computed once in :meth:`BM25.fit`: the per-(document, term)
weight above is stored in a sparse matrix ``W`` (n_docs, n_terms) with one entry per
distinct term of each document, so scoring a batch of queries is one sparse product
``Q @ Wᵀ`` with ``Q`` the queries' term counts.

Also here: :func:`tokenize` (lower-cased letters and digits, optional stop words and a
plural-stripping stemmer) and :func:`count_matrix` (the document-term counts, as
scikit-learn's ``CountVectorizer`` builds them, shared with TF-IDF in
:mod:`mlinterview.ml.design.rag`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from mlinterview.ml._validation import check_option, check_scalar

__all__ = ["BM25", "ENGLISH_STOP_WORDS", "IDF", "count_matrix", "s_stem", "tokenize"]

_TOKEN = re.compile(r"[a-z0-9]+")

_STOP_WORD_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just
me more most my no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why
will with would you your yours
"""
#: A short English stop-word list: words that say how a sentence is built, not what it is
#: about. Dropping them shortens documents and queries without losing matches.
ENGLISH_STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


@functools.lru_cache(maxsize=65536)       # a corpus has far fewer distinct words than tokens
def s_stem(word: str) -> str:
    """Harman's (1991) "S" stemmer: strip English plurals only.

    ``-ies`` → ``-y`` (unless ``-eies``/``-aies``), ``-es`` → ``-e`` (unless ``-aes``,
    ``-ees``, ``-oes``), ``-s`` → ``""`` (unless ``-us``, ``-ss``). "queries" → "query",
    "chunks" → "chunk", "loss" stays. Far weaker than Porter's stemmer, but it never merges
    words with different meanings, and it keeps the index readable.
    """
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def tokenize(text: str, *, stop_words=None, stem: bool = False) -> list[str]:
    """Lower-cased runs of ASCII letters and digits of ``text``, in order.

    ``stop_words``: a set of words to drop (e.g. :data:`ENGLISH_STOP_WORDS`), or None.
    ``stem``: apply :func:`s_stem` to every kept word.

    >>> tokenize("BM25's k1 = 1.2, b = 0.75")
    ['bm25', 's', 'k1', '1', '2', 'b', '0', '75']
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    words = _TOKEN.findall(text.lower())
    if stop_words is not None:
        words = [w for w in words if w not in stop_words]
    if stem:
        words = [s_stem(w) for w in words]
    return words


def _check_docs(docs, name: str) -> list[list[str]]:
    if isinstance(docs, (str, bytes)) or not isinstance(docs, Sequence):
        raise TypeError(f"{name}: expected a sequence of token lists, got "
                        f"{type(docs).__name__}")
    checked = []
    for i, doc in enumerate(docs):
        if isinstance(doc, list):        # the common case, without the slower ABC check
            checked.append(doc)
            continue
        if isinstance(doc, (str, bytes)) or not isinstance(doc, Sequence):
            raise TypeError(f"{name}[{i}]: expected a list of str tokens (tokenise the text "
                            f"first), got {type(doc).__name__}")
        checked.append(list(doc))
    return checked


def count_matrix(docs, vocabulary=None) -> tuple[sp.csr_matrix, np.ndarray]:
    """Document-term counts of tokenised documents.

    Parameters
    ----------
    docs : sequence of n_docs lists of str tokens
    vocabulary : sorted 1-D array of str, optional. Given: the columns are these terms and
        tokens outside it are ignored (how queries are counted against a fitted index).
        None: the vocabulary is every distinct token, sorted (scikit-learn's column order).

    Returns
    -------
    counts : csr_matrix of shape (n_docs, n_terms), int64; ``counts[i, j]`` is how often
        ``vocabulary[j]`` occurs in ``docs[i]``
    vocabulary : ndarray of str of shape (n_terms,)

    Tokens are mapped to columns through a dict (a hash lookup per token: five times
    faster than ``np.unique`` on an array of strings, whose sort dominates); duplicates
    within a document are summed by the sparse constructor.
    """
    docs = _check_docs(docs, "docs")
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    tokens = [t for d in docs for t in d]
    if vocabulary is None:
        vocabulary = np.array(sorted(set(tokens)), dtype=str)   # scikit-learn's order
    else:
        vocabulary = np.asarray(vocabulary, dtype=str)
        if vocabulary.ndim != 1 or np.any(vocabulary[1:] <= vocabulary[:-1]):
            raise ValueError("vocabulary: expected a sorted 1-D array of distinct terms")
    column = dict(zip(vocabulary.tolist(), range(vocabulary.size), strict=True))
    cols = np.fromiter((column.get(t, -1) for t in tokens), dtype=np.int64,
                       count=len(tokens))
    rows = np.repeat(np.arange(len(docs)), lengths)
    known = cols >= 0                     # tokens outside a given vocabulary are ignored
    rows, cols = rows[known], cols[known]
    counts = sp.csr_matrix((np.ones(rows.size, dtype=np.int64), (rows, cols)),
                           shape=(len(docs), vocabulary.size))
    counts.sum_duplicates()
    return counts, vocabulary


def _idf_lucene(n_docs: int, df: np.ndarray) -> np.ndarray:
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


def _idf_robertson(n_docs: int, df: np.ndarray) -> np.ndarray:
    # Floored as SQLite FTS5 floors it: a term in over half the documents would otherwise
    # subtract from the score of every document that contains it.
    return np.maximum(np.log((n_docs - df + 0.5) / (df + 0.5)), 1e-6)


#: The inverse-document-frequency formulas :class:`BM25` accepts.
IDF = {"lucene": _idf_lucene, "robertson": _idf_robertson}


class BM25:
    """An Okapi BM25 index over tokenised documents.

    Parameters
    ----------
    k1 : float >= 0, term-frequency saturation (1.2 in SQLite FTS5, 1.2-2.0 usual)
    b : float in [0, 1], length normalisation
    idf : ``"lucene"`` or ``"robertson"`` (see the module docstring)

    Attributes (after :meth:`fit`)
    ------------------------------
    vocabulary_ : ndarray of str (n_terms,), sorted
    doc_freq_ : ndarray of int (n_terms,), documents containing each term
    idf_ : ndarray of float (n_terms,)
    doc_len_ : ndarray of int (n_docs,), tokens per document
    avgdl_ : float, mean document length
    weights_ : csr_matrix (n_docs, n_terms), the BM25 weight of every (document, term) pair
        with a non-zero count: a query's score is the sum of its terms' columns.
    """

    def __init__(self, k1: float = 1.5, b: float = 0.75, idf: str = "lucene"):
        self.k1 = k1
        self.b = b
        self.idf = idf

    def fit(self, docs) -> BM25:
        """Index ``docs`` (n_docs lists of tokens); returns self."""
        check_scalar(self.k1, "k1", lo=0.0)
        check_scalar(self.b, "b", lo=0.0, hi=1.0)
        check_option(self.idf, "idf", IDF)
        counts, self.vocabulary_ = count_matrix(docs)
        n_docs = counts.shape[0]
        if n_docs == 0:
            raise ValueError("docs: expected at least one document, got 0")
        self.doc_len_ = np.asarray(counts.sum(axis=1)).ravel()
        self.avgdl_ = float(self.doc_len_.mean())
        if self.avgdl_ == 0:
            raise ValueError("docs: every document is empty")
        self.doc_freq_ = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf_ = IDF[self.idf](n_docs, self.doc_freq_.astype(np.float64))
        # Only the non-zero counts get a weight: the stored entries of the CSR matrix, each
        # with its row's length (np.repeat over the row pointer) and its column's idf.
        f = counts.data.astype(np.float64)
        row_len = np.repeat(self.doc_len_, np.diff(counts.indptr)).astype(np.float64)
        norm = self.k1 * (1.0 - self.b + self.b * row_len / self.avgdl_)
        data = self.idf_[counts.indices] * f * (self.k1 + 1.0) / (f + norm)
        self.weights_ = sp.csr_matrix((data, counts.indices.copy(), counts.indptr.copy()),
                                      shape=counts.shape)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "weights_"):
            raise RuntimeError("BM25: call fit(docs) before scoring")

    def query_counts(self, queries) -> sp.csr_matrix:
        """Term counts of tokenised ``queries`` over the index's vocabulary,
        shape (n_queries, n_terms); terms the index never saw are dropped."""
        self._check_fitted()
        return count_matrix(queries, self.vocabulary_)[0]

    def score(self, queries) -> np.ndarray:
        """BM25 score of every document for every query, shape (n_queries, n_docs).

        ``queries``: a sequence of token lists. A document sharing no term with a query
        scores 0.
        """
        q = self.query_counts(queries).astype(np.float64)
        return np.asarray((q @ self.weights_.T).todense())

    def __repr__(self) -> str:
        return f"BM25(k1={self.k1!r}, b={self.b!r}, idf={self.idf!r})"
