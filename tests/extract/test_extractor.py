"""Extractor behaviour beyond single cases: records, trace, quotes, dedupe, offsets."""

from __future__ import annotations

import pytest

from casus.extract import Extractor
from casus.models import EventCandidate, Extraction


@pytest.mark.model
def test_call_returns_extraction_with_offsets(parsed, extractor):
    text = "Protests broke out. Iran condemned Israel on Monday."
    extraction = extractor(parsed(text))
    assert isinstance(extraction, Extraction)
    [candidate] = [c for c in extraction.candidates if c.cameo == "111"]
    assert isinstance(candidate, EventCandidate)
    assert candidate.sentence_index == 1
    assert text[candidate.sentence_start:candidate.sentence_end].startswith("Iran condemned")
    assert text[candidate.trigger_start:candidate.trigger_end] == "condemned"
    assert text[candidate.source.start:candidate.source.end] == "Iran"
    assert candidate.target.text == "Israel"
    assert parsed(text).doc[candidate.anchor].text == "condemned"
    assert 0 < candidate.confidence <= 1 and candidate.rules


@pytest.mark.model
def test_trace_explains_kept_and_dropped(run):
    trace: list[str] = []
    run("Storm kills 12 in Philippines. Russia expelled two Estonian diplomats.", trace)
    assert any("s0:" in line and "Storm" in line and "not an agent" in line for line in trace)
    assert any("161" in line and "kept" in line and "expel" in line for line in trace)


@pytest.mark.model
def test_non_agent_subject_is_dropped_with_reason(run):
    trace: list[str] = []
    extraction = run("The blaze destroyed the offices of the ruling party.", trace)
    assert extraction.candidates == ()
    assert any("not an agent" in line for line in trace)


@pytest.mark.model
def test_coordination_is_capped_and_deduplicated(run):
    text = ("Britain, France, Germany and Italy condemned Russia, Belarus and Iran, and "
            "Britain, France, Germany and Italy condemned Russia, Belarus and Iran.")
    candidates = run(text).candidates
    keys = {(c.source.text, c.target.text, c.cameo) for c in candidates}
    assert len(keys) == len(candidates)
    assert len(candidates) <= 12


@pytest.mark.model
def test_attribution_is_not_an_event_of_its_own(run):
    candidates = run("Officials said Turkish jets bombed Kurdish positions in northern Iraq.").candidates
    assert candidates and all(c.trigger != "said" for c in candidates)


@pytest.mark.model
def test_quotes_with_speakers(run):
    text = '"It will be my honour," she said. The letter stated: “We reject the proposal outright.”'
    quotes = run(text).quotes
    assert [q.text for q in quotes] == ["It will be my honour,", "We reject the proposal outright."]
    assert quotes[0].speaker.text == "she"
    assert quotes[1].speaker.text == "The letter"
    assert text[quotes[1].start:quotes[1].end] == quotes[1].text
    assert quotes[1].sentence_index == 1


def test_custom_lexicon_path(tmp_path):
    from casus.extract.lexicon import default_lexicon_dir

    extractor = Extractor(default_lexicon_dir())
    assert "condemn" in extractor.lexicon.verbs
