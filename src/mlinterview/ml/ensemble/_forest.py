"""Random forests: bagged deep trees that also pick a random subset of features per split.

Each tree sees a bootstrap sample (``n`` draws with replacement, passed to the tree as
integer sample weights, as scikit-learn does) and looks at only ``max_features`` random
features at every node. Bootstrap sampling makes the trees differ; feature subsampling
makes them differ *more* (lower correlation), which is what lets averaging cut variance:
for ``B`` trees of variance ``s^2`` and pairwise correlation ``rho`` the average has
variance ``rho s^2 + (1 - rho) s^2 / B``.

The rows a tree did not draw (about ``(1 - 1/n)^n ~ 36.8 %``) are its *out-of-bag*
samples: predicting each row with only the trees that never saw it gives a free
validation estimate, ``oob_score_``.

Breiman, "Random Forests", Machine Learning 45 (2001).
"""

from __future__ import annotations

import warnings

import numpy as np

from mlinterview.ml._validation import (
    as_float32,
    check_is_fitted,
    check_predict_X,
    check_random_state,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlinterview.ml.ensemble._base import (
    bootstrap_counts,
    check_classification_data,
    check_n_estimators,
    check_regression_data,
    member_seeds,
    parallel_map,
    resolve_max_samples,
)
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from mlinterview.ml.tree._builder import presort
from mlinterview.ml.tree._classes import class_weight_per_sample

__all__ = ["RandomForestClassifier", "RandomForestRegressor"]

_TREE_PARAMS = ("criterion", "max_depth", "min_samples_split", "min_samples_leaf",
                "min_weight_fraction_leaf", "max_features", "max_leaf_nodes",
                "min_impurity_decrease", "ccp_alpha")


def _fit_member(task):
    """Fit one tree on its bootstrap sample (a module-level function: workers pickle it).

    ``order`` is the presort of ``X`` shared by all trees: each tree keeps the rows of its
    sample instead of sorting again (the sort was a third of a deep tree's time).
    """
    tree, X, order, y, weight, seed, n_draws, bootstrap = task
    rng = np.random.default_rng(seed)
    counts = bootstrap_counts(rng, len(y), n_draws) if bootstrap else np.ones(len(y), np.intp)
    tree.set_params(random_state=int(seed))
    w = counts.astype(np.float64) if weight is None else counts * weight
    tree._fit(X, y, sample_weight=w, presorted=order)
    return tree, counts == 0


def oob_average(outputs, oob_masks, why: str, stacklevel: int) -> np.ndarray:
    """Mean over members of ``outputs (B, n, k)`` restricted, for each row, to the members
    whose ``oob_masks`` (B masks of ``(n,)``) say they did not draw it: ``(n, k)``, NaN for
    a row every member drew (then a UserWarning ending with ``why``)."""
    mask = np.stack(oob_masks)[:, :, None]                       # (B, n, 1)
    counts = mask.sum(axis=0)                                    # (n, 1)
    if (counts == 0).any():
        warnings.warn(f"Some inputs do not have OOB scores: {why}", UserWarning,
                      stacklevel=stacklevel)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (outputs * mask).sum(axis=0) / counts             # NaN where never OOB


class _BaseForest(BaseEstimator):
    """``fit`` for both forests; subclasses say how trees are made and averaged."""

    _tree_class: type

    def _fit_trees(self, X, y, weight):
        n_estimators = check_n_estimators(self.n_estimators)
        if not isinstance(self.bootstrap, bool | np.bool_):
            raise TypeError(f"bootstrap: expected a bool, got {self.bootstrap!r}")
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score: out-of-bag estimation needs bootstrap=True")
        n_draws = resolve_max_samples(self.max_samples, len(y)) if self.bootstrap else len(y)
        seeds = member_seeds(check_random_state(self.random_state), n_estimators)
        template = {name: getattr(self, name) for name in _TREE_PARAMS}
        X32 = as_float32(X)                        # once, instead of once per tree
        order = presort(np.ascontiguousarray(X32.T))          # likewise
        if len(y) < np.iinfo(np.int32).max:
            order = order.astype(np.int32)         # half the memory each tree re-reads
        tasks = [(self._tree_class(**template), X32, order, y, weight, int(s), n_draws,
                  bool(self.bootstrap)) for s in seeds]
        fitted = parallel_map(_fit_member, tasks, self.n_jobs)
        self.estimators_ = [tree for tree, _ in fitted]
        self.n_features_in_ = X.shape[1]
        self.max_features_ = self.estimators_[0].max_features_
        return [oob for _, oob in fitted], X32

    def _member_outputs(self, X32):
        """Per-tree outputs of shape ``(n_estimators, n_samples, n_outputs)``."""
        raise NotImplementedError

    def _mean_output(self, X):
        """Check ``X (n_samples, n_features)``; the trees' outputs averaged:
        ``(n_samples, n_outputs)``."""
        check_is_fitted(self, ["estimators_"])
        X32 = as_float32(check_predict_X(self, X))
        return self._member_outputs(X32).mean(axis=0)

    def _oob(self, oob_masks, X32):
        """Average, for each row, the outputs of the trees that did not draw it."""
        return oob_average(self._member_outputs(X32), oob_masks,
                           "every tree drew them. Use more trees for a reliable "
                           "oob_score_.", stacklevel=4)

    @property
    def feature_importances_(self) -> np.ndarray:
        """Mean of the trees' normalised impurity decreases, shape ``(n_features,)``.

        Computed on the training data, it favours features with many distinct values
        (more thresholds to overfit with); check conclusions with permutation importance.
        """
        check_is_fitted(self, ["estimators_"])
        per_tree = [t.feature_importances_ for t in self.estimators_
                    if t.tree_.node_count > 1]
        if not per_tree:
            return np.zeros(self.n_features_in_)
        mean = np.mean(per_tree, axis=0)
        return mean / mean.sum()

    def apply(self, X) -> np.ndarray:
        """Leaf index of every sample in every tree: shape ``(n_samples, n_estimators)``."""
        check_is_fitted(self, ["estimators_"])
        X32 = as_float32(check_predict_X(self, X))
        return np.column_stack([t.tree_.apply(X32) for t in self.estimators_])


class RandomForestClassifier(ClassifierMixin, _BaseForest):
    """A forest of CART classification trees whose class probabilities are averaged.

    Parameters follow scikit-learn: ``n_estimators``, the tree parameters (``criterion``,
    ``max_depth``, ``min_samples_split``, ``min_samples_leaf``,
    ``min_weight_fraction_leaf``, ``max_features`` default ``"sqrt"``, ``max_leaf_nodes``,
    ``min_impurity_decrease``, ``ccp_alpha``), ``bootstrap``, ``oob_score``, ``n_jobs``,
    ``random_state``, ``class_weight`` (None, ``"balanced"`` or a dict) and
    ``max_samples`` (draws per bootstrap: None = n, int, or a fraction).

    Fitted attributes: ``estimators_`` (list of DecisionTreeClassifier), ``classes_``,
    ``n_classes_``, ``n_features_in_``, ``max_features_``, ``feature_importances_``
    ``(n_features,)``; with ``oob_score=True`` also ``oob_score_`` (accuracy) and
    ``oob_decision_function_ (n_samples, n_classes)``.
    """

    _tree_class = DecisionTreeClassifier

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features="sqrt", max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None,
                 class_weight=None, ccp_alpha=0.0, max_samples=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples

    def fit(self, X, y, sample_weight=None):
        """Grow ``n_estimators`` trees on bootstrap samples of ``X (n, p)``, ``y (n,)``."""
        X, codes, classes, w = check_classification_data(X, y, sample_weight, self)
        if self.class_weight is not None:
            extra = class_weight_per_sample(self.class_weight, codes, classes)
            w = extra if w is None else w * extra
        self.classes_, self.n_classes_ = classes, len(classes)
        oob_masks, X32 = self._fit_trees(X, codes, w)
        if self.oob_score:
            proba = self._oob(oob_masks, X32)
            self.oob_decision_function_ = proba
            seen = ~np.isnan(proba[:, 0])
            self.oob_score_ = float(np.mean(np.argmax(proba[seen], axis=1) == codes[seen]))
        return self

    def _member_outputs(self, X32):
        out = np.zeros((len(self.estimators_), len(X32), self.n_classes_))
        for b, tree in enumerate(self.estimators_):
            value = tree.tree_.predict(X32)[:, 0, :]
            # A bootstrap sample can miss a class: put the tree's columns where they belong.
            out[b][:, tree.classes_] = value / value.sum(axis=1, keepdims=True)
        return out

    def predict_proba(self, X) -> np.ndarray:
        """Mean of the trees' class probabilities: ``(n_samples, n_classes)``."""
        return self._mean_output(X)

    def predict(self, X) -> np.ndarray:
        """The class with the highest mean probability: shape ``(n_samples,)``."""
        check_is_fitted(self, ["estimators_"])
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class RandomForestRegressor(RegressorMixin, _BaseForest):
    """A forest of CART regression trees whose predictions are averaged.

    Same parameters as :class:`RandomForestClassifier` without ``class_weight``;
    ``criterion`` is ``"squared_error"`` or ``"absolute_error"`` and ``max_features``
    defaults to ``1.0`` (all features, i.e. plain bagging of trees, as in scikit-learn).
    With ``oob_score=True``: ``oob_score_`` (R²) and ``oob_prediction_ (n_samples,)``.
    """

    _tree_class = DecisionTreeRegressor

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=1.0, max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None,
                 ccp_alpha=0.0, max_samples=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples

    def fit(self, X, y, sample_weight=None):
        """Grow ``n_estimators`` trees on bootstrap samples of ``X (n, p)``, ``y (n,)``."""
        X, y, w = check_regression_data(X, y, sample_weight, self)
        oob_masks, X32 = self._fit_trees(X, y, w)
        if self.oob_score:
            pred = self._oob(oob_masks, X32)[:, 0]
            self.oob_prediction_ = pred
            seen = ~np.isnan(pred)
            resid = y[seen] - pred[seen]
            total = y[seen] - y[seen].mean()
            self.oob_score_ = float(1 - resid @ resid / (total @ total))
        return self

    def _member_outputs(self, X32):
        return np.stack([t.tree_.predict(X32)[:, 0, :] for t in self.estimators_])

    def predict(self, X) -> np.ndarray:
        """Mean of the trees' predictions: shape ``(n_samples,)``."""
        return self._mean_output(X)[:, 0]
