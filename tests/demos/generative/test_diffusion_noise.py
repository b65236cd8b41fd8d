"""The diffusion-noise demo: the forward marginals hold for every noise, only the Gaussian
chain keeps its shape, and every noise trains a model better than a Gaussian fit."""

import math

import numpy as np
import pytest

from mlinterview.demos.generative.diffusion_noise import diffusion_noise
from mlinterview.ml.generative import energy_distance, make_ring_of_gaussians

from .._defaults import at_defaults


@pytest.fixture(scope="module")
def rows():
    table = at_defaults("diffusion-noise").table
    return {(r[0], r[1]): dict(zip(table.columns, r, strict=True)) for r in table.rows}


@pytest.mark.slow
def test_default_table(rows):
    assert set(rows) == {("gaussian", "gaussian"), ("uniform", "uniform"),
                         ("uniform", "gaussian"), ("laplace", "laplace"),
                         ("laplace", "gaussian")}
    excess = {"gaussian": 0.0, "uniform": -1.2, "laplace": 3.0}
    for (kind, _), r in rows.items():
        # 20,000 draws: the standard error of a mean is ≤ 1/√20000 ≈ 0.007 and of a variance
        # √((κ + 2) / 20000) with κ the excess kurtosis; allow 5 of them (max of 2 coordinates)
        assert r["mean error at T/2"] < 5 * 0.0071
        assert r["variance error at T/2"] < 5 * math.sqrt((excess[kind] + 2) / 20_000)
    # excess kurtosis of x_T: one-shot keeps the family's (0, -1.2, 3), the chain is ~Gaussian
    assert rows[("uniform", "uniform")]["x_T kurtosis one-shot"] == pytest.approx(-1.2, abs=0.1)
    assert rows[("laplace", "laplace")]["x_T kurtosis one-shot"] == pytest.approx(3.0, abs=0.6)
    for kind in ("gaussian", "uniform", "laplace"):
        assert abs(rows[(kind, kind)]["x_T kurtosis chain"]) < 0.5
    # every noise trains a sampler clearly better than a Gaussian fitted to the data
    # (~0.1 on the ring); the floor (two data sets) is ~0.003
    X = make_ring_of_gaussians(1000, random_state=0)
    test = make_ring_of_gaussians(1000, random_state=1)
    gauss = np.random.default_rng(5).multivariate_normal(X.mean(0), np.cov(X.T), 1000)
    baseline = energy_distance(gauss, test)
    assert energy_distance(X, test) < 0.01
    assert baseline > 0.07
    for r in rows.values():
        assert r["energy distance"] < 0.7 * baseline


def test_small_cosine_run():
    res = diffusion_noise(dataset="moons", schedule="cosine", n_iter=50, n_steps=20)
    assert len(res.table.rows) == 5
    assert res.table.row("gaussian")["share near a mode"] == "-"
