"""Demo for search-ranking: learning to rank from clicks that carry position bias.

The simulated search engine: each query has ``n_docs`` candidate documents with
``n_features`` features and a true grade 0-4 that depends on the features through
``TRUE_WEIGHTS``. The production ranker (the *logger*) orders them by ``LOGGER_WEIGHTS``,
which leans on the last feature (think of a popularity prior) although relevance does not
depend on it. Users follow the position-based model
(:mod:`mlinterview.ml.design.clicks`): position k is examined with probability
``(1/k)^eta`` and an examined document is clicked with probability
``0.1 + 0.9 (2^g - 1) / 15``.

Three things are measured:

1. the click-through curve by position, and the examination propensities recovered by a
   swap experiment (top result swapped with position k) against the truth;
2. a linear ranker trained on naive clicks, on clicks weighted by 1/θ (true and
   estimated θ), and on the true grades, with a pointwise, a pairwise and a listwise loss
   (:mod:`mlinterview.ml.design.ltr`), judged by NDCG@10 against the true grades on new
   queries;
3. the weight each model puts on the logger's spurious feature: naive clicks teach the
   new model to copy the old ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.design.clicks import (
    ctr_by_position,
    estimate_propensities_swap,
    examination_propensities,
    relevance_probability,
    simulate_clicks,
)
from mlinterview.ml.design.ltr import (
    fit_linear_scorer,
    ips_listwise_loss,
    ips_pairwise_loss,
    ips_pointwise_loss,
    lambdarank_loss,
    listnet_loss,
)
from mlinterview.ml.metrics import ndcg_score
from mlinterview.ml.nn import functional as F
from mlinterview.ml.ranking import ranknet_loss

#: How relevance depends on the features; the last one carries no relevance.
TRUE_WEIGHTS = np.array([1.0, 0.7, 0.5, 0.3, 0.0])
#: The production ranker: weak on the real signals, strong on the last feature.
LOGGER_WEIGHTS = np.array([0.5, 0.2, 0.1, 0.0, 1.0])
#: Grade thresholds on the true utility (a standard normal-ish score): grades 0-4.
GRADE_CUTS = np.array([0.0, 0.8, 1.4, 2.0])
MAX_GRADE = 4
FAMILIES = ("pointwise", "pairwise", "listwise")
#: Training queries with true grades for the full-information models.
N_GRADED = 300


@dataclass(frozen=True)
class SearchLog:
    """Queries with documents in the order the logger showed them (column = position).

    ``features`` (n_queries, n_docs, n_features), ``grades`` (n_queries, n_docs) in 0-4,
    ``relevance`` = P(click | examined) of each document, same shape.
    """

    features: np.ndarray
    grades: np.ndarray
    relevance: np.ndarray


def make_search_log(n_queries: int, n_docs: int, rng: np.random.Generator) -> SearchLog:
    """``n_queries`` queries of ``n_docs`` documents, each list sorted by the logger's score
    (so position k holds the logger's k-th choice)."""
    x = rng.standard_normal((n_queries, n_docs, len(TRUE_WEIGHTS)))
    utility = x @ TRUE_WEIGHTS / np.linalg.norm(TRUE_WEIGHTS)
    utility += 0.3 * rng.standard_normal(utility.shape)
    grades = np.digitize(utility, GRADE_CUTS).astype(np.float64)
    order = np.argsort(-(x @ LOGGER_WEIGHTS), axis=1, kind="stable")
    x = np.take_along_axis(x, order[:, :, None], axis=1)
    grades = np.take_along_axis(grades, order, axis=1)
    return SearchLog(x, grades, relevance_probability(grades, max_grade=MAX_GRADE))


def swap_experiment(log: SearchLog, propensity: np.ndarray, rng: np.random.Generator
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Clicks (n_queries, n_docs) when each query's top result is swapped with the result
    at a uniformly drawn position k (k = 0: no swap), and the k of each query."""
    n_q, n_docs = log.relevance.shape
    k = rng.integers(0, n_docs, n_q)
    rows = np.arange(n_q)
    shown = log.relevance.copy()
    shown[rows, 0], shown[rows, k] = log.relevance[rows, k], log.relevance[rows, 0]
    return simulate_clicks(shown, propensity, random_state=rng), k


def click_losses(clicks: np.ndarray, propensity: np.ndarray | None) -> dict:
    """The three loss families on clicks; ``propensity=None`` trains on raw clicks."""
    return {
        "pointwise": lambda s: ips_pointwise_loss(s, clicks, propensity, clip=0.05),
        "pairwise": lambda s: ips_pairwise_loss(s, clicks, propensity),
        "listwise": lambda s: ips_listwise_loss(s, clicks, propensity),
    }


def grade_losses(grades: np.ndarray) -> dict:
    """The three families on the true grades (full information): least squares on the
    grade, RankNet, ListNet; and LambdaRank (NDCG@10-weighted pairs)."""
    return {
        "pointwise": lambda s: F.mse_loss(s, grades),
        "pairwise": lambda s: ranknet_loss(s, grades),
        "listwise": lambda s: listnet_loss(s, grades),
        "lambdarank": lambda s: lambdarank_loss(s, grades, k=10),
    }


@demo("search-ranking", title="Learning to rank from position-biased clicks: naive vs IPW")
def position_bias(
    n_queries: Param(int, lo=200, hi=5000,
                     help="Logged training queries, one session each.") = 1000,
    n_docs: Param(int, lo=10, hi=30, help="Documents shown per query.") = 20,
    eta: Param(float, lo=0.0, hi=2.0,
               help="Strength of position bias: P(examine k) = (1/k)^eta.") = 1.0,
    swap_sessions: Param(int, lo=1000, hi=200_000,
                         help="Sessions of the swap experiment that estimates θ.") = 50_000,
    epochs: Param(int, lo=20, hi=500, help="Adam steps per model.") = 100,
    seed: int = 0,
) -> DemoResult:
    """Train the same linear ranker on naive clicks, on inverse-propensity-weighted clicks
    and on the true grades, with pointwise, pairwise and listwise losses; NDCG@10 on new
    queries against the true grades."""
    rng = np.random.default_rng(seed)
    theta = examination_propensities(n_docs, eta=eta)
    train = make_search_log(n_queries, n_docs, rng)
    test = make_search_log(1000, n_docs, rng)
    clicks = simulate_clicks(train.relevance, theta, random_state=rng).astype(np.float64)
    swap_clicks, swap_k = swap_experiment(make_search_log(swap_sessions, n_docs, rng),
                                          theta, rng)
    theta_hat = estimate_propensities_swap(swap_clicks, swap_k)
    theta_hat = np.clip(np.nan_to_num(theta_hat, nan=1.0), 1e-3, 1.0)

    def ndcg(coef):
        return ndcg_score(test.grades, test.features @ coef, k=10)

    setups = {"naive clicks": click_losses(clicks, None),
              "IPW clicks (swap-estimated θ)": click_losses(clicks, theta_hat),
              "IPW clicks (true θ)": click_losses(clicks, theta),
              # Full information, the ceiling: graded queries are expensive, and a few
              # hundred suffice for five weights (and keep the pairwise runs fast).
              "true grades": grade_losses(train.grades[:N_GRADED])}
    results: dict[str, dict[str, tuple[float, float]]] = {}
    spurious = len(TRUE_WEIGHTS) - 1
    for label, losses in setups.items():
        results[label] = {}
        for family, loss in losses.items():
            feats = train.features[:N_GRADED] if label == "true grades" else train.features
            coef, _ = fit_linear_scorer(feats, loss, epochs=epochs, lr=0.1,
                                        fit_intercept=family == "pointwise", seed=seed)
            share = float(abs(coef[spurious]) / np.abs(coef).sum())
            results[label][family] = (ndcg(coef), share)

    logger = ndcg(LOGGER_WEIGHTS)
    table = Table(["labels", *FAMILIES, "LambdaRank",
                   "spurious-feature share (pairwise)"])
    for label, res in results.items():
        table.add(label, *(round(res[f][0], 3) for f in FAMILIES),
                  round(res["lambdarank"][0], 3) if "lambdarank" in res else "-",
                  round(float(res["pairwise"][1]), 3))
    table.add("logging ranker", *[round(logger, 3)] * 3, "-",
              round(float(abs(LOGGER_WEIGHTS[spurious]) / np.abs(LOGGER_WEIGHTS).sum()), 3))

    # Figure 1: the click-through curve and the propensities.
    positions = np.arange(1, n_docs + 1)
    ctr = ctr_by_position(clicks)
    fig_ctr, (ax_c, ax_p) = new_figure(2, width=4.4)
    ax_c.bar(positions, ctr, color="C0", label="CTR in the log")
    ax_c.plot(positions, train.relevance.mean(axis=0), "o-", color="C2", ms=3,
              label="mean P(click | examined) shown there")
    ax_c.set(xlabel="position", ylabel="rate", title="Clicks fall with position")
    ax_c.legend(fontsize=8)
    ax_p.plot(positions, theta, "k-", label="true θ = (1/k)^η")
    ax_p.plot(positions, theta_hat, "o", color="C1", ms=4, label="swap-experiment estimate")
    ax_p.plot(positions, ctr / ctr[0], "x", color="C3", ms=4, label="naive CTR_k / CTR_1")
    ax_p.set(xlabel="position", ylabel="examination propensity", yscale="log",
             title="Propensities: swap estimate vs naive")
    ax_p.legend(fontsize=8)

    # Figure 2: NDCG@10 per loss family and label source.
    fig_ndcg, ax = new_figure(1, width=7.0)
    width = 0.2
    for i, label in enumerate(setups):
        vals = [results[label][f][0] for f in FAMILIES]
        ax.bar(np.arange(3) + (i - 1.5) * width, vals, width, label=label, color=f"C{i}")
    ax.axhline(logger, color="k", ls=":", label=f"logging ranker ({logger:.3f})")
    ax.set_xticks(np.arange(3), FAMILIES)
    lo = min(logger, min(r[f][0] for r in results.values() for f in FAMILIES))
    ax.set(ylabel="NDCG@10 on test queries (true grades)", ylim=(lo - 0.05, 1.0),
           title="Same clicks, same model: naive vs inverse propensity weighting")
    ax.legend(fontsize=8, loc="lower right")

    naive, ipw = results["naive clicks"], results["IPW clicks (true θ)"]
    est, full = results["IPW clicks (swap-estimated θ)"], results["true grades"]
    err = np.abs(theta_hat[1:] - theta[1:]) / theta[1:]
    summary = (
        f"Clicks fall from {ctr[0]:.0%} at position 1 to {ctr[-1]:.1%} at position "
        f"{n_docs}; the naive ratio CTR_{n_docs}/CTR_1 = {ctr[-1] / ctr[0]:.3f} mixes "
        f"exposure with the logger's ordering (the truth is {theta[-1]:.3f}); the swap "
        f"experiment recovers θ with a median relative error of {np.median(err):.0%}, "
        f"noisiest at the bottom (θ_{n_docs} = {theta_hat[-1]:.3f}), where the swapped "
        f"document is rarely examined. Trained on naive clicks, the pairwise "
        f"ranker reaches NDCG@10 {naive['pairwise'][0]:.3f} and puts "
        f"{naive['pairwise'][1]:.0%} of its weight on the logger's popularity feature, "
        f"which carries no relevance; weighting each click by 1/θ gives "
        f"{ipw['pairwise'][0]:.3f} with the true θ and {est['pairwise'][0]:.3f} with the "
        f"estimated one ({ipw['pairwise'][1]:.0%} on that feature), against "
        f"{full['pairwise'][0]:.3f} from the true grades and {logger:.3f} for the logger. "
        f"Pointwise / pairwise / listwise on IPW clicks: {ipw['pointwise'][0]:.3f} / "
        f"{ipw['pairwise'][0]:.3f} / {ipw['listwise'][0]:.3f} (naive: "
        f"{naive['pointwise'][0]:.3f} / {naive['pairwise'][0]:.3f} / "
        f"{naive['listwise'][0]:.3f}); on the true grades LambdaRank gets "
        f"{full['lambdarank'][0]:.3f}.")
    return DemoResult(figures={"ndcg": fig_ndcg, "clicks": fig_ctr}, table=table,
                      summary=summary)
