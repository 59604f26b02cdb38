"""POST /api/extract: validation needs no model; the last test parses with spaCy."""

from __future__ import annotations

import pytest

from casus.serve.app import MAX_EXTRACT_CHARS


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    return response.json()["error"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "body.text"),
        ({"text": ""}, "body.text"),
        ({"text": "x" * (MAX_EXTRACT_CHARS + 1)}, "body.text"),
        ({"text": "Iran condemned Israel.", "published": "yesterday"}, "body.published"),
        ({"text": "Iran condemned Israel.", "when": "2025-01-29"}, "body.when"),
    ],
)
def test_bad_bodies_get_the_422_envelope(client, body, where):
    error = error_of(client.post("/api/extract", json=body), 422)
    assert error["code"] == "invalid_parameters"
    assert where in error["message"]


def test_a_body_that_is_not_json_gets_the_422_envelope(client):
    response = client.post(
        "/api/extract", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert error_of(response, 422)["code"] == "invalid_parameters"


def test_a_text_with_nothing_in_it_is_an_input_error(client):
    # The document stage refuses it before any model is loaded.
    error = error_of(client.post("/api/extract", json={"text": " \n\t "}), 422)
    assert error["code"] == "invalid_input"
    assert "no text" in error["message"]


@pytest.mark.model
def test_extract_codes_a_text(client, nlp):
    text = "Iran condemned Israel on Tuesday."
    response = client.post("/api/extract", json={"text": text, "published": "2025-01-29"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["events"]) >= 1
    event = body["events"][0]
    assert (event["source"]["country"], event["target"]["country"]) == ("IRN", "ISR")
    assert event["cameo"].startswith("11")
    assert event["date"] == "2025-01-28"
    evidence = event["evidence"]
    assert text[evidence["trigger_start"] : evidence["trigger_end"]] == evidence["trigger"]
