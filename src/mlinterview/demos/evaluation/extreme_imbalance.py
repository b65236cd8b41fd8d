"""Demo for extreme-imbalance-review: 1 billion positives against 200,000 negatives is a
5000:1 ratio, with the *negative* class rare. Which numbers expose a bad model?

The set is scaled down with the same ratio (``n_negatives`` negatives and ``ratio`` times
as many positives). Scores are Gaussian: positives ~ N(separation, 1), negatives ~ N(0, 1);
``strong`` and ``weak`` models differ in separation. Every count is then scaled back to
the real 200,000 negatives.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import metrics

REAL_NEGATIVES = 200_000


def make_set(n_negatives: int, ratio: int, separation: float, seed: int):
    """Labels (1 = positive, the huge class) and scores, shape (n_negatives * (ratio+1),)."""
    rng = np.random.default_rng(seed)
    n_pos = n_negatives * ratio
    y = np.r_[np.ones(n_pos, np.int64), np.zeros(n_negatives, np.int64)]
    scores = rng.normal(size=y.size) + separation * y
    return y, scores


def review(y, scores, threshold) -> dict[str, float]:
    """What a reviewer should look at: per-class recall, negative-class precision, MCC,
    ROC AUC and the PR-AUC of each class taken as the "positive" one."""
    pred = (scores >= threshold).astype(np.int64)
    cm = metrics.confusion_matrix(y, pred, labels=[0, 1])
    (tn, fp), (fn, tp) = cm
    return {
        "accuracy": metrics.accuracy_score(y, pred),
        "recall of positives": tp / (tp + fn),
        "recall of negatives (specificity)": tn / (tn + fp),
        "precision of negatives": tn / (tn + fn) if tn + fn else 0.0,
        "balanced accuracy": metrics.balanced_accuracy_score(y, pred),
        "MCC": metrics.matthews_corrcoef(y, pred),
        "ROC AUC": metrics.roc_auc_score(y, scores),
        "PR-AUC, positives": metrics.average_precision_score(y, scores),
        "PR-AUC, negatives": metrics.average_precision_score(1 - y, -scores),
        f"negatives let through (of {REAL_NEGATIVES:,})": fp / (tn + fp) * REAL_NEGATIVES,
    }


@demo("extreme-imbalance-review", title="Reviewing a model trained on 5000:1 data")
def extreme_imbalance(
    ratio: Param(int, lo=10, hi=10_000, help="Positives per negative.") = 5000,
    n_negatives: Param(int, lo=20, hi=1000, help="Negatives in the scaled-down set.") = 200,
    strong: Param(float, lo=0.0, hi=6.0, help="Separation of the good model.") = 3.5,
    weak: Param(float, lo=0.0, hi=6.0, help="Separation of the weak model.") = 1.0,
    seed: int = 0,
) -> DemoResult:
    """A constant "positive" model scores 99.98% accuracy (the best of the three) and
    0.9998 PR-AUC on the huge class. The negative class's recall and PR-AUC, MCC and
    balanced accuracy tell the models apart; accuracy and the positive-class PR-AUC
    cannot."""
    y, s_strong = make_set(n_negatives, ratio, strong, seed)
    _, s_weak = make_set(n_negatives, ratio, weak, seed + 1)
    constant = np.ones(y.size)
    # Threshold the models where they keep 99% of positives (the operating point a team
    # optimising the majority class would pick).
    models = {
        "always positive": (constant, 0.5),
        f"weak (sep {weak:g})": (s_weak, np.quantile(s_weak[y == 1], 0.01)),
        f"strong (sep {strong:g})": (s_strong, np.quantile(s_strong[y == 1], 0.01)),
    }
    results = {name: review(y, s, t) for name, (s, t) in models.items()}
    rows = list(next(iter(results.values())))
    table = Table(["metric", *results])
    for metric in rows:
        table.add(metric, *(round(float(r[metric]), 4) for r in results.values()))

    fig1, ax = new_figure(width=6.6)
    shown = ["accuracy", "PR-AUC, positives", "recall of negatives (specificity)",
             "PR-AUC, negatives", "balanced accuracy", "MCC"]
    xs = np.arange(len(shown))
    for i, (name, r) in enumerate(results.items()):
        ax.bar(xs + (i - 1) * 0.27, [r[m] for m in shown], 0.27, label=name)
    ax.set_xticks(xs, ["accuracy", "PR-AUC +", "recall -", "PR-AUC -", "bal. acc.", "MCC"])
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"{ratio}:1 — only the rare-class views separate the models")
    ax.legend(fontsize=8)

    fig2, ax = new_figure(width=5.0)
    for name, (s, _) in list(models.items())[1:]:
        prec, rec, _ = metrics.precision_recall_curve(1 - y, -s)
        ax.step(rec, prec, where="post", label=name)
    ax.axhline(1 / (ratio + 1), ls=":", color="#999999", label="chance")
    ax.set(xlabel="recall of negatives", ylabel="precision of negatives",
           title="PR curve with the rare class as target", ylim=(0, 1.02))
    ax.legend(fontsize=8)

    weak_r, strong_r = results[f"weak (sep {weak:g})"], results[f"strong (sep {strong:g})"]
    key = f"negatives let through (of {REAL_NEGATIVES:,})"
    summary = (
        f"At {ratio}:1, always predicting positive is {results['always positive']['accuracy']:.4%} "
        f"accurate and lets all {REAL_NEGATIVES:,} negatives through. Keeping 99% of "
        f"positives, the weak model still lets about {weak_r[key]:,.0f} negatives through "
        f"(specificity {weak_r['recall of negatives (specificity)']:.2f}, PR-AUC on "
        f"negatives {weak_r['PR-AUC, negatives']:.2f}); the strong one about "
        f"{strong_r[key]:,.0f} (PR-AUC on negatives {strong_r['PR-AUC, negatives']:.2f}). "
        f"The useless constant model has the highest accuracy of the three."
    )
    return DemoResult(figures={"metrics": fig1, "negative_pr": fig2}, table=table,
                      summary=summary)
