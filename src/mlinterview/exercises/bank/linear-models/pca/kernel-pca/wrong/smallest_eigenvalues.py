"""Takes the first k columns of eigh's output, forgetting that eigh sorts the eigenvalues
in ascending order: those are the k smallest, the least informative directions."""
import numpy as np


def kernel_pca(K, k):
    K = np.asarray(K, dtype=float)
    Kc = K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True) + K.mean()
    vals, vecs = np.linalg.eigh(Kc)
    lam = np.clip(vals[:k], 0.0, None)
    Z = vecs[:, :k] * np.sqrt(lam)
    s = np.sign(Z[np.argmax(np.abs(Z), axis=0), np.arange(Z.shape[1])])
    return Z * np.where(s == 0, 1.0, s), lam
