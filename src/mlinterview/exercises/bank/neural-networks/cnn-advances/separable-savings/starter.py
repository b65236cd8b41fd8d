def separable_savings(c_in, c_out, kernel_size, bias=False):
    """(standard params, depthwise + pointwise params, separable / standard) for a conv from
    c_in to c_out channels with a kernel_size (int or (kh, kw)) kernel."""
    raise NotImplementedError("count the three convolutions")
