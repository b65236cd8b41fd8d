"""Demo for classification-metrics: the accuracy paradox, and every metric as the
threshold moves.

The data: a rare positive class (``positive_rate``) whose scores are the exact posterior
probabilities of a two-Gaussian model (negatives ~ N(0, 1), positives ~
N(``separation``, 1)), so the scores are calibrated and ``separation`` controls how well a
threshold can tell the classes apart.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import metrics


def make_scores(n_samples: int, positive_rate: float, separation: float, seed: int):
    """Labels of shape (n,) and calibrated scores P(y=1 | x) of shape (n,)."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n_samples) < positive_rate).astype(np.int64)
    y[rng.choice(n_samples, 2, replace=False)] = [0, 1]  # both classes always present
    x = rng.normal(loc=separation * y, scale=1.0)
    # Bayes posterior for two unit-variance Gaussians: a logistic function of x.
    log_odds = separation * x - separation**2 / 2 + np.log(positive_rate / (1 - positive_rate))
    return y, 1.0 / (1.0 + np.exp(-log_odds))


def label_metrics(y, y_pred) -> dict[str, float]:
    """The label metrics of one set of predictions (0/0 counts as 0)."""
    p, r, f, _ = metrics.precision_recall_fscore_support(
        y, y_pred, labels=[1], average="macro", zero_division=0)
    return {
        "accuracy": metrics.accuracy_score(y, y_pred),
        "balanced accuracy": metrics.balanced_accuracy_score(y, y_pred),
        "precision": p,
        "recall": r,
        "F1": f,
        "MCC": metrics.matthews_corrcoef(y, y_pred),
    }


def threshold_sweep(y, scores, thresholds):
    """Precision, recall, F1, accuracy and balanced accuracy at each threshold.

    Counts come from sorted scores and ``searchsorted`` (no loop over thresholds):
    TP(t) = positives with score >= t.
    """
    pos = np.sort(scores[y == 1])
    neg = np.sort(scores[y == 0])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    fn = len(pos) - tp
    tn = len(neg) - fp
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
        recall = tp / len(pos)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    return {
        "precision": precision,
        "recall": recall,
        "F1": f1,
        "accuracy": (tp + tn) / len(y),
        "balanced accuracy": (recall + tn / len(neg)) / 2,
    }


