"""BM25 against a hand-worked corpus and a brute-force loop over the formula."""

import math

import numpy as np
import pytest

from mlinterview.ml.text.bm25 import (
    BM25,
    ENGLISH_STOP_WORDS,
    count_matrix,
    s_stem,
    tokenize,
)

DOCS = [["a", "b"], ["a", "a", "c"], ["c"]]


def test_tokenize_and_stem_hand_worked():
    assert tokenize("BM25's k1 = 1.2") == ["bm25", "s", "k1", "1", "2"]
    assert tokenize("The chunks of the queries", stop_words=ENGLISH_STOP_WORDS,
                    stem=True) == ["chunk", "query"]
    assert [s_stem(w) for w in ("queries", "boxes", "loss", "bus", "cats", "is")] == \
        ["query", "boxe", "loss", "bus", "cat", "is"]
    with pytest.raises(TypeError, match="text"):
        tokenize(["not", "a", "str"])


def test_count_matrix_hand_worked():
    counts, vocab = count_matrix(DOCS)
    assert vocab.tolist() == ["a", "b", "c"]
    np.testing.assert_array_equal(counts.toarray(), [[1, 1, 0], [2, 0, 1], [0, 0, 1]])
    q, _ = count_matrix([["c", "zzz", "a", "c"], []], vocab)     # unknown words dropped
    np.testing.assert_array_equal(q.toarray(), [[1, 0, 2], [0, 0, 0]])
    with pytest.raises(TypeError, match=r"docs\[0\]"):
        count_matrix(["a b"])
    with pytest.raises(ValueError, match="vocabulary"):
        count_matrix(DOCS, np.array(["b", "a"]))


def test_bm25_hand_worked():
    # N = 3, avgdl = 2, df(a) = 2: idf = ln(1 + 1.5 / 2.5) = ln 1.6.
    # doc 0: f = 1, |d| = 2: 1 · 2.5 / (1 + 1.5 · (0.25 + 0.75)) = 1.
    # doc 1: f = 2, |d| = 3: 2 · 2.5 / (2 + 1.5 · (0.25 + 1.125)) = 5 / 4.0625.
    scores = BM25(k1=1.5, b=0.75).fit(DOCS).score([["a"], ["a", "a"], ["zzz"]])
    idf = math.log(1.6)
    np.testing.assert_allclose(scores[0], [idf, idf * 5 / 4.0625, 0.0], rtol=1e-14)
    np.testing.assert_allclose(scores[1], 2 * scores[0], rtol=1e-14)   # qtf counts twice
    np.testing.assert_array_equal(scores[2], 0.0)


def test_bm25_robertson_idf_is_floored():
    # "a" is in 2 of 3 documents: ln((3 - 2 + 0.5) / 2.5) < 0, floored at 1e-6.
    index = BM25(idf="robertson").fit(DOCS)
    np.testing.assert_allclose(index.idf_[0], 1e-6)
    np.testing.assert_allclose(index.idf_[1], math.log(2.5 / 1.5))


def brute_force(docs, query, k1, b, idf):
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    out = np.zeros(n)
    for i, d in enumerate(docs):
        for t in query:
            df, f = sum(t in doc for doc in docs), d.count(t)
            if f == 0:          # an absent term adds nothing (0/0 when k1 = 0)
                continue
            if idf == "lucene":
                w = math.log(1 + (n - df + 0.5) / (df + 0.5))
            else:
                w = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
            out[i] += w * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / avgdl))
    return out


@pytest.mark.parametrize("k1, b", [(1.5, 0.75), (1.2, 0.75), (0.0, 0.5), (2.0, 0.0),
                                   (0.9, 1.0)])
@pytest.mark.parametrize("idf", ["lucene", "robertson"])
def test_bm25_matches_brute_force(k1, b, idf):
    rng = np.random.default_rng(int(k1 * 10 + b * 100))
    words = [f"w{i}" for i in range(25)]
    docs = [list(rng.choice(words, size=rng.integers(1, 30))) for _ in range(40)]
    queries = [list(rng.choice([*words, "unseen"], size=rng.integers(1, 6)))
               for _ in range(12)]
    scores = BM25(k1=k1, b=b, idf=idf).fit(docs).score(queries)
    for q, row in zip(queries, scores, strict=True):
        np.testing.assert_allclose(row, brute_force(docs, q, k1, b, idf), rtol=1e-12,
                                   atol=1e-15)


def test_bm25_attributes_and_saturation():
    index = BM25(k1=1.2, b=0.0).fit([["x"] * n + ["y"] for n in (1, 2, 5, 50)])
    np.testing.assert_array_equal(index.doc_len_, [2, 3, 6, 51])
    np.testing.assert_array_equal(index.doc_freq_, [4, 4])
    s = index.score([["x"]])[0] / index.idf_[0]
    # With b = 0 the term weight is f (k1 + 1) / (f + k1): rising, bounded by k1 + 1.
    np.testing.assert_allclose(s, [n * 2.2 / (n + 1.2) for n in (1, 2, 5, 50)])
    assert np.all(np.diff(s) > 0) and s[-1] < 2.2


def test_bm25_bad_input():
    with pytest.raises(ValueError, match="k1"):
        BM25(k1=-1).fit(DOCS)
    with pytest.raises(ValueError, match="b"):
        BM25(b=1.5).fit(DOCS)
    with pytest.raises(ValueError, match="idf"):
        BM25(idf="bm25+").fit(DOCS)
    with pytest.raises(ValueError, match="empty"):
        BM25().fit([[], []])
    with pytest.raises(RuntimeError, match="fit"):
        BM25().score([["a"]])
    with pytest.raises(TypeError, match="docs"):
        BM25().fit("a b c")
