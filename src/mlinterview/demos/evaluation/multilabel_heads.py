"""Demo for multilabel: a sigmoid head (one BCE per label) against a softmax head on data
where samples carry several labels at once, then per-label thresholds.

The data: ``n_labels`` linear concepts over Gaussian features, each label switched on by
its own half-space, with offsets that make some labels common and some rare. Both heads
are the same linear layer trained on the autograd engine with Adam; only the output
non-linearity and the loss differ.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import metrics
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.optim import Adam


def make_multilabel(n_samples: int, n_features: int, n_labels: int, noise: float, seed: int):
    """Features (n, d) and a 0/1 label matrix (n, n_labels); labels overlap freely."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    W = rng.normal(size=(n_features, n_labels))
    # Offsets from 0 (half the samples) to 1.5 standard deviations (about 7%).
    offsets = np.linspace(0.0, 1.5, n_labels) * np.linalg.norm(W, axis=0)
    Y = (X @ W - offsets + noise * rng.normal(size=(n_samples, n_labels)) > 0)
    return X, Y.astype(np.int64)


def train_head(X, Y, head: str, *, epochs: int = 300, lr: float = 0.05, seed: int = 0):
    """Fit a linear layer with a ``"sigmoid"`` (BCE per label) or ``"softmax"`` head.

    The softmax head is trained with cross-entropy against the label set normalised to sum
    to one (the usual way to force a multi-label set into a softmax). Returns the weights
    ``(W, b)`` of shapes (n_features, n_labels) and (n_labels,).
    """
    rng = np.random.default_rng(seed)
    W = Tensor(rng.normal(scale=0.01, size=(X.shape[1], Y.shape[1])), requires_grad=True)
    b = Tensor(np.zeros(Y.shape[1]), requires_grad=True)
    opt = Adam([W, b], lr=lr)
    x = Tensor(X)
    counts = Y.sum(axis=1, keepdims=True)
    # A sample without labels gets a uniform target: the softmax must put its mass somewhere.
    target = np.where(counts > 0, Y / np.maximum(counts, 1), 1.0 / Y.shape[1])
    for _ in range(epochs):
        opt.zero_grad()
        logits = x @ W + b
        if head == "sigmoid":
            loss = F.binary_cross_entropy_with_logits(logits, Y.astype(np.float64))
        else:
            loss = F.cross_entropy(logits, target)
        loss.backward()
        opt.step()
    return W.data, b.data


def head_scores(X, W, b, head: str) -> np.ndarray:
    """Per-label probabilities (sigmoid) or one distribution over labels (softmax), (n, L)."""
    logits = X @ W + b
    if head == "sigmoid":
        return 1.0 / (1.0 + np.exp(-logits))
    z = np.exp(logits - logits.max(axis=1, keepdims=True))   # shift: no overflow
    return z / z.sum(axis=1, keepdims=True)


THRESHOLD_GRID = np.linspace(0.05, 0.95, 19)


def best_label_thresholds(Y, P, grid=THRESHOLD_GRID):
    """Per-label threshold from ``grid`` maximising that label's F1 on (Y, P).

    Vectorised over grid and labels: predictions of shape (n_grid, n, n_labels).
    """
    pred = P[None, :, :] >= grid[:, None, None]
    tp = (pred & (Y[None] == 1)).sum(axis=1)
    fp = (pred & (Y[None] == 0)).sum(axis=1)
    fn = Y.sum(axis=0)[None, :] - tp
    f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(tp.shape),
                   where=(2 * tp + fp + fn) > 0)
    return grid[f1.argmax(axis=0)]


def scores_of(Y, Y_hat) -> dict[str, float]:
    """The multi-label metrics of one prediction."""
    _, _, micro_f1, _ = metrics.multilabel_precision_recall_fscore_support(
        Y, Y_hat, average="micro", zero_division=0)
    _, _, macro_f1, _ = metrics.multilabel_precision_recall_fscore_support(
        Y, Y_hat, average="macro", zero_division=0)
    return {
        "hamming loss": metrics.hamming_loss(Y, Y_hat),
        "subset accuracy": metrics.subset_accuracy_score(Y, Y_hat),
        "Jaccard (samples)": metrics.jaccard_score(Y, Y_hat, average="samples",
                                                   zero_division=1),
        "micro F1": micro_f1,
        "macro F1": macro_f1,
    }


