"""The transformer block against PyTorch 2.13: ``nn.RMSNorm``, ``nn.LayerNorm`` (cases that
tests/parity/test_nn_core.py does not cover), ``nn.TransformerEncoderLayer`` and
``nn.TransformerEncoder``; SwiGLU (no PyTorch module) against a hand-worked case.

Weights are copied from PyTorch with ``load_state_dict`` (parameters set to random values
first, so no gradient is trivially zero). Outputs, input gradients and every parameter
gradient must agree within rtol 1e-9 / atol 1e-12 in float64 (observed ~1e-15) and
rtol 1e-4 / atol 1e-5 in float32 (LayerNorm and softmax backward subtract nearly equal
terms; observed ~1e-6). Finite differences check the fused RMSNorm backward on its own.

The layers are compared with gradients enabled, so PyTorch takes its ordinary path, not
the inference "fast path" (which returns 0 at padded positions instead of the computed
values).
"""

import numpy as np
import pytest
import torch

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F

TOL = {np.float64: dict(rtol=1e-9, atol=1e-12), np.float32: dict(rtol=1e-4, atol=1e-5)}
DTYPES = [np.float64, np.float32]
TORCH = {np.float64: torch.float64, np.float32: torch.float32}


def close(ours, theirs, dtype):
    ours = ours.data if isinstance(ours, Tensor) else ours
    np.testing.assert_allclose(ours, theirs.detach().numpy(), **TOL[dtype])


def randomise(module, seed=0, low=-0.5, high=0.5):
    """Random parameters, so zero-initialised biases and unit gains do not hide a bug."""
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(low, high)
    return module


def compare(ours, theirs, x, dtype, seed=0, **call):
    """Same weights and input: same output, input gradient and parameter gradients."""
    theirs = theirs.to(TORCH[dtype])
    ours.to(dtype).load_state_dict(theirs.state_dict())
    xo = Tensor(x.astype(dtype), requires_grad=True)
    xt = torch.tensor(x.astype(dtype), requires_grad=True)
    call_t = {k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in call.items()}
    out, ref = ours(xo, **call), theirs(xt, **call_t)
    assert out.shape == tuple(ref.shape) and out.dtype == dtype
    close(out, ref, dtype)
    g = np.random.default_rng(seed).normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    ours_p, theirs_p = list(ours.named_parameters()), list(theirs.named_parameters())
    assert [n for n, _ in ours_p] == [n for n, _ in theirs_p]
    for (name, p), (_, tp) in zip(ours_p, theirs_p, strict=True):
        assert p.grad is not None, name
        close(p.grad, tp.grad, dtype)
    return out


# -- RMSNorm -------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, normalized", [((4, 6), 6), ((2, 3, 4, 5), (4, 5)),
                                               ((1, 7), (7,)), ((3, 1), 1)])
