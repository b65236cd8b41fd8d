"""Cross-validated scores: ``cross_validate``, ``cross_val_score``, ``learning_curve``,
``validation_curve``.

Each ``(train, test)`` pair of the splitter gets a fresh :func:`~mlinterview.ml.base.clone`
of the estimator, fitted on the train rows and scored on the test rows (and on its own
train rows when asked, which is what exposes overfitting: a train score far above the
test score). Fits are independent, so ``n_jobs > 1`` runs them in joblib workers, and a
joblib Dask context runs them on a cluster (``_parallel.py``).
"""

from __future__ import annotations

import time
import warnings

import numpy as np

from mlinterview.ml.base import clone
from mlinterview.ml.base import is_classifier as _has_classifier_type
from mlinterview.ml.model_selection._parallel import parallel_map
from mlinterview.ml.model_selection._scoring import check_scoring
from mlinterview.ml.model_selection._split import _take, check_cv, check_random_state, num_samples


def is_classifier(estimator) -> bool:
    """True for our classifiers and for scikit-learn's (which declare it in their tags)."""
    if _has_classifier_type(estimator):
        return True
    tags = getattr(estimator, "__sklearn_tags__", None)
    return callable(tags) and getattr(tags(), "estimator_type", None) == "classifier"


def _rows_of(a):
    """``a`` itself if its rows can be counted and indexed (array, DataFrame, list), else
    the ndarray it converts to (an object with only ``__array__``)."""
    if hasattr(a, "shape") or hasattr(a, "__len__") or not hasattr(a, "__array__"):
        return a
    return np.asarray(a)


def _check_Xy(X, y, estimator=None):
    """``X`` and ``y`` ready to be split: same number of rows, ``y`` present when the
    estimator is supervised, no sparse matrix. Returns them (converted if needed)."""
    if hasattr(X, "toarray") and hasattr(X, "nnz"):
        # Rows of a sparse matrix cannot all be taken by index (COO), and no estimator of
        # ours reads one: say so before the splitting fails with a less clear error.
        raise TypeError("X: sparse matrices are not supported; pass a dense array "
                        "(X.toarray())")
    if y is None and getattr(estimator, "_estimator_type", None) in ("classifier",
                                                                      "regressor"):
        raise ValueError(f"y: {type(estimator).__name__} requires y to be passed, but the "
                         f"target y is None")
    X, y = _rows_of(X), None if y is None else _rows_of(y)
    n = num_samples(X)
    if y is not None and num_samples(y, "y") != n:
        raise ValueError(f"inconsistent numbers of samples: X has {n}, y has "
                         f"{num_samples(y, 'y')}; expected the same number of rows in each")
    return X, y


def _fit_and_score(estimator, X, y, scorers, train, test, parameters=None, *,
                   return_train_score=False, fit_params=None, return_estimator=False):
    """Fit a clone (with ``parameters`` set) on ``train`` and score it on ``test`` (and
    ``train``); a dict. Module-level, with the data as arguments: workers pickle it."""
    est = clone(estimator)
    if parameters:
        est.set_params(**parameters)
    X_train, X_test = _take(X, train), _take(X, test)
    y_train = None if y is None else _take(y, train)
    y_test = None if y is None else _take(y, test)
    start = time.perf_counter()
    if y_train is None:
        est.fit(X_train, **(fit_params or {}))
    else:
        est.fit(X_train, y_train, **(fit_params or {}))
    fit_time = time.perf_counter() - start
    out = {"fit_time": fit_time, "n_test_samples": len(test)}
    start = time.perf_counter()
    out["test_scores"] = {name: s(est, X_test, y_test) for name, s in scorers.items()}
    out["score_time"] = time.perf_counter() - start
    if return_train_score:
        out["train_scores"] = {name: s(est, X_train, y_train) for name, s in scorers.items()}
    if return_estimator:
        out["estimator"] = est
    return out


def cross_validate(estimator, X, y=None, *, groups=None, scoring=None, cv=None, n_jobs=None,
                   return_train_score: bool = False, return_estimator: bool = False,
                   return_indices: bool = False, fit_params: dict | None = None) -> dict:
    """Fit and score ``estimator`` on every fold of ``cv``.

    Parameters
    ----------
    estimator : an estimator with ``fit`` (cloned for every fold, never fitted itself)
    X : array-like of shape (n_samples, n_features); y : (n_samples,) or None
    groups : (n_samples,) labels for group splitters
    scoring : None (the estimator's ``score``), a scorer name (``"accuracy"``,
        ``"neg_mean_squared_error"``...), a callable ``(est, X, y) -> float``, or a
        list/dict of these for several metrics
    cv : None (5 folds), an int (stratified for classifiers), a splitter or pairs
    n_jobs : fits run in that many joblib workers (``-1``: all cores); ``None`` is 1
        unless a joblib context is open (``parallel_config(backend="dask")``: the cluster)

    Returns
    -------
    dict of arrays of shape (n_splits,): ``fit_time``, ``score_time``, ``test_score``
    (or ``test_<name>`` for each metric), ``train_score``/``train_<name>`` with
    ``return_train_score``; ``estimator`` (list) and ``indices`` with the flags.
    """
    X, y = _check_Xy(X, y, estimator)
    scorers, multimetric = check_scoring(scoring)
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    splits = list(splitter.split(X, y, groups))
    results = parallel_map(_fit_and_score,
                           [(estimator, X, y, scorers, tr, te) for tr, te in splits], n_jobs,
                           return_train_score=return_train_score, fit_params=fit_params,
                           return_estimator=return_estimator)
    out = {"fit_time": np.array([r["fit_time"] for r in results]),
           "score_time": np.array([r["score_time"] for r in results])}
    for name in scorers:
        key = name if multimetric else "score"
        out[f"test_{key}"] = np.array([r["test_scores"][name] for r in results])
        if return_train_score:
            out[f"train_{key}"] = np.array([r["train_scores"][name] for r in results])
    if return_estimator:
        out["estimator"] = [r["estimator"] for r in results]
    if return_indices:
        out["indices"] = {"train": [tr for tr, _ in splits], "test": [te for _, te in splits]}
    return out


