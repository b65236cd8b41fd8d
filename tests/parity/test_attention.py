"""Attention against PyTorch 2.13: ``F.scaled_dot_product_attention`` and
``nn.MultiheadAttention``.

The oracle is PyTorch with the same inputs (and, for modules, the same weights loaded
through ``load_state_dict``). Forward outputs and every gradient (query, key, value, a
float mask, each parameter) must agree within rtol 1e-9 / atol 1e-12 in float64 (the same
arithmetic in a different order: observed differences are ~1e-15) and rtol 1e-4 /
atol 1e-5 in float32 (the gradient of the scores, P ⊙ (dP - D), is a difference of
nearly equal terms: with scale 3 a float32 entry of 1e-5 carries an error of 2e-6). Finite
differences (``gradcheck``) check the backward of the fused operation on its own.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F

TOL = {np.float64: dict(rtol=1e-9, atol=1e-12), np.float32: dict(rtol=1e-4, atol=1e-5)}
DTYPES = [np.float64, np.float32]


def close(ours, theirs, dtype):
    ours = ours.data if isinstance(ours, Tensor) else ours
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else theirs
    np.testing.assert_allclose(ours, theirs, **TOL[dtype])


def _pair(array, grad=True):
    """The same values as our Tensor and as a torch tensor."""
    return (Tensor(array.copy(), requires_grad=grad),
            torch.tensor(array.copy(), requires_grad=grad))


def compare_sdpa(shapes, dtype, seed=0, mask=None, **kwargs):
    """Forward and the gradients of query, key, value (and a float mask) against torch."""
    rng = np.random.default_rng(seed)
    arrays = [rng.normal(size=s).astype(dtype) for s in shapes]
    ours, theirs = zip(*(_pair(a) for a in arrays), strict=True)
    om = tm = None
    if mask is not None:
        om, tm = _pair(mask, grad=mask.dtype != np.bool_)
    out = F.scaled_dot_product_attention(*ours, attn_mask=om, **kwargs)
    ref = TF.scaled_dot_product_attention(*theirs, attn_mask=tm, **kwargs)
    assert out.shape == tuple(ref.shape) and out.dtype == dtype
    close(out, ref, dtype)
    g = rng.normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    for a, b in zip(ours, theirs, strict=True):
        close(a.grad, b.grad, dtype)
    if mask is not None and mask.dtype != np.bool_:
        close(om.grad, tm.grad, dtype)
    return out


# -- scaled_dot_product_attention ---------------------------------------------------------
SHAPES = [
    ((2, 3, 4, 5), (2, 3, 6, 5), (2, 3, 6, 7)),  # (N, H, L, E), S = 6, Ev = 7
    ((4, 8), (4, 8), (4, 8)),                    # no batch at all, L = S
    ((2, 5, 3), (1, 7, 3), (1, 7, 2)),           # key/value broadcast over the batch
    ((1, 1, 1, 4), (1, 1, 9, 4), (1, 1, 9, 4)),  # one query
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", SHAPES)
def test_sdpa_no_mask(shapes, dtype):
    compare_sdpa(shapes, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", [SHAPES[0], ((2, 6, 5), (2, 4, 5), (2, 4, 3)),
                                    ((3, 3), (3, 3), (3, 3))])
def test_sdpa_causal_including_rectangular(shapes, dtype):
    # L != S: PyTorch aligns the causal triangle at the top-left corner (query i sees keys
    # 0..i), not at the bottom-right as a KV-cache decoder would want.
    compare_sdpa(shapes, dtype, is_causal=True)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mask_shape", [(4, 6), (2, 1, 4, 6), (2, 3, 1, 6), (1, 6)])
def test_sdpa_bool_mask_true_means_attend(mask_shape, dtype):
    mask = np.random.default_rng(1).random(mask_shape) > 0.4
    mask[..., 0] = True  # no fully masked row here (tested on its own below)
    compare_sdpa(SHAPES[0], dtype, mask=mask)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mask_shape", [(4, 6), (2, 3, 4, 6), (3, 1, 6)])
def test_sdpa_float_mask_is_added_and_gets_its_gradient(mask_shape, dtype):
    rng = np.random.default_rng(2)
    mask = rng.normal(size=mask_shape).astype(dtype)
    compare_sdpa(SHAPES[0], dtype, mask=mask)


def test_sdpa_float_mask_with_minus_infinity():
    mask = np.zeros((4, 6))
    mask[:, 3:] = -np.inf
    compare_sdpa(SHAPES[0], np.float64, mask=mask)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sdpa_fully_masked_query_gives_zeros_like_pytorch(dtype):
    mask = np.ones((4, 6), dtype=bool)
    mask[2] = False
    out = compare_sdpa(SHAPES[0], dtype, mask=mask)
    assert np.all(out.data[..., 2, :] == 0) and np.isfinite(out.data).all()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("scale", [0.1, 1.0, 3.0])
def test_sdpa_custom_scale(scale, dtype):
    compare_sdpa(SHAPES[0], dtype, scale=scale)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("hq, hkv", [(6, 2), (4, 1), (3, 3)])
def test_sdpa_grouped_query_attention(hq, hkv, dtype):
    shapes = ((2, hq, 4, 5), (2, hkv, 6, 5), (2, hkv, 6, 3))
    compare_sdpa(shapes, dtype, enable_gqa=True)
    compare_sdpa(shapes, dtype, enable_gqa=True, is_causal=True)
    mask = np.random.default_rng(3).normal(size=(2, hq, 4, 6)).astype(dtype)
    compare_sdpa(shapes, dtype, enable_gqa=True, mask=mask)


def test_sdpa_gqa_bool_mask_per_head():
    mask = np.random.default_rng(4).random((1, 6, 4, 6)) > 0.3
    mask[..., 0] = True
    compare_sdpa(((2, 6, 4, 5), (2, 3, 6, 5), (2, 3, 6, 5)), np.float64, enable_gqa=True,
                 mask=mask)


def test_sdpa_gradcheck():
    rng = np.random.default_rng(5)
    q, k, v = (Tensor(rng.normal(size=s), requires_grad=True)
               for s in ((2, 3, 2), (2, 4, 2), (2, 4, 3)))
    bias = Tensor(rng.normal(size=(3, 4)), requires_grad=True)
    gradcheck(lambda q, k, v, b: F.scaled_dot_product_attention(q, k, v, attn_mask=b),
              [q, k, v, bias])
    gradcheck(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
              [q, k, v])


def test_sdpa_gqa_gradcheck():
    rng = np.random.default_rng(6)
    q, k, v = (Tensor(rng.normal(size=s), requires_grad=True)
               for s in ((1, 4, 2, 2), (1, 2, 3, 2), (1, 2, 3, 2)))
    gradcheck(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, enable_gqa=True),
              [q, k, v])


def test_sdpa_dropout_drops_weights_and_rescales():
    rng = np.random.default_rng(7)
    q, k, v = (rng.normal(size=s) for s in ((2, 4, 3), (2, 5, 3), (2, 5, 3)))
    p = 0.25
    out = F.scaled_dot_product_attention(Tensor(q), Tensor(k), Tensor(v), dropout_p=p,
                                         generator=np.random.default_rng(11))
    # The same draw by hand: keep = U >= p, weights · keep / (1 - p), then @ v.
    keep = np.random.default_rng(11).random((2, 4, 5)) >= p
    ref = torch.softmax(torch.tensor(q) @ torch.tensor(k).transpose(-1, -2) / np.sqrt(3), -1)
    expected = (ref.numpy() * keep / (1 - p)) @ v
    np.testing.assert_allclose(out.data, expected, rtol=1e-12)
    # Same generator seed, same output; the gradient goes through the kept weights only.
    qt = Tensor(q, requires_grad=True)
    gradcheck(lambda q: F.scaled_dot_product_attention(
        q, Tensor(k), Tensor(v), dropout_p=p, generator=np.random.default_rng(11)), [qt])


def test_sdpa_dropout_is_unbiased_on_average():
    rng = np.random.default_rng(8)
    q, k, v = (Tensor(rng.normal(size=s)) for s in ((3, 4), (6, 4), (6, 2)))
    plain = F.scaled_dot_product_attention(q, k, v).data
    gen = np.random.default_rng(9)
    mean = np.mean([F.scaled_dot_product_attention(q, k, v, dropout_p=0.5, generator=gen).data
                    for _ in range(4000)], axis=0)
    # 4000 draws: the standard error of each entry is below 0.02.
    np.testing.assert_allclose(mean, plain, atol=0.06)


def test_sdpa_errors_name_the_argument():
    q = Tensor(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="key"):
        F.scaled_dot_product_attention(q, Tensor(np.zeros((2, 5, 3))), Tensor(np.zeros((2, 5, 4))))
    with pytest.raises(ValueError, match="value"):
        F.scaled_dot_product_attention(q, Tensor(np.zeros((2, 5, 4))), Tensor(np.zeros((2, 6, 4))))
    with pytest.raises(ValueError, match="attn_mask"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=np.ones((3, 3), bool), is_causal=True)
    with pytest.raises(ValueError, match="attn_mask"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=np.ones((3, 4), bool))
    with pytest.raises(TypeError, match="attn_mask"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=np.ones((3, 3), np.int64))
    with pytest.raises(TypeError, match="dtype"):
        F.scaled_dot_product_attention(q, q.to(np.float32), q)
    with pytest.raises(ValueError, match="dropout_p"):
        F.scaled_dot_product_attention(q, q, q, dropout_p=1.0)
    q4 = Tensor(np.zeros((1, 6, 3, 4)))
    kv = Tensor(np.zeros((1, 4, 3, 4)))
    with pytest.raises(ValueError, match="enable_gqa"):
        F.scaled_dot_product_attention(q4, kv, kv, enable_gqa=True)
    with pytest.raises(ValueError, match="enable_gqa"):
        F.scaled_dot_product_attention(q4, Tensor(np.zeros((1, 2, 3, 4))),
                                       Tensor(np.zeros((1, 2, 3, 4))))
