"""Numeric quick-check answers of the evaluation cards overfitting, bias-variance,
classification-metrics, imbalanced-data and multilabel, and of the coding card
traversals-search, recomputed from the library.

Each entry is keyed ``"slug/quick-check-id"`` and maps to a zero-argument callable that
computes the number with :mod:`mlinterview.ml` or :mod:`mlinterview.algo` (NumPy only
builds the inputs), so a card whose typed answer drifts from what the code computes fails
the shared content test.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.model_selection import EarlyStopping, KFold


def _first_fold_size() -> float:
    """Test-fold size of the first of 5 folds over 23 samples."""
    _, test = next(iter(KFold(5).split(np.zeros((23, 1)))))
    return float(len(test))


def _early_stopping_epoch() -> float:
    """The 0-based epoch at which EarlyStopping(patience=3) stops on the card's losses."""
    stopper = EarlyStopping(patience=3)
    for loss in [0.9, 0.7, 0.72, 0.71, 0.75, 0.74, 0.73]:
        if stopper.step(loss):
            break
    return float(stopper.stopped_epoch)


ANSWERS = {
    "overfitting/fold-sizes": _first_fold_size,
    "overfitting/early-epoch": _early_stopping_epoch,
}
