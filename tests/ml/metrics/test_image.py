"""Image metrics: closed forms and bad input."""

import numpy as np
import pytest

from mlinterview.ml import metrics
from mlinterview.ml.metrics._image import gaussian_filter, gaussian_kernel1d


def test_psnr_closed_form_and_identity():
    a = np.zeros((2, 2), np.uint8)
    b = a.copy()
    b[0, 0] = 2
    assert metrics.peak_signal_noise_ratio(a, b) == pytest.approx(10 * np.log10(255 ** 2))
    assert metrics.peak_signal_noise_ratio(a, a) == float("inf")


def test_ssim_identity_and_dssim():
    rng = np.random.default_rng(0)
    a = rng.random((20, 20))
    assert metrics.structural_similarity(a, a, data_range=1.0) == pytest.approx(1.0)
    assert metrics.dssim(a, a, data_range=1.0) == pytest.approx(0.0)
    # A negated image is anti-correlated: SSIM below zero.
    assert metrics.structural_similarity(a, 1 - a, data_range=1.0) < 0


def test_gaussian_filter_preserves_constants_and_mass():
    assert gaussian_kernel1d(1.5, 3.5).sum() == pytest.approx(1.0)
    assert len(gaussian_kernel1d(1.5, 3.5)) == 11
    np.testing.assert_allclose(gaussian_filter(np.full((9, 9), 3.0), 1.0), 3.0)


@pytest.mark.parametrize("kwargs, match", [
    ({}, "data_range"),
    ({"data_range": 1.0, "win_size": 8}, "odd"),
    ({"data_range": 1.0, "win_size": 31}, "win_size"),
    ({"data_range": -1.0}, "data_range"),
])
def test_ssim_bad_options(kwargs, match):
    a = np.zeros((10, 10))
    with pytest.raises(ValueError, match=match):
        metrics.structural_similarity(a, a, **kwargs)


def test_shape_mismatch_and_nan():
    with pytest.raises(ValueError, match="same shape"):
        metrics.peak_signal_noise_ratio(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        metrics.peak_signal_noise_ratio(np.array([np.nan]), np.array([0.0]))
    # With data_range given, NaN/inf are caught from the non-finite MSE; the error still
    # names the image that holds them (and identical infinities give NaN, not 0).
    img = np.zeros((4, 4))
    bad = img.copy()
    bad[1, 2] = np.inf
    with pytest.raises(ValueError, match="image_test: expected finite"):
        metrics.peak_signal_noise_ratio(img, bad, data_range=1.0)
    with pytest.raises(ValueError, match="image_true: expected finite"):
        metrics.peak_signal_noise_ratio(bad, bad, data_range=1.0)