@demo("classification-metrics", title="The accuracy paradox and the threshold")
def accuracy_paradox(
    positive_rate: Param(float, lo=0.001, hi=0.5, help="Share of positive samples.") = 0.01,
    separation: Param(float, lo=0.0, hi=5.0,
                      help="Distance between the class score distributions.") = 2.0,
    threshold: Param(float, lo=0.0, hi=1.0, help="Predict positive when score >= this.") = 0.5,
    n_samples: Param(int, lo=200, hi=200_000, help="Number of samples.") = 20_000,
    seed: int = 0,
) -> DemoResult:
    """On a rare-positive set, a model that always says "negative" has high accuracy and
    finds nothing. Precision, recall, F1, MCC and balanced accuracy expose it; moving the
    threshold trades precision for recall; ROC and PR curves show all thresholds at once.
    """
    y, scores = make_scores(n_samples, positive_rate, separation, seed)
    rate = y.mean()
    y_model = (scores >= threshold).astype(np.int64)
    y_never = np.zeros_like(y)
    model = label_metrics(y, y_model)
    never = label_metrics(y, y_never)
    constant = np.full(len(y), rate)  # the base rate as a probability for everyone
    model.update({"ROC AUC": metrics.roc_auc_score(y, scores),
                  "average precision": metrics.average_precision_score(y, scores),
                  "log loss": metrics.log_loss(y, scores)})
    never.update({"ROC AUC": metrics.roc_auc_score(y, constant),
                  "average precision": metrics.average_precision_score(y, constant),
                  "log loss": metrics.log_loss(y, constant)})

    table = Table(["metric", "always negative", f"model @ {threshold:g}"])
    for name in model:
        table.add(name, round(never[name], 4), round(model[name], 4))

    # Figure 1: the paradox in bars.
    fig1, ax = new_figure(width=6.4)
    names = ["accuracy", "balanced accuracy", "precision", "recall", "F1", "MCC"]
    xs = np.arange(len(names))
    ax.bar(xs - 0.2, [never[n] for n in names], 0.4, label="always negative", color="#bbbbbb")
    ax.bar(xs + 0.2, [model[n] for n in names], 0.4, label=f"model @ {threshold:g}",
           color="#1f77b4")
    ax.set_xticks(xs, names, rotation=20)
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"{rate:.2%} positives: accuracy hides a useless model")
    ax.legend(loc="upper right")

    # Figure 2: every metric as the threshold moves.
    fig2, ax = new_figure(width=6.4)
    grid = np.linspace(0, 1, 201)
    sweep = threshold_sweep(y, scores, grid)
    for name, values in sweep.items():
        ax.plot(grid, values, label=name)
    ax.axvline(threshold, color="k", ls="--", lw=1)
    ax.set_xlabel("threshold")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Metrics as the threshold moves")
    ax.legend(loc="center right", fontsize=8)

    # Figure 3: ROC and PR curves with the operating point.
    fig3, (ax_roc, ax_pr) = new_figure(2, width=4.2)
    fpr, tpr, _ = metrics.roc_curve(y, scores)
    ax_roc.plot(fpr, tpr, label=f"model (AUC {model['ROC AUC']:.3f})")
    ax_roc.plot([0, 1], [0, 1], color="#999999", ls=":", label="chance (0.5)")
    cm = metrics.confusion_matrix(y, y_model, labels=[0, 1])
    (tn, fp), (fn, tp) = cm
    ax_roc.plot(fp / (fp + tn), tp / (tp + fn), "ko")
    ax_roc.set(xlabel="false-positive rate", ylabel="true-positive rate (recall)", title="ROC")
    ax_roc.legend(loc="lower right", fontsize=8)
    prec, rec, _ = metrics.precision_recall_curve(y, scores)
    ax_pr.step(rec, prec, where="post", label=f"model (AP {model['average precision']:.3f})")
    ax_pr.axhline(rate, color="#999999", ls=":", label=f"chance ({rate:.3f})")
    ax_pr.plot(model["recall"], model["precision"], "ko")
    ax_pr.set(xlabel="recall", ylabel="precision", title="Precision-recall", ylim=(-0.02, 1.02))
    ax_pr.legend(loc="upper right", fontsize=8)

    # Figure 4: the confusion matrix at the threshold.
    fig4, ax = new_figure(width=4.0, height=3.4)
    ax.imshow(cm, cmap="Blues")
    ax.grid(False)
    for (i, j), count in np.ndenumerate(cm):
        ax.text(j, i, f"{['TN', 'FP', 'FN', 'TP'][2 * i + j]}\n{count}", ha="center",
                va="center", color="white" if count > cm.max() / 2 else "black")
    ax.set_xticks([0, 1], ["predicted 0", "predicted 1"])
    ax.set_yticks([0, 1], ["actual 0", "actual 1"])
    ax.set_title(f"Confusion matrix @ {threshold:g}")

    summary = (
        f"With {rate:.2%} positives, always predicting negative scores accuracy "
        f"{never['accuracy']:.3f} yet recall, F1 and MCC of 0 and balanced accuracy 0.5. "
        f"The model at threshold {threshold:g} has precision {model['precision']:.3f} "
        f"(TP / (TP + FP)) and recall {model['recall']:.3f} (TP / (TP + FN)); its ROC AUC is "
        f"{model['ROC AUC']:.3f} while its average precision is "
        f"{model['average precision']:.3f}: ROC AUC does not depend on how rare positives are, "
        f"average precision does, so it shows what a flagged case is worth here."
    )
    return DemoResult(
        figures={"paradox": fig1, "threshold": fig2, "curves": fig3, "confusion": fig4},
        table=table,
        summary=summary,
    )
