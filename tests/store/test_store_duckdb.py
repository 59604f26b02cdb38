from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from casus.errors import StoreError
from casus.models import Actor, Document, Event, Evidence, Place, Quote, Reject, Result
from casus.store import SCHEMA_VERSION, DuckDBStore

TEXT = "Iran condemned Israel on Tuesday. Egypt hosted talks in Cairo."

IRAN = Actor(text="Iran", name="Iran", country="IRN", role=None, code="IRN", kind="country")
ISRAEL = Actor(text="Israel", name="Israel", country="ISR", code="ISR", kind="country",
               wikidata="Q801")  # fmt: skip
EGYPT = Actor(text="Egypt", name="Egypt", country="EGY", code="EGY", kind="country")
CAIRO = Place(name="Cairo", country="EGY", lat=30.0444, lon=31.2357, feature="city",
              geonameid=360630)  # fmt: skip


def make_event(doc_id: str = "d1", **changes) -> Event:
    event = Event(
        id=f"{doc_id}-e1",
        doc_id=doc_id,
        sentence_index=0,
        evidence=Evidence(
            text="Iran condemned Israel on Tuesday.",
            start=0,
            end=33,
            trigger="condemned",
            trigger_start=5,
            trigger_end=14,
        ),  # fmt: skip
        source=IRAN,
        target=ISRAEL,
        cameo="111",
        cameo_name="Criticize or denounce",
        plover="ACCUSE",
        quad_class=3,
        goldstein=-2.0,
        mode="asserted",
        date="2025-01-28",
        date_text="on Tuesday",
        date_precision="day",
        location=None,
        confidence=0.8,
        rules=("frame:nsubj-verb-dobj", "lexicon:condemn"),
    )
    return replace(event, **changes)


def make_result(doc_id: str = "d1", events=None, quotes=()) -> Result:
    document = Document(id=doc_id, text=TEXT, published=date(2025, 1, 29), title="Title",
                        url="https://x.example/1", source="Wire", language="en",
                        origin="docs.jsonl:1", meta={"section": "world", "rank": 2})  # fmt: skip
    return Result(document=document, events=tuple(events or (make_event(doc_id),)),
                  quotes=tuple(quotes))  # fmt: skip


@pytest.fixture
def store():
    with DuckDBStore(":memory:") as opened:
        yield opened


def test_round_trip_returns_an_equal_event(store):
    hosted = make_event(
        id="d1-e2", sentence_index=1, source=EGYPT, target=None, location=CAIRO,
        evidence=Evidence(text="Egypt hosted talks in Cairo.", start=34, end=62,
                          trigger="hosted", trigger_start=40, trigger_end=46),
        cameo="043", cameo_name="Host a visit", plover="CONSULT", quad_class=1, goldstein=2.8,
        date=None, date_text=None, date_precision=None, rules=(),
    )  # fmt: skip
    result = make_result(events=[make_event(), hosted])
    assert store.write(result) is True
    assert store.query() == [make_event(), hosted]  # dated first, undated last


def test_quotes_and_document_are_stored(store):
    quote = Quote(id="q1", doc_id="d1", sentence_index=0, text="We condemn it", start=1, end=14,
                  speaker=IRAN)  # fmt: skip
    store.write(make_result(quotes=[quote]))
    assert store.counts() == {"documents": 1, "events": 1, "quotes": 1, "rejects": 0}
    row = store._db.execute('SELECT text, "start", "end", speaker_name FROM quotes').fetchone()
    assert row == ("We condemn it", 1, 14, "Iran")
    doc = store._db.execute("SELECT published, origin, meta->>'section' FROM documents").fetchone()
    assert doc == (date(2025, 1, 29), "docs.jsonl:1", "world")


def test_writing_the_same_document_twice_changes_nothing(store):
    assert store.write(make_result()) is True
    before = store.counts()
    assert store.write(make_result(events=[make_event(id="other")])) is False
    assert store.counts() == before == {"documents": 1, "events": 1, "quotes": 0, "rejects": 0}


def test_a_failed_write_leaves_nothing_behind(store):
    twice = make_result(events=[make_event(), make_event()])  # same event id twice
    with pytest.raises(StoreError, match="cannot write document d1"):
        store.write(twice)
    assert store.counts()["documents"] == 0
    assert store.write(make_result()) is True


def test_invalid_event_date_is_a_store_error(store):
    with pytest.raises(StoreError, match="cannot write document d1"):
        store.write(make_result(events=[make_event(date="Tuesday")]))


@pytest.fixture
def filled(store):
    store.write(make_result("d1"))
    store.write(make_result("d2", events=[make_event(
        "d2", source=EGYPT, target=None, cameo="145", cameo_name="Protest violently, riot",
        plover="PROTEST", quad_class=4, goldstein=-7.5, mode="alleged", date="2025-02-10",
    )]))  # fmt: skip
    store.write(make_result("d3", events=[make_event("d3", date=None)]))
    return store


