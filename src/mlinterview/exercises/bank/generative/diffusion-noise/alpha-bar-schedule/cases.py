"""Cases for diffusion-noise/alpha-bar-schedule.

Schedules come from mlinterview.ml.generative's linear_beta_schedule and
cosine_beta_schedule (the ones its DDPM trains with). Expected values are computed by
another route than the cumulative product: ᾱ_t = exp(Σ_{s≤t} log1p(−β_s)) and
1 − ᾱ_t = −expm1(Σ_{s≤t} log1p(−β_s)), which agree with np.cumprod(1 − β) to ~1e-13
relative on these schedules (the cosine schedule's ᾱ also has the closed form
f(t)/f(0) until its betas are clipped). The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.generative import cosine_beta_schedule, linear_beta_schedule


def reference(betas):
    b = np.asarray(betas, dtype=float)
    if b.ndim != 1 or not np.all((b >= 0) & (b < 1)):
        raise ValueError("betas: expected a 1-D array of values in [0, 1)")
    log_alpha_bar = np.cumsum(np.log1p(-b))
    with np.errstate(divide="ignore"):
        return np.exp(log_alpha_bar), np.exp(log_alpha_bar) / -np.expm1(log_alpha_bar)


def _a(*values):
    return np.array(values, dtype=float)


INF = float("inf")


def fixed():
    return [
        Case(([0.1, 0.2, 0.5],), note="the statement's example",
             expected=(_a(0.9, 0.72, 0.36), _a(9.0, 0.72 / 0.28, 0.5625))),
        Case((_a(0.5),), note="T = 1", expected=(_a(0.5), _a(1.0))),
        Case((_a(0.0, 0.0, 0.75, 0.0),), note="beta = 0: alpha_bar = 1 and SNR = inf "
             "until the first noise", expected=(_a(1.0, 1.0, 0.25, 0.25),
                                               _a(INF, INF, 1 / 3, 1 / 3))),
        # 0.8 * 0.5 = 0.4 -> SNR 0.4 / 0.6; 0.4 * 0.1 = 0.04 -> 0.04 / 0.96.
        Case((_a(0.2, 0.5, 0.9),), note="a large beta: the SNR drops fast",
             expected=(_a(0.8, 0.4, 0.04), _a(4.0, 2 / 3, 1 / 24))),
        Case(([0.36] * 4,), note="a constant schedule: alpha_bar = 0.64^t",
             expected=(_a(0.64, 0.4096, 0.262144, 0.16777216),
                       _a(0.64 / 0.36, 0.4096 / 0.5904, 0.262144 / 0.737856,
                          0.16777216 / 0.83222784))),
        Case(([0.1, 1.0, 0.2],), note="beta = 1 is outside [0, 1)", raises="ValueError"),
        Case(([0.1, 0.999999, 0.2],), note="beta just below 1 is allowed",
             expected=(_a(0.9, 0.9e-6, 0.72e-6),
                       _a(9.0, 0.9e-6 / (1 - 0.9e-6), 0.72e-6 / (1 - 0.72e-6)))),
        Case(([0.1, -0.1],), note="a negative beta", raises="ValueError"),
        Case(([0.1, 1.5],), note="a beta above 1", raises="ValueError"),
        Case(([0.1, float("nan")],), note="a NaN beta", raises="ValueError"),
        Case(([[0.1, 0.2], [0.3, 0.4]],), note="a matrix of betas", raises="ValueError"),
        Case((0.1,), note="a single number, not a schedule", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        T = int(rng.integers(1, 1001)) if i < 22 else 4000
        if i % 3 == 0:
            betas = cosine_beta_schedule(T, s=float(rng.uniform(0.001, 0.02)))
            kind = "cosine"
        elif i % 3 == 1:
            betas = linear_beta_schedule(T)
            kind = "linear"
        else:
            lo = float(rng.uniform(1e-5, 1e-3))
            betas = linear_beta_schedule(T, lo, float(rng.uniform(lo, 0.05)))
            kind = "linear with random ends"
        if i % 4 == 3:
            betas = betas.tolist()
        cases.append(Case((betas,), note=f"{kind} schedule, T = {T}", size=T))
    return cases


SPEC = ExerciseSpec(
    function="alpha_bar_and_snr",
    # A product of up to 4000 factors: ~1e-12 relative rounding; 1e-9 is far above it.
    # atol 0: the last alpha_bar of a long schedule is tiny, and only a relative error
    # says whether it is right.
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
