"""RAG pieces on hand-worked cases and brute force (the reference-library comparisons of
TF-IDF, the SVD, the counts and BM25 are in tests/parity/test_rag_assistant.py)."""

import numpy as np
import pytest

from mlinterview.ml.design.rag import (
    LRUCache,
    LSARetriever,
    TermProximityReranker,
    TruncatedSVD,
    chunk_documents,
    doc_recall_at_k,
    generation_latency,
    groundedness,
    markdown_sections,
    reciprocal_rank_fusion,
    window_spans,
    zipf_stream,
)
from mlinterview.ml.text.bm25 import BM25

# -- chunking ------------------------------------------------------------------------------


@pytest.mark.parametrize("n, size, overlap, starts, ends", [
    (10, 4, 1, [0, 3, 6], [4, 7, 10]),
    (4, 4, 0, [0], [4]),
    (5, 4, 0, [0, 4], [4, 5]),
    (3, 10, 2, [0], [3]),
    (0, 4, 1, [], []),
    (7, 3, 2, [0, 1, 2, 3, 4], [3, 4, 5, 6, 7]),
])
def test_window_spans_hand_worked(n, size, overlap, starts, ends):
    s, e = window_spans(n, size, overlap)
    assert s.tolist() == starts and e.tolist() == ends


def test_window_spans_properties_against_a_loop():
    rng = np.random.default_rng(0)
    for _ in range(200):
        size = int(rng.integers(1, 30))
        overlap = int(rng.integers(0, size))
        n = int(rng.integers(0, 200))
        expected, start = [], 0          # the loop a reader would write
        while n > 0:
            expected.append((start, min(start + size, n)))
            if start + size >= n:
                break
            start += size - overlap
        s, e = window_spans(n, size, overlap)
        assert list(zip(s.tolist(), e.tolist(), strict=True)) == expected


def test_window_spans_bad_input():
    with pytest.raises(ValueError, match="overlap"):
        window_spans(10, 4, 4)
    with pytest.raises(ValueError, match="size"):
        window_spans(10, 0, 0)
    with pytest.raises(TypeError, match="n_tokens"):
        window_spans(10.0, 4, 1)


def test_markdown_sections_skip_code_fences():
    text = "intro\n# A\nbody a\n```\n# not a heading\n```\n## B ##\nbody b\n### C\n"
    assert markdown_sections(text) == [
        ("", "intro"), ("A", "body a\n```\n# not a heading\n```"), ("B", "body b"), ("C", "")]
    assert markdown_sections("# Only\ntext") == [("Only", "text")]


def test_chunk_documents_fixed_and_section():
    words = " ".join(f"w{i}" for i in range(10))
    chunks = chunk_documents({"d": words}, strategy="fixed", size=4, overlap=1)
    assert [c.text for c in chunks] == ["w0 w1 w2 w3", "w3 w4 w5 w6", "w6 w7 w8 w9"]
    assert [c.start for c in chunks] == [0, 3, 6] and {c.doc for c in chunks} == {"d"}
    md = "# Head\none two three four five\n## Empty\n"
    chunks = chunk_documents({"x": md, "y": "# T\nsix"}, strategy="section", size=4)
    assert [(c.doc, c.heading, c.text) for c in chunks] == [
        ("x", "Head", "Head one two three"), ("x", "Head", "Head four five"),
        ("x", "Empty", "Empty"), ("y", "T", "T six")]
    with pytest.raises(ValueError, match="strategy"):
        chunk_documents({"d": "a"}, strategy="sentences")
    with pytest.raises(TypeError, match="docs"):
        chunk_documents(["a"])


# -- retrieval -----------------------------------------------------------------------------


def test_truncated_svd_solvers_agree_and_transform_matches():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 12))
    a = TruncatedSVD(4, algorithm="arpack", random_state=0)
    f = TruncatedSVD(4, algorithm="full")
    Za, Zf = a.fit_transform(X), f.fit_transform(X)
    np.testing.assert_allclose(Za, Zf, atol=1e-9)     # same sign rule, so equal
    np.testing.assert_allclose(a.transform(X), Za, atol=1e-9)
    np.testing.assert_allclose(a.singular_values_, np.linalg.svd(X)[1][:4], rtol=1e-10)
    with pytest.raises(ValueError, match="n_components"):
        TruncatedSVD(12).fit(X)                        # arpack needs < min(shape)
    with pytest.raises(ValueError, match="algorithm"):
        TruncatedSVD(2, algorithm="randomized").fit(X)


def test_lsa_matches_a_synonym_bm25_cannot():
    # "car" and "automobile" never meet, but both co-occur with "engine" and "wheel".
    docs = [["car", "engine", "wheel"], ["automobile", "engine", "wheel"],
            ["banana", "fruit", "yellow"], ["apple", "fruit", "red"],
            ["car", "wheel", "road"], ["automobile", "road", "engine"]]
    lsa = LSARetriever(n_components=2, random_state=0).fit(docs)
    s = lsa.score([["automobile"], ["nothing", "known"]])
    assert s[0, 0] > 0.9 and abs(s[0, 2]) < 0.1       # doc 0 has no "automobile"
    assert BM25().fit(docs).score([["automobile"]])[0, 0] == 0.0
    np.testing.assert_array_equal(s[1], 0.0)          # a query of unknown words