@pytest.mark.parametrize(
    ("filters", "doc_ids"),
    [
        ({}, ["d1", "d2", "d3"]),
        ({"actor": "isra"}, ["d1", "d3"]),
        ({"actor": "EGYPT"}, ["d2"]),
        ({"country": "egy"}, ["d2"]),
        ({"country": "ISR"}, ["d1", "d3"]),
        ({"root": "14"}, ["d2"]),
        ({"root": "11"}, ["d1", "d3"]),
        ({"since": "2025-02-01"}, ["d2"]),
        ({"until": date(2025, 2, 1)}, ["d1"]),
        ({"since": "2025-01-28", "until": "2025-01-28"}, ["d1"]),
        ({"mode": "alleged"}, ["d2"]),
        ({"limit": 2}, ["d1", "d2"]),
        ({"actor": "egy", "root": "14"}, ["d2"]),
        ({"actor": "iran", "root": "14"}, []),
        ({"actor": "nobody"}, []),
        ({"actor": "100%"}, []),
    ],
)
def test_query_filters(filled, filters, doc_ids):
    assert [e.doc_id for e in filled.query(**filters)] == doc_ids


@pytest.mark.parametrize(
    "filters", [{"root": "99"}, {"root": "x"}, {"since": "soon"}, {"mode": "rumoured"},
                {"limit": -1}],
)  # fmt: skip
def test_invalid_filters_are_store_errors(store, filters):
    with pytest.raises(StoreError, match="invalid query"):
        store.query(**filters)


def test_rejects_are_recorded_once(store):
    reject = Reject(origin="a.txt", stage="ingest", error="EmptyInputError", message="empty")
    assert store.write_reject(reject) is True
    assert store.write_reject(reject) is False
    assert store.write_reject(replace(reject, message="other reason")) is True
    assert store.counts()["rejects"] == 2


def test_schema_is_migrated_once_and_data_survives_reopening(tmp_path):
    path = tmp_path / "casus.duckdb"
    with DuckDBStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 1
        store.write(make_result())
    with DuckDBStore(str(path)) as store:
        assert store.schema_version() == 1
        versions = store._db.execute("SELECT version FROM schema_version").fetchall()
        assert versions == [(1,)]
        assert store.query() == [make_event()]


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    with DuckDBStore(path) as store:
        store._db.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="schema version 99, newer than this casus"):
        DuckDBStore(path)


def test_unopenable_database_is_a_store_error(tmp_path):
    bogus = tmp_path / "not-a-db.duckdb"
    bogus.write_text("this is not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the database"):
        DuckDBStore(bogus)
    with pytest.raises(StoreError, match="cannot open the database"):
        DuckDBStore(tmp_path / "missing-folder" / "x.duckdb")


def test_contract_view_nests_records(store):
    store.write(make_result(events=[make_event(location=CAIRO)]))
    row = store._db.execute(
        "SELECT evidence.trigger, source.name, target.wikidata, location.geonameid, date "
        "FROM events_contract"
    ).fetchone()
    assert row == ("condemned", "Iran", "Q801", 360630, "2025-01-28")


def test_write_many_skips_stored_and_repeated_documents(store):
    store.write(make_result("d1"))
    batch = [make_result("d1"), make_result("d2"), make_result("d3"), make_result("d2")]
    assert store.write_many(batch) == 2
    assert store.counts() == {"documents": 3, "events": 3, "quotes": 0, "rejects": 0}
    assert store.write_many(batch) == 0
    assert store.write_many([]) == 0


def test_write_many_is_all_or_nothing(store):
    bad = make_result("d2", events=[make_event("d2", date="not a date")])
    with pytest.raises(StoreError, match=r"cannot write document d1 \(and 1 more\)"):
        store.write_many([make_result("d1"), bad])
    assert store.counts()["documents"] == 0


def test_distinct_counts_one_event_reported_by_many_documents_once(store):
    # three outlets report Iran condemning Israel on the same day; one also reports it weeks
    # later, and one has an undated report, which is never merged with anything
    for doc_id, confidence in (("wire-a", 0.7), ("wire-b", 0.9), ("wire-c", 0.8)):
        store.write(make_result(doc_id, [make_event(doc_id, confidence=confidence)]))
    later = make_event("wire-d", date="2025-03-01")
    undated = make_event("wire-d", id="wire-d-e2", sentence_index=1, date=None)
    store.write(make_result("wire-d", [later, undated]))
    rows = store.distinct()
    assert [(e.doc_id, e.date, reports) for e, reports in rows] == [
        ("wire-b", "2025-01-28", 3),
        ("wire-d", "2025-03-01", 1),
        ("wire-d", None, 1),
    ]
    assert len(store.query()) == 5
    assert [r for _, r in store.distinct(since="2025-02-01")] == [1]
