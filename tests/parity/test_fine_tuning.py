"""Fine-tuning against PyTorch 2.13: LoRA, quantisation and the distillation loss.

- ``nn.LoRALinear`` against the same adapter written in torch (a frozen ``torch.nn.Linear``
  plus ``lora_B(lora_A(x)) · s``), weights loaded through ``load_state_dict``: forward, the
  input's and both adapter matrices' gradients, no gradient for the frozen base. Tolerance
  rtol 1e-5 / atol 1e-6 in float64, 1e-4 / 1e-5 in float32 (the same products summed in
  another order).
- ``ml.quantization`` against ``torch.quantize_per_tensor`` / ``quantize_per_channel``
  (their integer representation must be *equal*), the observers of ``torch.ao.quantization``
  (scales within 1 float32 ulp, equal zero points) and ``torch.fake_quantize_per_*_affine``
  (equal outputs and straight-through gradients).
- ``F.kl_div`` and ``F.distillation_loss`` against ``torch.nn.functional.kl_div`` and the
  same T²-scaled formula in torch: values and gradients, rtol 1e-6 in float64 (1e-4 float32).

Hand-worked numbers (trainable-parameter counts, integer codes, the gradient of the soft
loss) and finite-difference gradchecks in float64 complete the checks.
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from torch.ao.quantization import MinMaxObserver, PerChannelMinMaxObserver

from mlinterview.ml import nn, optim
from mlinterview.ml import quantization as Q
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.modules.lora import (
    LoRALinear,
    count_parameters,
    inject_lora,
    lora_parameter_count,
)

TOL = {np.float64: (1e-5, 1e-6), np.float32: (1e-4, 1e-5)}
DTYPES = [np.float64, np.float32]
TORCH_DTYPE = {np.float64: torch.float64, np.float32: torch.float32}
QUANT_WARNING = "ignore:torch.quantize_per_tensor:UserWarning"   # deprecated, still the oracle


def close(ours, theirs, dtype):
    rtol, atol = TOL[dtype]
    ours = ours.data if isinstance(ours, Tensor) else ours
    np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=rtol, atol=atol)


# ---------------------------------------------------------------------------------------
# LoRA
# ---------------------------------------------------------------------------------------
class TorchLoRA(torch.nn.Module):
    """The reference adapter, written directly in torch (PEFT's layout without the
    adapter name): base_layer frozen, lora_A (r, in), lora_B (out, r), scaling s."""

    def __init__(self, in_features, out_features, r, alpha, rslora=False, bias=True):
        super().__init__()
        self.base_layer = torch.nn.Linear(in_features, out_features, bias=bias)
        self.base_layer.requires_grad_(False)
        self.lora_A = torch.nn.Linear(in_features, r, bias=False)
        self.lora_B = torch.nn.Linear(r, out_features, bias=False)
        self.scaling = alpha / (math.sqrt(r) if rslora else r)

    def forward(self, x):
        return self.base_layer(x) + self.lora_B(self.lora_A(x)) * self.scaling


def lora_pair(in_f, out_f, r, alpha, dtype, rslora=False, bias=True, seed=0):
    """Our LoRALinear and the torch reference with the same (random, non-zero B) weights."""
    torch.manual_seed(seed)
    theirs = TorchLoRA(in_f, out_f, r, alpha, rslora, bias).to(TORCH_DTYPE[dtype])
    with torch.no_grad():
        theirs.lora_B.weight.normal_()       # B = 0 at init would hide every B-path bug
    base = nn.Linear(in_f, out_f, bias=bias, dtype=dtype)
    ours = LoRALinear(base, r=r, lora_alpha=alpha, use_rslora=rslora)
    ours.load_state_dict(theirs.state_dict())
    return ours, theirs


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("in_f, out_f, r, alpha, shape, rslora, bias", [
    (6, 4, 2, 4, (5, 6), False, True),
    (6, 4, 1, 1, (1, 6), False, True),
    (8, 3, 4, 16, (2, 3, 8), False, False),
    (5, 7, 3, 6, (4, 5), True, True),
])
def test_lora_forward_and_gradients_match_torch(in_f, out_f, r, alpha, shape, rslora, bias,
                                                 dtype):
    ours, theirs = lora_pair(in_f, out_f, r, alpha, dtype, rslora, bias)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    x = np.random.default_rng(1).normal(size=shape).astype(dtype)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out, ref = ours(xo), theirs(xt)
    close(out, ref, dtype)
    g = np.random.default_rng(2).normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    close(ours.lora_A.weight.grad, theirs.lora_A.weight.grad, dtype)
    close(ours.lora_B.weight.grad, theirs.lora_B.weight.grad, dtype)
    # The base layer is frozen in both: no gradient is computed for it.
    assert ours.base_layer.weight.grad is None and theirs.base_layer.weight.grad is None


@pytest.mark.parametrize("dtype", DTYPES)
def test_merged_weight_is_torchs_w_plus_s_b_a_and_forward_is_unchanged(dtype):
    ours, theirs = lora_pair(7, 5, 3, 6, dtype)
    x = Tensor(np.random.default_rng(3).normal(size=(4, 7)).astype(dtype))
    before = ours(x).data.copy()
    ours.merge()
    with torch.no_grad():
        merged = theirs.base_layer.weight + theirs.scaling * theirs.lora_B.weight \
            @ theirs.lora_A.weight
    close(ours.base_layer.weight, merged, dtype)
    rtol, atol = TOL[dtype]
    np.testing.assert_allclose(ours(x).data, before, rtol=rtol, atol=atol)
    ours.unmerge()
    close(ours.base_layer.weight, theirs.base_layer.weight, dtype)
    np.testing.assert_allclose(ours(x).data, before, rtol=rtol, atol=atol)
    plain = ours.merge_and_unload()
    assert isinstance(plain, nn.Linear)
    np.testing.assert_allclose(plain(x).data, before, rtol=rtol, atol=atol)


def test_merge_twice_or_unmerge_unmerged_is_refused():
    layer = LoRALinear(nn.Linear(3, 2), r=1)
    with pytest.raises(RuntimeError, match="not merged"):
        layer.unmerge()
    layer.merge()
    with pytest.raises(RuntimeError, match="already merged"):
        layer.merge()


def test_a_fresh_adapter_is_the_identity_update():
    # B starts at 0 (A like a Linear weight), so before training nothing changes.
    rng = np.random.default_rng(0)
    base = nn.Linear(6, 4, generator=rng)
    x = Tensor(rng.normal(size=(3, 6)).astype(np.float32))
    expected = base(x).data.copy()
    layer = LoRALinear(base, r=4, generator=rng)
    assert np.all(layer.lora_B.weight.data == 0)
    assert np.abs(layer.lora_A.weight.data).max() <= 1 / np.sqrt(6)   # U(±1/√in)
    assert np.abs(layer.lora_A.weight.data).max() > 0
    np.testing.assert_array_equal(layer(x).data, expected)


def test_trainable_parameter_counts_by_hand():
    assert lora_parameter_count(4096, 4096, 8) == 65_536          # 8 · (4096 + 4096)
    assert lora_parameter_count(768, 3072, 16) == 61_440          # 16 · 3840
    layer = LoRALinear(nn.Linear(6, 4), r=2)
    assert count_parameters(layer) == 20                           # 2 · (6 + 4)
    assert count_parameters(layer, trainable_only=False) == 48     # + 6 · 4 + 4 frozen
    model = nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 2))
    assert count_parameters(model) == 5 * 7 + 7 + 7 * 2 + 2        # 58, all trainable
    inject_lora(model, r=2)
    assert count_parameters(model) == 2 * (5 + 7) + 2 * (7 + 2)    # 42
    assert count_parameters(model, trainable_only=False) == 58 + 42
    only_first = inject_lora(nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 2)),
                             r=3, target_modules=("0",))
    assert isinstance(only_first[0], LoRALinear) and isinstance(only_first[2], nn.Linear)
    assert count_parameters(only_first) == 3 * (5 + 7)             # the head is frozen too


@pytest.mark.parametrize("bad, match", [
    (dict(r=0), "r must be a positive integer"),
    (dict(r=2.0), "r must be a positive integer"),
    (dict(lora_alpha=-1), "lora_alpha must be a positive number"),
    (dict(lora_dropout=1.0), r"lora_dropout must be in \[0, 1\)"),
])
def test_lora_rejects_bad_arguments(bad, match):
    with pytest.raises(ValueError, match=match):
        LoRALinear(nn.Linear(3, 2), **bad)
    with pytest.raises(TypeError, match=r"base_layer: expected an nn\.Linear"):
        LoRALinear(nn.ReLU())
    with pytest.raises(ValueError, match="target_modules"):
        inject_lora(nn.Sequential(nn.Linear(2, 2)), target_modules=("q_proj",))


def test_training_moves_only_the_adapter():
    rng = np.random.default_rng(0)
    model = inject_lora(nn.Sequential(nn.Linear(4, 8, generator=rng), nn.ReLU(),
                                      nn.Linear(8, 1, generator=rng)), r=2, generator=rng)
    frozen = {k: v.copy() for k, v in model.state_dict().items() if "base_layer" in k}
    opt = optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    x = Tensor(rng.normal(size=(16, 4)).astype(np.float32))
    y = Tensor(rng.normal(size=(16, 1)).astype(np.float32))
    losses = []
    for _ in range(20):
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]
    for k, v in model.state_dict().items():
        if "base_layer" in k:
            np.testing.assert_array_equal(v, frozen[k])
    assert np.abs(model[0].lora_B.weight.data).max() > 0


def test_lora_dropout_only_in_training_and_reproducible():
    def layer():
        rng = np.random.default_rng(5)
        m = LoRALinear(nn.Linear(6, 4, generator=rng), r=2, lora_dropout=0.5, generator=rng)
        m.lora_B.weight.data[...] = rng.normal(size=(4, 2))
        return m
    x = Tensor(np.random.default_rng(6).normal(size=(10, 6)).astype(np.float32))
    a, b = layer(), layer()
    np.testing.assert_array_equal(a(x).data, b(x).data)       # same generator, same masks
    train_out = a(x).data
    a.eval()
    eval_out = a(x).data
    assert not np.allclose(train_out, eval_out)
    merged = a.base_layer.weight.data + a.delta_weight()
    np.testing.assert_allclose(eval_out, x.data @ merged.T + a.base_layer.bias.data,
                               rtol=1e-5, atol=1e-6)


def test_lora_gradcheck():
    rng = np.random.default_rng(0)
    layer = LoRALinear(nn.Linear(4, 3, dtype=np.float64, generator=rng), r=2, lora_alpha=3,
                       generator=rng)
    layer.lora_B.weight.data[...] = rng.normal(size=(3, 2))
    x = Tensor(rng.normal(size=(2, 4)), requires_grad=True)

    def f(x, a, b):
        layer.lora_A.weight.data, layer.lora_B.weight.data = a.data, b.data
        return F.linear(x, layer.base_layer.weight, layer.base_layer.bias) \
            + F.linear(F.linear(x, a), b) * layer.scaling

    a = Tensor(layer.lora_A.weight.data.copy(), requires_grad=True)
    b = Tensor(layer.lora_B.weight.data.copy(), requires_grad=True)
    assert gradcheck(f, [x, a, b])
    assert gradcheck(lambda x: layer(x), [x])


# ---------------------------------------------------------------------------------------
# Quantisation
# ---------------------------------------------------------------------------------------
def _weights(shape, seed=0, outliers=True):
    """Gaussian weights with a few large entries, as trained layers have."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.02, size=shape).astype(np.float32)
    if outliers:
        flat = w.reshape(-1)
        flat[rng.choice(flat.size, size=max(1, flat.size // 200), replace=False)] *= 15
    return w


@pytest.mark.filterwarnings(QUANT_WARNING)
@pytest.mark.parametrize("shape", [(7,), (4, 9), (2, 3, 5)])
@pytest.mark.parametrize("scale, zero_point, dtype", [
    (0.0031, 0, torch.qint8), (0.0125, 5, torch.qint8), (0.004, 128, torch.quint8),
    (0.02, 3, torch.quint8),
])
def test_quantize_per_tensor_equals_torch_int_repr(shape, scale, zero_point, dtype):
    x = _weights(shape, seed=len(shape)) * 10            # some values clip at this scale
    ref = torch.quantize_per_tensor(torch.tensor(x), scale, zero_point, dtype)
    lo, hi = (-128, 127) if dtype == torch.qint8 else (0, 255)
    ours = Q.quantize_per_tensor(x, scale, zero_point, lo, hi)
    np.testing.assert_array_equal(ours, ref.int_repr().numpy())
    np.testing.assert_allclose((ours - zero_point) * np.float32(scale),
                               ref.dequantize().numpy(), rtol=1e-6, atol=0)


@pytest.mark.filterwarnings(QUANT_WARNING)
@pytest.mark.parametrize("axis", [0, 1])
def test_quantize_per_channel_equals_torch_int_repr(axis):
    x = _weights((6, 10), seed=3) * 5
    n = x.shape[axis]
    rng = np.random.default_rng(4)
    scales = rng.uniform(0.002, 0.02, n)
    zps = rng.integers(0, 40, n)
    ref = torch.quantize_per_channel(torch.tensor(x), torch.tensor(scales), torch.tensor(zps),
                                     axis, torch.quint8)
    ours = Q.quantize_per_channel(x, scales.astype(np.float32), zps, axis, 0, 255)
    np.testing.assert_array_equal(ours, ref.int_repr().numpy())


def _observer(bits, scheme, ch_axis=None):
    qmin, qmax = Q.qrange(bits, scheme)
    kwargs = dict(dtype=torch.qint8 if scheme == "symmetric" else torch.quint8,
                  quant_min=qmin, quant_max=qmax)
    if ch_axis is None:
        qscheme = torch.per_tensor_symmetric if scheme == "symmetric" else \
            torch.per_tensor_affine
        return MinMaxObserver(qscheme=qscheme, **kwargs)
    qscheme = torch.per_channel_symmetric if scheme == "symmetric" else torch.per_channel_affine
    return PerChannelMinMaxObserver(ch_axis=ch_axis, qscheme=qscheme, **kwargs)


def _same_qparams(ours, theirs):
    scale, zp = ours
    ref_scale, ref_zp = (t.numpy() for t in theirs)
    # The same float32 formula; allow one unit in the last place for a fused division.
    np.testing.assert_allclose(scale.reshape(-1), ref_scale.reshape(-1), rtol=2e-7, atol=0)
    np.testing.assert_array_equal(zp.reshape(-1), ref_zp.reshape(-1))


@pytest.mark.parametrize("bits", [8, 4])
@pytest.mark.parametrize("scheme", Q.SCHEMES)
@pytest.mark.parametrize("shape, seed", [((5, 16), 0), ((3, 4, 8), 1)])
def test_per_tensor_qparams_equal_torch_minmax_observer(bits, scheme, shape, seed):
    x = _weights(shape, seed)
    obs = _observer(bits, scheme)
    obs(torch.tensor(x))
    _same_qparams(Q.choose_qparams(x, bits, scheme), obs.calculate_qparams())


@pytest.mark.parametrize("bits", [8, 4, 3])
@pytest.mark.parametrize("scheme", Q.SCHEMES)
@pytest.mark.parametrize("axis", [0, 1])
def test_per_channel_qparams_equal_torch_per_channel_observer(bits, scheme, axis):
    x = _weights((6, 12), seed=axis + bits)
    obs = _observer(bits, scheme, ch_axis=axis)
    obs(torch.tensor(x))
    _same_qparams(Q.choose_qparams(x, bits, scheme, axis=axis), obs.calculate_qparams())


@pytest.mark.parametrize("scheme", Q.SCHEMES)
def test_group_qparams_are_per_channel_qparams_of_the_groups(scheme):
    # A group of g values along the last axis is a channel of x reshaped to (-1, g).
    x = _weights((4, 64), seed=7)
    obs = _observer(4, scheme, ch_axis=0)
    obs(torch.tensor(x.reshape(-1, 16)))
    scale, zp = Q.choose_qparams(x, 4, scheme, group_size=16)
    assert scale.shape == (4, 4, 1)
    _same_qparams((scale, zp), obs.calculate_qparams())


def test_all_zero_block_gets_torchs_epsilon_scale_and_exact_zeros():
    x = np.zeros((2, 4), dtype=np.float32)
    x[1] = [0.1, -0.2, 0.3, 0.05]
    obs = _observer(8, "asymmetric", ch_axis=0)
    obs(torch.tensor(x))
    _same_qparams(Q.choose_qparams(x, 8, "asymmetric", axis=0), obs.calculate_qparams())
    np.testing.assert_array_equal(Q.quantize(x, 8, "asymmetric", axis=0).dequantize()[0], 0)


@pytest.mark.parametrize("scheme", Q.SCHEMES)
@pytest.mark.parametrize("bits", [8, 4])
@pytest.mark.parametrize("granularity", [dict(), dict(axis=0), dict(group_size=8)])
def test_dequantize_equals_torch_fake_quantize_with_the_same_qparams(scheme, bits,
                                                                     granularity):
    x = _weights((6, 32), seed=bits)
    qt = Q.quantize(x, bits, scheme, **granularity)
    qmin, qmax = Q.qrange(bits, scheme)
    xt = torch.tensor(x)
    if "group_size" in granularity:
        g = granularity["group_size"]
        ref = torch.fake_quantize_per_channel_affine(
            xt.reshape(-1, g), torch.tensor(qt.scale.reshape(-1)),
            torch.tensor(qt.zero_point.reshape(-1)), 0, qmin, qmax).reshape(x.shape)
    elif "axis" in granularity:
        ref = torch.fake_quantize_per_channel_affine(
            xt, torch.tensor(qt.scale.reshape(-1)), torch.tensor(qt.zero_point.reshape(-1)),
            0, qmin, qmax)
    else:
        ref = torch.fake_quantize_per_tensor_affine(xt, float(qt.scale), int(qt.zero_point),
                                                    qmin, qmax)
    np.testing.assert_array_equal(qt.dequantize(), ref.numpy())


@pytest.mark.parametrize("scale, zero_point, qmin, qmax", [
    (0.01, 0, -128, 127), (0.05, 3, 0, 15), (0.002, -2, -8, 7)])
def test_fake_quantize_per_tensor_forward_and_straight_through_gradient(scale, zero_point,
                                                                        qmin, qmax):
    x = (np.random.default_rng(0).normal(size=(5, 7)) * 0.3).astype(np.float32)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out = Q.fake_quantize_per_tensor_affine(xo, scale, zero_point, qmin, qmax)
    ref = torch.fake_quantize_per_tensor_affine(xt, scale, zero_point, qmin, qmax)
    np.testing.assert_array_equal(out.data, ref.detach().numpy())
    g = np.random.default_rng(1).normal(size=x.shape).astype(np.float32)
    out.backward(g)
    ref.backward(torch.tensor(g))
    np.testing.assert_array_equal(xo.grad.data, xt.grad.numpy())


def test_fake_quantize_per_channel_forward_and_gradient():
    x = (np.random.default_rng(2).normal(size=(4, 9)) * 0.5).astype(np.float32)
    scales = np.array([0.01, 0.05, 0.1, 0.2], dtype=np.float32)
    zps = np.array([0, 2, -1, 7], dtype=np.int32)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out = Q.fake_quantize_per_channel_affine(xo, scales, zps, 0, -8, 7)
    ref = torch.fake_quantize_per_channel_affine(xt, torch.tensor(scales), torch.tensor(zps),
                                                 0, -8, 7)
    np.testing.assert_array_equal(out.data, ref.detach().numpy())
    out.sum().backward()
    ref.sum().backward()
    np.testing.assert_array_equal(xo.grad.data, xt.grad.numpy())


@pytest.mark.parametrize("bits", [2, 3, 4, 6, 8])
@pytest.mark.parametrize("scheme", Q.SCHEMES)
@pytest.mark.parametrize("granularity", [dict(), dict(axis=0), dict(axis=1),
                                         dict(group_size=16)])
@pytest.mark.parametrize("dtype", DTYPES)
def test_error_is_at_most_half_a_step(bits, scheme, granularity, dtype):
    x = _weights((8, 64), seed=bits).astype(dtype)
    qt = Q.quantize(x, bits, scheme, **granularity)
    err = np.abs(qt.dequantize() - x)
    scale = qt.scale
    if "group_size" in granularity:
        err = err.reshape(8, 4, 16)
    # Half a step, plus the rounding of x / scale and of the product in x's precision.
    slack = 4 * np.finfo(dtype).eps * np.abs(x).max()
    assert np.all(err <= scale / 2 + slack)
    # The bound is attained in order of magnitude: the worst error is over a third of it.
    assert err.max() > 0.3 * (scale / 2).min()
    assert qt.int_repr.min() >= Q.qrange(bits, scheme)[0]
    assert qt.int_repr.max() <= Q.qrange(bits, scheme)[1]


def test_hand_worked_codes():
    # Symmetric int8: scale = max|x| / 127 = 1/127; 0.2 · 127 = 25.4 -> 25; 0.5 · 127 = 63.5
    # -> 64 (round half to even); the extreme -1 maps to -127, never to -128.
    qt = Q.quantize(np.array([-1.0, 0.2, 0.5]), bits=8)
    assert qt.int_repr.tolist() == [-127, 25, 64]
    assert float(qt.scale) == pytest.approx(1 / 127)
    # Asymmetric uint8: range [-0.5, 1.0], scale = 1.5 / 255, zero point round(0.5 / scale)
    # = 85; 1.0 / scale = 170 -> 170 + 85 = 255.
    qt = Q.quantize(np.array([-0.5, 0.0, 1.0]), bits=8, scheme="asymmetric")
    assert int(qt.zero_point) == 85 and qt.int_repr.tolist() == [0, 85, 255]
    assert float(qt.scale) == pytest.approx(1.5 / 255)
    # One-sided data (after a ReLU): symmetric int4 wastes the negative codes. Its step is
    # 2.1 / 7 = 0.3 (0.7 / 0.3 = 2.33 -> 2, 1.4 / 0.3 = 4.67 -> 5, errors 0.1); the
    # asymmetric step is 2.1 / 15 = 0.14 and these values fall on its grid exactly.
    relu = np.array([0.0, 0.7, 1.4, 2.1])
    sym, asym = Q.quantize(relu, 4), Q.quantize(relu, 4, "asymmetric")
    assert sym.int_repr.tolist() == [0, 2, 5, 7] and float(sym.scale) == pytest.approx(0.3)
    np.testing.assert_allclose(sym.dequantize(), [0.0, 0.6, 1.5, 2.1])
    assert asym.int_repr.tolist() == [0, 5, 10, 15] and float(asym.scale) == pytest.approx(0.14)
    np.testing.assert_allclose(asym.dequantize(), relu, atol=1e-12)
    # Per-channel: each row its own absmax scale.
    w = np.array([[1.0, -0.5], [0.01, 0.02]])
    qt = Q.quantize(w, 8, axis=0)
    np.testing.assert_allclose(qt.scale.ravel(), [1 / 127, 0.02 / 127])
    assert qt.int_repr.tolist() == [[127, -64], [64, 127]]   # -63.5 -> -64, 63.5 -> 64


def test_storage_and_bits_per_value_by_hand():
    w = _weights((4, 128))
    assert Q.quantize(w, 8).nbytes == 512 + 4                  # one byte each + one scale
    g64 = Q.quantize(w, 4, group_size=64)                      # 512 · 4 bits + 8 scales
    assert g64.nbytes == 256 + 32 and g64.bits_per_value == pytest.approx(4.5)
    a = Q.quantize(w, 4, "asymmetric", axis=0)                 # + 4 scales + 4 zero points
    assert a.nbytes == 256 + 16 + 4
    assert Q.quantize_nf4(w, 64).bits_per_value == pytest.approx(4.5)
    assert Q.quantize(w, 4).int_repr.dtype == np.int8
    assert Q.quantize(w, 4, "asymmetric").int_repr.dtype == np.uint8


def test_nf4_levels_are_qloras_table():
    # The 16 values printed in the QLoRA paper (Dettmers et al. 2023, appendix) and used by
    # bitsandbytes' NF4 kernels.
    table = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
             -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
             0.07958029955625534, 0.16093020141124725, 0.24611230194568634,
             0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
             0.7229568362236023, 1.0]
    np.testing.assert_allclose(Q.nf4_levels(), table, rtol=0, atol=1e-6)


def test_nf4_picks_the_nearest_level_of_each_block():
    w = _weights((3, 128), seed=9).astype(np.float64)
    qt = Q.quantize_nf4(w, block_size=32)
    blocks = w.reshape(3, 4, 32)
    absmax = np.abs(blocks).max(axis=-1, keepdims=True)
    brute = np.abs((blocks / absmax)[..., None] - Q.nf4_levels()).argmin(axis=-1)
    np.testing.assert_array_equal(qt.int_repr.reshape(3, 4, 32), brute)
    np.testing.assert_allclose(qt.dequantize(), (Q.nf4_levels()[brute] * absmax).reshape(w.shape))
    # On Gaussian weights NF4 beats evenly spaced 4-bit codes with the same blocks.
    gauss = np.random.default_rng(0).normal(size=(64, 256))
    nf4_err = np.mean((Q.quantize_nf4(gauss, 64).dequantize() - gauss) ** 2)
    int4_err = np.mean((Q.quantize(gauss, 4, group_size=64).dequantize() - gauss) ** 2)
    assert nf4_err < int4_err


@pytest.mark.parametrize("call, error, match", [
    (lambda: Q.quantize(np.ones(4), bits=1), ValueError, "bits must be an integer in"),
    (lambda: Q.quantize(np.ones(4), scheme="absmax"), ValueError, "scheme must be one of"),
    (lambda: Q.quantize(np.ones((2, 6)), group_size=4), ValueError, "must divide the last"),
    (lambda: Q.quantize(np.ones((2, 8)), axis=0, group_size=4), ValueError, "not both"),
    (lambda: Q.quantize(np.ones(3), axis=1), ValueError, "axis must be an integer"),
    (lambda: Q.quantize(np.array([1.0, np.nan])), ValueError, "finite"),
    (lambda: Q.quantize(np.array(["a"])), TypeError, "expected real numbers"),
    (lambda: Q.quantize(np.zeros(0)), ValueError, "non-empty"),
    (lambda: Q.quantize_per_tensor(np.ones(3), 0.0, 0), ValueError, "scale must be"),
    (lambda: Q.quantize_per_channel(np.ones((2, 3)), [0.1], [0], 0), ValueError, "scales"),
    (lambda: Q.fake_quantize_per_tensor_affine(np.ones(3), 0.1, 0, 0, 255), TypeError,
     "input: expected a Tensor"),
    (lambda: Q.dequantize(np.ones(3)), TypeError, "QuantizedTensor"),
])
def test_quantization_rejects_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------------------------------------------------------------------
# KL divergence and knowledge distillation
# ---------------------------------------------------------------------------------------
KD_TOL = {np.float64: (1e-6, 1e-9), np.float32: (1e-4, 1e-6)}


def kd_close(ours, theirs, dtype):
    rtol, atol = KD_TOL[dtype]
    ours = ours.data if isinstance(ours, Tensor) else ours
    np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=rtol, atol=atol)


@pytest.mark.filterwarnings("ignore:reduction. 'mean' divides:UserWarning")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["none", "batchmean", "sum", "mean"])
@pytest.mark.parametrize("log_target", [False, True])
@pytest.mark.parametrize("shape", [(4, 5), (2, 3, 6), (1, 2)])
def test_kl_div_matches_torch(shape, log_target, reduction, dtype):
    rng = np.random.default_rng(len(shape))
    logq = TF.log_softmax(torch.tensor(rng.normal(size=shape)), -1).numpy().astype(dtype)
    p = TF.softmax(torch.tensor(rng.normal(size=shape) * 2), -1).numpy().astype(dtype)
    target = np.log(p) if log_target else p
    xo, xt = Tensor(logq, requires_grad=True), torch.tensor(logq, requires_grad=True)
    to, tt = Tensor(target, requires_grad=True), torch.tensor(target, requires_grad=True)
    out = F.kl_div(xo, to, reduction=reduction, log_target=log_target)
    ref = TF.kl_div(xt, tt, reduction=reduction, log_target=log_target)
    kd_close(out, ref, dtype)
    g = rng.normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    kd_close(xo.grad, xt.grad, dtype)
    kd_close(to.grad, tt.grad, dtype)


