"""GradScaler against torch.amp.GradScaler("cpu"): the same scale sequence, the same skipped
steps and the same parameters on a scripted sequence of finite and non-finite gradients."""

import numpy as np
import pytest
import torch

from mlinterview.ml import optim
from mlinterview.ml.amp import GradScaler, master_params_to_model, model_grads_to_master
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import Parameter


def scripted_gradients(n, seed=0):
    """Mostly finite gradients with inf and NaN at fixed places."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        g = rng.normal(size=4).astype(np.float32)
        if i in (3, 4, 11, 20):
            g[1] = np.inf
        if i == 15:
            g[2] = np.nan
        out.append(g)
    return out


@pytest.mark.parametrize("options", [dict(init_scale=2.0**10, growth_interval=3),
                                     dict(init_scale=8.0, growth_factor=3.0,
                                          backoff_factor=0.25, growth_interval=2),
                                     dict()])
def test_scale_sequence_and_skipped_steps_match(options):
    p = Parameter(np.ones(4, dtype=np.float32))
    q = torch.nn.Parameter(torch.ones(4))
    opt_o, opt_t = optim.SGD([p], lr=0.1), torch.optim.SGD([q], lr=0.1)
    ours, theirs = GradScaler(**options), torch.amp.GradScaler("cpu", **options)
    for g in scripted_gradients(30):
        ours.scale(Tensor(np.ones((), dtype=np.float32)))
        theirs.scale(torch.ones(()))  # torch creates its scale tensor lazily here
        # The gradient of the scaled loss is the scaled gradient.
        p.grad = Tensor((g * ours.get_scale()).astype(np.float32))
        q.grad = torch.tensor(g) * theirs.get_scale()
        ours.step(opt_o)
        theirs.step(opt_t)
        ours.update()
        theirs.update()
        assert ours.get_scale() == theirs.get_scale()
        np.testing.assert_allclose(p.data, q.detach().numpy(), rtol=1e-6)


def test_unscale_before_clipping_then_step():
    p = Parameter(np.zeros(3, dtype=np.float32))
    opt = optim.SGD([p], lr=1.0)
    scaler = GradScaler(init_scale=1024.0)
    p.grad = Tensor(np.array([1024.0, -2048.0, 512.0], dtype=np.float32))
    scaler.unscale_(opt)
    np.testing.assert_array_equal(p.grad.data, [1.0, -2.0, 0.5])
    with pytest.raises(RuntimeError, match="already been called"):
        scaler.unscale_(opt)
    scaler.step(opt)  # does not unscale a second time
    np.testing.assert_array_equal(p.data, [-1.0, 2.0, -0.5])


def test_loss_scaling_rescues_float16_gradients():
    # A gradient of 1e-8 underflows to 0 in float16 (smallest subnormal ~6e-8); scaled by
    # 2^16 it is representable, and unscaling in float32 recovers it.
    tiny = 1e-8
    assert np.float16(tiny) == 0
    scaled = np.float16(tiny * 2.0**16)
    assert scaled != 0
    assert abs(float(np.float32(scaled) / 2.0**16) - tiny) / tiny < 1e-3


def test_master_weights_round_trip():
    master = [Parameter(np.array([1.0, 2.0], dtype=np.float32))]
    model = [Parameter(np.zeros(2, dtype=np.float16))]
    master_params_to_model(model, master)
    assert model[0].dtype == np.float16 and np.array_equal(model[0].data, [1, 2])
    model[0].grad = Tensor(np.array([0.5, -0.25], dtype=np.float16))
    model_grads_to_master(model, master)
    assert master[0].grad.dtype == np.float32
    np.testing.assert_array_equal(master[0].grad.data, [0.5, -0.25])
    # A float16 weight cannot absorb a 1e-4 update; the float32 master can.
    assert np.float16(1.0) + np.float16(1e-4) == np.float16(1.0)
    assert np.float32(1.0) + np.float32(1e-4) != np.float32(1.0)


def test_disabled_scaler_is_a_pass_through():
    p = Parameter(np.zeros(2, dtype=np.float32))
    opt = optim.SGD([p], lr=1.0)
    scaler = GradScaler(enabled=False)
    assert scaler.scale(3.0) == 3.0 and scaler.get_scale() == 1.0
    p.grad = Tensor(np.array([1.0, np.inf], dtype=np.float32))
    scaler.step(opt)
    assert p.data[0] == -1.0


def test_bad_options():
    with pytest.raises(ValueError, match="growth_factor"):
        GradScaler(growth_factor=1.0)
    with pytest.raises(ValueError, match="backoff_factor"):
        GradScaler(backoff_factor=1.5)
