"""Cases for energy-based-models/langevin-mala.

Unadjusted Langevin: expected values come from mlinterview.ml.generative.langevin_sample
(the sampler of the library's EnergyModel, whose stationary law is checked in
tests/parity/test_generative.py), fed the case's noise through a generator that replays
it. MALA has no library counterpart: its reference is written independently below, one
chain at a time, with the target and proposal log-densities from
scipy.stats.multivariate_normal (normalising constants included; they cancel in the
ratio). The fixed cases are worked by hand.
"""

import numpy as np
from scipy.stats import multivariate_normal

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.generative import langevin_sample


class _Replay(np.random.Generator):
    """A generator whose ``standard_normal`` returns the given draws, one per call."""

    def __init__(self, draws):
        super().__init__(np.random.PCG64(0))
        self._draws = iter(draws)

    def standard_normal(self, size=None, dtype=np.float64, out=None):
        return np.array(next(self._draws), dtype=float)


def _mala(x0, mu, precision, h, noise, uniforms):
    cov = np.linalg.inv(precision)
    target = multivariate_normal(mu, cov)
    d = len(mu)
    x_out, rates = [], []
    for i in range(len(x0)):
        x, accepted = np.array(x0[i], dtype=float), 0
        for k in range(len(noise)):
            y = x - h * precision @ (x - mu) + np.sqrt(2 * h) * noise[k][i]
            forward = multivariate_normal(x - h * precision @ (x - mu), 2 * h * np.eye(d))
            backward = multivariate_normal(y - h * precision @ (y - mu), 2 * h * np.eye(d))
            log_alpha = (target.logpdf(y) - target.logpdf(x)
                         + backward.logpdf(x) - forward.logpdf(y))
            if np.log(uniforms[k][i]) < log_alpha:
                x, accepted = y, accepted + 1
        x_out.append(x)
        rates.append(accepted / len(noise) if len(noise) else 1.0)
    return np.array(x_out).reshape(np.shape(x0)), np.array(rates)


def reference(x0, mu, precision, step_size, noise, uniforms, metropolis):
    x0, mu = np.asarray(x0, dtype=float), np.asarray(mu, dtype=float)
    precision, noise = np.asarray(precision, dtype=float), np.asarray(noise, dtype=float)
    if metropolis:
        return _mala(x0, mu, precision, step_size, noise, np.asarray(uniforms, dtype=float))
    x = langevin_sample(lambda z: (z - mu) @ precision, x0, n_steps=len(noise),
                        step_size=step_size, random_state=_Replay(noise))
    return x, np.ones(len(x0))


def _a(*rows):
    return np.array(rows, dtype=float)


ONE = (_a(0.0), _a([1.0]))                         # mu = 0, precision = 1: grad E(x) = x


def fixed():
    return [
        Case((_a([2.0]), *ONE, 0.5, _a([[1.0]], [[-1.0]]), _a([0.5], [0.5]), False),
             note="the statement's ULA example", expected=(_a([0.0]), _a(1.0))),
        Case((_a([0.0], [0.0]), *ONE, 0.5, _a([[3.0], [3.0]]), _a([0.5, 0.2]), True),
             note="the statement's MALA example: one chain rejects, one accepts",
             expected=(_a([0.0], [3.0]), _a(0.0, 1.0))),
        # From 2 with z = 1: y = 2, log alpha = 0 -> accepted. Then z = -1: y = 0,
        # log alpha = 2 - 0 - (2 - 0 + 0)^2/2 + (0 - 2 + 1)^2/2 = 1.5 -> accepted.
        Case((_a([2.0]), *ONE, 0.5, _a([[1.0]], [[-1.0]]), _a([0.99], [0.99]), True),
             note="MALA accepts both moves of the ULA example (log alpha = 0, then 1.5)",
             expected=(_a([0.0]), _a(1.0))),
        Case((_a([1.0, -1.0]), _a(0.0, 0.0), np.eye(2), 0.1, np.zeros((0, 1, 2)),
              np.zeros((0, 1)), True), note="no steps: x0 back, acceptance 1",
             expected=(_a([1.0, -1.0]), _a(1.0))),
        # mu = 1, precision = 4, h = 0.125: x <- x - 0.5 (x - 1) + 0.5 z = 0.5 x + 0.5 + 0.5 z:
        # chain 0: 3 -> 2 (z = 0) -> 2.5 (z = 2); chain 1: -1 -> 1 (z = 2) -> 1 (z = 0).
        Case((_a([3.0], [-1.0]), _a(1.0), _a([4.0]), 0.125, _a([[0.0], [2.0]], [[2.0], [0.0]]),
              _a([0.5, 0.5], [0.5, 0.5]), False),
             note="ULA with mu = 1, precision 4: two chains, two steps",
             expected=(_a([2.5], [1.0]), _a(1.0, 1.0))),
        # mu = 0, precision 1, h = 0.5, x = 0, z = 3: log alpha = -1.125 (statement);
        # u = exp(-1.125) * 1.0001 is just above the bar: rejected.
        Case((_a([0.0]), *ONE, 0.5, _a([[3.0]]), _a([np.exp(-1.125) * 1.0001]), True),
             note="MALA: a uniform just above alpha rejects", expected=(_a([0.0]), _a(0.0))),
        Case((_a([0.0]), *ONE, 0.5, _a([[3.0]]), _a([np.exp(-1.125) * 0.9999]), True),
             note="MALA: a uniform just below alpha accepts", expected=(_a([3.0]), _a(1.0))),
        Case((_a([0.5, 0.0], [0.0, 2.0], [1.0, 1.0]), _a(1.0, -1.0), _a([2.0, 0.5], [0.5, 1.0]),
              0.2, np.random.default_rng(0).normal(size=(5, 3, 2)),
              np.random.default_rng(1).random((5, 3)), True),
             note="MALA in 2-D with a correlated precision, three chains, five steps"),
    ]


def _spd(rng, d):
    A = rng.normal(size=(d, d))
    return A @ A.T / d + 0.3 * np.eye(d)


def generated(rng):
    cases = []
    for i in range(24):
        n, d, n_steps = int(rng.integers(1, 12)), int(rng.integers(1, 4)), int(rng.integers(1, 30))
        prec = _spd(rng, d)
        # Small steps accept almost always; large ones are rejected often.
        h = float([0.01, 0.1, 0.5, 1.5][i % 4] / np.linalg.eigvalsh(prec).max())
        args = (rng.normal(size=(n, d)) * 2.0, rng.normal(size=d), prec, h,
                rng.normal(size=(n_steps, n, d)), rng.random((n_steps, n)), bool(i % 2))
        cases.append(Case(args, note=f"{'MALA' if i % 2 else 'ULA'}: {n} chains in "
                          f"{d}-D, {n_steps} steps, h = {h:.3g}", size=n * d * n_steps))
    return cases


SPEC = ExerciseSpec(
    function="langevin",
    # Up to 30 steps of a contracting linear map: rounding stays ~1e-13. Accept/reject
    # decisions are never within 1e-9 of the bar except in the two cases built for it.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
