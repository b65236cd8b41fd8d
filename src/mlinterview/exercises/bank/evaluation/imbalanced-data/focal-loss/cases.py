"""Cases for imbalanced-data/focal-loss.

Expected values come from the library's autograd: the loss is built from
mlinterview.ml.nn.functional.logsigmoid and sigmoid on an mlinterview.ml.autograd Tensor
(both checked against PyTorch in tests/parity) exactly as torchvision's
sigmoid_focal_loss defines it, and the gradient comes from its backward pass, not from a
derived formula. The first cases are worked by hand.
"""

import numpy as np

import mlinterview.ml.nn.functional as F
from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor


def reference(logits, targets, gamma=2.0, alpha=0.25):
    x = Tensor(np.asarray(logits, dtype=float), requires_grad=True)
    y = np.asarray(targets, dtype=float)
    ce = -(F.logsigmoid(x) * y + F.logsigmoid(-x) * (1 - y))
    one_minus_pt = F.sigmoid(-x) * y + F.sigmoid(x) * (1 - y)
    loss = ce * one_minus_pt ** gamma
    if alpha is not None:
        loss = loss * (alpha * y + (1 - alpha) * (1 - y))
    loss = loss.mean()
    loss.backward()
    return float(loss.item()), np.asarray(x.grad.data if hasattr(x.grad, "data") else x.grad)


def fixed():
    log2 = np.log(2.0)
    sig2 = 1 / (1 + np.exp(-2.0))
    return [
        Case(([0.0], [1]), note="worked example: logit 0, target 1",
             expected=(0.0625 * log2, np.array([-0.0625 * (0.5 + log2)]))),
        Case(([0.0], [0]), note="logit 0, target 0: alpha_t = 0.75",
             expected=(0.1875 * log2, np.array([0.1875 * (0.5 + log2)]))),
        Case(([-800.0], [1]), note="a hopeless positive: finite loss",
             expected=(200.0, np.array([-0.25]))),
        Case(([800.0], [0]), note="a hopeless negative", expected=(600.0, np.array([0.75]))),
        Case(([800.0, -800.0], [1, 0]), note="perfect, confident predictions: 0",
             expected=(0.0, np.array([0.0, 0.0]))),
        Case(([2.0], [1], 0.0, None), note="gamma 0, no alpha: binary cross-entropy",
             expected=(np.log1p(np.exp(-2.0)), np.array([sig2 - 1.0]))),
        # Mean over 2 entries: each term and each gradient halves.
        Case(([0.0, 0.0], [1, 0], 2.0, None), note="two entries, no alpha: the mean",
             expected=(0.25 * log2, np.array([-0.5, 0.5]) * 0.25 * (0.5 + log2))),
        Case((np.array([[0.5, -1.0], [3.0, 0.2]]), np.array([[1, 0], [0, 1]]), 0.5, 0.25),
             note="a 2 x 2 batch, gamma 0.5"),
        Case(([4.0, -3.0, 0.1], [1, 1, 0], 1.0, 0.9), note="gamma 1, alpha 0.9"),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        shape = (int(rng.integers(1, 200)),) if i % 2 else (int(rng.integers(1, 30)),
                                                           int(rng.integers(1, 10)))
        if i == 21:
            shape = (500, 40)
        x = rng.normal(scale=rng.choice([1.0, 4.0, 8.0]), size=shape)
        y = (rng.random(shape) < rng.uniform(0.01, 0.5)).astype(int)
        gamma = float(rng.choice([0.0, 0.5, 1.0, 2.0, 3.0]))
        alpha = None if i % 5 == 0 else float(rng.choice([0.25, 0.5, 0.75]))
        args = (x, y, gamma, alpha) if i % 3 else (x.tolist(), y.tolist(), gamma, alpha)
        cases.append(Case(args, note=f"shape {shape}, gamma {gamma:g}, alpha {alpha}",
                          size=int(np.prod(shape))))
    return cases


SPEC = ExerciseSpec(
    function="focal_loss_grad",
    # Closed-form derivative vs reverse-mode autograd of the same function in float64:
    # agreement to ~1e-14 relative for |logit| <= 30.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
