"""mlinterview.ml.model_selection against scikit-learn 1.9.1 (and closed forms for the
bias-variance decomposition, which scikit-learn does not have).

Splitters: the folds must be *identical* (same index arrays, same order) for the same
inputs and integer random_state. Scores: the same estimator on the same folds gives the
same numbers; they are compared with rtol 1e-12 (the arithmetic is the same float64
operations in the same order, only the harness differs).
"""

import warnings

import numpy as np
import pytest
import sklearn.model_selection as skms
from sklearn.linear_model import Ridge as SkRidge
from sklearn.tree import DecisionTreeClassifier as SkTree

from mlinterview.ml import model_selection as ms
from mlinterview.ml.base import BaseEstimator, RegressorMixin
from mlinterview.ml.linear_model import LinearRegression, Ridge
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor


def assert_same_folds(ours, ref):
    ours, ref = list(ours), list(ref)
    assert len(ours) == len(ref)
    for i, ((tr, te), (rtr, rte)) in enumerate(zip(ours, ref, strict=True)):
        assert np.array_equal(tr, rtr), f"train of fold {i}"
        assert np.array_equal(te, rte), f"test of fold {i}"
        assert tr.dtype.kind in "iu" and te.dtype.kind in "iu"


SIZES = [(2, 2), (7, 2), (7, 3), (10, 3), (10, 10), (23, 5), (101, 7)]


@pytest.mark.parametrize(("n", "k"), SIZES)
@pytest.mark.parametrize("shuffle", [False, True])
def test_kfold_folds(n, k, shuffle):
    X = np.zeros((n, 3))
    rs = 42 if shuffle else None
    assert_same_folds(ms.KFold(k, shuffle=shuffle, random_state=rs).split(X),
                      skms.KFold(k, shuffle=shuffle, random_state=rs).split(X))


def test_kfold_with_a_randomstate_instance_advances_like_sklearn():
    X = np.zeros((11, 1))
    ours = ms.KFold(3, shuffle=True, random_state=np.random.RandomState(5))
    ref = skms.KFold(3, shuffle=True, random_state=np.random.RandomState(5))
    for _ in range(3):  # different folds on each call, the same sequence
        assert_same_folds(ours.split(X), ref.split(X))


def _labels(n, weights, seed):
    rng = np.random.default_rng(seed)
    y = rng.choice(len(weights), n, p=weights)
    y[: len(weights)] = np.arange(len(weights))[::-1]  # every class present, odd order
    return y


@pytest.mark.parametrize(("n", "k"), [(12, 2), (30, 3), (31, 4), (100, 5), (257, 10)])
@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.8, 0.2), (0.6, 0.3, 0.1)])
def test_stratified_kfold_uneven_classes(n, k, shuffle, weights):
    y = _labels(n, weights, seed=n + k)
    y[: k * len(weights)] = np.repeat(np.arange(len(weights))[::-1], k)  # >= k per class
    X = np.zeros((n, 1))
    rs = 7 if shuffle else None
    assert_same_folds(ms.StratifiedKFold(k, shuffle=shuffle, random_state=rs).split(X, y),
                      skms.StratifiedKFold(k, shuffle=shuffle, random_state=rs).split(X, y))


def test_stratified_kfold_string_labels_and_a_small_class_warns():
    y = np.array(["b", "a", "a", "c", "a", "b", "a", "a", "b", "a"])
    X = np.zeros((10, 1))
    with pytest.warns(UserWarning, match="least populated class"):
        ours = list(ms.StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ref = list(skms.StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))
    assert_same_folds(ours, ref)


@pytest.mark.parametrize(("n", "n_groups", "k"), [(10, 3, 3), (40, 7, 3), (200, 25, 5)])
@pytest.mark.parametrize("shuffle", [False, True])
def test_group_kfold(n, n_groups, k, shuffle):
    rng = np.random.default_rng(n)
    groups = rng.integers(0, n_groups, n)
    groups[:n_groups] = np.arange(n_groups)
    X = np.zeros((n, 2))
    rs = 3 if shuffle else None
    ours = list(ms.GroupKFold(k, shuffle=shuffle, random_state=rs).split(X, groups=groups))
    assert_same_folds(ours, skms.GroupKFold(k, shuffle=shuffle, random_state=rs)
                      .split(X, groups=groups))
    for tr, te in ours:  # no group on both sides
        assert not set(groups[tr]) & set(groups[te])


