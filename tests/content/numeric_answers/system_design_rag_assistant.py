"""The numeric quick-check answers of the rag-assistant card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.design.rag`` and
``mlinterview.ml.text.bm25`` on the situation the prompt describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.design.rag import (
    doc_recall_at_k,
    generation_latency,
    reciprocal_rank_fusion,
    window_spans,
)
from mlinterview.ml.text.bm25 import BM25


def _window_count() -> float:
    """1,000 tokens, windows of 200 with an overlap of 50."""
    return float(window_spans(1000, 200, 50)[0].size)


def _rrf_first_and_third() -> float:
    """Chunk 0 is first in the BM25 ranking and third in the dense one, k = 60."""
    bm25 = np.array([[0, 1, 2]])
    dense = np.array([[3, 4, 0]])
    return float(reciprocal_rank_fusion([bm25, dense], 5, k=60)[0, 0])


def _bm25_saturation() -> float:
    """k1 = 1.2, b = 0: a term 3 times in a chunk; the score divided by the term's idf."""
    index = BM25(k1=1.2, b=0.0).fit([["t", "t", "t", "u"], ["v"]])
    return float(index.score([["t"]])[0, 0] / index.idf_[index.vocabulary_.tolist().index("t")])


def _time_to_first_token() -> float:
    """4,000 prompt tokens at 5,000 tokens/s prefill, 20 ms per decoded token."""
    return generation_latency(4000, 200, prefill_tokens_per_s=5000,
                              decode_ms_per_token=20)[0]


def _doc_recall_three_chunks_of_a() -> float:
    """Documents A = 0, B = 1, unrelated C = 2; chunks 0-2 of A, 3 of B, 4-5 of C; the top
    5 are chunks 0, 4, 1, 5, 2."""
    chunk_doc = np.array([0, 0, 0, 1, 2, 2])
    relevant = np.array([[True, True, False]])
    return doc_recall_at_k(np.array([[0, 4, 1, 5, 2]]), chunk_doc, relevant, k=5)


ANSWERS = {
    "rag-assistant/window-count": _window_count,
    "rag-assistant/rrf-score": _rrf_first_and_third,
    "rag-assistant/bm25-saturation": _bm25_saturation,
    "rag-assistant/ttft": _time_to_first_token,
    "rag-assistant/doc-recall": _doc_recall_three_chunks_of_a,
}
