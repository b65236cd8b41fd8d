def network_summary(in_shape, layers):
    """For each layer of a CNN spec: (C, H, W, receptive_field, macs) after that layer."""
    raise NotImplementedError("carry (C, H, W), the field and the jump through the layers")
