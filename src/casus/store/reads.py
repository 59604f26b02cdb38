"""Read-only lookups beyond ``DuckDBStore.query``: a page of events with its total, one event or
document by id, and the recorded rejects. The HTTP API reads the store through these, so that
its SQL stays in the store package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from casus.errors import StoreError
from casus.models import Document, Event, Quote, Reject, Result
from casus.store.duckdb import DuckDBStore
from casus.store.query import EventQuery
from casus.store.rows import (
    ACTOR_FIELDS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    REJECT_COLUMNS,
    event_from_row,
)

_EVENTS = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
_QUOTE_SELECT = ", ".join(f'"{c}"' for c in QUOTE_COLUMNS)
_DOCUMENT_SELECT = ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
_REJECT_SELECT = ", ".join(f'"{c}"' for c in (*REJECT_COLUMNS, "recorded_at"))


@dataclass(frozen=True, slots=True)
class EventPage:
    """``events``: one page of the events that pass the filters; ``total``: how many pass."""

    events: tuple[Event, ...]
    total: int


@dataclass(frozen=True, slots=True)
class StoredReject:
    """A reject as the store keeps it: with its stable id and when it was first recorded."""

    id: str
    recorded_at: datetime | None
    reject: Reject


@dataclass(frozen=True, slots=True)
class RejectPage:
    rejects: tuple[StoredReject, ...]
    total: int


def fetch_all(store: DuckDBStore, doing: str, sql: str, params: Sequence[Any] = ()) -> list:
    """Rows of a read-only statement; a database error leaves as ``StoreError`` saying ``doing``.

    The store keeps its connection and error translation private to its package; this module
    and ``stats`` are part of that package.
    """
    with store._errors(doing):
        return store._db.execute(sql, list(params)).fetchall()


def filtered_events(filters: EventQuery) -> tuple[str, list[Any]]:
    """The SELECT of every event passing ``filters`` (its own limit ignored), in query order.

    Raises ``StoreError`` for an invalid filter, as ``DuckDBStore.query`` does.
    """
    try:
        return replace(filters, limit=None).sql()
    except ValueError as exc:
        raise StoreError(f"invalid query: {exc}") from None


def page_events(store: DuckDBStore, filters: EventQuery, limit: int, offset: int) -> EventPage:
    """Events ``offset`` .. ``offset + limit`` of those passing ``filters``, and their total."""
    sql, params = filtered_events(filters)
    total = fetch_all(store, "cannot count events", f"SELECT count(*) FROM ({sql})", params)
    rows = fetch_all(
        store, "cannot query events", f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return EventPage(events=tuple(event_from_row(row) for row in rows), total=total[0][0])


def find_event(store: DuckDBStore, event_id: str) -> Event | None:
    rows = fetch_all(store, "cannot read an event", f"{_EVENTS} WHERE id = ?", [event_id])
    return event_from_row(rows[0]) if rows else None


def find_document(store: DuckDBStore, doc_id: str) -> Result | None:
    """The stored document with its events and quotes (in sentence order), or None."""
    found = fetch_all(
        store, "cannot read a document", f"SELECT {_DOCUMENT_SELECT} FROM documents WHERE id = ?",
        [doc_id],
    )  # fmt: skip
    if not found:
        return None
    quotes = fetch_all(
        store, "cannot read quotes",
        f"SELECT {_QUOTE_SELECT} FROM quotes WHERE doc_id = ? ORDER BY sentence_index, \"start\"",
        [doc_id],
    )  # fmt: skip
    return Result(
        document=_document_from_row(found[0]),
        events=_document_events(store, doc_id),
        quotes=tuple(_quote_from_row(row) for row in quotes),
    )


def list_rejects(store: DuckDBStore, limit: int, offset: int) -> RejectPage:
    """Rejects, most recently recorded first."""
    total = fetch_all(store, "cannot count rejects", "SELECT count(*) FROM rejects")
    rows = fetch_all(
        store, "cannot read rejects",
        f"SELECT {_REJECT_SELECT} FROM rejects ORDER BY recorded_at DESC, origin, id "
        "LIMIT ? OFFSET ?",
        [limit, offset],
    )  # fmt: skip
    return RejectPage(rejects=tuple(_reject_from_row(row) for row in rows), total=total[0][0])


def _document_events(store: DuckDBStore, doc_id: str) -> tuple[Event, ...]:
    rows = fetch_all(
        store, "cannot read a document's events",
        f"{_EVENTS} WHERE doc_id = ? ORDER BY sentence_index, trigger_start, id", [doc_id],
    )  # fmt: skip
    return tuple(event_from_row(row) for row in rows)


def _document_from_row(row: Sequence[Any]) -> Document:
    value = dict(zip(DOCUMENT_COLUMNS, row, strict=True))
    value["meta"] = json.loads(value["meta"]) if value["meta"] else {}
    return Document(**value)


def _quote_from_row(row: Sequence[Any]) -> Quote:
    value = dict(zip(QUOTE_COLUMNS, row, strict=True))
    speaker = {name: value.pop(f"speaker_{name}") for name in ACTOR_FIELDS}
    return Quote.from_dict({**value, "speaker": speaker if speaker["name"] is not None else None})


def _reject_from_row(row: Sequence[Any]) -> StoredReject:
    value = dict(zip((*REJECT_COLUMNS, "recorded_at"), row, strict=True))
    stored_id, recorded_at = value.pop("id"), value.pop("recorded_at")
    return StoredReject(id=stored_id, recorded_at=recorded_at, reject=Reject(**value))
