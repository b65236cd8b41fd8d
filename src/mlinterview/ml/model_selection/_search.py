"""Exhaustive hyperparameter search with cross-validation: ``ParameterGrid``,
``GridSearchCV``.

Every candidate of the grid is scored on the same folds; the best candidate is the one
with the highest mean test score (the first one on a tie), and with ``refit`` a clone
with those parameters is fitted on all the data. The test folds chose the parameters, so
their score is optimistic for the chosen model: report a held-out test score, or nest the
search inside another cross-validation.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Mapping

import numpy as np

from mlinterview.ml._validation import not_fitted
from mlinterview.ml.base import BaseEstimator, available_if, clone
from mlinterview.ml.model_selection._parallel import parallel_map
from mlinterview.ml.model_selection._scoring import check_scoring
from mlinterview.ml.model_selection._split import check_cv
from mlinterview.ml.model_selection._validation import _check_Xy, _fit_and_score, is_classifier


class ParameterGrid:
    """Every combination of a dict of value lists (or of each dict in a list of them).

    Within one dict, keys are iterated in sorted order and the last key varies fastest,
    as scikit-learn's ``ParameterGrid``.
    """

    def __init__(self, param_grid):
        grids = [param_grid] if isinstance(param_grid, Mapping) else list(param_grid)
        for grid in grids:
            if not isinstance(grid, Mapping):
                raise TypeError(f"param_grid: expected a dict or a list of dicts, got an "
                                f"element of type {type(grid).__name__}")
            for key, values in grid.items():
                if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
                    raise TypeError(f"param_grid: the values of {key!r} must be a list, got "
                                    f"{values!r}")
                if len(values) == 0:
                    raise ValueError(f"param_grid: the values of {key!r} are empty")
        self.param_grid = grids

    def __iter__(self) -> Iterator[dict]:
        for grid in self.param_grid:
            keys = sorted(grid)
            for combo in itertools.product(*(grid[k] for k in keys)):
                yield dict(zip(keys, combo, strict=True))

    def __len__(self) -> int:
        return sum(int(np.prod([len(v) for v in g.values()])) for g in self.param_grid)


def _estimator_has(method: str):
    """``hasattr`` test for :func:`available_if`: the refitted best estimator (after
    ``fit``) or the estimator to tune (before) has ``method``."""
    def check(search) -> bool:
        return hasattr(getattr(search, "best_estimator_", search.estimator), method)
    return check


def _rank_min(means: np.ndarray) -> np.ndarray:
    """Rank 1 = highest mean; ties share the smallest rank; NaN ranks last."""
    means = np.where(np.isnan(means), -np.inf, means)
    return (np.searchsorted(np.sort(-means), -means, side="left") + 1).astype(np.int32)


class GridSearchCV(BaseEstimator):
    """Cross-validated search over a grid of parameters (scikit-learn's names).

    Parameters
    ----------
    estimator : the estimator to tune (cloned for every fit)
    param_grid : dict of ``{parameter: list of values}`` or a list of such dicts
    scoring : None, a scorer name, a callable, or a list/dict for several metrics
    n_jobs : joblib workers for the fits; inside ``joblib.parallel_config(backend="dask")``
        (or :func:`dask_backend`) any value but 1, ``None`` included, runs them on the
        Dask cluster (the refit of the best candidate stays here)
    refit : True (or the metric name when several): fit ``best_estimator_`` on all data
    cv : as in :func:`cross_validate`
    return_train_score : also store train scores in ``cv_results_``

    Attributes
    ----------
    cv_results_ : dict of arrays of shape (n_candidates,): ``params``, ``param_<name>``
        (masked where a candidate lacks the parameter), ``split<k>_test_<metric>``,
        ``mean_test_<metric>``, ``std_test_<metric>``, ``rank_test_<metric>`` (and train
        keys), ``mean_fit_time``, ``std_fit_time``, ``mean_score_time``, ``std_score_time``
    best_index_, best_params_, best_score_, best_estimator_, n_splits_, refit_time_
    """

    def __init__(self, estimator, param_grid, *, scoring=None, n_jobs=None, refit=True,
                 cv=None, return_train_score=False):
        self.estimator = estimator
        self.param_grid = param_grid
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.refit = refit
        self.cv = cv
        self.return_train_score = return_train_score

    def __sklearn_tags__(self):
        """The tuned estimator's type (classifier, regressor, ...), as scikit-learn's
        search does: a grid search of a classifier is a classifier."""
        from sklearn.utils import get_tags

        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.estimator_type = inner.estimator_type
        tags.classifier_tags = inner.classifier_tags
        tags.regressor_tags = inner.regressor_tags
        tags.target_tags.required = inner.target_tags.required
        return tags

    @property
    def n_features_in_(self) -> int:
        """Number of features seen by ``best_estimator_`` (absent before ``fit``)."""
        return self._best().n_features_in_

    @property
    def classes_(self):
        """The classes of ``best_estimator_`` (classifiers)."""
        return self._best().classes_

    def fit(self, X, y=None, *, groups=None, **fit_params):
        """Score every candidate on every fold, pick the best, refit it on all data."""
        X, y = _check_Xy(X, y, self.estimator)
        scorers, multimetric = check_scoring(self.scoring)
        if multimetric and self.refit is not False and self.refit not in scorers:
            raise ValueError(f"refit: with several metrics, expected one of "
                             f"{sorted(scorers)} or False, got {self.refit!r}")
        key = self.refit if multimetric and self.refit is not False else "score"
        candidates = list(ParameterGrid(self.param_grid))
        splits = list(check_cv(self.cv, y, classifier=is_classifier(self.estimator))
                      .split(X, y, groups))
        jobs = [(self.estimator, X, y, scorers, tr, te, params)
                for params in candidates for tr, te in splits]
        results = parallel_map(_fit_and_score, jobs, self.n_jobs, fit_params=fit_params,
                               return_train_score=self.return_train_score)
        n_c, n_s = len(candidates), len(splits)
        res: dict[str, object] = {}
        for name in ("fit_time", "score_time"):
            t = np.array([r[name] for r in results]).reshape(n_c, n_s)
            res[f"mean_{name}"], res[f"std_{name}"] = t.mean(1), t.std(1)
        names = sorted({k for p in candidates for k in p})
        for name in names:
            col = np.ma.MaskedArray(np.empty(n_c, dtype=object), mask=True)
            for i, p in enumerate(candidates):
                if name in p:
                    col[i] = p[name]
            res[f"param_{name}"] = col
        res["params"] = candidates
        sets = ("test", "train") if self.return_train_score else ("test",)
        for which in sets:
            for metric in scorers:
                suffix = metric if multimetric else "score"
                s = np.array([r[f"{which}_scores"][metric] for r in results]).reshape(n_c, n_s)
                for k in range(n_s):
                    res[f"split{k}_{which}_{suffix}"] = s[:, k]
                res[f"mean_{which}_{suffix}"] = s.mean(1)
                res[f"std_{which}_{suffix}"] = s.std(1)
                if which == "test":
                    res[f"rank_test_{suffix}"] = _rank_min(s.mean(1))
        self.cv_results_ = res
        self.n_splits_ = n_s
        self.multimetric_ = multimetric
        if self.refit is not False:
            self.best_index_ = int(np.argmin(res[f"rank_test_{key}"]))
            self.best_params_ = candidates[self.best_index_]
            self.best_score_ = float(res[f"mean_test_{key}"][self.best_index_])
            self.best_estimator_ = clone(self.estimator).set_params(**self.best_params_)
            start = time.perf_counter()
            if y is None:
                self.best_estimator_.fit(X, **fit_params)
            else:
                self.best_estimator_.fit(X, y, **fit_params)
            self.refit_time_ = time.perf_counter() - start
            self.scorer_ = scorers if multimetric else scorers["score"]
        return self

    def _best(self):
        if not hasattr(self, "best_estimator_"):
            if hasattr(self, "cv_results_"):
                raise AttributeError("This GridSearchCV was fitted with refit=False: it has "
                                     "no best_estimator_ to predict with")
            raise not_fitted(self)
        return self.best_estimator_

    @available_if(_estimator_has("predict"))
    def predict(self, X):
        """``best_estimator_.predict(X)``."""
        return self._best().predict(X)

    @available_if(_estimator_has("predict_proba"))
    def predict_proba(self, X):
        """``best_estimator_.predict_proba(X)``."""
        return self._best().predict_proba(X)

    @available_if(_estimator_has("decision_function"))
    def decision_function(self, X):
        """``best_estimator_.decision_function(X)``."""
        return self._best().decision_function(X)

    @available_if(_estimator_has("transform"))
    def transform(self, X):
        """``best_estimator_.transform(X)``."""
        return self._best().transform(X)

    @available_if(_estimator_has("score_samples"))
    def score_samples(self, X):
        """``best_estimator_.score_samples(X)``."""
        return self._best().score_samples(X)

    def score(self, X, y=None):
        """The refit metric of ``best_estimator_`` on ``(X, y)``."""
        best = self._best()
        scorer = self.scorer_[self.refit] if self.multimetric_ else self.scorer_
        return scorer(best, X, y)
