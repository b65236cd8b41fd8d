"""Returns a zero or negative size instead of raising ValueError for a kernel that does not
fit."""


def _pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1
                 for n, k, s, p, d in zip(*map(_pair, (input_size, kernel_size, stride,
                                                        padding, dilation)), strict=True))
