"""mlinterview: an offline ML interview lab where every answer is backed by code that runs."""

import os

# The arrays here are small: a multi-threaded BLAS spends more time synchronising threads
# than computing, and on a busy 2-core machine it can be 20x slower than one thread.
# This must happen before NumPy is imported; an explicit setting in the environment wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
