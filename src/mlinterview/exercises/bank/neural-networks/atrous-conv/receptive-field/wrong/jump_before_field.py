"""Updates the jump before the field, so a layer's own stride scales its own kernel."""


def receptive_fields(kernel_sizes, dilations=None, strides=None):
    n = len(kernel_sizes)
    dilations = dilations or [1] * n
    strides = strides or [1] * n
    r, j, out = 1, 1, []
    for k, d, s in zip(kernel_sizes, dilations, strides):
        if min(k, d, s) < 1:
            raise ValueError("must be >= 1")
        j *= s
        r += (k - 1) * d * j
        out.append((r, j))
    return out
