"""The mock interview's tests run on the exercise bank they were written against.

Which exercise a session ends with depends on the whole bank (a seeded draw among the
session topic's exercises, the nearest topic with one): the tests pin those choices, so
they see the 41 exercises of the first bank, not the bank as it grows.
"""

from __future__ import annotations

import pytest

FIRST_BANK = frozenset({
    "activations/stable-softmax", "anomaly-detection/gaussian-score",
    "backprop/mlp-backward", "bayes-rule/posterior", "binomial/at-least-k",
    "classification-metrics/precision-recall-f1", "conv-parameters/naive-conv2d",
    "conv-parameters/output-shape", "decision-threshold/min-cost-threshold",
    "decision-trees/predict-walk",
    "dedup-out-of-core/first-occurrences-under-a-memory-cap", "ensembles/adaboost-weights",
    "entity-ranking/ndcg-at-k", "entropy/entropy-kl", "expectation-maximization/e-step",
    "generative-metrics/frechet-distance", "generative-metrics/psnr",
    "generative-models/vae-reparam-kl", "imbalanced-data/smote",
    "kalman-filter/predict-update", "l1-l2/soft-threshold-step",
    "lcs/lcs-length-and-sequence", "least-squares/normal-equations-and-pinv",
    "linked-list-binary-tree/invert-binary-tree",
    "linked-list-binary-tree/reverse-linked-list", "logistic-regression/loss-gradient",
    "maximum-likelihood/categorical-nll",
    "mixed-precision-gradient-clipping/clip-global-norm", "multilabel/bce-with-logits",
    "multilabel/hamming-jaccard", "optimizers/adam-step", "overfitting/k-fold",
    "p-values/permutation-test", "pca/pca-by-svd", "pseudoinverse-frobenius/pinv-svd",
    "recurrent-networks/lstm-cell", "search-planning/astar-grid", "svm/hinge-subgradient",
    "transposed-conv/transposed-conv-1d", "traversals-search/bfs-distances",
    "tree-splitting/best-split",
})


@pytest.fixture
def first_bank(monkeypatch):
    """``exercises.registry()`` limited to :data:`FIRST_BANK`."""
    from mlinterview import exercises

    kept = {k: e for k, e in exercises.registry().items() if k in FIRST_BANK}
    assert len(kept) == len(FIRST_BANK)
    monkeypatch.setattr(exercises, "registry", lambda: dict(kept))
    return kept
