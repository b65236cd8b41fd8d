"""Turning a multi-label problem into ordinary classification problems.

- :class:`BinaryRelevance`: one binary classifier per label (scikit-learn's
  ``MultiOutputClassifier``). Cheap and parallel, but it ignores how labels co-occur.
- :class:`LabelPowerset`: every distinct label *set* seen in training becomes one class
  of a single multi-class classifier. It models co-occurrence, but it can only predict
  sets it has seen, and the number of classes can grow up to ``2 ** n_labels``.

Both take the label matrix ``Y`` of shape ``(n_samples, n_labels)`` with 0/1 entries and
any classifier with ``fit``/``predict_proba`` (one of ours: this module never imports a
reference library).

:func:`bce_with_logits` is the multi-label loss on plain arrays (one sigmoid and one binary
cross-entropy per label); the autograd version a neural head trains with is
:func:`mlinterview.ml.nn.functional.binary_cross_entropy_with_logits`.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_array,
    check_consistent_length,
    check_predict_X,
    check_X,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, clone
from mlinterview.ml.metrics._multilabel import subset_accuracy_score


def bce_with_logits(logits, targets, *, pos_weight=None, weight=None, reduction="mean"):
    """Binary cross-entropy of ``sigmoid(logits)`` against ``targets``, from the logits.

    Per cell ``(i, j)``: ``-(p_j y_ij log σ(z_ij) + (1 - y_ij) log σ(-z_ij))``, with
    ``p_j = pos_weight[j]`` (1 by default), times ``weight`` if given; PyTorch's
    ``BCEWithLogitsLoss``.

    Parameters
    ----------
    logits : array of shape (n_samples, n_labels) (or any shape)
    targets : array of the same shape, 0/1 or probabilities in [0, 1]
    pos_weight : array broadcastable to the last axis, e.g. (n_labels,): > 1 weighs the
        positives of a rare label up (``n_negative / n_positive`` balances them).
    weight : array broadcastable to ``logits``, per-cell weights.
    reduction : "mean" (over every cell: samples × labels), "sum" or "none".

    ``log σ(z) = -log(1 + e^{-z})`` is computed as ``-logaddexp(0, -z)``, which neither
    overflows for large ``|z|`` nor loses the loss to ``log(0)`` when σ rounds to 0 or 1.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    if z.shape != y.shape:
        raise ValueError(f"targets: expected the shape of logits {z.shape}, got {y.shape}")
    if not np.all(np.isfinite(z)):
        raise ValueError("logits: expected finite values")
    if np.any((y < 0) | (y > 1)) or not np.all(np.isfinite(y)):
        raise ValueError("targets: expected values in [0, 1]")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"reduction: expected 'mean', 'sum' or 'none', got {reduction!r}")
    log_p = -np.logaddexp(0.0, -z)          # log σ(z)
    log_not_p = -np.logaddexp(0.0, z)       # log σ(-z) = log(1 - σ(z))
    pos = y * log_p
    if pos_weight is not None:
        pos = pos * np.asarray(pos_weight, dtype=np.float64)
    loss = -(pos + (1.0 - y) * log_not_p)
    if weight is not None:
        loss = loss * np.asarray(weight, dtype=np.float64)
    if reduction == "mean":
        return float(loss.mean()) if loss.size else float("nan")
    if reduction == "sum":
        return float(loss.sum())
    return loss


def _check_X_Y(X, Y, estimator):
    """``X (n_samples, n_features)`` and the 0/1 label matrix ``Y (n_samples, n_labels)``."""
    X = check_X(X, "X")
    Y = _check_Y(Y, estimator)
    check_consistent_length(X=X, Y=Y)
    return X, Y


def _check_Y(Y, estimator) -> np.ndarray:
    """The 0/1 label matrix ``Y (n_samples, n_labels)`` as int64."""
    if Y is None:
        raise ValueError(f"Y: {type(estimator).__name__} requires y to be passed, but the "
                         f"target y is None")
    shape = np.shape(Y) if isinstance(Y, np.ndarray) else as_array(Y, "Y").shape
    if len(shape) != 2:
        raise ValueError(f"Y: expected a 0/1 indicator matrix of shape (n_samples, n_labels), "
                         f"got shape {shape}")
    Y = check_array(Y, "Y")
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        kind = "continuous" if np.any(np.round(Y) != Y) else "integers other than 0 and 1"
        raise ValueError(f"Y: Unknown label type: {kind}; expected a 0/1 indicator matrix, "
                         f"found the value {Y[bad][0].item()!r}")
    return Y.astype(np.int64)


