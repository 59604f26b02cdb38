from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

import casus
from casus.errors import StoreError
from casus.serve import create_app

# Date, then document and sentence; undated events last.
ORDER = ["d1-e1", "d2-e1", "d3-e1", "d3-e2", "d3-e3", "d1-e2", "d2-e2"]


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["id"] for event in response.json()["events"]]


def assert_error(response, status: int, code: str, *words: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    for word in words:
        assert word in body["error"]["message"]
    return body["error"]["message"]


def test_health_names_the_version(client):
    assert client.get("/api/health").json() == {"status": "ok", "version": casus.__version__}


def test_events_come_back_as_contract_records_in_query_order(client, stored_events):
    body = client.get("/api/events").json()
    assert [e["id"] for e in body["events"]] == ORDER
    assert body["events"] == [stored_events[i].to_dict() for i in ORDER]
    assert (body["count"], body["total"], body["limit"], body["offset"]) == (7, 7, 100, 0)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "IRAN"}, ["d1-e1", "d3-e1", "d3-e3"]),
        ({"actor": "israeli gov"}, ["d3-e2"]),  # the mention, not only the name
        ({"country": "ukr"}, ["d2-e1", "d2-e2"]),
        ({"root": "4"}, ["d3-e1", "d1-e2"]),
        ({"root": "19", "mode": "hypothetical"}, ["d2-e2"]),
        ({"mode": "alleged"}, ["d3-e3"]),
        ({"since": "2025-02-03", "until": "2025-02-04"}, ["d2-e1", "d3-e1", "d3-e2"]),
        ({"since": "2025-02-04"}, ["d3-e2", "d3-e3"]),
        ({"country": "ISR", "until": "2025-01-31"}, ["d1-e1"]),
        ({"actor": "", "country": "", "root": ""}, ORDER),  # an empty text filter is no filter
        ({"actor": "nobody"}, []),
    ],
)
def test_filters(client, query, expected):
    assert ids(client.get("/api/events", params=query)) == expected


def test_pages_cover_the_list_once_and_keep_the_total(client):
    pages = [client.get("/api/events", params={"limit": 3, "offset": o}).json() for o in (0, 3, 6)]
    assert [e["id"] for page in pages for e in page["events"]] == ORDER
    assert [page["count"] for page in pages] == [3, 3, 1]
    assert {page["total"] for page in pages} == {7}
    past = client.get("/api/events", params={"offset": 50}).json()
    assert (past["events"], past["count"], past["total"]) == ([], 0, 7)


def test_a_page_of_filtered_events_counts_the_filtered_total(client):
    body = client.get("/api/events", params={"country": "ISR", "limit": 1, "offset": 1}).json()
    assert ([e["id"] for e in body["events"]], body["total"]) == (["d3-e1"], 4)


@pytest.mark.parametrize(
    ("path", "query", "names"),
    [
        ("/api/events", {"limit": 0}, ["query.limit", "greater than or equal to 1"]),
        ("/api/events", {"limit": 1001}, ["query.limit", "less than or equal to 1000"]),
        ("/api/events", {"limit": "ten"}, ["query.limit", "integer"]),
        ("/api/events", {"offset": -1}, ["query.offset"]),
        ("/api/events", {"mode": "rumoured"}, ["query.mode", "asserted"]),
        ("/api/events", {"since": "last week"}, ["query.since", "date"]),
        ("/api/events", {"root": "21"}, ["query.root"]),
        ("/api/events", {"country": "ISRA"}, ["query.country"]),
        ("/api/events", {"since": "2025-03-01", "until": "2025-02-01"}, ["since", "after"]),
        ("/api/stats", {"top": 0}, ["query.top"]),
        ("/api/rejects", {"limit": 5000}, ["query.limit"]),
    ],
)
def test_bad_parameters_get_the_422_envelope(client, path, query, names):
    assert_error(client.get(path, params=query), 422, "invalid_parameters", *names)


def test_every_bad_parameter_is_named_in_one_message(client):
    message = assert_error(
        client.get("/api/events", params={"limit": 0, "mode": "x"}), 422, "invalid_parameters"
    )
    assert "query.limit" in message and "query.mode" in message


def test_one_event_by_id(client, stored_events):
    assert client.get("/api/events/d2-e1").json() == stored_events["d2-e1"].to_dict()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/api/events/nope", ["no event with id 'nope'"]),
        ("/api/documents/nope", ["no document with id 'nope'"]),
        ("/api/nope", ["GET /api/nope"]),
        ("/nowhere", ["/nowhere"]),
        ("/static/missing.js", []),
    ],
)
def test_unknown_things_get_the_404_envelope(client, path, words):
    assert_error(client.get(path), 404, "not_found", *words)


def test_wrong_method_gets_the_405_envelope(client):
    assert_error(client.post("/api/events"), 405, "method_not_allowed", "POST /api/events")


