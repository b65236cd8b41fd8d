"""Demos for design-framework: the numbers a design answer is built on.

``design-framework``: a retrieval → ranking → re-ranking cascade on synthetic scores. Every
(user, item) pair has a true relevance; each stage sees it through noise that shrinks as
the stage gets more expensive per candidate. A latency budget decides how many candidates
each stage may score (:func:`mlinterview.ml.design.envelope.max_candidates`), and that
decides how many of the user's truly best items reach the screen (recall@k). Sweeping the
budget traces the recall-versus-latency frontier, and shows that the expensive model cannot
score the corpus: the cascade exists because of the budget.

``design-framework/envelope``: the back-of-envelope table of a home feed for tens of
millions of daily users: peak QPS, serving replicas, log storage, embedding tables and
training cost, each from one calculator of :mod:`mlinterview.ml.design.envelope`.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.design.envelope import (
    Stage,
    cascade_latency,
    format_bytes,
    max_candidates,
    replicas_needed,
    request_rate,
    storage,
    training_flops,
    training_time,
)

#: The default cascade. An ANN search costs about the same whatever number of neighbours
#: it returns in this range, so retrieval is a fixed cost; fetching each candidate's
#: features is charged to the ranker that needs them.
STAGES = (Stage("retrieval", 12.0, 0.0),
          Stage("ranking", 6.0, 0.02),
          Stage("re-ranking", 10.0, 0.5))
#: Noise (standard deviation, in units of the true relevance's) with which each stage
#: sees the truth: cheap models are noisier.
NOISE = (1.0, 0.5, 0.2)
#: Candidate counts the re-ranker may be given.
RERANK_OPTIONS = (10, 20, 50, 100, 200, 400)


def cascade_scores(n_users: int, corpus_size: int, rng: np.random.Generator
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """True relevance (n_users, corpus_size) and each stage's view of it: relevance plus
    Gaussian noise of standard deviation ``NOISE[stage]`` (float32: the score matrices are
    the largest arrays of the demo)."""
    truth = rng.standard_normal((n_users, corpus_size), dtype=np.float32)
    views = [truth + np.float32(s) * rng.standard_normal(truth.shape, dtype=np.float32)
             for s in NOISE]
    return truth, *views


def top_n(scores: np.ndarray, n: int) -> np.ndarray:
    """Column indices (n_users, n) of each row's n largest scores, in no particular order."""
    if n >= scores.shape[1]:
        return np.broadcast_to(np.arange(scores.shape[1]), scores.shape).copy()
    return np.argpartition(-scores, n - 1, axis=1)[:, :n]


class Cascade:
    """The simulated requests, sorted once by the retrieval score so that every candidate
    count is a prefix of the same order: column ``j`` of ``relevant`` (does the item belong
    to the user's true top k?), ``ranking`` and ``reranking`` (the later stages' scores),
    all (n_users, corpus_size), is the user's ``j``-th best item by retrieval score."""

    def __init__(self, truth: np.ndarray, views, k: int):
        retrieval, ranking, reranking = views
        self.k = k
        rows = np.arange(truth.shape[0])[:, None]
        relevant = np.zeros(truth.shape, dtype=bool)
        relevant[rows, top_n(truth, k)] = True
        order = np.argsort(-retrieval, axis=1)
        self.relevant = relevant[rows, order]
        self.ranking = ranking[rows, order]
        self.reranking = reranking[rows, order]
        self._cache: dict[tuple[int, int], tuple[float, float]] = {}

    def recall(self, n_retrieved: int, n_reranked: int) -> tuple[float, float]:
        """(recall of retrieval, recall@k of the final list): the mean share of each user's
        true top-k items among the ``n_retrieved`` candidates, and among the ``k`` items
        shown after ranking keeps ``n_reranked`` of them and re-ranking keeps ``k``."""
        key = (n_retrieved, n_reranked)
        if key not in self._cache:
            k = self.k
            rows = np.arange(self.ranking.shape[0])[:, None]
            # Positions in retrieval order: the pool is the first n_retrieved columns.
            ranked = top_n(self.ranking[:, :n_retrieved], n_reranked)
            shown = np.take_along_axis(ranked, top_n(self.reranking[rows, ranked], k),
                                       axis=1)
            self._cache[key] = (
                float(self.relevant[:, :n_retrieved].sum(axis=1).mean() / k),
                float(self.relevant[rows, shown].sum(axis=1).mean() / k))
        return self._cache[key]


