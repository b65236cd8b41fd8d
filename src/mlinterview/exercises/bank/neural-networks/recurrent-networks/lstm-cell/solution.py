import numpy as np


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # equal to 1 / (1 + e^-a), never overflows


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step with PyTorch's gate order (i, f, g, o)."""
    H = h.shape[1]
    a = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i = _sigmoid(a[:, :H])
    f = _sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = _sigmoid(a[:, 3 * H:])
    c_new = f * c + i * g
    return o * np.tanh(c_new), c_new
