"""Matrix products on the shapes convolutions produce (a few dozen rows, long rows)."""

from __future__ import annotations

import numpy as np

# OpenBLAS multiplies small matrices (M·K·N up to ~10^6 here) with a kernel that skips
# copying ("packing") its operands into aligned buffers first. With a few dozen output
# channels that copy is a large share of a convolution's product, so the product is cut
# into blocks of 128 columns (strided views, no copies): the benchmark's forward product
# (32 x 144) @ (144 x 1024) per sample went from 5.2 to 3.0 ms.
_SMALL_GEMM = 10**6


def _matmul_columns(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    """out = a @ b for a (..., M, K), b (..., K, L), out (..., M, L), in column blocks
    small enough for OpenBLAS's small-matrix kernel."""
    m, k = a.shape[-2:]
    n = b.shape[-1]
    block = 128 if m * k * 128 <= _SMALL_GEMM else 64
    blocks = n // block
    if m * k * n <= _SMALL_GEMM or blocks < 2:
        np.matmul(a, b, out=out)
        return
    main = blocks * block
    # (..., K, L) -> (..., blocks, K, block): each block is a strided (K, block) matrix.
    b_blocks = np.swapaxes(b[..., :main].reshape(*b.shape[:-1], blocks, block), -3, -2)
    out_blocks = np.swapaxes(out[..., :main].reshape(*out.shape[:-1], blocks, block), -3, -2)
    np.matmul(a[..., None, :, :], b_blocks, out=out_blocks)
    if main < n:
        np.matmul(a, b[..., main:], out=out[..., main:])