def test_a_document_comes_with_its_events_and_quotes(client, stored_events):
    body = client.get("/api/documents/d3").json()
    document = body["document"]
    assert (document["id"], document["published"]) == ("d3", "2025-02-05")
    assert document["text"].startswith("Israel and Iran held talks")
    assert [e["id"] for e in body["events"]] == ["d3-e1", "d3-e2", "d3-e3"]
    assert body["events"][1] == stored_events["d3-e2"].to_dict()
    [quote] = body["quotes"]
    assert quote["text"] == "We will not bow"
    assert document["text"][quote["start"] : quote["end"]] == "We will not bow"
    assert quote["speaker"]["name"] == "Benjamin Netanyahu"
    assert quote["speaker"]["wikidata"] == "Q43723"


def test_document_metadata_survives(client):
    document = client.get("/api/documents/d1").json()["document"]
    assert document["title"] == "Iran condemns Israel"
    assert document["url"] == "https://news.example/d1"
    assert document["meta"] == {"section": "world"}
    assert client.get("/api/documents/d1").json()["quotes"] == []


def test_stats_count_the_whole_store(client):
    body = client.get("/api/stats").json()
    assert body["counts"] == {"documents": 3, "events": 7, "quotes": 1, "rejects": 2}
    assert (body["events"], body["undated"]) == (7, 2)
    assert len(body["roots"]) == 20
    nonzero = {r["root"]: (r["name"], r["count"]) for r in body["roots"] if r["count"]}
    assert nonzero == {
        "04": ("Consult", 2),
        "11": ("Disapprove", 2),
        "14": ("Protest", 1),
        "19": ("Fight", 2),
    }
    assert body["plover"] == [
        {"plover": "ACCUSE", "count": 2},
        {"plover": "ASSAULT", "count": 2},
        {"plover": "CONSULT", "count": 2},
        {"plover": "PROTEST", "count": 1},
    ]
    assert body["modes"] == [
        {"mode": "asserted", "count": 5},
        {"mode": "alleged", "count": 1},
        {"mode": "hypothetical", "count": 1},
    ]
    assert body["days"] == [
        {"date": "2025-01-28", "count": 1},
        {"date": "2025-02-03", "count": 2},
        {"date": "2025-02-04", "count": 1},
        {"date": "2025-02-05", "count": 1},
    ]
    assert body["dyads"][0] == {"source": "IRN", "target": "ISR", "count": 2}
    assert [(d["source"], d["target"], d["count"]) for d in body["dyads"][1:]] == [
        ("ISR", "IRN", 1),
        ("ISRCVL", "ISRGOV", 1),
        ("RUSMIL", "UKR", 1),
        ("UKR", "RUSMIL", 1),
    ]  # EGY hosted with no target: no dyad


def test_stats_follow_the_filters_but_counts_stay_whole(client):
    body = client.get("/api/stats", params={"country": "UKR", "top": 1}).json()
    assert body["counts"]["events"] == 7
    assert (body["events"], body["undated"]) == (2, 1)
    assert [(r["root"], r["count"]) for r in body["roots"] if r["count"]] == [("19", 2)]
    assert body["dyads"] == [{"source": "RUSMIL", "target": "UKR", "count": 1}]


def test_rejects_are_listed(client, stored_rejects):
    body = client.get("/api/rejects").json()
    assert (body["count"], body["total"]) == (2, 2)
    by_origin = {r["origin"]: r for r in body["rejects"]}
    assert set(by_origin) == {reject.origin for reject in stored_rejects}
    broken = by_origin["feeds/broken.xml"]
    assert (broken["stage"], broken["error"]) == ("ingest", "MalformedInputError")
    assert broken["id"].startswith("sha1:")
    assert broken["recorded_at"][:2] == "20"
    assert client.get("/api/rejects", params={"limit": 1, "offset": 1}).json()["count"] == 1


def test_openapi_is_served_and_no_cdn_docs_page(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/extract"} <= set(paths)
    assert_error(client.get("/docs"), 404, "not_found")


def test_a_missing_database_is_refused_when_read_only(tmp_path):
    missing = tmp_path / "none.duckdb"
    with pytest.raises(StoreError, match="no database at"):
        create_app(str(missing))
    assert not missing.exists()


def test_a_database_removed_while_serving_gets_the_503_envelope(tmp_path, db_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(db_path).read_bytes())
    with TestClient(create_app(str(copy))) as client:
        assert client.get("/api/events").json()["total"] == 7
        copy.unlink()
        assert_error(client.get("/api/events"), 503, "store_unavailable", "no database at")


def test_writable_app_creates_an_empty_database(tmp_path):
    path = tmp_path / "new.duckdb"
    with TestClient(create_app(str(path), read_only=False)) as client:
        body = client.get("/api/events").json()
    assert (body["events"], body["total"]) == ([], 0)
    assert path.exists()


def test_events_validate_against_the_published_schema(client):
    schema_path = Path(__file__).resolve().parents[2] / "docs" / "event.schema.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text("utf-8")))
    events = client.get("/api/events").json()["events"]
    events += client.get("/api/documents/d3").json()["events"]
    for event in events:
        assert list(validator.iter_errors(event)) == [], event["id"]