def test_kl_div_zero_target_contributes_nothing():
    # 0 · log 0 = 0: a target of exactly 0 gives a term of 0, not NaN (torch's xlogy).
    # KL([0, 1/2, 1/2] || [1/2, 1/4, 1/4]) = 2 · 1/2 · log(2) = log 2.
    logq = np.log(np.array([[0.5, 0.25, 0.25]]))
    p = np.array([[0.0, 0.5, 0.5]])
    xo, xt = Tensor(logq, requires_grad=True), torch.tensor(logq, requires_grad=True)
    out, ref = F.kl_div(xo, p, reduction="sum"), TF.kl_div(xt, torch.tensor(p), reduction="sum")
    assert out.item() == pytest.approx(ref.item(), rel=1e-12)
    assert out.item() == pytest.approx(np.log(2), rel=1e-12)
    out.backward()
    ref.backward()
    np.testing.assert_allclose(xo.grad.data, xt.grad.numpy(), rtol=1e-12)


def torch_distillation(s, t, target, T, alpha):
    soft = TF.kl_div(TF.log_softmax(s / T, dim=1), TF.softmax(t / T, dim=1),
                     reduction="batchmean") * T * T
    if target is None:
        return soft
    return alpha * soft + (1 - alpha) * TF.cross_entropy(s, torch.tensor(target))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("T", [1.0, 2.0, 4.0, 10.0])
