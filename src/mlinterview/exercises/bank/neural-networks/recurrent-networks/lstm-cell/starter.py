import numpy as np


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step with PyTorch's gate order (i, f, g, o).

    x: (B, I); h, c: (B, H); W_ih: (4H, I); W_hh: (4H, H); b_ih, b_hh: (4H,).
    Returns (h_new, c_new), each (B, H).
    """
    H = h.shape[1]
    a = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    raise NotImplementedError("split a into the four gates, then update c and h")