@pytest.mark.parametrize(("n", "k", "kwargs"), [
    (6, 5, {}), (20, 3, {}), (20, 4, {"gap": 2}), (50, 5, {"max_train_size": 10}),
    (50, 3, {"test_size": 7, "gap": 1}), (100, 4, {"max_train_size": 30, "test_size": 10}),
])
def test_time_series_split(n, k, kwargs):
    X = np.zeros((n, 1))
    ours = list(ms.TimeSeriesSplit(k, **kwargs).split(X))
    assert_same_folds(ours, skms.TimeSeriesSplit(n_splits=k, **kwargs).split(X))
    for tr, te in ours:  # train strictly before test
        assert tr.max() < te.min()


@pytest.mark.parametrize(("n", "k", "r"), [(10, 2, 3), (23, 5, 2)])
def test_repeated_kfold(n, k, r):
    X = np.zeros((n, 1))
    ours = ms.RepeatedKFold(n_splits=k, n_repeats=r, random_state=11)
    assert ours.get_n_splits() == k * r
    assert_same_folds(ours.split(X), skms.RepeatedKFold(n_splits=k, n_repeats=r,
                                                        random_state=11).split(X))
    y = _labels(n, (0.6, 0.4), seed=1)
    assert_same_folds(
        ms.RepeatedStratifiedKFold(n_splits=k, n_repeats=r, random_state=2).split(X, y),
        skms.RepeatedStratifiedKFold(n_splits=k, n_repeats=r, random_state=2).split(X, y))


@pytest.mark.parametrize(("n", "kwargs"), [
    (10, {}), (10, {"test_size": 0.33}), (25, {"test_size": 5}), (25, {"train_size": 0.5}),
    (40, {"test_size": 0.2, "train_size": 0.5}), (7, {"shuffle": False, "test_size": 2}),
])
def test_train_test_split(n, kwargs):
    X = np.arange(2 * n).reshape(n, 2)
    y = np.arange(n) * 10
    rs = None if kwargs.get("shuffle") is False else 3
    ours = ms.train_test_split(X, y, random_state=rs, **kwargs)
    ref = skms.train_test_split(X, y, random_state=rs, **kwargs)
    assert len(ours) == 4
    for a, b in zip(ours, ref, strict=True):
        assert np.array_equal(a, b)


@pytest.mark.parametrize(("n", "weights", "test_size"),
                         [(20, (0.5, 0.5), 0.25), (53, (0.7, 0.2, 0.1), 0.3),
                          (101, (0.9, 0.1), 17), (64, (0.4, 0.3, 0.2, 0.1), 0.5)])
def test_train_test_split_stratified(n, weights, test_size):
    y = _labels(n, weights, seed=n)
    y[-2:] = len(weights) - 1  # at least 2 of the rarest class
    X = np.arange(n)
    ours = ms.train_test_split(X, y, test_size=test_size, random_state=0, stratify=y)
    ref = skms.train_test_split(X, y, test_size=test_size, random_state=0, stratify=y)
    for a, b in zip(ours, ref, strict=True):
        assert np.array_equal(a, b)


def test_train_test_split_keeps_lists():
    a, b = ms.train_test_split(list("abcdefgh"), test_size=2, random_state=1)
    ra, rb = skms.train_test_split(list("abcdefgh"), test_size=2, random_state=1)
    assert a == ra and b == rb and isinstance(a, list)


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clf_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 4))
    y = (X[:, 0] + 0.7 * rng.normal(size=150) > 0.3).astype(int)
    return X, y


@pytest.fixture(scope="module")
def reg_data():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 5))
    y = X @ np.array([1.0, -2.0, 0.5, 0.0, 0.0]) + 0.5 * rng.normal(size=120)
    return X, y


