"""`casus actors resolve` and `casus actors stale`: look into the actor knowledge base.

spaCy is imported inside `resolve` only, so `casus actors --help` and `stale` answer at once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from casus.cli.console import fail, guard
from casus.errors import CasusError
from casus.models import parse_iso_date

EXIT_FAILED = 1

actors_app = typer.Typer(
    name="actors",
    help="Inspect the actor knowledge base: how a mention resolves, which facts are stale.",
    no_args_is_help=True,
)

Dictionaries = Annotated[
    list[Path] | None,
    typer.Option(
        "--dict",
        metavar="PATH",
        help="Extra actor dictionary (casus YAML or PETRARCH .txt); repeatable; wins over the "
        "built-in knowledge base.",
        exists=True,
        dir_okay=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(actors_app, name="actors")


@actors_app.command()
def resolve(
    mention: Annotated[str, typer.Argument(help="The mention as written, e.g. 'the Israeli leader'.")],
    text: Annotated[
        Path | None,
        typer.Option("--text", metavar="FILE", help="Article the mention comes from (default: "
                     "the mention alone).", exists=True, dir_okay=False),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD): "
                     "roles in force on it are coded (default: the latest)."),
    ] = None,
    occurrence: Annotated[
        int, typer.Option("--occurrence", min=1, help="Which occurrence of the mention to resolve.")
    ] = 1,
    dictionaries: Dictionaries = None,
) -> None:
    """Resolve one mention in an article and say why: entries, rules and context that fired."""
    with guard():
        try:
            actor, why = _resolve(mention, text, published, occurrence, dictionaries or [])
        except CasusError as exc:
            fail(str(exc), EXIT_FAILED)
        console = Console()
        table = Table(show_header=False, box=None)
        for field, value in actor.to_dict().items():
            table.add_row(f"[bold]{field}[/bold]", "" if value is None else str(value))
        console.print(table)
        console.print("[bold]why[/bold]")
        for line in why:
            console.print(f"  {line}", markup=False, highlight=False)


def _resolve(mention: str, text_file, published, occurrence: int, dictionaries):
    from casus.models import Document, Mention
    from casus.nlp import load_pipeline, parse_one
    from casus.resolve.actors import ActorKB, ActorResolver

    day = _date(published)
    text = text_file.read_text(encoding="utf-8") if text_file else mention
    start = _find(text, mention, occurrence)
    kb = ActorKB.load(dictionaries=[str(p) for p in dictionaries])
    parsed = parse_one(load_pipeline(), Document(id="cli", text=text, published=day))
    span = parsed.doc.char_span(start, start + len(mention), alignment_mode="expand")
    head = span.root.i if span is not None else 0
    found = Mention(text=mention, start=start, end=start + len(mention), head=head)
    document_actors = ActorResolver(kb).for_document(parsed)
    return document_actors.resolve(found), document_actors.explain(found)


def _find(text: str, mention: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(mention, at + 1)
        if at < 0:
            fail(f"{mention!r} does not occur {occurrence} time(s) in the text", EXIT_FAILED)
    return at


def _date(value: str | None) -> date | None:
    try:
        return parse_iso_date(value)
    except ValueError:
        fail(f"--published: {value!r} is not a date (expected YYYY-MM-DD)", EXIT_FAILED)


@actors_app.command()
def stale(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Judge staleness on this day (default: today)."),
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, help="Age that makes a fact stale.")] = 365,
    dictionaries: Dictionaries = None,
) -> None:
    """List knowledge-base roles that may have changed: open roles last confirmed over a year ago."""
    with guard():
        from casus.resolve.kb import stale_roles

        day = _date(as_of) or date.today()
        try:
            from casus.resolve.actors import ActorKB

            kb = ActorKB.load(dictionaries=[str(p) for p in dictionaries or []])
        except CasusError as exc:
            fail(str(exc), EXIT_FAILED)
        rows = stale_roles(kb, day, days)
        table = Table(title=f"{len(rows)} roles confirmed before {day} minus {days} days")
        for column in ("name", "code", "title", "start", "end", "confirmed", "source"):
            table.add_column(column)
        for row in rows:
            table.add_row(*(str(v) if v is not None else "" for v in row))
        Console().print(table)
