"""mlinterview.ml.linalg against NumPy and SciPy (pinv, lstsq, the Frobenius norm).

Tolerances: pinv and lstsq go through the same LAPACK SVD as the references, so they
agree to rtol 1e-8 (a few ulps times the condition number of the well-conditioned cases).
For tall matrices (m >= 2n) lstsq takes the SVD of R from a QR factorisation instead;
singular values that are rounding noise (rank-deficient cases) then differ in their noise,
so those are compared with an absolute tolerance of 1e-12 * s_max.
"""

import numpy as np
import pytest
import scipy.linalg

from mlinterview.ml.linalg import frobenius_norm, is_pseudoinverse, lstsq, penrose_residuals, pinv

SHAPES = [(1, 1), (3, 3), (7, 4), (4, 7), (30, 10), (10, 30)]


def _matrix(shape, rank=None, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    m, n = shape
    if rank is None:
        return rng.normal(size=shape).astype(dtype)
    return (rng.normal(size=(m, rank)) @ rng.normal(size=(rank, n))).astype(dtype)


@pytest.mark.parametrize("shape, rank", [(s, r) for s in SHAPES for r in (None, 1, 2)
                                          if r is None or r <= min(s)])
def test_pinv_matches_numpy_and_scipy(shape, rank):
    a = _matrix(shape, rank, seed=sum(shape))
    ours = pinv(a)
    np.testing.assert_allclose(ours, scipy.linalg.pinv(a), rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(ours, np.linalg.pinv(a, rtol=max(shape) * np.finfo(float).eps),
                               rtol=1e-8, atol=1e-12)
    assert ours.shape == shape[::-1]


def test_pinv_of_invertible_matrix_is_the_inverse():
    a = _matrix((5, 5), seed=3) + 5 * np.eye(5)
    np.testing.assert_allclose(pinv(a), np.linalg.inv(a), rtol=1e-10, atol=1e-13)


def test_pinv_float32_keeps_dtype_and_matches():
    a = _matrix((6, 4), seed=1, dtype=np.float32)
    ours = pinv(a)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, np.linalg.pinv(a.astype(np.float64)), rtol=1e-4, atol=1e-5)


def test_pinv_edge_cases():
    assert pinv(np.zeros((3, 2))).shape == (2, 3) and not pinv(np.zeros((3, 2))).any()
    assert pinv(np.zeros((0, 3))).shape == (3, 0)
    np.testing.assert_allclose(pinv([[2.0]]), [[0.5]])
    # rcond: the 1e-9 direction is cut with rcond=1e-6 and kept with the default.
    a = np.diag([1.0, 1e-9])
    np.testing.assert_allclose(pinv(a, rcond=1e-6), np.diag([1.0, 0.0]))
    np.testing.assert_allclose(pinv(a), np.diag([1.0, 1e9]))


@pytest.mark.parametrize("shape", SHAPES)
def test_frobenius_norm_matches_numpy(shape):
    a = _matrix(shape, seed=7)
    assert frobenius_norm(a) == pytest.approx(np.linalg.norm(a, "fro"), rel=1e-12)
    s = np.linalg.svd(a, compute_uv=False)
    assert frobenius_norm(a) == pytest.approx(np.sqrt(np.sum(s**2)), rel=1e-12)


def test_frobenius_norm_does_not_overflow():
    a = np.full((2, 2), 1e200)
    assert frobenius_norm(a) == pytest.approx(2e200, rel=1e-12)
    assert frobenius_norm(np.zeros((2, 3))) == 0.0


@pytest.mark.parametrize("shape", [(10, 3), (3, 10), (20, 20), (50, 5)])
@pytest.mark.parametrize("rank", [None, 2])
@pytest.mark.parametrize("multi", [False, True])
def test_lstsq_matches_numpy(shape, rank, multi):
    a = _matrix(shape, rank, seed=11)
    rng = np.random.default_rng(2)
    b = rng.normal(size=(shape[0], 3) if multi else shape[0])
    x, res, r, s = lstsq(a, b)
    x_ref, res_ref, r_ref, s_ref = np.linalg.lstsq(a, b, rcond=None)
    np.testing.assert_allclose(x, x_ref, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(res, res_ref, rtol=1e-8, atol=1e-10)
    assert r == r_ref
    np.testing.assert_allclose(s, s_ref, rtol=1e-12)


@pytest.mark.parametrize("shape", [(500, 20), (2000, 3), (41, 20), (40, 20)])
@pytest.mark.parametrize("rank", [None, 5])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_lstsq_tall_qr_path_matches_numpy(shape, rank, dtype):
    a = _matrix(shape, None if rank is None else min(rank, shape[1] - 1), seed=3, dtype=dtype)
    b = np.random.default_rng(4).normal(size=(shape[0], 2)).astype(dtype)
    x, res, r, s = lstsq(a, b)
    # NumPy computes float32 input in float64 and cuts at float64's eps; we keep float32
    # and cut at float32's eps (below that a float32 singular value is noise), so the
    # reference gets that cutoff explicitly.
    rcond = max(shape) * np.finfo(dtype).eps
    x_ref, res_ref, r_ref, s_ref = np.linalg.lstsq(a, b, rcond=rcond)
    tol = 1e-8 if dtype == np.float64 else 1e-4
    assert r == r_ref
    np.testing.assert_allclose(s, s_ref, rtol=tol, atol=(1e-12 if dtype == np.float64
                                                         else 1e-5) * s_ref[0])
    np.testing.assert_allclose(x, x_ref, rtol=tol, atol=tol * np.abs(x_ref).max())
    np.testing.assert_allclose(res, res_ref, rtol=tol)


@pytest.mark.parametrize("shape", SHAPES)
def test_penrose_conditions_hold_for_pinv_and_fail_otherwise(shape):
    a = _matrix(shape, rank=1, seed=5)
    res = penrose_residuals(a, pinv(a))
    assert set(res) == {"AGA=A", "GAG=G", "(AG)^T=AG", "(GA)^T=GA"}
    assert max(res.values()) < 1e-10
    assert is_pseudoinverse(a, pinv(a))
    assert not is_pseudoinverse(a, pinv(a) + 0.1 * _matrix(shape[::-1], seed=9))


def test_transpose_is_not_a_pseudoinverse_unless_orthogonal():
    q, _ = np.linalg.qr(_matrix((5, 5), seed=4))
    assert is_pseudoinverse(q, q.T)
    a = _matrix((4, 3), seed=4)
    assert not is_pseudoinverse(a, a.T)


@pytest.mark.parametrize("bad, match", [
    (np.ones(3), "a: expected a 2-D matrix"),
    ([[1.0, np.nan]], "a: expected finite"),
    ("abc", "a: expected an array-like"),
])
def test_bad_input_names_the_argument(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        pinv(bad)


def test_bad_rcond_and_shapes():
    with pytest.raises(ValueError, match="rcond"):
        pinv(np.eye(2), rcond=-1.0)
    with pytest.raises(ValueError, match="b: expected 3 rows"):
        lstsq(np.ones((3, 2)), np.ones(4))
    with pytest.raises(ValueError, match="g: expected shape"):
        penrose_residuals(np.ones((3, 2)), np.ones((3, 2)))
