"""`casus actors resolve` and `casus actors stale`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from casus.cli import app

runner = CliRunner()


def test_stale_lists_old_open_roles():
    result = runner.invoke(app, ["actors", "stale", "--as-of", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "Donald" in result.output  # an open role confirmed in 2025
    assert "Barack" not in result.output  # a closed role is history, not stale


def test_stale_as_of_an_early_date_lists_nothing_confirmed_later():
    result = runner.invoke(app, ["actors", "stale", "--as-of", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert "0 roles" in result.output


def test_stale_bad_date_is_one_line_and_exit_1():
    result = runner.invoke(app, ["actors", "stale", "--as-of", "soon"])
    assert result.exit_code == 1
    assert "not a date" in result.output


def test_bad_dictionary_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: 1\n")
    result = runner.invoke(app, ["actors", "stale", "--dict", str(bad)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "top-level keys" in result.output


@pytest.mark.model
def test_resolve_prints_the_actor_and_why(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Benjamin Netanyahu flew to Washington. The Israeli leader met Trump.")
    result = runner.invoke(app, ["actors", "resolve", "The Israeli leader", "--text", str(text),
                                 "--published", "2025-02-03"])
    assert result.exit_code == 0, result.output
    assert "ISRGOV" in result.output
    assert "Benjamin Netanyahu" in result.output
    assert "refers back" in result.output


@pytest.mark.model
def test_resolve_missing_mention_is_exit_1(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Nothing here.")
    result = runner.invoke(app, ["actors", "resolve", "Hamas", "--text", str(text)])
    assert result.exit_code == 1
    assert "does not occur" in result.output
