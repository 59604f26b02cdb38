"""The default store: one DuckDB file (or ``:memory:``), schema migrated on open.

This is the only module that imports duckdb; every duckdb error leaves it as a ``StoreError``
saying what the store was doing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from casus.errors import StoreError
from casus.models import Event, Reject, Result
from casus.store.query import EventQuery
from casus.store.rows import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    REJECT_COLUMNS,
    document_row,
    event_from_row,
    event_row,
    quote_row,
    reject_row,
)
from casus.store.schema import MIGRATIONS, SCHEMA_VERSION

_TABLES = ("documents", "events", "quotes", "rejects")
_STORED_IDS = """
SELECT id FROM documents WHERE id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))
"""


class DuckDBStore:
    """Results, rejects and event queries in a DuckDB database at ``path``."""

    def __init__(self, path: str | Path = "casus.duckdb"):
        self.path = str(path)
        try:
            self._db = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            self._migrate()
            self._row_types = self._read_row_types()
        except BaseException:
            self._db.close()
            raise

    def write(self, result: Result) -> bool:
        """Store a document with its events and quotes; False (nothing written) if already there."""
        return self.write_many([result]) == 1

    def write_many(self, results: Iterable[Result]) -> int:
        """Store many results in one transaction (much faster than one ``write`` each).

        Documents already stored, or repeated in ``results``, are skipped whole; returns how
        many documents were written. On an error nothing is written.
        """
        batch = list(results)
        if not batch:
            return 0
        what = f"cannot write document {batch[0].document.id}" + (
            f" (and {len(batch) - 1} more)" if len(batch) > 1 else ""
        )
        with self._errors(what), self._transaction():
            fresh = self._unstored(batch)
            self._insert("documents", DOCUMENT_COLUMNS, [document_row(r.document) for r in fresh])
            self._insert("events", EVENT_COLUMNS, [event_row(e) for r in fresh for e in r.events])
            self._insert("quotes", QUOTE_COLUMNS, [quote_row(q) for r in fresh for q in r.quotes])
        return len(fresh)

    def write_reject(self, reject: Reject) -> bool:
        """Record a reject; False when the same reject (origin, stage, message) is already there."""
        with self._errors(f"cannot record the reject for {reject.origin}"):
            return self._insert("rejects", REJECT_COLUMNS, [reject_row(reject)], ignore=True) == 1

    def counts(self) -> dict[str, int]:
        """Rows in each table: documents, events, quotes, rejects."""
        with self._errors("cannot count rows"):
            return {t: self._fetch_one(f"SELECT count(*) FROM {t}") for t in _TABLES}

    def query(
        self,
        actor: str | None = None,
        country: str | None = None,
        root: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        mode: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events that pass every filter given, by date (undated last), document, sentence.

        ``actor``: case-insensitive part of the source's or target's name or mention;
        ``country``: the source's or target's country code; ``root``: CAMEO root ("14");
        ``since``/``until``: inclusive bounds on the event date (undated events then drop out).
        """
        filters = EventQuery(actor, country, root, since, until, mode, limit)
        return [event_from_row(row) for row in self._select(filters.sql)]

    def distinct(
        self,
        actor: str | None = None,
        country: str | None = None,
        root: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        mode: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Event, int]]:
        """Like ``query``, but one event per distinct event across documents (same day, dyad,
        code and mode), with the number of documents that report it: many outlets covering one
        air strike count once."""
        filters = EventQuery(actor, country, root, since, until, mode, limit)
        return [(event_from_row(row[:-1]), row[-1]) for row in self._select(filters.distinct_sql)]

    def _select(self, build) -> list[tuple]:
        """Rows of the SQL ``build()`` makes; an invalid filter or a failed read is a StoreError."""
        try:
            sql, params = build()
        except ValueError as exc:
            raise StoreError(f"invalid query: {exc}") from None
        with self._errors("cannot query events"):
            return self._db.execute(sql, params).fetchall()

    def schema_version(self) -> int:
        with self._errors("cannot read the schema version"):
            return self._version()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _migrate(self) -> None:
        with self._errors(f"cannot prepare the database {self.path}"):
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
            )
            current = self._version()
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"the database {self.path} has schema version {current}, newer than this "
                    f"casus knows ({SCHEMA_VERSION}); upgrade casus"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                with self._transaction():
                    self._db.execute(MIGRATIONS[version - 1])
                    self._db.execute("INSERT INTO schema_version (version) VALUES (?)", [version])

    def _unstored(self, batch: list[Result]) -> list[Result]:
        """The results whose document is not stored yet, each document id once."""
        ids = json.dumps([r.document.id for r in batch])
        stored = self._db.execute(_STORED_IDS, [ids]).fetchall()
        seen = {row[0] for row in stored}
        fresh = []
        for result in batch:
            if result.document.id not in seen:
                seen.add(result.document.id)
                fresh.append(result)
        return fresh

    def _read_row_types(self) -> dict[str, str]:
        """Per table, the JSON structure ``from_json`` reads a list of its rows with."""
        with self._errors("cannot read the schema"):
            found = self._db.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
            ).fetchall()
        types: dict[str, dict[str, str]] = {}
        for table, column, kind in found:
            types.setdefault(table, {})[column] = kind
        return {table: json.dumps([types[table]]) for table in _TABLES}

    def _version(self) -> int:
        return self._fetch_one("SELECT coalesce(max(version), 0) FROM schema_version")

    def _insert(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], ignore: bool = False
    ) -> int:
        """Insert ``rows``; returns how many went in (``ignore``: skip rows whose id is taken)."""
        if not rows:
            return 0
        # All rows travel as one JSON parameter: binding each value separately costs the duckdb
        # client far more (several milliseconds a document) than DuckDB takes to unpack JSON.
        payload = json.dumps(
            [dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, default=str
        )
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        names = ", ".join(f'"{c}"' for c in columns)
        fields = ", ".join(f'r."{c}"' for c in columns)
        sql = (
            f"{verb} INTO {table} ({names}) SELECT {fields} "
            f"FROM (SELECT unnest(from_json(?::JSON, '{self._row_types[table]}')) AS r)"
        )
        return self._fetch_one(sql, [payload]) or 0

    def _fetch_one(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self._db.execute(sql, params or []).fetchone()
        return row[0] if row else None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"{doing}: {exc}") from exc
        except ValueError as exc:
            raise StoreError(f"{doing}: {exc}") from exc
