"""scikit-learn's own conformance suite (``sklearn.utils.estimator_checks``) on every
estimator of :mod:`mlinterview.ml`.

Each estimator runs every check that scikit-learn yields for its kind (classifier,
regressor, transformer, clusterer, outlier detector, density estimator, or a plain
estimator for the generative models): cloning, parameters left untouched by ``fit``,
input validation and its error messages, pickling, dtypes, sample weights, predictions
invariant to row order and batching, and so on. Parameters are small (few trees, few
iterations) so that the whole file stays fast.

The checks split in two: scikit-learn's API checks (``legacy=False``: clone, params,
tags, fitted state) run in every ``make test-fast``; the rest of the suite (the
"legacy" checks, the bulk of the time) is marked ``slow``.

Not here:

* the samplers of :mod:`mlinterview.ml.imbalance` (``RandomOverSampler``,
  ``RandomUnderSampler``, ``SMOTE``): they have ``fit_resample`` only, no ``fit``,
  ``predict`` or ``transform``, so scikit-learn's suite has nothing to call; the suite
  made for samplers (imbalanced-learn's) dispatches on imbalanced-learn's own base
  classes and tags. They are compared with imbalanced-learn in
  ``tests/parity/test_imbalance.py`` and fuzzed in ``tests/fuzz/test_fuzz_estimators.py``.

Every expected failure is listed in ``EXPECTED_FAILED`` below, with the reason. Runs are
strict: a listed check that starts to pass fails the test, so the list stays true.
"""

from __future__ import annotations

import functools
import warnings

import pytest
from sklearn.utils.estimator_checks import estimator_checks_generator

from mlinterview.ml.anomaly import (
    EllipticGaussian,
    GaussianDensity,
    IsolationForest,
    PCAReconstructionDetector,
)
from mlinterview.ml.cluster import KMeans
from mlinterview.ml.decomposition import PCA
from mlinterview.ml.ensemble import (
    AdaBoostClassifier,
    BaggingClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
    StackingClassifier,
    VotingClassifier,
)
from mlinterview.ml.exceptions import ConvergenceWarning
from mlinterview.ml.generative import DDPM, GAN, VAE, AutoEncoder, EnergyModel
from mlinterview.ml.linear_model import (
    ElasticNet,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
    SGDClassifier,
    SGDRegressor,
)
from mlinterview.ml.mixture import GaussianMixture
from mlinterview.ml.model_selection import GridSearchCV
from mlinterview.ml.multilabel import BinaryRelevance, LabelPowerset
from mlinterview.ml.naive_bayes import GaussianNB, MultinomialNB
from mlinterview.ml.svm import SVC, LinearSVC
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor


def _members():
    return [("lr", LogisticRegression()), ("nb", GaussianNB())]


ESTIMATORS = [
    LinearRegression(),
    Ridge(),
    Lasso(alpha=0.01),
    ElasticNet(alpha=0.01),
    LogisticRegression(),
    SGDClassifier(max_iter=20, random_state=0),
    SGDClassifier(loss="log_loss", max_iter=20, random_state=0),
    SGDRegressor(max_iter=20, random_state=0),
    SVC(),
    LinearSVC(random_state=0),
    DecisionTreeClassifier(random_state=0),
    DecisionTreeRegressor(random_state=0),
    RandomForestClassifier(n_estimators=5, random_state=0),
    RandomForestRegressor(n_estimators=5, random_state=0),
    GradientBoostingClassifier(n_estimators=5, random_state=0),
    GradientBoostingRegressor(n_estimators=5, random_state=0),
    AdaBoostClassifier(n_estimators=5, random_state=0),
    BaggingClassifier(n_estimators=5, random_state=0),
    VotingClassifier(_members()),
    VotingClassifier(_members(), voting="soft"),
    StackingClassifier(_members(), cv=3),
    GaussianNB(),
    MultinomialNB(),
    KMeans(n_clusters=3, random_state=0),
    GaussianMixture(n_components=2, random_state=0),
    PCA(),
    GaussianDensity(),
    EllipticGaussian(),
    IsolationForest(n_estimators=10, random_state=0),
    PCAReconstructionDetector(),
    BinaryRelevance(LogisticRegression()),
    LabelPowerset(LogisticRegression()),
    GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=2),
    # Generative models are plain estimators (fit(X), then sample): scikit-learn has no
    # check for sampling, but its generic checks (fit returns self, clone, parameters,
    # input validation, pickling, n_features_in_) apply to them as to any estimator.
    DDPM(n_steps=5, hidden=8, embed_dim=4, n_iter=5, batch_size=16),
    EnergyModel(hidden=8, n_iter=5, batch_size=16, buffer_size=50, langevin_steps=2),
    AutoEncoder(hidden=8, n_iter=5, batch_size=16),
    VAE(hidden=8, n_iter=5, batch_size=16),
    GAN(hidden=8, n_iter=5, batch_size=16),
]