@pytest.mark.parametrize("cv", [3, 5, "shuffled"])
def test_cross_val_score_wrapping_sklearns_tree(clf_data, cv):
    # The same estimator (scikit-learn's, deterministic with random_state) through both
    # harnesses: same folds (stratified for a classifier) -> identical scores.
    X, y = clf_data
    ours_cv = ms.StratifiedKFold(4, shuffle=True, random_state=1) if cv == "shuffled" else cv
    ref_cv = skms.StratifiedKFold(4, shuffle=True, random_state=1) if cv == "shuffled" else cv
    est = SkTree(max_depth=3, random_state=0)
    ours = ms.cross_val_score(est, X, y, cv=ours_cv)
    ref = skms.cross_val_score(est, X, y, cv=ref_cv)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def test_cross_val_score_our_tree_equals_sklearns_tree(clf_data):
    # Our CART follows scikit-learn's split rules (tests/parity/test_tree.py), so both
    # trees agree and so do their fold accuracies. Depth 3: deeper nodes on 150 points
    # meet exact impurity ties, which the two libraries break differently.
    X, y = clf_data
    ours = ms.cross_val_score(DecisionTreeClassifier(max_depth=3), X, y, cv=5)
    ref = skms.cross_val_score(SkTree(max_depth=3, random_state=0), X, y, cv=5)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


@pytest.mark.parametrize("scoring", [None, "r2", "neg_mean_squared_error",
                                     "neg_mean_absolute_error", "neg_root_mean_squared_error"])
def test_cross_val_score_ridge_ours_vs_theirs(reg_data, scoring):
    # Ridge has a unique closed-form solution: coefficients agree to ~1e-12, so do scores.
    X, y = reg_data
    ours = ms.cross_val_score(Ridge(alpha=2.0), X, y, cv=ms.KFold(4, shuffle=True,
                                                                 random_state=0),
                              scoring=scoring)
    ref = skms.cross_val_score(SkRidge(alpha=2.0), X, y, cv=skms.KFold(4, shuffle=True,
                                                                      random_state=0),
                               scoring=scoring)
    np.testing.assert_allclose(ours, ref, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("scoring", ["accuracy", "balanced_accuracy", "f1", "roc_auc",
                                     "neg_log_loss", ["accuracy", "f1"]])
def test_cross_validate_keys_and_scores(clf_data, scoring):
    X, y = clf_data
    est = SkTree(max_depth=2, random_state=0)
    ours = ms.cross_validate(est, X, y, cv=4, scoring=scoring, return_train_score=True)
    ref = skms.cross_validate(est, X, y, cv=4, scoring=scoring, return_train_score=True)
    assert set(ours) == set(ref)
    for key in ref:
        if "time" not in key:
            np.testing.assert_allclose(ours[key], ref[key], rtol=1e-12, err_msg=key)


def test_cross_validate_n_jobs_gives_the_same_numbers(reg_data):
    X, y = reg_data
    one = ms.cross_validate(Ridge(), X, y, cv=3, return_estimator=True, return_indices=True)
    two = ms.cross_validate(Ridge(), X, y, cv=3, n_jobs=2)
    np.testing.assert_array_equal(one["test_score"], two["test_score"])
    assert len(one["estimator"]) == 3 and hasattr(one["estimator"][0], "coef_")
    assert [len(t) for t in one["indices"]["test"]] == [40, 40, 40]


def test_cross_val_score_with_groups(clf_data):
    X, y = clf_data
    groups = np.arange(len(y)) % 7
    ours = ms.cross_val_score(SkTree(max_depth=2, random_state=0), X, y, groups=groups,
                              cv=ms.GroupKFold(3))
    ref = skms.cross_val_score(SkTree(max_depth=2, random_state=0), X, y, groups=groups,
                               cv=skms.GroupKFold(3))
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("train_sizes", [(0.1, 0.325, 0.55, 0.775, 1.0), (0.2, 1.0),
                                         np.array([5, 20, 60])])
def test_learning_curve(reg_data, shuffle, train_sizes):
    X, y = reg_data
    rs = 4 if shuffle else None
    ours = ms.learning_curve(Ridge(), X, y, train_sizes=train_sizes, cv=5, shuffle=shuffle,
                             random_state=rs)
    ref = skms.learning_curve(SkRidge(), X, y, train_sizes=train_sizes, cv=5,
                              shuffle=shuffle, random_state=rs)
    np.testing.assert_array_equal(ours[0], ref[0])
    assert ours[1].shape == ref[1].shape == (len(ref[0]), 5)
    np.testing.assert_allclose(ours[1], ref[1], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours[2], ref[2], rtol=1e-9, atol=1e-12)


def test_learning_curve_duplicate_sizes_warn(reg_data):
    X, y = reg_data
    with pytest.warns(RuntimeWarning, match="duplicate"):
        sizes, _, _ = ms.learning_curve(Ridge(), X, y, train_sizes=[0.5, 0.5001], cv=3)
    assert sizes.tolist() == [40]


def test_validation_curve(clf_data):
    X, y = clf_data
    depths = [1, 2, 4, 8]
    ours = ms.validation_curve(SkTree(random_state=0), X, y, param_name="max_depth",
                               param_range=depths, cv=4)
    ref = skms.validation_curve(SkTree(random_state=0), X, y, param_name="max_depth",
                                param_range=depths, cv=4)
    for a, b in zip(ours, ref, strict=True):
        assert a.shape == (4, 4)
        np.testing.assert_allclose(a, b, rtol=1e-12)
    # Capacity shows as a widening train/validation gap: a depth-8 tree fits its train set.
    assert ours[0][-1].mean() > ours[1][-1].mean() + 0.1


@pytest.mark.parametrize("return_train_score", [False, True])
def test_grid_search_matches_sklearn(clf_data, return_train_score):
    X, y = clf_data
    grid = [{"max_depth": [1, 2, 3, 6], "min_samples_leaf": [1, 10]},
            {"criterion": ["entropy"], "max_depth": [2, 3]}]
    ours = ms.GridSearchCV(SkTree(random_state=0), grid, cv=4,
                           return_train_score=return_train_score).fit(X, y)
    ref = skms.GridSearchCV(SkTree(random_state=0), grid, cv=4,
                            return_train_score=return_train_score).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    assert ours.best_index_ == ref.best_index_
    assert ours.best_score_ == pytest.approx(ref.best_score_, rel=1e-12)
    skip = ("mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time")
    assert set(ours.cv_results_) == set(ref.cv_results_)
    for key, value in ref.cv_results_.items():
        if key in skip:
            continue
        got = ours.cv_results_[key]
        if key == "params":
            assert got == value
        elif key.startswith("param_"):
            assert np.array_equal(np.ma.getmaskarray(got), np.ma.getmaskarray(value)), key
            assert got.compressed().tolist() == value.compressed().tolist(), key
        else:
            np.testing.assert_allclose(got, value, rtol=1e-12, err_msg=key)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_grid_search_our_ridge_regression(reg_data):
    X, y = reg_data
    grid = {"alpha": [0.01, 1.0, 30.0, 1000.0]}
    ours = ms.GridSearchCV(Ridge(), grid, scoring="neg_mean_squared_error", cv=5).fit(X, y)
    ref = skms.GridSearchCV(SkRidge(), grid, scoring="neg_mean_squared_error", cv=5).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], rtol=1e-9)
    np.testing.assert_array_equal(ours.cv_results_["rank_test_score"],
                                  ref.cv_results_["rank_test_score"])
    np.testing.assert_allclose(ours.best_estimator_.coef_, ref.best_estimator_.coef_,
                               rtol=1e-9)


