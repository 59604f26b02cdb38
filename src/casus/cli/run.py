"""`casus extract`, `casus ingest`, `casus query`, `casus info`: the everyday commands.

Heavy modules (spaCy through the pipeline, duckdb through the store) are imported inside the
commands so that `casus --help` and usage errors answer at once.
"""

from __future__ import annotations

import gc
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import IO, Annotated

import typer

import casus
from casus.cli.console import EXIT_REJECTS, Reporter, fail, guard
from casus.cli.render import Format, choose_format, open_sink
from casus.models import MODES, Reject, parse_iso_date

Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help="Files or folders (searched recursively) of .txt, .html, .jsonl or RSS/Atom feeds; "
        "'-' reads stdin.",
        show_default=False,
    ),
]
Published = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date (YYYY-MM-DD) of every input, in place of any date an input "
        "carries; relative dates such as 'on Tuesday' are resolved against it.",
    ),
]
Dictionaries = Annotated[
    list[Path] | None,
    typer.Option(
        "--dict",
        metavar="PATH",
        help="Extra dictionary: casus actor YAML, or PETRARCH actor, agent or verb files; "
        "repeatable. Its entries win over the built-in knowledge.",
    ),
]
Config = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE", help="Settings file (casus.toml, \\[casus] table).",
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        metavar="N",
        help="Parse in N processes while extracting in this one (default: settings.n_process, "
        "1); 2 on a 2-core machine is about 1.5 times faster.",
        show_default=False,
    ),
]
Database = Annotated[
    Path | None,
    typer.Option("--db", metavar="PATH", help="DuckDB file (default: settings.db, ./casus.duckdb)."),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f",
        help="Output format (default: table on a terminal, else jsonl; with --out, the file's "
        "suffix).",
        case_sensitive=False,
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(ingest)
    app.command()(query)
    app.command()(info)


def extract(
    inputs: Inputs,
    published: Published = None,
    fmt: FormatOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write events here instead of stdout."),
    ] = None,
    dictionaries: Dictionaries = None,
    config: Config = None,
    workers: Workers = None,
) -> None:
    """Code the events in news articles and print them.

    A rejected input (binary, empty, malformed) is reported in one line on stderr, the others are still processed, and the exit status is 1.
    """
    with guard():
        settings = _settings(config, dictionaries, n_process=workers)
        when = _published(published)
        pipeline = _pipeline(settings)
        with _output(out) as stream:
            sink = open_sink(choose_format(fmt, _name(out), stream), stream)
            with Reporter("extracting") as reporter:
                for item in pipeline.run(inputs, published=when):
                    if isinstance(item, Reject):
                        reporter.reject(item)
                        sink.reject(item)
                    else:
                        reporter.result(item)
                        sink.result(item)
            sink.close()
    _exit_for(reporter)


def ingest(
    inputs: Inputs,
    db: Database = None,
    published: Published = None,
    dictionaries: Dictionaries = None,
    config: Config = None,
    workers: Workers = None,
) -> None:
    """Code articles and store documents, events, quotes and rejects in DuckDB.

    A document already stored is skipped, so running it again is harmless.
    """
    with guard():
        settings = _settings(config, dictionaries, db=db, n_process=workers)
        when = _published(published)
        from casus.store import DuckDBStore

        pipeline = _pipeline(settings)
        new = stored = quotes = events = 0
        with DuckDBStore(settings.db) as store, Reporter("ingesting") as reporter:
            for item in pipeline.run(inputs, published=when):
                if isinstance(item, Reject):
                    reporter.reject(item)
                    store.write_reject(item)
                elif store.write(item):
                    reporter.result(item)
                    new += 1
                    events += len(item.events)
                    quotes += len(item.quotes)
                else:
                    stored += 1
        typer.echo(
            f"{settings.db}: {new} new documents ({events} events, {quotes} quotes), "
            f"{stored} already stored, {reporter.rejects} rejected"
        )
    _exit_for(reporter)


