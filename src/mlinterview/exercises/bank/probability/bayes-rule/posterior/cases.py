"""Cases for bayes-rule/posterior.

No reference library computes this one-liner, so the reference below is Bayes' rule
written out in natural frequencies (counts in a population), a different route from the
likelihood-ratio form a solution usually takes; the fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def reference(prior, sensitivity, specificity, positive=True):
    prior, sens, spec = (np.asarray(a, dtype=float) for a in (prior, sensitivity, specificity))
    # Counts in a population of one: sick/healthy people who test the observed way.
    sick_seen = prior * (sens if positive else 1 - sens)
    healthy_seen = (1 - prior) * ((1 - spec) if positive else spec)
    total = sick_seen + healthy_seen
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(total > 0, sick_seen / np.where(total > 0, total, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def fixed():
    return [
        Case((0.01, 0.9, 0.91), note="worked example: 900 of 9,810 positives are sick",
             expected=900 / 9810),
        Case((0.01, 0.9, 0.91), {"positive": False},
             note="negative result: 100 of 90,190 negatives are sick", expected=100 / 90190),
        Case((0.5, 0.8, 0.8), note="even prior, symmetric test", expected=0.8),
        Case((0.0, 0.9, 0.9), note="prior 0: nobody has it", expected=0.0),
        Case((1.0, 0.9, 0.9), note="prior 1: everybody has it", expected=1.0),
        Case((0.2, 1.0, 0.95), {"positive": False}, note="perfect sensitivity: a negative "
             "rules it out", expected=0.0),
        Case((0.0, 0.9, 1.0), note="a positive that cannot happen: nan", expected=np.nan),
        Case((0.3, 0.7, 0.6), note="a weak test"),
        Case((np.array([0.001, 0.01, 0.1]), np.array([0.99, 0.99, 0.99]),
              np.array([0.99, 0.99, 0.99])), note="arrays: the posterior rises with the prior",
             expected=np.array([0.99e-3 / (0.99e-3 + 0.01 * 0.999), 0.5,
                                0.099 / (0.099 + 0.009)])),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = 1 if i < 12 else min(10 ** (i - 10), 100_000)
        prior, sens, spec = (rng.random(n) for _ in range(3))
        args = tuple(float(a[0]) for a in (prior, sens, spec)) if n == 1 else (prior, sens,
                                                                               spec)
        cases.append(Case(args, {"positive": bool(i % 2)}, note=f"random, {n} value(s)"))
    return cases


SPEC = ExerciseSpec(
    function="posterior",
    compare=AllClose(rtol=1e-12, atol=1e-15),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
