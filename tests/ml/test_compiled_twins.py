"""The Numba twins of the sequential solvers against their readable Python references.

Each solver (LinearSVC's dual coordinate descent, plain SGD, the lasso / elastic-net
coordinate sweeps) keeps a pure-Python loop as the reference and a compiled twin
(``mlinterview.ml._numba``). Both are run here on the same small inputs with the same
random generator, and must take the same steps:

* same number of epochs / sweeps and the same convergence flag, exactly;
* same weights within ``rtol = 1e-12`` (plus ``atol = 1e-12 · max(1, max|w|)`` at 0).
  They are not bitwise equal: BLAS ``daxpy`` uses fused multiply-adds where the compiled
  loop rounds twice, so the two drift by a few ulps (measured ≤ 5e-15). The dot products
  are the same BLAS ``ddot`` on both sides. (The lasso reference updates with NumPy's
  elementwise ops, not BLAS axpy: there the two were bitwise equal where this was written;
  the test still allows 1e-12.) Cases are chosen to be numerically stable: SGD with
  large steps (``optimal`` rate at a tiny ``alpha``) is chaotic — a one-ulp change
  in one input moves the reference's own weights by ~3e-5 — so there any two correct
  implementations part ways.

Skipped, with the reason shown, when numba is not installed (the ``fast`` extra).
"""

import subprocess
import sys

import numpy as np
import pytest

from mlinterview.ml import _numba
from mlinterview.ml.linear_model import ElasticNet, Lasso, SGDClassifier, SGDRegressor, enet_path
from mlinterview.ml.linear_model._coordinate_descent import enet_coordinate_descent
from mlinterview.ml.linear_model._sgd import (
    CLASSIFICATION_LOSSES,
    REGRESSION_LOSSES,
    _loss_function,
    sgd_epochs,
    sgd_epochs_compiled,
)
from mlinterview.ml.svm import LinearSVC
from mlinterview.ml.svm._classes import _dual_cd, _dual_cd_compiled

needs_numba = pytest.mark.skipif(not _numba.use_numba(),
                                 reason="numba (the 'fast' extra) is not installed or "
                                        "MLINTERVIEW_NO_NUMBA is set: no compiled twin to "
                                        "compare")

RTOL = 1e-12


def _close(a, b):
    a, b = np.asarray(a), np.asarray(b)
    scale = max(float(np.abs(a).max(initial=0.0)), 1.0)
    np.testing.assert_allclose(b, a, rtol=RTOL, atol=RTOL * scale)


def _classification(n, d, seed, noise=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d)
    y = np.where(X @ rng.normal(size=d) + noise * rng.normal(size=n) > 0, 1.0, -1.0)
    return X, y


# --- LinearSVC: dual coordinate descent with shrinking -----------------------------------

@needs_numba
@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
@pytest.mark.parametrize(("n", "d", "C", "tol"), [
    (40, 2, 1.0, 1e-4),       # tiny
    (200, 8, 0.1, 1e-6),      # many multipliers at the bounds: shrinking works hard
    (150, 30, 10.0, 1e-5),    # large C, near separable
    (60, 120, 1.0, 1e-6),     # wide: n < d
])
def test_dual_cd_twin_matches_reference(loss, n, d, C, tol):
    X, y = _classification(n, d, seed=n + d)
    X = np.hstack([X, np.ones((n, 1))])          # the intercept column, as LinearSVC does
    w_ref, ep_ref, ok_ref = _dual_cd(X, y, C, loss, tol, 300, np.random.default_rng(5))
    w_nb, ep_nb, ok_nb = _dual_cd_compiled(X, y, C, loss, tol, 300, np.random.default_rng(5))
    assert (ep_nb, ok_nb) == (ep_ref, ok_ref)
    _close(w_ref, w_nb)


@needs_numba
def test_dual_cd_twin_hits_max_iter_like_reference():
    X, y = _classification(120, 5, seed=3, noise=3.0)
    ref = _dual_cd(X, y, 100.0, "hinge", 1e-10, 7, np.random.default_rng(0))
    nb = _dual_cd_compiled(X, y, 100.0, "hinge", 1e-10, 7, np.random.default_rng(0))
    assert ref[1:] == nb[1:] == (7, False)
    _close(ref[0], nb[0])


