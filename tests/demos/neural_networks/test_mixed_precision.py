"""The mixed-precision and clipping demos checked against float16 facts, PyTorch and
closed forms."""

import math

import numpy as np
import pytest
import torch

from mlinterview.demos import registry
from mlinterview.demos.neural_networks.mixed_precision import (
    FP16_MAX,
    FP16_SMALLEST_NORMAL,
    FP16_SMALLEST_SUBNORMAL,
    _SequenceRegressor,
    absorbed_fraction,
    gradients,
    make_mlp,
    regression_batch,
    train_rnn,
    underflow_stats,
)


def test_float16_limits_are_ieee_half_precision():
    info = np.finfo(np.float16)
    assert FP16_MAX == float(info.max) == 65504.0
    assert FP16_SMALLEST_NORMAL == float(info.smallest_normal) == 2.0**-14
    assert FP16_SMALLEST_SUBNORMAL == float(info.smallest_subnormal) == 2.0**-24
    # Below half the smallest subnormal a value rounds to 0; at 2^-24 it survives.
    assert np.float16(2.0**-24) > 0 and np.float16(2.0**-26) == 0
    with np.errstate(over="ignore"):
        assert np.isinf(np.float16(70000.0))


def test_reference_gradients_equal_pytorchs():
    X, y = regression_batch(32, 0.01, seed=3)
    ours = gradients(make_mlp(np.float64, 4), X, y, 1.0, 0.01)
    model = make_mlp(np.float64, 4)
    ref = torch.nn.Sequential(torch.nn.Linear(16, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64),
                              torch.nn.Tanh(), torch.nn.Linear(64, 1)).double()
    ref.load_state_dict({k: torch.tensor(np.asarray(v)) for k, v in model.state_dict().items()})
    out = ref(torch.tensor(X)) * 0.01
    ((out - torch.tensor(y)) ** 2).mean().backward()
    for g, p in zip(ours, ref.parameters(), strict=True):
        np.testing.assert_allclose(g, p.grad.numpy(), rtol=1e-10, atol=1e-300)


@pytest.fixture(scope="module")
def underflow():
    out = registry()["mixed-precision-gradient-clipping"].run()
    return out.params, {r[0]: r for r in out.result.table.rows}, out.result.summary


def test_unscaled_float16_loses_at_least_what_it_cannot_represent(underflow):
    params, rows, _ = underflow
    X, y = regression_batch(params["batch"], params["target_scale"], params["seed"])
    ref = gradients(make_mlp(np.float64, params["seed"] + 1), X, y, 1.0,
                    params["target_scale"])
    g = np.abs(np.concatenate([a.ravel() for a in ref]))
    g = g[g > 0]
    # Every final gradient below half of 2^-24 rounds to 0 in float16, whatever happened
    # before; intermediate underflow can only add to that.
    assert rows["1 (no scaling)"][1] >= np.mean(g < 2.0**-25) - 1e-4
    assert rows["1 (no scaling)"][1] > 0.3
    # Scaled by 2^16 almost nothing is lost, and the error is float16's rounding.
    assert rows["2^16 (static)"][1] < 0.01
    assert rows["2^16 (static)"][2] < 1e-2 < rows["1 (no scaling)"][2]
    # 2^32 overflows: the largest gradient times 2^32 is far beyond 65504.
    assert rows["2^32 (static)"][3] == "yes"
    assert g.max() * 2.0**32 > FP16_MAX


def test_grad_scaler_settles_at_the_largest_scale_that_fits(underflow):
    params, rows, _ = underflow
    label = next(k for k in rows if k.startswith("GradScaler"))
    assert "2^31" in label
    X, y = regression_batch(params["batch"], params["target_scale"], params["seed"])
    ref = gradients(make_mlp(np.float64, params["seed"] + 1), X, y, 1.0,
                    params["target_scale"])
    half = make_mlp(np.float16, params["seed"] + 1)
    t = params["target_scale"]
    assert not underflow_stats(ref, gradients(half, X, y, 2.0**31, t), 2.0**31)[2]
    assert underflow_stats(ref, gradients(half, X, y, 2.0**32, t), 2.0**32)[2]


