def swap_propensities(clicks, swap_position):
    """Relative examination propensities θ_k / θ_0 from a swap experiment.

    Parameters
    ----------
    clicks : list of lists of 0/1, shape (n_sessions, n_positions)
    swap_position : list of int, one per session; 0 = no swap, k = top swapped with k

    Returns
    -------
    list of n_positions floats: 1.0 first, float("nan") where no session swapped with k.
    """
    raise NotImplementedError("compare the clicks the original top result gets at k (in "
                              "the sessions swapped with k) with its clicks at 0 (unswapped)")
