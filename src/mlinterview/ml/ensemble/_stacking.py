"""Stacking: a final model learns how to combine the base models' predictions.

Each base model is fitted on all the data (``estimators_``, used at prediction time). The
final estimator is trained on *out-of-fold* predictions: for each fold of ``cv``, the
base models are fitted on the other folds and predict this one, so the final model
learns from predictions on data the base models did not see, as at test time. Training
it on in-sample predictions instead would reward the base model that overfits most.

Wolpert, "Stacked generalization", Neural Networks 5 (1992).
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import check_is_fitted, check_option, check_predict_X, check_scalar
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from mlinterview.ml.ensemble._base import check_classification_data
from mlinterview.ml.ensemble._voting import NamedEstimatorsMixin, check_named_estimators

__all__ = ["StackingClassifier"]


def _method_of(estimator, stack_method: str) -> str:
    if stack_method != "auto":
        if not hasattr(estimator, stack_method):
            raise ValueError(f"stack_method: {type(estimator).__name__} has no "
                             f"{stack_method!r}")
        return stack_method
    for name in ("predict_proba", "decision_function", "predict"):
        if hasattr(estimator, name):
            return name
    raise ValueError(f"estimators: {type(estimator).__name__} has no predict method")


class StackingClassifier(NamedEstimatorsMixin, ClassifierMixin, TransformerMixin,
                         BaseEstimator):
    """Base classifiers whose out-of-fold outputs feed a final classifier.

    Parameters: ``estimators`` (list of ``(name, classifier)``), ``final_estimator``
    (default our :class:`~mlinterview.ml.linear_model.LogisticRegression`), ``cv`` (number
    of stratified folds, default 5, or a list of ``(train_idx, test_idx)`` pairs),
    ``stack_method`` (``"auto"``: predict_proba, else decision_function, else predict),
    ``passthrough`` (also give the final model the raw features).
    For two classes only the probability of class 1 is kept per model (the other column
    is redundant).

    Fitted attributes: ``estimators_``, ``named_estimators_``, ``final_estimator_``,
    ``stack_method_``, ``classes_``, ``n_features_in_``.
    """

    def __init__(self, estimators, final_estimator=None, *, cv=None, stack_method="auto",
                 passthrough=False):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.passthrough = passthrough

    def __sklearn_tags__(self):
        """A classifier that is also a transformer (the final model's inputs, float64)."""
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = []
        return tags

    def _splits(self, codes):
        if self.cv is None or isinstance(self.cv, numbers.Integral):
            n_splits = 5 if self.cv is None else self.cv
            check_scalar(n_splits, "cv", numbers.Integral, lo=2)
            smallest = np.bincount(codes).min()
            if smallest < n_splits:
                raise ValueError(f"cv: each class needs at least {n_splits} samples for "
                                 f"{n_splits} folds, the smallest has {smallest}")
            # scikit-learn's StratifiedKFold (no shuffle): both libraries stack on the
            # same folds. Imported here: model_selection is not needed to import ensemble.
            from mlinterview.ml.model_selection import StratifiedKFold

            return list(StratifiedKFold(int(n_splits)).split(codes, codes))
        if not isinstance(self.cv, list | tuple):
            raise TypeError(f"cv: expected None, an int or a list of (train, test) index "
                            f"pairs, got {type(self.cv).__name__}")
        return [(np.asarray(tr), np.asarray(te)) for tr, te in self.cv]

    def _features(self, estimators, X):
        cols = []
        for est, method in zip(estimators, self.stack_method_, strict=True):
            out = np.asarray(getattr(est, method)(X), dtype=np.float64)
            if method == "predict_proba" and len(self.classes_) == 2:
                out = out[:, 1:]
            cols.append(out.reshape(len(X), -1))
        if self.passthrough:
            cols.append(X)
        return np.hstack(cols)

    def fit(self, X, y):
        """Fit the base models on all of ``X (n, p)``, then the final model on their
        out-of-fold outputs."""
        check_option(self.stack_method, "stack_method",
                     ("auto", "predict_proba", "decision_function", "predict"))
        named = check_named_estimators(self.estimators)
        X, codes, classes, _ = check_classification_data(X, y, None, self)
        self.classes_, self.n_features_in_ = classes, X.shape[1]
        self.estimators_ = [clone(est).fit(X, codes) for _, est in named]
        self.named_estimators_ = dict(zip([n for n, _ in named], self.estimators_,
                                          strict=True))
        self.stack_method_ = [_method_of(e, self.stack_method) for e in self.estimators_]
        n_cols = self._features(self.estimators_, X[:1]).shape[1]
        meta = np.empty((len(X), n_cols))
        for train, test in self._splits(codes):
            fold_models = [clone(est).fit(X[train], codes[train]) for _, est in named]
            meta[test] = self._features(fold_models, X[test])
        if self.final_estimator is None:
            from mlinterview.ml.linear_model import LogisticRegression

            final = LogisticRegression()
        else:
            final = clone(self.final_estimator)
        self.final_estimator_ = final.fit(meta, codes)
        return self

    def transform(self, X) -> np.ndarray:
        """The final model's inputs for ``X``: ``(n_samples, n_meta_features)``."""
        check_is_fitted(self, ["estimators_"])
        return self._features(self.estimators_, check_predict_X(self, X))

    def predict_proba(self, X) -> np.ndarray:
        """The final model's class probabilities: ``(n_samples, n_classes)``."""
        check_is_fitted(self, ["final_estimator_"])
        return self.final_estimator_.predict_proba(self.transform(X))

    def predict(self, X) -> np.ndarray:
        """The final model's predicted class: shape ``(n_samples,)``."""
        check_is_fitted(self, ["final_estimator_"])
        codes = np.asarray(self.final_estimator_.predict(self.transform(X)), dtype=int)
        return self.classes_[codes]
