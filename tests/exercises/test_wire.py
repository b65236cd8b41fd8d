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
    np.array([1.5, np.nan, -np.inf], dtype=np.float32),   # tagged items, a narrow dtype
    np.array([0.1, np.inf], dtype=np.longdouble),         # tolist() keeps these unconverted
    np.array([2.0**-20, 65504.0], dtype=np.float16),
    np.array([2**64 - 1, 0], dtype=np.uint64),
    np.zeros((0, 3)),
    np.array(2.5),
])
def test_round_trip_numpy(array):
    back = decode(json.loads(json.dumps(encode(array), allow_nan=False)))
    assert type(back) is type(array) and np.asarray(back).dtype == np.asarray(array).dtype
    np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("dtype, data", [
    ("<f8", [1.5, {"$float": "nan"}, {"$float": "-inf"}, 2]),
    ("<i8", [1, {"$float": "inf"}]),                 # refused item by item, as before
    ("|b1", [True, {"$float": "nan"}]),              # NumPy would take a dict as False
    ("<U3", ["ab", {"$float": "inf"}]),              # ... or as its text
    ("<f4", [[1.0, 2.0], [3.0, {"$float": "nan"}]]),
    ("<f8", [[1.0], [2.0, 3.0]]),                    # ragged
    ("<i8", [10**30]),
])
def test_array_data_decodes_as_item_by_item_would(dtype, data):
    payload = {"$array": {"dtype": dtype, "shape": [-1], "data": data}}

    def item_by_item():
        return np.array([decode(v) for v in data], dtype=np.dtype(dtype)).reshape(-1)

    try:
        expected = item_by_item()
    except Exception as exc:  # whatever item by item raises, decode must raise too
        with pytest.raises(type(exc)):
            decode(payload)
        return
    got = decode(payload)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


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
