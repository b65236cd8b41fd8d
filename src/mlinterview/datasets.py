"""Small real datasets for demos, read from the data files scikit-learn ships.

The files are read as package data (``importlib.resources``); scikit-learn's code is never
imported, and nothing is downloaded. They are installed with the ``datasets`` extra
(``make run`` and ``make test`` include it); without it a clear error says so.
"""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources

import numpy as np


class DatasetUnavailableError(RuntimeError):
    """The package that carries the data file is not installed."""


def _data_file(name: str) -> bytes:
    try:
        return resources.files("sklearn.datasets").joinpath("data", name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise DatasetUnavailableError(
            f"the dataset file {name!r} ships with scikit-learn, which is not installed: "
            f"pip install 'mlinterview[datasets]'") from exc


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 8x8 handwritten digits: X (1797, 64) float64 pixel intensities in [0, 16],
    y (1797,) int64 labels 0-9 (reshape a row to (8, 8) to see the image)."""
    raw = np.loadtxt(io.BytesIO(gzip.decompress(_data_file("digits.csv.gz"))), delimiter=",")
    return raw[:, :-1], raw[:, -1].astype(np.int64)


def _with_header(name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    # First line: n_samples, n_features, then the class names.
    rows = list(csv.reader(io.StringIO(_data_file(name).decode())))
    n_samples, n_features = int(rows[0][0]), int(rows[0][1])
    class_names = rows[0][2:]
    data = np.array(rows[1:n_samples + 1], dtype=np.float64)
    return data[:, :n_features], data[:, n_features].astype(np.int64), class_names


def load_iris() -> tuple[np.ndarray, np.ndarray]:
    """Fisher's iris: X (150, 4) sepal/petal length and width in cm, y (150,) in {0, 1, 2}."""
    X, y, _ = _with_header("iris.csv")
    return X, y


def load_breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """Wisconsin breast cancer: X (569, 30) features, y (569,) with 1 = benign."""
    X, y, _ = _with_header("breast_cancer.csv")
    return X, y
