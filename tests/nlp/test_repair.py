"""A past verb the tagger read as an adjective after a sentence-opening name is re-tagged."""

import pytest

pytestmark = pytest.mark.model


def _token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("Trump paused military aid to Ukraine on Monday.", "paused", "pause"),
    ("Trump extended military aid to Ukraine.", "extended", "extend"),
    ("Trump cut military aid to Ukraine on Monday.", "cut", "cut"),
])
def test_a_misread_past_verb_is_tagged_and_lemmatised_as_a_verb(nlp, text, word, lemma):
    token = _token(nlp, text, word)
    assert (token.tag_, token.pos_, token.lemma_) == ("VBD", "VERB", lemma)


@pytest.mark.parametrize(("text", "word"), [
    ("Armed men attacked a police station.", "Armed"),
    ("Israeli armed forces attacked the camp.", "armed"),
    ("Ukrainian forces used armed drones.", "armed"),
])
def test_an_adjective_elsewhere_stays_an_adjective(nlp, text, word):
    token = _token(nlp, text, word)
    assert token.pos_ == "ADJ"
