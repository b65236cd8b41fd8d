import numpy as np


def conv_matrix(kernel, input_size, stride=1, padding=0):
    """The matrix M (H_out*W_out, H*W) with conv2d(x).ravel() == M @ x.ravel() for a
    single-channel image x of shape input_size = (H, W), a (kh, kw) kernel (a
    cross-correlation), zero padding on every side and the given stride."""
    kernel = np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    h, w = input_size
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    # Every (output position (i, j), kernel tap (u, v)) pair at once, shape (ho, wo, kh, kw).
    i, j, u, v = np.indices((ho, wo, kh, kw))
    # Tap (u, v) of output (i, j) reads input pixel (i s + u - p, j s + v - p).
    r = i * stride + u - padding
    c = j * stride + v - padding
    # Taps that land in the zero padding contribute nothing: drop them (a negative index
    # would silently wrap around to the other side of the image).
    inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
    M = np.zeros((ho * wo, h * w))
    # Row: the output pixel, row-major; column: the input pixel, row-major. Within a row
    # the taps read different pixels, so plain assignment is enough.
    M[(i * wo + j)[inside], (r * w + c)[inside]] = kernel[u[inside], v[inside]]
    return M
