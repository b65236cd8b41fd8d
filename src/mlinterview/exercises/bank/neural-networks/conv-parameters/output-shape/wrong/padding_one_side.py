"""Adds the padding once instead of on both sides (n + p instead of n + 2p)."""


def _pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p, d in zip(*map(_pair, (input_size, kernel_size, stride, padding,
                                          dilation)), strict=True):
        size = (n + p - d * (k - 1) - 1) // s + 1
        if size <= 0:
            raise ValueError("empty output")
        out.append(size)
    return tuple(out)