def test_reciprocal_rank_fusion_hand_worked():
    a = np.array([[0, 1, 2], [3, 2, 1]])
    b = np.array([[2, 0, -1], [1, -1, -1]])
    fused = reciprocal_rank_fusion([a, b], 4, k=60)
    np.testing.assert_allclose(fused[0], [1 / 61 + 1 / 62, 1 / 62, 1 / 63 + 1 / 61, 0])
    np.testing.assert_allclose(fused[1], [0, 1 / 63 + 1 / 61, 1 / 62, 1 / 61])
    with pytest.raises(ValueError, match=r"rankings\[1\]"):
        reciprocal_rank_fusion([a, np.array([[0, 4]] * 2)], 4)
    with pytest.raises(ValueError, match="rows"):
        reciprocal_rank_fusion([a, a[:1]], 4)
    with pytest.raises(TypeError, match="rankings"):
        reciprocal_rank_fusion(a, 4)


def test_reranker_features_hand_worked():
    chunks = [["x", "a", "b", "c", "y"], ["x", "p", "q", "r", "s", "t", "y"], ["z"]]
    index = BM25().fit(chunks)                 # x and y: same idf, so weights 1/2 each
    near = TermProximityReranker(window=5).fit(index, chunks)
    np.testing.assert_allclose(near.features(["x", "y", "unknown"], [0, 1, 2]),
                               [[1.0, 1.0], [1.0, 0.5], [0.0, 0.0]])
    narrow = TermProximityReranker(window=3).fit(index, chunks)
    np.testing.assert_allclose(narrow.features(["x", "y"], [0]), [[1.0, 0.5]])
    # Scores with the prior 1 / (1 + rank): chunk 1 first: 1 + 0.5 + 1/2 = 2.0,
    # chunk 0 second: 1 + 1 + 1/3 = 2.33, so the re-ranker swaps them ...
    assert near.rerank(["x", "y"], [1, 0]).tolist() == [0, 1]
    # ... unless the first stage's opinion weighs more.
    heavy = TermProximityReranker(window=5, prior_weight=10.0).fit(index, chunks)
    assert heavy.rerank(["x", "y"], [1, 0]).tolist() == [1, 0]
    np.testing.assert_array_equal(near.features(["nothing"], [0, 1]), 0.0)


def test_doc_recall_counts_each_document_once():
    chunk_doc = np.array([0, 0, 1, 2])
    ranking = np.array([[0, 1, 2], [3, 2, 0]])
    relevant = np.array([[True, True, False], [False, False, False]])
    assert doc_recall_at_k(ranking, chunk_doc, relevant, k=2) == 0.5   # 2 chunks, 1 doc
    assert doc_recall_at_k(ranking, chunk_doc, relevant) == 1.0        # query 1 left out
    relevant[1, 2] = True
    assert doc_recall_at_k(ranking, chunk_doc, relevant, k=1) == 0.75   # (1/2 + 1) / 2
    with pytest.raises(ValueError, match="chunk_ranking"):
        doc_recall_at_k(np.array([[4]]), chunk_doc, relevant[:1])


def test_groundedness_hand_worked():
    passages = ["The cat sat on the mat.", "Dogs bark loudly."]
    share, support = groundedness("The cat sat. Birds fly south!", passages)
    assert share == 0.5
    np.testing.assert_allclose(support, [1.0, 0.0])
    # 2 of the 3 content words (cat, mat; not "purple") are in one passage: 0.667.
    share, support = groundedness("A purple cat on the mat.", passages, threshold=0.6)
    np.testing.assert_allclose(support, [2 / 3])
    assert share == 1.0
    assert groundedness("The cat sat.", [])[0] == 0.0
    with pytest.raises(ValueError, match="answer"):
        groundedness("The. Of.", passages)


# -- serving -------------------------------------------------------------------------------


def test_lru_cache_hand_worked():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1                     # a is now the most recent
    c.put("c", 3)                              # evicts b
    assert c.get("b") is None and c.get("c") == 3 and len(c) == 2
    assert (c.hits, c.misses, c.hit_rate) == (2, 1, 2 / 3)
    zero = LRUCache(0)
    zero.put("a", 1)
    assert zero.get("a") is None and zero.hit_rate == 0.0


def test_lru_cache_matches_a_list_simulation():
    stream = zipf_stream(30, 2000, exponent=1.1, random_state=3)
    for capacity in (1, 5, 12):
        cache, recent, hits = LRUCache(capacity), [], 0
        for q in stream.tolist():
            if cache.get(q) is None:
                cache.put(q, q)
            if q in recent:                    # brute force: a list in recency order
                hits += 1
                recent.remove(q)
            recent.append(q)
            recent = recent[-capacity:]
        assert cache.hits == hits


def test_zipf_stream_frequencies():
    n = 200_000
    ids = zipf_stream(10, n, exponent=1.0, random_state=0)
    p = 1 / np.arange(1, 11)
    p /= p.sum()
    freq = np.bincount(ids, minlength=10) / n
    assert np.all(np.abs(freq - p) < 4 * np.sqrt(p * (1 - p) / n))
    np.testing.assert_array_equal(ids, zipf_stream(10, n, exponent=1.0, random_state=0))


def test_generation_latency_hand_worked():
    assert generation_latency(2000, 200) == (400.0, 4400.0)
    assert generation_latency(1000, 0, prefill_tokens_per_s=2000,
                              decode_ms_per_token=10) == (500.0, 500.0)
    with pytest.raises(ValueError, match="prefill_tokens_per_s"):
        generation_latency(10, 10, prefill_tokens_per_s=0)
