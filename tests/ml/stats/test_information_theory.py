"""Closed forms and input errors of mlinterview.ml.information."""

import numpy as np
import pytest

from mlinterview.ml import information as info


def test_hand_worked_values():
    assert info.entropy([0.5, 0.5], base=2) == pytest.approx(1.0, abs=1e-15)
    assert info.entropy([1.0, 0.0]) == 0.0
    assert info.entropy(np.ones(8), base=2) == pytest.approx(3.0, abs=1e-15)
    # KL([1/2, 1/2] || [1/4, 3/4]) = 1/2 log2(2) + 1/2 log2(2/3) = 1 - log2(3)/2 bits.
    assert info.kl_divergence([0.5, 0.5], [0.25, 0.75], base=2) == pytest.approx(
        1 - np.log2(3) / 2, rel=1e-14)


def test_kl_is_not_symmetric_but_is_zero_on_equal_arguments():
    p, q = [0.9, 0.1], [0.5, 0.5]
    assert info.kl_divergence(p, q) != pytest.approx(info.kl_divergence(q, p))
    assert info.kl_divergence(p, p) == 0.0


def test_mutual_information_of_a_copy_is_the_entropy_and_of_independent_is_zero():
    x = np.repeat([0, 1, 2, 3], 24)
    assert info.mutual_information(x, x, base=2) == pytest.approx(2.0, rel=1e-14)
    y = np.tile([0, 1], 48)   # every x value meets 0 and 1 equally often
    assert info.mutual_information(x, y) == 0.0


@pytest.mark.parametrize("call, message", [
    (lambda: info.entropy([0.5, -0.5]), "p: expected non-negative"),
    (lambda: info.entropy([0.0, 0.0]), "p: expected a distribution"),
    (lambda: info.entropy([np.nan, 1.0]), "p: expected finite"),
    (lambda: info.entropy([]), "p: expected at least one outcome"),
    (lambda: info.entropy([0.5, 0.5], base=1), "base"),
    (lambda: info.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]), "p and q: expected the same"),
    (lambda: info.mutual_information([0, 1], [0, 1, 1]), "inconsistent numbers of samples"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="p:"):
        info.entropy("abc")
