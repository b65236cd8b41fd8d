"""Seeded 2-D toy distributions for generative models (generated, nothing downloaded)."""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_random_state, check_scalar


def _n(n_samples) -> int:
    check_scalar(n_samples, "n_samples", (int, np.integer), lo=1)
    return int(n_samples)


def make_two_moons(n_samples: int = 1000, *, noise: float = 0.05,
                   random_state=None) -> np.ndarray:
    """Two interleaved half circles, shape (n_samples, 2), roughly centred and scaled to
    unit spread: an upper arc around (0, 0) and a lower one around (1, 0.5), then shifted
    by (-0.5, -0.25) and scaled by 1.5, plus isotropic Gaussian noise of std ``noise``."""
    n = _n(n_samples)
    check_scalar(noise, "noise", lo=0.0)
    rng = check_random_state(random_state)
    upper = rng.random(n) < 0.5
    angle = rng.uniform(0.0, np.pi, n)
    x = np.where(upper, np.cos(angle), 1.0 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    X = (np.column_stack([x, y]) - [0.5, 0.25]) * 1.5
    return X + rng.normal(0.0, noise, X.shape)


def ring_centers(n_modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """Centres of the ring of Gaussians, shape (n_modes, 2): angles 2πk / n_modes."""
    check_scalar(n_modes, "n_modes", (int, np.integer), lo=1)
    angle = 2 * np.pi * np.arange(n_modes) / n_modes
    return radius * np.column_stack([np.cos(angle), np.sin(angle)])


def make_ring_of_gaussians(n_samples: int = 1000, *, n_modes: int = 8, radius: float = 2.0,
                           std: float = 0.1, random_state=None) -> np.ndarray:
    """An equal mixture of ``n_modes`` isotropic Gaussians (std ``std``) on a circle of
    radius ``radius``, shape (n_samples, 2): the classic test of mode collapse."""
    n = _n(n_samples)
    check_scalar(std, "std", lo=0.0)
    rng = check_random_state(random_state)
    centers = ring_centers(n_modes, radius)
    return centers[rng.integers(0, n_modes, n)] + rng.normal(0.0, std, (n, 2))


def make_spiral(n_samples: int = 1000, *, turns: float = 1.5, noise: float = 0.05,
                random_state=None) -> np.ndarray:
    """A noisy Archimedean spiral, shape (n_samples, 2): radius grows linearly with the
    angle θ ∈ [π/2, π/2 + 2π·turns], scaled so the outer end sits at radius 2."""
    n = _n(n_samples)
    check_scalar(turns, "turns", lo=0.0, include_lo=False)
    check_scalar(noise, "noise", lo=0.0)
    rng = check_random_state(random_state)
    # sqrt makes the density along the curve roughly uniform in arc length
    theta = np.pi / 2 + 2 * np.pi * turns * np.sqrt(rng.random(n))
    r = 2.0 * theta / (np.pi / 2 + 2 * np.pi * turns)
    X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    return X + rng.normal(0.0, noise, X.shape)


# The toy sets by name, for demos and command lines.
DATASETS = {"ring": make_ring_of_gaussians, "moons": make_two_moons, "spiral": make_spiral}
