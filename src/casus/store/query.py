"""The SQL for an event query: filters in, a parameterised SELECT out (no engine specifics)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casus.models import MODES, parse_iso_date
from casus.store.rows import EVENT_COLUMNS

_ACTOR_COLUMNS = ("source_name", "source_text", "target_name", "target_text")
_ORDER = "date NULLS LAST, doc_id, sentence_index, trigger_start, id"
_STORY = (
    "coalesce(CAST(date AS VARCHAR), id), "
    "coalesce(nullif(source_code, ''), lower(source_name), ''), "
    "coalesce(nullif(target_code, ''), lower(target_name), ''), cameo, mode"
)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters on events; every one given must hold. Raises ValueError for an invalid filter."""

    actor: str | None = None
    country: str | None = None
    root: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    mode: str | None = None
    limit: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        clauses, params = self._where()
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {_ORDER}"
        return self._limited(sql, params)

    def distinct_sql(self) -> tuple[str, list[Any]]:
        """One row per distinct event across documents, with how many documents report it.

        Reports of one event are rows with the same date, source, target, code and mode (actors
        by code, or by name when uncoded); the most confident report stands for them. An
        undated event is never merged: without a day there is no telling two of them apart.
        """
        clauses, params = self._where()
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        columns = ", ".join(EVENT_COLUMNS)
        sql = (
            f"SELECT {columns}, reports FROM ("
            f"SELECT {columns}, count(DISTINCT doc_id) OVER story AS reports, "
            "row_number() OVER (story ORDER BY confidence DESC, doc_id, sentence_index, id) "
            f"AS rank FROM events{where} WINDOW story AS (PARTITION BY {_STORY})"
            f") WHERE rank = 1 ORDER BY {_ORDER}"
        )
        return self._limited(sql, params)

    def _limited(self, sql: str, params: list[Any]) -> tuple[str, list[Any]]:
        if self.limit is not None:
            if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 0:
                raise ValueError(f"limit must be a whole number of at least 0, not {self.limit!r}")
            sql += " LIMIT ?"
            params.append(self.limit)
        return sql, params

    def _where(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            # contains() rather than LIKE, so % and _ in a name are plain characters.
            tests = [f"contains(lower(coalesce({c}, '')), ?)" for c in _ACTOR_COLUMNS]
            clauses.append("(" + " OR ".join(tests) + ")")
            params += [self.actor.lower()] * len(_ACTOR_COLUMNS)
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country.upper()] * 2
        if self.root is not None:
            clauses.append("root = ?")
            params.append(_root(self.root))
        if self.since:
            clauses.append("date >= ?")
            params.append(_date("since", self.since))
        if self.until:
            clauses.append("date <= ?")
            params.append(_date("until", self.until))
        if self.mode:
            if self.mode not in MODES:
                raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
            clauses.append("mode = ?")
            params.append(self.mode)
        return clauses, params


def _root(value: str | int) -> str:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise ValueError(f"root must be a CAMEO root code from 01 to 20, not {value!r}")
    return f"{int(text):02d}"


def _date(name: str, value: date | str) -> date:
    try:
        when = parse_iso_date(value)
    except ValueError:
        when = None
    if when is None:
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), not {value!r}")
    return when