def test_grid_search_multimetric_refit(clf_data):
    X, y = clf_data
    kw = {"param_grid": {"max_depth": [1, 3, 5]}, "cv": 3,
          "scoring": {"acc": "accuracy", "auc": "roc_auc"}, "refit": "auc"}
    ours = ms.GridSearchCV(SkTree(random_state=0), **kw).fit(X, y)
    ref = skms.GridSearchCV(SkTree(random_state=0), **kw).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    for key in ("mean_test_acc", "mean_test_auc", "rank_test_auc"):
        np.testing.assert_allclose(ours.cv_results_[key], ref.cv_results_[key], rtol=1e-12)


# --------------------------------------------------------------------------------------
# Bias-variance decomposition: closed forms (no scikit-learn counterpart)
# --------------------------------------------------------------------------------------


class ConstantRegressor(BaseEstimator, RegressorMixin):
    """Predicts ``value`` whatever the data: zero variance, bias (value - y)²."""

    def __init__(self, value=0.0):
        self.value = value

    def fit(self, X, y):
        self.fitted_ = True
        return self

    def predict(self, X):
        return np.full(len(X), self.value)


def test_constant_predictor_has_zero_variance():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    Xt, yt = rng.normal(size=(20, 2)), rng.normal(size=20)
    loss, bias2, var = ms.bias_variance_decomposition(ConstantRegressor(1.5), X, y, Xt, yt,
                                                      num_rounds=10, random_state=0)
    assert var == 0.0
    assert bias2 == pytest.approx(np.mean((1.5 - yt) ** 2), rel=1e-14)
    assert loss == pytest.approx(bias2, rel=1e-14)


