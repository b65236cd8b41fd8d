"""Classification metrics: ours vs scikit-learn on 1e6 samples and 10 classes.

Labels and predictions agree on about 70% of the samples; the scores are a softmax over
noisy logits, so ranking metrics see ties only where real data would have them. Both
libraries get the same NumPy arrays. Run: ``python benchmarks/bench_metrics.py``.
"""

from __future__ import annotations

import numpy as np
from sklearn import metrics as skm

from _harness import main
from mlinterview.ml import metrics

TITLE = "Classification metrics, 1e6 samples, 10 classes"
REFERENCE = "scikit-learn"
N, K = 1_000_000, 10


def data(seed: int = 0):
    """Multiclass labels, predictions, probabilities, and a binary slice with scores."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, K, N)
    logits = rng.normal(size=(N, K))
    logits[np.arange(N), y_true] += 2.0
    proba = np.exp(logits - logits.max(axis=1, keepdims=True))
    proba /= proba.sum(axis=1, keepdims=True)
    y_pred = proba.argmax(axis=1)
    y_bin = (y_true == 0).astype(np.int64)
    score = proba[:, 0]
    weight = rng.uniform(0.5, 2.0, N)
    return y_true, y_pred, proba, y_bin, score, weight


def cases():
    y, p, proba, y_bin, score, w = data()
    size = f"{N:.0e} x {K} classes"
    same = [
        ("accuracy_score", lambda m: m.accuracy_score(y, p)),
        ("confusion_matrix", lambda m: m.confusion_matrix(y, p)),
        ("confusion_matrix weighted", lambda m: m.confusion_matrix(y, p, sample_weight=w)),
        ("precision_score macro", lambda m: m.precision_score(y, p, average="macro")),
        ("recall_score micro", lambda m: m.recall_score(y, p, average="micro")),
        ("f1_score weighted", lambda m: m.f1_score(y, p, average="weighted")),
        ("precision_recall_fscore_support", lambda m: m.precision_recall_fscore_support(y, p)),
        ("fbeta_score beta=2 macro", lambda m: m.fbeta_score(y, p, beta=2, average="macro")),
        ("balanced_accuracy_score", lambda m: m.balanced_accuracy_score(y, p)),
        ("matthews_corrcoef", lambda m: m.matthews_corrcoef(y, p)),
        ("classification_report", lambda m: m.classification_report(y, p, digits=4)),
        ("log_loss", lambda m: m.log_loss(y, proba)),
    ]
    for name, call in same:
        yield name, size, (lambda c=call: c(metrics)), (lambda c=call: c(skm))
    binary = f"{N:.0e}, binary"
    ranking = [
        ("roc_curve", lambda m: m.roc_curve(y_bin, score)),
        ("roc_auc_score", lambda m: m.roc_auc_score(y_bin, score)),
        ("precision_recall_curve", lambda m: m.precision_recall_curve(y_bin, score)),
        ("average_precision_score", lambda m: m.average_precision_score(y_bin, score)),
    ]
    for name, call in ranking:
        yield name, binary, (lambda c=call: c(metrics)), (lambda c=call: c(skm))
    yield ("roc_auc_score ovr macro", size,
           lambda: metrics.roc_auc_score(y, proba, multi_class="ovr"),
           lambda: skm.roc_auc_score(y, proba, multi_class="ovr"))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
