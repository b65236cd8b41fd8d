"""Linear algebra behind least squares: the Moore-Penrose pseudoinverse, the Frobenius
norm, least squares by SVD, and the four Penrose conditions.

Everything goes through the thin singular value decomposition ``A = U diag(s) Vᵀ``:

* ``pinv(A) = V diag(1/s) Uᵀ`` over the singular values above a cutoff (the others are
  treated as exact zeros, which is what makes the pseudoinverse of a rank-deficient matrix
  well defined and stable);
* ``||A||_F = sqrt(sum_ij a_ij²) = sqrt(sum_k s_k²)``;
* ``lstsq(A, b) = pinv(A) b``: the minimum-norm minimiser of ``||A x - b||₂``.

Sources: Golub & Van Loan, *Matrix Computations*, ch. 5; Penrose (1955), "A generalized
inverse for matrices".
"""

from __future__ import annotations

import numpy as np
from scipy import linalg as sla

from mlinterview.ml._validation import check_array, check_scalar

__all__ = ["frobenius_norm", "is_pseudoinverse", "lstsq", "penrose_residuals", "pinv"]


def _check_matrix(a: object, name: str) -> np.ndarray:
    arr = check_array(a, name, ensure_2d=False, min_samples=0)
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D matrix of shape (m, n), got shape {arr.shape}")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    return arr


def _cutoff(s: np.ndarray, shape: tuple[int, int], rcond: float | None) -> float:
    """Singular values at or below this are treated as zero.

    The default ``max(m, n) * eps * s_max`` is the size of the rounding error of an SVD
    in floating point (the convention of LAPACK, ``scipy.linalg.pinv`` and
    ``numpy.linalg.lstsq``): anything smaller is indistinguishable from noise.
    """
    if s.size == 0:
        return 0.0
    if rcond is None:
        rcond = max(shape) * np.finfo(s.dtype).eps
    else:
        check_scalar(rcond, "rcond", lo=0.0)
    return float(rcond) * float(s[0])


def pinv(a: object, rcond: float | None = None) -> np.ndarray:
    """Moore-Penrose pseudoinverse of a matrix ``a`` of shape ``(m, n)``, via the SVD.

    Returns the ``(n, m)`` matrix ``V diag(1/s_k) Uᵀ`` where the sum runs over singular
    values ``s_k > rcond * s_max``. For an invertible square matrix it equals the inverse.

    Parameters
    ----------
    a : array-like of shape (m, n)
    rcond : float >= 0 or None
        Relative cutoff for small singular values; ``None`` means ``max(m, n) * eps``.
    """
    a = _check_matrix(a, "a")
    m, n = a.shape
    if a.size == 0:
        return np.zeros((n, m), dtype=a.dtype)
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    keep = s > _cutoff(s, a.shape, rcond)
    # Inverting only the kept singular values is what a "generalised" inverse means:
    # directions A sends to (numerically) zero are sent back to zero, not to infinity.
    return (vt[keep].T / s[keep]) @ u[:, keep].T


def frobenius_norm(a: object) -> float:
    """``||A||_F = sqrt(sum_ij a_ij²)`` of a matrix of shape ``(m, n)`` (or any array).

    It equals the Euclidean norm of the flattened matrix and ``sqrt(sum_k s_k²)`` over its
    singular values. The array is scaled by its largest magnitude first so that squaring
    entries near 1e200 does not overflow.
    """
    arr = check_array(a, "a", ensure_2d=False, min_samples=0)
    if arr.size == 0:
        return 0.0
    scale = float(np.max(np.abs(arr)))
    if scale == 0.0 or not np.isfinite(scale):
        return scale
    scaled = arr / scale
    return scale * float(np.sqrt(np.sum(scaled * scaled)))


