"""Hostile input to every estimator of :mod:`mlinterview.ml` (issue 11, section 4).

Each example starts from small valid data (a seed, 12 to 30 rows, 2 to 4 features) and
spoils exactly one argument of one call: ``X``, ``y`` (``Y`` for multi-label models) or
``sample_weight`` of ``fit``, or ``X`` (and ``y`` for ``score``) of ``predict``,
``predict_proba``, ``decision_function``, ``transform``, ``score`` and
``score_samples`` on a model fitted to valid data. The spoilers: NaN, infinity, no rows,
no columns, one row, one class, a continuous target for a classifier, wrong ndim, ragged
lists, strings, objects that are not numbers, None, complex numbers, 1e308, mismatched
lengths, wrong feature counts, negative / all-zero / overflowing weights; and inputs
that must *work*: bool and int dtypes, lists, object arrays of numbers, float32, string
class labels, a column-vector ``y``.

The verdict for each call is one of:

* ``error``: raises ``ValueError`` or ``TypeError`` whose message names the spoilt
  argument and says what was expected (never another exception type);
* ``same``: works and gives what the plain float64 array gives;
* ``sane``: either of the two: an ``error`` as above, or output of the right shape
  with no NaN/infinity (probabilities in [0, 1] summing to 1, labels among ``classes_``).

Any warning other than our ``ConvergenceWarning`` and ``DataConversionWarning`` fails
the example (a RuntimeWarning from an overflow is a bug), and so does a hang: every call
is on at most 30 rows with a few iterations.
"""

from __future__ import annotations

import functools
import inspect
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from mlinterview.ml.exceptions import ConvergenceWarning, DataConversionWarning
from mlinterview.ml.generative import DDPM, GAN, VAE, AutoEncoder, EnergyModel
from mlinterview.ml.imbalance import SMOTE, RandomOverSampler, RandomUnderSampler
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

FUZZ = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def _members():
    return [("lr", LogisticRegression()), ("nb", GaussianNB())]


# name -> (factory with small parameters, kind). Kinds: clf, reg, multilabel, cluster,
# transformer, outlier, density, generative, sampler.
ESTIMATORS = {
    "LinearRegression": (LinearRegression, "reg"),
    "Ridge": (Ridge, "reg"),
    "Lasso": (lambda: Lasso(alpha=0.05), "reg"),
    "ElasticNet": (lambda: ElasticNet(alpha=0.05), "reg"),
    "SGDRegressor": (lambda: SGDRegressor(max_iter=5, random_state=0), "reg"),
    "DecisionTreeRegressor": (lambda: DecisionTreeRegressor(max_depth=3), "reg"),
    "RandomForestRegressor": (lambda: RandomForestRegressor(3, max_depth=3, random_state=0),
                              "reg"),
    "GradientBoostingRegressor": (
        lambda: GradientBoostingRegressor(n_estimators=3, random_state=0), "reg"),
    "LogisticRegression": (LogisticRegression, "clf"),
    "SGDClassifier": (lambda: SGDClassifier(loss="log_loss", max_iter=5, random_state=0),
                      "clf"),
    "SVC": (SVC, "clf"),
    "LinearSVC": (lambda: LinearSVC(random_state=0, max_iter=50), "clf"),
    "DecisionTreeClassifier": (lambda: DecisionTreeClassifier(max_depth=3), "clf"),
    "RandomForestClassifier": (
        lambda: RandomForestClassifier(3, max_depth=3, random_state=0), "clf"),
    "GradientBoostingClassifier": (
        lambda: GradientBoostingClassifier(n_estimators=3, random_state=0), "clf"),
    "AdaBoostClassifier": (lambda: AdaBoostClassifier(n_estimators=3, random_state=0), "clf"),
    "BaggingClassifier": (lambda: BaggingClassifier(n_estimators=3, random_state=0), "clf"),
    "VotingClassifier": (lambda: VotingClassifier(_members(), voting="soft"), "clf"),
    "StackingClassifier": (lambda: StackingClassifier(_members(), cv=3), "clf"),
    "GaussianNB": (GaussianNB, "clf"),
    "MultinomialNB": (MultinomialNB, "clf"),
    "GridSearchCV": (lambda: GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=3),
                     "clf"),
    "BinaryRelevance": (lambda: BinaryRelevance(LogisticRegression()), "multilabel"),
    "LabelPowerset": (lambda: LabelPowerset(LogisticRegression()), "multilabel"),
    "KMeans": (lambda: KMeans(2, random_state=0), "cluster"),
    "PCA": (lambda: PCA(2), "transformer"),
    "GaussianMixture": (lambda: GaussianMixture(2, random_state=0), "density"),
    "GaussianDensity": (GaussianDensity, "outlier"),
    "EllipticGaussian": (EllipticGaussian, "outlier"),
    "IsolationForest": (lambda: IsolationForest(n_estimators=5, random_state=0), "outlier"),
    "PCAReconstructionDetector": (PCAReconstructionDetector, "outlier"),
    "DDPM": (lambda: DDPM(n_steps=4, hidden=8, embed_dim=4, n_iter=3, batch_size=8),
             "generative"),
    "EnergyModel": (lambda: EnergyModel(hidden=8, n_iter=3, batch_size=8, buffer_size=20,
                                        langevin_steps=2), "generative"),
    "AutoEncoder": (lambda: AutoEncoder(hidden=8, n_iter=3, batch_size=8), "generative"),
    "VAE": (lambda: VAE(hidden=8, n_iter=3, batch_size=8), "generative"),
    "GAN": (lambda: GAN(hidden=8, n_iter=3, batch_size=8), "generative"),
    "RandomOverSampler": (lambda: RandomOverSampler(random_state=0), "sampler"),
    "RandomUnderSampler": (lambda: RandomUnderSampler(random_state=0), "sampler"),
    "SMOTE": (lambda: SMOTE(random_state=0, k_neighbors=2), "sampler"),
}
SUPERVISED = {"clf", "reg", "multilabel", "sampler"}
METHODS = ("predict", "predict_proba", "decision_function", "transform", "score",
           "score_samples")
