"""The pipeline end to end: every input comes out as a Result or a Reject, in order, and the run
goes on past bad ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import casus
from casus.config import load_settings
from casus.errors import InputTooLargeError
from casus.models import Document, Reject, Result
from casus.pipeline import Pipeline

pytestmark = pytest.mark.model

STRIKE = "Israeli warplanes struck targets in southern Lebanon on Monday, the army said."


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_settings(path=None, env={}))


def test_bad_inputs_become_rejects_and_the_good_ones_still_come_through(pipeline, tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "ok", "text": "Iran condemned the attack.", "published": "2025-03-04"}\n'
        "{not json\n",
        encoding="utf-8",
    )
    outcomes = list(pipeline.run([str(tmp_path)]))
    results = [o for o in outcomes if isinstance(o, Result)]
    rejects = [o for o in outcomes if isinstance(o, Reject)]
    assert sorted(r.document.id for r in results if r.document.id == "ok") == ["ok"]
    assert len(results) == 2
    assert {r.origin.rsplit("/", 1)[-1] for r in rejects} == {"b.txt", "c.jsonl:2"}
    assert all(r.stage == "ingest" for r in rejects)


def test_published_override_dates_the_events(pipeline, tmp_path):
    path = tmp_path / "strike.txt"
    path.write_text(STRIKE, encoding="utf-8")
    (result,) = pipeline.run([str(path)], published="2025-02-12")
    assert result.document.published.isoformat() == "2025-02-12"
    assert [e.date for e in result.events] == ["2025-02-10"] * len(result.events)
    assert result.events, "an air strike by Israeli warplanes is an event"


def test_a_text_over_the_parser_limit_is_rejected_not_fatal(pipeline):
    huge = Document(id="huge", text="x " * (pipeline.nlp.max_length // 2 + 10), origin="huge.txt")
    fine = Document(id="fine", text=STRIKE, origin="fine.txt")
    outcomes = list(pipeline.documents([huge, fine]))
    assert [type(o).__name__ for o in outcomes] == ["Reject", "Result"]
    assert outcomes[0].error == "InputTooLargeError"
    assert "over the parser's limit" in outcomes[0].message
    with pytest.raises(InputTooLargeError):
        pipeline.process(huge)


def test_a_stage_failure_is_recorded_with_its_stage_and_the_batch_goes_on(pipeline, monkeypatch):
    real = pipeline.extractor

    def flaky(parsed):
        if parsed.document.id == "bad":
            raise RuntimeError("boom")
        return real(parsed)

    monkeypatch.setattr(pipeline, "extractor", flaky)
    docs = [Document(id="bad", text=STRIKE, origin="bad.txt"), Document(id="good", text=STRIKE)]
    bad, good = pipeline.documents(docs)
    assert (bad.stage, bad.error, bad.doc_id) == ("extract", "RuntimeError", "bad")
    assert isinstance(good, Result) and good.events


def test_python_api_extract_returns_contract_events():
    events = casus.extract(
        "Donald Trump has invited Israeli Prime Minister Benjamin Netanyahu to visit "
        "Washington on 4 February.",
        published="2025-01-29",
    )
    invite = next(e for e in events if e.root in ("03", "04"))
    assert invite.source.country == "USA"
    assert invite.target.country == "ISR"
    assert invite.date == "2025-02-04"
    record = invite.to_dict()
    assert record["evidence"]["trigger"] in record["evidence"]["text"]
    assert casus.Event.from_dict(record) == invite


def test_parsing_in_worker_processes_gives_the_same_events(pipeline, tmp_path):
    for n, text in enumerate((STRIKE, "Iran condemned the attack on Tuesday.", STRIKE)):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    wide = Pipeline(replace(pipeline.settings, n_process=2))
    wide.nlp, wide.extractor, wide.resolver = pipeline.nlp, pipeline.extractor, pipeline.resolver

    def ids(p):
        return [
            o.line() if isinstance(o, Reject) else [e.id for e in o.events]
            for o in p.run([str(tmp_path)], published="2025-02-12")
        ]

    assert ids(wide) == ids(pipeline)
    assert sum(isinstance(x, str) for x in ids(wide)) == 1


def test_a_wire_dateline_is_neither_an_actor_nor_the_place(pipeline):
    text = "KYIV, March 3 (Reuters) - Russian forces shelled Kharkiv overnight, officials said."
    document = Document(id="wire", text=text, published=date(2025, 3, 3))
    (result,) = pipeline.documents([document])
    assert result.events
    for event in result.events:
        assert event.evidence.start >= text.index("Russian")
        assert "KYIV" not in {event.source and event.source.text, event.target and event.target.text}
        assert event.source.country == "RUS"
