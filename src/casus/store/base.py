"""What every store offers the pipeline, the CLI and the HTTP API (DuckDB is the default)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import TracebackType
from typing import Protocol, Self

from casus.models import Event, Reject, Result


class Store(Protocol):
    """Idempotent writes of results and rejects, counts, and event queries.

    ``write`` stores a document with its events and quotes in one transaction and returns False,
    writing nothing, when that document id is already stored; ``write_many`` does the same for a
    batch in one transaction and returns how many documents it wrote; ``write_reject`` records
    a reject once however often it is written. Failures raise ``StoreError``.
    """

    def write(self, result: Result) -> bool: ...

    def write_many(self, results: Iterable[Result]) -> int: ...

    def write_reject(self, reject: Reject) -> bool: ...

    def counts(self) -> dict[str, int]: ...

    def query(
        self,
        actor: str | None = None,
        country: str | None = None,
        root: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        mode: str | None = None,
        limit: int | None = None,
    ) -> list[Event]: ...

    def distinct(
        self,
        actor: str | None = None,
        country: str | None = None,
        root: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        mode: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Event, int]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
