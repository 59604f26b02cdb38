"""The records that flow between casus's stages.

Every record is a frozen dataclass built from the standard library only. Stages meet through
these and nothing else: no dict crosses a stage boundary. ``to_dict()`` speaks CONTRACT.md
(the event record); ``from_dict()`` reads it back.

    ingest      -> RawItem
    document    -> Document
    nlp         -> Parsed            (Document + its spaCy Doc)
    extract     -> Extraction        (EventCandidate, QuoteCandidate: mentions, not yet actors)
    resolve     -> Result            (Event, Quote: actors, codes, dates and places resolved)
    store/serve -> rows, JSON

Character offsets are always offsets into ``Document.text``; token indices are indices into the
spaCy Doc parsed from that text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

MODES = ("asserted", "negated", "planned", "hypothetical", "alleged")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ACTOR_KINDS = ("person", "organization", "country", "group")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class RawItem:
    """One input as ingest found it: decoded text plus whatever fields the format carried.

    ``origin`` names the input in messages and rejects (a path, ``path:line``, a feed entry's
    link, ``<stdin>``). ``published`` is kept as the raw string the input gave; the document
    stage parses it.
    """

    origin: str
    text: str
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised article: the text every offset points into, and its publication date."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        out["meta"] = dict(self.meta)
        return out


@dataclass(frozen=True, slots=True)
class Reject:
    """An input, or a part of one, that could not be processed, and why."""

    origin: str
    stage: str
    error: str
    message: str
    doc_id: str | None = None

    def line(self) -> str:
        """The one-line message the CLI prints."""
        return f"{self.origin}: {self.message} [{self.stage}: {self.error}]"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document and its spaCy parse (``doc`` is a ``spacy.tokens.Doc``)."""

    document: Document
    doc: Any


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names a participant, before it is resolved to an actor.

    ``head`` is the token index of the phrase's syntactic head in the parse.
    """

    text: str
    start: int
    end: int
    head: int


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """What the extractor found in one clause: trigger, participants, code and mode.

    ``anchor`` is the token index of the clause's governing verb (or the nominal trigger): the
    date and place resolvers look for expressions attached to it. ``rules`` names the frame
    pattern and lexicon entries that fired, in order, for ``casus eval --explain``.
    """

    doc_id: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    anchor: int
    cameo: str
    mode: str
    confidence: float
    source: Mention | None = None
    target: Mention | None = None
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """A direct quotation and the mention of whoever said it."""

    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    speaker: Mention | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage found in one parsed document."""

    parsed: Parsed
    candidates: tuple[EventCandidate, ...] = ()
    quotes: tuple[QuoteCandidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    name: str
    country: str | None = None
    role: str | None = None
    code: str = ""
    kind: str = "group"
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        return cls(**{k: data.get(k) for k in _FIELDS["Actor"] if k in data})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Place:
        return cls(**{k: data.get(k) for k in _FIELDS["Place"] if k in data})


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(**{k: data[k] for k in _FIELDS["Evidence"]})


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, with offsets into the document and its resolved speaker."""

    id: str
    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    speaker: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["speaker"] = self.speaker.to_dict() if self.speaker else None
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        speaker = data.get("speaker")
        return cls(
            **{k: data[k] for k in _FIELDS["Quote"] if k != "speaker"},
            speaker=Actor.from_dict(speaker) if speaker else None,
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the record of CONTRACT.md.

    ``rules`` is an extension field: the rule path that produced the event (why it exists).
    """

    id: str
    doc_id: str
    sentence_index: int
    evidence: Evidence
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    plover: str
    quad_class: int
    goldstein: float
    mode: str
    date: str | None
    date_text: str | None
    date_precision: str | None
    location: Place | None
    confidence: float
    rules: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for name in ("source", "target", "location", "evidence"):
            value = getattr(self, name)
            out[name] = value.to_dict() if value is not None else None
        out["rules"] = list(self.rules)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        simple = {k: data.get(k) for k in _FIELDS["Event"]}
        simple["evidence"] = Evidence.from_dict(data["evidence"])
        for name in ("source", "target"):
            simple[name] = Actor.from_dict(data[name]) if data.get(name) else None
        simple["location"] = Place.from_dict(data["location"]) if data.get("location") else None
        simple["rules"] = tuple(data.get("rules") or ())
        return cls(**simple)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything casus made of one document."""

    document: Document
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved event date: what the date stage hands the event assembler."""

    date: date
    text: str | None
    precision: str
    confidence: float = 1.0


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(cls.__dataclass_fields__)


_FIELDS = {c.__name__: _field_names(c) for c in (Actor, Place, Evidence, Quote, Event)}


def parse_iso_date(value: str | date | datetime | None) -> date | None:
    """Read an ISO date or datetime string (``2025-01-29``, ``2025-01-29T08:00:00Z``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return date.fromisoformat(text[:10])