def lstsq(a: object, b: object, rcond: float | None = None):
    """Minimum-norm least-squares solution of ``a x ≈ b``, via the SVD.

    For tall ``a`` (``m >= 2n``) the SVD is that of ``R`` from ``a = QR`` (same singular
    values and right vectors, about half the work). Float32 input stays float32 and small
    singular values are cut relative to float32's eps (NumPy computes in float64).

    Parameters
    ----------
    a : array-like of shape (m, n)
    b : array-like of shape (m,) or (m, k)
    rcond : float or None, the cutoff of :func:`pinv`.

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)
        ``V diag(1/s) Uᵀ b``: among all minimisers of ``||a x - b||₂`` the one of least norm.
    residuals : ndarray of shape (k,) or (1,) or (0,)
        Squared residual norms per column, returned (as NumPy does) only when ``a`` has full
        column rank and ``m > n``; empty otherwise.
    rank : int
        Number of singular values above the cutoff.
    s : ndarray of shape (min(m, n),)
        Singular values of ``a``, largest first.
    """
    a = _check_matrix(a, "a")
    b_arr = check_array(b, "b", ensure_2d=False, min_samples=0)
    if b_arr.ndim not in (1, 2):
        raise ValueError(f"b: expected shape (m,) or (m, k), got shape {b_arr.shape}")
    if b_arr.shape[0] != a.shape[0]:
        raise ValueError(f"b: expected {a.shape[0]} rows to match a of shape {a.shape}, "
                         f"got {b_arr.shape[0]}")
    b2 = b_arr.reshape(a.shape[0], -1).astype(np.result_type(a, b_arr, np.float64))
    m, n = a.shape
    if m >= 2 * n and n > 0:
        # Tall A: factor A = Q R first (Householder, Q never formed; Qᵀb comes out of the
        # same pass), then take the SVD of the small n × n R = U_r S Vᵀ. A and R share
        # singular values and right vectors, and U = Q U_r, so Uᵀb = U_rᵀ (Qᵀb). Costs
        # about half of a full thin SVD of A, with the same backward stability.
        qtb, r = sla.qr_multiply(a, b2.T, mode="right")
        u, s, vt = np.linalg.svd(r, full_matrices=False)
        utb = u.T @ qtb.T
    else:
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        utb = u.T @ b2
    keep = s > _cutoff(s, a.shape, rcond)
    rank = int(keep.sum())
    x = vt[keep].T @ (utb[keep] / s[keep, None])
    if rank == n and m > n:
        r = a @ x - b2
        residuals = np.sum(r * r, axis=0)
    else:
        residuals = np.empty(0)
    if b_arr.ndim == 1:
        x = x[:, 0]
    return x, residuals, rank, s


def penrose_residuals(a: object, g: object) -> dict[str, float]:
    """How far ``g`` is from satisfying each of the four Penrose conditions for ``a``.

    ``g`` (shape ``(n, m)``) is the pseudoinverse of ``a`` (shape ``(m, n)``) if and only if
    all four hold; the pseudoinverse is the unique matrix that satisfies them:

    1. ``A G A = A``        (G acts as an inverse on the range of A)
    2. ``G A G = G``        (G has no more rank than it needs)
    3. ``(A G)ᵀ = A G``     (A G is the orthogonal projector onto col(A))
    4. ``(G A)ᵀ = G A``     (G A is the orthogonal projector onto row(A))

    Returns the Frobenius norm of each left-minus-right side divided by the norm of the
    right side (or 1 if that is 0), keyed ``"AGA=A"``, ``"GAG=G"``, ``"(AG)^T=AG"``,
    ``"(GA)^T=GA"``.
    """
    a = _check_matrix(a, "a")
    g = _check_matrix(g, "g")
    if g.shape != a.shape[::-1]:
        raise ValueError(f"g: expected shape {a.shape[::-1]} (the transpose of a's), "
                         f"got {g.shape}")
    ag, ga = a @ g, g @ a

    def rel(lhs: np.ndarray, rhs: np.ndarray) -> float:
        return frobenius_norm(lhs - rhs) / (frobenius_norm(rhs) or 1.0)

    return {
        "AGA=A": rel(ag @ a, a),
        "GAG=G": rel(ga @ g, g),
        "(AG)^T=AG": rel(ag.T, ag),
        "(GA)^T=GA": rel(ga.T, ga),
    }


def is_pseudoinverse(a: object, g: object, tol: float = 1e-8) -> bool:
    """True when every Penrose residual of ``g`` for ``a`` is at most ``tol``."""
    check_scalar(tol, "tol", lo=0.0)
    return all(r <= tol for r in penrose_residuals(a, g).values())