class _MultiLabelMixin(ClassifierMixin):
    """Multi-label classifiers: subset accuracy as ``score``, multi-label tags."""

    def __sklearn_tags__(self):
        """Multi-label: ``Y`` is a 0/1 matrix (scikit-learn's tests then give a column of
        two classes), never a 1-D vector."""
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        tags.classifier_tags.multi_label = True
        tags.target_tags.single_output = False
        tags.target_tags.multi_output = True
        return tags

    def score(self, X, y, sample_weight=None) -> float:
        """Subset accuracy: share of samples whose whole predicted label set is right."""
        pred = self.predict(X)                # checks X (and fitted) first
        Y = _check_Y(y, self)
        check_consistent_length(X=pred, Y=Y)
        if Y.shape != pred.shape:
            raise ValueError(f"Y: expected {pred.shape[1]} labels (as in fit), got {Y.shape[1]}")
        return subset_accuracy_score(Y, pred, sample_weight=sample_weight)


def _positive_proba(estimator, X) -> np.ndarray:
    """P(class 1 | x) of shape (n_samples,) from a fitted binary classifier."""
    proba = estimator.predict_proba(X)
    classes = list(estimator.classes_)
    return proba[:, classes.index(1)]


class BinaryRelevance(_MultiLabelMixin, BaseEstimator):
    """One independent binary classifier per label.

    Parameters
    ----------
    estimator : classifier
        Cloned once per label; must have ``fit``, ``predict_proba`` and ``classes_``.
    threshold : float or array of shape (n_labels,), default 0.5
        ``predict`` sets label ``j`` when its probability is >= ``threshold[j]``
        (per-label thresholds, tuned on validation data, often beat a shared 0.5).

    Attributes
    ----------
    estimators_ : list of n_labels fitted classifiers (None for a label that was constant
        in training, whose probability is then that constant).
    constant_ : array of shape (n_labels,), the training value of constant labels (else -1).
    n_labels_, n_features_in_ : int
    """

    def __init__(self, estimator, threshold=0.5):
        self.estimator = estimator
        self.threshold = threshold

    def fit(self, X, Y):
        """Fit one classifier per column of ``Y`` of shape (n_samples, n_labels)."""
        X, Y = _check_X_Y(X, Y, self)
        self.n_labels_, self.n_features_in_ = Y.shape[1], X.shape[1]
        self.constant_ = np.full(self.n_labels_, -1)
        self.estimators_ = []
        for j in range(self.n_labels_):
            column = Y[:, j]
            if column.min() == column.max():
                # A classifier cannot learn from a single class; remember the constant.
                self.constant_[j] = column[0]
                self.estimators_.append(None)
            else:
                self.estimators_.append(clone(self.estimator).fit(X, column))
        return self

    def predict_proba(self, X) -> np.ndarray:
        """P(label j | x) for every label: array of shape (n_samples, n_labels)."""
        X = check_predict_X(self, X, ["estimators_"])
        columns = [np.full(len(X), float(c)) if est is None else _positive_proba(est, X)
                   for est, c in zip(self.estimators_, self.constant_, strict=True)]
        return np.column_stack(columns)

    def predict(self, X) -> np.ndarray:
        """0/1 label matrix of shape (n_samples, n_labels): probability >= threshold."""
        return (self.predict_proba(X) >= np.asarray(self.threshold)).astype(np.int64)


class LabelPowerset(_MultiLabelMixin, BaseEstimator):
    """One multi-class classifier whose classes are the label sets seen in training.

    Attributes
    ----------
    label_sets_ : array of shape (n_sets, n_labels), the distinct rows of ``Y`` (sorted);
        class ``k`` of the inner classifier is the set ``label_sets_[k]``.
    estimator_ : the fitted multi-class classifier.
    n_features_in_ : int
    """

    def __init__(self, estimator):
        self.estimator = estimator

    def fit(self, X, Y):
        """Encode each row of ``Y`` as a class id and fit the inner classifier."""
        X, Y = _check_X_Y(X, Y, self)
        self.label_sets_, set_ids = np.unique(Y, axis=0, return_inverse=True)
        self.n_features_in_ = X.shape[1]
        self.estimator_ = clone(self.estimator)
        if len(self.label_sets_) > 1:
            self.estimator_.fit(X, set_ids.ravel())
        return self

    def _set_proba(self, X) -> np.ndarray:
        """P(label set k | x): array of shape (n_samples, n_sets)."""
        X = check_predict_X(self, X, ["label_sets_"])
        if len(self.label_sets_) == 1:
            return np.ones((len(X), 1))
        proba = np.zeros((len(X), len(self.label_sets_)))
        proba[:, self.estimator_.classes_] = self.estimator_.predict_proba(X)
        return proba

    def predict_proba(self, X) -> np.ndarray:
        """Marginal P(label j | x): the probability of all sets containing j, (n, n_labels)."""
        return self._set_proba(X) @ self.label_sets_

    def predict(self, X) -> np.ndarray:
        """The most probable label set of each sample: 0/1 matrix (n_samples, n_labels)."""
        proba = self._set_proba(X)          # checks fitted first
        return self.label_sets_[proba.argmax(axis=1)]
