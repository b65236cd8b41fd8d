"""The svm demos' tables checked against scikit-learn and against geometry.

(Named test_svm_demo.py: test_svm.py is taken by tests/parity and pytest needs unique
basenames in these package-less test folders.)
"""

import numpy as np
import pytest
from sklearn.svm import SVC as SkSVC

from mlinterview.demos import registry
from mlinterview.demos.linear_models.svm import make_blobs, make_moons


@pytest.fixture(scope="module")
def margins():
    return registry()["svm"].run()


@pytest.fixture(scope="module")
def gamma():
    return registry()["svm/gamma"].run()


def test_margin_rows_match_libsvm(margins):
    p = margins.params
    X, y = make_blobs(p["n_per_class"], p["spread"], p["seed"])
    for C, n_sv, _free, width, geometric, violations, errors, kkt in margins.result.table.rows:
        ref = SkSVC(kernel="linear", C=C, tol=1e-8).fit(X, y)
        assert n_sv == len(ref.support_)
        # Both stop with KKT gaps below 1e-5; w agrees to ~1e-5, the table rounds to 1e-6.
        assert width == pytest.approx(2 / np.linalg.norm(ref.coef_), rel=1e-4)
        s = np.where(y == 1, 1, -1) * ref.decision_function(X)
        assert violations == int(np.sum(s < 1 - 1e-3))      # inside the margin, beyond tol
        assert errors == int(np.sum(s < 0))
        assert geometric == pytest.approx(width, rel=1e-4)     # 2/||w|| is the real distance
        assert kkt <= 2e-5                                      # SMO's tol is 1e-5


def test_support_vectors_and_margin_shrink_as_C_grows(margins):
    rows = margins.result.table.rows
    n_sv = [r[1] for r in rows]
    width = [r[3] for r in rows]
    assert n_sv == sorted(n_sv, reverse=True) and n_sv[0] > 2 * n_sv[-1]
    assert width == sorted(width, reverse=True)


def test_separable_data_few_support_vectors_at_large_C():
    out = registry()["svm"].run(spread=0.3)
    rows = out.result.table.rows
    n_sv = [r[1] for r in rows]
    assert n_sv == sorted(n_sv, reverse=True)
    assert rows[-1][6] == 0 and rows[-1][5] == 0          # hard margin: no violations, no errors
    assert n_sv[-1] <= 3                                  # 2-D: at most 3 points pin the margin


def test_gamma_rows_match_libsvm(gamma):
    p = gamma.params
    X, y = make_moons(p["n_samples"], p["noise"], p["seed"])
    Xt, yt = make_moons(2000, p["noise"], p["seed"] + 1)
    for kernel, g, n_sv, train, test in gamma.result.table.rows:
        kw = {"kernel": "linear"} if kernel == "linear" else {"kernel": "rbf", "gamma": g}
        ref = SkSVC(C=p["C"], **kw).fit(X, y)
        assert n_sv == len(ref.support_)
        assert train == pytest.approx(ref.score(X, y), abs=1e-4)
        assert test == pytest.approx(ref.score(Xt, yt), abs=1e-3)


def test_gamma_underfit_to_overfit(gamma):
    rows = [r for r in gamma.result.table.rows if r[0] == "rbf"]
    train = [r[3] for r in rows]
    test = [r[4] for r in rows]
    assert train[-1] > train[0]
    best = int(np.argmax(test))
    assert 0 < best < len(rows) - 1                        # the peak is inside the sweep
    assert test[-1] < test[best] - 0.03                    # overfitting costs test accuracy
    assert rows[-1][2] > 0.9 * gamma.params["n_samples"]   # nearly every point is an SV


@pytest.fixture(scope="module")
def solvers():
    return registry()["svm/solvers"].run()


def test_solvers_reference_is_the_libsvm_optimum(solvers):
    p = solvers.params
    X, y = make_blobs(p["n_per_class"], 1.0, p["seed"])
    ref = SkSVC(kernel="linear", C=p["C"], tol=1e-10).fit(X, y)
    s = np.where(y == 1, 1.0, -1.0)
    lam = 1 / (len(y) * p["C"])
    w, b = ref.coef_[0], ref.intercept_[0]
    j_star = 0.5 * lam * w @ w + np.maximum(0, 1 - s * (X @ w + b)).mean()   # closed form
    rows = {r[0]: r for r in solvers.result.table.rows}
    smo = rows["SVC (SMO, dual)"]
    assert smo[2] == pytest.approx(j_star, abs=2e-6) and smo[3] == 0.0
    objective = {name: r[2] for name, r in rows.items()}
    gaps = {name: r[3] for name, r in rows.items()}
    for name, r in rows.items():
        assert gaps[name] >= -1e-9                         # nobody beats the optimum
        # The table rounds objectives to 1e-6 and gaps to 3 significant digits.
        assert r[2] == pytest.approx(objective["SVC (SMO, dual)"] + gaps[name],
                                     abs=2e-6 + 0.005 * gaps[name])
        assert abs(r[5] - smo[5]) <= 0.01                  # test accuracy barely moves
    assert gaps["LinearSVC (dual CD, b penalised)"] < 1e-6
    assert gaps["Pegasos (primal, batch 32)"] < 0.01 * j_star
    assert gaps["SGDClassifier (primal, hinge)"] < 0.1 * j_star
