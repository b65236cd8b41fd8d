"""The generative-metrics demo: every distortion has the target MSE (so one PSNR, the
closed form), and its SSIM equals scikit-image's on the same images."""

import numpy as np
import pytest
from skimage.metrics import structural_similarity

from mlinterview.demos import registry
from mlinterview.demos.evaluation.image_quality import make_image, matched

SPEC = registry()["generative-metrics"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(size=64)


def test_equal_mse_means_equal_psnr(outcome):
    target = outcome.params["target_mse"]
    for row in outcome.result.table.rows:
        assert row[2] == pytest.approx(target, rel=1e-3)
        assert row[3] == pytest.approx(10 * np.log10(1 / target), abs=2e-3)


def test_ssim_column_matches_scikit_image(outcome):
    img = make_image(outcome.params["size"])
    for row in outcome.result.table.rows:
        distorted, _ = matched(img, row[0], outcome.params["target_mse"])
        ref = structural_similarity(img, distorted, data_range=1.0)
        assert row[4] == pytest.approx(ref, abs=5e-5)
        assert row[5] == pytest.approx((1 - ref) / 2, abs=5e-5)


def test_brightness_strength_is_the_root_of_the_mse(outcome):
    # A uniform offset c has MSE c^2 exactly.
    row = outcome.result.table.row("brightness")
    assert row["strength"] == pytest.approx(np.sqrt(outcome.params["target_mse"]), abs=1e-4)
    assert row["SSIM"] > outcome.result.table.row("noise")["SSIM"]
