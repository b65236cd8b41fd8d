"""Returns the unit eigenvectors as the coordinates, forgetting the sqrt(lambda) factor:
every component then has the same spread."""
import numpy as np


def kernel_pca(K, k):
    K = np.asarray(K, dtype=float)
    Kc = K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True) + K.mean()
    vals, vecs = np.linalg.eigh(Kc)
    top = np.argsort(vals)[::-1][:k]
    Z = vecs[:, top]
    s = np.sign(Z[np.argmax(np.abs(Z), axis=0), np.arange(Z.shape[1])])
    return Z * np.where(s == 0, 1.0, s), np.clip(vals[top], 0.0, None)
