"""Demo for 3d-vision: structure from motion on two synthetic views, then the same small
scene drawn by NeRF-style volume rendering and by Gaussian splatting.

Part 1: points on a sphere seen by two calibrated cameras; pixel noise of several sizes is
added to the matches; the eight-point algorithm, the essential matrix, the cheirality
check and DLT triangulation reconstruct the cameras and the points (up to scale).

Part 2: three coloured 3-D Gaussian blobs of density, viewed orthographically along +z.
The radiance-field view samples the density along every ray and alpha-composites; the
splatting view projects each blob to a 2-D Gaussian, sorts them by depth and alpha-blends.
"""

from __future__ import annotations

import time

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.vision import (
    camera_matrix,
    eight_point,
    essential_from_fundamental,
    essential_to_pose,
    project,
    reprojection_error,
    splat_gaussians,
    triangulate,
    volume_render,
)

NOISE_LEVELS = (0.0, 0.25, 0.5, 1.0, 2.0)
K = np.array([[800.0, 0.0, 320.0], [0.0, 800.0, 240.0], [0.0, 0.0, 1.0]])


def rotation_y(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    return np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])


def two_view_scene(n_points: int, seed: int):
    """Points on a sphere (n, 3), the true (R, t) of camera 2 and both camera matrices."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n_points, 3))
    X = 1.5 * v / np.linalg.norm(v, axis=1, keepdims=True) + np.array([0.0, 0.0, 6.0])
    R, t = rotation_y(-12.0), np.array([1.2, 0.1, 0.2])
    return X, R, t, camera_matrix(K, np.eye(3), np.zeros(3)), camera_matrix(K, R, t)


def reconstruct(x1, x2):
    """Eight-point -> essential -> pose (cheirality) -> triangulation; unit baseline."""
    F = eight_point(x1, x2)
    R, t, _ = essential_to_pose(essential_from_fundamental(F, K), x1, x2, K)
    P1, P2 = camera_matrix(K, np.eye(3), np.zeros(3)), camera_matrix(K, R, t)
    return R, t, P1, P2, triangulate([P1, P2], [x1, x2])


def angle_deg(R_a: np.ndarray, R_b: np.ndarray) -> float:
    """Angle of the rotation R_a^T R_b, in degrees.

    From ``||R_a - R_b||_F = 2 sqrt(2) sin(theta / 2)``: accurate for tiny angles, where
    the usual ``arccos((tr - 1) / 2)`` loses half the digits.
    """
    s = np.linalg.norm(R_a - R_b) / (2 * np.sqrt(2))
    return float(np.degrees(2 * np.arcsin(min(s, 1.0))))


def direction_deg(a: np.ndarray, b: np.ndarray) -> float:
    """Angle between two vectors in degrees (stable for tiny angles)."""
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)
    return float(np.degrees(2 * np.arcsin(min(np.linalg.norm(a - b) / 2, 1.0))))


def sig(x: float) -> float:
    """Three significant digits (keeps 1e-12 errors readable in the table)."""
    return float(f"{x:.3g}")


def blobs(seed: int):
    """Three 3-D Gaussian blobs: means (3, 3), covariances (3, 3, 3), peak densities,
    colours (3, 3)."""
    rng = np.random.default_rng(seed)
    means = np.array([[-0.5, -0.3, -0.6], [0.4, -0.1, 0.0], [0.0, 0.45, 0.7]])
    means[:, :2] += rng.normal(0, 0.05, (3, 2))
    covs = []
    for s in ((0.45, 0.15, 0.3), (0.15, 0.4, 0.3), (0.3, 0.25, 0.25)):
        a = np.radians(rng.uniform(-40, 40))             # tilt in the image plane
        Rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
        covs.append(Rz @ np.diag(np.square(s)) @ Rz.T)
    peaks = np.array([6.0, 5.0, 8.0])
    colours = np.array([[0.9, 0.2, 0.2], [0.2, 0.7, 0.2], [0.2, 0.3, 0.9]])
    return means, np.array(covs), peaks, colours


def render_nerf(means, covs, peaks, colours, size: int, n_samples: int):
    """Orthographic rays along +z through [-1.5, 1.5]^2; density = sum of the blobs,
    colour at a point = density-weighted mix of the blob colours."""
    xy = np.linspace(-1.5, 1.5, size)
    z = np.linspace(-2.5, 2.5, n_samples + 1)
    zc, dz = 0.5 * (z[1:] + z[:-1]), z[1] - z[0]          # midpoints of the segments
    Y, X, Z = np.meshgrid(xy, xy, zc, indexing="ij")
    pts = np.stack([X, Y, Z], axis=-1)                     # (size, size, S, 3)
    dens = np.zeros((*pts.shape[:-1], len(means)))
    for i, (m, c, a) in enumerate(zip(means, covs, peaks, strict=True)):
        d = pts - m
        dens[..., i] = a * np.exp(-0.5 * np.sum((d @ np.linalg.inv(c)) * d, axis=-1))
    sigma = dens.sum(-1)
    colour = dens @ colours / np.maximum(sigma, 1e-12)[..., None]
    res = volume_render(sigma, dz, colour, background=np.ones(3))
    return res.color, res.opacity


def render_splats(means, covs, peaks, colours, size: int):
    """Project each blob along z (marginal xy covariance), opacity from its peak optical
    depth, sort by z and alpha-blend."""
    scale = (size - 1) / 3.0                                # world units -> pixels
    mu2 = (means[:, :2] + 1.5) * scale
    cov2 = covs[:, :2, :2] * scale**2
    # Optical depth through the blob centre: integral of a exp(-q/2) along z.
    prec_zz = np.linalg.inv(covs)[:, 2, 2]
    tau = peaks * np.sqrt(2 * np.pi / prec_zz)
    opacity = 1.0 - np.exp(-tau)
    img, alpha = splat_gaussians(mu2, cov2, colours, opacity, means[:, 2], (size, size),
                                 background=np.ones(3))
    return img, alpha


@demo("3d-vision", title="Two views triangulated back to 3-D; volume rendering vs splatting")
def two_views(
    n_points: Param(int, lo=8, hi=5000, help="Number of matched points.") = 300,
    image_size: Param(int, lo=16, hi=256, help="Side of the rendered images.") = 96,
    samples_per_ray: Param(int, lo=4, hi=512, help="Volume-rendering samples per ray.") = 128,
    seed: int = 0,
) -> DemoResult:
    """From two views with known intrinsics, the eight-point algorithm gives the fundamental
    matrix, the essential matrix gives four poses of which one puts the points in front of
    both cameras, and triangulation gives the points up to scale; errors grow with pixel
    noise while the reprojection error stays near the noise. The second figure draws the
    same blobs by sampling density along rays (NeRF) and by sorting and blending 2-D
    Gaussians (splatting).
    """
    X, R, t, P1, P2 = two_view_scene(n_points, seed)
    x1, x2 = project(P1, X), project(P2, X)
    rng = np.random.default_rng(seed + 1)
    table = Table(["pixel noise σ", "rotation error (deg)", "translation direction error (deg)",
                   "reprojection RMS (px)", "RMS with true cameras (px)",
                   "3-D error (% of depth)"])
    recon = {}
    for sigma in NOISE_LEVELS:
        n1 = x1 + rng.normal(0, sigma, x1.shape)
        n2 = x2 + rng.normal(0, sigma, x2.shape)
        R_h, t_h, Q1, Q2, X_h = reconstruct(n1, n2)
        err = np.concatenate([reprojection_error(Q1, X_h, n1), reprojection_error(Q2, X_h, n2)])
        s = float(np.sum(X_h * X) / np.sum(X_h * X_h))      # the unobservable scale
        err3d = np.linalg.norm(s * X_h - X, axis=1).mean() / X[:, 2].mean()
        # Triangulating with the true cameras isolates the triangulation's own residual.
        X_t = triangulate([P1, P2], [n1, n2])
        err_t = np.concatenate([reprojection_error(P1, X_t, n1), reprojection_error(P2, X_t, n2)])
        table.add(sigma, sig(angle_deg(R, R_h)), sig(direction_deg(t_h, t)),
                  sig(float(np.sqrt(np.mean(err**2)))), sig(float(np.sqrt(np.mean(err_t**2)))),
                  sig(100 * err3d))
        recon[sigma] = s * X_h

    fig1, axes = new_figure(ncols=3, width=3.8, height=3.6)
    axes[0].scatter(x1[:, 0], x1[:, 1], s=4, label="view 1")
    axes[0].scatter(x2[:, 0], x2[:, 1], s=4, label="view 2")
    axes[0].set_xlim(0, 640)
    axes[0].set_ylim(480, 0)
    axes[0].set_title("the two images (pixels)")
    axes[0].legend(loc="lower right", fontsize=8)
    for ax, sigma in zip(axes[1:], (0.0, 2.0), strict=True):
        ax.scatter(X[:, 0], X[:, 2], s=5, color="k", label="true")
        ax.scatter(recon[sigma][:, 0], recon[sigma][:, 2], s=5, color="#d62728", alpha=0.6,
                   label="reconstructed")
        ax.set_xlabel("x")
        ax.set_ylabel("depth z")
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_title(f"top view, noise σ = {sigma:g} px")
    axes[1].legend(loc="lower right", fontsize=8)

    means, covs, peaks, colours = blobs(seed)
    start = time.perf_counter()
    nerf_img, _ = render_nerf(means, covs, peaks, colours, image_size, samples_per_ray)
    nerf_seconds = time.perf_counter() - start
    start = time.perf_counter()
    splat_img, _ = render_splats(means, covs, peaks, colours, image_size)
    splat_seconds = time.perf_counter() - start
    diff = float(np.abs(nerf_img - splat_img).mean())

    # One ray through the middle of the image: density, transmittance and weights.
    z = np.linspace(-2.5, 2.5, samples_per_ray + 1)
    zc, dz = 0.5 * (z[1:] + z[:-1]), z[1] - z[0]
    pts = np.stack([np.zeros_like(zc), np.zeros_like(zc), zc], axis=1)
    dens = sum(a * np.exp(-0.5 * np.einsum("si,ij,sj->s", pts - m, np.linalg.inv(c), pts - m))
               for m, c, a in zip(means, covs, peaks, strict=True))
    ray = volume_render(dens, dz)

    fig2, axes = new_figure(ncols=3, width=3.6, height=3.4)
    axes[0].plot(zc, dens / dens.max(), label="density σ (scaled)")
    axes[0].plot(zc, ray.transmittance, label="transmittance T")
    axes[0].plot(zc, ray.weights / ray.weights.max(), label="weight T·α (scaled)")
    axes[0].set_xlabel("depth along the ray")
    axes[0].set_title("one ray, NeRF compositing")
    axes[0].legend(loc="upper right", fontsize=7)
    for ax, img, title in ((axes[1], nerf_img, f"volume rendering, {samples_per_ray} samples/ray"),
                           (axes[2], splat_img, "Gaussian splatting, 3 splats")):
        ax.imshow(np.clip(img, 0, 1))
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)

    rows = {r[0]: r for r in table.rows}
    summary = (
        f"Noise-free, the pose is recovered to {rows[0.0][1]:.1g}° and the points to "
        f"{rows[0.0][5]:.1g}% of their depth (rounding only). With σ = 1 px the rotation is "
        f"off by {rows[1.0][1]:.3g}°, the baseline direction by {rows[1.0][2]:.3g}°, the points "
        f"by {rows[1.0][5]:.3g}% of depth, and the reprojection RMS is {rows[1.0][3]:.3g} px, "
        f"at the noise level. With the true cameras it would be {rows[1.0][4]:.3g} px, close "
        f"to σ/√2 = {1 / np.sqrt(2):.3g} px (4 measurements, 3 unknowns per point): the gap is "
        "what bundle adjustment (refining cameras and points together) closes. "
        f"Rendering the same three blobs: "
        f"volume rendering evaluated {image_size**2 * samples_per_ray:,} density samples in "
        f"{nerf_seconds:.3f} s; splatting evaluated {3 * image_size**2:,} Gaussian terms in "
        f"{splat_seconds:.3f} s; mean absolute pixel difference {diff:.3f}. Splatting's "
        "opacity o·G falls off faster than the volume's 1 − exp(−τ·G) for dense blobs, and "
        "where blobs overlap in depth it sorts whole blobs while the volume mixes them."
    )
    return DemoResult(figures={"structure from motion": fig1, "rendering": fig2},
                      table=table, summary=summary)
