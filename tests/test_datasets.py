"""Our loaders return exactly what scikit-learn's loaders return."""

import numpy as np
import pytest
from sklearn import datasets as sk

from mlinterview import datasets


@pytest.mark.parametrize("name", ["load_digits", "load_iris", "load_breast_cancer"])
def test_same_data_as_scikit_learn(name):
    X, y = getattr(datasets, name)()
    ref = getattr(sk, name)()
    np.testing.assert_array_equal(X, ref.data)  # exact: the same file, parsed as float64
    np.testing.assert_array_equal(y, ref.target)
    assert y.dtype == np.int64


def test_digits_shape():
    X, y = datasets.load_digits()
    assert X.shape == (1797, 64) and X.min() == 0 and X.max() == 16
    assert sorted(set(y.tolist())) == list(range(10))
