"""Naive Bayes classifiers: Bayes' rule with features assumed independent given the class.

``P(c | x) ∝ P(c) prod_j P(x_j | c)``. Both classifiers compute the *joint log-likelihood*
``log P(c) + sum_j log P(x_j | c)`` for every class (one matrix product, no loop over
samples) and normalise it with log-sum-exp, so tiny likelihoods of many features never
underflow to 0/0.

- :class:`GaussianNB`: ``x_j | c ~ N(theta_cj, var_cj)`` for continuous features;
- :class:`MultinomialNB`: counts ``x_j`` drawn from a per-class categorical over features
  (bag of words), with additive (Laplace/Lidstone) smoothing ``alpha``.

Names, parameters and fitted attributes follow ``sklearn.naive_bayes``.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import logsumexp

from mlinterview.ml._validation import (
    as_array,
    check_predict_X,
    check_sample_weight,
    check_scalar,
    check_X_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin

__all__ = ["GaussianNB", "MultinomialNB"]

_VAR_FLOOR = 1e-100   # smallest variance GaussianNB uses: (2e100)² / 1e-100 is still finite


def _check_X_y(X, y, sample_weight, estimator):
    """``X``, ``classes_``, each sample's class index, and the per-class weights
    ``(n_samples, n_classes)``: each sample's weight (1 by default) in its class column,
    0 elsewhere. Every class needs a positive total weight."""
    X, y = check_X_y(X, y, estimator=estimator)
    classes, y_idx = encode_labels(y)
    w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
    onehot = np.eye(classes.size)[y_idx]
    if w is not None:
        onehot *= w[:, None]
    empty = onehot.sum(axis=0) == 0
    if empty.any():
        raise ValueError(f"sample_weight: expected a positive total weight in every class, "
                         f"got 0 for class {classes[np.argmax(empty)]!r}")
    return X, classes, y_idx, onehot


def _check_priors(priors, n_classes: int, name: str) -> np.ndarray:
    p = as_array(priors, name).astype(np.float64)
    if p.shape != (n_classes,):
        raise ValueError(f"{name}: expected shape ({n_classes},) (one per class), got {p.shape}")
    if (p < 0).any() or not np.isclose(p.sum(), 1.0):
        raise ValueError(f"{name}: expected non-negative probabilities summing to 1")
    return p


class _BaseNB(ClassifierMixin, BaseEstimator):
    """Posterior from the joint log-likelihood ``log P(c) + log P(x | c)`` (n, n_classes)."""

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _check_X(self, X) -> np.ndarray:
        return check_predict_X(self, X, ["classes_"])

    def predict_log_proba(self, X) -> np.ndarray:
        """``log P(c | x)`` of shape (n_samples, n_classes): the joint log-likelihood minus
        its log-sum-exp over classes (the log of the evidence ``P(x)``)."""
        jll = self._joint_log_likelihood(self._check_X(X))
        return jll - logsumexp(jll, axis=1, keepdims=True)

    def predict_proba(self, X) -> np.ndarray:
        """``P(c | x)`` of shape (n_samples, n_classes), columns in ``classes_`` order."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X) -> np.ndarray:
        """The class with the largest posterior, shape (n_samples,)."""
        jll = self._joint_log_likelihood(self._check_X(X))
        return self.classes_[np.argmax(jll, axis=1)]


