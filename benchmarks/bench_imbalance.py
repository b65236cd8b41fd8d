"""Imbalanced data and anomaly detection: ours vs imbalanced-learn and scikit-learn.

SMOTE and the random samplers on 20,000 x 20 with 1% minority, and SMOTE with a 10,000-row
minority class (imbalanced-learn; its neighbour search is scikit-learn's multi-threaded
brute force, ours a single-threaded blocked one);
IsolationForest fit + score_samples on 100,000 x 10 with 100 trees, single-threaded
(scikit-learn, ``n_jobs=None``); the "balanced" class weights on 1e6 labels. Both sides
get the same arrays; the random streams differ (default_rng vs RandomState), the work
does not. Run: ``python benchmarks/bench_imbalance.py``.
"""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling import SMOTE as ImbSMOTE
from imblearn.over_sampling import RandomOverSampler as ImbOver
from imblearn.under_sampling import RandomUnderSampler as ImbUnder
from sklearn.ensemble import IsolationForest as SkIsolationForest
from sklearn.utils.class_weight import compute_class_weight as sk_class_weight

from _harness import main
from mlinterview.ml.anomaly import IsolationForest
from mlinterview.ml.imbalance import (
    SMOTE,
    RandomOverSampler,
    RandomUnderSampler,
    compute_class_weight,
)

TITLE = "Imbalanced data and anomaly detection"
REFERENCE = "imblearn/sklearn"


def imbalanced(n: int, d: int, minority: float, seed: int = 0):
    """X (n, d) float64 and 0/1 labels with a ``minority`` share of ones."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < minority).astype(np.int64)
    X = rng.normal(size=(n, d)) + y[:, None]
    return X, y


def contaminated(n: int, d: int, seed: int = 1):
    """X (n, d): standard normal rows, 1% replaced by uniform outliers in [-6, 6]."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    k = n // 100
    X[:k] = rng.uniform(-6, 6, size=(k, d))
    return X


def cases():
    X, y = imbalanced(20_000, 20, 0.01)
    size = "20,000 x 20, 1% minority"
    yield ("SMOTE fit_resample (k=5)", size,
           lambda: SMOTE(random_state=0).fit_resample(X, y),
           lambda: ImbSMOTE(random_state=0).fit_resample(X, y))
    yield ("RandomOverSampler", size,
           lambda: RandomOverSampler(random_state=0).fit_resample(X, y),
           lambda: ImbOver(random_state=0).fit_resample(X, y))
    yield ("RandomUnderSampler", size,
           lambda: RandomUnderSampler(random_state=0).fit_resample(X, y),
           lambda: ImbUnder(random_state=0).fit_resample(X, y))

    # A large minority class: the brute-force neighbour search is O(n_minority^2 d).
    X2, y2 = imbalanced(100_000, 20, 0.1)
    size2 = "100,000 x 20, 10% minority"
    yield ("SMOTE fit_resample (k=5)", size2,
           lambda: SMOTE(random_state=0).fit_resample(X2, y2),
           lambda: ImbSMOTE(random_state=0).fit_resample(X2, y2))

    labels = np.random.default_rng(2).integers(0, 10, 1_000_000) ** 2
    classes = np.unique(labels)
    yield ("compute_class_weight balanced", "1e6 labels, 10 classes",
           lambda: compute_class_weight("balanced", classes=classes, y=labels),
           lambda: sk_class_weight("balanced", classes=classes, y=labels))

    Xa = contaminated(100_000, 10)
    yield ("IsolationForest fit + score_samples", "100,000 x 10, 100 trees",
           lambda: IsolationForest(random_state=0).fit(Xa).score_samples(Xa),
           lambda: SkIsolationForest(random_state=0).fit(Xa).score_samples(Xa))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
