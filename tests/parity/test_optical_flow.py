"""Optical flow (mlinterview.ml.vision) on images with an exactly known flow, and against
scikit-image's ``optical_flow_ilk``.

The test images (``moving_texture``) are sums of sine waves evaluated exactly in both
frames, so the true flow has no interpolation error. End-point errors (EPE, pixels) are
measured away from a border of ``BORDER`` pixels, where content leaves the frame.
Tolerances are stated at each assertion, about 2x the measured values.
"""

import numpy as np
import pytest
from matplotlib.colors import hsv_to_rgb
from scipy import ndimage
from skimage.registration import optical_flow_ilk

from mlinterview.ml.vision import (
    bilinear_sample,
    box_mean,
    color_wheel,
    endpoint_error,
    flow_arrows,
    flow_to_rgb,
    gaussian_blur,
    horn_schunck,
    lucas_kanade,
    moving_texture,
    warp,
)
from mlinterview.ml.vision._flow import _hsv_to_rgb

BORDER = 20

CASES = [
    ("translation", (0.6, -0.3), (96, 128)),
    ("translation", (-1.2, 0.8), (80, 80)),
    ("rotation", 0.03, (128, 128)),
    ("rotation", -0.05, (96, 112)),
]


@pytest.mark.parametrize("motion,amount,shape", CASES)
def test_lucas_kanade_recovers_small_motions(motion, amount, shape):
    a, b, true = moving_texture(shape, motion=motion, amount=amount, seed=1)
    flow = lucas_kanade(a, b, radius=7, num_warp=10)
    # Measured: 0.013 px (translations), 0.08-0.13 px (rotations: the flow varies inside
    # the 15x15 window, which LK assumes constant).
    limit = 0.03 if motion == "translation" else 0.25
    assert endpoint_error(flow, true, border=BORDER) < limit


@pytest.mark.parametrize("motion,amount,shape", CASES)
def test_horn_schunck_recovers_small_motions(motion, amount, shape):
    a, b, true = moving_texture(shape, motion=motion, amount=amount, seed=1)
    flow = horn_schunck(a, b, n_iter=100)
    assert endpoint_error(flow, true, border=BORDER) < 0.1  # measured 0.02-0.06 px


@pytest.mark.parametrize("motion,amount,shape", CASES)
def test_lucas_kanade_equals_scikit_image_ilk(motion, amount, shape):
    """Same window (uniform, radius 7), same number of warps: the same Gauss-Newton steps.

    scikit-image works in float32 by default, so we ask it for float64; the two fields then
    agree to 1e-6 px away from the border (where the two pyramids and paddings differ).
    """
    a, b, true = moving_texture(shape, motion=motion, amount=amount, seed=2)
    ours = lucas_kanade(a, b, radius=7, num_warp=10)
    ref = optical_flow_ilk(a, b, radius=7, num_warp=10, dtype=np.float64)
    inner = (slice(None), slice(BORDER, -BORDER), slice(BORDER, -BORDER))
    np.testing.assert_allclose(ours[inner], ref[inner], atol=1e-5)
    assert endpoint_error(ours, true, border=BORDER) == pytest.approx(
        endpoint_error(ref, true, border=BORDER), rel=1e-3)


def test_gaussian_window_matches_scikit_image():
    a, b, _ = moving_texture((96, 96), motion="rotation", amount=0.04, seed=3)
    ours = lucas_kanade(a, b, radius=5, num_warp=5, gaussian=True)
    ref = optical_flow_ilk(a, b, radius=5, num_warp=5, gaussian=True, dtype=np.float64)
    inner = (slice(None), slice(BORDER, -BORDER), slice(BORDER, -BORDER))
    np.testing.assert_allclose(ours[inner], ref[inner], atol=1e-4)


def test_pyramid_recovers_motion_larger_than_the_window_can_see():
    a, b, true = moving_texture((128, 128), motion="translation", amount=(6.0, -4.0), seed=1)
    single = lucas_kanade(a, b, num_levels=1)
    pyramid = lucas_kanade(a, b, num_levels=4)
    ref = optical_flow_ilk(a, b, radius=7, num_warp=10, dtype=np.float64)
    # Measured: 1.2 px single scale, 1e-5 px with the pyramid (scikit-image's too).
    assert endpoint_error(single, true, border=BORDER) > 0.5
    assert endpoint_error(pyramid, true, border=BORDER) < 0.01
    assert endpoint_error(ref, true, border=BORDER) < 0.01
    hs = horn_schunck(a, b, n_iter=100, num_warp=3, num_levels=4)
    assert endpoint_error(hs, true, border=BORDER) < 0.05  # measured 0.005


def test_horn_schunck_error_decreases_with_iterations():
    a, b, true = moving_texture((96, 96), motion="rotation", amount=0.05, seed=4)
    errs = [endpoint_error(horn_schunck(a, b, n_iter=n), true, border=BORDER)
            for n in (0, 5, 20, 100)]
    assert errs[0] > errs[1] > errs[2] > errs[3]
    # Zero iterations is the zero flow: its EPE is the mean true speed.
    assert errs[0] == pytest.approx(np.hypot(*true)[BORDER:-BORDER, BORDER:-BORDER].mean())
    # Coarse-to-fine with warps, on a larger motion.
    a, b, true = moving_texture((96, 96), motion="translation", amount=(4.0, 3.0), seed=4)
    errs = [endpoint_error(horn_schunck(a, b, n_iter=n, num_levels=3, num_warp=3), true,
                           border=BORDER) for n in (2, 10, 40)]
    assert errs[0] > errs[1] > errs[2]


