"""The stand-ins for the model's attribute ruler and lemmatizer annotate exactly as spaCy does."""

import json
from pathlib import Path

import pytest
import spacy

from casus.nlp import DEFAULT_MODEL
from casus.nlp.components import (
    CachedLemmatizer,
    IndexedAttributeRuler,
    UnsupportedPattern,
    install,
)

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[str]:
    """The bundled articles and every golden sentence: news prose with contractions,
    pronouns, auxiliaries and quotes, the cases the ruler's exceptions exist for."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "golden").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    texts.append("Y'all gonna see it, c'mon, let's go; I'd say we're nothin' if they don't act.")
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.i, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(DEFAULT_MODEL), install(spacy.load(DEFAULT_MODEL))


def test_the_stand_ins_are_installed_where_the_components_were(pipelines):
    shipped, casus = pipelines
    assert casus.pipe_names == shipped.pipe_names
    assert isinstance(casus.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(casus.get_pipe("lemmatizer"), CachedLemmatizer)


def test_every_token_is_annotated_as_the_shipped_pipeline_does(pipelines):
    shipped, casus = pipelines
    texts = _texts()
    assert len(texts) > 300
    for text, expected, got in zip(texts, shipped.pipe(texts), casus.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(expected), text


def test_a_ruler_with_patterns_the_index_cannot_read_is_left_as_it_is():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    with pytest.raises(UnsupportedPattern):
        IndexedAttributeRuler(ruler)
    install(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
