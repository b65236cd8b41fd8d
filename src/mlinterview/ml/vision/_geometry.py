"""Two-view geometry (structure from motion's first step) and the two rendering equations
behind radiance fields and Gaussian splatting.

Camera model: a world point ``X`` (3,) projects to pixel ``x ~ P [X; 1]`` with the
3x4 camera matrix ``P = K [R | t]``; pixel coordinates are ``(x, y) = (column, row)``.
The fundamental matrix satisfies ``x2^T F x1 = 0`` for homogeneous pixels of a
correspondence, the essential matrix ``E = K2^T F K1 = [t]_x R`` the same for normalised
coordinates ``K^{-1} x``.

Vectorised over points (batched SVDs), pixels and ray samples.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from mlinterview.ml._validation import as_array, check_finite

# Rotation by 90 degrees about z, used to split E = U diag(1,1,0) V^T into R and t.
_W = np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])


def _points(x: object, name: str, dim: int, min_points: int = 1) -> np.ndarray:
    arr = as_array(x, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected numbers, got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[1] != dim:
        raise ValueError(f"{name}: expected an array of shape (n_points, {dim}), got shape "
                         f"{arr.shape}")
    if arr.shape[0] < min_points:
        raise ValueError(f"{name}: expected at least {min_points} points, got {arr.shape[0]}")
    return check_finite(np.asarray(arr, dtype=np.float64), name)


def _mat(x: object, name: str, shape: tuple[int, int]) -> np.ndarray:
    arr = as_array(x, name)
    if arr.shape != shape:
        raise ValueError(f"{name}: expected shape {shape}, got {arr.shape}")
    return check_finite(np.asarray(arr, dtype=np.float64), name)


def to_homogeneous(x) -> np.ndarray:
    """Append a 1 to each row: (n, d) -> (n, d + 1)."""
    x = np.asarray(x, dtype=np.float64)
    return np.hstack([x, np.ones((len(x), 1))])


def normalize_points(x):
    """Hartley normalisation: centre 2-D points and scale their mean distance to sqrt(2).

    Returns ``(x_normalised (n, 2), T (3, 3))`` with ``[x_normalised; 1] = T [x; 1]``.
    Without it the eight-point design matrix mixes entries of size ~1 and ~1e6 (pixels
    squared) and the SVD loses most of its precision.
    """
    x = _points(x, "x", 2)
    centre = x.mean(axis=0)
    dist = np.linalg.norm(x - centre, axis=1).mean()
    s = np.sqrt(2.0) / dist if dist > 0 else 1.0
    T = np.array([[s, 0.0, -s * centre[0]], [0.0, s, -s * centre[1]], [0.0, 0.0, 1.0]])
    return (x - centre) * s, T


def eight_point(x1, x2) -> np.ndarray:
    """Fundamental matrix from ``n >= 8`` correspondences by the normalised eight-point
    algorithm.

    Each correspondence gives one linear equation ``x2^T F x1 = 0`` in the 9 entries of F;
    the least-squares solution is the last right singular vector of the (n, 9) system
    (in Hartley-normalised coordinates), then the smallest singular value is zeroed so F
    has rank 2 (all epipolar lines meet at the epipole).

    Parameters
    ----------
    x1, x2 : arrays of shape (n, 2)
        Pixel coordinates of the same points in view 1 and view 2.

    Returns
    -------
    F : array of shape (3, 3), ``||F||_F = 1`` and its largest-magnitude entry positive
        (F is defined up to scale and sign).
    """
    x1 = _points(x1, "x1", 2, min_points=8)
    x2 = _points(x2, "x2", 2, min_points=8)
    if len(x1) != len(x2):
        raise ValueError(f"x2: expected {len(x1)} points to match x1, got {len(x2)}")
    n1, T1 = normalize_points(x1)
    n2, T2 = normalize_points(x2)
    h1, h2 = to_homogeneous(n1), to_homogeneous(n2)
    # Row i is vec(h2_i h1_i^T), so A vec(F) = [h2_i^T F h1_i]_i.
    A = (h2[:, :, None] * h1[:, None, :]).reshape(len(x1), 9)
    F = np.linalg.svd(A)[2][-1].reshape(3, 3)
    U, s, Vt = np.linalg.svd(F)
    F = U @ np.diag([s[0], s[1], 0.0]) @ Vt
    F = T2.T @ F @ T1
    return _canonical(F)


def _canonical(M: np.ndarray) -> np.ndarray:
    """Scale to unit Frobenius norm and make the largest-magnitude entry positive."""
    M = M / np.linalg.norm(M)
    return M * np.sign(M.flat[np.argmax(np.abs(M))])


def essential_from_fundamental(F, K1, K2=None) -> np.ndarray:
    """``E = K2^T F K1`` projected onto the essential matrices (singular values 1, 1, 0).

    ``K2`` defaults to ``K1`` (one camera moved). Returns E with ``||E||_F = sqrt(2)``.
    """
    F = _mat(F, "F", (3, 3))
    K1 = _mat(K1, "K1", (3, 3))
    K2 = K1 if K2 is None else _mat(K2, "K2", (3, 3))
    U, _, Vt = np.linalg.svd(K2.T @ F @ K1)
    return U @ np.diag([1.0, 1.0, 0.0]) @ Vt


def pose_candidates(E) -> list[tuple[np.ndarray, np.ndarray]]:
    """The four ``(R, t)`` with ``E ~ [t]_x R``: ``R in {U W V^T, U W^T V^T}``,
    ``t = +-u_3`` (unit length; the scale of a translation is not observable from two
    views)."""
    E = _mat(E, "E", (3, 3))
    U, _, Vt = np.linalg.svd(E)
    # E is only defined up to sign, so flipping U or V keeps it valid; do it to make the
    # products proper rotations (det +1) rather than reflections.
    if np.linalg.det(U) < 0:
        U = -U
    if np.linalg.det(Vt) < 0:
        Vt = -Vt
    R1, R2 = U @ _W @ Vt, U @ _W.T @ Vt
    t = U[:, 2]
    return [(R1, t), (R1, -t), (R2, t), (R2, -t)]


def essential_to_pose(E, x1, x2, K1=None, K2=None):
    """Relative pose ``(R, t)`` of camera 2 (``P2 = K2 [R | t]``, ``P1 = K1 [I | 0]``).

    Of the four candidates, only one puts the triangulated points in front of both
    cameras (the cheirality check); this picks the candidate with the most such points.

    Parameters
    ----------
    E : array of shape (3, 3)
    x1, x2 : arrays of shape (n, 2)
        Pixel coordinates (or normalised coordinates when ``K1`` is None).
    K1, K2 : arrays of shape (3, 3), optional

    Returns
    -------
    R : (3, 3) rotation, t : (3,) unit translation, in_front : (n,) bool mask.
    """
    x1 = _points(x1, "x1", 2)
    x2 = _points(x2, "x2", 2)
    if len(x1) != len(x2):
        raise ValueError(f"x2: expected {len(x1)} points to match x1, got {len(x2)}")
    K1 = np.eye(3) if K1 is None else _mat(K1, "K1", (3, 3))
    K2 = K1 if K2 is None else _mat(K2, "K2", (3, 3))
    P1 = K1 @ np.hstack([np.eye(3), np.zeros((3, 1))])
    best = None
    for R, t in pose_candidates(E):
        P2 = K2 @ np.hstack([R, t[:, None]])
        X = triangulate([P1, P2], [x1, x2])
        front = (X[:, 2] > 0) & ((X @ R.T + t)[:, 2] > 0)
        if best is None or front.sum() > best[2].sum():
            best = (R, t, front)
    return best


def camera_matrix(K, R, t) -> np.ndarray:
    """``P = K [R | t]`` of shape (3, 4)."""
    K, R = _mat(K, "K", (3, 3)), _mat(R, "R", (3, 3))
    t = np.asarray(t, dtype=np.float64).reshape(3, 1)
    return K @ np.hstack([R, t])


def project(P, X) -> np.ndarray:
    """Pixels (n, 2) of world points ``X`` (n, 3) through camera ``P`` (3, 4)."""
    P = _mat(P, "P", (3, 4))
    X = _points(X, "X", 3)
    h = to_homogeneous(X) @ P.T
    return h[:, :2] / h[:, 2:]


def triangulate(cameras: Sequence, points: Sequence) -> np.ndarray:
    """Linear (DLT) triangulation of ``n`` points seen by ``v >= 2`` cameras.

    Each view contributes ``x P_3 - P_1`` and ``y P_3 - P_2`` (rows of the camera) as two
    equations ``a . X_h = 0`` in the homogeneous point; the solution is the last right
    singular vector of the stacked (2v, 4) system, one batched SVD for all points. Rows
    are scaled to unit norm first (same solution without noise, better conditioning).

    Parameters
    ----------
    cameras : sequence of v arrays of shape (3, 4)
    points : sequence of v arrays of shape (n, 2), the pixels in each view

    Returns
    -------
    X : array of shape (n, 3)
    """
    if len(cameras) != len(points) or len(cameras) < 2:
        raise ValueError(f"cameras: expected at least 2 cameras and one (n, 2) array of points "
                         f"per camera, got {len(cameras)} cameras and {len(points)} arrays")
    Ps = [_mat(P, f"cameras[{i}]", (3, 4)) for i, P in enumerate(cameras)]
    xs = [_points(x, f"points[{i}]", 2) for i, x in enumerate(points)]
    n = len(xs[0])
    for i, x in enumerate(xs):
        if len(x) != n:
            raise ValueError(f"points[{i}]: expected {n} points like points[0], got {len(x)}")
    rows = []
    for P, x in zip(Ps, xs, strict=True):
        rows.append(x[:, :1] * P[2] - P[0])
        rows.append(x[:, 1:] * P[2] - P[1])
    A = np.stack(rows, axis=1)                                # (n, 2v, 4)
    A /= np.linalg.norm(A, axis=2, keepdims=True)
    Xh = np.linalg.svd(A)[2][:, -1, :]                        # (n, 4)
    return Xh[:, :3] / Xh[:, 3:]


def reprojection_error(P, X, x) -> np.ndarray:
    """Pixel distance between observed ``x`` (n, 2) and the projection of ``X`` (n, 3)
    through ``P`` (3, 4); shape (n,). What bundle adjustment minimises (squared, summed
    over all cameras and points)."""
    x = _points(x, "x", 2)
    proj = project(P, X)
    if len(proj) != len(x):
        raise ValueError(f"x: expected {len(proj)} points to match X, got {len(x)}")
    return np.linalg.norm(proj - x, axis=1)


def sampson_distance(F, x1, x2) -> np.ndarray:
    """First-order geometric distance of each correspondence to ``x2^T F x1 = 0``; (n,)."""
    F = _mat(F, "F", (3, 3))
    h1, h2 = to_homogeneous(_points(x1, "x1", 2)), to_homogeneous(_points(x2, "x2", 2))
    Fx1, Ftx2 = h1 @ F.T, h2 @ F
    num = np.einsum("ij,ij->i", h2, Fx1) ** 2
    den = Fx1[:, 0] ** 2 + Fx1[:, 1] ** 2 + Ftx2[:, 0] ** 2 + Ftx2[:, 1] ** 2
    return np.sqrt(num / den)


# --- rendering ---------------------------------------------------------------------------


class VolumeRender(NamedTuple):
    """Result of :func:`volume_render` for rays with ``S`` samples (leading dims ``...``).

    color : (..., C) or None; weights : (..., S); transmittance : (..., S) (before each
    sample); opacity : (...,) = sum of weights = 1 - transmittance after the last sample.
    """

    color: np.ndarray | None
    weights: np.ndarray
    transmittance: np.ndarray
    opacity: np.ndarray


def volume_render(sigmas, deltas, colors=None, *, background=None) -> VolumeRender:
    """NeRF's discrete volume rendering (emission-absorption alpha compositing) along rays.

    With densities ``sigma_i >= 0`` on segments of length ``delta_i``:
    ``alpha_i = 1 - exp(-sigma_i delta_i)``, transmittance
    ``T_i = exp(-sum_{j<i} sigma_j delta_j)``, weight ``w_i = T_i alpha_i`` and colour
    ``C = sum_i w_i c_i (+ T_{S+1} background)``. The weights telescope:
    ``sum_i w_i = 1 - exp(-sum_i sigma_i delta_i)``.

    Parameters
    ----------
    sigmas : array of shape (..., S)
    deltas : array broadcastable to (..., S), positive
    colors : array of shape (..., S, C), optional
    background : array of shape (C,), optional
        Colour seen through the remaining transmittance.
    """
    sigmas = check_finite(np.asarray(as_array(sigmas, "sigmas"), dtype=np.float64), "sigmas")
    if sigmas.ndim < 1:
        raise ValueError("sigmas: expected an array of shape (..., n_samples), got a scalar")
    if (sigmas < 0).any():
        raise ValueError("sigmas: expected non-negative densities, found a negative one")
    deltas = np.asarray(as_array(deltas, "deltas"), dtype=np.float64)
    try:
        deltas = np.broadcast_to(deltas, sigmas.shape)
    except ValueError:
        raise ValueError(f"deltas: expected a shape broadcastable to sigmas' {sigmas.shape}, "
                         f"got {deltas.shape}") from None
    if not (np.isfinite(deltas).all() and (deltas > 0).all()):
        raise ValueError("deltas: expected finite positive segment lengths")
    tau = sigmas * deltas                                     # optical depth per segment
    # Exclusive cumulative sum: optical depth before each sample (stable vs a cumprod).
    before = np.cumsum(tau, axis=-1) - tau
    trans = np.exp(-before)
    alpha = -np.expm1(-tau)                                   # 1 - exp(-tau), exact for small tau
    weights = trans * alpha
    opacity = -np.expm1(-tau.sum(axis=-1))
    color = None
    if colors is not None:
        colors = np.asarray(as_array(colors, "colors"), dtype=np.float64)
        if colors.shape[:-1] != sigmas.shape:
            raise ValueError(f"colors: expected shape {(*sigmas.shape, 'C')}, got "
                             f"{colors.shape}")
        color = np.einsum("...s,...sc->...c", weights, colors)
        if background is not None:
            color = color + (1.0 - opacity)[..., None] * np.asarray(background, dtype=float)
    return VolumeRender(color, weights, trans, opacity)


def splat_gaussians(means, covariances, colors, opacities, depths, shape, *,
                    background=None, alpha_max: float = 0.99, chunk: int = 65536):
    """Rasterise 2-D Gaussians by depth-sorted alpha blending (3-D Gaussian splatting's
    image formation, after projection to the screen).

    Each Gaussian ``i`` gives pixel ``p`` the opacity
    ``alpha_i(p) = min(alpha_max, o_i exp(-(p - mu_i)^T Sigma_i^{-1} (p - mu_i) / 2))``.
    Sorted front to back by depth, the pixel colour is
    ``sum_i c_i alpha_i prod_{j<i} (1 - alpha_j) + background prod_j (1 - alpha_j)``:
    the same compositing as :func:`volume_render` with ``alpha_i`` given explicitly.

    Parameters
    ----------
    means : (N, 2) centres in pixel coordinates (x = column, y = row)
    covariances : (N, 2, 2) symmetric positive definite
    colors : (N, C)
    opacities : (N,) in [0, 1]
    depths : (N,) distance to the camera (smaller = in front)
    shape : (rows, cols) of the image
    background : (C,), default black

    Returns
    -------
    image : (rows, cols, C), alpha : (rows, cols) accumulated opacity.
    """
    means = _points(means, "means", 2, min_points=0)
    n = len(means)
    cov = np.asarray(as_array(covariances, "covariances"), dtype=np.float64)
    if cov.shape != (n, 2, 2):
        raise ValueError(f"covariances: expected shape ({n}, 2, 2), got {cov.shape}")
    colors = np.asarray(as_array(colors, "colors"), dtype=np.float64)
    if colors.ndim != 2 or len(colors) != n:
        raise ValueError(f"colors: expected shape ({n}, C), got {colors.shape}")
    opac = np.asarray(as_array(opacities, "opacities"), dtype=np.float64).reshape(-1)
    if opac.shape != (n,) or (opac < 0).any() or (opac > 1).any():
        raise ValueError(f"opacities: expected {n} values in [0, 1], got {opac.shape}")
    depth = np.asarray(as_array(depths, "depths"), dtype=np.float64).reshape(-1)
    if depth.shape != (n,):
        raise ValueError(f"depths: expected shape ({n},), got {depth.shape}")
    det = cov[:, 0, 0] * cov[:, 1, 1] - cov[:, 0, 1] * cov[:, 1, 0]
    if n and ((det <= 0).any() or (cov[:, 0, 0] <= 0).any()):
        raise ValueError("covariances: expected positive definite 2x2 matrices")
    rows, cols = int(shape[0]), int(shape[1])
    n_ch = colors.shape[1]
    bg = np.zeros(n_ch) if background is None else np.asarray(background, dtype=np.float64)

    order = np.argsort(depth, kind="stable")                 # front to back
    mu, col, o = means[order], colors[order], opac[order]
    inv = np.linalg.inv(cov[order]) if n else np.zeros((0, 2, 2))  # 2x2, closed-form anyway
    ys, xs = np.indices((rows, cols), dtype=np.float64)
    pix = np.stack([xs.ravel(), ys.ravel()], axis=1)          # (P, 2) as (x, y)
    image = np.empty((len(pix), n_ch))
    acc = np.empty(len(pix))
    for start in range(0, len(pix), chunk):                   # bounded memory: N x chunk
        p = pix[start:start + chunk]
        d = p[None, :, :] - mu[:, None, :]                    # (N, P, 2)
        q = np.einsum("npi,nij,npj->np", d, inv, d)
        alpha = np.minimum(alpha_max, o[:, None] * np.exp(-0.5 * q))
        # Transmittance before each Gaussian: exclusive cumulative product over depth.
        trans = np.cumprod(np.vstack([np.ones((1, len(p))), 1.0 - alpha]), axis=0)
        w = trans[:-1] * alpha                                # (N, P)
        image[start:start + chunk] = w.T @ col + trans[-1][:, None] * bg
        acc[start:start + chunk] = 1.0 - trans[-1]
    return image.reshape(rows, cols, n_ch), acc.reshape(rows, cols)