def single_stage_recall(truth: np.ndarray, scores: np.ndarray, k: int) -> float:
    """Recall@k of showing each user the k items with the best ``scores`` (one model over
    the whole corpus, no cascade)."""
    rows = np.arange(truth.shape[0])[:, None]
    relevant = np.zeros(truth.shape, dtype=bool)
    relevant[rows, top_n(truth, k)] = True
    return float(relevant[rows, top_n(scores, k)].sum(axis=1).mean() / k)


def best_within_budget(budget_ms: float, corpus_size: int, k: int, recall_of
                       ) -> dict | None:
    """The best (retrieved, re-ranked) counts within ``budget_ms``: for every re-ranker
    count the ranker takes as many candidates as the budget leaves
    (:func:`max_candidates`, at most the corpus); the split with the highest final recall
    wins. ``recall_of(n_retrieved, n_reranked)`` gives (retrieval recall, final recall).
    None if no split fits."""
    best = None
    for n_rerank in RERANK_OPTIONS:
        if n_rerank < k:
            continue
        n_rank = min(max_candidates(STAGES, [corpus_size, corpus_size, n_rerank],
                                    budget_ms, stage="ranking"), corpus_size)
        if n_rank < n_rerank:
            continue
        recall_retrieval, recall = recall_of(n_rank, n_rerank)
        latency = cascade_latency(STAGES, [n_rank, n_rank, n_rerank])
        if best is None or recall > best["recall"]:
            best = {"retrieved": n_rank, "reranked": n_rerank, "recall": recall,
                    "recall_retrieval": recall_retrieval, "latency": latency}
    return best


@demo("design-framework", title="A ranking cascade under a latency budget: recall bought per ms")
def cascade_frontier(
    budget_ms: Param(float, lo=30.0, hi=1000.0,
                     help="Latency budget of the cascade for the summary (ms).") = 150.0,
    corpus_size: Param(int, lo=2000, hi=50000, help="Items in the corpus.") = 10000,
    k: Param(int, lo=5, hi=50, help="Items shown (recall@k).") = 10,
    n_users: Param(int, lo=20, hi=500, help="Simulated users (requests).") = 100,
    seed: int = 0,
) -> DemoResult:
    """Retrieval (fixed 12 ms), ranking (6 ms + 0.02 ms a candidate) and re-ranking (10 ms +
    0.5 ms a candidate) see the true relevance through noise 1.0, 0.5 and 0.2. For each
    latency budget, how many candidates each stage can take and what recall@k that buys."""
    rng = np.random.default_rng(seed)
    truth, *views = cascade_scores(n_users, corpus_size, rng)
    sim = Cascade(truth, views, k)
    recall_of = sim.recall

    budgets = sorted({50.0, 75.0, 100.0, 150.0, 200.0, 300.0, 500.0, float(budget_ms)})
    table = Table(["budget (ms)", "retrieved (ranker scores)", "re-ranker scores", "latency (ms)",
                   "slowest stage", "recall of retrieval", f"recall@{k}"])
    frontier = []
    for b in budgets:
        best = best_within_budget(b, corpus_size, k, recall_of)
        if best is None:
            table.add(b, 0, 0, "-", "-", 0.0, 0.0)
            continue
        frontier.append((b, best))
        table.add(b, best["retrieved"], best["reranked"], round(best["latency"].total_ms, 1),
                  best["latency"].dominant_stage, round(best["recall_retrieval"], 3),
                  round(best["recall"], 3))

    # Every split on a grid, for the scatter behind the frontier.
    grid = [(n0, n1) for n0 in (100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000)
            for n1 in RERANK_OPTIONS if k <= n1 <= n0 <= corpus_size]
    grid_latency = np.array([cascade_latency(STAGES, [n0, n0, n1]).total_ms
                             for n0, n1 in grid])
    grid_recall = np.array([recall_of(n0, n1)[1] for n0, n1 in grid])

    fig_front, (ax_f, ax_s) = new_figure(2, width=4.6)
    ax_f.scatter(grid_latency, grid_recall, s=14, color="0.6",
                 label="a split (retrieved, re-ranked)")
    ax_f.plot([f[1]["latency"].total_ms for f in frontier],
              [f[1]["recall"] for f in frontier], "o-", color="C0",
              label="best split within each budget")
    ax_f.axvline(budget_ms, color="C3", ls=":", lw=1, label=f"budget {budget_ms:g} ms")
    ax_f.set(xlabel="cascade latency (ms)", ylabel=f"recall@{k}", ylim=(0, 1.02),
             title="Recall bought per millisecond")
    ax_f.legend(fontsize=8)
    labels = [f"{b:g}" for b, _ in frontier]
    bottom = np.zeros(len(frontier))
    for j, stage in enumerate(STAGES):
        ms = np.array([f[1]["latency"].stage_ms[j] for f in frontier])
        ax_s.bar(labels, ms, bottom=bottom, label=stage.name, color=f"C{j}")
        bottom += ms
    ax_s.set(xlabel="budget (ms)", ylabel="latency (ms)",
             title="Where the best split spends the budget")
    ax_s.legend(fontsize=8)

    chosen = best_within_budget(float(budget_ms), corpus_size, k, recall_of)
    everything_ms = cascade_latency(STAGES[2:], [corpus_size]).total_ms
    full_recall = single_stage_recall(truth, views[2], k)
    cheap_only = single_stage_recall(truth, views[0], k)
    if chosen is None:
        head = f"A {budget_ms:g} ms budget does not fit the fixed costs of the three stages."
    else:
        lat = chosen["latency"]
        head = (
            f"Within {budget_ms:g} ms the best split lets the ranker score "
            f"{chosen['retrieved']} retrieved candidates and the re-ranker "
            f"{chosen['reranked']} ({lat.total_ms:.0f} ms, {lat.dominant_stage} the slowest "
            f"stage at {lat.dominant_share:.0%}): {chosen['recall']:.0%} of each user's "
            f"true top {k} reach the screen (retrieval keeps {chosen['recall_retrieval']:.0%}"
            f" of them).")
    lo, hi = frontier[0][1], frontier[-1][1]
    summary = (
        f"{head} Along the frontier recall@{k} rises from {lo['recall']:.0%} at "
        f"{frontier[0][0]:g} ms to {hi['recall']:.0%} at {frontier[-1][0]:g} ms, with "
        f"diminishing returns: the ceiling is the re-ranker's own accuracy, "
        f"{full_recall:.0%} if it scored all {corpus_size} items, which would take "
        f"{everything_ms / 1000:.0f} s. The cheapest model alone over the whole corpus gives "
        f"{cheap_only:.0%}. The cascade spends the expensive model only on candidates the "
        f"cheap ones already like; past the knee, more candidates buy nothing and a better "
        f"model is the only lever.")
    return DemoResult(figures={"frontier": fig_front}, table=table, summary=summary)


