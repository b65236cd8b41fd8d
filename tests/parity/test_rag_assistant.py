"""RAG pieces against scikit-learn 1.9 and SQLite's FTS5.

- ``count_matrix`` against ``sklearn.feature_extraction.text.CountVectorizer`` with an
  identity analyzer (the documents are token lists): same sorted vocabulary, equal counts.
- ``TfidfVectorizer`` against scikit-learn's ``TfidfVectorizer`` (identity analyzer) for
  every combination of ``sublinear_tf``, ``smooth_idf`` and ``norm``, on the fitted
  documents and on new ones with unknown tokens: rtol 1e-12 (the same float64 arithmetic).
- ``TruncatedSVD`` (arpack and full) against ``sklearn.decomposition.TruncatedSVD`` with
  ``algorithm="arpack"``: singular values rtol 1e-8; components and transforms equal up to
  the sign of each component, atol 1e-8 on unit-scale entries (ARPACK converges to
  machine precision with tol=0; the spectra here are well separated).
- ``BM25(k1=1.2, b=0.75, idf="robertson")`` against SQLite FTS5's built-in ``bm25()``
  (which returns the score negated), on random corpora: rtol 1e-9 (FTS5 stores its
  statistics as integers and computes in double, like us).
"""

import sqlite3

import numpy as np
import pytest
import scipy.sparse as sp
import sklearn.decomposition
import sklearn.feature_extraction.text as skt

from mlinterview.ml.design.rag import TfidfVectorizer, TruncatedSVD
from mlinterview.ml.text.bm25 import BM25, count_matrix


def corpus(seed, n_docs=60, n_words=40, max_len=30):
    rng = np.random.default_rng(seed)
    # Zipf-like word frequencies, as in text: a few words in most documents.
    p = 1 / np.arange(1, n_words + 1)
    words = np.array([f"w{i}" for i in range(n_words)])
    return [list(rng.choice(words, size=rng.integers(1, max_len), p=p / p.sum()))
            for _ in range(n_docs)]


def identity(doc):
    return doc


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_count_matrix_matches_count_vectorizer(seed):
    docs = corpus(seed)
    ours, vocab = count_matrix(docs)
    ref = skt.CountVectorizer(analyzer=identity)
    X = ref.fit_transform(docs)
    assert vocab.tolist() == ref.get_feature_names_out().tolist()
    np.testing.assert_array_equal(ours.toarray(), X.toarray())


@pytest.mark.parametrize("sublinear_tf", [False, True])
@pytest.mark.parametrize("smooth_idf", [False, True])
@pytest.mark.parametrize("norm", ["l2", None])
@pytest.mark.parametrize("seed", [0, 3])
def test_tfidf_matches_sklearn(sublinear_tf, smooth_idf, norm, seed):
    docs = corpus(seed)
    new = [["w1", "unknown", "w1", "w7"], ["never", "seen"], ["w0"]]
    ours = TfidfVectorizer(sublinear_tf=sublinear_tf, smooth_idf=smooth_idf, norm=norm)
    ref = skt.TfidfVectorizer(analyzer=identity, sublinear_tf=sublinear_tf,
                              smooth_idf=smooth_idf, norm=norm)
    np.testing.assert_allclose(ours.fit_transform(docs).toarray(),
                               ref.fit_transform(docs).toarray(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ours.idf_, ref.idf_, rtol=1e-12)
    np.testing.assert_allclose(ours.transform(new).toarray(), ref.transform(new).toarray(),
                               rtol=1e-12, atol=1e-15)


def align_signs(ours, ref):
    """Flip each row of ``ours`` to the sign of the matching row of ``ref``."""
    signs = np.sign(np.sum(ours * ref, axis=1, keepdims=True))
    return ours * signs, signs.ravel()


@pytest.mark.parametrize("algorithm", ["arpack", "full"])
@pytest.mark.parametrize("case", ["dense", "tfidf", "float32"])
def test_truncated_svd_matches_sklearn_up_to_sign(algorithm, case):
    rng = np.random.default_rng(5)
    if case == "tfidf":
        X = TfidfVectorizer(sublinear_tf=True).fit_transform(corpus(7, n_docs=120,
                                                                    n_words=80))
        c = 10
    else:
        # A decaying spectrum: well-separated singular values, so vectors are unique.
        X = rng.normal(size=(50, 20)) @ np.diag(0.8 ** np.arange(20)) @ \
            np.linalg.qr(rng.normal(size=(20, 20)))[0]
        c = 6
        if case == "float32":
            X = X.astype(np.float32)
    ours = TruncatedSVD(c, algorithm=algorithm, random_state=0)
    Z = ours.fit_transform(X)
    ref = sklearn.decomposition.TruncatedSVD(c, algorithm="arpack", random_state=0)
    Zr = ref.fit_transform(sp.csr_matrix(X, dtype=np.float64) if sp.issparse(X)
                           else X.astype(np.float64))
    np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=1e-8)
    comps, signs = align_signs(ours.components_, ref.components_)
    np.testing.assert_allclose(comps, ref.components_, atol=1e-8)
    np.testing.assert_allclose(Z * signs, Zr, atol=1e-8)
    # Both follow the same sign rule (largest-magnitude entry of a component positive).
    assert np.all(signs == 1)


def fts5_scores(docs, query):
    """-bm25() of every document for an OR query of distinct terms (0 when unmatched)."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    con.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)",
                    [(i + 1, " ".join(d)) for i, d in enumerate(docs)])
    rows = con.execute("SELECT rowid, -bm25(t) FROM t WHERE t MATCH ?",
                       (" OR ".join(f'"{w}"' for w in query),)).fetchall()
    con.close()
    out = np.zeros(len(docs))
    for rowid, score in rows:
        out[rowid - 1] = score
    return out


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_bm25_matches_sqlite_fts5(seed):
    docs = corpus(seed, n_docs=80)
    rng = np.random.default_rng(100 + seed)
    index = BM25(k1=1.2, b=0.75, idf="robertson").fit(docs)
    for _ in range(8):
        query = sorted(set(rng.choice([f"w{i}" for i in range(45)],
                                      size=rng.integers(1, 5)).tolist()))
        np.testing.assert_allclose(index.score([query])[0], fts5_scores(docs, query),
                                   rtol=1e-9, atol=1e-12)
