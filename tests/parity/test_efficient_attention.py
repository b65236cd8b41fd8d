"""Efficient attention against PyTorch 2.13 and against the naive computation.

- ``online_softmax`` vs ``torch.softmax`` (any axis, any block size, extreme logits, -inf).
- The tiled (FlashAttention-2-style) forward vs our naive attention, which builds the whole
  score matrix (within 1e-6 in float32 and 1e-12 in float64), and both vs
  ``torch.nn.functional.scaled_dot_product_attention``; the log-sum-exp vs
  ``torch.logsumexp`` of the scaled scores.
- The tiled backward (through :func:`flash_attention`, our autograd) vs PyTorch's gradients
  of query, key and value, with causal masks, rectangular L != S, block sizes that do not
  divide the lengths, broadcast batches; finite differences (gradcheck) in float64.
- Grouped-query and multi-query attention: ``flash_attention(..., enable_gqa=True)`` and
  the :class:`GroupedQueryAttention` layer (weights loaded from ours into a torch module
  through ``load_state_dict``) vs ``scaled_dot_product_attention(..., enable_gqa=True)``,
  forward and every gradient; ``repeat_kv`` vs ``torch.repeat_interleave``.

Tolerances: float64 rtol 1e-9 / atol 1e-12 (same arithmetic, another order: observed
~1e-15); float32 rtol 1e-4 / atol 1e-5 for gradients (dS = P ⊙ (dP - D) subtracts nearly
equal numbers) and 1e-6 absolute for the forward against the naive result.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.efficient_attention import (
    flash_attention,
    naive_attention,
    online_softmax,
    repeat_kv,
    tiled_attention_backward,
    tiled_attention_forward,
)

TOL = {np.float64: dict(rtol=1e-9, atol=1e-12), np.float32: dict(rtol=1e-4, atol=1e-5)}
DTYPES = [np.float64, np.float32]


def close(ours, theirs, dtype):
    ours = ours.data if isinstance(ours, Tensor) else ours
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else theirs
    np.testing.assert_allclose(ours, theirs, **TOL[dtype])


# -- online softmax --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, dim, block", [((4, 100), -1, 7), ((4, 100), -1, 1),
                                               ((4, 100), -1, 1000), ((3, 50, 6), 1, 16),
                                               ((9,), 0, 4), ((2, 3, 5), 0, 2)])
def test_online_softmax_matches_torch(shape, dim, block, dtype):
    x = (np.random.default_rng(0).normal(size=shape) * 5).astype(dtype)
    ours = online_softmax(x, dim=dim, block_size=block)
    assert ours.dtype == dtype and ours.shape == shape
    ref = torch.softmax(torch.tensor(x), dim=dim)
    np.testing.assert_allclose(ours, ref.numpy(), rtol=1e-12 if dtype == np.float64 else 1e-5,
                               atol=1e-15 if dtype == np.float64 else 1e-7)


def test_online_softmax_extreme_logits_and_masks():
    # Logits far beyond exp's range in both directions, the maximum in the last block
    # (every earlier sum must be rescaled), -inf entries, and a fully masked row (NaN in
    # PyTorch too).
    x = np.array([[-1000.0, -990.0, -1e4, 500.0, 800.0, 1000.0],
                  [3.0, -np.inf, 1.0, -np.inf, 2.0, -np.inf],
                  [-np.inf] * 6,
                  [-np.inf, -np.inf, -np.inf, -np.inf, 0.0, 1.0]], dtype=np.float32)
    ours = online_softmax(x, block_size=2)
    ref = torch.softmax(torch.tensor(x), dim=-1).numpy()
    np.testing.assert_allclose(ours, ref, rtol=1e-6, atol=1e-30)
    assert np.isnan(ours[2]).all() and np.isnan(ref[2]).all()
    np.testing.assert_allclose(ours[3, 4:], ref[3, 4:], rtol=1e-6)


def test_online_softmax_errors():
    with pytest.raises(ValueError, match="block_size"):
        online_softmax(np.zeros(3), block_size=0)
    with pytest.raises(TypeError, match="floating"):
        online_softmax(np.arange(3))


# -- tiled forward ---------------------------------------------------------------------------
SHAPES = [
    ((2, 3, 37, 16), (2, 3, 37, 16), (2, 3, 37, 8)),   # L = S, blocks do not divide 37
    ((2, 20, 8), (2, 50, 8), (2, 50, 5)),              # L < S
    ((1, 2, 50, 4), (1, 2, 20, 4), (1, 2, 20, 4)),     # L > S
    ((3, 1, 12, 6), (1, 2, 12, 6), (1, 2, 12, 6)),     # batch dimensions broadcast
    ((1, 1, 6), (1, 1, 6), (1, 1, 6)),                 # a single position
]


def _arrays(shapes, dtype, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s).astype(dtype) for s in shapes]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize("shapes", SHAPES)
@pytest.mark.parametrize("blocks", [(8, 16), (1, 1), (64, 64)])
def test_tiled_forward_equals_naive_and_torch(shapes, is_causal, dtype, blocks):
    q, k, v = _arrays(shapes, dtype)
    out, lse = tiled_attention_forward(q, k, v, is_causal=is_causal, block_size_q=blocks[0],
                                       block_size_k=blocks[1])
    naive_out, naive_lse = naive_attention(q, k, v, is_causal=is_causal)
    assert out.dtype == dtype and out.shape == naive_out.shape
    # The brief's bar: equal to the naive result to 1e-6.
    np.testing.assert_allclose(out, naive_out, rtol=0, atol=1e-6 if dtype == np.float32
                               else 1e-12)
    np.testing.assert_allclose(lse, naive_lse, rtol=0, atol=1e-5 if dtype == np.float32
                               else 1e-12)
    ref = TF.scaled_dot_product_attention(*(torch.tensor(a) for a in (q, k, v)),
                                          is_causal=is_causal)
    close(out, ref, dtype)
    scores = torch.tensor(q) @ torch.tensor(k).transpose(-1, -2) / np.sqrt(q.shape[-1])
    if is_causal:
        scores = scores.masked_fill(~torch.ones(q.shape[-2], k.shape[-2]).tril().bool(),
                                    -torch.inf)
    close(lse, torch.logsumexp(scores, dim=-1), dtype)


@pytest.mark.parametrize("scale", [0.1, 2.0])
def test_tiled_forward_custom_scale(scale):
    q, k, v = _arrays(SHAPES[0], np.float64, seed=1)
    out, _ = tiled_attention_forward(q, k, v, scale=scale, block_size_q=5, block_size_k=9)
    ref = TF.scaled_dot_product_attention(*(torch.tensor(a) for a in (q, k, v)), scale=scale)
    close(out, ref, np.float64)


def test_tiled_forward_large_logits_do_not_overflow():
    # Scores of order 1e3 in float32: exp would overflow without the running max.
    q, k, v = _arrays(SHAPES[1], np.float32, seed=2)
    out, _ = tiled_attention_forward(q * 40, k * 40, v, block_size_q=4, block_size_k=8)
    ref = TF.scaled_dot_product_attention(*(torch.tensor(a) for a in (q * 40, k * 40, v)))
    assert np.isfinite(out).all()
    close(out, ref, np.float32)


# -- backward --------------------------------------------------------------------------------
def compare_flash(shapes, dtype, seed=0, **kwargs):
    """Forward and the gradients of query, key and value against torch's SDPA."""
    arrays = _arrays(shapes, dtype, seed)
    ours = [Tensor(a.copy(), requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a.copy(), requires_grad=True) for a in arrays]
    blocks = {k: kwargs.pop(k) for k in ("block_size_q", "block_size_k") if k in kwargs}
    out = flash_attention(*ours, **kwargs, **blocks)
    ref = TF.scaled_dot_product_attention(*theirs, **kwargs)
    assert out.shape == tuple(ref.shape) and out.dtype == dtype
    close(out, ref, dtype)
    g = np.random.default_rng(seed + 100).normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    for a, b in zip(ours, theirs, strict=True):
        assert a.grad.shape == a.shape
        close(a.grad, b.grad, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize("shapes", SHAPES)
def test_flash_attention_gradients_match_torch(shapes, is_causal, dtype):
    compare_flash(shapes, dtype, is_causal=is_causal, block_size_q=8, block_size_k=16)


@pytest.mark.parametrize("blocks", [(1, 1), (3, 5), (100, 100)])
def test_flash_attention_gradients_do_not_depend_on_the_tiles(blocks):
    compare_flash(SHAPES[0], np.float64, is_causal=True, block_size_q=blocks[0],
                  block_size_k=blocks[1])


def test_tiled_backward_equals_the_naive_gradient_formula():
    # dV = Pᵀ dO, dS = P ⊙ (dO Vᵀ - rowsum(dO ⊙ O)), dQ = dS K s, dK = dSᵀ Q s, written
    # here with the whole P.
    q, k, v = _arrays(((2, 9, 4), (2, 11, 4), (2, 11, 3)), np.float64, seed=3)
    s = 1 / np.sqrt(4)
    scores = q @ np.swapaxes(k, -1, -2) * s
    p = np.exp(scores - scores.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    o = p @ v
    do = np.random.default_rng(4).normal(size=o.shape)
    ds = p * (do @ np.swapaxes(v, -1, -2) - (do * o).sum(-1, keepdims=True))
    out, lse = tiled_attention_forward(q, k, v, block_size_q=4, block_size_k=4)
    dq, dk, dv = tiled_attention_backward(do, q, k, v, out, lse, block_size_q=4,
                                          block_size_k=4)
    np.testing.assert_allclose(dv, np.swapaxes(p, -1, -2) @ do, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dq, ds @ k * s, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dk, np.swapaxes(ds, -1, -2) @ q * s, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize("enable_gqa", [False, True])
def test_flash_attention_gradcheck(is_causal, enable_gqa):
    rng = np.random.default_rng(5)
    hkv = 1 if enable_gqa else 2
    q = Tensor(rng.normal(size=(2, 4, 3)), requires_grad=True)
    k = Tensor(rng.normal(size=(hkv, 5, 3)), requires_grad=True)
    v = Tensor(rng.normal(size=(hkv, 5, 2)), requires_grad=True)
    assert gradcheck(lambda a, b, c: flash_attention(
        a, b, c, is_causal=is_causal, enable_gqa=enable_gqa, block_size_q=3, block_size_k=2),
        [q, k, v])


# -- grouped-query and multi-query attention ---------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize("hq, hkv", [(8, 2), (6, 3), (4, 1), (4, 4)])
def test_flash_gqa_matches_torch_enable_gqa(hq, hkv, is_causal, dtype):
    shapes = ((2, hq, 13, 8), (2, hkv, 17, 8), (2, hkv, 17, 5))
    compare_flash(shapes, dtype, is_causal=is_causal, enable_gqa=True, block_size_q=4,
                  block_size_k=6)


def test_naive_gqa_matches_torch():
    q, k, v = _arrays(((1, 6, 5, 4), (1, 2, 7, 4), (1, 2, 7, 4)), np.float64, seed=6)
    out, _ = naive_attention(q, k, v, enable_gqa=True, is_causal=True)
    ref = TF.scaled_dot_product_attention(*(torch.tensor(a) for a in (q, k, v)),
                                          enable_gqa=True, is_causal=True)
    close(out, ref, np.float64)


@pytest.mark.parametrize("n_rep", [1, 3])
def test_repeat_kv_matches_repeat_interleave(n_rep):
    x = np.random.default_rng(7).normal(size=(2, 2, 5, 3))
    ours, theirs = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out = repeat_kv(ours, n_rep)
    ref = torch.repeat_interleave(theirs, n_rep, dim=-3)
    close(out, ref, np.float64)
    g = np.random.default_rng(8).normal(size=ref.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(ours.grad, theirs.grad, np.float64)


class TorchGQA(torch.nn.Module):
    """The reference layer, written here in torch with the same parameter names."""

    def __init__(self, e, h, hkv, bias, dtype, rope_base=None):
        super().__init__()
        self.h, self.hkv, self.d, self.rope_base = h, hkv, e // h, rope_base
        self.q_proj = torch.nn.Linear(e, e, bias=bias, dtype=dtype)
        self.k_proj = torch.nn.Linear(e, hkv * self.d, bias=bias, dtype=dtype)
        self.v_proj = torch.nn.Linear(e, hkv * self.d, bias=bias, dtype=dtype)
        self.o_proj = torch.nn.Linear(e, e, bias=bias, dtype=dtype)

    def _rope(self, x):
        d = self.d
        freqs = 1.0 / self.rope_base ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
        angles = torch.arange(x.shape[-2], dtype=torch.float64)[:, None] * freqs
        emb = torch.cat([angles, angles], dim=-1)
        rotated = torch.cat([-x[..., d // 2:], x[..., : d // 2]], dim=-1)
        return x * emb.cos().to(x.dtype) + rotated * emb.sin().to(x.dtype)

    def forward(self, x, is_causal):
        b, n, e = x.shape
        q = self.q_proj(x).view(b, n, self.h, self.d).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.hkv, self.d).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.hkv, self.d).transpose(1, 2)
        if self.rope_base is not None:
            q, k = self._rope(q), self._rope(k)
        o = TF.scaled_dot_product_attention(q, k, v, is_causal=is_causal,
                                            enable_gqa=self.h != self.hkv)
        return self.o_proj(o.transpose(1, 2).reshape(b, n, e))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("h, hkv, bias, is_causal, rope", [
    (4, 2, False, True, None),        # GQA, Llama-style: no biases, causal
    (4, 1, True, False, None),        # MQA
    (4, 4, True, True, None),         # plain multi-head attention
    (6, 2, False, True, 10000.0),     # GQA with RoPE on q and k
])
def test_grouped_query_attention_layer_matches_torch(h, hkv, bias, is_causal, rope, dtype):
    e = 24
    rng = np.random.default_rng(9)
    ours = nn.GroupedQueryAttention(e, h, hkv, bias=bias, rope_base=rope, dtype=dtype,
                                    generator=rng)
    ref = TorchGQA(e, h, hkv, bias, torch.float64 if dtype == np.float64 else torch.float32,
                   rope_base=rope)
    ref.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
    x = rng.normal(size=(2, 7, e)).astype(dtype)
    xo, xt = Tensor(x.copy(), requires_grad=True), torch.tensor(x.copy(), requires_grad=True)
    out = ours(xo, is_causal=is_causal)
    expected = ref(xt, is_causal)
    close(out, expected, dtype)
    g = rng.normal(size=out.shape).astype(dtype)
    out.backward(g)
    expected.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    theirs = dict(ref.named_parameters())
    for name, p in ours.named_parameters():
        close(p.grad, theirs[name].grad, dtype)


def test_grouped_query_attention_cache_size_and_errors():
    layer = nn.GroupedQueryAttention(64, 8, 2)
    # 2 (K and V) × 2 KV heads × head_dim 8 × 100 tokens × 3 sequences × 4 bytes (float32).
    assert layer.kv_cache_bytes(100, 3) == 2 * 2 * 8 * 100 * 3 * 4
    mha = nn.GroupedQueryAttention(64, 8)
    assert mha.kv_cache_bytes(100, 3) == 4 * layer.kv_cache_bytes(100, 3)
    with pytest.raises(ValueError, match="num_kv_heads"):
        nn.GroupedQueryAttention(64, 8, 3)
    with pytest.raises(ValueError, match="num_heads"):
        nn.GroupedQueryAttention(64, 5)
    with pytest.raises(ValueError, match="query"):
        layer(Tensor(np.zeros((2, 64), np.float32)))


def test_flash_attention_input_errors():
    q = Tensor(np.zeros((2, 4, 3)))
    with pytest.raises(ValueError, match="multiple"):
        flash_attention(Tensor(np.zeros((3, 4, 3))), q, q, enable_gqa=True)
    with pytest.raises(ValueError, match="last dimension"):
        flash_attention(q, Tensor(np.zeros((2, 4, 5))), q)
    with pytest.raises(TypeError, match="dtype"):
        flash_attention(q, q.to(np.float32), q)
    with pytest.raises(ValueError, match="block_size_k"):
        flash_attention(q, q, q, block_size_k=0)
    with pytest.raises(TypeError, match="Tensor"):
        flash_attention(q.data, q, q)


def test_functional_exports():
    assert F.flash_attention is flash_attention
