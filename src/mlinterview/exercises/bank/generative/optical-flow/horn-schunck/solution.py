import numpy as np

# Horn–Schunck's neighbourhood average: edge neighbours 1/6, corners 1/12, centre 0.
KERNEL = np.array([[1.0, 2.0, 1.0], [2.0, 0.0, 2.0], [1.0, 2.0, 1.0]]) / 12.0


def _average(x):
    """The kernel's weighted mean of each pixel's 8 neighbours, border replicated."""
    padded = np.pad(x, 1, mode="edge")
    rows, cols = x.shape
    out = np.zeros_like(x)
    for i in range(3):                             # nine shifted views, no pixel loop
        for j in range(3):
            out += KERNEL[i, j] * padded[i:i + rows, j:j + cols]
    return out


def horn_schunck(image0, image1, alpha, n_iter):
    """Flow [u, v] (2, rows, cols) after n_iter Jacobi iterations from zero."""
    image0 = np.asarray(image0, dtype=float)
    image1 = np.asarray(image1, dtype=float)
    # Spatial derivatives of the mean image (centred in time), temporal difference.
    I_r, I_c = np.gradient(0.5 * (image0 + image1))
    I_t = image1 - image0
    denom = alpha**2 + I_r**2 + I_c**2             # fixed over the iterations
    u = np.zeros_like(image0)
    v = np.zeros_like(image0)
    for _ in range(n_iter):
        u_bar, v_bar = _average(u), _average(v)    # both from the previous iterate
        common = (I_r * u_bar + I_c * v_bar + I_t) / denom
        u = u_bar - I_r * common
        v = v_bar - I_c * common
    return np.stack([u, v])
