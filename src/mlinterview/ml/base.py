"""The estimator contract, as in scikit-learn.

An estimator stores its constructor arguments unchanged as attributes of the same name
(no validation in ``__init__``), learns in ``fit`` and stores what it learned in attributes
ending with an underscore (``coef_``, ``classes_``, ``n_features_in_``). ``get_params`` reads
the constructor arguments back from the signature of ``__init__``, which is what lets
``clone`` build an unfitted copy and a grid search try other values.
"""

from __future__ import annotations

import copy
import inspect

import numpy as np


class BaseEstimator:
    """Parameters from the ``__init__`` signature: ``get_params``, ``set_params``, repr."""

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

    def score(self, X, y, sample_weight=None) -> float:
        """Mean accuracy of ``self.predict(X)`` against ``y`` (weighted if given)."""
        from mlinterview.ml.metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)


class RegressorMixin:
    """``score`` is the coefficient of determination R² of ``predict``."""

    _estimator_type = "regressor"

    def score(self, X, y, sample_weight=None) -> float:
        """R² = 1 - SS_res / SS_tot of ``self.predict(X)`` against ``y``."""
        y = np.asarray(y, dtype=float)
        pred = np.asarray(self.predict(X), dtype=float)
        w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
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

    def fit_transform(self, X, y=None, **fit_params):
        """Fit to ``X`` and return the transformed ``X``."""
        return self.fit(X, y, **fit_params).transform(X)


def is_classifier(estimator: object) -> bool:
    """True for classifiers (they carry ``_estimator_type == "classifier"``)."""
    return getattr(estimator, "_estimator_type", None) == "classifier"


def is_regressor(estimator: object) -> bool:
    """True for regressors."""
    return getattr(estimator, "_estimator_type", None) == "regressor"
