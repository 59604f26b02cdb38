"""Golden actor-resolution cases (actor_cases.jsonl) and in-document behaviour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.models import Actor, Mention
from casus.resolve.actors import ActorKB, ActorResolver

ROOT = Path(__file__).parents[2]
CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "actor_cases.jsonl").read_text().splitlines()
    if line.strip()
]


def mention_in(parsed_doc, text: str, occurrence: int = 1) -> Mention:
    start = -1
    for _ in range(occurrence):
        start = parsed_doc.document.text.index(text, start + 1)
    span = parsed_doc.doc.char_span(start, start + len(text), alignment_mode="expand")
    return Mention(text=text, start=start, end=start + len(text), head=span.root.i)


@pytest.fixture(scope="module")
def kb():
    return ActorKB.load()


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_case(case, kb, parsed):
    doc = parsed(case["text"], published=case.get("published"))
    dictionaries = [ROOT / path for path in case.get("dictionaries", ())]
    resolver = ActorResolver(ActorKB.load(dictionaries) if dictionaries else kb)
    mention = mention_in(doc, case["mention"], case.get("occurrence", 1))
    actors = resolver.for_document(doc)
    actor = actors.resolve(mention)
    got = {field: getattr(actor, field) for field in case["expected"]}
    assert got == case["expected"], (case["note"], actors.explain(mention))
    assert actor.text == case["mention"]


@pytest.mark.model
def test_always_an_actor_even_for_odd_spans(kb, parsed):
    doc = parsed("Officials met on Tuesday.")
    actor = ActorResolver(kb).for_document(doc).resolve(Mention("on", 14, 16, 2))
    assert isinstance(actor, Actor)
    assert (actor.code, actor.country, actor.role, actor.name) == ("", None, None, "on")


@pytest.mark.model
def test_explain_names_entries_and_rules(kb, parsed):
    doc = parsed("Benjamin Netanyahu flew home. The Israeli leader spoke.", "2025-03-01")
    actors = ActorResolver(kb).for_document(doc)
    why = actors.explain(mention_in(doc, "The Israeli leader"))
    assert any("country 'Israel'" in line for line in why)
    assert any("refers back to Benjamin Netanyahu" in line for line in why)
    assert why[-1].startswith("=> ISRGOV")


@pytest.mark.model
def test_pronoun_skips_incompatible_antecedents(kb, parsed):
    doc = parsed("Benjamin Netanyahu spoke to the Kremlin. It replied quickly.", "2025-03-01")
    actor = ActorResolver(kb).for_document(doc).resolve(mention_in(doc, "It"))
    assert actor.country == "RUS"
    doc = parsed("The Kremlin called Benjamin Netanyahu. He replied quickly.", "2025-03-01")
    actor = ActorResolver(kb).for_document(doc).resolve(mention_in(doc, "He"))
    assert actor.name == "Benjamin Netanyahu"


@pytest.mark.model
def test_pronoun_with_no_antecedent_stays_uncoded(kb, parsed):
    doc = parsed("They said the talks had failed.")
    actor = ActorResolver(kb).for_document(doc).resolve(mention_in(doc, "They"))
    assert actor.code == ""
    assert actor.name == "They"


@pytest.mark.model
def test_no_date_uses_latest_role(kb, parsed):
    doc = parsed("Joe Biden spoke.", published=None)
    actor = ActorResolver(kb).for_document(doc).resolve(mention_in(doc, "Joe Biden"))
    assert (actor.role, actor.code) == ("GOV", "USAGOV")
