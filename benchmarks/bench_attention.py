"""Attention: ours (one fused NumPy autograd op) vs PyTorch CPU, both on one thread.

Cases, forward + backward in float32 with the same inputs on both sides:
``F.scaled_dot_product_attention`` at a few sizes (no mask, causal, a boolean padding
mask, grouped-query with 8 query heads on 2 key/value heads), and ``nn.MultiheadAttention``
self-attention with the same weights loaded through ``load_state_dict`` (the explicit
path that returns the weights, and the fused one with ``need_weights=False``). The goal
of issue 15 is a ratio of at most 2. Run: ``python benchmarks/bench_attention.py`` (or
``benchmarks/run.py attention``).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as TF
from threadpoolctl import threadpool_limits

from _harness import main
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

TITLE = "Attention forward+backward, float32, one thread"
REFERENCE = "PyTorch"

torch.set_num_threads(1)
threadpool_limits(1)  # NumPy may have been imported first: one BLAS thread for both


def _sdpa_case(name, n, h, length, e, *, hkv=None, causal=False, padding=False):
    rng = np.random.default_rng(0)
    hkv = hkv or h
    q = rng.normal(size=(n, h, length, e)).astype(np.float32)
    k = rng.normal(size=(n, hkv, length, e)).astype(np.float32)
    v = rng.normal(size=(n, hkv, length, e)).astype(np.float32)
    g = rng.normal(size=(n, h, length, e)).astype(np.float32)
    mask = None
    if padding:  # the last quarter of every second sequence is padding (True = attend)
        mask = np.ones((n, 1, 1, length), dtype=bool)
        mask[1::2, ..., 3 * length // 4:] = False
    kwargs = dict(is_causal=causal, enable_gqa=hkv != h)
    tq, tk, tv, tg = (torch.from_numpy(a) for a in (q, k, v, g))
    tmask = None if mask is None else torch.from_numpy(mask)

    def run_ours():
        qo, ko, vo = (Tensor(a, requires_grad=True) for a in (q, k, v))
        F.scaled_dot_product_attention(qo, ko, vo, attn_mask=mask, **kwargs).backward(g)

    def run_ref():
        qr, kr, vr = (a.clone().requires_grad_(True) for a in (tq, tk, tv))
        TF.scaled_dot_product_attention(qr, kr, vr, attn_mask=tmask, **kwargs).backward(tg)

    heads = f"H={h}" if hkv == h else f"Hq={h}, Hkv={hkv}"
    return name, f"N={n}, {heads}, L={length}, E={e}", run_ours, run_ref


def _mha_case(need_weights):
    n, length, d, h = 8, 128, 256, 8
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, length, d)).astype(np.float32)
    g = rng.normal(size=(n, length, d)).astype(np.float32)
    ref = torch.nn.MultiheadAttention(d, h, batch_first=True)
    ours = nn.MultiheadAttention(d, h, batch_first=True)
    ours.load_state_dict(ref.state_dict())
    xt, gt = torch.from_numpy(x), torch.from_numpy(g)

    def run_ours():
        xo = Tensor(x, requires_grad=True)
        ours(xo, xo, xo, need_weights=need_weights)[0].backward(g)

    def run_ref():
        xr = xt.clone().requires_grad_(True)
        ref(xr, xr, xr, need_weights=need_weights)[0].backward(gt)

    label = "MultiheadAttention" + (" (weights)" if need_weights else ", need_weights=False")
    return label, f"N={n}, L={length}, E={d}, h={h}", run_ours, run_ref


def cases():
    yield _sdpa_case("sdpa", 4, 8, 128, 64)
    yield _sdpa_case("sdpa", 2, 8, 512, 64)
    yield _sdpa_case("sdpa causal", 2, 8, 512, 64, causal=True)
    yield _sdpa_case("sdpa padding mask", 4, 8, 256, 64, padding=True)
    yield _sdpa_case("sdpa grouped-query", 2, 8, 512, 64, hkv=2)
    yield _mha_case(need_weights=True)
    yield _mha_case(need_weights=False)


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
