"""Every CLI command has --help text and a README entry (the public surface is pinned)."""

from pathlib import Path

import typer.main

from casus.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, typer.main.TyperGroup):
            yield from _commands(command, path)
        else:
            yield path, command


def test_every_command_has_help_and_a_readme_entry():
    found = list(_commands(typer.main.get_command(app)))
    assert {" ".join(path) for path, _ in found} >= {
        "extract", "ingest", "query", "info", "eval", "serve", "actors resolve", "actors stale"
    }
    for path, command in found:
        assert (command.help or "").strip(), f"casus {' '.join(path)} has no help text"
        assert f"`casus {' '.join(path)}" in README, f"README has no entry for {path}"