@pytest.mark.parametrize("eps", [None, 1e-6, 0.5])
def test_rmsnorm(shape, normalized, eps, dtype):
    x = np.random.default_rng(1).normal(scale=2, size=shape)
    theirs = torch.nn.RMSNorm(normalized, eps=eps)
    with torch.no_grad():
        theirs.weight.uniform_(0.5, 1.5)
    compare(nn.RMSNorm(normalized, eps=eps), theirs, x, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_rmsnorm_without_weight(dtype):
    x = np.random.default_rng(2).normal(size=(3, 5, 4))
    xo, xt = Tensor(x.astype(dtype), requires_grad=True), torch.tensor(x.astype(dtype),
                                                                       requires_grad=True)
    out = nn.RMSNorm(4, elementwise_affine=False)(xo)
    ref = torch.nn.RMSNorm(4, elementwise_affine=False)(xt)
    close(out, ref, dtype)
    out.sum().backward()
    ref.sum().backward()
    close(xo.grad, xt.grad, dtype)
    assert list(nn.RMSNorm(4, elementwise_affine=False).state_dict()) == []


def test_rms_norm_functional_matches_and_default_eps_is_machine_epsilon():
    x = np.random.default_rng(3).normal(size=(2, 3)).astype(np.float32) * 1e-4
    w = np.random.default_rng(4).uniform(0.5, 2, size=3).astype(np.float32)
    out = F.rms_norm(Tensor(x), (3,), Tensor(w))
    ref = torch.nn.functional.rms_norm(torch.tensor(x), (3,), torch.tensor(w))
    close(out, ref, np.float32)
    # eps = finfo(float32).eps = 1.19e-7 matters for tiny inputs: the result is not 1.
    rms = np.sqrt(np.mean(x.astype(np.float64) ** 2, axis=-1, keepdims=True) + 2.0**-23)
    np.testing.assert_allclose(out.data, x / rms * w, rtol=1e-5)


def test_rmsnorm_gradcheck():
    rng = np.random.default_rng(5)
    x = Tensor(rng.normal(size=(2, 3, 4)), requires_grad=True)
    w = Tensor(rng.uniform(0.5, 1.5, size=(3, 4)), requires_grad=True)
    gradcheck(lambda x, w: F.rms_norm(x, (3, 4), w, eps=1e-3), [x, w])
    gradcheck(lambda x: F.rms_norm(x, 4), [x])


def test_rmsnorm_is_scale_invariant_and_has_unit_rms():
    x = np.random.default_rng(6).normal(size=(5, 8))
    norm = nn.RMSNorm(8, eps=0.0, dtype=np.float64)
    y = norm(Tensor(x)).data
    np.testing.assert_allclose(np.sqrt(np.mean(y**2, axis=-1)), 1.0, rtol=1e-12)
    np.testing.assert_allclose(norm(Tensor(7.5 * x)).data, y, rtol=1e-12)


def test_rmsnorm_errors_name_the_argument():
    with pytest.raises(ValueError, match="normalized_shape"):
        F.rms_norm(Tensor(np.zeros((2, 3))), 4)
    with pytest.raises(ValueError, match="weight"):
        F.rms_norm(Tensor(np.zeros((2, 3))), 3, Tensor(np.ones(4)))
    with pytest.raises(TypeError, match="floating"):
        F.rms_norm(Tensor(np.zeros((2, 3), dtype=np.int64)), 3)
    with pytest.raises(TypeError, match="dtype"):
        nn.RMSNorm(3)(Tensor(np.zeros((2, 3))))  # float64 input, float32 weight


# -- LayerNorm: the cases test_nn_core.py leaves out -----------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kwargs", [dict(bias=False), dict(elementwise_affine=False),
                                    dict(eps=0.1)])
def test_layernorm_options(kwargs, dtype):
    x = np.random.default_rng(7).normal(loc=3, scale=2, size=(2, 5, 6))
    theirs = torch.nn.LayerNorm(6, **kwargs)
    with torch.no_grad():
        for p in theirs.parameters():
            p.uniform_(0.5, 1.5)
    compare(nn.LayerNorm(6, **kwargs), theirs, x, dtype)


def test_layernorm_gradcheck():
    rng = np.random.default_rng(8)
    norm = nn.LayerNorm(4, dtype=np.float64)
    norm.weight.data[...] = rng.uniform(0.5, 1.5, 4)
    norm.bias.data[...] = rng.uniform(-1, 1, 4)
    x = Tensor(rng.normal(size=(3, 4)), requires_grad=True)
    gradcheck(lambda x, w, b: norm(x), [x, norm.weight, norm.bias])


# -- TransformerEncoderLayer ----------------------------------------------------------------
D_MODEL, NHEAD, FF, N, L = 8, 2, 16, 3, 5


def _layers(dtype, **kwargs):
    kwargs = dict(dropout=0.0, **kwargs)
    theirs = randomise(torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, **kwargs))
    ours = nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dtype=dtype, **kwargs)
    return ours, theirs


