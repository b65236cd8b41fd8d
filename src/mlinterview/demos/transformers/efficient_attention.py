"""Demo for efficient attention: memory of naive vs tiled attention, measured; the online
softmax at work; and the size of a KV cache with multi-head, grouped-query and multi-query
attention.

Memory is the peak of NumPy's allocations during one call, measured with tracemalloc (the
inputs exist before the call and are not counted). Four computations of the same attention
at growing lengths N (one head, queries = keys = values length):

- naive forward (``naive_attention``): builds the N × N scores and weights;
- tiled forward (``tiled_attention_forward``, FlashAttention-2's loop): one block of scores
  at a time;
- forward + backward through the library's ``scaled_dot_product_attention``, which keeps the
  N × N weights for the backward pass;
- forward + backward through ``flash_attention``, which keeps only the output and one number
  per row (the log-sum-exp) and recomputes the blocks.

The KV-cache figure uses ``kv_cache_bytes`` with the shape of Llama 2 7B (32 layers, 32
heads of 128) in 16-bit numbers, for 32 (multi-head), 8 (grouped-query) and 1 (multi-query)
key/value heads.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.efficient_attention import (
    flash_attention,
    kv_cache_bytes,
    naive_attention,
    online_softmax,
    tiled_attention_forward,
)

DTYPES = {"float32": np.float32, "float64": np.float64}
# Llama 2 7B's attention shape, the running example of the card.
LLAMA2_7B = {"num_layers": 32, "num_heads": 32, "head_dim": 128, "params": 6.74e9}
MB = 1e6


def peak_traced_bytes(fn, *args, **kwargs) -> tuple[int, float]:
    """(peak bytes allocated through tracemalloc during ``fn(*args, **kwargs)``, seconds).

    NumPy reports its array buffers to tracemalloc, so the peak is what the computation
    needed beyond its inputs. The time is measured under tracing (slower than normal).
    """
    tracemalloc.start()
    try:
        start = time.perf_counter()
        fn(*args, **kwargs)
        seconds = time.perf_counter() - start
        return tracemalloc.get_traced_memory()[1], seconds
    finally:
        tracemalloc.stop()


def _fwd_bwd(attention, q, k, v, **kwargs):
    """One training step's worth of attention: forward, then backward of a fixed gradient."""
    qt, kt, vt = (Tensor(a, requires_grad=True) for a in (q, k, v))
    out = attention(qt, kt, vt, **kwargs)
    out.backward(np.ones_like(out.data))
    return qt.grad, kt.grad, vt.grad


def lengths_up_to(max_len: int, smallest: int = 256) -> list[int]:
    """Powers of two from ``smallest`` to ``max_len``."""
    out, n = [], smallest
    while n <= max_len:
        out.append(n)
        n *= 2
    return out


def online_softmax_trace(row: np.ndarray, block_size: int) -> tuple[np.ndarray, np.ndarray]:
    """The running maximum and running normaliser ℓ after each block of one row (the states
    of the online softmax): two arrays of shape (n_blocks,)."""
    m, ell, ms, ells = -np.inf, 0.0, [], []
    for start in range(0, len(row), block_size):
        blk = row[start:start + block_size]
        m_new = max(m, float(blk.max()))
        ell = ell * np.exp(m - m_new) + float(np.exp(blk - m_new).sum())
        m = m_new
        ms.append(m)
        ells.append(ell)
    return np.array(ms), np.array(ells)