# A multi-label model takes a 0/1 matrix Y (n_samples, n_labels) and predicts one; these
# classifier checks give 1-D or multi-class labels (strings, {1, 2}, three classes) or
# expect 1-D predictions. scikit-learn skips its whole suite for its own equivalents
# (MultiOutputClassifier, ClassifierChain: the `_skip_test` tag); we skip only these.
_MULTILABEL_ONLY = (
    "labels must be a 0/1 indicator matrix Y (n_samples, n_labels); the check gives "
    "single-output labels or expects single-output predictions")
_MULTILABEL_CHECKS = ("check_classifier_data_not_an_array", "check_classifiers_classes",
                      "check_classifiers_train", "check_estimators_dtypes",
                      "check_classifier_not_supporting_multiclass", "check_fit2d_1feature",
                      "check_classifiers_one_label", "check_classifiers_regression_target")
# scikit-learn marks the same check as an expected failure for its own RandomForest*,
# GradientBoosting* (see sklearn/utils/_test_common/instance_generator.py).
_WEIGHT_NOT_REPETITION = (
    "a weight of k is not the same as k copies of a row: bootstrap draws (forests) and "
    "min_samples_leaf count rows, not weight, as in scikit-learn, which expects this "
    "check to fail for its own estimator too")

# {estimator class name: {check name: reason}}: every deliberate difference, in one place.
EXPECTED_FAILED: dict[str, dict[str, str]] = {
    "LinearRegression": {
        "check_non_transformer_estimators_n_iter": (
            "max_iter bounds solver='gd' only; the default direct solver ('svd') runs no "
            "iterations, so n_iter_ exists only for 'gd'"),
    },
    "RandomForestClassifier": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHT_NOT_REPETITION},
    "RandomForestRegressor": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHT_NOT_REPETITION},
    "GradientBoostingClassifier": {
        "check_sample_weight_equivalence_on_dense_data": _WEIGHT_NOT_REPETITION},
    "BinaryRelevance": dict.fromkeys(_MULTILABEL_CHECKS, _MULTILABEL_ONLY),
    "LabelPowerset": dict.fromkeys(_MULTILABEL_CHECKS, _MULTILABEL_ONLY),
}


def _check_name(check) -> str:
    return (check.func if isinstance(check, functools.partial) else check).__name__


def _check_id(estimator, check) -> str:
    extra = check.keywords if isinstance(check, functools.partial) else {}
    suffix = "(" + ",".join(f"{k}={v}" for k, v in sorted(extra.items())) + ")" if extra else ""
    return f"{estimator!r}-{_check_name(check)}{suffix}"


def _checks(estimator, **kwargs):
    """``estimator_checks_generator``, quiet about what is deliberate: our estimators do
    not inherit from scikit-learn's BaseEstimator (mlinterview.ml never imports it)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base",
                                category=UserWarning)
        return list(estimator_checks_generator(estimator, **kwargs))


def _cases(*, legacy_only: bool):
    """pytest params ``(estimator, check)``: scikit-learn's API checks, or (with
    ``legacy_only``) all its other checks; expected failures marked strict xfail."""
    cases = []
    for estimator in ESTIMATORS:
        api = {_check_name(c) for _, c in _checks(estimator, legacy=False)}
        expected = EXPECTED_FAILED.get(type(estimator).__name__, {})
        for case in _checks(estimator, legacy=legacy_only, expected_failed_checks=expected,
                            mark="xfail", xfail_strict=True):
            est, check = case.values if hasattr(case, "values") else case
            if (_check_name(check) in api) == legacy_only:
                continue
            marks = case.marks if hasattr(case, "marks") else ()
            cases.append(pytest.param(est, check, marks=marks, id=_check_id(est, check)))
    return cases


def _run(estimator, check):
    # Our ConvergenceWarning (few iterations on purpose) is expected here; any other
    # warning stays an error (pytest's filterwarnings = error).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)


@pytest.mark.parametrize("estimator, check", _cases(legacy_only=False))
def test_sklearn_api_checks(estimator, check):
    _run(estimator, check)


@pytest.mark.slow
@pytest.mark.parametrize("estimator, check", _cases(legacy_only=True))
def test_sklearn_estimator_checks(estimator, check):
    _run(estimator, check)


def test_expected_failures_name_real_estimators_and_checks():
    # A typo in EXPECTED_FAILED would silently skip nothing; every entry must name an
    # estimator of the list and a check that scikit-learn yields for it.
    by_name = {type(e).__name__: e for e in ESTIMATORS}
    for name, checks in EXPECTED_FAILED.items():
        assert name in by_name, name
        yielded = {_check_name(c) for _, c in _checks(by_name[name])}
        assert set(checks) <= yielded, (name, set(checks) - yielded)
