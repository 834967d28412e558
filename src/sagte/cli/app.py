"""The Typer applications the command modules attach to."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sagte",
    help="Who said what, when, about whom: German news articles as structured, verifiable records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score sagte against gold data: precision, recall and F1.", no_args_is_help=True)
train_app = typer.Typer(help="Train the models and lexicons sagte ships, from ../shared/data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

#: exit codes
EXIT_OK = 0
EXIT_FAILED_RECORDS = 1  # some records could not be analysed (the others were written)
EXIT_USAGE = 2  # bad arguments or input that cannot be read at all
EXIT_MISSING = 3  # missing data or model
