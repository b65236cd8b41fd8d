"""When a compiled twin is worth importing numba for (``_numba.worth_compiling``).

Importing numba costs about half a second: a small call in a fresh process (the judge
computing an exercise's expected values) must keep the readable version and never import
it; a big call must still run the twin, with the same result. Each check runs in a fresh
interpreter, since this one has numba imported already (other tests).
"""

import json
import os
import subprocess
import sys

import pytest

from mlinterview.ml import _numba

needs_numba = pytest.mark.skipif(not _numba.use_numba(),
                                 reason="numba is not installed (the fast extra) or "
                                        "MLINTERVIEW_NO_NUMBA is set")


def _fresh(code: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "MLINTERVIEW_NO_NUMBA"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_no_numba_switch_wins(monkeypatch):
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    assert not _numba.worth_compiling(1e12)


@needs_numba
def test_once_numba_is_imported_every_call_may_use_a_twin():
    assert "numba" in sys.modules  # use_numba() above imported it
    assert _numba.worth_compiling(0)


SMALL = """
import json, sys
import numpy as np
from mlinterview.algo import graphs, lcs
from mlinterview.ml.tree import DecisionTreeClassifier
from mlinterview.ml import _numba
out = {"small_work": _numba.worth_compiling(_numba.COMPILE_WORTH - 1)}
out["lcs"] = lcs.lcs_length("ABCBDAB", "BDCABA", "bitparallel")
g = graphs.CSRGraph.from_edges(5, [0, 0, 1, 2, 3], [1, 2, 3, 3, 4])
out["bfs"] = graphs.bfs(g, 0, 4).path
out["levels"] = graphs.bfs_levels(g, 0).tolist()
out["dijkstra"] = graphs.dijkstra(g, 0, 4).cost
X = np.array([[0.0], [1.0], [2.0], [3.0]])
out["tree"] = DecisionTreeClassifier(random_state=0).fit(X, [0, 0, 1, 1]).predict(X).tolist()
out["numba"] = "numba" in sys.modules
print(json.dumps(out))
"""


def test_small_inputs_in_a_fresh_process_do_not_import_numba():
    out = _fresh(SMALL)
    # Expected values worked by hand: LCS "BCBA" (CLRS 15.4); 0 -> 1 -> 3 -> 4.
    assert out == {"small_work": False, "lcs": 4, "bfs": [0, 1, 3, 4],
                   "levels": [0, 1, 1, 2, 3], "dijkstra": 3.0, "tree": [0, 0, 1, 1],
                   "numba": False}


BIG = """
import json, os, sys
import numpy as np
from mlinterview.algo import _graphs_numba, graphs, lcs
from mlinterview.ml.tree import DecisionTreeRegressor, _classes
from mlinterview.ml import _numba

calls = []
def spy(module, name):
    real = getattr(module, name)
    setattr(module, name, lambda *a: calls.append(name) or real(*a))
spy(lcs, "lcs_length_compiled")
spy(_graphs_numba, "bfs_compiled")
spy(_classes, "build_depth_first_compiled")

rng = np.random.default_rng(0)
n = 12_000                     # 12,000 * 12,000 / 64 = 2.25e6 words
a = "".join(rng.choice(list("ACGT"), n)); b = "".join(rng.choice(list("ACGT"), n))
n_nodes, n_edges = 200_000, 2_000_000
g = graphs.CSRGraph.from_edges(n_nodes, rng.integers(0, n_nodes, n_edges),
                               rng.integers(0, n_nodes, n_edges))
X = rng.normal(size=(40_000, 50)); y = X[:, 0] + rng.normal(size=40_000)   # 2e6 cells
tree = DecisionTreeRegressor(max_depth=4, random_state=0)

compiled = (lcs.lcs_length(a, b, "bitparallel"), graphs.bfs_levels(g, 0).tolist(),
            tree.fit(X, y).predict(X).tolist())
used = sorted(calls)
os.environ["MLINTERVIEW_NO_NUMBA"] = "1"   # the readable versions on the same inputs
calls.clear()
readable = (lcs._bitparallel_length(a, b), graphs.bfs_levels(g, 0).tolist(),
            tree.fit(X, y).predict(X).tolist())
print(json.dumps({"used": used, "then": calls, "equal": [c == r for c, r in
                  zip(compiled, readable)], "numba": "numba" in sys.modules}))
"""


@needs_numba
@pytest.mark.slow
def test_big_inputs_still_use_the_twins_and_agree():
    out = _fresh(BIG)
    assert out["used"] == ["bfs_compiled", "build_depth_first_compiled",
                           "lcs_length_compiled"]
    assert out["then"] == []          # the switch forced the readable versions
    assert out["equal"] == [True, True, True]
    assert out["numba"]
