"""Cases for rag-assistant/bm25-scores.

Expected values come from mlinterview.ml.text.bm25.BM25 (idf="lucene"), which is tested
against a brute-force loop and by hand in tests/ml/text/test_bm25.py, and whose Robertson
variant matches SQLite FTS5's bm25() in tests/parity/test_rag_assistant.py. The fixed
cases are worked by hand.
"""

import math

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.text.bm25 import BM25


def reference(docs, query, k1=1.5, b=0.75):
    return BM25(k1=k1, b=b, idf="lucene").fit(docs).score([query])[0].tolist()


DOCS = [["a", "b"], ["a", "a", "c"], ["c"]]
IDF_A = math.log(1.6)


def fixed():
    return [
        Case((DOCS, ["a"]), note="the statement's example",
             expected=[IDF_A, IDF_A * 5 / 4.0625, 0.0]),
        Case((DOCS, ["a", "a"]), note="a repeated query token counts twice",
             expected=[2 * IDF_A, 2 * IDF_A * 5 / 4.0625, 0.0]),
        Case((DOCS, ["zzz"]), note="a term no document contains adds nothing",
             expected=[0.0, 0.0, 0.0]),
        Case((DOCS, []), note="an empty query", expected=[0.0, 0.0, 0.0]),
        Case((DOCS, ["b"], 1.5, 0.0),
             note="b = 0: no length normalisation; idf(b) = ln(1 + 2.5/1.5), f = 1 -> 1",
             expected=[math.log(1 + 2.5 / 1.5), 0.0, 0.0]),
        Case((DOCS, ["c"], 0.0, 0.75),
             note="k1 = 0: presence only, every containing document gets idf(c) = ln 1.6",
             expected=[0.0, IDF_A, IDF_A]),
        Case((DOCS, ["c"], 1.2, 1.0),
             note="b = 1: doc 1 (3 tokens): 2.2 / (1 + 1.2 * 1.5) = 0.7857; doc 2 (1 token):"
                  " 2.2 / (1 + 1.2 * 0.5) = 1.375; times ln 1.6",
             expected=[0.0, IDF_A * 2.2 / 2.8, IDF_A * 2.2 / 1.6]),
        Case(([["x"], ["x"], ["x"], ["y"]], ["x"]),
             note="x in 3 of 4 documents: idf = ln(1 + 1.5 / 3.5) = 0.3567 stays positive",
             expected=[math.log(1 + 1.5 / 3.5)] * 3 + [0.0]),
        Case(([["q", "q", "q", "q"], ["q", "r", "s", "t"]], ["q"], 1.2, 0.75),
             note="same length: f = 4 gives 4 * 2.2 / 5.2 = 1.692, f = 1 gives 1; idf = "
                  "ln(1 + 0.5/2.5)",
             expected=[math.log(1.2) * 4 * 2.2 / 5.2, math.log(1.2)]),
        Case(([["a"], []], ["a"]),
             note="an empty document: avgdl = 0.5; doc 0 has |d| / avgdl = 2",
             expected=[math.log(1 + 1.5 / 1.5) * 2.5 / (1 + 1.5 * (0.25 + 1.5)), 0.0]),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n_docs = int(rng.integers(1, 60))
        n_words = int(rng.integers(2, 40))
        p = 1 / (1 + rng.permutation(n_words))        # Zipf-like word frequencies
        words = [f"w{i}" for i in range(n_words)]
        docs = [rng.choice(words, size=int(rng.integers(0, 40)), p=p / p.sum()).tolist()
                for _ in range(n_docs)]
        if not any(docs):
            docs[0] = ["w0"]
        query = rng.choice([*words, "unseen"], size=int(rng.integers(0, 6))).tolist()
        k1 = float(rng.choice([1.5, 1.2, 0.0, 2.0, 0.9]))
        b = float(rng.choice([0.75, 0.0, 1.0, 0.3]))
        cases.append(Case((docs, query, k1, b), note=f"{n_docs} documents, {len(query)} "
                          f"query tokens, k1 = {k1:g}, b = {b:g}",
                          size=sum(len(d) for d in docs)))
    return cases


SPEC = ExerciseSpec(
    function="bm25_scores",
    # Sums of a few dozen terms in float64: rounding ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
