"""The generative-models demo: its quality table ranks the models as the data say."""

import numpy as np
import pytest

from mlinterview.demos.generative.generative_models import generative_models
from mlinterview.ml.generative import energy_distance, make_ring_of_gaussians

from .._defaults import at_defaults


@pytest.fixture(scope="module")
def rows():
    table = at_defaults("generative-models").table
    return {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}


@pytest.mark.slow
def test_default_table(rows):
    floor = rows["fresh data (floor)"]["energy distance"]
    base = rows["Gaussian fit (baseline)"]["energy distance"]
    # the floor is the energy distance between two independent data sets of the same size
    a, b = make_ring_of_gaussians(1000, random_state=3), make_ring_of_gaussians(1000,
                                                                                random_state=1)
    assert floor == pytest.approx(energy_distance(a, b), abs=1e-4)
    assert floor < 0.1 * base
    # diffusion and the GAN beat a Gaussian fit clearly, and beat the AE and the VAE
    assert rows["DDPM"]["energy distance"] < 0.5 * base
    assert rows["GAN"]["energy distance"] < 0.7 * base
    for good in ("DDPM", "GAN"):
        for weak in ("AutoEncoder", "VAE"):
            assert rows[good]["energy distance"] < rows[weak]["energy distance"]
    # the Fréchet distance is blind to the modes: some model is much closer to the data in
    # energy distance yet farther in Fréchet distance than the single Gaussian
    gauss = rows["Gaussian fit (baseline)"]
    assert any(r["energy distance"] < 0.6 * gauss["energy distance"]
               and r["Fréchet distance"] > gauss["Fréchet distance"] for r in rows.values())
    assert rows["DDPM"]["share near a mode"] > 2 * gauss["share near a mode"]


def test_small_run_on_moons_is_deterministic():
    a = generative_models(dataset="moons", n_iter=50, n_samples=200)
    b = generative_models(dataset="moons", n_iter=50, n_samples=200)
    assert a.table.reproducible_rows() == b.table.reproducible_rows()
    assert a.table.row("VAE")["modes hit"] == "-"
    assert np.isfinite(a.table.row("DDPM")["energy distance"])
