"""The Fréchet distance against the FID reference formula with SciPy's ``sqrtm``.

Tolerance 1e-8 relative: two different matrix square-root algorithms (Schur-based
``sqrtm`` of the non-symmetric S1 S2, and our symmetric eigen-decomposition) agree to
rounding on well-conditioned covariances.
"""

import numpy as np
import pytest
import scipy.linalg

from mlinterview.ml.metrics import frechet_distance, gaussian_statistics


def _scipy_fid(mu1, s1, mu2, s2):
    covmean = scipy.linalg.sqrtm(s1 @ s2)
    covmean = np.real(covmean)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


@pytest.mark.parametrize("d", [1, 2, 8, 64])
@pytest.mark.parametrize("seed", range(3))
def test_matches_scipy_sqrtm_formula(d, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(4 * d + 10, d))
    Y = rng.normal(size=(4 * d + 20, d)) @ rng.normal(size=(d, d)) * 0.5 + 0.3
    mu1, s1 = gaussian_statistics(X)
    mu2, s2 = gaussian_statistics(Y)
    assert frechet_distance(mu1, s1, mu2, s2) == pytest.approx(
        _scipy_fid(mu1, s1, mu2, s2), rel=1e-8, abs=1e-10)


def test_gaussian_statistics_match_numpy_cov():
    X = np.random.default_rng(0).normal(size=(30, 4))
    mu, s = gaussian_statistics(X)
    np.testing.assert_allclose(mu, X.mean(0), rtol=1e-12)
    np.testing.assert_allclose(s, np.cov(X.T), rtol=1e-12)


def test_closed_forms():
    # Same Gaussian: 0. Means apart only: squared distance of the means.
    mu, s = np.zeros(3), np.eye(3)
    assert frechet_distance(mu, s, mu, s) == pytest.approx(0.0, abs=1e-12)
    assert frechet_distance(mu, s, mu + np.array([1.0, 2.0, 2.0]), s) == pytest.approx(9.0)
    # 1-D: (m1 - m2)^2 + (s1 - s2)^2 with standard deviations s1, s2.
    assert frechet_distance([0.0], [[4.0]], [1.0], [[9.0]]) == pytest.approx(1 + 1)
    # Commuting diagonal covariances: sum over axes of (sqrt(a) - sqrt(b))^2.
    a, b = np.array([1.0, 4.0, 9.0]), np.array([4.0, 4.0, 1.0])
    assert frechet_distance(mu, np.diag(a), mu, np.diag(b)) == pytest.approx(
        ((np.sqrt(a) - np.sqrt(b)) ** 2).sum())


def test_singular_covariance_is_finite():
    # Fewer samples than features: rank-deficient covariances, as with small FID samples.
    rng = np.random.default_rng(1)
    mu1, s1 = gaussian_statistics(rng.normal(size=(5, 20)))
    mu2, s2 = gaussian_statistics(rng.normal(size=(6, 20)))
    value = frechet_distance(mu1, s1, mu2, s2)
    assert np.isfinite(value) and value > 0
    assert value == pytest.approx(_scipy_fid(mu1, s1, mu2, s2), rel=1e-6)


def test_bad_shapes():
    with pytest.raises(ValueError, match="sigma1"):
        frechet_distance(np.zeros(3), np.eye(2), np.zeros(3), np.eye(3))
    with pytest.raises(ValueError, match="mu1 and mu2"):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(3), np.eye(3))
