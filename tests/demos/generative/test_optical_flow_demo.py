"""The optical-flow demo's table against closed forms and scikit-image."""

import numpy as np
import pytest
from skimage.registration import optical_flow_ilk

from mlinterview.demos import registry
from mlinterview.demos.generative.optical_flow import BORDER, epe_map, make_pair

SPEC = registry()["optical-flow"]


@pytest.fixture(scope="module")
def translation():
    return SPEC.run()


@pytest.fixture(scope="module")
def rotation():
    return SPEC.run(motion="rotation")


def rows(outcome):
    return {r[0]: r[1:] for r in outcome.result.table.rows}


def test_zero_flow_baseline_is_the_true_speed(translation, rotation):
    # A translation moves every pixel by exactly `shift`.
    assert rows(translation)["zero flow (baseline)"][0] == pytest.approx(
        translation.params["shift"], abs=1e-4)
    # A rotation by theta moves a pixel at radius r by 2 r sin(theta / 2).
    size, theta = rotation.params["size"], np.radians(rotation.params["angle"])
    r, c = np.indices((size, size), dtype=float) - (size - 1) / 2
    speed = 2 * np.hypot(r, c) * np.sin(theta / 2)
    assert rows(rotation)["zero flow (baseline)"][0] == pytest.approx(
        speed[BORDER:-BORDER, BORDER:-BORDER].mean(), abs=1e-4)


@pytest.mark.parametrize("which", ["translation", "rotation"])
def test_lucas_kanade_rows_agree_with_scikit_image(which, translation, rotation):
    outcome = translation if which == "translation" else rotation
    p = outcome.params
    a, b, true = make_pair(p["size"], p["motion"], p["shift"], p["angle"], p["seed"])
    ref = epe_map(optical_flow_ilk(a, b, radius=7, num_warp=10, dtype=np.float64), true).mean()
    # scikit-image runs its own pyramid (other smoothing), so equal up to 0.01 px.
    assert rows(outcome)["Lucas–Kanade, pyramid"][0] == pytest.approx(ref, abs=0.01)


def test_pyramids_fix_large_motion(translation):
    t = rows(translation)
    assert t["Horn–Schunck, 1 level"][0] > 1.0       # 8 px is far outside its linear range
    assert t["Horn–Schunck, pyramid + 3 warps"][0] < 0.1
    assert t["Lucas–Kanade, pyramid"][0] < 0.05
    assert t["Lucas–Kanade, pyramid"][1] == 1.0      # every pixel within 0.5 px


def test_rotation_is_harder_for_a_constant_window(rotation):
    t = rows(rotation)
    # LK assumes one displacement per window; a rotation breaks it a little everywhere.
    assert 0.05 < t["Lucas–Kanade, 1 level"][0] < 0.2
    assert t["Horn–Schunck, pyramid + 3 warps"][0] < t["Lucas–Kanade, 1 level"][0]