def test_warp_aligns_the_second_image_with_the_first():
    a, b, true = moving_texture((64, 64), motion="rotation", amount=0.05, seed=5)
    aligned = warp(b, true)
    inner = (slice(8, -8), slice(8, -8))
    # Bilinear interpolation error of a texture with wavelengths >= 8 px: < 0.05 (std 1).
    assert np.abs(aligned - a)[inner].max() < 0.05
    assert np.abs(b - a)[inner].max() > 0.5
    # Integer shifts are exact.
    img = np.arange(30.0).reshape(5, 6) ** 1.5
    shifted = warp(img, np.stack([np.ones((5, 6)), 2 * np.ones((5, 6))]))
    np.testing.assert_array_equal(shifted[:4, :4], img[1:, 2:])


def test_bilinear_sampling_is_exact_on_bilinear_functions_and_clamps():
    rng = np.random.default_rng(0)
    r, c = np.indices((7, 9), dtype=float)
    img = 1.5 + 0.3 * r - 0.7 * c + 0.05 * r * c
    rr, cc = rng.uniform(0, 6, 50), rng.uniform(0, 8, 50)
    np.testing.assert_allclose(bilinear_sample(img, rr, cc),
                               1.5 + 0.3 * rr - 0.7 * cc + 0.05 * rr * cc, atol=1e-12)
    assert bilinear_sample(img, -3.0, 100.0) == img[0, -1]


@pytest.mark.parametrize("radius", [1, 3, 6])
def test_box_mean_equals_brute_force_window_average(radius):
    img = np.random.default_rng(radius).normal(size=(13, 17))
    padded = np.pad(img, radius, mode="reflect")
    size = 2 * radius + 1
    brute = np.array([[padded[i:i + size, j:j + size].mean() for j in range(17)]
                      for i in range(13)])
    np.testing.assert_allclose(box_mean(img, radius), brute, atol=1e-12)
    np.testing.assert_allclose(box_mean(img, radius),
                               ndimage.uniform_filter(img, size, mode="mirror"), atol=1e-12)


# 0.6 and 1.1: 4 sigma rounds down (2, 4 taps a side), where ceil would give one more.
@pytest.mark.parametrize("sigma", [0.6, 1.0, 1.1, 1.5, 2.75])
def test_gaussian_blur_equals_scipy(sigma):
    img = np.random.default_rng(1).normal(size=(40, 33))
    np.testing.assert_allclose(gaussian_blur(img, sigma),
                               ndimage.gaussian_filter(img, sigma, mode="mirror", truncate=4.0),
                               atol=1e-12)


def test_colour_wheel_and_arrows():
    rng = np.random.default_rng(0)
    h, s, v = rng.random((3, 50))
    np.testing.assert_allclose(_hsv_to_rgb(h, s, v), hsv_to_rgb(np.stack([h, s, v], -1)),
                               atol=1e-12)
    flow = np.zeros((2, 3, 4))
    flow[1, 0, 0] = 2.0      # rightward: hue 0, red
    flow[0, 0, 1] = 2.0      # downward: hue 1/4, yellow-green
    flow[1, 0, 2] = -1.0     # leftward at half speed: cyan, half saturated
    rgb = flow_to_rgb(flow)
    np.testing.assert_allclose(rgb[0, 0], [1, 0, 0], atol=1e-12)
    np.testing.assert_allclose(rgb[0, 1], hsv_to_rgb([0.25, 1, 1]), atol=1e-12)
    np.testing.assert_allclose(rgb[0, 2], [0.5, 1, 1], atol=1e-12)
    np.testing.assert_allclose(rgb[2, 3], [1, 1, 1])     # no motion: white
    wheel = color_wheel(33)
    np.testing.assert_allclose(wheel[16, 32], [1, 0, 0], atol=1e-12)
    np.testing.assert_allclose(wheel[16, 16], [1, 1, 1])
    x, y, u, v = flow_arrows(flow, step=2)
    assert x.shape == (1, 2)  # rows 1; columns 1 and 3
    assert (x[0, 0], y[0, 0], u[0, 0], v[0, 0]) == (1, 1, flow[1, 1, 1], flow[0, 1, 1])


def test_bad_input():
    img = np.zeros((10, 10))
    with pytest.raises(ValueError, match=r"^image1:"):
        lucas_kanade(img, np.zeros((10, 11)))
    with pytest.raises(ValueError, match=r"^image0:"):
        horn_schunck(np.zeros((10, 10, 3)), img)
    with pytest.raises(ValueError, match=r"^radius:"):
        lucas_kanade(img, img, radius=0)
    with pytest.raises(TypeError, match=r"^num_levels:"):
        lucas_kanade(img, img, num_levels=2.5)
    with pytest.raises(ValueError, match=r"^alpha:"):
        horn_schunck(img, img, alpha=0.0)
    with pytest.raises(ValueError, match=r"^flow:"):
        warp(img, np.zeros((2, 9, 10)))
    with pytest.raises(ValueError, match=r"^image0:"):
        lucas_kanade(np.full((10, 10), np.nan), img)
    with pytest.raises(ValueError, match=r"^motion:"):
        moving_texture(motion="zoom")
