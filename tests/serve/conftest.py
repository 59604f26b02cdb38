"""A small DuckDB store of hand-built results (no spaCy) and a TestClient over the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient

from casus.codebook import load_codebook
from casus.models import Actor, Document, Event, Evidence, Place, Quote, Reject, Result
from casus.serve import create_app
from casus.store import DuckDBStore


def actor(text: str, name: str, country: str, role: str | None = None, kind="country") -> Actor:
    return Actor(text=text, name=name, country=country, role=role,
                 code=country + (role or ""), kind=kind)  # fmt: skip


IRAN = actor("Iran", "Iran", "IRN")
ISRAEL = actor("Israel", "Israel", "ISR")
ISRAEL_GOV = actor("the Israeli government", "Israel", "ISR", "GOV", "organization")
EGYPT = actor("Egypt", "Egypt", "EGY")
RUSSIA_MIL = actor("Russian forces", "Russia", "RUS", "MIL", "organization")
UKRAINE = actor("Ukraine", "Ukraine", "UKR")
PROTESTERS = actor("Protesters", "Protesters", "ISR", "CVL", "group")
NETANYAHU = Actor(text="Netanyahu", name="Benjamin Netanyahu", country="ISR", role="GOV",
                  code="ISRGOV", kind="person", wikidata="Q43723")  # fmt: skip
CAIRO = Place(name="Cairo", country="EGY", lat=30.0444, lon=31.2357, feature="city",
              geonameid=360630)  # fmt: skip


@dataclass(frozen=True)
class Said:
    """One event as a test writes it: the sentence and trigger are found in the text."""

    sentence: str
    trigger: str
    cameo: str
    source: Actor | None
    target: Actor | None
    mode: str = "asserted"
    date: str | None = None
    date_text: str | None = None
    location: Place | None = None


def build(doc_id: str, text: str, published: date, said: list[Said], **document) -> Result:
    events = []
    for index, item in enumerate(said):
        start = text.index(item.sentence)
        trigger_start = text.index(item.trigger, start)
        info = load_codebook()[item.cameo]
        events.append(
            Event(
                id=f"{doc_id}-e{index + 1}",
                doc_id=doc_id,
                sentence_index=_sentence_index(text, start),
                evidence=Evidence(
                    text=item.sentence,
                    start=start,
                    end=start + len(item.sentence),
                    trigger=item.trigger,
                    trigger_start=trigger_start,
                    trigger_end=trigger_start + len(item.trigger),
                ),
                source=item.source,
                target=item.target,
                cameo=item.cameo,
                cameo_name=info.name,
                plover=info.plover,
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                mode=item.mode,
                date=item.date,
                date_text=item.date_text,
                date_precision="day" if item.date else None,
                location=item.location,
                confidence=0.8,
                rules=("test:hand-built",),
            )
        )
    quotes = document.pop("quotes", ())
    doc = Document(id=doc_id, text=text, published=published, **document)
    return Result(document=doc, events=tuple(events), quotes=tuple(quotes))


def _sentence_index(text: str, start: int) -> int:
    return text[:start].count(". ")


D1 = "Iran condemned Israel on Tuesday. Egypt hosted talks in Cairo."
D2 = "Russian forces shelled Kharkiv on Monday. Ukraine may retaliate against Russian forces."
D3 = (
    "Israel and Iran held talks in Muscat on Monday. Protesters rallied against the Israeli "
    'government on Tuesday. Iran accused Israel of sabotage. "We will not bow," Netanyahu said.'
)

RESULTS = (
    build("d1", D1, date(2025, 1, 29), [
        Said("Iran condemned Israel on Tuesday.", "condemned", "111", IRAN, ISRAEL,
             date="2025-01-28", date_text="on Tuesday"),
        Said("Egypt hosted talks in Cairo.", "hosted", "043", EGYPT, None, location=CAIRO),
    ], title="Iran condemns Israel", url="https://news.example/d1", source="Wire",
       meta={"section": "world"}),
    build("d2", D2, date(2025, 2, 4), [
        Said("Russian forces shelled Kharkiv on Monday.", "shelled", "194", RUSSIA_MIL, UKRAINE,
             date="2025-02-03", date_text="on Monday"),
        Said("Ukraine may retaliate against Russian forces.", "retaliate", "190", UKRAINE,
             RUSSIA_MIL, mode="hypothetical"),
    ]),
    build("d3", D3, date(2025, 2, 5), [
        Said("Israel and Iran held talks in Muscat on Monday.", "held talks", "040", ISRAEL, IRAN,
             date="2025-02-03", date_text="on Monday"),
        Said("Protesters rallied against the Israeli government on Tuesday.", "rallied", "141",
             PROTESTERS, ISRAEL_GOV, date="2025-02-04", date_text="on Tuesday"),
        Said("Iran accused Israel of sabotage.", "accused", "112", IRAN, ISRAEL, mode="alleged",
             date="2025-02-05"),
    ], quotes=(Quote(id="d3-q1", doc_id="d3", sentence_index=3, text="We will not bow",
                     start=D3.index("We will"), end=D3.index("We will") + 15,
                     speaker=NETANYAHU),)),
)  # fmt: skip

REJECTS = (
    Reject(origin="feeds/broken.xml", stage="ingest", error="MalformedInputError",
           message="not a feed: no <rss> or <feed> element"),
    Reject(origin="empty.txt", stage="document", error="EmptyInputError",
           message="no text left after normalisation"),
)  # fmt: skip

EVENTS = {event.id: event for result in RESULTS for event in result.events}


@pytest.fixture(scope="session")
def stored_events() -> dict[str, Event]:
    """The events in the store, by id."""
    return dict(EVENTS)


@pytest.fixture(scope="session")
def stored_rejects() -> tuple[Reject, ...]:
    return REJECTS


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("serve") / "casus.duckdb")
    with DuckDBStore(path) as store:
        assert store.write_many(RESULTS) == len(RESULTS)
        for reject in REJECTS:
            store.write_reject(reject)
    return path


@pytest.fixture(scope="session")
def client(db_path) -> TestClient:
    with TestClient(create_app(db_path)) as opened:
        yield opened