def test_mean_predictor_closed_form():
    # A tree of depth 0 predicts the bootstrap mean of y. Over bootstrap resamples that
    # mean has expectation mean(y) and variance var(y)/n (with var using 1/n): the
    # estimated variance must match within Monte-Carlo error.
    rng = np.random.default_rng(1)
    n = 40
    X, y = rng.normal(size=(n, 1)), rng.normal(3.0, 2.0, size=n)
    Xt, yt = rng.normal(size=(5, 1)), np.full(5, 3.0)
    est = DecisionTreeRegressor(max_depth=1, min_samples_split=10**6)  # never splits
    r = ms.bias_variance_decomposition(est, X, y, Xt, yt, num_rounds=2000, random_state=0)
    expected_var = y.var() / n
    # The variance of a sample variance over 2000 rounds: about sqrt(2/2000) ~ 3% relative.
    assert r.variance == pytest.approx(expected_var, rel=0.1)
    assert r.bias == pytest.approx((y.mean() - 3.0) ** 2, abs=4 * np.sqrt(expected_var / 2000)
                                   * 2 * abs(y.mean() - 3.0) + 3 * expected_var / 2000 ** 0.5)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mse_identity_is_exact(seed):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    Xt, yt = rng.normal(size=(25, 3)), rng.normal(size=25)
    for est in (Ridge(alpha=0.5), DecisionTreeRegressor(max_depth=3)):
        r = ms.bias_variance_decomposition(est, X, y, Xt, yt, num_rounds=30, random_state=seed)
        assert r.expected_loss == pytest.approx(r.bias + r.variance, rel=1e-12)
        assert r.variance > 0


def test_ols_on_known_noise_recovers_the_noise_term():
    # y = x·w + ε with ε ~ N(0, σ²). Scoring against fresh noisy targets, OLS has no
    # bias, so bias² (measured against noisy y) ≈ σ², and variance ≈ σ² p / n for OLS
    # (Gaussian design, E[x (XᵀX)⁻¹ xᵀ] ≈ p / (n - p - 1)).
    rng = np.random.default_rng(3)
    n, p, sigma = 200, 4, 0.5
    w = rng.normal(size=p)
    X = rng.normal(size=(n, p))
    y = X @ w + sigma * rng.normal(size=n)
    Xt = rng.normal(size=(2000, p))
    yt = Xt @ w + sigma * rng.normal(size=2000)
    r = ms.bias_variance_decomposition(LinearRegression(fit_intercept=False), X, y, Xt, yt,
                                       num_rounds=100, random_state=0)
    assert r.bias == pytest.approx(sigma**2, rel=0.1)
    assert r.variance == pytest.approx(sigma**2 * p / (n - p - 1), rel=0.35)
    assert r.expected_loss == pytest.approx(r.bias + r.variance, rel=1e-12)


def test_unbiased_decomposition_by_hand():
    # Three training sets, one test point: predictions 0, 3, 6 against f = 1.
    # Mean 3; plug-in bias² (3 - 1)² = 4 and plug-in variance (9 + 0 + 9)/3 = 6.
    # Unbiased: variance (9 + 0 + 9)/2 = 9 (divide by R - 1), and the mean of 3 draws
    # carries variance 9/3 = 3, so bias² = 4 - 3 = 1. The loss ((-1)² + 2² + 5²)/3 = 10
    # is the same either way (4 + 6 = 1 + 9).
    preds = np.array([[0.0], [3.0], [6.0]])
    assert ms.decompose_predictions(preds, [1.0], unbiased=False) == pytest.approx(
        (10.0, 4.0, 6.0), rel=1e-14)
    assert ms.decompose_predictions(preds, [1.0]) == pytest.approx((10.0, 1.0, 9.0),
                                                                   rel=1e-14)


