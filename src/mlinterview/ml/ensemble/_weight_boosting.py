"""AdaBoost for K classes: discrete SAMME (Zhu, Zou, Rosset & Hastie, 2009).

Start with equal sample weights. In each round fit a weak learner (a depth-1 tree, a
"stump", by default) to the weighted data and measure its weighted error ``err``. Give
the learner the vote

    alpha = learning_rate * (log((1 - err) / err) + log(K - 1))

and multiply the weight of every *misclassified* sample by ``exp(alpha)``, then
renormalise: the next learner concentrates on what the ensemble still gets wrong. With
``K = 2`` this is Freund & Schapire's AdaBoost.M1 (the ``log(K - 1)`` term vanishes); the
term keeps ``alpha > 0`` whenever the learner beats random guessing, ``err < 1 - 1/K``.

The ensemble predicts the class with the largest total vote. This is forward stagewise
fitting of an additive model under the exponential loss.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    check_is_fitted,
    check_predict_X,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, clone
from mlinterview.ml.ensemble._base import (
    check_classification_data,
    check_n_estimators,
    member_seeds,
)
from mlinterview.ml.tree import DecisionTreeClassifier

__all__ = ["AdaBoostClassifier", "samme_update"]


def samme_update(sample_weight, incorrect, n_classes: int, learning_rate: float = 1.0):
    """One SAMME step: the learner's weighted error, its vote ``alpha`` and new weights.

    ``sample_weight (n_samples,)`` sums to 1, ``incorrect (n_samples,)`` is True where the
    learner is wrong. Returns ``(error, alpha, new_weight)``, the new weights normalised
    to sum to 1 (``alpha = 0`` and the weights unchanged when ``error == 0``).
    """
    error = float(np.average(incorrect, weights=sample_weight))
    if error <= 0:
        return 0.0, 1.0, sample_weight
    alpha = learning_rate * (np.log((1.0 - error) / error) + np.log(n_classes - 1.0))
    # Only positive weights grow; log-space keeps tiny weights from underflowing to 0.
    new = np.exp(np.log(np.where(sample_weight > 0, sample_weight, 1.0))
                 + alpha * incorrect * (sample_weight > 0))
    new = np.where(sample_weight > 0, new, 0.0)
    return error, float(alpha), new / new.sum()


class AdaBoostClassifier(ClassifierMixin, BaseEstimator):
    """AdaBoost (SAMME) with scikit-learn's parameters and results.

    Parameters: ``estimator`` (a classifier accepting ``sample_weight``; default
    ``DecisionTreeClassifier(max_depth=1)``), ``n_estimators``, ``learning_rate`` (scales
    every ``alpha``), ``random_state`` (seeds each member's ``random_state``).

    Fitted attributes: ``estimators_``, ``estimator_weights_ (n_estimators,)`` (the
    alphas; 0 for rounds never run), ``estimator_errors_ (n_estimators,)``,
    ``classes_``, ``n_classes_``, ``n_features_in_``, ``feature_importances_``.
    Boosting stops early when a learner is perfect (its alpha is then 1) or no better
    than chance (it is dropped).
    """

    def __init__(self, estimator=None, *, n_estimators=50, learning_rate=1.0,
                 random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Run up to ``n_estimators`` boosting rounds on ``X (n, p)``, ``y (n,)``."""
        X, codes, classes, w = check_classification_data(X, y, sample_weight, self)
        n_estimators = check_n_estimators(self.n_estimators)
        check_scalar(self.learning_rate, "learning_rate", numbers.Real, lo=0.0,
                     include_lo=False)
        w = np.full(len(codes), 1.0) if w is None else w.copy()
        if w.sum() <= 0:
            raise ValueError("sample_weight: expected a positive total weight, got 0")
        w /= w.sum()
        zero = w == 0
        K = len(classes)
        self.classes_, self.n_classes_, self.n_features_in_ = classes, K, X.shape[1]
        base = DecisionTreeClassifier(max_depth=1) if self.estimator is None else self.estimator
        seeds = member_seeds(check_random_state(self.random_state), n_estimators)
        self.estimators_ = []
        self.estimator_weights_ = np.zeros(n_estimators)
        self.estimator_errors_ = np.ones(n_estimators)
        eps = np.finfo(np.float64).eps
        for m in range(n_estimators):
            # Keep weights away from 0 so no sample is forgotten for good (as scikit-learn).
            w = np.where(zero, 0.0, np.maximum(w, eps))
            est = clone(base)
            if "random_state" in est.get_params(deep=False):
                est.set_params(random_state=int(seeds[m]))
            est.fit(X, codes, sample_weight=w)
            incorrect = np.asarray(est.predict(X)) != codes
            error = float(np.average(incorrect, weights=w))
            if error >= 1.0 - 1.0 / K:                       # no better than chance
                if not self.estimators_:
                    raise ValueError("estimator: the first weak learner is no better than "
                                     "chance; AdaBoost cannot start")
                break
            self.estimators_.append(est)
            error, alpha, w = samme_update(w, incorrect, K, float(self.learning_rate))
            self.estimator_weights_[m], self.estimator_errors_[m] = alpha, error
            if error == 0:
                break
        return self

    def _votes(self, X):
        """Per-round signed votes ``(n_rounds, n_samples, n_classes)`` already weighted."""
        K = self.n_classes_
        for est, alpha in zip(self.estimators_, self.estimator_weights_, strict=False):
            pred = np.asarray(est.predict(X), dtype=int)
            # SAMME's symmetric coding: +alpha for the predicted class, -alpha/(K-1) else.
            vote = np.full((len(X), K), -alpha / (K - 1))
            vote[np.arange(len(X)), pred] = alpha
            yield vote

    def staged_decision_function(self, X):
        """Yield :meth:`decision_function` after each boosting round."""
        check_is_fitted(self, ["estimators_"])
        X = check_predict_X(self, X)
        total = np.zeros((len(X), self.n_classes_))
        norm = 0.0
        for alpha, vote in zip(self.estimator_weights_, self._votes(X), strict=False):
            total += vote
            norm += alpha
            out = total / norm
            yield out[:, 1] - out[:, 0] if self.n_classes_ == 2 else out

    def decision_function(self, X) -> np.ndarray:
        """Normalised vote totals: ``(n_samples, n_classes)``, or for two classes the
        score of class 1 minus that of class 0, shape ``(n_samples,)``."""
        *_, last = self.staged_decision_function(X)
        return last

    def _to_class(self, decision):
        if self.n_classes_ == 2:
            return self.classes_[(decision > 0).astype(int)]
        return self.classes_[np.argmax(decision, axis=1)]

    def predict(self, X) -> np.ndarray:
        """The class with the largest weighted vote: shape ``(n_samples,)``."""
        return self._to_class(self.decision_function(X))

    def staged_predict(self, X):
        """Yield the predictions after each boosting round."""
        for decision in self.staged_decision_function(X):
            yield self._to_class(decision)

    def staged_score(self, X, y):
        """Yield the accuracy on ``(X, y)`` after each boosting round."""
        y = np.asarray(y)
        for pred in self.staged_predict(X):
            yield float(np.mean(pred == y))

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities ``softmax(decision / (K - 1))`` (Zhu et al., eq. 15):
        ``(n_samples, n_classes)``."""
        d = self.decision_function(X)
        z = np.column_stack([-d, d]) / 2 if self.n_classes_ == 2 else d / (self.n_classes_ - 1)
        z = np.exp(z - z.max(axis=1, keepdims=True))          # shift: avoids overflow
        return z / z.sum(axis=1, keepdims=True)

    @property
    def feature_importances_(self) -> np.ndarray:
        """Alpha-weighted mean of the members' importances, shape ``(n_features,)``."""
        check_is_fitted(self, ["estimators_"])
        alphas = self.estimator_weights_[: len(self.estimators_)]
        imp = np.array([e.feature_importances_ for e in self.estimators_])
        return alphas @ imp / alphas.sum()
