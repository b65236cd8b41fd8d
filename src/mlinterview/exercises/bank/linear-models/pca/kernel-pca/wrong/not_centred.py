"""Eigendecomposes K itself, without centring in feature space: the leading component
then mostly points at the mean of the features instead of along their spread."""
import numpy as np


def kernel_pca(K, k):
    K = np.asarray(K, dtype=float)
    vals, vecs = np.linalg.eigh(K)
    top = np.argsort(vals)[::-1][:k]
    lam = np.clip(vals[top], 0.0, None)
    Z = vecs[:, top] * np.sqrt(lam)
    s = np.sign(Z[np.argmax(np.abs(Z), axis=0), np.arange(Z.shape[1])])
    return Z * np.where(s == 0, 1.0, s), lam