ALLOWED_WARNINGS = (ConvergenceWarning, DataConversionWarning)


# ------------------------------------------------------------------------------ data

def _valid(name: str, seed: int, n: int, p: int):
    """Valid float64 ``X (n, p)`` and the target the estimator takes (None if none)."""
    kind = ESTIMATORS[name][1]
    rng = np.random.default_rng(seed)
    k = 2 if kind == "sampler" else 3
    y = np.arange(n) % k                    # every class has >= 4 rows (n >= 12)
    X = rng.normal(size=(n, p)) + y[:, None]
    if name == "MultinomialNB":
        X = np.floor(np.abs(X) * 3)
    if kind == "reg":
        return X, X @ np.arange(1.0, p + 1) + rng.normal(size=n)
    if kind == "clf":
        return X, y
    if kind == "multilabel":
        return X, np.column_stack([y == 0, X[:, 0] > 1, y != 1]).astype(int)
    if kind == "sampler":
        return X, np.where(np.arange(n) < n // 4, 1, 0)  # imbalanced: 1 is the minority
    return X, None


@dataclass
class Case:
    """One spoilt call: the argument spoilt, its bad value, and the verdict expected."""

    arg: str
    value: object
    verdict: str                 # "error", "same" or "sane"
    label: str


def _ragged(X):
    rows = X.tolist()
    rows[0] = rows[0] + [1.0]
    return rows


def _object_junk(X):
    out = X.astype(object)
    out[0, 0] = {"a": 1}
    return out


# X spoilers: label -> (function of the valid X, verdict). "same" variants must give what
# the float64 array gives; every other one may never pass silently with garbage.
X_SPOILERS = {
    "nan": (lambda X: np.where(np.arange(X.size).reshape(X.shape) == 1, np.nan, X), "error"),
    "inf": (lambda X: np.where(np.arange(X.size).reshape(X.shape) == 2, np.inf, X), "error"),
    "-inf": (lambda X: np.where(np.arange(X.size).reshape(X.shape) == 0, -np.inf, X),
             "error"),
    "no rows": (lambda X: X[:0], "error"),
    "no columns": (lambda X: X[:, :0], "error"),
    "1-D": (lambda X: X[:, 0], "error"),
    "3-D": (lambda X: X[:, :, None], "error"),
    "scalar": (lambda X: 3.0, "error"),
    "None": (lambda X: None, "error"),
    "string": (lambda X: "X", "error"),
    "ragged": (_ragged, "error"),
    "words": (lambda X: np.full(X.shape, "abc"), "error"),
    "numeric strings": (lambda X: X.astype(str), "error"),
    "object junk": (_object_junk, "error"),
    "complex": (lambda X: X + 1j, "error"),
    "dict": (lambda X: {"X": X}, "error"),
    "huge": (lambda X: np.where(np.median(X) < X, 1e308, -1e308), "sane"),
    "tiny": (lambda X: X * 1e-300, "sane"),
    "large but allowed": (lambda X: X * 1e98, "sane"),     # under the gate's 1e100 bound
    "constant": (lambda X: np.ones_like(X), "sane"),
    "one row": (lambda X: X[:1], "sane"),
    "bool": (lambda X: np.median(X) < X, "same"),
    "int": (lambda X: np.round(X).astype(np.int64), "same"),
    "list": (lambda X: X.tolist(), "same"),
    "object numbers": (lambda X: X.astype(object), "same"),
    "float32": (lambda X: X.astype(np.float32), "sane"),
}
# What "same" compares with: the plain float64 version of the spoilt value.
_CANONICAL = {"bool": lambda X: (np.median(X) < X).astype(float),
              "int": lambda X: np.round(X)}


def _y_spoilers(kind: str, y: np.ndarray):
    """Spoilers of the target for this kind of estimator: label -> (value, verdict)."""
    n = len(y)
    out = {
        "y None": (None, "error"),
        "y too short": (y[:-1], "error"),
        "y complex": (y + 1j, "error"),
        "y 3-D": (np.asarray(y)[:, None, None], "error"),
        "y string": ("y", "error"),
    }
    if kind == "multilabel":
        out.update({
            "Y 1-D": (y[:, 0], "error"),
            "Y with a 2": (np.where(y == 1, 2, y), "error"),
            "Y nan": (np.where(np.arange(y.size).reshape(y.shape) == 0, np.nan, y), "error"),
            "Y bool": (y.astype(bool), "same"),
            "Y list": (y.tolist(), "same"),
        })
        return out
    out.update({
        "y nan": (np.where(np.arange(n) == 1, np.nan, y.astype(float)), "error"),
        "y inf": (np.where(np.arange(n) == 1, np.inf, y.astype(float)), "error"),
        "y mixed objects": (np.array([1, "a"] * (n // 2) + [1] * (n % 2), dtype=object),
                            "error"),
        "y column": (np.asarray(y)[:, None], "sane"),
        "y two columns": (np.column_stack([y, y]), "sane"),
        "y list": (list(y), "same"),
        "y huge": (np.where(np.arange(n) % 2 == 0, 1e308, -1e308), "sane"),
    })
    if kind in ("clf", "sampler"):
        out.update({
            "y one class": (np.zeros(n, int), "sane"),
            "y continuous": (y + 0.5 * (np.arange(n) % 2) + 0.25, "error"),
            "y strings": (np.array(["cat", "dog", "eel"])[y % 3], "sane"),
            "y bool": (y == 0, "sane"),
        })
    else:
        out.update({
            "y words": (np.full(n, "abc"), "error"),
            "y int": (np.round(y).astype(int), "same"),
            "y bool": (y > np.median(y), "sane"),
        })
    return out


def _weight_spoilers(n: int):
    return {
        "w negative": (np.where(np.arange(n) == 0, -1.0, 1.0), "error"),
        "w nan": (np.where(np.arange(n) == 0, np.nan, 1.0), "error"),
        "w inf": (np.where(np.arange(n) == 0, np.inf, 1.0), "error"),
        "w too short": (np.ones(n - 1), "error"),
        "w 2-D": (np.ones((n, 2)), "error"),
        "w all zero": (np.zeros(n), "error"),
        "w overflowing sum": (np.full(n, 1e308), "error"),
        "w strings": (np.full(n, "a"), "error"),
        "w complex": (np.ones(n) + 1j, "error"),
        "w list": ([1.0] * n, "same"),
        "w bool": (np.ones(n, bool), "same"),
        "w scalar": (2.0, "sane"),
    }


# ------------------------------------------------------------------------------ oracle

_EXPECTS = re.compile(r"expect|require|not supported|must|unknown label", re.IGNORECASE)


def _names(arg: str) -> str:
    """The names an error about ``arg`` may use (the multi-label target is ``Y``)."""
    return {"y": r"\b[yY]\b", "sample_weight": r"\bsample_weight\b"}.get(arg, rf"\b{arg}\b")


def _call(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with every warning an error except the allowed ones."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for allowed in ALLOWED_WARNINGS:
            warnings.simplefilter("ignore", allowed)
        return fn(*args, **kwargs)


def _assert_clear_error(exc: BaseException, case: Case):
    assert isinstance(exc, ValueError | TypeError), (
        f"{case.label}: {type(exc).__name__} is neither ValueError nor TypeError: {exc}")
    message = str(exc)
    assert re.search(_names(case.arg), message), (
        f"{case.label}: the message does not name {case.arg}: {message!r}")
    assert _EXPECTS.search(message), (
        f"{case.label}: the message does not say what was expected: {message!r}")


def _assert_sane(est, method: str, out, n_rows: int):
    """Output of ``method`` on ``n_rows`` rows: the right first dimension, finite
    numbers, probabilities in [0, 1] that sum to 1, labels among ``classes_``."""
    if method == "score":
        assert np.isfinite(out), out
        return
    if method == "fit_resample":
        Xr, yr = out
        assert len(Xr) == len(yr)
        return
    out = np.asarray(out)
    assert out.shape[0] == n_rows, (method, out.shape, n_rows)
    if out.dtype.kind in "fc":
        assert np.all(np.isfinite(out)), f"{method} returned NaN or infinity"
    if method == "predict_proba":
        assert np.all((out >= 0) & (out <= 1))
        if ESTIMATORS[type(est).__name__][1] != "multilabel":
            np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-6)
    if method == "predict" and hasattr(est, "classes_"):
        assert np.all(np.isin(out, est.classes_))


def _output(est, X, y):
    """The fitted model's main output on valid ``X`` (checked sane): what "same" fits are
    compared by. The other methods are fuzzed on their own below."""
    for method in ("predict", "transform", "score_samples", "score"):
        if hasattr(est, method):
            value = _call(getattr(est, method), *((X, y) if method == "score" else (X,)))
            _assert_sane(est, method, value, len(X))
            return value
    return None


def _fit(est, kind, X, y, w):
    if kind == "sampler":
        return _call(est.fit_resample, X, y)
    kwargs = {} if w is None else {"sample_weight": w}
    return _call(est.fit, X, **kwargs) if y is None and kind not in SUPERVISED else \
        _call(est.fit, X, y, **kwargs)


def _judge(case: Case, run, reference=None):
    """Run ``run()``; hold it to ``case.verdict``; ``reference()`` gives the "same"
    answer."""
    try:
        result = run()
    except Exception as exc:
        assert case.verdict != "same", f"{case.label}: must work, raised {exc!r}"
        _assert_clear_error(exc, case)
        return
    assert case.verdict != "error", f"{case.label}: should have raised, returned {result!r:.80}"
    if case.verdict == "same" and reference is not None and result is not None:
        expected = reference()
        np.testing.assert_allclose(np.asarray(result, dtype=float),
                                   np.asarray(expected, dtype=float), rtol=1e-7, atol=1e-9,
                                   err_msg=f"{case.label}: differs from the float64 input")


# ------------------------------------------------------------------------------ tests

def _has_weight(make) -> bool:
    est = make()
    return hasattr(est, "fit") and "sample_weight" in inspect.signature(est.fit).parameters


def _fit_verdict(name: str, label: str, verdict: str) -> str | None:
    """Deliberate exceptions to the tables, each with its reason (None: not tried)."""
    kind = ESTIMATORS[name][1]
    if kind != "sampler":
        return verdict
    if name != "SMOTE" and label in ("nan", "inf", "-inf", "words", "numeric strings",
                                     "object junk", "huge"):
        # Random samplers only copy rows, so any dtype and NaN pass, as in
        # imbalanced-learn; SMOTE interpolates and needs finite numbers.
        return "sane"
    if label in ("y two columns", "y one class"):
        return "error"                  # nothing to balance / not class labels
    return "sane" if verdict == "same" else verdict


def _spoilers(name: str, arg: str, X, y):
    """``{label: (bad value, verdict)}`` for spoiling ``arg`` of ``name``'s fit."""
    kind = ESTIMATORS[name][1]
    if arg == "X":
        table = {label: (spoil(X), verdict) for label, (spoil, verdict) in X_SPOILERS.items()}
    elif arg == "y":
        table = _y_spoilers(kind, y)
    else:
        table = _weight_spoilers(len(X))
    verdicts = {label: (value, _fit_verdict(name, label, verdict))
                for label, (value, verdict) in table.items()}
    return {label: pair for label, pair in verdicts.items() if pair[1] is not None}


FIT_TARGETS = [(name, arg) for name, (make, kind) in ESTIMATORS.items()
               for arg in ("X", "y", "sample_weight")
               if arg == "X" or (arg == "y" and kind in SUPERVISED)
               or (arg == "sample_weight" and _has_weight(make))]


@pytest.mark.parametrize("name, arg", FIT_TARGETS)
def test_fit_with_hostile_input(name, arg, fuzz_tally):
    """Every spoiler of ``arg`` on data drawn by hypothesis (seed, rows, features)."""
    make, kind = ESTIMATORS[name]
    method = "fit_resample" if kind == "sampler" else "fit"

    @FUZZ
    @given(seed=st.integers(0, 2**16), n=st.integers(12, 30), p=st.integers(2, 4))
    def run(seed, n, p):
        X, y = _valid(name, seed, n, p)
        for label, (value, verdict) in _spoilers(name, arg, X, y).items():
            fuzz_tally("estimator", f"{name}.{method}")
            args = {"X": X, "y": y, "sample_weight": None, arg: value}
            case = Case(arg, value, verdict, f"{name}.{method} {label}")
            # After a fit on spoilt-but-valid labels, score against those labels.
            y_out = y if arg != "y" else value
            est = make()

            def fit_and_output(est=est, args=args, y_out=y_out):
                fitted = _fit(est, kind, args["X"], args["y"], args["sample_weight"])
                if kind == "sampler":
                    _assert_sane(est, "fit_resample", fitted, 0)
                    return None
                assert fitted is est
                return _output(est, X, y_out if kind in SUPERVISED else None)

            def reference(label=label, value=value, y_out=y_out):
                canon = {"X": X, "y": y, "sample_weight": None}
                if arg == "X":
                    canon["X"] = _CANONICAL.get(label, lambda X: X)(X)
                elif arg == "y":
                    canon["y"] = np.asarray(value, dtype=float)
                ref = make()
                _fit(ref, kind, canon["X"], canon["y"], canon["sample_weight"])
                return _output(ref, X, y_out if kind in SUPERVISED else None)

            _judge(case, fit_and_output, reference)

    run()


@functools.cache
def _fitted_models():
    """One model per estimator, fitted once on valid data (seed 0, 16 rows, 3 features):
    ``{name: (model, X, y)}``."""
    models = {}
    for name, (make, kind) in ESTIMATORS.items():
        if kind == "sampler":
            continue
        X, y = _valid(name, 0, 16, 3)
        est = make()
        _fit(est, kind, X, y, None)
        models[name] = (est, X, y)
    return models


def _method_targets():
    return [(name, m) for name, (est, _, _) in _fitted_models().items()
            for m in METHODS if hasattr(est, m)]


@pytest.fixture(scope="module")
def fitted():
    return _fitted_models()


@pytest.mark.parametrize("name, method", _method_targets())
def test_method_with_hostile_input(name, method, fitted, fuzz_tally):
    """Every X spoiler, plus wrong feature counts, on a model fitted to valid data."""
    est, _, y_train = fitted[name]
    spoilers = dict(X_SPOILERS)
    spoilers["wrong feature count"] = (lambda X: X[:, :2], "error")
    spoilers["extra feature"] = (lambda X: np.hstack([X, X[:, :1]]), "error")
    fn = getattr(est, method)

    def apply(X, y):
        return _call(fn, X, y) if method == "score" else _call(fn, X)

    @FUZZ
    @given(seed=st.integers(0, 2**16), n=st.integers(1, 20))
    def run(seed, n):
        X = _valid(name, seed, max(n, 12), 3)[0][:n]
        y = y_train[np.arange(n) % len(y_train)] if y_train is not None else None
        for label, (spoil, verdict) in spoilers.items():
            fuzz_tally("estimator", f"{name}.{method}")
            case = Case("X", spoil(X), verdict, f"{name}.{method} {label}")

            def call(case=case, label=label):
                rows = 1 if label == "one row" else n
                value = apply(case.value, None if y is None else y[:rows])
                _assert_sane(est, method, value, rows)
                return value

            def reference(label=label):
                return apply(_CANONICAL.get(label, lambda X: X)(X), y)

            _judge(case, call, reference)

    run()


@pytest.mark.parametrize("name", [n for n, (_, k) in ESTIMATORS.items()
                                  if k in ("clf", "reg", "multilabel")])
def test_score_with_a_hostile_target(name, fitted, fuzz_tally):
    """``score(X, y)`` with every target spoiler (the model fitted to valid data)."""
    est, X, y = fitted[name]
    kind = ESTIMATORS[name][1]

    @FUZZ
    @given(n=st.integers(12, 16))
    def run(n):
        for label, (value, verdict) in _y_spoilers(kind, y[:n]).items():
            fuzz_tally("estimator", f"{name}.score(y)")
            # score compares predictions with y: labels a fit would refuse (one class,
            # strings the model never saw, two columns) may be refused or score badly,
            # never crash or return NaN.
            if verdict == "same" or label in ("y one class", "y strings", "y bool",
                                              "y two columns", "y huge", "y int"):
                verdict = "sane"
            case = Case("y", value, verdict, f"{name}.score {label}")

            def call(case=case):
                out = _call(est.score, X[:n], case.value)
                _assert_sane(est, "score", out, n)
                return out

            _judge(case, call)

    run()
