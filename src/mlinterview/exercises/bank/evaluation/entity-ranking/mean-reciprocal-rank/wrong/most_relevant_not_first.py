"""Takes the rank of the most relevant document (argmax of the graded relevance in ranked
order) instead of the rank of the first document whose grade is above 0."""
import numpy as np


def mean_reciprocal_rank(relevance, scores):
    rel = np.asarray(relevance, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    grades = np.take_along_axis(rel, np.argsort(-s, axis=1), axis=1)
    best = grades.argmax(axis=1)
    return float(np.where(grades.max(axis=1) > 0, 1.0 / (best + 1), 0.0).mean())
