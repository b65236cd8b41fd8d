"""Does not reject a kernel size, dilation or stride of 0 (returns a meaningless field)."""


def receptive_fields(kernel_sizes, dilations=None, strides=None):
    n = len(kernel_sizes)
    dilations = dilations or [1] * n
    strides = strides or [1] * n
    r, j, out = 1, 1, []
    for k, d, s in zip(kernel_sizes, dilations, strides):
        r += (k - 1) * d * j
        j *= s
        out.append((r, j))
    return out
