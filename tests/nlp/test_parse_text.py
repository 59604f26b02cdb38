"""The parser reads the document's text after a wire dateline; the Doc it gives back spans the
whole text again, with the offsets of ``Document.text``."""

import pytest

from casus.models import Document
from casus.nlp import parse_one, parse_text

GAZA = "GAZA CITY, Jan 29 (Reuters) - Egyptian mediators met Hamas officials. They left."


def test_the_parser_reads_the_text_after_the_dateline():
    assert parse_text(Document(id="d", text=GAZA)) == "Egyptian mediators met Hamas officials. They left."


def test_text_without_a_dateline_is_read_as_it_is():
    text = "Egyptian mediators met Hamas officials in Cairo."
    assert parse_text(Document(id="d", text=text)) == text


@pytest.mark.model
def test_the_doc_keeps_the_document_offsets(nlp):
    doc = parse_one(nlp, Document(id="d", text=GAZA)).doc
    assert len(doc.text) == len(GAZA)
    hamas = next(t for t in doc if t.text == "Hamas")
    assert GAZA[hamas.idx : hamas.idx + len("Hamas")] == "Hamas"
    assert [s.text.strip() for s in doc.sents] == ["Egyptian mediators met Hamas officials.", "They left."]
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["Hamas"]


@pytest.mark.model
def test_the_sentence_after_a_dateline_parses_as_it_would_alone(nlp):
    body = "Chinese President Xi Jinping and Brazilian President Lula signed 20 agreements."
    alone = [(t.text, t.dep_, t.head.text) for t in nlp(body)]
    doc = parse_one(nlp, Document(id="d", text="BEIJING (AP) — " + body)).doc
    assert [(t.text, t.dep_, t.head.text) for t in doc if not t.is_space] == alone


@pytest.mark.model
def test_a_dateline_alone_gives_an_empty_sentence(nlp):
    doc = parse_one(nlp, Document(id="d", text="KYIV (AP) — ")).doc
    assert doc.text == "KYIV (AP) — ".replace("KYIV (AP) —", " " * len("KYIV (AP) —"))
    assert [t.is_space for t in doc] == [True]
