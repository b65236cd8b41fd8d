"""Returns [d/dcol, d/drow] (x before y) and pairs them with the (row, col) flow."""
import numpy as np


def flow_residual(image0, image1, flow):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    flow = np.asarray(flow, dtype=float)
    gy, gx = np.gradient(I0)
    return np.stack([gx, gy]), gx * flow[0] + gy * flow[1] + I1 - I0
