"""Adds only b_ih, forgetting the recurrent bias b_hh."""
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    T = x.shape[0]
    # The input projections of all steps at once: they do not depend on the state.
    xw = x @ W_ih.T + b_ih                       # (T, B, H)
    outputs = np.empty((T, *h0.shape))
    h = h0
    for t in range(T):
        # Only the recurrence itself is sequential.
        h = np.tanh(xw[t] + h @ W_hh.T)
        outputs[t] = h
    return outputs, h
