"""Gradient boosting with regression trees (Friedman, 2001).

Boosting as gradient descent in function space. The model is a sum

    F_M(x) = F_0(x) + learning_rate * sum_m h_m(x),

and each new tree ``h_m`` is a regression tree fitted (least squares) to the *negative
gradient* of the loss at the current predictions, the "pseudo-residuals":

- squared error ``(y - F)^2 / 2``: the residual ``y - F`` itself;
- log loss, two classes, ``F`` the log-odds: ``y - sigmoid(F)``;
- log loss, K classes, one tree per class per round on raw scores ``F_k``:
  ``[y == k] - softmax(F)_k``.

The tree only chooses the regions (its leaves); the value of each leaf is then set by a
line search for that region: the mean residual for squared error, one Newton step
``sum(residual) / sum(p (1 - p))`` for log loss (times ``(K - 1) / K`` for K classes, as
in Friedman's paper and scikit-learn). ``learning_rate`` shrinks every step: more trees,
better generalisation. ``subsample < 1`` fits each tree on a random part of the rows
(stochastic gradient boosting) and gives out-of-bag estimates of the improvement.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import expit, logsumexp, softmax

from mlinterview.ml._validation import (
    as_float32,
    check_is_fitted,
    check_option,
    check_predict_X,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from mlinterview.ml.ensemble._base import (
    check_classification_data,
    check_n_estimators,
    check_regression_data,
    member_seeds,
)
from mlinterview.ml.tree import DecisionTreeRegressor
from mlinterview.ml.tree._tree import TREE_LEAF

__all__ = ["GradientBoostingClassifier", "GradientBoostingRegressor"]

_EPS = np.finfo(np.float64).eps


def _weighted_mean(v, w):
    return float(np.mean(v)) if w is None else float(np.average(v, weights=w))


def _leaf_sums(leaves, values, n_nodes):
    """Sum of ``values`` per leaf id: shape ``(n_nodes,)`` (one bincount, no loop)."""
    return np.bincount(leaves, weights=values, minlength=n_nodes)


class _BaseGradientBoosting(BaseEstimator):
    """The stagewise loop shared by the classifier and the regressor."""

    _losses: tuple[str, ...]

    def _check_params(self):
        check_option(self.loss, "loss", self._losses)
        n = check_n_estimators(self.n_estimators)
        check_scalar(self.learning_rate, "learning_rate", numbers.Real, lo=0.0,
                     include_lo=False)
        check_scalar(self.subsample, "subsample", numbers.Real, lo=0.0, hi=1.0,
                     include_lo=False)
        return n

    def _make_tree(self, seed):
        return DecisionTreeRegressor(
            criterion="squared_error", max_depth=self.max_depth,
            min_samples_split=self.min_samples_split, min_samples_leaf=self.min_samples_leaf,
            min_weight_fraction_leaf=self.min_weight_fraction_leaf,
            min_impurity_decrease=self.min_impurity_decrease, max_features=self.max_features,
            max_leaf_nodes=self.max_leaf_nodes, random_state=int(seed))

    def _boost(self, X, targets, w, raw, n_estimators):
        """Fit ``n_estimators`` stages (checked by ``_check_params``). ``targets (n, K)``
        are the one-hot labels (or ``y`` as a column), ``raw (n, K)`` the initial scores,
        updated in place."""
        rng = check_random_state(self.random_state)
        seeds = member_seeds(rng, n_estimators * raw.shape[1]).reshape(n_estimators, -1)
        X32 = as_float32(X)
        n = len(X)
        base_w = np.ones(n) if w is None else w
        n_inbag = max(1, int(self.subsample * n))
        self.estimators_ = np.empty((n_estimators, raw.shape[1]), dtype=object)
        self.train_score_ = np.zeros(n_estimators)
        if self.subsample < 1.0:
            self.oob_improvement_ = np.zeros(n_estimators)
            self.oob_scores_ = np.zeros(n_estimators)
        lr = float(self.learning_rate)
        for m in range(n_estimators):
            in_bag = np.ones(n, dtype=bool)
            if self.subsample < 1.0:
                in_bag = np.zeros(n, dtype=bool)
                in_bag[rng.choice(n, n_inbag, replace=False)] = True
                oob_before = self._loss(targets[~in_bag], raw[~in_bag], base_w[~in_bag])
            residual = self._negative_gradient(targets, raw)   # at the start of the round
            tree_w = base_w * in_bag
            for k in range(raw.shape[1]):
                tree = self._make_tree(seeds[m, k])
                tree.fit(X32, residual[:, k], sample_weight=tree_w)
                leaves = tree.tree_.apply(X32)
                self._line_search(tree.tree_, leaves, in_bag, tree_w, targets[:, k],
                                  residual[:, k])
                raw[:, k] += lr * tree.tree_.value[leaves, 0, 0]
                self.estimators_[m, k] = tree
            self.train_score_[m] = self._loss(targets[in_bag], raw[in_bag], base_w[in_bag])
            if self.subsample < 1.0:
                self.oob_scores_[m] = self._loss(targets[~in_bag], raw[~in_bag],
                                                 base_w[~in_bag])
                self.oob_improvement_[m] = oob_before - self.oob_scores_[m]
        if self.subsample < 1.0:
            self.oob_score_ = float(self.oob_scores_[-1])
        self.n_features_in_ = X.shape[1]

    def _line_search(self, tree, leaves, in_bag, w, target, residual):
        """Replace each leaf value by the loss's best step for that region (in place)."""

    def _fit_init(self, X, y, w, prior):
        """Set ``init_``, where the sum starts: ``prior`` (the loss's best constant) when
        ``init`` is None, ``"zero"``, or a clone of the ``init`` estimator fitted on
        ``X (n, p)``, ``y (n,)`` (with the sample weights if there are any)."""
        if self.init is None:
            self.init_ = prior
        elif isinstance(self.init, str):
            self.init_ = check_option(self.init, "init", ("zero",))
        else:
            est = clone(self.init)
            self.init_ = est.fit(X, y) if w is None else est.fit(X, y, sample_weight=w)

    def _raw_init(self, X):
        if isinstance(self.init_, str):                          # "zero"
            return np.zeros((len(X), self.n_trees_per_iteration_))
        return self._init_from_estimator(X)

    def _start_scores(self, X):
        """Check ``X (n, p)``; return the initial raw scores ``(n, K)`` and ``X`` as float32."""
        check_is_fitted(self, ["estimators_"])
        X = check_predict_X(self, X)
        return self._raw_init(X), as_float32(X)

    def _add_stage(self, raw, stage, X32):
        """Add one stage's trees, shrunk by ``learning_rate``, to ``raw (n, K)`` in place."""
        for k, tree in enumerate(stage):
            raw[:, k] += float(self.learning_rate) * tree.tree_.predict(X32)[:, 0, 0]

    def _staged_raw(self, X):
        raw, X32 = self._start_scores(X)
        for stage in self.estimators_:
            self._add_stage(raw, stage, X32)
            yield raw.copy()

    def _raw_predict(self, X):
        raw, X32 = self._start_scores(X)
        for stage in self.estimators_:
            self._add_stage(raw, stage, X32)
        return raw

    @property
    def feature_importances_(self) -> np.ndarray:
        """Impurity decrease per feature summed over all trees, normalised to 1:
        shape ``(n_features,)``."""
        check_is_fitted(self, ["estimators_"])
        per_tree = [t.tree_.compute_feature_importances(normalize=False)
                    for stage in self.estimators_ for t in stage if t.tree_.node_count > 1]
        if not per_tree:
            return np.zeros(self.n_features_in_)
        mean = np.mean(per_tree, axis=0)
        return mean / mean.sum()


