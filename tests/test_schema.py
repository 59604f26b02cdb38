"""docs/event.schema.json describes what `casus extract --format jsonl` really writes: every
event of the examples validates, its required codes are filled and its evidence offsets point
into the document text."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from casus.cli import app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "event.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def run_examples(fmt: str) -> str:
    result = CliRunner().invoke(app, ["extract", str(ROOT / "examples"), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def examples():
    """(events from jsonl, documents by id from json) for the example articles."""
    events = [json.loads(line) for line in run_examples("jsonl").splitlines()]
    data = json.loads(run_examples("json"))
    assert data["events"] == events, "jsonl and json speak the same records"
    return events, {document["id"]: document for document in data["documents"]}


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.model
def test_example_events_validate(examples):
    events, documents = examples
    assert len(documents) == 8
    assert len(events) >= len(documents)
    for event in events:
        errors = [jsonschema.exceptions.best_match([e]).message for e in VALIDATOR.iter_errors(event)]
        assert not errors, (event["id"], errors)


@pytest.mark.model
def test_example_events_fill_the_codes(examples):
    events, _ = examples
    for event in events:
        assert event["cameo"] and event["cameo_name"] and event["plover"]
        assert event["quad_class"] in (1, 2, 3, 4)
        assert isinstance(event["goldstein"], float)
        assert event["mode"]
        assert event["source"] or event["target"]


@pytest.mark.model
def test_evidence_offsets_point_into_the_document(examples):
    events, documents = examples
    for event in events:
        text = documents[event["doc_id"]]["text"]
        evidence = event["evidence"]
        assert 0 <= evidence["start"] < evidence["end"] <= len(text)
        assert evidence["text"] == text[evidence["start"]:evidence["end"]]
        trigger = text[evidence["trigger_start"]:evidence["trigger_end"]]
        assert trigger == evidence["trigger"]
        assert evidence["start"] <= evidence["trigger_start"] < evidence["trigger_end"] <= evidence["end"]


@pytest.mark.model
def test_example_ids_are_stable(examples):
    events, _ = examples
    again = [json.loads(line) for line in run_examples("jsonl").splitlines()]
    assert [event["id"] for event in again] == [event["id"] for event in events]


GOOD = {
    "id": "e1", "doc_id": "d1", "sentence_index": 0,
    "evidence": {"text": "Iran condemned Israel.", "start": 0, "end": 22, "trigger": "condemned",
                 "trigger_start": 5, "trigger_end": 14},
    "source": {"text": "Iran", "name": "Iran", "country": "IRN", "role": None, "code": "IRN",
               "kind": "country", "wikidata": "Q794"},
    "target": {"text": "Israel", "name": "Israel", "country": "ISR", "role": None, "code": "ISR",
               "kind": "country", "wikidata": "Q801"},
    "cameo": "122", "cameo_name": "Criticize or denounce", "plover": "ACCUSE", "quad_class": 3,
    "goldstein": -2.0, "mode": "asserted", "date": None, "date_text": None,
    "date_precision": None, "location": None, "confidence": 0.8, "rules": ["frame:svo"],
}


def test_a_hand_written_record_validates():
    assert not list(VALIDATOR.iter_errors(GOOD))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("cameo",), "21"),
        (("cameo",), "1234a"),
        (("plover",), "ATTACK"),
        (("mode",), "rumoured"),
        (("quad_class",), 5),
        (("goldstein",), -11),
        (("date_precision",), "decade"),
        (("date",), "29/01/2025"),
        (("source", "kind"), "robot"),
        (("source", "country"), "Iran"),
        (("evidence", "start"), -1),
        (("confidence",), 1.5),
    ],
)
def test_a_broken_record_fails(path, value):
    record = copy.deepcopy(GOOD)
    inner = record
    for key in path[:-1]:
        inner = inner[key]
    inner[path[-1]] = value
    assert list(VALIDATOR.iter_errors(record))


@pytest.mark.parametrize("field", ["cameo", "plover", "mode", "evidence", "quad_class"])
def test_a_record_missing_a_field_fails(field):
    record = {key: value for key, value in GOOD.items() if key != field}
    assert list(VALIDATOR.iter_errors(record))
