"""The CLI's output formats: a readable table for people, jsonl/json/csv for programs.

jsonl is the CONTRACT record, one event a line; json is one document holding documents, events,
quotes and rejects; csv flattens the nested event fields into ``source_name``-style columns.
"""

from __future__ import annotations

import csv
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import fields
from enum import StrEnum
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casus.models import Actor, Event, Evidence, Place, Reject, Result

EXCERPT_CHARS = 160
_SPACE = re.compile(r"\s+")


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


def choose_format(requested: Format | None, out: str | None, stream: IO[str]) -> Format:
    """The explicit format, else the --out file's suffix, else a table for a terminal."""
    if requested is not None:
        return requested
    if out is not None:
        suffix = out.rsplit(".", 1)[-1].lower() if "." in out else ""
        return Format(suffix) if suffix in ("json", "jsonl", "csv") else Format.jsonl
    return Format.table if _is_terminal(stream) else Format.jsonl


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _json(data: Any, **kwargs: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str, **kwargs)


def _columns() -> list[str]:
    scalar = [f.name for f in fields(Event) if f.name not in _NESTED and f.name != "rules"]
    nested = [
        f"{name}_{f.name}" for name, cls in _NESTED.items() for f in fields(cls)
    ]
    return [*scalar, *nested, "rules"]


_NESTED = {"source": Actor, "target": Actor, "location": Place, "evidence": Evidence}
CSV_COLUMNS = _columns()


def flatten(event: Event) -> dict[str, Any]:
    """One csv row: nested records become prefixed columns, rules a ';'-joined list."""
    record = event.to_dict()
    row = {key: value for key, value in record.items() if key not in _NESTED and key != "rules"}
    for name, cls in _NESTED.items():
        inner = record[name] or {}
        row.update({f"{name}_{f.name}": inner.get(f.name) for f in fields(cls)})
    row["rules"] = ";".join(event.rules)
    return row


