import numpy as np


def _derivative(image, axis):
    """Central differences along ``axis``, one-sided at both ends (np.gradient's rule)."""
    I = np.moveaxis(image, axis, 0)
    d = np.empty_like(I)
    d[1:-1] = (I[2:] - I[:-2]) / 2.0          # spacing 2 between the two neighbours
    d[0] = I[1] - I[0]                        # no neighbour before the first row
    d[-1] = I[-1] - I[-2]                     # none after the last
    return np.moveaxis(d, 0, axis)


def flow_residual(image0, image1, flow):
    """[dI0/drow, dI0/dcol] (2, rows, cols) and I_r d_row + I_c d_col + I_t (rows, cols)."""
    image0 = np.asarray(image0, dtype=float)
    image1 = np.asarray(image1, dtype=float)
    flow = np.asarray(flow, dtype=float)
    gradients = np.stack([_derivative(image0, 0), _derivative(image0, 1)])
    residual = gradients[0] * flow[0] + gradients[1] * flow[1] + (image1 - image0)
    return gradients, residual
