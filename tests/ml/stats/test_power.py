"""ml.stats.power on hand-worked cases, identities and bad input (statsmodels parity is in
tests/parity/test_ab_testing.py)."""

import math

import numpy as np
import pytest

from mlinterview.ml.stats.power import (
    PROPORTION_METHODS,
    cohens_h,
    mde_two_means,
    mde_two_proportions,
    power_two_means,
    power_two_proportions,
    sample_size_two_means,
    sample_size_two_proportions,
)

Z975, Z80 = 1.959963984540054, 0.8416212335729143   # norm.ppf(0.975), norm.ppf(0.8)


def test_lehr_rule_by_hand():
    # (1.96 + 0.84)² · 2 = 15.68: about 16 σ²/δ² per arm at alpha 0.05, power 0.8.
    assert sample_size_two_means(0.1, 1.0) == pytest.approx((Z975 + Z80) ** 2 * 2 / 0.01,
                                                            rel=1e-12)
    assert sample_size_two_means(-0.1, 1.0) == sample_size_two_means(0.1, 1.0)
    # halving the effect quadruples the sample
    assert sample_size_two_means(0.05, 1.0) == pytest.approx(4 * sample_size_two_means(0.1, 1))


def test_unequal_allocation_by_hand():
    # n1 σ² (1 + 1/r): with r = 3, n1 is 2/3 of the balanced n1 and the total 8/3 of it.
    balanced = sample_size_two_means(0.2, 1.0)
    n1 = sample_size_two_means(0.2, 1.0, ratio=3.0)
    assert n1 == pytest.approx(balanced * (1 + 1 / 3) / 2)
    assert 4 * n1 > 2 * balanced          # an unbalanced split needs more units in total


def test_unpooled_proportions_by_hand():
    # p1 = 0.10, p2 = 0.11: variance 0.09 + 0.0979 = 0.1879, δ² = 1e-4
    n = sample_size_two_proportions(0.10, 0.11, method="unpooled")
    assert n == pytest.approx((Z975 + Z80) ** 2 * 0.1879 / 1e-4, rel=1e-12)
    assert 14_000 < n < 15_000
    # the three methods agree within a few percent for a small lift
    ns = [sample_size_two_proportions(0.10, 0.11, method=m) for m in PROPORTION_METHODS]
    assert max(ns) / min(ns) < 1.01


def test_one_sided_needs_fewer_units():
    two = sample_size_two_means(0.1, 1.0)
    one = sample_size_two_means(0.1, 1.0, alternative="greater")
    assert one == pytest.approx((1.6448536269514722 + Z80) ** 2 * 2 / 0.01, rel=1e-12)
    assert one < two
    assert sample_size_two_means(-0.1, 1.0, alternative="less") == pytest.approx(one)


def test_power_at_zero_effect_is_alpha_and_grows_with_n():
    assert power_two_means(0.0, 1.0, 100) == pytest.approx(0.05, rel=1e-12)
    assert power_two_proportions(0.2, 0.2, 1000, alpha=0.01) == pytest.approx(0.01, rel=1e-12)
    curve = power_two_means(0.1, 1.0, np.array([10, 100, 1000, 10_000]))
    assert np.all(np.diff(curve) > 0) and curve[-1] > 0.999
    # at the planned n the power is the target (plus the far tail, < 1e-6 here)
    n = sample_size_two_means(0.1, 1.0, power=0.9)
    assert power_two_means(0.1, 1.0, n) == pytest.approx(0.9, abs=1e-6)


def test_broadcasting_shapes():
    out = power_two_means(np.array([[0.1], [0.2]]), 1.0, np.array([100, 400, 1600]))
    assert out.shape == (2, 3)
    assert isinstance(sample_size_two_means(0.1, 1.0), float)
    assert sample_size_two_proportions(0.1, np.array([0.11, 0.12])).shape == (2,)


def test_mde_by_hand():
    # (1.96 + 0.84) · σ · √(2/n)
    assert mde_two_means(2000, 1.0) == pytest.approx((Z975 + Z80) * math.sqrt(2 / 2000))
    assert mde_two_means(2000, 1.0, alternative="less") < 0
    h = (Z975 + Z80) * math.sqrt(2 / 5000)
    p2 = math.sin(math.asin(math.sqrt(0.3)) + h / 2) ** 2
    assert mde_two_proportions(0.3, 5000, method="arcsine") == pytest.approx(p2 - 0.3)
    assert cohens_h(0.3, p2) == pytest.approx(h)


def test_mde_proportions_undetectable():
    with pytest.raises(ValueError, match="n1"):
        mde_two_proportions(0.5, 1.0)
    with pytest.raises(ValueError, match="n1"):
        mde_two_proportions(0.5, 1.0, method="arcsine")


@pytest.mark.parametrize("call, match", [
    (lambda: sample_size_two_means(0.0, 1.0), "effect is 0"),
    (lambda: sample_size_two_means(0.1, 0.0), "sd"),
    (lambda: sample_size_two_means(0.1, 1.0, alpha=1.5), "alpha"),
    (lambda: sample_size_two_means(0.1, 1.0, power=0.01), "power"),
    (lambda: sample_size_two_means(0.1, 1.0, ratio=0), "ratio"),
    (lambda: sample_size_two_means(-0.1, 1.0, alternative="greater"), "other way"),
    (lambda: sample_size_two_means(0.1, 1.0, alternative="larger"), "alternative"),
    (lambda: sample_size_two_proportions(0.0, 0.1), "p1"),
    (lambda: sample_size_two_proportions(0.1, 1.0), "p2"),
    (lambda: sample_size_two_proportions(0.1, 0.2, method="exact"), "method"),
    (lambda: power_two_means(0.1, 1.0, 0), "n1"),
    (lambda: power_two_means(0.1, 1.0, [10, np.nan]), "n1"),
    (lambda: cohens_h(-0.1, 0.5), "p1"),
])
def test_bad_input_names_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_type_errors():
    with pytest.raises(TypeError, match="alpha"):
        sample_size_two_means(0.1, 1.0, alpha="0.05")
    with pytest.raises(TypeError, match="delta"):
        sample_size_two_means("big", 1.0)