def _padding(n=N, length=L):
    mask = np.zeros((n, length), dtype=bool)  # True = a padded position (PyTorch's MHA)
    mask[1, 3:] = True
    mask[2, 4:] = True
    return mask


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("norm_first", [False, True])
@pytest.mark.parametrize("activation", ["relu", "gelu"])
def test_encoder_layer_with_padding_mask(norm_first, activation, dtype):
    ours, theirs = _layers(dtype, norm_first=norm_first, activation=activation,
                           batch_first=True)
    x = np.random.default_rng(9).normal(size=(N, L, D_MODEL))
    compare(ours, theirs, x, dtype, src_key_padding_mask=_padding())


@pytest.mark.parametrize("norm_first", [False, True])
def test_encoder_layer_sequence_first_causal(norm_first):
    ours, theirs = _layers(np.float64, norm_first=norm_first)
    x = np.random.default_rng(10).normal(size=(L, N, D_MODEL))
    causal = nn.generate_square_subsequent_mask(L, dtype=np.float64).data
    np.testing.assert_array_equal(
        causal, torch.nn.Transformer.generate_square_subsequent_mask(L, dtype=torch.float64))
    pad = np.where(_padding(), -np.inf, 0.0)  # float, like the causal mask (PyTorch warns
    compare(ours, theirs, x, np.float64, src_mask=causal, src_key_padding_mask=pad,
            is_causal=True)                   # when the two kinds are mixed)


@pytest.mark.parametrize("kwargs", [dict(bias=False), dict(layer_norm_eps=1e-3),
                                    dict(dim_feedforward=4, activation="gelu")])
def test_encoder_layer_options(kwargs):
    ff = kwargs.pop("dim_feedforward", FF)
    theirs = randomise(torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, ff, dropout=0.0,
                                                        batch_first=True, **kwargs))
    ours = nn.TransformerEncoderLayer(D_MODEL, NHEAD, ff, dropout=0.0, batch_first=True,
                                      dtype=np.float64, **kwargs)
    x = np.random.default_rng(11).normal(size=(N, L, D_MODEL))
    compare(ours, theirs, x, np.float64, src_key_padding_mask=_padding())


def test_encoder_layer_unbatched_and_callable_activation():
    theirs = randomise(torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0,
                                                        activation=torch.tanh))
    ours = nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0, activation=F.tanh,
                                      dtype=np.float64)
    compare(ours, theirs, np.random.default_rng(12).normal(size=(L, D_MODEL)), np.float64)


def test_encoder_layer_state_dict_names_are_pytorchs():
    ours = nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF)
    theirs = torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for key, value in theirs.state_dict().items():
        assert ours.state_dict()[key].shape == tuple(value.shape)


def test_encoder_layer_dropout_is_off_in_eval():
    layer = nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.3, batch_first=True,
                                       generator=np.random.default_rng(0))
    x = Tensor(np.random.default_rng(1).normal(size=(2, L, D_MODEL)).astype(np.float32))
    train_out = layer(x).data
    layer.eval()
    np.testing.assert_array_equal(layer(x).data, layer(x).data)
    assert not np.allclose(layer(x).data, train_out)


def test_encoder_layer_errors():
    with pytest.raises(ValueError, match="activation"):
        nn.TransformerEncoderLayer(D_MODEL, NHEAD, activation="swish")
    with pytest.raises(TypeError, match="activation"):
        nn.TransformerEncoderLayer(D_MODEL, NHEAD, activation=3)
    with pytest.raises(ValueError, match="divisible"):
        nn.TransformerEncoderLayer(10, 4)


