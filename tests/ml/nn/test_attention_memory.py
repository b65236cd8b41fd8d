"""Efficient attention beyond parity: the memory the kernels allocate, and the KV-cache size.

Memory is measured with tracemalloc, which sees NumPy's array allocations: a deterministic
count of bytes, not a timing. The naive kernel must allocate at least the (L, S) score
matrix; the tiled one far less, and growing linearly with the length.
"""

import tracemalloc

import numpy as np
import pytest

from mlinterview.ml.nn.efficient_attention import (
    kv_cache_bytes,
    naive_attention,
    tiled_attention_forward,
)


def peak_bytes(fn, *args, **kwargs) -> int:
    tracemalloc.start()
    try:
        fn(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _qkv(n, d=16):
    rng = np.random.default_rng(0)
    return [rng.normal(size=(n, d)) for _ in range(3)]


def test_naive_holds_the_score_matrix_and_tiled_does_not():
    for n in (512, 1024):
        q, k, v = _qkv(n)
        naive = peak_bytes(naive_attention, q, k, v)
        tiled = peak_bytes(tiled_attention_forward, q, k, v, block_size_q=64, block_size_k=64)
        assert naive >= n * n * 8                       # at least one float64 (n, n) matrix
        assert tiled < n * n * 8 / 4


def test_tiled_peak_grows_linearly_and_naive_quadratically():
    peaks = {}
    for n in (1024, 2048):
        q, k, v = _qkv(n)
        peaks[n] = (peak_bytes(naive_attention, q, k, v),
                    peak_bytes(tiled_attention_forward, q, k, v))
    naive_growth = peaks[2048][0] / peaks[1024][0]
    tiled_growth = peaks[2048][1] / peaks[1024][1]
    assert naive_growth > 3.5                            # ~4 for doubling n: O(n²)
    assert tiled_growth < 2.2                            # ~2 (the output and lse): O(n)


def test_kv_cache_formula():
    # Llama 2 7B: 32 layers, 32 KV heads of 128, 4096 tokens, float16: exactly 2 GiB.
    assert kv_cache_bytes(32, 32, 128, 4096) == 2 * 2**30
    # Llama 3 8B has 8 KV heads (GQA): a quarter at the same length.
    assert kv_cache_bytes(32, 8, 128, 4096) == 2**29
    # Linear in every factor; 4-bit gives a float only when it has to.
    assert kv_cache_bytes(2, 3, 4, 5, batch_size=6, bytes_per_element=4) \
        == 2 * 2 * 3 * 4 * 5 * 6 * 4
    assert kv_cache_bytes(1, 1, 1, 3, bytes_per_element=0.5) == 3
    assert isinstance(kv_cache_bytes(1, 1, 1, 3, bytes_per_element=0.5), int)
    assert kv_cache_bytes(1, 1, 1, 1, bytes_per_element=0.5) == 1.0
    assert kv_cache_bytes(1, 1, 1, 1, batch_size=1, bytes_per_element=0.25) == 0.5
    assert kv_cache_bytes(4, 2, 8, 0) == 0


@pytest.mark.parametrize("kwargs, match", [
    (dict(num_layers=-1), "num_layers"), (dict(head_dim=2.5), "head_dim"),
    (dict(bytes_per_element=0), "bytes_per_element"), (dict(seq_len=True), "seq_len"),
])
def test_kv_cache_errors(kwargs, match):
    args = dict(num_layers=1, num_kv_heads=1, head_dim=1, seq_len=1) | kwargs
    with pytest.raises(ValueError, match=match):
        kv_cache_bytes(**args)
