import numpy as np


def adjust_pvalues(p, method):
    """Multiple-testing adjusted p-values, in the input order."""
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "bonferroni":
        return np.minimum(m * p, 1.0)

    order = np.argsort(p)
    sorted_p = p[order]
    rank = np.arange(1, m + 1)                          # 1-based rank of each sorted p
    if method == "holm":
        # Step-down: multiply by m, m-1, ..., 1; a larger p never gets a smaller value.
        adjusted = np.maximum.accumulate(sorted_p * (m - rank + 1))
    elif method == "fdr_bh":
        # Step-up: m p_(i) / i, then for each i the minimum over j >= i (from the top).
        adjusted = np.minimum.accumulate((sorted_p * m / rank)[::-1])[::-1]
    else:
        raise ValueError(f"method must be 'bonferroni', 'holm' or 'fdr_bh', got {method!r}")

    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)              # back to the input order
    return out
