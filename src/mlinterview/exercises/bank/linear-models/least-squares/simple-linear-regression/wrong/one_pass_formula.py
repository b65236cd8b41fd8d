"""The one-pass textbook formula (n Σxy - Σx Σy) / (n Σx² - (Σx)²): exact on paper, but
for x near 1e8 both differences cancel catastrophically in floating point."""
import numpy as np


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = x.size
    slope = (n * np.dot(x, y) - x.sum() * y.sum()) / (n * np.dot(x, x) - x.sum() ** 2)
    return float(slope), float((y.sum() - slope * x.sum()) / n)
