"""Aggregate counts over stored events (per CAMEO root, PLOVER type, mode, day, and top dyads),
for the events that pass an ``EventQuery``'s filters. Read-only."""

from __future__ import annotations

from dataclasses import dataclass

from casus.store.duckdb import DuckDBStore
from casus.store.query import EventQuery
from casus.store.reads import fetch_all, filtered_events

# Both sides must carry an actor code for an event to count towards a dyad.
_CODED = "coalesce(source_code, '') <> '' AND coalesce(target_code, '') <> ''"


@dataclass(frozen=True, slots=True)
class Tally:
    key: str
    count: int


@dataclass(frozen=True, slots=True)
class Dyad:
    source: str
    target: str
    count: int


@dataclass(frozen=True, slots=True)
class EventStats:
    """Counts over the events passing the filters: ``total`` of them, ``undated`` with no date.

    ``by_root`` (root code order) and ``by_day`` (date order) list only keys that occur;
    ``by_plover`` and ``by_mode`` are largest first; ``dyads`` are the most frequent
    (source code, target code) pairs, largest first.
    """

    total: int
    undated: int
    by_root: tuple[Tally, ...]
    by_plover: tuple[Tally, ...]
    by_mode: tuple[Tally, ...]
    by_day: tuple[Tally, ...]
    dyads: tuple[Dyad, ...]


def event_stats(store: DuckDBStore, filters: EventQuery, top_dyads: int = 10) -> EventStats:
    """Counts over the events passing ``filters``; raises ``StoreError`` for an invalid filter."""
    events, params = filtered_events(filters)

    def tally(column: str, order: str, where: str = "TRUE") -> tuple[Tally, ...]:
        sql = (
            f"SELECT CAST({column} AS VARCHAR) AS key, count(*) AS n FROM ({events}) "
            f"WHERE {where} GROUP BY key ORDER BY {order}"
        )
        rows = fetch_all(store, f"cannot count events by {column}", sql, params)
        return tuple(Tally(key, n) for key, n in rows)

    total, undated = fetch_all(
        store, "cannot count events",
        f"SELECT count(*), count(*) FILTER (WHERE date IS NULL) FROM ({events})", params,
    )[0]  # fmt: skip
    dyads = fetch_all(
        store, "cannot count dyads",
        f"SELECT source_code, target_code, count(*) AS n FROM ({events}) WHERE {_CODED} "
        "GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT ?",
        [*params, top_dyads],
    )  # fmt: skip
    return EventStats(
        total=total,
        undated=undated,
        by_root=tally("root", "key"),
        by_plover=tally("plover", "n DESC, key"),
        by_mode=tally("mode", "n DESC, key"),
        by_day=tally("date", "key", where="date IS NOT NULL"),
        dyads=tuple(Dyad(source, target, n) for source, target, n in dyads),
    )
