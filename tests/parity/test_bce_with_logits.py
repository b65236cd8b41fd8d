"""``mlinterview.ml.multilabel.bce_with_logits`` (NumPy) against PyTorch's
``BCEWithLogitsLoss``: several shapes, reductions, per-label ``pos_weight``, per-cell
``weight``, soft targets, float32 input and logits of ±1000. Tolerance rtol 1e-12 (both
compute in float64 with a stable log-sigmoid), a hand-worked case, and the errors."""

import math

import numpy as np
import pytest
import torch

from mlinterview.ml.multilabel import bce_with_logits


def _torch(z, y, reduction="mean", pos_weight=None, weight=None):
    t = lambda a: None if a is None else torch.as_tensor(np.asarray(a, dtype=np.float64))  # noqa: E731
    loss = torch.nn.BCEWithLogitsLoss(weight=t(weight), reduction=reduction,
                                      pos_weight=t(pos_weight))
    return loss(t(z), t(y)).numpy()


@pytest.mark.parametrize("shape", [(1, 1), (7, 3), (64, 20), (5,), (4, 3, 2)])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_matches_pytorch(shape, reduction):
    rng = np.random.default_rng(sum(shape))
    z = rng.normal(scale=4.0, size=shape)
    y = (rng.random(shape) < 0.3).astype(float)
    np.testing.assert_allclose(bce_with_logits(z, y, reduction=reduction),
                               _torch(z, y, reduction), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_pos_weight_weight_and_soft_targets_match_pytorch(reduction):
    rng = np.random.default_rng(1)
    z = rng.normal(scale=3.0, size=(30, 5))
    y = rng.random((30, 5))                            # soft targets
    pw = np.array([1.0, 9.0, 0.5, 3.0, 20.0])
    w = rng.uniform(0.1, 2.0, size=(30, 5))
    np.testing.assert_allclose(
        bce_with_logits(z, y, pos_weight=pw, weight=w, reduction=reduction),
        _torch(z, y, reduction, pw, w), rtol=1e-12, atol=1e-15)


def test_extreme_logits_and_float32_stay_finite_and_match():
    z = np.array([[1000.0, -1000.0, 40.0, -40.0, 0.0]])
    y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
    ours = bce_with_logits(z, y, reduction="none")
    assert np.all(np.isfinite(ours))
    # PyTorch rounds log(1 + e^-40) = 4.2e-18 to 0; ours keeps it: hence the atol.
    np.testing.assert_allclose(ours, _torch(z, y, "none"), rtol=1e-12, atol=1e-15)
    assert ours[0, 3] == pytest.approx(math.exp(-40), rel=1e-12)
    # A confidently wrong logit of ±1000 costs 1000 nats (not inf).
    assert ours[0, 0] == pytest.approx(1000.0) and ours[0, 1] == pytest.approx(1000.0)
    z32, y32 = z.astype(np.float32), y.astype(np.float32)
    assert bce_with_logits(z32, y32) == pytest.approx(float(_torch(z, y)), rel=1e-12)


def test_hand_worked():
    # z = 0 gives p = 1/2 and a loss of log 2 whatever the target; z = log 3 gives p = 3/4:
    # -log(3/4) for y = 1 and -log(1/4) for y = 0. pos_weight 2 doubles the positive term.
    z = np.array([[0.0, math.log(3)], [0.0, math.log(3)]])
    y = np.array([[1.0, 1.0], [0.0, 0.0]])
    expected = (math.log(2) - math.log(0.75) + math.log(2) - math.log(0.25)) / 4
    assert bce_with_logits(z, y) == pytest.approx(expected, rel=1e-14)
    with_pw = (2 * math.log(2) - 2 * math.log(0.75) + math.log(2) - math.log(0.25)) / 4
    assert bce_with_logits(z, y, pos_weight=[2.0, 2.0]) == pytest.approx(with_pw, rel=1e-14)


@pytest.mark.parametrize("kwargs, match", [
    (dict(logits=np.zeros((2, 3)), targets=np.zeros((3, 2))), "targets: expected the shape"),
    (dict(logits=np.zeros(2), targets=np.array([0.0, 2.0])), "targets: expected values"),
    (dict(logits=np.array([np.nan, 0.0]), targets=np.zeros(2)), "logits: expected finite"),
    (dict(logits=np.zeros(2), targets=np.zeros(2), reduction="avg"), "reduction"),
])
def test_bad_input_names_the_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        bce_with_logits(**kwargs)
