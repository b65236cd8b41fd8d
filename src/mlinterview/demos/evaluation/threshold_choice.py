"""Demo for decision-threshold: one scorer, five ways to pick its threshold, and the
costs, ROC and precision-recall views side by side.

The scores are the exact posterior probabilities of a two-Gaussian model (built by the
classification-metrics demo's generator), so they are calibrated and the cost-optimal
rule has a closed form: predict positive when ``p >= c_fp / (c_fp + c_fn)``.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.demos.evaluation.classification_metrics import make_scores
from mlinterview.ml import metrics


def chosen_thresholds(y, scores, cost_fp, cost_fn, target):
    """Threshold of each selection rule: ``{name: threshold}``."""
    return {
        "default 0.5": 0.5,
        "max F1": metrics.best_threshold(y, scores, method="f_beta")[0],
        "max F2": metrics.best_threshold(y, scores, method="f_beta", beta=2.0)[0],
        "Youden's J": metrics.best_threshold(y, scores, method="youden")[0],
        "min cost (empirical)": metrics.best_threshold(y, scores, method="cost",
                                                       cost_fp=cost_fp, cost_fn=cost_fn)[0],
        "min cost (Bayes rule)": cost_fp / (cost_fp + cost_fn),
        f"precision >= {target:g}": metrics.best_threshold(y, scores, method="precision_at",
                                                           target=target)[0],
    }


def operating_point(y, scores, t, cost_fp, cost_fn):
    """Precision, recall, FPR and cost per 1,000 samples when predicting ``score >= t``."""
    pred = scores >= t
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    return {"precision": precision, "recall": tp / max(1, int(y.sum())),
            "FPR": fp / max(1, int((y == 0).sum())),
            "cost / 1000": 1000 * (cost_fp * fp + cost_fn * fn) / len(y)}


@demo("decision-threshold", title="Picking a threshold: F-beta, Youden, cost, precision target")
def threshold_choice(
    cost_fp: Param(float, lo=0.01, hi=100.0, help="Cost of a false positive.") = 1.0,
    cost_fn: Param(float, lo=0.01, hi=100.0, help="Cost of a false negative.") = 5.0,
    positive_rate: Param(float, lo=0.01, hi=0.5, help="Share of positives.") = 0.1,
    separation: Param(float, lo=0.5, hi=4.0, help="Class separation of the scores.") = 1.5,
    target: Param(float, lo=0.1, hi=0.99, help="Precision target.") = 0.6,
    n_samples: Param(int, lo=1000, hi=200_000, help="Number of samples.") = 50_000,
    seed: int = 0,
) -> DemoResult:
    """Each rule answers a different question. With calibrated probabilities the cheapest
    threshold is c_fp / (c_fp + c_fn), whatever the class balance; the empirical
    minimum-cost threshold lands next to it."""
    y, scores = make_scores(n_samples, positive_rate, separation, seed)
    chosen = chosen_thresholds(y, scores, cost_fp, cost_fn, target)
    table = Table(["rule", "threshold", "precision", "recall", "FPR", "cost / 1000"])
    points = {}
    for name, t in chosen.items():
        points[name] = operating_point(y, scores, t, cost_fp, cost_fn)
        table.add(name, round(t, 4), *(round(v, 4) for v in points[name].values()))

    m = metrics.threshold_metrics(y, scores)
    finite = np.isfinite(m["threshold"])
    cost = 1000 * (cost_fp * m["fp"] + cost_fn * m["fn"]) / len(y)
    fig1, ax = new_figure(width=6.0)
    ax.plot(m["threshold"][finite], cost[finite], label="cost per 1,000")
    for name in ("min cost (Bayes rule)", "default 0.5", "max F1"):
        ax.axvline(chosen[name], ls="--", lw=1, color={"default 0.5": "#999999",
                   "max F1": "#2ca02c"}.get(name, "k"), label=name)
    ax.set(xlabel="threshold", ylabel=f"cost (FP={cost_fp:g}, FN={cost_fn:g})",
           title="Expected cost as the threshold moves")
    ax.legend(fontsize=8)

    fig2, (ax_roc, ax_pr) = new_figure(2, width=4.2)
    ax_roc.plot(m["fpr"], m["recall"], color="#1f77b4")
    ax_roc.plot([0, 1], [0, 1], ":", color="#999999")
    ax_pr.plot(m["recall"][1:], m["precision"][1:], color="#1f77b4")
    ax_pr.axhline(y.mean(), ls=":", color="#999999")
    for name, pt in points.items():
        ax_roc.plot(pt["FPR"], pt["recall"], "o", label=name, ms=5)
        ax_pr.plot(pt["recall"], pt["precision"], "o", ms=5)
    ax_roc.set(xlabel="false-positive rate", ylabel="recall", title="ROC")
    ax_pr.set(xlabel="recall", ylabel="precision", title="Precision-recall", ylim=(0, 1.02))
    ax_roc.legend(fontsize=7, loc="lower right")

    fig3, ax = new_figure(width=4.5)
    prob_true, prob_pred = metrics.calibration_curve(y, scores, n_bins=10, strategy="quantile")
    ax.plot([0, 1], [0, 1], ":", color="#999999", label="perfect")
    ax.plot(prob_pred, prob_true, "o-", label="model")
    ax.set(xlabel="mean predicted probability", ylabel="observed positive rate",
           title=f"Calibration (Brier {metrics.brier_score_loss(y, scores):.4f})")
    ax.legend(fontsize=8)

    bayes, emp = points["min cost (Bayes rule)"], points["min cost (empirical)"]
    summary = (
        f"A false negative costs {cost_fn:g}, a false positive {cost_fp:g}. With calibrated "
        f"probabilities the Bayes rule threshold is {chosen['min cost (Bayes rule)']:.3f} "
        f"(cost {bayes['cost / 1000']:.1f} per 1,000); the empirical minimum at "
        f"{chosen['min cost (empirical)']:.3f} costs {emp['cost / 1000']:.1f}. The default "
        f"0.5 costs {points['default 0.5']['cost / 1000']:.1f}. F1 and Youden's J ignore the "
        f"costs; pick the rule that matches the business question, on validation data."
    )
    return DemoResult(figures={"cost": fig1, "roc_pr": fig2, "calibration": fig3},
                      table=table, summary=summary)
