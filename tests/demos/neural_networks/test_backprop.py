"""The backprop demos' numbers against the chain rule worked in NumPy."""

import math

import pytest

from mlinterview.demos import registry


@pytest.mark.parametrize("x, w, b, y", [(1.5, 0.8, -0.5, 1.0), (-2.0, 3.0, 1.0, 0.0)])
def test_graph_gradients_follow_the_chain_rule(x, w, b, y):
    rows = registry()["backprop"].run(x=x, w=w, b=b, y=y).result.table.rows
    by_node = {r[0]: r for r in rows}
    z = w * x + b
    s = 1 / (1 + math.exp(-z))
    d = s - y
    assert by_node["L = d²"][1] == pytest.approx(d * d, abs=1e-6)
    assert by_node["d = a − y"][3] == pytest.approx(2 * d, abs=1e-6)
    assert by_node["z = w·x + b"][3] == pytest.approx(2 * d * s * (1 - s), abs=1e-6)
    assert by_node["w"][3] == pytest.approx(2 * d * s * (1 - s) * x, abs=1e-6)
    assert by_node["b"][3] == pytest.approx(2 * d * s * (1 - s), abs=1e-6)
    assert by_node["dL/dw finite differences"][3] == pytest.approx(by_node["w"][3], abs=1e-5)


def test_cost_table_counts_passes_and_agrees():
    result = registry()["backprop/cost"].run(width=8, depth=2).result
    (bp, fd) = result.table.rows
    n_params = (4 * 8 + 8) + (8 * 8 + 8) + (8 * 1 + 1)
    assert fd[1] == f"{2 * n_params} forward"
    forward_flops = 2 * 8 * (4 * 8 + 8 * 8 + 8 * 1)
    assert bp[2] == 3 * forward_flops and fd[2] == 2 * n_params * forward_flops
    assert float(fd[3]) < 1e-6
