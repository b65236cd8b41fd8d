"""``DecisionTreeClassifier`` and ``DecisionTreeRegressor``: CART with scikit-learn's API.

``fit`` validates, resolves the parameters into stopping rules, grows the tree (depth
first, or best first when ``max_leaf_nodes`` is set), then applies minimal cost-complexity
pruning when ``ccp_alpha > 0``. Like scikit-learn, features are stored as float32 (the
thresholds are float64 midpoints between float32 values), so both libraries compare the
same numbers and, on data without tied splits, grow the same tree.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._numba import worth_compiling
from mlinterview.ml._validation import (
    as_float32,
    check_is_fitted,
    check_option,
    check_predict_X,
    check_random_state,
    check_sample_weight,
    check_scalar,
    check_X_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlinterview.ml.tree._builder import Params, build_best_first, build_depth_first
from mlinterview.ml.tree._builder_compiled import build_depth_first_compiled
from mlinterview.ml.tree._criterion import CRITERIA_CLF, CRITERIA_REG, ClassificationCriterion
from mlinterview.ml.tree._pruning import prune, pruning_path

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor"]


def resolve_max_features(max_features, n_features: int) -> int:
    """How many features each split may look at (scikit-learn's rules)."""
    if max_features is None:
        return n_features
    if isinstance(max_features, str):
        check_option(max_features, "max_features", ("sqrt", "log2"))
        f = np.sqrt if max_features == "sqrt" else np.log2
        return max(1, int(f(n_features)))
    if isinstance(max_features, numbers.Integral) and not isinstance(max_features, bool):
        check_scalar(max_features, "max_features", numbers.Integral, lo=1, hi=n_features)
        return int(max_features)
    check_scalar(max_features, "max_features", numbers.Real, lo=0.0, hi=1.0, include_lo=False)
    return max(1, int(max_features * n_features))


def _count_or_fraction(value, name: str, n: int, lo_int: int) -> int:
    """An int count, or a float fraction of ``n`` rounded up (scikit-learn's convention)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        check_scalar(value, name, numbers.Integral, lo=lo_int)
        return int(value)
    check_scalar(value, name, numbers.Real, lo=0.0, hi=1.0, include_lo=False)
    return int(np.ceil(value * n))


def _restrict_presort(order: np.ndarray, used: np.ndarray) -> np.ndarray:
    """The presort of the ``used`` samples alone, renumbered ``0 .. n_used - 1``.

    Keeping the used samples of each sorted row keeps them sorted and in the same order
    as a stable sort of the subset: ``O(n_features n)`` instead of a new sort.
    """
    if used.all():
        return order
    kept = order[used.take(order)].reshape(order.shape[0], -1)
    return (np.cumsum(used, dtype=order.dtype) - 1).take(kept)


class BaseDecisionTree(BaseEstimator):
    """Shared ``fit`` logic; subclasses choose the criterion and the prediction."""

    def _validate_params(self, n_samples: int, n_features: int, total_weight: float) -> Params:
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", numbers.Integral, lo=1)
        msl = _count_or_fraction(self.min_samples_leaf, "min_samples_leaf", n_samples, 1)
        mss = _count_or_fraction(self.min_samples_split, "min_samples_split", n_samples, 2)
        check_scalar(self.min_weight_fraction_leaf, "min_weight_fraction_leaf", lo=0.0, hi=0.5)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", lo=0.0)
        check_scalar(self.ccp_alpha, "ccp_alpha", lo=0.0)
        if self.max_leaf_nodes is not None:
            check_scalar(self.max_leaf_nodes, "max_leaf_nodes", numbers.Integral, lo=2)
        return Params(
            max_depth=np.iinfo(np.int32).max if self.max_depth is None else self.max_depth,
            min_samples_split=max(mss, 2 * msl),
            min_samples_leaf=msl,
            min_weight_leaf=self.min_weight_fraction_leaf * total_weight,
            min_impurity_decrease=float(self.min_impurity_decrease),
            max_features=resolve_max_features(self.max_features, n_features),
            max_leaf_nodes=self.max_leaf_nodes,
            rng=check_random_state(self.random_state),
        )

    def _check_y(self, y, n_samples: int) -> np.ndarray:
        raise NotImplementedError

    def _make_criterion(self, y, weight):
        raise NotImplementedError

    def _grow(self, X, y, sample_weight, presorted=None):
        X, y = check_X_y(X, y, estimator=self, y_numeric=self._y_numeric)
        X = as_float32(X)
        w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
        w = np.ones(len(y)) if w is None else w.astype(np.float64)
        y = self._check_y(y, w)
        # Samples of weight 0 take no part in the tree (as in scikit-learn).
        used = w > 0
        if not used.any():
            raise ValueError("sample_weight: expected at least one positive weight, got none")
        X, y, w = X[used], y[used], w[used]
        self.n_features_in_ = X.shape[1]
        params = self._validate_params(len(y), X.shape[1], float(w.sum()))
        self.max_features_ = params.max_features
        crit = self._make_criterion(y, w)
        Xt = np.ascontiguousarray(X.T)
        order = None if presorted is None else _restrict_presort(presorted, used)
        if self.max_leaf_nodes is not None:
            return build_best_first(crit, Xt, params, order)
        # Work: the root's split search scans every sample of every feature once.
        compiled = worth_compiling(Xt.shape[0] * Xt.shape[1])
        tree = build_depth_first_compiled(crit, Xt, params, order) if compiled else None
        return build_depth_first(crit, Xt, params, order) if tree is None else tree

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on ``X (n_samples, n_features)`` and ``y (n_samples,)``."""
        return self._fit(X, y, sample_weight)

    def _fit(self, X, y, sample_weight=None, presorted=None):
        """``fit``; ``presorted`` is ``presort(X.T)`` as float32, shared by a forest's trees."""
        self.tree_ = prune(self._grow(X, y, sample_weight, presorted), float(self.ccp_alpha))
        return self

    def cost_complexity_pruning_path(self, X, y, sample_weight=None):
        """Effective alphas and total leaf impurities of minimal cost-complexity pruning.

        Grows the full tree (ignoring ``ccp_alpha``) and returns a dict with
        ``ccp_alphas`` and ``impurities``, both of shape ``(n_steps,)``: pruning with any
        ``ccp_alpha`` in ``[ccp_alphas[i], ccp_alphas[i+1])`` gives the ``i``-th subtree.
        """
        alphas, impurities = pruning_path(self._grow(X, y, sample_weight))
        return {"ccp_alphas": alphas, "impurities": impurities}

    def _check_X(self, X) -> np.ndarray:
        return as_float32(check_predict_X(self, X, ["tree_"]))

    def apply(self, X) -> np.ndarray:
        """Index of the leaf each sample ends in: shape ``(n_samples,)``."""
        X = self._check_X(X)                       # checks fitted first
        return self.tree_.apply(X)

    def get_depth(self) -> int:
        """Depth of the fitted tree (the root alone has depth 0)."""
        check_is_fitted(self, ["tree_"])
        return self.tree_.max_depth

    def get_n_leaves(self) -> int:
        """Number of leaves of the fitted tree."""
        check_is_fitted(self, ["tree_"])
        return self.tree_.n_leaves

    @property
    def feature_importances_(self) -> np.ndarray:
        """Normalised total impurity decrease per feature, shape ``(n_features,)``."""
        check_is_fitted(self, ["tree_"])
        return self.tree_.compute_feature_importances()


class DecisionTreeClassifier(ClassifierMixin, BaseDecisionTree):
    """A CART classification tree.

    Each internal node asks ``x[feature] <= threshold``; each leaf stores the weighted
    class fractions of its training samples. Splits maximise the decrease of the Gini
    impurity or of the entropy (``"log_loss"`` is the same as ``"entropy"``).

    Fitted attributes: ``classes_ (n_classes,)``, ``n_classes_``, ``n_features_in_``,
    ``max_features_``, ``tree_`` (see :class:`mlinterview.ml.tree._tree.Tree`),
    ``feature_importances_ (n_features,)``.
    """

    def __init__(self, *, criterion="gini", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features=None,
                 random_state=None, max_leaf_nodes=None, min_impurity_decrease=0.0,
                 class_weight=None, ccp_alpha=0.0):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha

    _y_numeric = False

    def _check_y(self, y, w):
        self.classes_, codes = encode_labels(y, min_classes=2)
        self.n_classes_ = len(self.classes_)
        if self.class_weight is not None:
            w *= class_weight_per_sample(self.class_weight, codes, self.classes_)
        return codes

    def _make_criterion(self, y, w):
        check_option(self.criterion, "criterion", CRITERIA_CLF)
        return ClassificationCriterion(CRITERIA_CLF[self.criterion], y, self.n_classes_, w)

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (the leaf's class fractions): ``(n_samples, n_classes)``."""
        X = self._check_X(X)                       # checks fitted first
        proba = self.tree_.predict(X)[:, 0, :]
        return proba / proba.sum(axis=1, keepdims=True)

    def predict_log_proba(self, X) -> np.ndarray:
        """Logarithm of :meth:`predict_proba` (``-inf`` for probability 0)."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X) -> np.ndarray:
        """The most probable class of each sample: shape ``(n_samples,)``."""
        proba = self.predict_proba(X)              # checks fitted first
        return self.classes_[np.argmax(proba, axis=1)]


def class_weight_per_sample(class_weight, codes: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Per-sample multipliers from ``"balanced"`` or a ``{label: weight}`` dict.

    ``"balanced"`` gives class ``k`` the weight ``n_samples / (n_classes * n_k)``.
    """
    if isinstance(class_weight, str):
        check_option(class_weight, "class_weight", ("balanced",))
        counts = np.bincount(codes, minlength=len(classes))
        per_class = len(codes) / (len(classes) * counts)
    elif isinstance(class_weight, dict):
        per_class = np.array([float(class_weight.get(c, 1.0)) for c in classes.tolist()])
    else:
        raise TypeError(f"class_weight: expected None, 'balanced' or a dict, got "
                        f"{type(class_weight).__name__}")
    return per_class[codes]


class DecisionTreeRegressor(RegressorMixin, BaseDecisionTree):
    """A CART regression tree: leaves predict the mean (``squared_error``, splits maximise
    the variance reduction) or the median (``absolute_error``) of their samples.

    Fitted attributes: ``n_features_in_``, ``max_features_``, ``tree_``,
    ``feature_importances_``.
    """

    def __init__(self, *, criterion="squared_error", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_features=None,
                 random_state=None, max_leaf_nodes=None, min_impurity_decrease=0.0,
                 ccp_alpha=0.0):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.ccp_alpha = ccp_alpha

    _y_numeric = True

    def _check_y(self, y, w):
        return y

    def _make_criterion(self, y, w):
        check_option(self.criterion, "criterion", CRITERIA_REG)
        return CRITERIA_REG[self.criterion](y, w)

    def predict(self, X) -> np.ndarray:
        """The leaf value (mean or median) for each sample: shape ``(n_samples,)``."""
        X = self._check_X(X)                       # checks fitted first
        return self.tree_.predict(X)[:, 0, 0]