@pytest.mark.parametrize("with_labels, alpha", [(False, 0.5), (True, 0.5), (True, 0.9),
                                                (True, 0.0)])
@pytest.mark.parametrize("n, c", [(8, 5), (1, 3), (16, 10)])
def test_distillation_loss_matches_torch(n, c, with_labels, alpha, T, dtype):
    rng = np.random.default_rng(n * c)
    s = (rng.normal(size=(n, c)) * 2).astype(dtype)
    t = (rng.normal(size=(n, c)) * 3).astype(dtype)
    y = rng.integers(0, c, n) if with_labels else None
    so, st = Tensor(s, requires_grad=True), torch.tensor(s, requires_grad=True)
    out = F.distillation_loss(so, Tensor(t), y, temperature=T, alpha=alpha)
    ref = torch_distillation(st, torch.tensor(t), y, T, alpha)
    kd_close(out, ref, dtype)
    out.backward()
    ref.backward()
    kd_close(so.grad, st.grad, dtype)


def test_distillation_gradient_by_hand():
    # d/dz_s [T² KL(p_t || softmax(z_s / T))] / N = T (p_s - p_t) / N with p at temperature T.
    s = np.array([[1.0, 0.0, -1.0], [0.5, 0.5, 0.0]])
    t = np.array([[3.0, 1.0, 0.0], [0.0, 2.0, 0.0]])
    T = 2.0
    so = Tensor(s, requires_grad=True)
    F.distillation_loss(so, t, temperature=T).backward()

    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(so.grad.data, T * (softmax(s / T) - softmax(t / T)) / 2,
                               rtol=1e-12)
    # Equal logits: no loss, no gradient, whatever T.
    same = Tensor(t.copy(), requires_grad=True)
    loss = F.distillation_loss(same, t, temperature=5.0)
    loss.backward()
    assert abs(loss.item()) < 1e-12 and np.abs(same.grad.data).max() < 1e-12


