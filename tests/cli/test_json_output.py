"""``--json`` output is JSON that strict readers accept: no bare NaN or Infinity.

Python's ``json`` writes a non-finite float as the words ``NaN`` / ``Infinity``, which
JavaScript's JSON.parse, jq and Go refuse; a demo table holds such values on purpose (the
KL divergence to a maximum-likelihood estimate that gives an unseen category zero
probability is infinite); every ``--json`` goes through the same printer."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mlinterview.cli._output import strict_json


def strict_loads(text: str):
    """json.loads that refuses NaN, Infinity and -Infinity, as RFC 8259 does."""
    def refuse(word):
        raise ValueError(f"not JSON: {word}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(("value", "expected"), [
    (float("nan"), "NaN"), (float("inf"), "Infinity"), (-float("inf"), "-Infinity"),
    (np.float64("nan"), "NaN"), (np.float32("-inf"), "-Infinity"),
    (np.float32(1.5), 1.5), (np.int64(3), 3), (np.bool_(True), True), (np.array(2.5), 2.5),
    (0.1, 0.1), (-0.0, -0.0), (7, 7), ("NaN", "NaN"), (None, None),
])
def test_one_value(value, expected):
    got = strict_json(value)
    assert got == expected and type(got) is type(expected)


def test_containers_are_walked_and_left_unchanged():
    data = {"rows": [(1, float("nan")), [np.float32(2.0), {"x": float("inf")}]], "n": 0}
    before = repr(data)
    assert strict_json(data) == {"rows": [[1, "NaN"], [2.0, {"x": "Infinity"}]], "n": 0}
    assert repr(data) == before


def test_a_demo_table_with_infinities_is_strict_json(cli, tmp_path):
    result = cli("demo", "maximum-likelihood", "--out", tmp_path, "--json")
    assert result.exit_code == 0, result.stderr
    assert "Infinity" in result.stdout  # the table has them: the test says something
    rows = strict_loads(result.stdout)["table"]["rows"]
    assert any(v == "Infinity" for row in rows for v in row)
