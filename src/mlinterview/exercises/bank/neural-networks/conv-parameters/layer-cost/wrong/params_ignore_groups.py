"""Counts a full C_out x C_in x kh x kw weight whatever the groups."""
def _pair(v):
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


def conv_layer_cost(in_shape, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                    groups=1, bias=True):
    c_in, h, w = in_shape
    if c_in % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide in_channels={c_in} and "
                         f"out_channels={out_channels}")
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = map(_pair, (kernel_size, stride, padding,
                                                         dilation))
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"the output would be empty ({h_out} x {w_out})")
    # Each output channel sees only its group's C_in / groups input channels.
    per_output = (c_in // groups) * kh * kw
    params = out_channels * c_in * kh * kw + (out_channels if bias else 0)
    # One dot product of that length per output value (bias additions are not counted).
    macs = out_channels * h_out * w_out * per_output
    return params, macs, (out_channels, h_out, w_out)
