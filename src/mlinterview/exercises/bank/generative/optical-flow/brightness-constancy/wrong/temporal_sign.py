"""Takes the temporal difference as I0 - I1 instead of I1 - I0."""
import numpy as np


def flow_residual(image0, image1, flow):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    flow = np.asarray(flow, dtype=float)
    g = np.stack(np.gradient(I0))
    return g, g[0] * flow[0] + g[1] * flow[1] + I0 - I1
