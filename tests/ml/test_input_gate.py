"""The one gate for estimator inputs (``mlinterview.ml._validation``): what it accepts,
what it refuses, and that each refusal names the argument and says what was expected."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.exceptions import DataConversionWarning as SkDataConversionWarning
from sklearn.exceptions import NotFittedError as SkNotFittedError

from mlinterview.ml._validation import (
    MAX_ABS,
    DataConversionWarning,
    NotFittedError,
    as_float32,
    check_array,
    check_sample_weight,
    check_X,
    check_y,
    encode_labels,
    sklearn_compatible,
)


def test_numeric_conversions_keep_values():
    X = np.arange(6.0).reshape(3, 2)
    np.testing.assert_array_equal(check_array(X.astype(object)), X)
    np.testing.assert_array_equal(check_array(X > 2), (X > 2).astype(float))
    assert check_array(X.astype(np.float32)).dtype == np.float32


@pytest.mark.parametrize("bad, exc, match", [
    (np.arange(3.0), ValueError, r"X: expected a 2-D array .* Reshape your data"),
    (np.ones((2, 2)) + 1j, ValueError, r"X: Complex data not supported"),
    (np.array([[1.0, {"a": 1}]], dtype=object), TypeError,
     r"X: expected numbers.*argument must be a string or a real number"),
    (np.array([["a", "b"]]), ValueError, r"X: expected numbers, got strings"),
    (np.empty((12, 0)), ValueError,
     r"X: found 0 feature\(s\) \(shape=\(12, 0\)\) while a minimum of 1 is required"),
    (np.empty((0, 3)), ValueError, r"X: found 0 sample\(s\).*expected at least 1"),
    (np.array([[1.0, np.nan]]), ValueError, r"X: expected finite values, found NaN"),
    (None, TypeError, r"X: expected an array-like, got None"),
])
def test_refusals_name_x_and_say_what_was_expected(bad, exc, match):
    with pytest.raises(exc, match=match):
        check_array(bad)


def test_magnitude_bound_of_estimators():
    check_X(np.full((2, 2), MAX_ABS))
    with pytest.raises(ValueError, match=r"X: expected values of magnitude at most 1e\+100"):
        check_X(np.array([[1.0], [-1.1e100]]))
    check_array(np.array([[1e300]]))                    # the bound is for estimators only
    with pytest.raises(ValueError, match="float32"):
        as_float32(np.array([[1e39]]))


def test_target_checks():
    with pytest.raises(ValueError, match=r"y: .* requires y to be passed"):
        check_y(None)
    with pytest.warns(DataConversionWarning, match="A column-vector y was passed"):
        assert check_y(np.ones((4, 1))).shape == (4,)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_y(np.ones((4, 1)), multi_output=True).shape == (4, 1)
    with pytest.raises(ValueError, match=r"y: expected shape \(n_samples,\)"):
        check_y(np.ones((4, 2)))
    with pytest.raises(ValueError, match="y: expected finite"):
        check_y(np.array([1, np.nan], dtype=object))
    np.testing.assert_array_equal(check_y(["a", "b"]), ["a", "b"])


@pytest.mark.parametrize("y, match", [
    (np.array([0.0, 0.5]), "Unknown label type: continuous"),
    (np.array([0.0, 1e19]), "Unknown label type: continuous"),    # beyond int64
    (np.array([1, "a"], dtype=object), "Unknown label type: mixed types"),
])
def test_encode_labels_refuses_what_is_not_classes(y, match):
    with pytest.raises(ValueError, match=match):
        encode_labels(y)


def test_encode_labels():
    classes, idx = encode_labels(np.array(["b", "a", "b"]))
    assert list(classes) == ["a", "b"] and list(idx) == [1, 0, 1]
    with pytest.raises(ValueError, match="y: expected at least 2 classes, got 1 class"):
        encode_labels(np.zeros(3), min_classes=2)


def test_sample_weight_checks():
    np.testing.assert_array_equal(check_sample_weight(2, 3), [2, 2, 2])
    with pytest.raises(TypeError, match="sample_weight: expected numbers"):
        check_sample_weight(1j, 3)
    with pytest.raises(ValueError, match="sample_weight: expected weights with a finite sum"):
        check_sample_weight(np.full(3, 1e308), 3)
    with pytest.raises(ValueError, match="sample_weight: expected at least one non-zero"):
        check_sample_weight(np.zeros(3), 3, allow_all_zero=False)


def test_errors_and_warnings_are_scikit_learns_once_it_is_imported():
    # This module imported scikit-learn, so the joint classes are in use.
    error, warning = sklearn_compatible(NotFittedError), sklearn_compatible(DataConversionWarning)
    assert issubclass(error, NotFittedError) and issubclass(error, SkNotFittedError)
    assert issubclass(warning, SkDataConversionWarning)
    assert sklearn_compatible(NotFittedError) is error               # made once
