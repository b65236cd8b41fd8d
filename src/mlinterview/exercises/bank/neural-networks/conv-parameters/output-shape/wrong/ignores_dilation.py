"""Ignores the dilation: treats a dilated kernel as if it spanned only k pixels."""


def _pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p in zip(*map(_pair, (input_size, kernel_size, stride, padding))):
        size = (n + 2 * p - k) // s + 1
        if size <= 0:
            raise ValueError("empty output")
        out.append(size)
    return tuple(out)
