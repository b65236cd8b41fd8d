"""Computes the output size without the dilation: (n + 2p - k) // s + 1."""
def _out_size(size, k, s, p, d):
    return (size + 2 * p - k) // s + 1


def network_summary(in_shape, layers):
    c, h, w = in_shape
    r, j = 1, 1                       # receptive field and jump, in input pixels
    rows = []
    for layer in layers:
        k = layer["kernel"]
        d = layer.get("dilation", 1)
        p = layer.get("padding", 0)
        if layer["type"] == "conv":
            s = layer.get("stride", 1)
            groups = layer.get("groups", 1)
            c_out = layer["out_channels"]
            if c % groups or c_out % groups:
                raise ValueError(f"groups={groups} must divide {c} and {c_out} channels")
        else:                         # max pooling: stride defaults to the kernel size
            s = layer.get("stride", k)
            groups, c_out = 1, c
        h, w = _out_size(h, k, s, p, d), _out_size(w, k, s, p, d)
        if h < 1 or w < 1:
            raise ValueError(f"layer {layer} leaves an empty output")
        # Each output value: a dot product over C_in/groups channels and k·k taps.
        macs = c_out * h * w * (c // groups) * k * k if layer["type"] == "conv" else 0
        r += (k - 1) * d * j
        j *= s
        c = c_out
        rows.append((c, h, w, r, macs))
    return rows