@needs_numba
def test_linear_svc_uses_twin_and_matches_reference(monkeypatch):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 4))
    y = np.digitize(X[:, 0] + 0.5 * X[:, 1], [-0.5, 0.5])       # 3 classes: one-vs-rest
    est = LinearSVC(loss="hinge", dual=True, tol=1e-6, random_state=0)
    fast = est.fit(X, y).coef_.copy(), est.intercept_.copy(), est.n_iter_
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    assert not _numba.use_numba()
    slow = est.fit(X, y).coef_.copy(), est.intercept_.copy(), est.n_iter_
    _close(slow[0], fast[0])
    _close(slow[1], fast[1])
    assert slow[2] == fast[2]


# --- SGD: every loss, penalty, learning rate and averaging -------------------------------

def _sgd_both(loss, *, penalty, learning_rate, average, n=60, d=5, seed=0, **kw):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d)
    if loss in CLASSIFICATION_LOSSES:
        y = np.where(X @ rng.normal(size=d) + rng.normal(size=n) > 0, 1.0, -1.0)
    else:
        y = X @ rng.normal(size=d) + 0.3 * rng.normal(size=n) + 1.0
    # "optimal" steps start at α^(-1/4): α = 0.05 keeps every loss stable. (With a tiny α
    # some losses diverge, and then any ulp of difference is amplified without bound.)
    opts = {"alpha": 0.05 if learning_rate == "optimal" else 1e-3, "l1_ratio": 0.3,
            "penalty": penalty, "learning_rate": learning_rate, "eta0": 0.01,
            "power_t": 0.25, "fit_intercept": True, "max_iter": 25, "tol": 1e-3,
            "n_iter_no_change": 5, "shuffle": True, "average": average} | kw
    ref = sgd_epochs(X, y, _loss_function(loss, 0.1), rng=np.random.default_rng(1), **opts)
    nb = sgd_epochs_compiled(X, y, loss, epsilon=0.1, rng=np.random.default_rng(1), **opts)
    return ref, nb


def _same_sgd_run(ref, nb):
    assert (nb[2], nb[3], nb[4]) == (ref[2], ref[3], ref[4])     # epochs, t, converged
    _close(ref[0], nb[0])
    _close(ref[1], nb[1])


@needs_numba
@pytest.mark.parametrize("loss", list(CLASSIFICATION_LOSSES) + list(REGRESSION_LOSSES))
@pytest.mark.parametrize("penalty", ["l2", "l1", "elasticnet"])
@pytest.mark.parametrize("learning_rate", ["optimal", "invscaling", "constant"])
def test_sgd_twin_matches_reference(loss, penalty, learning_rate):
    _same_sgd_run(*_sgd_both(loss, penalty=penalty, learning_rate=learning_rate,
                             average=False))


@needs_numba
@pytest.mark.parametrize("average", [True, 40])
@pytest.mark.parametrize("loss", ["hinge", "log_loss", "huber"])
def test_sgd_twin_matches_reference_averaged(loss, average):
    _same_sgd_run(*_sgd_both(loss, penalty="elasticnet", learning_rate="invscaling",
                             average=average, seed=2))


@needs_numba
def test_sgd_twin_edge_cases():
    # no shuffling, no intercept, no early stop (tol=None: always max_iter epochs)
    ref, nb = _sgd_both("squared_error", penalty="l2", learning_rate="constant",
                        average=False, shuffle=False, fit_intercept=False, tol=None,
                        max_iter=4)
    _same_sgd_run(ref, nb)
    assert ref[2] == 4 and ref[4] is True and ref[1] == 0.0
    # a step so large that 1 - ηα = 0: the scale hits 0 and the weights are reset
    _same_sgd_run(*_sgd_both("hinge", penalty="l2", learning_rate="constant",
                             average=False, eta0=1e3, max_iter=3, alpha=1e-3))
    # a decay that drives the scale below 1e-9, where it is folded back into v
    _same_sgd_run(*_sgd_both("log_loss", penalty="l2", learning_rate="constant",
                             average=False, eta0=0.9, alpha=1.0, max_iter=3))
    # one sample, one feature
    _same_sgd_run(*_sgd_both("hinge", penalty="l1", learning_rate="optimal",
                             average=False, n=1, d=1))


@needs_numba
def test_sgd_estimators_use_twin_and_match_reference(monkeypatch):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(120, 3))
    yc = np.digitize(X[:, 0] - X[:, 2], [-0.4, 0.4])
    yr = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=120)
    models = [(SGDClassifier(loss="log_loss", penalty="elasticnet", alpha=0.01, random_state=0,
                             max_iter=20, tol=None), yc),
              (SGDRegressor(loss="epsilon_insensitive", epsilon=0.05, random_state=0,
                            max_iter=20, tol=None), yr)]
    fast = [(m.fit(X, y).coef_.copy(), m.intercept_.copy(), m.t_) for m, y in models]
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    slow = [(m.fit(X, y).coef_.copy(), m.intercept_.copy(), m.t_) for m, y in models]
    for (cf, bf, tf), (cs, bs, ts) in zip(fast, slow, strict=True):
        _close(cs, cf)
        _close(bs, bf)
        assert tf == ts


