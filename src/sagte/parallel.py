"""Settings shared by everything that runs the pipeline in several processes."""

from __future__ import annotations

import os

#: the thread-count variables of the BLAS and OpenMP libraries numpy may load
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def one_thread_per_worker() -> None:
    """Let worker processes started from now on use one BLAS thread each (unless the user set
    a number): N workers on N cores then do not fight over them. Call before starting workers."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
