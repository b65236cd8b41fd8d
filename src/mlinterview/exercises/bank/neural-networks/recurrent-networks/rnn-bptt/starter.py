import numpy as np


def rnn_bptt(x, h0, W_ih, W_hh, b_ih, b_hh, grad_outputs):
    """Backpropagation through time for h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh),
    given dL/dh_t for every t (grad_outputs, (T, B, H)): returns (dx, dh0, dW_ih, dW_hh, db)."""
    raise NotImplementedError("forward keeping the states, then backward from t = T to 1")