# -- TransformerEncoder: a stack ---------------------------------------------------------------
@pytest.mark.parametrize("norm_first", [False, True])
def test_encoder_stack(norm_first):
    layer_t = torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0,
                                               norm_first=norm_first, batch_first=True)
    theirs = randomise(torch.nn.TransformerEncoder(layer_t, 3, norm=torch.nn.LayerNorm(D_MODEL),
                                                   enable_nested_tensor=False))
    layer_o = nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0,
                                         norm_first=norm_first, batch_first=True)
    ours = nn.TransformerEncoder(layer_o, 3, norm=nn.LayerNorm(D_MODEL))
    assert list(ours.state_dict()) == list(theirs.state_dict())
    x = np.random.default_rng(13).normal(size=(N, L, D_MODEL))
    compare(ours, theirs, x, np.float64, src_key_padding_mask=_padding())
    # The copies are independent layers, not one layer shared three times.
    assert ours.layers[0].linear1.weight is not ours.layers[1].linear1.weight


# -- SwiGLU (no PyTorch module): by hand, against a torch formula, and by finite differences ----
def test_swiglu_hand_worked_case():
    m = nn.SwiGLU(2, 2, out_features=1, dtype=np.float64)
    m.gate_proj.weight.data[...] = [[1.0, 0.0], [0.0, -1.0]]
    m.up_proj.weight.data[...] = [[2.0, 1.0], [1.0, 1.0]]
    m.down_proj.weight.data[...] = [[1.0, 3.0]]
    x = Tensor(np.array([[1.0, 2.0]]), requires_grad=True)
    out = m(x)
    # gate = (1, -2), up = (4, 3); silu(1) = 1·σ(1) = 0.7310585786, silu(-2) = -2·σ(-2)
    # = -0.2384058440; hidden = (2.9242343145, -0.7152175321); out = h1 + 3·h2.
    s1, s2 = 1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(2.0))
    expected = 1.0 * s1 * 4 + 3 * (-2.0 * s2) * 3
    np.testing.assert_allclose(out.data, [[expected]], rtol=1e-12)
    np.testing.assert_allclose(out.data, [[0.7785817182]], rtol=1e-9)
    out.backward(np.ones((1, 1)))
    # d out / d x = Σ_j down_j · (silu'(g_j) · up_j · Wg[j] + silu(g_j) · Wu[j]),
    # silu'(z) = σ(z) (1 + z (1 - σ(z))).
    d1 = s1 * (1 + 1 * (1 - s1))
    d2 = s2 * (1 - 2 * (1 - s2))
    grad = (1 * (d1 * 4 * np.array([1.0, 0.0]) + s1 * np.array([2.0, 1.0]))
            + 3 * (d2 * 3 * np.array([0.0, -1.0]) + (-2 * s2) * np.array([1.0, 1.0])))
    np.testing.assert_allclose(x.grad.data, [grad], rtol=1e-12)


@pytest.mark.parametrize("bias", [False, True])
def test_swiglu_matches_the_formula_in_torch(bias):
    m = nn.SwiGLU(6, 10, out_features=4, bias=bias, dtype=np.float64,
                  generator=np.random.default_rng(0))
    x = np.random.default_rng(1).normal(size=(2, 3, 6))
    xt = torch.tensor(x, requires_grad=True)
    p = {k: torch.tensor(v, requires_grad=True) for k, v in m.state_dict().items()}
    ref = torch.nn.functional.linear(
        torch.nn.functional.silu(torch.nn.functional.linear(
            xt, p["gate_proj.weight"], p.get("gate_proj.bias")))
        * torch.nn.functional.linear(xt, p["up_proj.weight"], p.get("up_proj.bias")),
        p["down_proj.weight"], p.get("down_proj.bias"))
    xo = Tensor(x, requires_grad=True)
    out = m(xo)
    close(out, ref, np.float64)
    g = np.random.default_rng(2).normal(size=out.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, np.float64)
    for name, param in m.named_parameters():
        close(param.grad, p[name].grad, np.float64)


def test_swiglu_gradcheck():
    m = nn.SwiGLU(3, 4, bias=True, dtype=np.float64, generator=np.random.default_rng(3))
    x = Tensor(np.random.default_rng(4).normal(size=(2, 3)), requires_grad=True)
    gradcheck(lambda x, *_: m(x), [x, *m.parameters()])
