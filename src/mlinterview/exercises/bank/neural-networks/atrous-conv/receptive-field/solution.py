def receptive_fields(kernel_sizes, dilations=None, strides=None):
    """[(r_l, j_l) for each layer]: receptive field and jump (cumulative stride) after each
    layer of a 1-D stack; dilations and strides default to all 1."""
    n = len(kernel_sizes)
    dilations = [1] * n if dilations is None else dilations
    strides = [1] * n if strides is None else strides
    r, j = 1, 1          # one input pixel, neighbours one pixel apart
    out = []
    for k, d, s in zip(kernel_sizes, dilations, strides, strict=True):
        if k < 1 or d < 1 or s < 1:
            raise ValueError(f"kernel size, dilation and stride must be >= 1, got {k}, {d}, {s}")
        # The dilated kernel adds (k - 1)·d steps of its input; each step is j pixels.
        r += (k - 1) * d * j
        j *= s           # this layer's stride spaces out the next layer's inputs
        out.append((r, j))
    return out
