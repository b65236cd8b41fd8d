def receptive_fields(kernel_sizes, dilations=None, strides=None):
    """[(r_l, j_l) for each layer]: receptive field and jump (cumulative stride) after each
    layer of a 1-D stack; dilations and strides default to all 1."""
    raise NotImplementedError("r += (k - 1) * d * j, then j *= s")