def test_unbiased_bias2_matches_the_closed_form_where_the_plug_in_does_not():
    # Each of R = 4 "models" predicts f + 0.5 + N(0, 1) at every test point: the true
    # bias² is 0.25 and the true variance 1. The plug-in bias² has expectation
    # 0.25 + 1/R = 0.5 and the plug-in variance 1 - 1/R = 0.75. Over 200,000 test points
    # the standard error of the averaged estimates is ~0.002, so 0.01 separates them.
    rng = np.random.default_rng(5)
    R, n = 4, 200_000
    f = rng.normal(size=n)
    preds = f + 0.5 + rng.normal(size=(R, n))
    r = ms.decompose_predictions(preds, f)
    assert r.bias == pytest.approx(0.25, abs=0.01)
    assert r.variance == pytest.approx(1.0, abs=0.01)
    plug_in = ms.decompose_predictions(preds, f, unbiased=False)
    assert plug_in.bias == pytest.approx(0.25 + 1 / R, abs=0.01)
    assert plug_in.variance == pytest.approx(1 - 1 / R, abs=0.01)
    for res in (r, plug_in):
        assert res.expected_loss == pytest.approx(res.bias + res.variance, rel=1e-12)


def test_unbiased_bias2_of_an_unbiased_learner_averages_to_zero():
    # A learner with no bias (predictions f + N(0, 4)) over many repetitions of R = 10
    # sets: the unbiased bias² averages to 0 (some runs below 0), the plug-in to 4/10.
    rng = np.random.default_rng(6)
    f = rng.normal(size=50)
    est = [ms.decompose_predictions(f + 2.0 * rng.normal(size=(10, 50)), f)
           for _ in range(2000)]
    unbiased = np.array([e.bias for e in est])
    assert abs(unbiased.mean()) < 4 * unbiased.std() / np.sqrt(len(unbiased))
    assert (unbiased < 0).any()
    assert np.mean([e.variance for e in est]) == pytest.approx(4.0, rel=0.01)


def test_decomposition_options_and_bootstrap_default():
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    Xt, yt = rng.normal(size=(10, 2)), rng.normal(size=10)
    # The bootstrap keeps mlxtend's plug-in numbers unless asked.
    plug = ms.bias_variance_decomposition(Ridge(), X, y, Xt, yt, num_rounds=8,
                                          random_state=0)
    unb = ms.bias_variance_decomposition(Ridge(), X, y, Xt, yt, num_rounds=8,
                                         random_state=0, unbiased=True)
    assert unb.variance == pytest.approx(plug.variance * 8 / 7, rel=1e-12)
    assert unb.bias == pytest.approx(plug.bias - plug.variance / 7, rel=1e-12)
    with pytest.raises(ValueError, match=r"predictions.*at least 2"):
        ms.decompose_predictions([[1.0, 2.0]], [1.0, 2.0])
    assert ms.decompose_predictions([[1.0, 2.0]], [1.0, 4.0], unbiased=False) == (2.0, 2.0,
                                                                                 0.0)
    with pytest.raises(TypeError, match="unbiased"):
        ms.decompose_predictions([[1.0], [2.0]], [1.0], unbiased="yes")


def test_zero_one_loss_by_hand():
    # 3 rounds, 4 test points, y = [0, 1, 1, 0].
    preds = np.array([[0, 1, 0, 1],
                      [0, 1, 0, 0],
                      [1, 1, 0, 0]])
    r = ms.decompose_predictions(preds, [0, 1, 1, 0], loss="0-1")
    # Main predictions (majority): [0, 1, 0, 0]; wrong at point 2 -> bias 1/4.
    # Disagreements with the main prediction: 2 of 12 -> variance 1/6.
    # Errors: round 1: points 2,3; round 2: point 2; round 3: points 0,2 -> 5/12.
    assert r == (5 / 12, 1 / 4, 1 / 6)


