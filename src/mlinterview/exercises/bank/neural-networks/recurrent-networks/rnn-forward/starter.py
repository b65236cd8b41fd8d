import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """Elman RNN over a sequence: x (T, B, I), h0 (B, H) -> (outputs (T, B, H), h_T (B, H))
    with h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)."""
    raise NotImplementedError("project the inputs, then loop over time")
