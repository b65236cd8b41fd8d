"""Demo for pseudoinverse-frobenius: the pseudoinverse of square, rectangular, rank-deficient
and zero matrices, checked against the four Penrose conditions.

Each matrix is built with a chosen shape and rank (``U diag(s) Vᵀ`` from random orthogonal
factors), so its singular values, rank and Frobenius norm are known in advance.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.linalg import frobenius_norm, penrose_residuals, pinv


def matrix_with_spectrum(shape: tuple[int, int], singular_values, rng) -> np.ndarray:
    """An ``(m, n)`` matrix with the given singular values (zeros pad the rest)."""
    m, n = shape
    u, _ = np.linalg.qr(rng.normal(size=(m, m)))
    v, _ = np.linalg.qr(rng.normal(size=(n, n)))
    s = np.zeros(min(m, n))
    s[: len(singular_values)] = singular_values
    return (u[:, : len(s)] * s) @ v[:, : len(s)].T


def cases(rng) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Named matrices with their singular values: ``name -> (A, s)``."""
    spectra = {
        "square, invertible": ((4, 4), [4.0, 3.0, 2.0, 1.0]),
        "square, rank 2 (det = 0)": ((4, 4), [4.0, 3.0]),
        "tall 6x3, full column rank": ((6, 3), [3.0, 2.0, 0.5]),
        "wide 3x6, full row rank": ((3, 6), [3.0, 2.0, 0.5]),
        "tall 6x3, rank 1": ((6, 3), [2.0]),
        "zero 3x2": ((3, 2), []),
    }
    return {name: (matrix_with_spectrum(shape, s, rng), np.array(s))
            for name, (shape, s) in spectra.items()}


@demo("pseudoinverse-frobenius", title="Pseudoinverse of any matrix, and the Penrose conditions")
def penrose(
    rcond: Param(float, lo=1e-16, hi=0.5, help="Relative cutoff for small singular values.")
    = 1e-12,
    seed: int = 0,
) -> DemoResult:
    """Compute A⁺ by the SVD for six matrices, check the four Penrose conditions, and show
    which of A⁺A = I (left inverse) and AA⁺ = I (right inverse) hold."""
    rng = np.random.default_rng(seed)
    table = Table(["matrix", "shape", "rank", "||A||_F", "sqrt(sum s²)",
                   "max Penrose residual", "A⁺A = I", "AA⁺ = I"])
    shown = {}
    for name, (a, s) in cases(rng).items():
        g = pinv(a, rcond=rcond)
        m, n = a.shape
        u_s = np.linalg.svd(a, compute_uv=False)
        rank = int(np.sum(u_s > rcond * (u_s[0] if u_s.size and u_s[0] > 0 else 1.0)))
        worst = max(penrose_residuals(a, g).values())
        left = bool(np.allclose(g @ a, np.eye(n), atol=1e-10))
        right = bool(np.allclose(a @ g, np.eye(m), atol=1e-10))
        table.add(name, f"{m}x{n}", rank, round(frobenius_norm(a), 10),
                  round(float(np.sqrt(np.sum(s**2))), 10), float(f"{worst:.1e}"), left, right)
        shown[name] = u_s

    fig, ax = new_figure(width=6.4)
    for i, (name, s) in enumerate(shown.items()):
        xs = np.arange(len(s)) + i * 0.0
        inv = np.where(s > rcond * max(s.max(initial=0), 1e-300), 1 / np.maximum(s, 1e-300), 0)
        ax.plot(xs, inv, "o-", label=name)
    ax.set_xlabel("singular value index k")
    ax.set_ylabel("1/s_k kept in A⁺ (0 when s_k is cut)")
    ax.set_title("A⁺ inverts the non-zero singular values only")
    ax.legend(fontsize=7)
    summary = ("Every matrix, even the zero matrix, has a pseudoinverse, and the SVD one meets "
               "all four Penrose conditions to rounding error. It is a left inverse only with "
               "full column rank, a right inverse only with full row rank, and the true "
               "inverse only for an invertible square matrix (det ≠ 0). The Frobenius norm "
               "equals the root of the sum of squared singular values.")
    return DemoResult(figures={"singular_values": fig}, table=table, summary=summary)