def test_zero_one_bootstrap_matches_manual_loop():
    # The bootstrap must draw the same rows as mlxtend (RandomState(seed).choice).
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(60, 2)), rng.integers(0, 3, 60)
    Xt, yt = rng.normal(size=(15, 2)), rng.integers(0, 3, 15)
    est = SkTree(max_depth=2, random_state=0)
    r = ms.bias_variance_decomposition(est, X, y, Xt, yt, loss="0-1", num_rounds=7,
                                       random_state=9)
    state = np.random.RandomState(9)
    preds = []
    for _ in range(7):
        idx = state.choice(np.arange(60), size=60, replace=True)
        preds.append(SkTree(max_depth=2, random_state=0).fit(X[idx], y[idx]).predict(Xt))
    preds = np.array(preds)
    main = np.array([np.argmax(np.bincount(c)) for c in preds.T])
    assert r.expected_loss == pytest.approx(np.mean(preds != yt))
    assert r.bias == pytest.approx(np.mean(main != yt))
    assert r.variance == pytest.approx(np.mean(preds != main))


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------


def test_bad_input_errors_name_the_argument():
    X = np.zeros((4, 1))
    with pytest.raises(ValueError, match="n_splits"):
        list(ms.KFold(5).split(X))
    with pytest.raises(ValueError, match="n_splits"):
        ms.KFold(1)
    with pytest.raises(TypeError, match="n_splits"):
        ms.KFold(2.5)
    with pytest.raises(ValueError, match="random_state"):
        ms.KFold(3, random_state=0)
    with pytest.raises(TypeError, match="shuffle"):
        ms.KFold(3, shuffle="yes")
    with pytest.raises(ValueError, match="groups"):
        list(ms.GroupKFold(2).split(X))
    with pytest.raises(ValueError, match="n_splits"):
        list(ms.GroupKFold(3).split(X, groups=[0, 0, 1, 1]))
    with pytest.raises(ValueError, match="n_splits"):
        list(ms.StratifiedKFold(3).split(np.zeros((4, 1)), [0, 0, 1, 1]))
    with pytest.raises(ValueError, match="y"):
        list(ms.StratifiedKFold(2).split(X, [0.1, 0.5, 0.2, 0.7]))
    with pytest.raises(ValueError, match="n_splits"):
        list(ms.TimeSeriesSplit(4).split(X))
    with pytest.raises(ValueError, match="test_size"):
        ms.train_test_split(X, test_size=1.5)
    with pytest.raises(ValueError, match="test_size"):
        ms.train_test_split(X, test_size=4)
    with pytest.raises(ValueError, match="stratify"):
        ms.train_test_split(X, shuffle=False, stratify=[0, 0, 1, 1])
    with pytest.raises(ValueError, match="inconsistent"):
        ms.train_test_split(X, [1, 2, 3])
    with pytest.raises(ValueError, match="scoring"):
        ms.cross_val_score(Ridge(), X, [1, 2, 3, 4], cv=2, scoring="nope")
    with pytest.raises(ValueError, match="param_name"):
        ms.validation_curve(Ridge(), X, [1, 2, 3, 4], param_name="depth", param_range=[1])
    with pytest.raises(ValueError, match="train_sizes"):
        ms.learning_curve(Ridge(), X, [1, 2, 3, 4], cv=2, train_sizes=[0.0, 0.5])
    with pytest.raises(ValueError, match="loss"):
        ms.bias_variance_decomposition(Ridge(), X, [1, 2, 3, 4], X, [1, 2, 3, 4], loss="l1")
    with pytest.raises(ValueError, match="refit"):
        ms.GridSearchCV(Ridge(), {"alpha": [1.0]}, scoring=["r2"], refit="mse",
                        cv=2).fit(X, [1, 2, 3, 4])
    with pytest.raises(ValueError, match="patience"):
        ms.EarlyStopping(patience=0)


@pytest.mark.parametrize(("n", "kwargs"), [(40, {}), (31, {"test_size": 0.3}),
                                           (50, {"test_size": 7, "train_size": 30})])
def test_shuffle_splits_several_draws(n, kwargs):
    X = np.zeros((n, 1))
    assert_same_folds(ms.ShuffleSplit(4, random_state=1, **kwargs).split(X),
                      skms.ShuffleSplit(4, random_state=1, **kwargs).split(X))
    y = _labels(n, (0.5, 0.3, 0.2), seed=n)
    y[-3:] = 2
    assert_same_folds(ms.StratifiedShuffleSplit(4, random_state=1, **kwargs).split(X, y),
                      skms.StratifiedShuffleSplit(4, random_state=1, **kwargs).split(X, y))
