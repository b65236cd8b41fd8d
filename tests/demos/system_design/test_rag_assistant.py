"""The rag-assistant demo: its helpers on hand-worked cases, and the default run shows what
its summary claims (small chunks win at a fixed prompt budget, every retriever finds most
answers, groundedness tracks retrieval, the model dominates latency, the cache pays)."""

import re

import numpy as np
import pytest

from mlinterview.demos.system_design.rag_assistant import (
    evaluation_set,
    first_sentences,
    tokens,
)
from mlinterview.topics import all_topics

from .._defaults import at_defaults


def test_tokens_and_first_sentences_hand_worked():
    assert tokens("How are the Chunks of queries ranked?") == ["chunk", "query", "ranked"]
    text = "**BM25** scores terms.\nIt saturates! Then `k1` matters. Not this."
    assert first_sentences(text) == "BM25 scores terms. It saturates!"
    assert first_sentences(text, 3) == "BM25 scores terms. It saturates! Then k1 matters."


def test_evaluation_set_names_present_cards_only():
    slugs = list(all_topics())
    questions, relevant, _ = evaluation_set(slugs)
    assert relevant.shape == (len(questions), len(slugs))
    assert np.all(relevant.sum(axis=1) >= 1)
    some = slugs[:5]                        # the other cards' questions are skipped
    q_some, rel_some, _ = evaluation_set(some)
    assert rel_some.shape == (len(q_some), 5) and len(q_some) < len(questions)


@pytest.fixture(scope="module")
def default_run():
    return at_defaults("rag-assistant")


def test_default_run_shows_the_claims(default_run):
    rows = {row[0]: dict(zip(default_run.table.columns, row, strict=True))
            for row in default_run.table.rows}
    sweep = [rows[f"BM25, {s}-word chunks"] for s in (25, 50, 100, 200, 400)]
    # Bigger chunks: far fewer of them, and more prompt words for the same k.
    assert [r["chunks"] for r in sweep] == sorted((r["chunks"] for r in sweep), reverse=True)
    assert sweep[-1]["prompt words"] == 16 * sweep[0]["prompt words"]
    # Every retriever finds the answering card in the top 5 for most questions, and the
    # top 5 holds it more often than the top 1.
    for name in ("BM25 (100-word chunks)", "LSA-128 dense (100-word chunks)",
                 "hybrid: RRF of BM25 and LSA", "hybrid + re-rank of top 20"):
        assert 0.85 < rows[name]["recall@5"] <= 1.0
        assert rows[name]["recall@1"] < rows[name]["recall@5"]
    # The hybrid is never clearly worse than the better of its two inputs (one standard
    # error is about 0.026 on ~240 questions).
    best = max(rows["BM25 (100-word chunks)"]["recall@5"],
               rows["LSA-128 dense (100-word chunks)"]["recall@5"])
    assert rows["hybrid: RRF of BM25 and LSA"]["recall@5"] > best - 0.03
    summary = default_run.summary
    # At a fixed prompt budget small chunks win clearly (the figure's dashed line).
    budget = default_run.figures["chunk-size"].axes[0].lines[2].get_ydata()
    assert budget[0] > budget[-1] + 0.08
    assert f"({budget[0]:.3f} vs {budget[-1]:.3f})" in summary
    for r in ("BM25 (100-word chunks)", "hybrid: RRF of BM25 and LSA"):
        assert f"{rows[r]['recall@1']:.3f} / " in summary
    assert set(default_run.figures) == {"chunk-size", "retrievers", "latency", "cache"}


def test_default_run_groundedness_latency_and_cache(default_run):
    match = re.search(r"retrieved chunks (\d+)% of the time when retrieval found the card, "
                      r"(\d+)% when it did not", default_run.summary)
    hit, miss = int(match.group(1)), int(match.group(2))
    assert hit > miss + 30
    stage_ms = default_run.figures["latency"].axes[0].patches
    widths = [p.get_width() for p in stage_ms]      # BM25, LSA, fusion, re-rank, LLM x2
    assert min(widths[4:]) > 10 * sum(widths[:4])
    cache = default_run.figures["cache"].axes[0].lines[0].get_ydata()
    assert np.all(np.diff(cache) >= 0) and 0.2 < cache[-1] < 1.0