def predictions(n_samples: int, n_labels: int, noise: float, seed: int):
    """Test labels, each head's prediction and the tuned thresholds.

    Train, validation and test slices of ``n_samples`` each; the per-label thresholds
    are chosen on validation, never on test.
    """
    X, Y = make_multilabel(3 * n_samples, 10, n_labels, noise, seed)
    tr, va, te = slice(0, n_samples), slice(n_samples, 2 * n_samples), slice(2 * n_samples, None)
    P_soft = head_scores(X, *train_head(X[tr], Y[tr], "softmax", seed=seed), "softmax")
    P_sig = head_scores(X, *train_head(X[tr], Y[tr], "sigmoid", seed=seed), "sigmoid")
    thresholds = best_label_thresholds(Y[va], P_sig[va])
    top1 = np.eye(n_labels, dtype=np.int64)[P_soft[te].argmax(axis=1)]
    return Y[te], {
        "softmax, top-1": top1,
        "softmax, p >= 1/L": (P_soft[te] >= 1.0 / n_labels).astype(np.int64),
        "sigmoid, 0.5": (P_sig[te] >= 0.5).astype(np.int64),
        "sigmoid, tuned per label": (P_sig[te] >= thresholds).astype(np.int64),
    }, thresholds


@demo("multilabel", title="Sigmoid vs softmax heads on multi-label data")
def sigmoid_vs_softmax(
    n_samples: Param(int, lo=200, hi=20_000, help="Samples in each of train/val/test.") = 2000,
    n_labels: Param(int, lo=2, hi=12, help="Number of labels.") = 6,
    noise: Param(float, lo=0.0, hi=3.0, help="Label noise (std of the logit noise).") = 0.5,
    seed: int = 0,
) -> DemoResult:
    """A softmax head spreads one unit of probability over the labels, so it cannot say
    "yes" to two labels at once; independent sigmoids (BCE per label) can. Tuning one
    threshold per label on validation data helps the rare labels most."""
    Y, preds, thresholds = predictions(n_samples, n_labels, noise, seed)
    results = {name: scores_of(Y, Y_hat) for name, Y_hat in preds.items()}
    names = list(next(iter(results.values())))
    table = Table(["head", *names])
    for head, row in results.items():
        table.add(head, *(round(row[n], 4) for n in names))

    fig1, ax = new_figure(width=6.4)
    xs = np.arange(len(names))
    width = 0.8 / len(results)
    for i, (head, row) in enumerate(results.items()):
        ax.bar(xs + (i - (len(results) - 1) / 2) * width, [row[n] for n in names], width,
               label=head)
    ax.set_xticks(xs, names, rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_title("Multi-label metrics of each head (test set)")
    ax.legend(fontsize=8)

    fig2, ax = new_figure(width=6.0)
    per_label_f1_05 = metrics.multilabel_precision_recall_fscore_support(
        Y, preds["sigmoid, 0.5"], zero_division=0)[2]
    per_label_f1_t = metrics.multilabel_precision_recall_fscore_support(
        Y, preds["sigmoid, tuned per label"], zero_division=0)[2]
    xs = np.arange(n_labels)
    ax.bar(xs - 0.2, per_label_f1_05, 0.4, label="threshold 0.5")
    ax.bar(xs + 0.2, per_label_f1_t, 0.4, label="tuned threshold")
    for x, t in zip(xs, thresholds, strict=True):
        ax.text(x + 0.2, 0.02, f"{t:.2f}", ha="center", fontsize=7, rotation=90)
    prevalence = Y.mean(axis=0)
    ax.set_xticks(xs, [f"{j}\n{p:.0%}" for j, p in enumerate(prevalence)])
    ax.set_xlabel("label (prevalence)")
    ax.set_ylabel("F1 of the label")
    ax.set_title("Per-label thresholds help the rare labels")
    ax.legend(fontsize=8)

    multi = float((Y.sum(axis=1) > 1).mean())
    summary = (
        f"{multi:.0%} of test samples carry more than one label. The softmax top-1 head can "
        f"name only one, so its subset accuracy is at most "
        f"{float((Y.sum(axis=1) == 1).mean()):.2f} (the share with exactly one label); it "
        f"reaches {results['softmax, top-1']['subset accuracy']:.3f}. Independent sigmoids "
        f"trained with BCE reach micro F1 {results['sigmoid, 0.5']['micro F1']:.3f} at 0.5 "
        f"and {results['sigmoid, tuned per label']['micro F1']:.3f} with one threshold per "
        f"label chosen on validation. Hamming loss divides the wrong cells by samples x "
        f"labels."
    )
    return DemoResult(figures={"metrics": fig1, "thresholds": fig2}, table=table,
                      summary=summary)