class GradientBoostingRegressor(RegressorMixin, _BaseGradientBoosting):
    """Gradient boosting for regression with the squared error.

    Parameters (scikit-learn's): ``loss="squared_error"``, ``learning_rate``,
    ``n_estimators``, ``subsample``, tree limits ``max_depth`` (3), ``min_samples_split``,
    ``min_samples_leaf``, ``min_weight_fraction_leaf``, ``min_impurity_decrease``,
    ``max_features``, ``max_leaf_nodes``, ``init`` (None = the mean, ``"zero"``, or a
    regressor whose predictions start the sum), ``random_state``.

    Fitted attributes: ``estimators_ (n_estimators, 1)`` of DecisionTreeRegressor,
    ``init_``, ``train_score_ (n_estimators,)`` (mean squared error on the in-bag
    rows after each stage), ``feature_importances_``, ``n_features_in_``; with
    ``subsample < 1`` also ``oob_improvement_``, ``oob_scores_``, ``oob_score_``.
    """

    _losses = ("squared_error",)
    n_trees_per_iteration_ = 1

    def __init__(self, *, loss="squared_error", learning_rate=0.1, n_estimators=100,
                 subsample=1.0, min_samples_split=2, min_samples_leaf=1,
                 min_weight_fraction_leaf=0.0, max_depth=3, min_impurity_decrease=0.0,
                 init=None, random_state=None, max_features=None, max_leaf_nodes=None):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` trees to the residuals of ``y (n,)`` on ``X (n, p)``."""
        X, y, w = check_regression_data(X, y, sample_weight, self)
        n_estimators = self._check_params()
        self._fit_init(X, y, w, prior=_weighted_mean(y, w))
        self.n_features_in_ = X.shape[1]
        raw = self._raw_init(X)
        self._boost(X, y[:, None], w, raw, n_estimators)
        return self

    def _init_from_estimator(self, X):
        if isinstance(self.init_, float):
            return np.full((len(X), 1), self.init_)
        return np.asarray(self.init_.predict(X), dtype=np.float64).reshape(-1, 1)

    @staticmethod
    def _loss(target, raw, w):
        # Reported as the mean squared error (twice the half-squared loss whose gradient
        # is the residual), as scikit-learn reports it.
        return _weighted_mean((target[:, 0] - raw[:, 0]) ** 2, w)

    @staticmethod
    def _negative_gradient(target, raw):
        return target - raw

    def predict(self, X) -> np.ndarray:
        """``F_0 + learning_rate * sum of the trees``: shape ``(n_samples,)``."""
        return self._raw_predict(X)[:, 0]

    def staged_predict(self, X):
        """Yield the predictions after each stage, each ``(n_samples,)``."""
        for raw in self._staged_raw(X):
            yield raw[:, 0]


class GradientBoostingClassifier(ClassifierMixin, _BaseGradientBoosting):
    """Gradient boosting for classification with the log loss (binary or multinomial).

    Same parameters as :class:`GradientBoostingRegressor` with ``loss="log_loss"``;
    ``init=None`` starts from the log-odds of the class priors. Two classes use one tree
    per stage on the log-odds; K > 2 classes use K trees per stage on softmax scores.

    Fitted attributes: ``estimators_ (n_estimators, n_trees_per_iteration_)``,
    ``classes_``, ``n_classes_``, ``n_trees_per_iteration_``, ``init_``,
    ``train_score_`` (after each stage, on the in-bag rows: the binomial deviance, twice
    the log loss, for two classes; the log loss for more), ``feature_importances_``.
    """

    _losses = ("log_loss",)

    def __init__(self, *, loss="log_loss", learning_rate=0.1, n_estimators=100,
                 subsample=1.0, min_samples_split=2, min_samples_leaf=1,
                 min_weight_fraction_leaf=0.0, max_depth=3, min_impurity_decrease=0.0,
                 init=None, random_state=None, max_features=None, max_leaf_nodes=None):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes

    def fit(self, X, y, sample_weight=None):
        """Fit the stages on ``X (n, p)`` and class labels ``y (n,)``."""
        X, codes, classes, w = check_classification_data(X, y, sample_weight, self)
        n_estimators = self._check_params()
        self.classes_, self.n_classes_ = classes, len(classes)
        K = self.n_classes_
        self.n_trees_per_iteration_ = 1 if K == 2 else K
        weights = np.ones(len(codes)) if w is None else w
        self._fit_init(X, codes, w,
                       prior=np.bincount(codes, weights=weights, minlength=K) / weights.sum())
        self.n_features_in_ = X.shape[1]
        onehot = np.eye(K)[codes]
        targets = onehot[:, 1:] if K == 2 else onehot
        self._boost(X, targets, w, self._raw_init(X), n_estimators)
        return self

    def _init_from_estimator(self, X):
        if isinstance(self.init_, np.ndarray):
            proba = np.broadcast_to(self.init_, (len(X), self.n_classes_))
        else:
            proba = np.asarray(self.init_.predict_proba(X), dtype=np.float64)
        if self.n_classes_ == 2:
            p = np.clip(proba[:, 1], _EPS, 1 - _EPS)
            return np.log(p / (1 - p))[:, None]                  # log-odds
        logp = np.log(np.clip(proba, _EPS, 1 - _EPS))
        return logp - logp.mean(axis=1, keepdims=True)           # centred log-probabilities

    def _loss(self, target, raw, w):
        if raw.shape[1] == 1:
            # Binomial deviance 2 (log(1 + e^F) - yF): twice the log loss, the scale
            # scikit-learn reports for two classes.
            per_sample = 2 * (np.logaddexp(0, raw[:, 0]) - target[:, 0] * raw[:, 0])
        else:
            per_sample = logsumexp(raw, axis=1) - (target * raw).sum(axis=1)
        return _weighted_mean(per_sample, w)

    @staticmethod
    def _negative_gradient(target, raw):
        if raw.shape[1] == 1:
            return target - expit(raw)
        return target - softmax(raw, axis=1)

    def _line_search(self, tree, leaves, in_bag, w, target, residual):
        # One Newton step per leaf: sum(w (y - p)) / sum(w p (1 - p)), in-bag rows only.
        p = target - residual
        n_nodes = tree.node_count
        num = _leaf_sums(leaves, w * in_bag * residual, n_nodes)
        den = _leaf_sums(leaves, w * in_bag * p * (1 - p), n_nodes)
        K = self.n_classes_
        if K > 2:
            num *= (K - 1) / K
        is_leaf = tree.children_left == TREE_LEAF
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(np.abs(den) < 1e-150, 0.0, num / den)
        tree.value[is_leaf, 0, 0] = step[is_leaf]

    def decision_function(self, X) -> np.ndarray:
        """Raw scores: log-odds ``(n_samples,)`` for two classes, else
        ``(n_samples, n_classes)``."""
        raw = self._raw_predict(X)
        return raw[:, 0] if raw.shape[1] == 1 else raw

    def staged_decision_function(self, X):
        """Yield :meth:`decision_function` after each stage."""
        for raw in self._staged_raw(X):
            yield raw[:, 0] if raw.shape[1] == 1 else raw

    def _proba(self, raw):
        if raw.shape[1] == 1:
            p1 = expit(raw[:, 0])
            return np.column_stack([1 - p1, p1])
        return softmax(raw, axis=1)

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (sigmoid or softmax of the scores): ``(n_samples, K)``."""
        return self._proba(self._raw_predict(X))

    def staged_predict_proba(self, X):
        """Yield :meth:`predict_proba` after each stage."""
        for raw in self._staged_raw(X):
            yield self._proba(raw)

    def _to_class(self, raw):
        if raw.shape[1] == 1:
            return self.classes_[(raw[:, 0] >= 0).astype(int)]
        return self.classes_[np.argmax(raw, axis=1)]

    def predict(self, X) -> np.ndarray:
        """The most probable class: shape ``(n_samples,)``."""
        return self._to_class(self._raw_predict(X))

    def staged_predict(self, X):
        """Yield the predicted classes after each stage."""
        for raw in self._staged_raw(X):
            yield self._to_class(raw)
