"""From-scratch machine learning on NumPy: the code every answer of mlinterview runs.

Sub-packages mirror the libraries an interviewer expects you to know:
``metrics`` (scikit-learn's names and results), and, as topics are added, the estimators,
the autograd engine and ``nn``/``optim`` (PyTorch's names and semantics).

This package imports NumPy and SciPy only; reference libraries (scikit-learn, PyTorch,
...) are used by the tests and benchmarks to check it, never by it.
"""
