"""`casus serve`: options reach uvicorn; a missing database is a one-line error."""

from __future__ import annotations

import pytest
import typer
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from casus.cli import serve


@pytest.fixture
def cli():
    app = typer.Typer()
    serve.register(app)
    # A second command keeps typer from folding `serve` into the top level.
    app.command("noop")(lambda: None)
    return app


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_serve_runs_uvicorn_with_the_app_and_options(cli, served, db_path):
    result = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", "8123"])
    assert result.exit_code == 0, result.output
    [(app, options)] = served
    assert isinstance(app, FastAPI)
    assert (options["host"], options["port"]) == ("127.0.0.1", 8123)
    assert f"serving {db_path} at http://127.0.0.1:8123/" in result.output


def test_serve_refuses_a_missing_database(cli, served, tmp_path):
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 2
    assert "no database at" in result.output and "casus ingest" in result.output
    assert served == [] and not missing.exists()


def test_serve_rejects_a_bad_port(cli, served, db_path):
    result = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", "70000"])
    assert result.exit_code == 2 and served == []


def test_serve_help_names_its_options(cli):
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "dashboard"):
        assert option in result.output
