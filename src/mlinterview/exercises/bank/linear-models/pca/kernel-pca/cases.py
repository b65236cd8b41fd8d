"""Cases for pca/kernel-pca.

Kernel PCA of K must equal ordinary PCA of any feature matrix F with F Fᵀ = K. The
reference builds such an F without centring anything (F = V sqrt(Λ) from the
eigendecomposition of the uncentred K) and runs
mlinterview.ml.decomposition.PCA(n_components=k, svd_solver="full").fit_transform(F),
which centres F explicitly and takes an SVD (checked against scikit-learn in
tests/parity/test_decomposition.py); each column's sign follows the statement's
convention and the eigenvalues are singular_values_². Kernels: linear, polynomial
(x·y + 1)², and RBF, with k kept where the eigenvalues are well separated. The first
cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.decomposition import PCA


def _fix_signs(Z):
    signs = np.sign(Z[np.argmax(np.abs(Z), axis=0), np.arange(Z.shape[1])])
    signs[signs == 0] = 1.0
    return Z * signs


def reference(K, k):
    vals, vecs = np.linalg.eigh(np.asarray(K, dtype=float))
    F = vecs * np.sqrt(np.clip(vals, 0.0, None))        # F Fᵀ = K, features not centred
    model = PCA(n_components=k, svd_solver="full")
    Z = model.fit_transform(F)
    return _fix_signs(Z), model.singular_values_**2


def _kernel(X, kind, rng):
    if kind == "linear":
        return X @ X.T
    if kind == "poly":
        return (X @ X.T + 1.0) ** 2
    sq = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    return np.exp(-float(rng.uniform(0.1, 1.0)) * sq)


def _well_separated(K, k):
    """The top k + 1 eigenvalues of the centred K differ by a relative 1e-3 or more."""
    n = len(K)
    J = np.eye(n) - 1.0 / n
    vals = np.sort(np.linalg.eigvalsh(J @ K @ J))[::-1][: k + 1]
    if vals[k - 1] <= 1e-8 * vals[0]:
        return False
    gaps = -np.diff(vals)
    return bool(np.all(gaps[:k] > 1e-3 * vals[0]))


def fixed():
    x = np.array([0.0, 1.0, 3.0])
    K = np.outer(x, x)
    Z = np.array([[-4 / 3], [-1 / 3], [5 / 3]])
    X2 = np.array([[3.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -2.0], [-2.0, 1.5]])
    return [
        Case((K, 1), note="worked example: 1-D points, linear kernel",
             expected=(Z, np.array([14 / 3]))),
        Case((K + 5.0, 1), note="a constant added to K: centring removes it",
             expected=(Z, np.array([14 / 3]))),
        # Negating the points leaves K unchanged: same answer, same signs.
        Case((np.outer(-x, -x), 1), note="points negated: the sign convention decides",
             expected=(Z, np.array([14 / 3]))),
        Case((X2 @ X2.T, 2), note="2-D points, both components"),
        Case(((X2 @ X2.T + 1.0) ** 2, 3), note="polynomial kernel (x·y + 1)²"),
    ]


def generated(rng):
    cases = []
    kinds = ("linear", "poly", "rbf")
    while len(cases) < 26:
        i = len(cases)
        n = int(rng.integers(4, 40)) if i < 24 else 400
        d = int(rng.integers(1, 5))
        X = rng.normal(size=(n, d)) * rng.uniform(0.3, 2, size=d)
        kind = kinds[i % 3]
        K = _kernel(X, kind, rng)
        k = int(rng.integers(1, min(d, n - 1, 3) + 1))
        if not _well_separated(K, k):
            continue
        cases.append(Case((K, k), note=f"{n} points, {kind} kernel, k = {k}"))
    return cases


SPEC = ExerciseSpec(
    function="kernel_pca",
    # eigh of the centred K and an SVD of explicit features agree to ~1e-12 when the
    # eigenvalues are separated by a relative 1e-3.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
