"""Efficient attention: the tiled (FlashAttention-2-style) kernels vs naive attention that
builds the N × N matrix, both ours in NumPy, one thread, float32, one head of 64.

Two tables, at N = 512 ... 4096. Time: the tiled forward (``tiled_attention_forward``,
tiles of 128) against ``naive_attention``, without and with the causal mask, and
forward+backward (causal) through ``flash_attention`` against the library's
``scaled_dot_product_attention``, which keeps the N × N weights for backward; ratio =
tiled / naive. Peak memory: what each call allocates beyond its inputs, measured with
tracemalloc (NumPy reports its buffers to it).

The memory ratio falls like 1/N (O(N) against O(N²)). The FLOPs are the same without a
mask; with the causal mask the tiled kernel skips the tiles above the diagonal (half the
work) while the naive one computes every score and then masks. At large N the naive
kernel is also slowed by its N × N temporaries falling out of cache; a fused GPU kernel
wins for the same reason, at a larger scale (it keeps the tiles in on-chip SRAM).

Run: ``python benchmarks/run.py efficient_attention`` (it calls :func:`main`, which prints
both tables; best of 3 runs) or ``python benchmarks/bench_efficient_attention.py``.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
from threadpoolctl import threadpool_limits

from _harness import print_table, time_cases
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.efficient_attention import (
    flash_attention,
    naive_attention,
    tiled_attention_forward,
)

TITLE = "Efficient attention: tiled vs naive (ours, NumPy), float32, 1 head of 64"
REFERENCE = "naive"
LENGTHS = (512, 1024, 2048, 4096)
HEAD_DIM = 64
BLOCK = 128

threadpool_limits(1)


def _inputs(n: int):
    rng = np.random.default_rng(n)
    return [rng.normal(size=(1, n, HEAD_DIM)).astype(np.float32) for _ in range(3)]


def _fwd_bwd(attention, q, k, v, **kwargs):
    qt, kt, vt = (Tensor(a, requires_grad=True) for a in (q, k, v))
    out = attention(qt, kt, vt, is_causal=True, **kwargs)
    out.backward(np.ones_like(out.data))


def _calls(n: int):
    """(name, tiled call, naive call) for one length."""
    q, k, v = _inputs(n)
    blocks = {"block_size_q": BLOCK, "block_size_k": BLOCK}
    yield ("forward",
           lambda: tiled_attention_forward(q, k, v, **blocks),
           lambda: naive_attention(q, k, v))
    yield ("forward, causal",
           lambda: tiled_attention_forward(q, k, v, is_causal=True, **blocks),
           lambda: naive_attention(q, k, v, is_causal=True))
    yield ("fwd+bwd, causal",
           lambda: _fwd_bwd(flash_attention, q, k, v, **blocks),
           lambda: _fwd_bwd(F.scaled_dot_product_attention, q, k, v))


def timing_cases():
    """(case, size, tiled, naive) rows for the harness. Not named ``cases``: run.py then
    calls :func:`main`, which also prints the memory table."""
    for n in LENGTHS:
        for name, tiled, naive in _calls(n):
            yield f"{name}: tiled / naive", f"N={n}", tiled, naive


def peak_bytes(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory_table() -> None:
    """Peak allocation of each call, tiled and naive, and their ratio."""
    mb = 1 / 2**20
    print(f"\nPeak memory (tracemalloc), float32, 1 head of {HEAD_DIM}, tiles of {BLOCK}")
    print(f"{'case':<18}{'N':>6}{'tiled':>12}{'naive':>12}{'tiled/naive':>13}"
          f"{'N×N matrix':>13}")
    for n in LENGTHS:
        for name, tiled, naive in _calls(n):
            t, r = peak_bytes(tiled), peak_bytes(naive)
            print(f"{name:<18}{n:>6}{t * mb:>9.2f} MB{r * mb:>9.1f} MB{t / r:>13.4f}"
                  f"{n * n * 4 * mb:>10.1f} MB")


def main(repeats: int = 3) -> None:
    print_table(TITLE, REFERENCE, time_cases(timing_cases(), repeats))
    memory_table()


if __name__ == "__main__":
    main()