def query(
    db: Database = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Part of either side's name or mention (e.g. 'Netanyahu'), any case."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(metavar="ISO3", help="Either side's country (e.g. ISR).")
    ] = None,
    root: Annotated[
        str | None, typer.Option(metavar="NN", help="CAMEO root code, 01..20 (e.g. 19).")
    ] = None,
    mode: Annotated[
        str | None, typer.Option(help=f"Only events in this mode: {', '.join(MODES)}.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Events on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Events on or before this date.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    distinct: Annotated[
        bool,
        typer.Option(
            "--distinct",
            help="One event per distinct event across documents (same day, dyad, code and "
            "mode), with a `reports` count: many outlets covering one strike count once.",
        ),
    ] = False,
    fmt: FormatOption = None,
    config: Config = None,
) -> None:
    """Print stored events that match every filter given."""
    with guard():
        settings = _settings(config, None, db=db)
        filters = dict(
            actor=actor, country=country, root=root, since=since, until=until, mode=mode,
            limit=limit,
        )
        with _existing_store(settings.db) as store:
            found = store.distinct(**filters) if distinct else store.query(**filters)
        stream = sys.stdout
        sink = open_sink(choose_format(fmt, None, stream), stream)
        if distinct:
            sink.distinct(found)
        else:
            sink.events(found)
        sink.close()


def info(db: Database = None, config: Config = None) -> None:
    """Show versions, the spaCy model, knowledge sizes and, if it exists, the database's counts."""
    with guard():
        settings = _settings(config, None, db=db)
        for label, value in _facts(settings):
            typer.echo(f"{label + ':':<12} {value}")


def _facts(settings) -> Iterator[tuple[str, str]]:
    import spacy

    from casus.codebook import load_codebook
    from casus.resolve.gazetteer import Gazetteer

    yield "casus", casus.__version__
    yield "python", platform.python_version()
    yield "spacy", spacy.__version__
    yield "model", _model_status(settings.model)
    yield "codebook", f"{len(load_codebook())} CAMEO codes"
    yield "actors", _actor_kb_size(settings.dictionaries)
    yield "gazetteer", f"{len(Gazetteer.load())} place names"
    path = Path(settings.db)
    if path.exists():
        from casus.store import DuckDBStore

        with DuckDBStore(path) as store:
            counts = store.counts()
        yield "database", f"{path}: " + ", ".join(f"{n} {name}" for name, n in counts.items())
    else:
        yield "database", f"{path}: not created yet (casus ingest INPUT... --db {path})"


def _actor_kb_size(dictionaries: tuple[str, ...]) -> str:
    from casus.resolve.actors import ActorKB

    kb = ActorKB.load(dictionaries=dictionaries)
    names = sum(len(layer.phrases) for layer in kb.layers)
    people = sum(1 for _ in kb.people())
    return (
        f"{names} names, {people} people with their offices, "
        f"{len(kb.user_layers)} user dictionaries"
    )


def _model_status(name: str) -> str:
    import spacy

    from casus.errors import ModelMissingError
    from casus.nlp import load_pipeline

    version = spacy.util.get_package_version(name)
    if version is not None:
        return f"{name} {version}"
    try:
        load_pipeline(name)
    except ModelMissingError as exc:
        return f"not installed: {exc}"
    return f"{name} (loaded from a path)"


def _pipeline(settings):
    """A pipeline with its model and knowledge loaded: a missing model or a broken dictionary is
    one error before any input is read, not a reject for every document."""
    from casus.pipeline import Pipeline

    pipeline = Pipeline(settings)
    attrgetter("resolver", "extractor", "nlp")(pipeline)
    # The model, lexicons, knowledge base and gazetteer live as long as the process: leave them
    # out of the garbage collector's full passes, which would otherwise walk their hundreds of
    # thousands of objects again and again while documents are coded (docs/PERFORMANCE.md).
    gc.freeze()
    return pipeline


def _settings(config: Path | None, dictionaries: list[Path] | None, **overrides):
    from casus.config import load_settings

    given = {
        key: str(value) if isinstance(value, Path) else value
        for key, value in overrides.items()
        if value is not None
    }
    settings = load_settings(config, **given)
    if dictionaries:
        extra = tuple(str(path) for path in dictionaries)
        settings = load_settings(config, dictionaries=(*settings.dictionaries, *extra), **given)
    return settings


def _published(value: str | None) -> date | None:
    try:
        return parse_iso_date(value)
    except ValueError:
        fail(f"--published: {value!r} is not a date (expected YYYY-MM-DD)")


@contextmanager
def _existing_store(path: str) -> Iterator:
    # Opening a missing path would create an empty database and answer "no events": say why.
    if path != ":memory:" and not Path(path).exists():
        fail(f"no database at {path} (create one with `casus ingest INPUT... --db {path}`)")
    from casus.store import DuckDBStore

    with DuckDBStore(path) as store:
        yield store


@contextmanager
def _output(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def _name(out: Path | None) -> str | None:
    return str(out) if out is not None else None


def _exit_for(reporter: Reporter) -> None:
    if reporter.rejects:
        raise typer.Exit(EXIT_REJECTS)
