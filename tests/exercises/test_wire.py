"""The result encoding between the judge's child and the judge: lossless for what a
comparison needs, and decoding never runs code."""

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlinterview.exercises._runner import UnsupportedValue, encode
from mlinterview.exercises.judge import decode

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.text(max_size=5), inner, max_size=3)), max_leaves=20)


@given(values)
def test_round_trip_python_values(value):
    assert decode(json.loads(json.dumps(encode(value)))) == value


@pytest.mark.parametrize("array", [
    np.arange(6, dtype=np.int32).reshape(2, 3),
    np.array([0.5, np.nan, np.inf, -np.inf]),
    np.array([True, False]),
    np.array(["a", "bc"]),
    np.float32(1.5),
    np.int64(7),
])
def test_round_trip_numpy(array):
    back = decode(json.loads(json.dumps(encode(array), allow_nan=False)))
    assert type(back) is type(array) and np.asarray(back).dtype == np.asarray(array).dtype
    np.testing.assert_array_equal(back, array)


def test_nan_survives_as_a_float():
    assert math.isnan(decode(json.loads(json.dumps(encode(float("nan")), allow_nan=False))))


@pytest.mark.parametrize("value", [object(), lambda: 1, np.array([object()]), {1, 2}])
def test_unsupported_values_are_refused(value):
    with pytest.raises(UnsupportedValue):
        encode(value)


@pytest.mark.parametrize("payload", [
    {"$array": {"dtype": "|O", "shape": [1], "data": [1]}},
    {"$pickle": "gASV"},
    {"$float": "nanx"},
    {"a": 1, "b": 2},
])
def test_malformed_or_dangerous_payloads_are_rejected(payload):
    with pytest.raises((ValueError, KeyError)):
        decode(payload)
