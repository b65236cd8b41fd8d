"""Cases for recurrent-networks/lstm-cell.

Expected values come from mlinterview.ml.nn.LSTMCell (checked against PyTorch in
tests/parity/test_nn_rnn.py); the first case is worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, h, c, W_ih, W_hh, b_ih, b_hh):
    x = np.asarray(x, dtype=np.float64)
    cell = nn.LSTMCell(x.shape[1], h.shape[1], dtype=np.float64)
    cell.load_state_dict({"weight_ih": W_ih, "weight_hh": W_hh, "bias_ih": b_ih,
                          "bias_hh": b_hh})
    h_new, c_new = cell(Tensor(x), (Tensor(np.asarray(h, float)), Tensor(np.asarray(c, float))))
    return h_new.data, c_new.data


def _case(rng, B, I, H, note, scale=1.0):
    return Case((rng.normal(size=(B, I)), rng.normal(size=(B, H)), rng.normal(size=(B, H)),
                 rng.normal(scale=scale, size=(4 * H, I)),
                 rng.normal(scale=scale, size=(4 * H, H)),
                 rng.normal(scale=scale, size=4 * H), rng.normal(scale=scale, size=4 * H)),
                note=note)


def fixed():
    c = np.array([[1.0, -2.0, 0.5]])
    zeros = (np.zeros((12, 2)), np.zeros((12, 3)), np.zeros(12), np.zeros(12))
    rng = np.random.default_rng(11)
    # Forget gate fully open (bias +50), input gate shut (-50), output gate at σ(0) = 0.5:
    # the cell is kept as it is and h = 0.5·tanh(c).
    b = np.zeros(12)
    b[3:6] = 50.0  # forget gate fully open
    b[0:3] = -50.0  # input gate shut
    return [
        Case((np.ones((1, 2)), np.zeros((1, 3)), c, *zeros),
             note="all weights zero: every gate is 0.5, g = 0",
             expected=(0.5 * np.tanh(0.5 * c), 0.5 * c)),
        Case((np.ones((1, 2)), np.zeros((1, 3)), c, np.zeros((12, 2)), np.zeros((12, 3)), b,
              np.zeros(12)), note="forget gate open, input gate shut: the cell is kept",
             expected=(0.5 * np.tanh(c), c)),
        _case(rng, 1, 1, 1, "one unit"),
        _case(rng, 2, 3, 4, "small batch"),
        _case(rng, 3, 5, 2, "saturated gates (pre-activations up to ±50)", scale=12.0),
    ]


def generated(rng):
    cases = []
    for k in range(20):
        B, I, H = (int(v) for v in rng.integers(1, 4 + 3 * k, 3))
        cases.append(_case(rng, B, I, H, f"random batch {B}, input {I}, hidden {H}"))
    return cases


SPEC = ExerciseSpec(
    function="lstm_cell",
    # Different but equivalent sigmoid formulas agree to ~1e-15 in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
