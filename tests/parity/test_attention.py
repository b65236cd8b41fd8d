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

from mlinterview.ml import nn
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


# -- nn.MultiheadAttention -----------------------------------------------------------------
E, HEADS, N, L, S = 8, 2, 3, 4, 5


def _mha_pair(dtype, seed=0, **kwargs):
    """A torch MultiheadAttention with random (not default) weights, and ours with the
    same weights loaded through load_state_dict."""
    torch.manual_seed(seed)
    theirs = torch.nn.MultiheadAttention(E, HEADS, **kwargs).to(
        torch.float64 if dtype == np.float64 else torch.float32)
    with torch.no_grad():
        for p in theirs.parameters():  # default biases are 0: make every parameter count
            p.uniform_(-0.7, 0.7)
    ours = nn.MultiheadAttention(E, HEADS, dtype=dtype, **kwargs)
    missing, unexpected = ours.load_state_dict(theirs.state_dict())
    assert not missing and not unexpected
    return ours, theirs


def compare_mha(dtype, *, kwargs=None, self_attention=False, unbatched=False, kpm=False,
                attn_mask=None, need_weights=True, average=True, seed=0, is_causal=False):
    """Output, weights and the gradients of query/key/value and of every parameter."""
    kwargs = kwargs or {}
    ours, theirs = _mha_pair(dtype, seed, **kwargs)
    rng = np.random.default_rng(seed)
    bf = kwargs.get("batch_first", False)
    s = L if self_attention else S

    def shape(n, f):
        return (n, f) if unbatched else ((N, n, f) if bf else (n, N, f))

    arrays = [rng.normal(size=shape(L, E)), rng.normal(size=shape(s, kwargs.get("kdim", E))),
              rng.normal(size=shape(s, kwargs.get("vdim", E)))]
    arrays = [a.astype(dtype) for a in arrays]
    if self_attention:
        oq, tq = _pair(arrays[0])
        ours_in, theirs_in = (oq, oq, oq), (tq, tq, tq)
    else:
        ours_in, theirs_in = zip(*(_pair(a) for a in arrays), strict=True)
    masks_o, masks_t = {}, {}
    if kpm:
        m = rng.random((s,) if unbatched else (N, s)) > 0.6
        m[..., 0] = False  # every query keeps one key
        if attn_mask is not None and attn_mask.dtype != np.bool_:
            # PyTorch warns when the two masks differ in kind: a float padding mask here.
            m = np.where(m, -np.inf, 0.0).astype(attn_mask.dtype)
        masks_o["key_padding_mask"], masks_t["key_padding_mask"] = m, torch.tensor(m)
    if attn_mask is not None:
        masks_o["attn_mask"], masks_t["attn_mask"] = attn_mask, torch.tensor(attn_mask)
    out, w = ours(*ours_in, need_weights=need_weights, average_attn_weights=average,
                  is_causal=is_causal, **masks_o)
    ref, rw = theirs(*theirs_in, need_weights=need_weights, average_attn_weights=average,
                     is_causal=is_causal, **masks_t)
    assert out.shape == tuple(ref.shape)
    close(out, ref, dtype)
    # A loss that uses both outputs, so the weights' gradient path is checked too.
    g = rng.normal(size=ref.shape).astype(dtype)
    loss_o, loss_t = (out * Tensor(g)).sum(), (ref * torch.tensor(g)).sum()
    if need_weights:
        assert w.shape == tuple(rw.shape)
        close(w, rw, dtype)
        gw = rng.normal(size=rw.shape).astype(dtype)
        loss_o = loss_o + (w * Tensor(gw)).sum()
        loss_t = loss_t + (rw * torch.tensor(gw)).sum()
    else:
        assert w is None and rw is None
    loss_o.backward()
    loss_t.backward()
    for a, b in zip(ours_in[:1] if self_attention else ours_in,
                    theirs_in[:1] if self_attention else theirs_in, strict=True):
        close(a.grad, b.grad, dtype)
    names = [n for n, _ in ours.named_parameters()]
    assert names == [n for n, _ in theirs.named_parameters()]
    for (name, p), (_, tp) in zip(ours.named_parameters(), theirs.named_parameters(),
                                  strict=True):
        assert p.grad is not None, name
        close(p.grad, tp.grad, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("need_weights, average", [(True, True), (True, False), (False, True)])
def test_mha_layouts_and_weights(batch_first, need_weights, average, dtype):
    compare_mha(dtype, kwargs=dict(batch_first=batch_first), need_weights=need_weights,
                average=average)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("need_weights", [True, False])
def test_mha_key_padding_mask(need_weights, dtype):
    compare_mha(dtype, kpm=True, need_weights=need_weights)


@pytest.mark.parametrize("need_weights", [True, False])
def test_mha_causal_mask_with_self_attention(need_weights):
    causal = np.triu(np.ones((L, L), dtype=bool), k=1)  # True = masked out (PyTorch's MHA)
    compare_mha(np.float64, self_attention=True, attn_mask=causal, is_causal=True,
                need_weights=need_weights, kwargs=dict(batch_first=True))
    float_causal = np.where(causal, -np.inf, 0.0)
    compare_mha(np.float64, self_attention=True, attn_mask=float_causal, kpm=True,
                need_weights=need_weights)


@pytest.mark.parametrize("dtype", DTYPES)
def test_mha_per_head_float_mask_and_padding(dtype):
    mask = np.random.default_rng(3).normal(size=(N * HEADS, L, S)).astype(dtype)
    compare_mha(dtype, attn_mask=mask, kpm=True, need_weights=False)
    compare_mha(dtype, attn_mask=mask, kpm=True, average=False)


@pytest.mark.parametrize("dtype", DTYPES)
def test_mha_separate_kdim_vdim(dtype):
    compare_mha(dtype, kwargs=dict(kdim=6, vdim=5), kpm=True)
    compare_mha(dtype, kwargs=dict(kdim=6, vdim=5, batch_first=True), need_weights=False)


@pytest.mark.parametrize("kwargs", [dict(bias=False), dict(add_bias_kv=True),
                                    dict(add_zero_attn=True),
                                    dict(add_bias_kv=True, add_zero_attn=True)])
def test_mha_options(kwargs):
    bool_mask = np.random.default_rng(4).random((L, S)) > 0.6
    bool_mask[:, 0] = False
    compare_mha(np.float64, kwargs=kwargs, kpm=True, attn_mask=bool_mask)
    compare_mha(np.float64, kwargs=kwargs, kpm=True, attn_mask=bool_mask, need_weights=False)


@pytest.mark.parametrize("need_weights", [True, False])
def test_mha_unbatched(need_weights):
    mask = np.random.default_rng(5).normal(size=(HEADS, L, S))
    compare_mha(np.float64, unbatched=True, kpm=True, attn_mask=mask,
                need_weights=need_weights, average=False)


def test_mha_self_attention_projects_once_and_matches():
    compare_mha(np.float32, self_attention=True, kwargs=dict(batch_first=True), kpm=True)


def test_mha_gradcheck_every_parameter():
    ours = nn.MultiheadAttention(4, 2, dtype=np.float64, batch_first=True,
                                 generator=np.random.default_rng(0))
    rng = np.random.default_rng(1)
    for p in ours.parameters():
        p.data[...] = rng.uniform(-0.8, 0.8, size=p.shape)
    q = Tensor(rng.normal(size=(1, 2, 4)), requires_grad=True)
    kv = Tensor(rng.normal(size=(1, 3, 4)), requires_grad=True)
    pad = np.array([[False, False, True]])
    params = list(ours.parameters())

    def f(q, kv, *_):
        out, w = ours(q, kv, kv, key_padding_mask=pad)
        return out, w

    gradcheck(f, [q, kv, *params])


def test_mha_default_init_follows_pytorch():
    ours = nn.MultiheadAttention(64, 4, generator=np.random.default_rng(0))
    bound = np.sqrt(6 / (64 + 3 * 64))  # xavier_uniform_ on the (3E, E) stacked weight
    w = ours.in_proj_weight.data
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.95 * bound
    assert np.all(ours.in_proj_bias.data == 0) and np.all(ours.out_proj.bias.data == 0)
    assert list(ours.state_dict()) == list(torch.nn.MultiheadAttention(64, 4).state_dict())


def test_mha_dropout_only_in_training():
    ours = nn.MultiheadAttention(E, HEADS, dropout=0.5, batch_first=True,
                                 generator=np.random.default_rng(0))
    x = Tensor(np.random.default_rng(1).normal(size=(2, L, E)).astype(np.float32))
    ours.eval()
    a, _ = ours(x, x, x)
    b, _ = ours(x, x, x)
    np.testing.assert_array_equal(a.data, b.data)
    ours.train()
    c, w = ours(x, x, x, average_attn_weights=False)
    assert not np.allclose(a.data, c.data)
    # Dropped weights are 0, kept ones are scaled by 1 / (1 - p) = 2.
    assert np.any(w.data == 0) and w.data.max() <= 2.0 + 1e-6


def test_mha_errors_name_the_argument():
    m = nn.MultiheadAttention(E, HEADS, batch_first=True)
    x = Tensor(np.zeros((N, L, E), dtype=np.float32))
    with pytest.raises(ValueError, match="divisible"):
        nn.MultiheadAttention(10, 3)
    with pytest.raises(ValueError, match="attn_mask"):
        m(x, x, x, is_causal=True)
    with pytest.raises(ValueError, match="attn_mask"):
        m(x, x, x, attn_mask=np.zeros((L, L + 1), dtype=bool))
    with pytest.raises(ValueError, match="key_padding_mask"):
        m(x, x, x, key_padding_mask=np.zeros((N, L + 1), dtype=bool))
    with pytest.raises(TypeError, match="key_padding_mask"):
        m(x, x, x, key_padding_mask=np.zeros((N, L), dtype=np.int64))
    with pytest.raises(TypeError, match="query"):
        m(x.to(np.float64), x, x)
    with pytest.raises(ValueError, match="key"):
        m(x, Tensor(np.zeros((N, L, E + 1), dtype=np.float32)), x)
