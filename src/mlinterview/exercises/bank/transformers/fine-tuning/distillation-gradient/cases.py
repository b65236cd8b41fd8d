"""Cases for fine-tuning/distillation-gradient.

Expected values come from mlinterview.ml.nn.functional.distillation_loss and the autograd
engine's backward in float64 (both checked against torch.nn.functional.kl_div and the same
T²-scaled formula in torch in tests/parity/test_fine_tuning.py). The fixed cases are worked
by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def reference(student_logits, teacher_logits, labels, temperature, alpha):
    s = Tensor(np.array(student_logits, dtype=np.float64), requires_grad=True)
    t = np.asarray(teacher_logits, dtype=np.float64)
    y = None if labels is None else np.asarray(labels, dtype=np.int64)
    loss = F.distillation_loss(s, t, y, temperature=float(temperature), alpha=float(alpha))
    loss.backward()
    return float(loss.item()), s.grad.data.copy()


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    ln3 = math.log(3.0)
    kl = 0.75 * math.log(1.5) + 0.25 * math.log(0.5)
    return [
        Case((_a([0.0, 0.0]), _a([2 * ln3, 0.0]), np.array([0]), 2.0, 0.5),
             note="the statement's example",
             expected=(0.5 * 4 * kl + 0.5 * math.log(2), _a([-0.5, 0.5]))),
        Case((_a([0.0, 0.0]), _a([2 * ln3, 0.0]), None, 2.0, 0.5),
             note="no labels: the soft term alone, weight 1",
             expected=(4 * kl, _a([-0.5, 0.5]))),
        Case((_a([1.0, 2.0, 3.0], [0.0, 0.0, 5.0]), _a([1.0, 2.0, 3.0], [0.0, 0.0, 5.0]),
              None, 3.0, 0.5),
             note="student equals teacher: no loss, no gradient", expected=(0.0, np.zeros((2, 3)))),
        Case((_a([0.0, 0.0]), _a([ln3, 0.0]), np.array([1]), 1.0, 1.0),
             note="T = 1, alpha = 1: the labels get no weight",
             expected=(kl, _a([-0.25, 0.25]))),
        Case((_a([0.0, 0.0]), _a([ln3, 0.0]), np.array([1]), 1.0, 0.0),
             note="alpha = 0: cross-entropy with the labels only",
             expected=(math.log(2), _a([0.5, -0.5]))),
        Case((_a([0.0, 0.0], [0.0, 0.0]), _a([4 * ln3, 0.0], [0.0, 4 * ln3]), None, 4.0, 0.5),
             note="N = 2, T = 4: each row's gradient is divided by N",
             expected=(16 * kl, _a([-0.5, 0.5], [0.5, -0.5]))),
        Case((_a([1000.0, 0.0, -1000.0]), _a([0.0, 1000.0, 0.0]), np.array([2]), 10.0, 0.5),
             note="logits of ±1000: exp must not overflow"),
        Case((_a([3.0, -1.0, 0.5, 2.0]), _a([-2.0, 4.0, 1.0, 0.0]), np.array([3]), 0.5, 0.3),
             note="T < 1 sharpens both softmaxes"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n, c = int(rng.integers(1, 30)), int(rng.integers(2, 12))
        scale = float(10 ** rng.uniform(-1, 1.5))
        s = rng.normal(size=(n, c)) * scale
        t = rng.normal(size=(n, c)) * scale * 1.5
        labels = None if i % 4 == 0 else rng.integers(0, c, n)
        temperature = float(rng.choice([1.0, 2.0, 4.0, 8.0, rng.uniform(0.5, 20.0)]))
        alpha = float(rng.choice([0.0, 0.5, 0.9, 1.0, rng.uniform()]))
        cases.append(Case((s, t, labels, temperature, alpha),
                          note=f"N = {n}, C = {c}, T = {temperature:.3g}, alpha = {alpha:.3g}"
                               + (", no labels" if labels is None else ""),
                          size=n * c))
    return cases


SPEC = ExerciseSpec(
    function="distillation_loss_grad",
    # Log-softmaxes and sums in float64; solutions may sum KL terms in another order.
    compare=AllClose(rtol=1e-7, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
