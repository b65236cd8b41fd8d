"""Demo for rag-assistant: the retrieval half of a RAG assistant over this project's cards.

The "company documents" are the cards themselves (title + Markdown body of every topic);
the evaluation set is the labelled search questions of ``benchmarks/data/
search_questions.yaml`` (each question names the card(s) that answer it), or, when that
file is absent, every card's own seed question. A retrieved chunk is relevant when it
comes from a card that answers the question.

The run measures, over the same questions:

- chunk size: BM25 over fixed windows of 25 to 400 words (20% overlap), recall@1 and
  recall@k, and the prompt words k chunks cost; and recall at a fixed prompt budget;
- retrievers at the default chunk size: BM25, LSA ("dense" without a download), their
  reciprocal rank fusion, and fusion followed by the term-proximity re-ranker;
- groundedness: the first sentences of the relevant card's 30-second answer, checked
  against the k chunks retrieved, when retrieval found that card and when it did not;
- serving: wall time per query of each retrieval stage (measured, so it varies from run
  to run) against a modelled generation step, and the hit rate of an LRU cache on a
  Zipf-distributed stream of repeated questions.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

from mlinterview import _yaml
from mlinterview.demos import DemoResult, Param, Rule, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.design.rag import (
    LRUCache,
    LSARetriever,
    TermProximityReranker,
    chunk_documents,
    doc_recall_at_k,
    generation_latency,
    groundedness,
    reciprocal_rank_fusion,
    zipf_stream,
)
from mlinterview.ml.design.recsys import top_k
from mlinterview.ml.metrics import mean_reciprocal_rank
from mlinterview.ml.text.bm25 import BM25, ENGLISH_STOP_WORDS, tokenize
from mlinterview.topics import all_topics

QUESTIONS = Path(__file__).resolve().parents[4] / "benchmarks" / "data" / "search_questions.yaml"
SWEEP = (25, 50, 100, 200, 400)        # chunk sizes in words
TOKENS_PER_WORD = 1.3                  # English words -> BPE tokens, for the prompt length
ANSWER_TOKENS = 150
CACHE_CAPACITIES = (1, 5, 10, 25, 50, 100, 200)


def tokens(text: str) -> list[str]:
    """The analyser used for chunks and questions alike: lower case, stop words out,
    plurals stripped."""
    return tokenize(text, stop_words=ENGLISH_STOP_WORDS, stem=True)


def evaluation_set(slugs: list[str]) -> tuple[list[str], np.ndarray, str]:
    """Questions, their relevance matrix (n_questions, n_cards) and where they came from.

    Questions whose answer cards are not all present are skipped (cards still being
    written)."""
    index = {s: i for i, s in enumerate(slugs)}
    if QUESTIONS.exists():
        items = _yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
        pairs = [(q["q"], q["answers"]) for q in items
                 if all(a in index for a in q["answers"])]
        source = "labelled search questions"
    else:
        topics = all_topics()
        pairs = [(topics[s].question, [s]) for s in slugs]
        source = "the cards' seed questions"
    relevant = np.zeros((len(pairs), len(slugs)), dtype=bool)
    for i, (_, answers) in enumerate(pairs):
        relevant[i, [index[a] for a in answers]] = True
    return [q for q, _ in pairs], relevant, source


def first_sentences(markdown: str, n: int = 2) -> str:
    """The first ``n`` sentences of a Markdown paragraph, formatting marks removed."""
    text = re.sub(r"[*_`]", "", " ".join(markdown.split()))
    return " ".join(re.split(r"(?<=[.!?])\s+", text)[:n])


def _per_query_ms(start: float, n_queries: int) -> float:
    return 1000.0 * (time.perf_counter() - start) / n_queries


@demo("rag-assistant", title="RAG over the cards: chunking, BM25 vs dense vs hybrid, cache",
      rules=(Rule("overlap must be smaller than chunk_size (each chunk moves the window on)",
                  lambda overlap, chunk_size: overlap < chunk_size),
             Rule("rerank_depth must be at least k (the re-ranker picks k of them)",
                  lambda rerank_depth, k: rerank_depth >= k)))
def rag_over_cards(
    chunk_size: Param(int, lo=20, hi=800, help="Words per chunk.") = 100,
    overlap: Param(int, lo=0, hi=200, help="Words shared by consecutive chunks.") = 20,
    strategy: Param(str, choices=("fixed", "section"),
                    help="Fixed word windows or one chunk per Markdown section.") = "fixed",
    k: Param(int, lo=1, hi=20, help="Chunks put into the prompt.") = 5,
    n_components: Param(int, lo=8, hi=400, help="LSA dimensions.") = 128,
    rerank_depth: Param(int, lo=5, hi=100, help="Fused candidates the re-ranker sees.") = 20,
    cache_capacity: Param(int, lo=1, hi=500, help="LRU cache entries.") = 25,
    zipf_exponent: Param(float, lo=0.0, hi=2.0,
                         help="Skew of the repeated question stream.") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """BM25 vs LSA vs RRF hybrid vs hybrid + re-ranking over the cards, chunk size vs
    recall@k, groundedness, latency per stage and the cache hit rate."""
    topics = all_topics()
    slugs = list(topics)
    docs = {s: f"# {t.title}\n\n{t.body}" for s, t in topics.items()}
    questions, relevant, source = evaluation_set(slugs)
    n_q = len(questions)
    q_tokens = [tokens(q) for q in questions]
    table = Table(["configuration", "chunks", "recall@1", f"recall@{k}", "MRR",
                   "prompt words", "ms/query"], measured=("ms/query",))

    def evaluate(name, ranking, scores, chunk_doc, n_chunks, size, ms):
        row = {"recall1": doc_recall_at_k(ranking, chunk_doc, relevant, 1),
               "recallk": doc_recall_at_k(ranking, chunk_doc, relevant, k),
               "mrr": mean_reciprocal_rank(relevant[:, chunk_doc], scores)}
        table.add(name, n_chunks, round(row["recall1"], 3), round(row["recallk"], 3),
                  round(row["mrr"], 3), k * size, round(ms, 2))
        return row

    # 1. Chunk size, with BM25 and the chosen strategy's fixed counterpart.
    sweep, budget_recall = {}, {}
    budget = k * chunk_size                          # words of context at the defaults
    for size in sorted({*SWEEP, chunk_size}):
        chunks = chunk_documents(docs, strategy="fixed", size=size,
                                 overlap=min(size // 5, size - 1))
        chunk_doc = np.array([slugs.index(c.doc) for c in chunks])
        index = BM25().fit([tokens(c.text) for c in chunks])
        start = time.perf_counter()
        scores = index.score(q_tokens)
        ranking = top_k(scores, max(k, budget // size, 1))
        ms = _per_query_ms(start, n_q)
        sweep[size] = evaluate(f"BM25, {size}-word chunks", ranking[:, :k], scores,
                               chunk_doc, len(chunks), size, ms)
        budget_recall[size] = doc_recall_at_k(ranking, chunk_doc, relevant,
                                              max(1, budget // size))

    # 2. Retrievers at the chosen chunk size and strategy.
    chunks = chunk_documents(docs, strategy=strategy, size=chunk_size, overlap=overlap)
    chunk_doc = np.array([slugs.index(c.doc) for c in chunks])
    chunk_tokens = [tokens(c.text) for c in chunks]
    n_chunks = len(chunks)
    depth = max(rerank_depth, k)
    index = BM25().fit(chunk_tokens)
    lsa = LSARetriever(n_components=min(n_components, n_chunks - 1),
                       random_state=seed).fit(chunk_tokens)
    reranker = TermProximityReranker().fit(index, chunk_tokens)
    stage_ms = {}
    start = time.perf_counter()
    bm25_scores = index.score(q_tokens)
    bm25_rank = top_k(bm25_scores, depth)
    stage_ms["BM25"] = _per_query_ms(start, n_q)
    start = time.perf_counter()
    lsa_scores = lsa.score(q_tokens)
    lsa_rank = top_k(lsa_scores, depth)
    stage_ms["LSA"] = _per_query_ms(start, n_q)
    start = time.perf_counter()
    fused = reciprocal_rank_fusion([bm25_rank, lsa_rank], n_chunks)
    fused_rank = top_k(fused, depth)
    stage_ms["fusion"] = _per_query_ms(start, n_q)
    start = time.perf_counter()
    reranked = np.stack([reranker.rerank(q, fused_rank[i, :rerank_depth])
                         for i, q in enumerate(q_tokens)])
    stage_ms["re-rank"] = _per_query_ms(start, n_q)
    # The re-ranked order as scores over all chunks (for MRR): listed chunks first.
    rerank_scores = fused.copy()
    rows = np.arange(n_q)[:, None]
    rerank_scores[rows, reranked] = 10.0 + (rerank_depth - np.arange(rerank_depth))
    label = f"{chunk_size}-word {'sections' if strategy == 'section' else 'chunks'}"
    results = {
        "BM25": evaluate(f"BM25 ({label})", bm25_rank, bm25_scores, chunk_doc, n_chunks,
                         chunk_size, stage_ms["BM25"]),
        "LSA": evaluate(f"LSA-{lsa.svd_.n_components} dense ({label})", lsa_rank,
                        lsa_scores, chunk_doc, n_chunks, chunk_size, stage_ms["LSA"]),
        "hybrid": evaluate("hybrid: RRF of BM25 and LSA", fused_rank, fused, chunk_doc,
                           n_chunks, chunk_size, stage_ms["BM25"] + stage_ms["LSA"]
                           + stage_ms["fusion"]),
        "rerank": evaluate(f"hybrid + re-rank of top {rerank_depth}", reranked,
                           rerank_scores, chunk_doc, n_chunks, chunk_size,
                           sum(stage_ms.values())),
    }

    # 3. Groundedness of a good answer (the relevant card's own first sentences) against
    # what was retrieved: supported only when retrieval brought the right passage.
    final = reranked[:, :k]
    hit = np.array([relevant[i, chunk_doc[final[i]]].any() for i in range(n_q)])
    support = np.array([
        groundedness(first_sentences(topics[slugs[np.flatnonzero(relevant[i])[0]]]
                                     .short_answer), [chunks[c].text for c in final[i]])[0]
        for i in range(n_q)])
    grounded_hit = float(support[hit].mean()) if hit.any() else float("nan")
    grounded_miss = float(support[~hit].mean()) if (~hit).any() else float("nan")

    # 4. Latency budget: measured retrieval vs the modelled language-model step.
    prompt_tokens = TOKENS_PER_WORD * (k * chunk_size + 15)
    ttft, total = generation_latency(prompt_tokens, ANSWER_TOKENS)
    retrieval_ms = sum(stage_ms.values())

    # 5. Cache on a repeated stream: question i asked with probability ∝ 1 / (i + 1)^s.
    stream = zipf_stream(n_q, 5000, exponent=zipf_exponent, random_state=seed)
    keys = [" ".join(sorted(set(t))) for t in q_tokens]    # normalised question as key
    hit_rates = {}
    for capacity in sorted({*CACHE_CAPACITIES, cache_capacity}):
        cache = LRUCache(capacity)
        for q in stream.tolist():
            if cache.get(keys[q]) is None:
                cache.put(keys[q], q)
        hit_rates[capacity] = cache.hit_rate
    hit_rate = hit_rates[cache_capacity]
    mean_latency = (1 - hit_rate) * (retrieval_ms + total)

    # Figures.
    fig_size, ax = new_figure(width=5.6, height=3.6)
    sizes = sorted(sweep)
    ax.plot(sizes, [sweep[s]["recall1"] for s in sizes], "o-", label="recall@1")
    ax.plot(sizes, [sweep[s]["recallk"] for s in sizes], "s-", label=f"recall@{k}")
    ax.plot(sizes, [budget_recall[s] for s in sizes], "^--",
            label=f"recall within {budget} prompt words")
    ax.set(xscale="log", xlabel="chunk size (words, 20% overlap)", ylabel="recall",
           title=f"BM25 over {len(slugs)} cards, {n_q} questions")
    ax.set_xticks(sizes, [str(s) for s in sizes])
    ax.legend(fontsize=8)

    fig_ret, ax_r = new_figure(width=5.6, height=3.6)
    names = list(results)
    x = np.arange(len(names))
    ax_r.bar(x - 0.2, [results[n]["recall1"] for n in names], 0.4, label="recall@1")
    ax_r.bar(x + 0.2, [results[n]["recallk"] for n in names], 0.4, label=f"recall@{k}")
    ax_r.set(xticks=x, ylabel="recall", ylim=(0.5, 1.0),
             title=f"Retrievers on {label} (±{np.sqrt(0.2 * 0.8 / n_q):.3f} s.e.)")
    ax_r.set_xticklabels(["BM25", "LSA", "RRF", "RRF + re-rank"])
    ax_r.legend(fontsize=8, loc="lower right")

    fig_lat, ax_l = new_figure(width=5.6, height=3.6)
    stages = {**stage_ms, "LLM prefill": ttft, "LLM decode": total - ttft}
    ax_l.barh(list(stages), list(stages.values()), color=["C0"] * 4 + ["C3"] * 2)
    ax_l.set(xscale="log", xlabel="ms per query (retrieval measured, LLM modelled)",
             title="Where the latency budget goes")

    fig_cache, ax_c = new_figure(width=5.6, height=3.6)
    caps = sorted(hit_rates)
    ax_c.plot(caps, [hit_rates[c] for c in caps], "o-")
    ax_c.set(xscale="log", xlabel="LRU capacity (questions)", ylabel="hit rate",
             ylim=(0, 1), title=f"Cache on 5,000 requests, Zipf exponent {zipf_exponent:g}")

    small, large = sizes[0], sizes[-1]
    b, d, h, r = (results[n] for n in ("BM25", "LSA", "hybrid", "rerank"))
    summary = (
        f"{n_chunks} chunks from {len(slugs)} cards, {n_q} questions ({source}). "
        f"Chunk size: with BM25, recall@{k} is {sweep[small]['recallk']:.3f} at "
        f"{small} words and {sweep[large]['recallk']:.3f} at {large}, but {k} chunks of "
        f"{large} words cost {k * large} prompt words; within a fixed {budget}-word "
        f"budget small chunks win ({budget_recall[small]:.3f} vs "
        f"{budget_recall[large]:.3f}). At {label}: BM25 recall@1 {b['recall1']:.3f} / "
        f"recall@{k} {b['recallk']:.3f}, LSA {d['recall1']:.3f} / {d['recallk']:.3f}, "
        f"RRF hybrid {h['recall1']:.3f} / {h['recallk']:.3f}, hybrid + re-rank "
        f"{r['recall1']:.3f} / {r['recallk']:.3f} (one standard error is about "
        f"{np.sqrt(0.2 * 0.8 / n_q):.3f}). The card's own answer is supported by the "
        f"retrieved chunks {grounded_hit:.0%} of the time when retrieval found the card, "
        f"{grounded_miss:.0%} when it did not. Retrieval takes {retrieval_ms:.1f} ms per "
        f"query here; the modelled model step {ttft:.0f} ms to the first token and "
        f"{total:.0f} ms in all. An LRU cache of {cache_capacity} questions answers "
        f"{hit_rate:.0%} of a Zipf stream, cutting the mean latency to "
        f"{mean_latency:.0f} ms.")
    return DemoResult(figures={"chunk-size": fig_size, "retrievers": fig_ret,
                               "latency": fig_lat, "cache": fig_cache},
                      table=table, summary=summary)
