"""The energy-based-models demo: learned energies are low on the data, their Langevin
samples match the data far better than a Gaussian fit, and the exact-energy helper is the
gradient of the mixture's negative log-density."""

import numpy as np
import pytest
import scipy.stats

from mlinterview.demos.generative.energy_based_models import (
    STD,
    energy_based_models,
    ring_grad_energy,
)
from mlinterview.ml.generative import ring_centers

from .._defaults import at_defaults


def test_ring_grad_energy_is_the_mixture_score():
    centers = ring_centers()

    def energy(x):
        dens = sum(scipy.stats.multivariate_normal(c, STD**2 * np.eye(2)).pdf(x)
                   for c in centers)
        return -np.log(dens)

    x = np.random.default_rng(0).normal(0, 1.5, (20, 2))
    h = 1e-6
    numeric = np.column_stack([(energy(x + h * e) - energy(x - h * e)) / (2 * h)
                               for e in np.eye(2)])
    np.testing.assert_allclose(ring_grad_energy(x), numeric, rtol=1e-5, atol=1e-5)


@pytest.mark.slow
def test_default_table():
    table = at_defaults("energy-based-models").table
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    base = rows["Gaussian fit"]["energy distance"]
    assert base > 0.05
    for name in ("MLP (CD)", "MLP (DSM)"):
        r = rows[name]
        assert r["E(data) - E(uniform box)"] < -1.0  # the data sit in low-energy regions
        assert r["energy distance"] < 0.3 * base
        assert r["modes hit"] == 8 and r["share near a mode"] > 0.35  # Gaussian fit: ~0.07
    assert rows["true ring energy"]["share near a mode"] > 0.9


def test_short_run_is_deterministic():
    a = energy_based_models(n_iter=50, langevin_steps=20).table
    b = energy_based_models(n_iter=50, langevin_steps=20).table
    assert a.reproducible_rows() == b.reproducible_rows()
