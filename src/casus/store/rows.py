"""Records <-> flat table rows, independent of the database engine.

Values are plain Python (str, int, float, date, list, dict for JSON columns) in the order of the
column lists; JSON columns come back from the database as JSON text.

Column lists here match the tables in ``schema.py``; a nested record (an event's source actor,
its place, its evidence) is flattened into prefixed columns and comes back as None when its
``name`` column is NULL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from casus.models import Actor, Document, Event, Evidence, Place, Quote, Reject

ACTOR_FIELDS = ("text", "name", "country", "role", "code", "kind", "wikidata")
PLACE_FIELDS = ("name", "country", "lat", "lon", "feature", "geonameid")


def _prefixed(prefix: str, names: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in names)


DOCUMENT_COLUMNS = (
    "id",
    "text",
    "published",
    "title",
    "url",
    "source",
    "language",
    "origin",
    "meta",
)
EVENT_COLUMNS = (
    "id", "doc_id", "sentence_index",
    "evidence_text", "evidence_start", "evidence_end", "trigger", "trigger_start", "trigger_end",
    *_prefixed("source", ACTOR_FIELDS),
    *_prefixed("target", ACTOR_FIELDS),
    "cameo", "cameo_name", "root", "plover", "quad_class", "goldstein", "mode",
    "date", "date_text", "date_precision",
    *_prefixed("location", PLACE_FIELDS),
    "confidence", "rules",
)  # fmt: skip
QUOTE_COLUMNS = (
    "id",
    "doc_id",
    "sentence_index",
    "text",
    "start",
    "end",
    *_prefixed("speaker", ACTOR_FIELDS),
)
REJECT_COLUMNS = ("id", "origin", "stage", "error", "message", "doc_id")


def document_row(document: Document) -> tuple[Any, ...]:
    return (
        document.id, document.text, document.published, document.title, document.url,
        document.source, document.language, document.origin,
        dict(document.meta),
    )  # fmt: skip


def event_row(event: Event) -> tuple[Any, ...]:
    """Raises ValueError when the event's date is not an ISO date."""
    evidence = event.evidence
    return (
        event.id, event.doc_id, event.sentence_index,
        evidence.text, evidence.start, evidence.end,
        evidence.trigger, evidence.trigger_start, evidence.trigger_end,
        *_flat(event.source, ACTOR_FIELDS),
        *_flat(event.target, ACTOR_FIELDS),
        event.cameo, event.cameo_name, event.root, event.plover, event.quad_class,
        event.goldstein, event.mode,
        date.fromisoformat(event.date) if event.date else None, event.date_text,
        event.date_precision,
        *_flat(event.location, PLACE_FIELDS),
        event.confidence, list(event.rules),
    )  # fmt: skip


def event_from_row(row: Sequence[Any]) -> Event:
    """The Event a row of ``EVENT_COLUMNS`` (in that order) was made from."""
    value = dict(zip(EVENT_COLUMNS, row, strict=True))
    when = value["date"]
    return Event(
        id=value["id"],
        doc_id=value["doc_id"],
        sentence_index=value["sentence_index"],
        evidence=Evidence(
            text=value["evidence_text"],
            start=value["evidence_start"],
            end=value["evidence_end"],
            trigger=value["trigger"],
            trigger_start=value["trigger_start"],
            trigger_end=value["trigger_end"],
        ),
        source=_nested(Actor, value, "source", ACTOR_FIELDS),
        target=_nested(Actor, value, "target", ACTOR_FIELDS),
        cameo=value["cameo"],
        cameo_name=value["cameo_name"],
        plover=value["plover"],
        quad_class=value["quad_class"],
        goldstein=value["goldstein"],
        mode=value["mode"],
        date=when.isoformat() if when is not None else None,
        date_text=value["date_text"],
        date_precision=value["date_precision"],
        location=_nested(Place, value, "location", PLACE_FIELDS),
        confidence=value["confidence"],
        rules=tuple(json.loads(value["rules"])) if value["rules"] else (),
    )


def quote_row(quote: Quote) -> tuple[Any, ...]:
    return (
        quote.id, quote.doc_id, quote.sentence_index, quote.text, quote.start, quote.end,
        *_flat(quote.speaker, ACTOR_FIELDS),
    )  # fmt: skip


def reject_row(reject: Reject) -> tuple[Any, ...]:
    return (reject_id(reject), reject.origin, reject.stage, reject.error, reject.message,
            reject.doc_id)  # fmt: skip


def reject_id(reject: Reject) -> str:
    """Stable over re-runs: the same input failing the same way is recorded once."""
    key = "\x1f".join((reject.origin, reject.stage, reject.message))
    return "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _flat(record: Actor | Place | None, names: Sequence[str]) -> tuple[Any, ...]:
    if record is None:
        return (None,) * len(names)
    return tuple(getattr(record, name) for name in names)


def _nested(cls: type, value: dict[str, Any], prefix: str, names: Sequence[str]) -> Any:
    if value[f"{prefix}_name"] is None:
        return None
    return cls(**{name: value[f"{prefix}_{name}"] for name in names})