def test_t_squared_keeps_the_gradient_scale_as_t_grows():
    # For large T, p = softmax(z / T) ≈ 1/C + (z - mean z) / (C T), so the gradient of the
    # T² loss, T (p_s - p_t), tends to ((z_s - mean) - (z_t - mean)) / (C N): independent of
    # T. Without the factor it is 1/T² of that. Ratio of the norms at T = 10 and T = 20: ~1
    # (it would be ~4 without T²).
    rng = np.random.default_rng(0)
    s, t = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))

    def grad_norm(T):
        so = Tensor(s, requires_grad=True)
        F.distillation_loss(so, t, temperature=T).backward()
        return np.linalg.norm(so.grad.data)
    assert grad_norm(10.0) / grad_norm(20.0) == pytest.approx(1.0, rel=0.01)
    n = s.shape[0]
    limit = ((s - s.mean(1, keepdims=True)) - (t - t.mean(1, keepdims=True))) / (6 * n)
    assert grad_norm(1000.0) == pytest.approx(np.linalg.norm(limit), rel=1e-3)


def test_distillation_does_not_train_the_teacher():
    t = Tensor(np.ones((2, 3)), requires_grad=True)
    s = Tensor(np.zeros((2, 3)) + np.arange(3), requires_grad=True)
    F.distillation_loss(s, t, temperature=2.0).backward()
    assert t.grad is None and s.grad is not None


