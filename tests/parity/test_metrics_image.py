"""PSNR, SSIM, DSSIM and MSE against scikit-image and scikit-learn.

Tolerance 1e-6 absolute for SSIM (the filters are summed in a different order than
scipy.ndimage's, which moves the last digits); PSNR and MSE are one mean and a log, 1e-12.
"""

import numpy as np
import pytest
from skimage import metrics as skim
from sklearn import metrics as skm

from mlinterview.ml import metrics


def _pair(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.integer):
        a = rng.integers(0, 256, shape).astype(dtype)
        b = np.clip(a.astype(int) + rng.integers(-30, 31, shape), 0, 255).astype(dtype)
    else:
        a = rng.random(shape).astype(dtype)
        b = np.clip(a + 0.1 * rng.normal(size=shape), 0, 1).astype(dtype)
    return a, b


SHAPES = [(7, 7), (16, 23), (64, 64), (9, 11, 13)]


# The Gaussian window is 11 wide: only shapes with every side >= 11 take it.
GREY = [(s, g) for s in SHAPES for g in (False, True) if not g or min(s) >= 11]


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.uint8])
@pytest.mark.parametrize("shape, gaussian", GREY)
def test_ssim_grey(shape, dtype, gaussian):
    a, b = _pair(shape, dtype, 0)
    kw = {} if dtype == np.uint8 else {"data_range": 1.0}
    ours, our_map = metrics.structural_similarity(a, b, gaussian_weights=gaussian, full=True,
                                                  **kw)
    ref, ref_map = skim.structural_similarity(a, b, gaussian_weights=gaussian, full=True,
                                              **kw)
    assert ours == pytest.approx(ref, abs=1e-6)
    np.testing.assert_allclose(our_map, ref_map, atol=1e-6)


@pytest.mark.parametrize("options", [
    {"win_size": 3}, {"win_size": 11}, {"use_sample_covariance": False},
    {"gaussian_weights": True, "use_sample_covariance": False, "sigma": 1.5},
    {"K1": 0.02, "K2": 0.05}, {"data_range": 2.0},
])
def test_ssim_options(options):
    a, b = _pair((40, 33), np.float64, 1)
    options = {"data_range": 1.0, **options}
    assert metrics.structural_similarity(a, b, **options) == pytest.approx(
        skim.structural_similarity(a, b, **options), abs=1e-6)


@pytest.mark.parametrize("gaussian", [False, True])
@pytest.mark.parametrize("channel_axis", [-1, 0])
def test_ssim_colour(channel_axis, gaussian):
    a, b = _pair((32, 30, 3), np.uint8, 2)
    if channel_axis == 0:
        a, b = np.moveaxis(a, -1, 0), np.moveaxis(b, -1, 0)
    ours = metrics.structural_similarity(a, b, channel_axis=channel_axis,
                                         gaussian_weights=gaussian)
    ref = skim.structural_similarity(a, b, channel_axis=channel_axis, gaussian_weights=gaussian)
    assert ours == pytest.approx(ref, abs=1e-6)
    assert metrics.dssim(a, b, channel_axis=channel_axis, gaussian_weights=gaussian) == \
        pytest.approx((1 - ref) / 2, abs=1e-6)


def test_ssim_constant_images():
    # Flat images: variances 0, so SSIM reduces to the luminance term (C1 keeps it finite).
    a = np.full((20, 20), 0.5)
    b = np.full((20, 20), 0.7)
    assert metrics.structural_similarity(a, a, data_range=1.0) == pytest.approx(1.0)
    assert metrics.structural_similarity(a, b, data_range=1.0) == pytest.approx(
        skim.structural_similarity(a, b, data_range=1.0), abs=1e-6)


@pytest.mark.parametrize("dtype", [np.uint8, np.float64, np.float32])
@pytest.mark.parametrize("shape", [*SHAPES, (5,), (8, 8, 3)])
def test_psnr_and_mse(shape, dtype):
    a, b = _pair(shape, dtype, 3)
    assert metrics.peak_signal_noise_ratio(a, b) == pytest.approx(
        skim.peak_signal_noise_ratio(a, b), rel=1e-6 if dtype == np.float32 else 1e-12)
    assert metrics.peak_signal_noise_ratio(a, b, data_range=7.0) == pytest.approx(
        skim.peak_signal_noise_ratio(a, b, data_range=7.0), rel=1e-6)
    af, bf = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
    # scikit-image keeps float32 images in float32: 1e-6 there, 1e-12 otherwise.
    assert metrics.mean_squared_error(af, bf) == pytest.approx(
        skim.mean_squared_error(a, b), rel=1e-6 if dtype == np.float32 else 1e-12)


def test_psnr_negative_float_images_use_range_two():
    a = np.linspace(-1, 1, 50)
    b = a * 0.9
    assert metrics.peak_signal_noise_ratio(a, b) == pytest.approx(
        skim.peak_signal_noise_ratio(a, b), rel=1e-12)


@pytest.mark.parametrize("multioutput", ["raw_values", "uniform_average", [0.2, 0.8]])
def test_regression_errors_match_scikit_learn(multioutput):
    rng = np.random.default_rng(4)
    y, p = rng.normal(size=(30, 2)), rng.normal(size=(30, 2))
    w = rng.random(30)
    for ours, ref in ((metrics.mean_squared_error, skm.mean_squared_error),
                      (metrics.mean_absolute_error, skm.mean_absolute_error)):
        np.testing.assert_allclose(ours(y, p, sample_weight=w, multioutput=multioutput),
                                   ref(y, p, sample_weight=w, multioutput=multioutput),
                                   rtol=1e-12)
