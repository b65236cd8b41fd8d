import numpy as np


def kernel_pca(K, k):
    """Kernel PCA coordinates of the training points and the top-k eigenvalues."""
    K = np.asarray(K, dtype=float)
    # Centre φ in feature space: subtract row and column means, add back the grand mean.
    Kc = K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True) + K.mean()
    eigenvalues, eigenvectors = np.linalg.eigh(Kc)            # ascending order
    top = np.argsort(eigenvalues)[::-1][:k]                   # the k largest
    lam = np.clip(eigenvalues[top], 0.0, None)                # rounding: no -1e-15
    # Projection of φ(x_i) on the unit axis (sum_j v_cj φ_j) / sqrt(lambda_c):
    # (Kc v_c)_i / sqrt(lambda_c) = sqrt(lambda_c) v_ci.
    Z = eigenvectors[:, top] * np.sqrt(lam)
    # Fix each column's sign: its largest-magnitude entry positive.
    rows = np.argmax(np.abs(Z), axis=0)
    signs = np.sign(Z[rows, np.arange(Z.shape[1])])
    signs[signs == 0] = 1.0
    return Z * signs, lam
