"""Builds dW_hh with the step's own output h_t instead of the state h_{t-1} it read."""
import numpy as np


def rnn_bptt(x, h0, W_ih, W_hh, b_ih, b_hh, grad_outputs):
    T = x.shape[0]
    # Forward pass, keeping every state: hs[t + 1] = h_t, hs[0] = h0.
    hs = np.empty((T + 1, *h0.shape))
    hs[0] = h0
    xw = x @ W_ih.T + b_ih
    for t in range(T):
        hs[t + 1] = np.tanh(xw[t] + hs[t] @ W_hh.T + b_hh)

    dx = np.empty(x.shape)
    dW_ih = np.zeros(W_ih.shape)
    dW_hh = np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dh = np.zeros(h0.shape)                   # what later steps send back to h_t
    for t in range(T - 1, -1, -1):
        dh = dh + grad_outputs[t]             # h_t feeds the loss and the next step
        dz = dh * (1.0 - hs[t + 1] ** 2)      # through tanh: tanh' = 1 - h_t²
        # The weights are shared by all steps: their gradients add up over time.
        dW_ih += dz.T @ x[t]
        dW_hh += dz.T @ hs[t + 1]                 # with the state that came in, h_{t-1}
        db += dz.sum(axis=0)
        dx[t] = dz @ W_ih
        dh = dz @ W_hh                        # on to h_{t-1}
    return dx, dh, dW_ih, dW_hh, db