def test_underflow_stats_on_a_hand_made_case():
    ref = [np.array([1e-9, 1e-3, 0.0]), np.array([2.0])]
    got = [np.array([0.0, 1e-3, 0.0], dtype=np.float16), np.array([2.0], dtype=np.float16)]
    lost, rel, over = underflow_stats(ref, got, 1.0)
    assert lost == pytest.approx(1 / 3)  # of the three non-zero entries, one became 0
    expected = np.linalg.norm(np.array([-1e-9, np.float32(np.float16(1e-3)) - 1e-3, 0, 0])) \
        / np.linalg.norm([1e-9, 1e-3, 0, 2.0])
    assert rel == pytest.approx(expected, rel=1e-3)
    assert not over
    assert underflow_stats(ref, [np.array([np.inf, 0, 0]), np.array([1.0])], 1.0)[2]


def test_absorbed_fraction_matches_the_spacing_of_float16():
    rng = np.random.default_rng(0)
    w = rng.uniform(-0.3, 0.3, 5000).astype(np.float32)
    step = 1e-5
    w16 = w.astype(np.float16)
    # w + δ rounds back to w when δ is below half the gap to the next float16.
    gap = np.spacing(np.abs(w16)).astype(np.float64)
    expected = np.mean(step < gap / 2)
    assert absorbed_fraction(w, step, np.float16) == pytest.approx(expected, abs=0.01)
    assert absorbed_fraction(w, step, np.float32) == 0.0
    assert absorbed_fraction(np.array([1.0], dtype=np.float32), 1e-4, np.float16) == 1.0


def test_master_weight_numbers_in_the_summary(underflow):
    _, _, summary = underflow
    assert "against 0.0% in float32" in summary


def _torch_clipped_run(clip, steps, lr, gain, seed=0):
    net = _SequenceRegressor(16, gain, seed + 1)
    ref = torch.nn.ModuleDict({"rnn": torch.nn.RNN(1, 16), "head": torch.nn.Linear(16, 1)})
    ref = ref.double()
    ref.load_state_dict({k: torch.tensor(np.asarray(v)) for k, v in net.state_dict().items()})
    opt = torch.optim.SGD(ref.parameters(), lr=lr, momentum=0.9)
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(steps):
        x = rng.normal(size=(20, 32, 1))
        y = x[-1] + 0.5 * x[-2]
        opt.zero_grad()
        out, _ = ref["rnn"](torch.tensor(x))
        loss = ((ref["head"](out[-1]) - torch.tensor(y)) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        if clip == "norm":
            torch.nn.utils.clip_grad_norm_(ref.parameters(), 1.0)
        elif clip == "value":
            torch.nn.utils.clip_grad_value_(ref.parameters(), 0.1)
        opt.step()
    return np.array(losses)


@pytest.mark.parametrize("clip", ["none", "norm", "value"])
def test_clipped_training_equals_pytorchs(clip):
    ours, _ = train_rnn(clip, 12, lr=0.3, gain=1.2)
    theirs = _torch_clipped_run(clip, 12, lr=0.3, gain=1.2)
    # float64; 12 SGD steps through a 20-step RNN, same batches.
    np.testing.assert_allclose(ours, theirs, rtol=1e-7)


@pytest.mark.slow
def test_clipping_tames_the_exploding_run():
    rows = {r[0]: r for r in
            registry()["mixed-precision-gradient-clipping/clipping"].run().result.table.rows}
    none, norm = rows["no clipping"], rows["clip_grad_norm_(1)"]
    value = rows["clip_grad_value_(0.1)"]
    assert isinstance(none[5], int) and none[3] == "inf"
    assert none[4] > 1e3  # the spike that throws the weights away
    for row in (norm, value):
        assert row[5] == "none in 120"
        assert math.isfinite(row[3]) and row[3] < row[1]
    # With a small learning rate nothing explodes even without clipping.
    calm = registry()["mixed-precision-gradient-clipping/clipping"].run(lr=0.05).result.table
    assert calm.row("no clipping")[calm.columns[5]] == "none in 120"
