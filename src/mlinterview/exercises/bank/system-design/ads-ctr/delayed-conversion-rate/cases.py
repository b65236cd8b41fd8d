"""Cases for ads-ctr/delayed-conversion-rate.

Expected values come from mlinterview.ml.design.ctr.fit_delayed_feedback (EM), run to a
relative change of 1e-14; tests/ml/design/test_ctr.py checks it against a direct
Nelder-Mead maximisation of the same likelihood (1e-5) and against the truth of large
simulations. The fixed cases are worked by hand or built so that one rule decides them.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.ctr import (
    fit_delayed_feedback,
    observe_conversions,
    simulate_delayed_conversions,
)

NAN = float("nan")


def reference(elapsed, converted, delay):
    return fit_delayed_feedback(elapsed, converted, delay, max_iter=1_000_000, tol=1e-14)


def _log(n, rate, mean_delay, horizon, seed):
    log = simulate_delayed_conversions(n, conversion_rate=rate, mean_delay=mean_delay,
                                       horizon=horizon, random_state=seed)
    e, o, d = observe_conversions(log, horizon)
    keep = e > 0
    return e[keep], o[keep].astype(int), d[keep]


def _a(values):
    return np.array(values, dtype=float)


def fixed():
    return [
        Case((_a([5, 5, 1e6, 1e6]), np.array([1, 1, 0, 0]), _a([1, 3, NAN, NAN])),
             note="the statement's example: the waiting clicks are surely negatives",
             expected=(0.5, 2.0)),
        Case((_a([4, 9, 7]), np.array([1, 1, 1]), _a([2, 1, 6])),
             note="every click converted: p = 1, mu = mean delay 3", expected=(1.0, 3.0)),
        Case((_a([3, 3, 1e7]), np.array([1, 1, 0]), _a([0.5, 1.5, NAN])),
             note="p = 2/3, mu = 1: one certain negative", expected=(2 / 3, 1.0)),
        Case((_a([3] * 8 + [0.2] * 4), np.array([1, 1] + [0] * 10), _a([0.5, 1.5] + [NAN] * 10)),
             note="four clicks only 0.2 old: p 0.282 (naive 2/12 = 0.167), mu 1.634 "
                  "(naive 1.0)"),
        Case((_a([10] * 5 + [1] * 4), np.array([1, 1] + [0] * 7), _a([4, 1] + [NAN] * 7)),
             note="a long observed delay: p 0.375 (naive 2/9), mu 3.713 (naive 2.5)"),
        Case(_log(3000, 0.1, 2.0, 30.0, 0),
             note="30 days of clicks, 10% convert after 2 days on average"),
        Case(_log(3000, 0.1, 2.0, 7.0, 1),
             note="7 days of clicks with a 2-day delay: the naive rate is ~25% low"),
        Case(_log(5000, 0.3, 5.0, 20.0, 2), note="a long delay: 5 of 20 days"),
        Case(_log(200, 0.5, 1.0, 3.0, 3), note="a small log"),
    ]


def generated(rng):
    cases = []
    for _ in range(25):
        n = int(rng.integers(50, 20_000))
        rate = float(rng.choice([0.02, 0.1, 0.3, 0.7]))
        mean_delay = float(rng.choice([0.5, 2.0, 5.0]))
        horizon = mean_delay * float(rng.choice([3.0, 6.0, 20.0]))
        e, o, d = _log(n, rate, mean_delay, horizon, int(rng.integers(1 << 30)))
        if o.sum() < 2:
            continue
        cases.append(Case((e, o, d), note=f"{n} clicks, p {rate}, mean delay {mean_delay}, "
                                           f"horizon {horizon:g}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="fit_delayed_feedback",
    # The maximum of a smooth likelihood: EM stopped at a relative change of 1e-12 lands
    # well inside 1e-6 of it; the naive and one-sided corrections miss by percents.
    compare=AllClose(rtol=1e-6, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=20, wall_seconds=40, memory_mb=512),
)
