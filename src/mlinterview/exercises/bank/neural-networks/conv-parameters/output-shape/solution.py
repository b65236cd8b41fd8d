def _pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """(H_out, W_out) of a Conv2d layer; every argument is an int or a pair (h, w)."""
    out = []
    for n, k, s, p, d in zip(*map(_pair, (input_size, kernel_size, stride, padding,
                                          dilation)), strict=True):
        size = (n + 2 * p - d * (k - 1) - 1) // s + 1
        if size <= 0:
            raise ValueError(f"empty output: size {n}, kernel {k}, dilation {d}, padding {p}")
        out.append(size)
    return tuple(out)
