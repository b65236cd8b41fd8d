"""Independent fits in parallel: joblib workers on this machine, or a Dask cluster.

Cross-validation, grid search and the learning/validation curves all reduce to a list of
independent calls ``fn(*args)`` (fit a clone on some rows, score it on others), handed to
:func:`parallel_map`. Where the calls run is joblib's choice, as in scikit-learn:

- ``n_jobs=1`` (or ``None`` outside any joblib context): one after the other, here;
- ``n_jobs=k`` or ``-1``: in joblib's default backend (loky worker processes);
- inside ``with joblib.parallel_config(backend="dask")`` (or ``parallel_backend("dask")``,
  or :func:`dask_backend`): on the Dask cluster of the current ``distributed.Client``,
  and then ``n_jobs=None`` means "the whole cluster", as scikit-learn's ``n_jobs=None``
  means "1 unless in a joblib.parallel_backend context".

The arrays ``X`` and ``y`` travel as arguments, never inside a closure, so joblib's Dask
backend can scatter each one to the workers once per call of :func:`parallel_map`
instead of shipping a copy with every batch of fits.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from mlinterview.ml._validation import check_n_jobs


def effective_n_jobs(n_jobs: object) -> int:
    """How many workers ``n_jobs`` asks for; ``None`` defers to an open joblib context.

    ``None`` is 1 unless a ``joblib.parallel_config``/``parallel_backend`` block is open,
    in which case the block's backend decides (the Dask backend: every core of the
    cluster). Without joblib imported no such block can be open, so NumPy-only users
    never pay for importing joblib.
    """
    if n_jobs is not None:
        return check_n_jobs(n_jobs)
    joblib = sys.modules.get("joblib")
    return 1 if joblib is None else int(joblib.effective_n_jobs(None))


def parallel_map(fn: Callable, items: Iterable[tuple], n_jobs: object, **kwargs) -> list:
    """``[fn(*item, **kwargs) for item in items]``, in joblib workers when asked.

    Processes (joblib's default backend, as scikit-learn's ``cross_validate``): every fit
    is independent and the estimators spend part of their time in Python, which threads
    would serialise on the GIL. No backend is named here, so an enclosing
    ``joblib.parallel_config(backend=...)`` block (Dask, threads, ...) chooses where the
    calls run. ``fn`` should be a module-level function: every backend but the
    sequential one pickles it.
    """
    items = list(items)
    if len(items) <= 1 or effective_n_jobs(n_jobs) == 1:
        return [fn(*item, **kwargs) for item in items]
    from joblib import Parallel, delayed  # a runtime dependency, imported only when used

    return Parallel(n_jobs=n_jobs)(delayed(fn)(*item, **kwargs) for item in items)


@contextmanager
def dask_backend(client=None, **backend_params) -> Iterator[None]:
    """Run the ``n_jobs`` work inside the block on a Dask cluster.

    ``joblib.parallel_config(backend="dask", client=client, **backend_params)``, with
    an ``ImportError`` naming the ``scale`` extra when ``dask.distributed`` is missing.
    ``client`` is a ``distributed.Client`` (default: the current one, which must exist).
    Inside the block, :func:`cross_validate`, :func:`cross_val_score`,
    :func:`learning_curve`, :func:`validation_curve` and :class:`GridSearchCV` send their
    fits to the cluster for any ``n_jobs`` other than 1 (``None`` included); results are
    the same as a local run.

    Examples
    --------
    >>> from distributed import Client, LocalCluster          # doctest: +SKIP
    >>> with LocalCluster(n_workers=2) as cluster, Client(cluster) as client:
    ...     with dask_backend():
    ...         search = GridSearchCV(Ridge(), {"alpha": [0.1, 1, 10]}).fit(X, y)
    """
    try:
        import distributed  # noqa: F401  (joblib's Dask backend needs it)
        import joblib
    except ImportError:
        raise ImportError("dask_backend needs the scale extra: pip install "
                          "'mlinterview[scale]' (dask[distributed])") from None
    if client is not None:
        backend_params["client"] = client
    with joblib.parallel_config(backend="dask", **backend_params):
        yield
