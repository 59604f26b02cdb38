"""`casus serve`: the HTTP API and dashboard over a DuckDB store, run with uvicorn.

FastAPI and uvicorn are imported inside the command so that `casus --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casus.cli.console import fail, guard


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", metavar="PATH", help="DuckDB file (default: settings.db, ./casus.duckdb)."
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (0.0.0.0 exposes it to the network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the JSON API (/api/...) and the dashboard (/) over a database made by `casus ingest`.

    The server only reads the database; `casus ingest` can add to it while it runs.
    """
    with guard():
        from casus.config import load_settings

        path = str(db) if db is not None else load_settings().db
        if path == ":memory:":
            fail("--db :memory: would serve an empty database; give a file made by `casus ingest`")
        import uvicorn

        from casus.serve import create_app

        application = create_app(path, read_only=True)
        typer.echo(f"casus: serving {path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
        uvicorn.run(application, host=host, port=port, log_level="info")
