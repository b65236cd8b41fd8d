"""Warnings and errors raised by :mod:`mlinterview.ml` (named as in scikit-learn)."""

from mlinterview.ml._validation import DataConversionWarning, NotFittedError


class UndefinedMetricWarning(UserWarning):
    """A metric had a 0/0 and was set to the ``zero_division`` value (e.g. precision with
    no predicted positives)."""


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at ``max_iter`` before meeting its tolerance."""


__all__ = ["ConvergenceWarning", "DataConversionWarning", "NotFittedError",
           "UndefinedMetricWarning"]
