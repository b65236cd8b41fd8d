"""The recurrent-networks demo: its gradient norms equal PyTorch's for the same weights,
and the regimes it reports follow from them."""

import numpy as np
import torch

from mlinterview.demos.neural_networks.recurrent_networks import (
    gradient_through_time,
    input_gradient_norms,
)
from mlinterview.ml import nn


def test_input_gradient_norms_match_pytorch():
    rng = np.random.default_rng(0)
    x, readout = rng.normal(size=(30, 2, 8)), rng.normal(size=(2, 6))
    for ours_cls, theirs_cls in ((nn.LSTM, torch.nn.LSTM), (nn.GRU, torch.nn.GRU),
                                 (nn.RNN, torch.nn.RNN)):
        ours = ours_cls(8, 6, dtype=np.float64)
        theirs = theirs_cls(8, 6).double()
        theirs.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
        xt = torch.tensor(x, requires_grad=True)
        out, _ = theirs(xt)
        (out[-1] * torch.tensor(readout)).sum().backward()
        expected = xt.grad.norm(dim=(1, 2)).numpy()
        np.testing.assert_allclose(input_gradient_norms(ours, x, readout), expected,
                                   rtol=1e-9, atol=1e-300)


def test_lstm_with_forget_bias_reaches_further_than_the_rnn():
    rows = {r[0]: r for r in gradient_through_time(steps=150).table.rows}
    assert float(rows["LSTM"][3]) > 1e6 * float(rows["RNN (tanh)"][3])
    assert isinstance(rows["RNN (tanh)"][4], int) and rows["RNN (tanh)"][4] < 40
    # Without the forget-gate bias the LSTM loses most of its advantage.
    no_bias = {r[0]: r for r in gradient_through_time(steps=150, forget_bias=0.0).table.rows}
    assert float(no_bias["LSTM"][3]) < float(rows["LSTM"][3])
