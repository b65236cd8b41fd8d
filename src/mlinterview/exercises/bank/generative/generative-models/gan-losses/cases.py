"""Cases for generative-models/gan-losses.

Expected values come from the library's autograd, as mlinterview.ml.generative.GAN
trains: binary_cross_entropy_with_logits for the discriminator and the non-saturating
generator, logsigmoid(-l) for the minimax one (mlinterview.ml.nn.functional, checked
against PyTorch in tests/parity), and the gradients from backward(). The fixed cases are
worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def reference(real_logits, fake_logits):
    real = Tensor(np.asarray(real_logits, dtype=float))
    k = len(fake_logits)
    fake_ns = Tensor(np.asarray(fake_logits, dtype=float), requires_grad=True)
    fake_mm = Tensor(np.asarray(fake_logits, dtype=float), requires_grad=True)
    bce = F.binary_cross_entropy_with_logits
    d_loss = bce(real, np.ones(len(real_logits))) + bce(Tensor(fake_ns.data), np.zeros(k))
    g_ns = bce(fake_ns, np.ones(k))
    g_mm = F.logsigmoid(-fake_mm).mean()
    g_ns.backward()
    g_mm.backward()
    return (float(d_loss.item()), float(g_ns.item()), float(g_mm.item()), fake_ns.grad.data,
            fake_mm.grad.data)


L3 = np.log(3.0)


def fixed():
    return [
        Case(([0.0], [0.0]), note="the statement's first example",
             expected=(2 * np.log(2), np.log(2), -np.log(2), np.array([-0.5]),
                       np.array([-0.5]))),
        Case(([L3], [-L3]), note="D = 3/4 on the real, 1/4 on the fake",
             expected=(2 * np.log(4 / 3), np.log(4), np.log(0.75), np.array([-0.75]),
                       np.array([-0.25]))),
        Case(([1000.0], [-1000.0]), note="a perfect discriminator: logits ±1000",
             expected=(0.0, 1000.0, 0.0, np.array([-1.0]), np.array([0.0]))),
        Case(([-1000.0], [1000.0]), note="a fooled discriminator: logits ∓1000",
             expected=(2000.0, 0.0, -1000.0, np.array([0.0]), np.array([-1.0]))),
        # Two fakes at ±ln 3: grad_ns = -[3/4, 1/4] / 2, grad_mm = -[1/4, 3/4] / 2.
        Case(([0.0, 0.0, 0.0], [-L3, L3]), note="means over k = 2 fakes and m = 3 reals",
             expected=(np.log(2) + (np.log(4 / 3) + np.log(4)) / 2,
                       (np.log(4) + np.log(4 / 3)) / 2, -(np.log(4 / 3) + np.log(4)) / 2,
                       np.array([-0.375, -0.125]), np.array([-0.125, -0.375]))),
    ]


def generated(rng):
    cases = []
    for i in range(26):
        m, k = int(rng.integers(1, 300)), int(rng.integers(1, 300))
        scale = [0.5, 3.0, 30.0, 800.0][i % 4]
        real = rng.normal(loc=scale / 3, size=m) * scale
        fake = rng.normal(loc=-scale / 3, size=k) * scale
        cases.append(Case((real, fake), note=f"{m} real, {k} fake logits of scale {scale}",
                          size=m + k))
    return cases


SPEC = ExerciseSpec(
    function="gan_losses",
    # Means of softplus values: any stable formula agrees to ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