# --- Lasso / elastic net: coordinate sweeps (Gram, residual and working-set paths) --------

def _cd_both(monkeypatch, X, y, l1, l2, **kw):
    """Run :func:`enet_coordinate_descent` with the compiled sweeps, then the reference."""
    fast = enet_coordinate_descent(X, y, l1, l2, **kw)
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    slow = enet_coordinate_descent(X, y, l1, l2, **kw)
    monkeypatch.delenv("MLINTERVIEW_NO_NUMBA")
    assert (fast[2], fast[3]) == (slow[2], slow[3])               # sweeps, converged
    _close(slow[0], fast[0])
    np.testing.assert_array_equal(fast[0] == 0, slow[0] == 0)     # same zero pattern
    _close(slow[1], fast[1])                                       # duality gap


def _sparse_regression(n, p, seed, k=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    w = np.zeros(p)
    w[:k] = rng.normal(size=k) * 3
    return X, X @ w + 0.2 * rng.normal(size=n)


@needs_numba
@pytest.mark.parametrize(("n", "p"), [
    (60, 6),        # n > p, p < 64: sweeps on the Gram matrix
    (20, 40),       # n <= p, p < 64: sweeps on the residual
    (70, 150),      # p >= 64: working set
    (300, 80),      # p >= 64, n > p: working set too
])
@pytest.mark.parametrize("rho", [1.0, 0.4])
@pytest.mark.parametrize("tol", [1e-4, 1e-10])
def test_cd_twin_matches_reference(monkeypatch, n, p, rho, tol):
    X, y = _sparse_regression(n, p, seed=n + p)
    alpha = 0.05
    _cd_both(monkeypatch, X, y, alpha * rho * n, alpha * (1 - rho) * n, max_iter=2000,
             tol=tol)


@needs_numba
@pytest.mark.parametrize(("n", "p"), [(60, 6), (20, 40), (70, 150)])
def test_cd_twin_edge_cases(monkeypatch, n, p):
    X, y = _sparse_regression(n, p, seed=1)
    X[:, 2] = 0.0                                       # a zero column: diag 0, skipped
    l1 = 0.02 * n
    _cd_both(monkeypatch, X, y, l1, 0.0, max_iter=3, tol=1e-12)         # stops at max_iter
    _cd_both(monkeypatch, X, y, 0.0, 0.5 * n, max_iter=500, tol=1e-8)   # pure ridge, l1 = 0
    w0 = np.random.default_rng(2).normal(size=p)                         # warm start
    _cd_both(monkeypatch, X, y, l1, 0.1, max_iter=500, tol=1e-8, w0=w0)
    _cd_both(monkeypatch, X, y, 1e6, 0.0, max_iter=50, tol=1e-6)         # all weights 0


@needs_numba
def test_cd_estimators_and_path_use_twin_and_match_reference(monkeypatch):
    X, y = _sparse_regression(80, 90, seed=7)
    Y = np.column_stack([y, -2 * y + X[:, 5]])

    def fits():
        las = Lasso(alpha=0.05, tol=1e-8).fit(X, y)
        enet = ElasticNet(alpha=0.1, l1_ratio=0.3, tol=1e-8).fit(X, Y)
        _, coefs, gaps = enet_path(X - X.mean(0), y - y.mean(), l1_ratio=0.8, n_alphas=8)
        return las.coef_, las.intercept_, las.n_iter_, enet.coef_, enet.n_iter_, coefs, gaps

    fast = fits()
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    slow = fits()
    for f, s in zip(fast, slow, strict=True):
        if isinstance(s, np.ndarray | float):
            _close(s, f)
        else:
            assert f == s


# --- the lazy import machinery ------------------------------------------------------------

def test_importing_the_solvers_does_not_import_numba():
    code = ("import sys, mlinterview.ml.svm, mlinterview.ml.linear_model; "
            "print('numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_env_var_forces_the_reference(monkeypatch):
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    assert _numba.use_numba() is False


def test_lazy_jit_without_numba_raises_clearly(monkeypatch):
    monkeypatch.setattr(_numba, "_numba_importable", lambda: False)

    @_numba.njit(cache=False)
    def twice(x):
        return 2 * x

    assert twice.py_func(3) == 6
    with pytest.raises(RuntimeError, match="numba is not available"):
        twice(3)
