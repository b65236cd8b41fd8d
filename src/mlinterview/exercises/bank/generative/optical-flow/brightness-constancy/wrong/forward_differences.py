"""Uses forward differences I[i+1] - I[i] everywhere (the last one backward)."""
import numpy as np


def flow_residual(image0, image1, flow):
    I0, I1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    flow = np.asarray(flow, dtype=float)
    gr = np.diff(I0, axis=0, append=I0[-1:] + (I0[-1:] - I0[-2:-1]))
    gc = np.diff(I0, axis=1, append=I0[:, -1:] + (I0[:, -1:] - I0[:, -2:-1]))
    return np.stack([gr, gc]), gr * flow[0] + gc * flow[1] + I1 - I0
