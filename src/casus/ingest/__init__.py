"""Bytes in, RawItems out: text, HTML pages, JSON Lines, RSS/Atom feeds, files, folders, stdin.

``iter_items`` never raises for a bad input: each one (or each bad line or feed entry) comes out
as a ``Reject`` in the stream, in input order, and the rest goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from casus.config import Settings
from casus.errors import InputError
from casus.ingest.sources import FORMATS, STDIN, Source, expand, read
from casus.models import RawItem, Reject

__all__ = ["FORMATS", "STDIN", "iter_items", "to_reject"]


def iter_items(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    settings: Settings | None = None,
) -> Iterator[RawItem | Reject]:
    """RawItems and Rejects from file paths, folders (walked recursively) and ``-`` (stdin)."""
    settings = settings or Settings()
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    for source in expand(inputs):
        if isinstance(source, Source):
            yield from _items(source, settings.max_bytes)
        else:
            yield to_reject(source)


def to_reject(error: InputError, stage: str = "ingest") -> Reject:
    """The record of an input that could not be used: the one place an InputError becomes one."""
    return Reject(
        origin=error.origin, stage=stage, error=type(error).__name__, message=error.reason
    )


def _items(source: Source, max_bytes: int) -> Iterator[RawItem | Reject]:
    try:
        for item in read(source, max_bytes):
            yield item if isinstance(item, RawItem) else to_reject(item)
    except InputError as exc:
        yield to_reject(exc)
