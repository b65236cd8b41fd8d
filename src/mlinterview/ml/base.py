"""The estimator contract, as in scikit-learn.

An estimator stores its constructor arguments unchanged as attributes of the same name
(no validation in ``__init__``), learns in ``fit`` and stores what it learned in attributes
ending with an underscore (``coef_``, ``classes_``, ``n_features_in_``). ``get_params`` reads
the constructor arguments back from the signature of ``__init__``, which is what lets
``clone`` build an unfitted copy and a grid search try other values.

The same objects work inside scikit-learn (``Pipeline``, ``GridSearchCV``,
``cross_val_score``, ``clone``, ``check_estimator``): scikit-learn asks an estimator what it
is through ``__sklearn_tags__`` (a :class:`sklearn.utils.Tags`), and whether it is fitted
through ``__sklearn_is_fitted__``. We answer both here and in the mixins, the way
scikit-learn's own base classes do, but import scikit-learn *inside* ``__sklearn_tags__``:
only scikit-learn calls it, so ``import mlinterview.ml`` never imports scikit-learn.
"""

from __future__ import annotations

import copy
import functools
import inspect
import types

import numpy as np

from mlinterview.ml._validation import (
    check_consistent_length,
    check_sample_weight,
    check_y,
    encode_labels,
)


class BaseEstimator:
    """Parameters from the ``__init__`` signature: ``get_params``, ``set_params``, repr;
    scikit-learn's tags (``__sklearn_tags__``) and fitted test (``__sklearn_is_fitted__``).

    An estimator refines the tags by overriding ``__sklearn_tags__``: call ``super()``,
    change the fields that differ (``tags.input_tags.allow_nan = True``), return them.
    """

    def __sklearn_tags__(self):
        """The defaults of scikit-learn's ``BaseEstimator``: no type, ``y`` not required,
        a finite dense 2-D ``X``. Imports scikit-learn: only scikit-learn calls this."""
        from sklearn.utils import Tags, TargetTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False))

    def __sklearn_is_fitted__(self) -> bool:
        """True once ``fit`` has set a learned attribute (a name ending in ``_``), the rule
        of our :func:`~mlinterview.ml._validation.check_is_fitted`."""
        return any(k.endswith("_") and not k.startswith("__") for k in vars(self))

    @classmethod
    def _param_names(cls) -> list[str]:
        init = cls.__init__
        if init is object.__init__:
            return []
        params = inspect.signature(init).parameters.values()
        for p in params:
            if p.kind == p.VAR_POSITIONAL:
                raise TypeError(f"{cls.__name__}.__init__ must not take *args")
        return sorted(p.name for p in params if p.name != "self" and p.kind != p.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """The constructor arguments as a dict; with ``deep``, nested estimators' too
        (as ``"<name>__<param>"``)."""
        out: dict[str, object] = {}
        for name in self._param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update({f"{name}__{k}": v for k, v in value.get_params().items()})
            out[name] = value
        return out

    def set_params(self, **params: object) -> BaseEstimator:
        """Set constructor arguments (``"<name>__<param>"`` reaches a nested estimator)."""
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, object]] = {}
        for key, value in params.items():
            name, _, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"invalid parameter {name!r} for {type(self).__name__}; "
                    f"valid parameters are {sorted(self._param_names())}")
            if sub:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
        for name, sub_params in nested.items():
            getattr(self, name).set_params(**sub_params)
        return self

    def __repr__(self) -> str:
        # Show only the arguments that differ from their defaults, like scikit-learn.
        init = inspect.signature(type(self).__init__).parameters
        changed = []
        for name in self._param_names():
            value = getattr(self, name, None)
            default = init[name].default
            if not _same(value, default):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False


def clone(estimator: object, *, safe: bool = True) -> object:
    """An unfitted estimator with the same parameters (deep-copied), like scikit-learn's.

    Lists, tuples and sets of estimators are cloned element by element; with ``safe=False``
    anything that is not an estimator is deep-copied instead of rejected.
    """
    if isinstance(estimator, list | tuple | set | frozenset):
        return type(estimator)(clone(e, safe=safe) for e in estimator)
    if not hasattr(estimator, "get_params") or isinstance(estimator, type):
        if not safe:
            return copy.deepcopy(estimator)
        raise TypeError(
            f"estimator must be an object with get_params, got {type(estimator).__name__}")
    params = estimator.get_params(deep=False)
    new_params = {k: clone(v, safe=False) for k, v in params.items()}
    return type(estimator)(**new_params)