def test_kd_gradcheck():
    rng = np.random.default_rng(0)
    s = Tensor(rng.normal(size=(3, 4)), requires_grad=True)
    t = rng.normal(size=(3, 4))
    assert gradcheck(lambda s: F.distillation_loss(s, t, np.array([0, 3, 1]), temperature=3.0,
                                                   alpha=0.7), [s])
    logq = Tensor(np.log(rng.dirichlet(np.ones(4), size=3)), requires_grad=True)
    p = Tensor(rng.dirichlet(np.ones(4), size=3), requires_grad=True)
    assert gradcheck(lambda x, y: F.kl_div(x, y, reduction="batchmean"), [logq, p])


@pytest.mark.parametrize("call, error, match", [
    (lambda: F.kl_div(Tensor(np.zeros((2, 3))), np.zeros((3, 2))), ValueError, "must match"),
    (lambda: F.kl_div(Tensor(np.zeros(3)), np.zeros(3), reduction="avg"), ValueError,
     "reduction must be one of"),
    (lambda: F.distillation_loss(Tensor(np.zeros((2, 3))), np.zeros((2, 3)), temperature=0),
     ValueError, "temperature must be a positive"),
    (lambda: F.distillation_loss(Tensor(np.zeros((2, 3))), np.zeros((2, 3)), alpha=1.5),
     ValueError, r"alpha must be in \[0, 1\]"),
    (lambda: F.distillation_loss(Tensor(np.zeros(3)), np.zeros(3)), ValueError, r"\(N, C\)"),
    (lambda: F.distillation_loss(Tensor(np.zeros((2, 3))), np.zeros((2, 4))), ValueError,
     "must match"),
])
def test_kd_rejects_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