@demo("design-framework", name="envelope",
      title="Back-of-envelope numbers of a home feed")
def feed_envelope(
    daily_users_millions: Param(float, lo=0.1, hi=2000.0,
                                help="Daily active users, in millions.") = 50.0,
    feed_loads_per_user: Param(float, lo=1.0, hi=200.0,
                               help="Feed requests per user a day.") = 20.0,
    peak_to_average: Param(float, lo=1.0, hi=10.0,
                           help="Peak QPS / average QPS.") = 3.0,
    items_per_load: Param(int, lo=1, hi=100, help="Impressions logged per request.") = 10,
    ranking_latency_ms: Param(float, lo=1.0, hi=1000.0,
                              help="Server time of one ranking request (ms).") = 80.0,
    concurrency_per_replica: Param(int, lo=1, hi=256,
                                   help="Requests one ranking replica serves at once.") = 8,
    retention_days: Param(int, lo=1, hi=3650, help="Days of impression logs kept.") = 90,
) -> DemoResult:
    """A home feed: traffic, replicas, storage and training cost from the calculators of
    mlinterview.ml.design.envelope, each row with its arithmetic."""
    rate = request_rate(daily_users_millions * 1e6, feed_loads_per_user,
                        peak_to_average=peak_to_average)
    plan = replicas_needed(rate.peak_qps, ranking_latency_ms,
                           concurrency_per_replica=concurrency_per_replica, headroom=0.3)
    impressions = rate.requests_per_day * items_per_load
    log = storage(impressions, 200, retention_days=retention_days, replication=3,
                  compression_ratio=5)
    n_users = daily_users_millions * 1e6
    user_emb = storage(n_users, 128 * 4, retention_days=1, replication=3)
    item_emb = storage(10e6, 128 * 4, retention_days=1, replication=1)
    # Dense part of the ranker: ~10M weights, 2 FLOPs each forward, x3 with the backward.
    per_example = 3 * 2 * 10e6
    retrain = training_time(training_flops(impressions * 30, per_example),
                            peak_flops_per_gpu=312e12, mfu=0.3, n_gpus=8,
                            price_per_gpu_hour=2.0)
    daily = training_time(training_flops(impressions, per_example),
                          peak_flops_per_gpu=312e12, mfu=0.3)

    table = Table(["quantity", "value", "how"])
    table.add("requests a day", f"{rate.requests_per_day:.3g}",
              f"{daily_users_millions:g} M users x {feed_loads_per_user:g}")
    table.add("average QPS", round(rate.average_qps), "requests a day / 86,400 s")
    table.add("peak QPS", round(rate.peak_qps), f"average x {peak_to_average:g}")
    table.add("requests in flight at the peak", round(plan.concurrency),
              f"Little's law: peak QPS x {ranking_latency_ms:g} ms")
    table.add("ranking replicas", plan.replicas,
              f"in flight / ({concurrency_per_replica} per replica x 70% utilisation)")
    table.add("impressions a day", f"{impressions:.3g}", f"requests x {items_per_load}")
    table.add("impression log", format_bytes(log.total_bytes),
              f"200 B x {retention_days} days x 3 copies / 5 (compression)")
    table.add("user embeddings", format_bytes(user_emb.total_bytes),
              "users x 128 floats x 4 B x 3 copies")
    table.add("item embedding index", format_bytes(item_emb.total_bytes),
              "10 M items x 128 floats x 4 B: fits in one machine's memory")
    table.add("retrain on 30 days (GPU-hours)", round(retrain.gpu_hours, 1),
              "6e7 FLOPs an example, A100 312 TFLOP/s at 30% MFU")
    table.add("retrain on 30 days (hours on 8 GPUs)", round(retrain.wall_clock_hours, 1),
              f"cost about ${retrain.cost:,.0f} at $2 a GPU-hour")
    table.add("daily incremental update (GPU-hours)", round(daily.gpu_hours, 2),
              "one day of impressions")

    fig, (ax_l, ax_r) = new_figure(2, width=4.4)
    latencies = np.linspace(10, 300, 59)
    for per_replica in (1, 8, 32):
        reps = [replicas_needed(rate.peak_qps, w, concurrency_per_replica=per_replica,
                                headroom=0.3).replicas for w in latencies]
        ax_l.plot(latencies, reps, label=f"{per_replica} in flight per replica")
    ax_l.set_yscale("log")
    ax_l.set(xlabel="ranking latency (ms)", ylabel="replicas at the peak",
             title=f"Little's law at {rate.peak_qps:,.0f} peak QPS")
    ax_l.legend(fontsize=8)
    days = np.array([7, 30, 90, 180, 365])
    sizes = [storage(impressions, 200, retention_days=int(d), replication=3,
                     compression_ratio=5).total_bytes / 1e12 for d in days]
    ax_r.bar([str(d) for d in days], sizes, color="C1")
    ax_r.set(xlabel="retention (days)", ylabel="TB",
             title="Impression log by retention")

    summary = (
        f"{daily_users_millions:g} M daily users x {feed_loads_per_user:g} feed loads are "
        f"{rate.requests_per_day:.3g} requests a day, {rate.average_qps:,.0f} QPS on average "
        f"and {rate.peak_qps:,.0f} at a {peak_to_average:g}x peak. At {ranking_latency_ms:g} "
        f"ms a request, {plan.concurrency:,.0f} requests are in flight (Little's law), so "
        f"{plan.replicas} replicas serving {concurrency_per_replica} at once run at "
        f"{plan.utilization:.0%}. {impressions:.3g} impressions a day at 200 B, kept "
        f"{retention_days} days in 3 copies with 5x compression, take "
        f"{format_bytes(log.total_bytes)}. Retraining a ranker with 10 M dense weights on 30 "
        f"days of impressions costs {retrain.gpu_hours:,.0f} A100-hours at 30% MFU "
        f"({retrain.wall_clock_hours:,.1f} h on 8 GPUs); the item index "
        f"({format_bytes(item_emb.total_bytes)}) fits in memory, the user embeddings "
        f"({format_bytes(user_emb.total_bytes)}) go in a sharded key-value store.")
    return DemoResult(figures={"replicas-and-storage": fig}, table=table, summary=summary)