@demo("efficient-attention", title="Efficient attention: memory of tiling, and the KV cache")
def efficient_attention(
    max_len: Param(int, lo=256, hi=4096,
                   help="Longest sequence measured (powers of two from 256).") = 2048,
    head_dim: Param(int, lo=8, hi=128, help="Head dimension.") = 32,
    block_size: Param(int, lo=16, hi=512,
                      help="Tile size of the tiled kernels (queries and keys).") = 64,
    dtype: Param(str, choices=tuple(DTYPES), help="Floating-point type.") = "float32",
    seed: int = 0,
) -> DemoResult:
    """Peak memory of naive vs tiled attention as N grows (measured), the online softmax's
    running statistics, and KV-cache sizes for MHA, GQA and MQA."""
    rng = np.random.default_rng(seed)
    dt = DTYPES[dtype]
    blocks = {"block_size_q": block_size, "block_size_k": block_size}
    table = Table(["N", "naive fwd peak (MB)", "tiled fwd peak (MB)", "sdpa fwd+bwd peak (MB)",
                   "flash fwd+bwd peak (MB)", "N × N matrix (MB)", "max |tiled - naive|",
                   "naive fwd (ms)", "tiled fwd (ms)"],
                  measured=("naive fwd peak (MB)", "tiled fwd peak (MB)",
                            "sdpa fwd+bwd peak (MB)", "flash fwd+bwd peak (MB)",
                            "naive fwd (ms)", "tiled fwd (ms)"))
    lengths = lengths_up_to(max_len)
    peaks = {name: [] for name in ("naive", "tiled", "sdpa", "flash")}
    for n in lengths:
        q, k, v = (rng.normal(size=(1, n, head_dim)).astype(dt) for _ in range(3))
        naive_peak, naive_s = peak_traced_bytes(naive_attention, q, k, v, is_causal=True)
        tiled_peak, tiled_s = peak_traced_bytes(tiled_attention_forward, q, k, v,
                                                is_causal=True, **blocks)
        sdpa_peak, _ = peak_traced_bytes(_fwd_bwd, F.scaled_dot_product_attention, q, k, v,
                                         is_causal=True)
        flash_peak, _ = peak_traced_bytes(_fwd_bwd, flash_attention, q, k, v,
                                          is_causal=True, **blocks)
        diff = np.abs(tiled_attention_forward(q, k, v, is_causal=True, **blocks)[0]
                      - naive_attention(q, k, v, is_causal=True)[0]).max()
        for name, value in zip(peaks, (naive_peak, tiled_peak, sdpa_peak, flash_peak),
                               strict=True):
            peaks[name].append(value)
        table.add(n, round(naive_peak / MB, 2), round(tiled_peak / MB, 3),
                  round(sdpa_peak / MB, 2), round(flash_peak / MB, 3),
                  round(n * n * np.dtype(dt).itemsize / MB, 2), float(f"{diff:.2g}"),
                  round(naive_s * 1e3, 1), round(tiled_s * 1e3, 1))

    # Figure 1: peak memory against N, log-log, with N and N² guides.
    fig1, ax = new_figure(width=6.0, height=4.0)
    ns = np.array(lengths, dtype=float)
    labels = {"naive": "naive forward", "tiled": "tiled forward",
              "sdpa": "SDPA forward + backward (keeps P)",
              "flash": "flash forward + backward (keeps lse)"}
    for name, style in zip(labels, ("o-", "s-", "o--", "s--"), strict=True):
        ax.loglog(ns, np.array(peaks[name]) / MB, style, label=labels[name])
    ax.loglog(ns, ns * ns * np.dtype(dt).itemsize / MB, "k:", lw=1, label="one N × N matrix")
    ax.set(xlabel="sequence length N", ylabel="peak allocation (MB)",
           title=f"Attention memory, one head of {head_dim}, {dtype}, tiles of {block_size}")
    ax.legend(fontsize=8)

    # Figure 2: the online softmax on one row of scores with a late large maximum.
    n_row = 512
    row = rng.normal(size=n_row) * 2.0
    row[n_row * 5 // 8] += 12.0                     # the maximum arrives late: a rescale
    ms, ells = online_softmax_trace(row, block_size)
    fig2, (ax_a, ax_b) = new_figure(2, width=4.6, height=3.4)
    ends = np.minimum(np.arange(1, len(ms) + 1) * block_size, n_row)
    ax_a.plot(np.arange(n_row), row, lw=0.6, color="0.6", label="scores")
    ax_a.stairs(ms, np.r_[0, ends], baseline=None, color="C3", lw=1.5,
                label="running max m (per block)")
    ax_a.set(xlabel="key index", ylabel="score", title="Online softmax: running maximum")
    ax_a.legend(fontsize=8)
    ax_b.semilogy(ends, ells, "o-", label="running ℓ = Σ exp(x - m)")
    ax_b.set(xlabel="keys seen", ylabel="ℓ", title="ℓ is rescaled by exp(m_old - m_new)")
    ax_b.legend(fontsize=8)
    streamed = online_softmax(row, block_size=block_size)
    exact = np.exp(row - row.max()) / np.exp(row - row.max()).sum()
    softmax_error = float(np.abs(streamed - exact).max())

    # Figure 3: the KV cache of one sequence against the context length.
    fig3, ax = new_figure(width=6.0, height=4.0)
    contexts = np.array([2 ** p for p in range(10, 18)])
    cfg = LLAMA2_7B
    cache = {}
    for kv_heads, name in ((32, "MHA, 32 KV heads"), (8, "GQA, 8 KV heads"),
                           (1, "MQA, 1 KV head")):
        gib = [kv_cache_bytes(cfg["num_layers"], kv_heads, cfg["head_dim"], int(c)) / 2**30
               for c in contexts]
        cache[kv_heads] = gib
        ax.loglog(contexts, gib, "o-", base=2, label=name)
    weights_gib = cfg["params"] * 2 / 2**30
    ax.axhline(weights_gib, color="k", ls="--", lw=1,
               label=f"the weights in 16 bits ({weights_gib:.1f} GiB)")
    ax.set(xlabel="context length (tokens)", ylabel="KV cache per sequence (GiB)",
           title="KV cache of Llama 2 7B's shape, 16-bit")
    ax.legend(fontsize=8)

    first, last = table.rows[0], table.rows[-1]
    cols = {c: i for i, c in enumerate(table.columns)}
    grow = len(lengths) > 1
    growth = (f"From N = {first[0]} to {last[0]} the naive forward's peak grows "
              f"{last[1] / first[1]:.0f}× (N² grows {(last[0] / first[0]) ** 2:.0f}×) and the "
              f"tiled one's {last[2] / first[2]:.1f}×; " if grow else "")
    at_4k = kv_cache_bytes(cfg["num_layers"], cfg["num_heads"], cfg["head_dim"], 4096) / 2**30
    summary = (
        f"{growth}at N = {last[0]} the naive forward allocates {last[1]:.1f} MB (one N × N "
        f"matrix is {last[cols['N × N matrix (MB)']]:.1f} MB) and the tiled forward "
        f"{last[2]:.2f} MB, for the same output (largest difference "
        f"{last[cols['max |tiled - naive|']]:.1g}). With the backward pass, the attention "
        f"that keeps P peaks at {last[3]:.1f} MB and the flash version at {last[4]:.2f} MB. "
        f"The arithmetic is the same O(N² d) in both: tiling saves memory (and, on a GPU, "
        f"memory traffic), not FLOPs. The streamed softmax of one row of {n_row} matches the "
        f"two-pass one to {softmax_error:.1g}. A KV cache of Llama 2 7B's shape holds "
        f"{at_4k:.0f} GiB per 4096-token sequence in 16 bits; 8 KV heads (GQA) make it "
        f"{at_4k / 4:.1f} GiB and one (MQA) {at_4k / 32:.3f} GiB."
    )
    return DemoResult(figures={"memory": fig1, "online-softmax": fig2, "kv-cache": fig3},
                      table=table, summary=summary)
