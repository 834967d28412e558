"""Shared fixtures: one pipeline per test session, the corpora folder, helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sagte.evaluation import data_dir as _data_dir

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline with the shipped models, loaded once."""
    import sagte

    return sagte.load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """``analyze(text, date=…)`` -> Document, with the session's pipeline."""
    import sagte

    def run(text: str, **kwargs):
        return sagte.analyze(text, nlp=nlp, **kwargs)

    return run


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``../shared/data``; tests that need it skip with a reason where it is absent (never in CI)."""
    path = _data_dir()
    if not path.is_dir():
        if IN_CI:
            pytest.fail(f"{path} is missing in CI: the corpora must be present there")
        pytest.skip(f"corpora folder {path} is absent (a user's machine); set SAGTE_DATA to run this test")
    return path
