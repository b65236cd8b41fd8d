"""Positional encodings against independent references (PyTorch 2.13 and closed forms).

- Sinusoidal: the closed form of Vaswani et al. written out entry by entry in the test, and
  a torch implementation of the same formula; the relative-offset property (PE[p + k] is a
  fixed rotation of PE[p]) checked directly.
- Learned: ``torch.nn.Embedding`` with our weights loaded through ``load_state_dict``,
  forward and the gradients of the input and of the table.
- RoPE: two implementations written here in torch, one per pair layout — complex numbers
  (``torch.polar`` and ``view_as_complex``) for the interleaved layout and the rotate-half
  formula for the half layout — forward and gradient; the relative-position property
  (the score q·k depends only on the offset m - n) and norm preservation; gradcheck.
- ALiBi: slopes against the geometric sequences worked out by hand (8 heads, 6 heads, 12
  heads), the bias matrix against its definition, and attention with the bias against
  PyTorch's ``scaled_dot_product_attention`` with the bias as ``attn_mask``.

Tolerances: float64 rtol 1e-12 / atol 1e-12 where the same arithmetic is done in another
order (observed ~1e-15); float32 rtol 1e-5 / atol 1e-6 (our cos/sin tables are computed
in float64 and rounded once, the reference in float32: ~1 ulp apart).
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.positional import (
    alibi_bias,
    alibi_slopes,
    apply_rotary_emb,
    rope_frequencies,
    sinusoidal_positional_encoding,
)

TOL = {np.float64: dict(rtol=1e-12, atol=1e-12), np.float32: dict(rtol=1e-5, atol=1e-6)}
DTYPES = [np.float64, np.float32]
TORCH = {np.float64: torch.float64, np.float32: torch.float32}


def close(ours, theirs, dtype):
    ours = ours.data if isinstance(ours, Tensor) else ours
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else theirs
    np.testing.assert_allclose(ours, theirs, **TOL[dtype])


# -- sinusoidal ------------------------------------------------------------------------------
def test_sinusoidal_closed_form_entry_by_entry():
    pe = sinusoidal_positional_encoding(7, 6, dtype=np.float64).data
    for p in range(7):
        for i in range(3):
            w = 10000.0 ** (-2 * i / 6)
            assert pe[p, 2 * i] == pytest.approx(math.sin(p * w), abs=1e-15)
            assert pe[p, 2 * i + 1] == pytest.approx(math.cos(p * w), abs=1e-15)


def test_sinusoidal_hand_worked_row():
    # d = 4: ω = 1 and 10000^(-1/2) = 0.01.
    row = sinusoidal_positional_encoding(2, 4, dtype=np.float64).data[1]
    np.testing.assert_allclose(row, [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)],
                               rtol=1e-15)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n, d, base", [(50, 16, 10000.0), (1, 2, 10000.0), (300, 64, 500.0)])
def test_sinusoidal_matches_a_torch_implementation(n, d, base, dtype):
    pos = torch.arange(n, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(base) / d))
    ref = torch.zeros(n, d, dtype=torch.float64)
    ref[:, 0::2] = torch.sin(pos * div)
    ref[:, 1::2] = torch.cos(pos * div)
    ours = sinusoidal_positional_encoding(n, d, base=base, dtype=dtype)
    assert ours.shape == (n, d) and ours.dtype == dtype
    close(ours, ref.to(TORCH[dtype]), dtype)


def test_sinusoidal_offset_is_the_same_rows():
    full = sinusoidal_positional_encoding(20, 8, dtype=np.float64).data
    part = sinusoidal_positional_encoding(5, 8, offset=15, dtype=np.float64).data
    np.testing.assert_array_equal(part, full[15:])


def test_sinusoidal_shift_is_one_rotation_for_every_position():
    # PE[p + k] = M_k PE[p] with M_k block-diagonal rotations that do not depend on p.
    d, k = 8, 5
    pe = sinusoidal_positional_encoding(40, d, dtype=np.float64).data
    omega = rope_frequencies(d)
    m = np.zeros((d, d))
    for i, w in enumerate(omega):
        c, s = math.cos(k * w), math.sin(k * w)
        m[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    np.testing.assert_allclose(pe[k:], pe[:-k] @ m.T, atol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sinusoidal_module_adds_the_table(dtype):
    rng = np.random.default_rng(0)
    x = Tensor(rng.normal(size=(2, 9, 12)).astype(dtype), requires_grad=True)
    layer = nn.SinusoidalPositionalEncoding(12)
    layer_dtype = nn.SinusoidalPositionalEncoding(12, dtype=dtype)
    out = layer_dtype(x, offset=3)
    close(out, x.data + sinusoidal_positional_encoding(12, 12, dtype=dtype).data[3:], dtype)
    out.sum().backward()
    np.testing.assert_array_equal(x.grad.data, np.ones_like(x.data))
    if dtype == np.float64:
        with pytest.raises(TypeError, match="dtype"):
            layer(x)   # a float32 table and float64 input: refused, as the layers do


# -- learned ---------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, offset", [((3, 7, 5), 0), ((7, 5), 4), ((2, 1, 5), 10)])
def test_learned_matches_torch_embedding(shape, offset, dtype):
    rng = np.random.default_rng(1)
    ours = nn.LearnedPositionalEmbedding(11, 5, dtype=dtype, generator=rng)
    ref = torch.nn.Embedding(11, 5, dtype=TORCH[dtype])
    ref.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
    x = rng.normal(size=shape).astype(dtype)
    xo, xt = Tensor(x.copy(), requires_grad=True), torch.tensor(x.copy(), requires_grad=True)
    out = ours(xo, offset=offset)
    positions = torch.arange(offset, offset + shape[-2])
    expected = xt + ref(positions)
    close(out, expected, dtype)
    g = rng.normal(size=shape).astype(dtype)
    out.backward(g)
    expected.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    close(ours.weight.grad, ref.weight.grad, dtype)   # rows past the sequence get 0


def test_learned_cannot_go_past_its_table():
    layer = nn.LearnedPositionalEmbedding(8, 4)
    layer(Tensor(np.zeros((1, 8, 4), np.float32)))       # the last row is fine
    with pytest.raises(ValueError, match="cannot extrapolate"):
        layer(Tensor(np.zeros((1, 9, 4), np.float32)))
    with pytest.raises(ValueError, match="cannot extrapolate"):
        layer(Tensor(np.zeros((1, 2, 4), np.float32)), offset=7)


# -- RoPE ------------------------------------------------------------------------------------
def _angles_torch(n, d, base, positions=None):
    freqs = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    pos = torch.arange(n, dtype=torch.float64) if positions is None else \
        torch.as_tensor(positions, dtype=torch.float64)
    return pos[..., None] * freqs                         # (..., n, d/2)


def rope_complex(x, base=10000.0, positions=None):
    """Interleaved RoPE the way Meta's Llama code writes it: each pair (x[2i], x[2i+1]) is
    a complex number multiplied by e^(i p ω_i)."""
    angles = _angles_torch(x.shape[-2], x.shape[-1], base, positions)
    rotor = torch.polar(torch.ones_like(angles), angles)
    xc = torch.view_as_complex(x.to(torch.float64).reshape(*x.shape[:-1], -1, 2).contiguous())
    return torch.view_as_real(xc * rotor).flatten(-2).to(x.dtype)


def rope_rotate_half(x, base=10000.0, positions=None):
    """Half-layout RoPE the way GPT-NeoX / Hugging Face's Llama write it:
    x cos + rotate_half(x) sin with rotate_half(x) = (-x2, x1)."""
    d = x.shape[-1]
    angles = _angles_torch(x.shape[-2], d, base, positions)
    emb = torch.cat([angles, angles], dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    rotated = torch.cat([-x2, x1], dim=-1)
    return (x * emb.cos().to(x.dtype) + rotated * emb.sin().to(x.dtype))


REFERENCES = {"interleaved": rope_complex, "half": rope_rotate_half}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("layout", ["half", "interleaved"])
@pytest.mark.parametrize("shape, base", [((2, 4, 9, 8), 10000.0), ((5, 2), 10000.0),
                                         ((3, 17, 64), 500000.0), ((1, 1, 1, 16), 10.0)])
def test_rope_matches_an_independent_torch_implementation(shape, base, layout, dtype):
    rng = np.random.default_rng(2)
    x = rng.normal(size=shape).astype(dtype)
    xo, xt = Tensor(x.copy(), requires_grad=True), torch.tensor(x.copy(), requires_grad=True)
    out = apply_rotary_emb(xo, base=base, layout=layout)
    ref = REFERENCES[layout](xt, base=base)
    assert out.shape == shape and out.dtype == dtype
    close(out, ref, dtype)
    g = rng.normal(size=shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)


@pytest.mark.parametrize("layout", ["half", "interleaved"])
def test_rope_explicit_positions_match_the_reference(layout):
    # A KV-cache step: 3 new tokens at positions 100, 101, 102; and float positions
    # (position interpolation divides them by a factor).
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 3, 8))
    for positions in (np.arange(100, 103), np.arange(3) / 4.0):
        ours = apply_rotary_emb(Tensor(x), positions, layout=layout)
        ref = REFERENCES[layout](torch.tensor(x), positions=positions)
        close(ours, ref, np.float64)


@pytest.mark.parametrize("layout", ["half", "interleaved"])
def test_rope_score_depends_only_on_the_offset(layout):
    # q rotated to position m, k to position n: q_m · k_n must equal q_0 · k_(n-m) for
    # every m, n (including negative offsets), for random q and k.
    rng = np.random.default_rng(4)
    d = 16
    q, k = rng.normal(size=d), rng.normal(size=d)
    positions = np.arange(0, 60)
    qs = apply_rotary_emb(Tensor(np.tile(q, (60, 1))), positions, layout=layout).data
    ks = apply_rotary_emb(Tensor(np.tile(k, (60, 1))), positions, layout=layout).data
    scores = qs @ ks.T                                    # scores[m, n]
    for offset in range(-59, 60):
        diagonal = np.diagonal(scores, offset=offset)     # all (m, m + offset)
        np.testing.assert_allclose(diagonal, diagonal[0], rtol=1e-12, atol=1e-12)
    # ... and the score does change with the offset (the test is not vacuous).
    assert abs(scores[0, 0] - scores[0, 1]) > 1e-3 and abs(scores[0, 0] - scores[0, 7]) > 1e-3
    # The same holds far from the origin: shifting both positions by 10^4 changes nothing.
    far = apply_rotary_emb(Tensor(np.stack([q, k])[:, None]), np.array([[10_003], [10_010]]),
                           layout=layout).data
    assert far[0, 0] @ far[1, 0] == pytest.approx(scores[3, 10], rel=1e-10)


def test_rope_preserves_norms_and_is_identity_at_position_zero():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4, 30, 32))
    out = apply_rotary_emb(Tensor(x)).data
    np.testing.assert_allclose(np.linalg.norm(out, axis=-1), np.linalg.norm(x, axis=-1),
                               rtol=1e-12)
    np.testing.assert_allclose(out[:, 0], x[:, 0], rtol=0, atol=0)


def test_rope_layouts_differ_but_are_a_permutation_apart():
    # Interleaved RoPE on x equals half-layout RoPE on x with its coordinates regrouped
    # (evens first, odds second), mapped back: same rotations, other pairing.
    rng = np.random.default_rng(6)
    x = rng.normal(size=(7, 8))
    perm = np.r_[0:8:2, 1:8:2]
    inter = apply_rotary_emb(Tensor(x), layout="interleaved").data
    half = apply_rotary_emb(Tensor(x[:, perm]), layout="half").data
    np.testing.assert_allclose(inter[:, perm], half, rtol=1e-12, atol=1e-12)
    assert not np.allclose(inter, apply_rotary_emb(Tensor(x), layout="half").data)


@pytest.mark.parametrize("layout", ["half", "interleaved"])
def test_rope_gradcheck(layout):
    x = Tensor(np.random.default_rng(7).normal(size=(2, 3, 4)), requires_grad=True)
    assert gradcheck(lambda t: apply_rotary_emb(t, np.array([2, 5, 11]), base=7.0,
                                                layout=layout), [x])


def test_rope_module_and_errors():
    layer = nn.RotaryEmbedding(8, base=100.0, layout="interleaved")
    x = Tensor(np.random.default_rng(8).normal(size=(1, 2, 5, 8)))
    np.testing.assert_array_equal(
        layer(x, positions=np.arange(3, 8)).data,
        apply_rotary_emb(x, np.arange(3, 8), base=100.0, layout="interleaved").data)
    with pytest.raises(ValueError, match="even"):
        nn.RotaryEmbedding(7)
    with pytest.raises(ValueError, match="layout"):
        apply_rotary_emb(x, layout="pairs")
    with pytest.raises(ValueError, match="positions"):
        apply_rotary_emb(x, np.arange(4))
    with pytest.raises(TypeError, match="floating"):
        apply_rotary_emb(Tensor(np.zeros((2, 4), np.int64)))
    with pytest.raises(ValueError, match="base"):
        apply_rotary_emb(x, base=1.0)


# -- ALiBi -----------------------------------------------------------------------------------
@pytest.mark.parametrize("n, expected", [
    (8, [2.0 ** -k for k in range(1, 9)]),                    # 1/2, 1/4, ..., 1/256
    (1, [2.0 ** -8]),
    (2, [2.0 ** -4, 2.0 ** -8]),
    (4, [2.0 ** -2, 2.0 ** -4, 2.0 ** -6, 2.0 ** -8]),
    # Not a power of two: the 4 slopes of 4 heads, then every other slope of 8 heads.
    (6, [2.0 ** -2, 2.0 ** -4, 2.0 ** -6, 2.0 ** -8, 2.0 ** -1, 2.0 ** -3]),
    (5, [2.0 ** -2, 2.0 ** -4, 2.0 ** -6, 2.0 ** -8, 2.0 ** -1]),
    # 12 heads: the 8 slopes 2^-1..2^-8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5 (of 16 heads).
    (12, [2.0 ** -k for k in range(1, 9)] + [2.0 ** -(k + 0.5) for k in range(4)]),
])
def test_alibi_slopes_as_in_the_paper(n, expected):
    np.testing.assert_allclose(alibi_slopes(n), expected, rtol=1e-15)


def test_alibi_slopes_are_not_the_naive_geometric_sequence_for_6_heads():
    naive = 2.0 ** (-8 * np.arange(1, 7) / 6)
    assert not np.allclose(np.sort(alibi_slopes(6)), np.sort(naive))


def test_alibi_bias_definition_square_and_with_a_cache():
    slopes = alibi_slopes(4)
    bias = alibi_bias(4, 5, dtype=np.float64).data
    for h in range(4):
        for i in range(5):
            for j in range(5):
                assert bias[h, i, j] == -slopes[h] * abs(i - j)
    # One query at the end of 6 keys (a decoding step): distances 5, 4, ..., 0.
    step = alibi_bias(4, 1, 6, dtype=np.float64).data
    np.testing.assert_array_equal(step[:, 0], -slopes[:, None] * np.arange(5, -1, -1))
    causal = alibi_bias(2, 3, causal=True, dtype=np.float64).data
    assert np.isneginf(causal[:, 0, 1:]).all() and np.isfinite(causal[:, 2]).all()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("heads", [4, 6])
def test_attention_with_alibi_matches_torch_sdpa_and_the_paper_form(heads, dtype):
    # Our bias as attn_mask of PyTorch's SDPA, vs the paper's causal form: add
    # slope · (j - i) over j <= i (-inf above). The two differ by a per-row constant (0 on
    # the diagonal either way) plus the mask, so the attention outputs must agree.
    rng = np.random.default_rng(9)
    L, E = 7, 4
    q, k, v = (rng.normal(size=(2, heads, L, E)).astype(dtype) for _ in range(3))
    ours_bias = alibi_bias(heads, L, causal=True, dtype=dtype)
    i, j = np.arange(L)[:, None], np.arange(L)[None, :]
    paper = np.where(j <= i, alibi_slopes(heads)[:, None, None] * (j - i), -np.inf)
    tq, tk, tv = (torch.tensor(a) for a in (q, k, v))
    with_ours = TF.scaled_dot_product_attention(tq, tk, tv, attn_mask=torch.tensor(ours_bias.data))
    with_paper = TF.scaled_dot_product_attention(tq, tk, tv,
                                                 attn_mask=torch.tensor(paper.astype(dtype)))
    close(with_ours, with_paper, dtype)
    ours = F.scaled_dot_product_attention(Tensor(q), Tensor(k), Tensor(v), attn_mask=ours_bias)
    close(ours, with_paper, dtype if dtype == np.float64 else np.float32)


def test_alibi_errors():
    with pytest.raises(ValueError, match="num_heads"):
        alibi_slopes(0)
    with pytest.raises(ValueError, match="key_len"):
        alibi_bias(2, 5, 3)
