"""Centres only the rows of K (subtracts each row's mean): that is not the Gram matrix of
centred features, which needs the column means removed and the grand mean added back."""
import numpy as np


def kernel_pca(K, k):
    K = np.asarray(K, dtype=float)
    Kc = K - K.mean(axis=1, keepdims=True)
    vals, vecs = np.linalg.eigh(Kc)
    top = np.argsort(vals)[::-1][:k]
    lam = np.clip(vals[top], 0.0, None)
    Z = vecs[:, top] * np.sqrt(lam)
    s = np.sign(Z[np.argmax(np.abs(Z), axis=0), np.arange(Z.shape[1])])
    return Z * np.where(s == 0, 1.0, s), lam