class ClassifierMixin:
    """``score`` is the accuracy of ``predict``."""

    _estimator_type = "classifier"

    def __sklearn_tags__(self):
        """Classifier tags: ``y`` is required; multi-class unless a subclass says not."""
        from sklearn.utils import ClassifierTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags

    def score(self, X, y, sample_weight=None) -> float:
        """Mean accuracy of ``self.predict(X)`` against ``y`` (weighted if given)."""
        from mlinterview.ml.metrics import accuracy_score

        pred = self.predict(X)                # checks X (and fitted) first
        y = check_y(y, estimator=self)
        check_consistent_length(X=pred, y=y)
        encode_labels(y)                      # class labels, not a continuous target
        classes = getattr(self, "classes_", None)
        if classes is not None and (np.asarray(classes).dtype.kind in "OUS") != (
                y.dtype.kind in "OUS"):
            raise ValueError(f"y: expected labels of the kind seen in fit "
                             f"({np.asarray(classes).dtype}), got {y.dtype}")
        return accuracy_score(y, pred, sample_weight=sample_weight)


class RegressorMixin:
    """``score`` is the coefficient of determination R² of ``predict``."""

    _estimator_type = "regressor"

    def __sklearn_tags__(self):
        """Regressor tags: ``y`` is required."""
        from sklearn.utils import RegressorTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "regressor"
        tags.regressor_tags = RegressorTags()
        tags.target_tags.required = True
        return tags

    def score(self, X, y, sample_weight=None) -> float:
        """R² = 1 - SS_res / SS_tot of ``self.predict(X)`` against ``y`` of shape
        (n_samples,) or (n_samples, n_outputs); the mean over outputs."""
        pred = np.asarray(self.predict(X), dtype=float)   # checks X (and fitted) first
        y = check_y(y, estimator=self, multi_output=True, y_numeric=True)
        check_consistent_length(X=pred, y=y)
        if y.shape != pred.shape:
            if y.size != pred.size:
                raise ValueError(f"y: expected shape {pred.shape} (one value per prediction), "
                                 f"got {y.shape}")
            pred = pred.reshape(y.shape)       # (n,) against (n, 1): one output either way
        w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
        w = np.ones(len(y)) if w is None else w.astype(float)
        w = w.reshape(-1, *([1] * (y.ndim - 1)))
        mean = np.average(y, axis=0, weights=w.ravel())
        ss_res = (w * (y - pred) ** 2).sum(axis=0)
        ss_tot = (w * (y - mean) ** 2).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            r2 = np.where(ss_tot > 0, 1 - ss_res / np.where(ss_tot > 0, ss_tot, 1),
                          np.where(ss_res > 0, 0.0, 1.0))
        return float(np.mean(r2))


class TransformerMixin:
    """``fit_transform`` = ``fit`` then ``transform`` (estimators may do it faster)."""

    def __sklearn_tags__(self):
        """Transformer tags: float64 in, float64 out."""
        from sklearn.utils import TransformerTags

        tags = super().__sklearn_tags__()
        tags.transformer_tags = TransformerTags()
        return tags

    def fit_transform(self, X, y=None, **fit_params):
        """Fit to ``X`` and return the transformed ``X``."""
        return self.fit(X, y, **fit_params).transform(X)


class ClusterMixin:
    """A clusterer: ``fit_predict`` = ``fit`` then ``labels_``."""

    _estimator_type = "clusterer"

    def __sklearn_tags__(self):
        """Clusterer tags (a clusterer's ``transform``, if any, gives distances: its dtype
        is not promised)."""
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        if tags.transformer_tags is not None:
            tags.transformer_tags.preserves_dtype = []
        return tags

    def fit_predict(self, X, y=None, **fit_params):
        """Fit to ``X`` of shape (n_samples, n_features); the cluster of each sample,
        shape (n_samples,)."""
        return self.fit(X, **fit_params).labels_


class DensityMixin:
    """A density estimator: ``score`` is the mean log-likelihood of ``X``."""

    _estimator_type = "density_estimator"

    def __sklearn_tags__(self):
        """Density-estimator tags."""
        tags = super().__sklearn_tags__()
        tags.estimator_type = "density_estimator"
        return tags


class available_if:
    """Decorator: the method exists (``hasattr`` is true) only while ``check(self)`` is,
    as scikit-learn's ``available_if``.

    ``SGDClassifier(loss="hinge")`` has no probabilities, and a voting ensemble has a
    ``predict_proba`` only with soft voting: scikit-learn (and a user) asks
    ``hasattr(est, "predict_proba")`` before calling it, so the method must be absent,
    not present and failing.
    """

    def __init__(self, check):
        self.check = check

    def __call__(self, method):
        self.method = method
        functools.update_wrapper(self, method)
        return self

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.method
        if not self.check(obj):           # (a check may also raise its own AttributeError)
            raise AttributeError(f"This {type(obj).__name__} has no attribute "
                                 f"{self.method.__name__!r} with these parameters")
        return types.MethodType(self.method, obj)


def is_classifier(estimator: object) -> bool:
    """True for classifiers (they carry ``_estimator_type == "classifier"``)."""
    return getattr(estimator, "_estimator_type", None) == "classifier"


def is_regressor(estimator: object) -> bool:
    """True for regressors."""
    return getattr(estimator, "_estimator_type", None) == "regressor"
