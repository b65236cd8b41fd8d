"""The 3d-vision demo's table and rendering helpers against closed forms."""

import math

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.generative.three_d_vision import NOISE_LEVELS, render_nerf, render_splats

SPEC = registry()["3d-vision"]


@pytest.fixture(scope="module")
def rows():
    outcome = SPEC.run()
    cols = outcome.result.table.columns
    return {r[0]: dict(zip(cols, r, strict=True)) for r in outcome.result.table.rows}


def test_noise_free_reconstruction_is_exact(rows):
    r = rows[0.0]
    assert r["rotation error (deg)"] < 1e-8
    assert r["translation direction error (deg)"] < 1e-8
    assert r["reprojection RMS (px)"] < 1e-8
    assert r["3-D error (% of depth)"] < 1e-8


@pytest.mark.parametrize("sigma", [s for s in NOISE_LEVELS if s > 0])
def test_noisy_reprojection_error_is_at_the_noise_level(rows, sigma):
    r = rows[sigma]
    # With the true cameras the least-squares residual keeps 1 of 4 degrees of freedom per
    # point: RMS distance per view sigma / sqrt(2) (DLT is close to least squares).
    assert r["RMS with true cameras (px)"] == pytest.approx(sigma / math.sqrt(2), rel=0.1)
    # Estimated cameras fit the noise slightly worse, but stay within 2 sigma.
    assert r["RMS with true cameras (px)"] <= r["reprojection RMS (px)"] <= 2 * sigma


def test_errors_grow_with_noise(rows):
    errs = [rows[s]["3-D error (% of depth)"] for s in NOISE_LEVELS]
    assert errs == sorted(errs)


def test_one_blob_renders_with_its_closed_form_opacity():
    """Through the centre of one Gaussian blob of peak density a, the optical depth is
    a sqrt(2 pi / Lambda_zz); volume rendering (dense sampling) and the splat agree on
    opacity 1 - exp(-tau) there."""
    mean = np.array([[0.0, 0.0, 0.0]])
    cov = np.array([np.diag([0.09, 0.16, 0.0625])])
    peak = np.array([3.0])
    colour = np.array([[1.0, 0.0, 0.0]])
    tau = 3.0 * math.sqrt(2 * math.pi * 0.0625)
    size = 33                                         # pixel 16 is the world origin
    img, opacity = render_nerf(mean, cov, peak, colour, size, 512)
    assert opacity[16, 16] == pytest.approx(1 - math.exp(-tau), abs=1e-4)
    # White background: the red channel stays 1, the others drop by the opacity.
    assert img[16, 16, 1] == pytest.approx(math.exp(-tau), abs=1e-4)
    splat, alpha = render_splats(mean, cov, peak, colour, size)
    assert alpha[16, 16] == pytest.approx(1 - math.exp(-tau), abs=1e-12)
    np.testing.assert_allclose(splat[16, 16], img[16, 16], atol=1e-4)
