"""PCA against scikit-learn 1.9: components up to sign (1e-8; both flip signs the same way,
so we compare directly), explained variance (rtol 1e-8), transform/inverse_transform.

The covariance solver squares the condition number, so its smallest components carry
rounding error of order eps * s_max² / s_k²; the data here keep that under 1e-8.
"""

import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA

from mlinterview.ml._validation import NotFittedError
from mlinterview.ml.decomposition import PCA


def _data(n, p, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    scales = np.geomspace(5, 0.5, p)
    return (rng.normal(size=(n, p)) * scales @ np.linalg.qr(rng.normal(size=(p, p)))[0]
            + rng.normal(size=p)).astype(dtype)


@pytest.mark.parametrize("n, p", [(50, 5), (200, 12), (10, 30), (400, 3)])
@pytest.mark.parametrize("solver", ["full", "covariance_eigh"])
@pytest.mark.parametrize("n_components", [None, 2, 0.8])
@pytest.mark.parametrize("whiten", [False, True])
def test_pca_matches(n, p, solver, n_components, whiten):
    X = _data(n, p, seed=n + p)
    a = PCA(n_components, svd_solver=solver, whiten=whiten).fit(X)
    b = SkPCA(n_components, svd_solver=solver, whiten=whiten).fit(X)
    assert a.n_components_ == b.n_components_
    # With n <= p, directions beyond rank n - 1 have zero variance: any orthonormal basis of
    # the null space is right, so only the components that carry variance are compared.
    live = b.explained_variance_ > 1e-10 * b.explained_variance_[0]
    np.testing.assert_allclose(a.components_[live], b.components_[live], rtol=1e-8, atol=1e-8)
    # A zero eigenvalue of the covariance comes out as rounding noise ~ eps * cond * s_max².
    np.testing.assert_allclose(a.explained_variance_, b.explained_variance_, rtol=1e-8,
                               atol=1e-7 * b.explained_variance_[0])
    np.testing.assert_allclose(a.explained_variance_ratio_, b.explained_variance_ratio_,
                               rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(a.singular_values_[live], b.singular_values_[live], rtol=1e-8)
    np.testing.assert_allclose(a.mean_, b.mean_, rtol=1e-12)
    assert a.noise_variance_ == pytest.approx(b.noise_variance_, rel=1e-8, abs=1e-10)
    Za, Zb = a.transform(X), b.transform(X)
    np.testing.assert_allclose(Za[:, live], Zb[:, live], rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(a.fit_transform(X)[:, live], Zb[:, live], rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(a.inverse_transform(Za), b.inverse_transform(Zb), rtol=1e-7,
                               atol=1e-8)


def test_auto_solver_and_float32():
    X = _data(300, 4, seed=1, dtype=np.float32)
    a = PCA(2).fit(X)
    b = SkPCA(2).fit(X)
    np.testing.assert_allclose(a.components_, b.components_, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(a.explained_variance_ratio_, b.explained_variance_ratio_,
                               rtol=1e-4)


@pytest.mark.parametrize("case", ["float32", "rank-deficient", "square", "tall"])
def test_full_solver_through_qr_matches(case):
    # On tall data the full solver takes the SVD of R from X = QR (what LAPACK's gesdd
    # does first, minus the left vectors); wide or square data go to gesdd directly.
    X = _data(3000, 40, seed=5)
    if case == "float32":
        X = X.astype(np.float32)
    elif case == "rank-deficient":
        X[:, 20:] = X[:, :20] @ np.random.default_rng(6).normal(size=(20, 20))
    elif case == "square":
        X = X[:40]
    rtol = 1e-4 if case == "float32" else 1e-8
    k = 15
    a = PCA(k, svd_solver="full").fit(X)
    b = SkPCA(k, svd_solver="full").fit(X)
    np.testing.assert_allclose(a.components_, b.components_, rtol=rtol, atol=rtol)
    np.testing.assert_allclose(a.explained_variance_, b.explained_variance_, rtol=rtol)
    np.testing.assert_allclose(a.noise_variance_, b.noise_variance_, rtol=rtol,
                               atol=1e-12 * b.explained_variance_[0])
    np.testing.assert_allclose(a.fit_transform(X), b.transform(X), rtol=rtol,
                               atol=rtol * np.abs(b.transform(X)).max())


def test_full_rank_round_trip_and_orthonormal_components():
    X = _data(40, 6, seed=2)
    a = PCA().fit(X)
    np.testing.assert_allclose(a.inverse_transform(a.transform(X)), X, atol=1e-10)
    np.testing.assert_allclose(a.components_ @ a.components_.T, np.eye(6), atol=1e-12)
    assert a.explained_variance_ratio_.sum() == pytest.approx(1.0)


def test_whitened_projections_have_unit_variance():
    X = _data(500, 5, seed=3)
    Z = PCA(3, whiten=True).fit_transform(X)
    np.testing.assert_allclose(Z.var(axis=0, ddof=1), 1.0, rtol=1e-10)


def test_bad_input():
    X = _data(20, 4)
    with pytest.raises(ValueError, match="n_components"):
        PCA(5).fit(X)
    with pytest.raises(ValueError, match="n_components"):
        PCA(1.5).fit(X)
    with pytest.raises(ValueError, match="svd_solver"):
        PCA(svd_solver="magic").fit(X)
    with pytest.raises(ValueError, match="X: found 1 sample"):
        PCA().fit(X[:1])
    with pytest.raises(ValueError, match="X: expected finite"):
        PCA().fit(np.where(X > 1, np.nan, X))
    with pytest.raises(NotFittedError):
        PCA().transform(X)
    with pytest.raises(ValueError, match=r"X has 3 features, but PCA is expecting 4 features"):
        PCA().fit(X).transform(X[:, :3])


def test_covariance_solver_on_data_far_from_the_origin():
    # XᵀX - n mean meanᵀ would cancel about 12 of the 16 digits here (mean 1e6, spread ~1);
    # the covariance solver must centre first and still agree with the SVD of the data.
    X = _data(2000, 6, seed=4) + 1e6
    a = PCA(svd_solver="covariance_eigh").fit(X)
    b = PCA(svd_solver="full").fit(X)
    np.testing.assert_allclose(a.explained_variance_, b.explained_variance_, rtol=1e-8)
    np.testing.assert_allclose(a.components_, b.components_, rtol=1e-7, atol=1e-8)