class GaussianNB(_BaseNB):
    """Gaussian naive Bayes.

    Parameters
    ----------
    priors : array-like of shape (n_classes,), optional
        Class priors; by default the class frequencies in the training data.
    var_smoothing : float, default 1e-9
        ``var_smoothing * max_j Var(x_j)`` is added to every variance, so a feature that is
        constant within a class does not give a zero variance (an infinite density).

    Attributes
    ----------
    classes_ : (n_classes,); class_count_ : (n_classes,); class_prior_ : (n_classes,);
    theta_ : (n_classes, n_features) means; var_ : (n_classes, n_features) variances;
    epsilon_ : float, the variance added; n_features_in_ : int.
    """

    def __init__(self, *, priors=None, var_smoothing: float = 1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y, sample_weight=None):
        """Per-class (weighted) means and (biased, smoothed) variances, and the class
        priors; ``sample_weight (n_samples,)`` counts a sample that many times."""
        check_scalar(self.var_smoothing, "var_smoothing", lo=0.0)
        X, classes, y_idx, onehot = _check_X_y(X, y, sample_weight, self)  # onehot: (n, k)
        k = classes.size
        counts = onehot.sum(axis=0)
        theta = onehot.T @ X / counts[:, None]
        # Within-class variance from the centred data (more accurate than E[x^2] - E[x]^2),
        # squared in place: one (n, p) temporary.
        sq = np.subtract(X, theta[y_idx])
        np.square(sq, out=sq)
        var = onehot.T @ sq / counts[:, None]
        if sample_weight is None:
            # Total variance = mean within-class variance + variance of the class means
            # (all terms non-negative, no cancellation), so no further pass over X.
            mean = counts @ theta / counts.sum()
            total_var = counts @ (var + (theta - mean) ** 2) / counts.sum()
        else:   # the unweighted variance of X, as scikit-learn uses even with weights
            total_var = np.var(X, axis=0)
        self.epsilon_ = float(self.var_smoothing * total_var.max())
        self.classes_ = classes
        self.class_count_ = counts
        self.theta_ = theta
        # A variance of 0 (a feature constant within a class, with var_smoothing = 0 or
        # all features constant) would divide by zero; the floor keeps every squared
        # distance finite for inputs within the gate's bound (|x| <= 1e100).
        self.var_ = np.maximum(var + self.epsilon_, _VAR_FLOOR)
        self.class_prior_ = (counts / counts.sum() if self.priors is None
                             else _check_priors(self.priors, k, "priors"))
        self.n_features_in_ = X.shape[1]
        return self

    def _joint_log_likelihood(self, X):
        # log N(x; theta, var) summed over features. One vectorised pass per class (a loop
        # over classes, not samples): expanding (x - t)^2 into x^2 - 2xt + t^2 would be a
        # single matrix product but loses every digit when a variance is tiny. Each class
        # squares its differences into one reused (n, p) buffer and weights them by the
        # precisions 1/var with a matrix-vector product (BLAS), which is much faster than
        # dividing and summing short rows, and allocates no (n, p) temporary per class.
        diff = np.empty(X.shape)
        quad = np.empty((len(self.classes_), X.shape[0]))
        for c, (t, v) in enumerate(zip(self.theta_, self.var_, strict=True)):
            np.subtract(X, t, out=diff)
            np.square(diff, out=diff)
            np.matmul(diff, 1.0 / v, out=quad[c])
        quad = quad.T
        log_norm = -0.5 * np.log(2 * np.pi * self.var_).sum(axis=1)
        with np.errstate(divide="ignore"):  # a zero prior means log 0 = -inf: never chosen
            log_prior = np.log(self.class_prior_)
        return log_prior + log_norm - 0.5 * quad


class MultinomialNB(_BaseNB):
    """Multinomial naive Bayes for counts (word counts, tf-idf).

    Parameters
    ----------
    alpha : float, default 1.0
        Pseudo-count added to every (class, feature) count: 1 is Laplace smoothing, values
        in (0, 1) Lidstone. With 0, a feature never seen in a class gives that class
        probability 0 for any document containing it.
    fit_prior : bool, default True
        Learn class priors from the data; otherwise uniform (unless ``class_prior``).
    class_prior : array-like of shape (n_classes,), optional

    Attributes
    ----------
    classes_, class_count_ (n_classes,); feature_count_ (n_classes, n_features);
    feature_log_prob_ (n_classes, n_features): ``log P(feature j | c)``;
    class_log_prior_ (n_classes,); n_features_in_.
    """

    def __init__(self, *, alpha: float = 1.0, fit_prior: bool = True, class_prior=None):
        self.alpha = alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def __sklearn_tags__(self):
        """Counts: X must be non-negative (scikit-learn's ``positive_only`` input tag); on
        continuous data (scikit-learn's blob test) its accuracy is poor by design."""
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        tags.classifier_tags.poor_score = True
        return tags

    def fit(self, X, y, sample_weight=None):
        """Count features per class (each sample ``sample_weight`` times), smooth, and
        normalise to log probabilities."""
        check_scalar(self.alpha, "alpha", numbers.Real, lo=0.0)
        X, classes, _, onehot = _check_X_y(X, y, sample_weight, self)
        if (X < 0).any():
            raise ValueError("X: Negative values in data passed to MultinomialNB; expected "
                             "non-negative counts")
        k = classes.size
        self.classes_ = classes
        self.class_count_ = onehot.sum(axis=0)
        self.feature_count_ = onehot.T @ X
        smoothed = self.feature_count_ + self.alpha
        with np.errstate(divide="ignore"):
            self.feature_log_prob_ = (np.log(smoothed)
                                      - np.log(smoothed.sum(axis=1, keepdims=True)))
            if self.class_prior is not None:
                prior = np.log(_check_priors(self.class_prior, k, "class_prior"))
            elif self.fit_prior:
                prior = np.log(self.class_count_) - np.log(self.class_count_.sum())
            else:
                prior = np.full(k, -np.log(k))
        self.class_log_prior_ = prior
        self.n_features_in_ = X.shape[1]
        return self

    def _joint_log_likelihood(self, X):
        # log P(c) + sum_j x_j log P(j | c); the multinomial coefficient is the same for
        # every class and cancels in the posterior. 0 * log 0 is taken as 0.
        finite = np.isfinite(self.feature_log_prob_)
        if finite.all():            # always with alpha > 0: no (n, p) mask pass needed
            return X @ self.feature_log_prob_.T + self.class_log_prior_
        flp = np.where(finite, self.feature_log_prob_, 0.0)
        jll = X @ flp.T + self.class_log_prior_
        impossible = (X > 0).astype(np.float64) @ (~finite).T
        return np.where(impossible > 0, -np.inf, jll)