def cross_val_score(estimator, X, y=None, *, groups=None, scoring=None, cv=None,
                    n_jobs=None, fit_params: dict | None = None) -> np.ndarray:
    """The test score of every fold, shape ``(n_splits,)`` (see :func:`cross_validate`).

    ``scoring`` must name one metric. Report the mean *and* the spread across folds.
    """
    if isinstance(scoring, (list, tuple, set, dict)):
        raise ValueError("scoring: cross_val_score takes a single metric; use "
                         "cross_validate for several")
    return cross_validate(estimator, X, y, groups=groups, scoring=scoring, cv=cv,
                          n_jobs=n_jobs, fit_params=fit_params)["test_score"]


def _translate_train_sizes(train_sizes, n_max: int) -> np.ndarray:
    """Absolute, unique, sorted train sizes from fractions in (0, 1] or counts."""
    sizes = np.asarray(train_sizes)
    if sizes.ndim != 1 or sizes.size == 0:
        raise ValueError(f"train_sizes: expected a non-empty 1-D array, got shape {sizes.shape}")
    if sizes.dtype.kind == "f":
        if sizes.min() <= 0 or sizes.max() > 1:
            raise ValueError(f"train_sizes: fractions must lie in (0, 1], got values in "
                             f"[{sizes.min()}, {sizes.max()}]")
        # Truncation, not rounding, as scikit-learn.
        sizes = np.clip((sizes * n_max).astype(int), 1, n_max)
    elif sizes.dtype.kind in "iu":
        if sizes.min() <= 0 or sizes.max() > n_max:
            raise ValueError(f"train_sizes: counts must lie in [1, {n_max}] (the smallest "
                             f"train fold), got values in [{sizes.min()}, {sizes.max()}]")
    else:
        raise TypeError(f"train_sizes: expected numbers, got dtype {sizes.dtype}")
    unique = np.unique(sizes)
    if len(unique) < len(sizes):
        warnings.warn(f"Removed duplicate entries from 'train_sizes': {len(unique)} ticks "
                      f"instead of {len(sizes)}.", RuntimeWarning, stacklevel=3)
    return unique


def learning_curve(estimator, X, y, *, groups=None, train_sizes=(0.1, 0.325, 0.55, 0.775, 1.0),
                   cv=None, scoring=None, n_jobs=None, shuffle: bool = False,
                   random_state=None, return_times: bool = False):
    """Train and validation scores as the training set grows.

    For every fold and every size ``m`` the estimator is fitted on the first ``m`` train
    rows of the fold (after a per-fold permutation with ``shuffle``), then scored on those
    ``m`` rows and on the fold's test rows. Sizes are fractions of (or counts up to) the
    first fold's train set.

    Returns
    -------
    train_sizes_abs : (n_ticks,); train_scores, test_scores : (n_ticks, n_splits);
    plus fit_times, score_times (n_ticks, n_splits) with ``return_times``.
    """
    X, y = _check_Xy(X, y, estimator)
    scorer = check_scoring(scoring)[0]
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    splits = list(splitter.split(X, y, groups))
    sizes = _translate_train_sizes(train_sizes, len(splits[0][0]))
    if shuffle:
        rng = check_random_state(random_state)
        splits = [(rng.permutation(tr), te) for tr, te in splits]
    jobs = [(estimator, X, y, scorer, tr[:m], te) for tr, te in splits for m in sizes]
    results = parallel_map(_fit_and_score, jobs, n_jobs, return_train_score=True)

    def grid(key):  # (n_splits * n_ticks) in fold-major order -> (n_ticks, n_splits)
        return np.array([r[key] if "time" in key else r[key]["score"] for r in results]
                        ).reshape(len(splits), len(sizes)).T

    out = (sizes, grid("train_scores"), grid("test_scores"))
    if return_times:
        out += (grid("fit_time"), grid("score_time"))
    return out


def validation_curve(estimator, X, y, *, param_name: str, param_range, groups=None, cv=None,
                     scoring=None, n_jobs=None):
    """Train and validation scores as one hyperparameter moves.

    Returns ``train_scores, test_scores``, each of shape ``(len(param_range), n_splits)``.
    """
    X, y = _check_Xy(X, y, estimator)
    if param_name not in estimator.get_params():
        raise ValueError(f"param_name: {type(estimator).__name__} has no parameter "
                         f"{param_name!r}")
    scorer = check_scoring(scoring)[0]
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    splits = list(splitter.split(X, y, groups))
    values = list(param_range)
    jobs = [(estimator, X, y, scorer, tr, te, {param_name: v})
            for tr, te in splits for v in values]
    results = parallel_map(_fit_and_score, jobs, n_jobs, return_train_score=True)
    train = np.array([r["train_scores"]["score"] for r in results])
    test = np.array([r["test_scores"]["score"] for r in results])
    shape = (len(splits), len(values))
    return train.reshape(shape).T, test.reshape(shape).T
