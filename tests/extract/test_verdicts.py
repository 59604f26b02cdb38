"""Criticism given as a verdict (extract/verdicts.py)."""

from __future__ import annotations

import pytest

from casus.extract.verdicts import verdict


@pytest.mark.model
@pytest.mark.parametrize("text, verb, code, judged", [
    ("Britain called the sentence politically motivated.", "called", "111", "sentence"),
    ("Iran described the strikes as a violation of international law.", "described", "111",
     "strikes"),
    ("Russia said the sanctions were illegal.", "said", "111", "sanctions"),
    ("China said the accusations were baseless.", "said", "016", "accusations"),
    ("Moscow called the accusations absurd.", "called", "016", "accusations"),
    ("Beijing branded the visit a provocation.", "branded", "111", "visit"),
])
def test_verdicts(parsed, extractor, text, verb, code, judged):
    doc = parsed(text).doc
    [token] = [t for t in doc if t.text == verb]
    found = verdict(token, extractor.lexicon)
    assert found is not None and found.code == code and found.judged.text == judged


@pytest.mark.model
@pytest.mark.parametrize("text, verb", [
    ("The minister said the talks were constructive.", "said"),  # praise is no verdict word
    ("Modi called Putin on Tuesday.", "called"),  # a phone call
    ("Syria condemned what it called a violation of its sovereignty.", "called"),
])
def test_no_verdict(parsed, extractor, text, verb):
    doc = parsed(text).doc
    [token] = [t for t in doc if t.text == verb]
    assert verdict(token, extractor.lexicon) is None