class Sink(ABC):
    """Receives a run's results and rejects in order and writes them in one format."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def result(self, result: Result) -> None:
        self.events(result.events)

    @abstractmethod
    def events(self, events: Iterable[Event]) -> None:
        """Write events that belong to no particular document (a query's answer)."""

    def distinct(self, rows: Sequence[tuple[Event, int]]) -> None:
        """Write distinct events with how many documents report each (``query --distinct``);
        the machine-readable formats add a ``reports`` field to the record."""
        self.events(event for event, _ in rows)

    def reject(self, reject: Reject) -> None:
        del reject

    def close(self) -> None:
        self.stream.flush()


class JsonlSink(Sink):
    def events(self, events: Iterable[Event]) -> None:
        for event in events:
            self.stream.write(_json(event.to_dict()) + "\n")
        # Flushed per document so a downstream `jq` or `head` sees events as they are found.
        self.stream.flush()

    def distinct(self, rows: Sequence[tuple[Event, int]]) -> None:
        for event, reports in rows:
            self.stream.write(_json({**event.to_dict(), "reports": reports}) + "\n")


class CsvSink(Sink):
    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self._writer: csv.DictWriter | None = None

    def _rows(self, columns: list[str]) -> csv.DictWriter:
        # The header waits for the first write: a distinct query's rows carry `reports` too.
        if self._writer is None:
            self._writer = csv.DictWriter(self.stream, fieldnames=columns, lineterminator="\n")
            self._writer.writeheader()
        return self._writer

    def events(self, events: Iterable[Event]) -> None:
        self._rows(CSV_COLUMNS).writerows(flatten(event) for event in events)

    def distinct(self, rows: Sequence[tuple[Event, int]]) -> None:
        writer = self._rows([*CSV_COLUMNS, "reports"])
        writer.writerows({**flatten(event), "reports": n} for event, n in rows)

    def close(self) -> None:
        self._rows(CSV_COLUMNS)
        super().close()


class JsonSink(Sink):
    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self._data: dict[str, list[dict[str, Any]]] = {
            "documents": [], "events": [], "quotes": [], "rejects": [],
        }

    def result(self, result: Result) -> None:
        self._data["documents"].append(result.document.to_dict())
        self.events(result.events)
        self._data["quotes"].extend(quote.to_dict() for quote in result.quotes)

    def events(self, events: Iterable[Event]) -> None:
        self._data["events"].extend(event.to_dict() for event in events)

    def distinct(self, rows: Sequence[tuple[Event, int]]) -> None:
        self._data["events"].extend({**e.to_dict(), "reports": n} for e, n in rows)

    def reject(self, reject: Reject) -> None:
        self._data["rejects"].append(reject.to_dict())

    def close(self) -> None:
        self.stream.write(_json(self._data, indent=2) + "\n")
        super().close()


class TableSink(Sink):
    """One table per document (titled with its id, title and date) or one for a query."""

    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self._console = Console(
            file=stream, width=None if _is_terminal(stream) else 160, highlight=False
        )
        self._shown = 0

    def result(self, result: Result) -> None:
        document = result.document
        title = " · ".join(
            part for part in (
                document.id, document.title,
                document.published.isoformat() if document.published else None,
            ) if part
        )
        self._console.print(event_table(result.events, title=title))
        self._shown += 1

    def events(self, events: Iterable[Event]) -> None:
        self._console.print(event_table(list(events), show_doc=True))
        self._shown += 1

    def close(self) -> None:
        if not self._shown:
            self._console.print("No events.")
        super().close()


SINKS: dict[Format, type[Sink]] = {
    Format.table: TableSink, Format.jsonl: JsonlSink, Format.json: JsonSink, Format.csv: CsvSink,
}


def open_sink(fmt: Format, stream: IO[str]) -> Sink:
    return SINKS[fmt](stream)


def event_table(events: Iterable[Event], title: str | None = None, show_doc: bool = False) -> Table:
    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    # Ratios rather than fixed widths, so the table fits any terminal and the evidence gets most.
    if show_doc:
        table.add_column("doc", overflow="fold", ratio=2, min_width=12)
    table.add_column("source -> target", overflow="fold", ratio=3)
    table.add_column("CAMEO", overflow="fold", ratio=3)
    table.add_column("mode", no_wrap=True)
    table.add_column("date / place", overflow="fold", min_width=10, max_width=16)
    table.add_column("evidence", overflow="fold", ratio=5)
    for event in events:
        cells = [
            dyad(event),
            f"{event.cameo} {event.cameo_name}\n{event.plover} · Q{event.quad_class} · "
            f"{event.goldstein:+g}",
            event.mode,
            f"{event.date or '-'}\n{event.location.name if event.location else ''}".rstrip(),
            excerpt(event.evidence),
        ]
        table.add_row(*([event.doc_id] if show_doc else []), *cells)
    if not table.row_count:
        table.caption = "no events"
    return table


def dyad(event: Event) -> str:
    return f"{_actor(event.source)}\n-> {_actor(event.target)}"


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.name} [{actor.code or '?'}]"


def excerpt(evidence: Evidence) -> Text:
    """The sentence on one line, the trigger in bold, cut to about EXCERPT_CHARS around it."""
    sentence = evidence.text
    start = min(len(sentence), max(0, evidence.trigger_start - evidence.start))
    end = min(len(sentence), max(start, evidence.trigger_end - evidence.start))
    before = _squash(sentence[:start]).lstrip()
    trigger = sentence[start:end]
    after = _squash(sentence[end:]).rstrip()
    room = max(0, EXCERPT_CHARS - len(trigger))
    keep_before = min(len(before), max(room // 2, room - len(after)))
    keep_after = room - keep_before
    if len(before) > keep_before:
        before = "…" + before[len(before) - keep_before:]
    if len(after) > keep_after:
        after = after[:keep_after] + "…"
    text = Text(before)
    text.append(trigger, style="bold")
    text.append(after)
    return text


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)
