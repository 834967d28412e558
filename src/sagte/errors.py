"""The error catalogue: every error the user can see has a code and says what to do."""

from __future__ import annotations


class SagteError(Exception):
    """Base class. ``code`` is stable; the message says what to do."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class InputError(SagteError):
    """The input cannot be analysed as it is (empty, binary, not text)."""

    code = "E001"


class DateError(SagteError):
    """A publication date that is not YYYY-MM-DD."""

    code = "E002"


class ModelError(SagteError):
    """A shipped model is missing or cannot be loaded."""

    code = "E010"


class DataFileError(SagteError):
    """A language data file under sagte/lang is missing or malformed."""

    code = "E020"


class GoldDataError(SagteError):
    """An evaluation file cannot be read."""

    code = "E030"


class StoreError(SagteError):
    """The corpus store cannot be opened or written."""

    code = "E040"


class BatchError(SagteError):
    """A batch or Spark run cannot start or go on (bad inputs, an output folder of another run)."""

    code = "E050"
