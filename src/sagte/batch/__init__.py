"""Scale: many articles on one machine (``sagte batch``) or on Spark (``sagte spark``).

>>> from sagte.batch import run_batch, read_output
>>> run_batch(["articles.jsonl"], "out/", workers=2, fmt="parquet")   # doctest: +SKIP
>>> for doc in read_output("out/"): ...                                # doctest: +SKIP

See :mod:`sagte.batch.runner` (the run), :mod:`~sagte.batch.manifest` (resuming),
:mod:`~sagte.batch.shards` (the Parquet layout) and :mod:`~sagte.batch.spark`.
"""

from __future__ import annotations

from .runner import BatchSummary, read_errors, read_output, run_batch

__all__ = ["BatchSummary", "read_errors", "read_output", "run_batch"]
