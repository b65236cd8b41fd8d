"""clip_grad_norm_ and clip_grad_value_ against torch.nn.utils (rtol 1e-12, float64)."""

import math

import numpy as np
import pytest
import torch

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import Parameter
from mlinterview.ml.nn.utils import clip_grad_norm_, clip_grad_value_


def pair(grads):
    ours, theirs = [], []
    for g in grads:
        p = Parameter(np.zeros_like(g))
        p.grad = Tensor(g.copy())
        q = torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64))
        q.grad = torch.tensor(g.copy())
        ours.append(p)
        theirs.append(q)
    return ours, theirs


GRADS = [np.random.default_rng(0).normal(scale=5, size=s) for s in [(3, 4), (7,), (2, 2, 2)]]


@pytest.mark.parametrize("max_norm", [0.5, 3.0, 1e3])
@pytest.mark.parametrize("norm_type", [1.0, 2.0, 3.5, math.inf])
def test_clip_grad_norm(max_norm, norm_type):
    ours, theirs = pair(GRADS)
    total = clip_grad_norm_(ours, max_norm, norm_type)
    ref = torch.nn.utils.clip_grad_norm_(theirs, max_norm, norm_type)
    assert total.item() == pytest.approx(ref.item(), rel=1e-12)
    for p, q in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(p.grad.data, q.grad.numpy(), rtol=1e-12)


def test_clip_grad_norm_keeps_the_direction():
    ours, _ = pair(GRADS)
    before = np.concatenate([p.grad.data.ravel() for p in ours])
    clip_grad_norm_(ours, 1.0)
    after = np.concatenate([p.grad.data.ravel() for p in ours])
    assert np.linalg.norm(after) == pytest.approx(1.0, rel=1e-5)
    np.testing.assert_allclose(after / np.linalg.norm(after), before / np.linalg.norm(before))


def test_non_finite_norm():
    grads = [np.array([1.0, np.inf])]
    ours, theirs = pair(grads)
    with pytest.raises(RuntimeError, match="non-finite"):
        clip_grad_norm_(ours, 1.0, error_if_nonfinite=True)
    with pytest.raises(RuntimeError):
        torch.nn.utils.clip_grad_norm_(theirs, 1.0, error_if_nonfinite=True)


@pytest.mark.parametrize("clip_value", [0.1, 2.0])
def test_clip_grad_value(clip_value):
    ours, theirs = pair(GRADS)
    clip_grad_value_(ours, clip_value)
    torch.nn.utils.clip_grad_value_(theirs, clip_value)
    for p, q in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(p.grad.data, q.grad.numpy())


def test_bad_arguments():
    ours, _ = pair(GRADS)
    with pytest.raises(ValueError, match="max_norm must be non-negative"):
        clip_grad_norm_(ours, -1.0)
    with pytest.raises(ValueError, match="clip_value must be non-negative"):
        clip_grad_value_(ours, -1.0)
