"""The `casus` command line: a thin shell over the Python API. Only the CLI prints or exits."""

from __future__ import annotations

import typer

from casus.cli import actors, eval, run, serve

app = typer.Typer(
    name="casus",
    help="Political event data from news text: who did what to whom, when, where and how.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (run, eval, actors, serve):
    module.register(app)


def main() -> None:
    app()
