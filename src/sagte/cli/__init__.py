"""The ``sagte`` command line: a thin layer over plain functions, one module per command group.

Each module below defines its commands on :data:`app` (or on a sub-app such as
:data:`eval_app`) when imported.
"""

from __future__ import annotations

from .app import app, eval_app, train_app  # noqa: F401

# command groups: importing a module registers its commands
from . import analyze as _analyze  # noqa: F401,E402
from . import evaluate as _evaluate  # noqa: F401,E402
from . import batch as _batch  # noqa: F401,E402
from . import corpus as _corpus  # noqa: F401,E402
from . import web as _web  # noqa: F401,E402
from . import speech as _speech  # noqa: F401,E402
from . import ner as _ner  # noqa: F401,E402
from . import morph as _morph  # noqa: F401,E402
from . import identity as _identity  # noqa: F401,E402
from . import timex as _timex  # noqa: F401,E402


def main() -> None:
    app()
