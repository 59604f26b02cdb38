"""PETRARCH verb dictionaries as a user trigger layer of the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.codebook import load_codebook
from casus.extract import Extractor
from casus.extract.lexicon import load_lexicon
from casus.extract.petrarch_verbs import (
    is_verb_dictionary,
    load_verb_layers,
    read_verbs,
    verb_dictionaries,
)
from casus.resolve.kb import ActorKB

RESOURCES = Path(__file__).parent.parent / "resources"
VERBS = RESOURCES / "verbs" / "mini.verbs.txt"
ACTORS = RESOURCES / "actors" / "mini.actors.txt"
SHARED_VERBS = (Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "petr_unit"
                / "PETR.Validate.verbs.txt")


def codes(layer, word: str) -> list[str]:
    return [p.code for p in layer.verbs.get(word, ())]


def test_verb_files_are_told_from_actor_files():
    assert is_verb_dictionary(VERBS.read_text())
    assert not is_verb_dictionary(ACTORS.read_text())
    assert verb_dictionaries([ACTORS, VERBS]) == (str(VERBS),)


def test_block_codes_patterns_and_synsets():
    layer = read_verbs(VERBS)
    assert codes(layer, "hail") == ["043"]
    assert codes(layer, "left") == ["042"]  # the first of a paired code
    [salute] = layer.verbs["salute"]
    assert (salute.code, salute.words) == ("042", ("back",))
    ties = [p for p in layer.verbs["renew"] if p.code == "046"]
    assert sorted(p.obj.modifiers for p in ties) == [("security",), ("trade",)]
    assert all(p.obj.heads == {"ties", "tie"} for p in ties)
    [talks] = [p for p in layer.verbs["renew"] if p.code == "036"]
    assert talks.words == ("with",) and "talk" in talks.obj.heads
    [attack] = layer.verbs["condemn"]
    assert (attack.code, attack.obj.heads) == ("112", {"attack"})
    # A nested synset expands through its members.
    pledges = {term.heads for p in layer.verbs["snub"] for _, term in p.preps}
    assert pledges == {frozenset({"aid"}), frozenset({"trade"}), frozenset({"security"})}
    assert all(p.user for ps in layer.verbs.values() for p in ps)


def test_what_cannot_be_expressed_is_skipped_and_counted():
    layer = read_verbs(VERBS)
    assert layer.skipped == {
        "words before the verb": 1,
        "context not a phrase": 1,
        "verb form with words before the verb": 1,
        "not a CAMEO code": 2,
    }
    assert "greet" not in layer.verbs and "far" not in layer.verbs
    assert codes(layer, "snub") == ["1234"] * 3  # the block's 225 and the 174X pattern dropped


def test_actor_kb_ignores_verb_files():
    kb = ActorKB.load([VERBS])
    [user] = kb.user_layers
    assert not user.phrases and not user.cased


def test_no_verb_dictionary_leaves_the_lexicon_alone():
    assert Extractor().lexicon == load_lexicon()
    assert Extractor(dictionaries=[ACTORS]).lexicon == load_lexicon()
    assert load_verb_layers([ACTORS]) == ()


@pytest.fixture(scope="module")
def user_run(parsed):
    extractor = Extractor(dictionaries=[ACTORS, VERBS])

    def make(text: str, trace: list[str] | None = None):
        return extractor.extract(parsed(text), trace=trace)

    return make


def cameos(extraction, trigger: str) -> list[str]:
    return [c.cameo for c in extraction.candidates if c.trigger.split()[0] == trigger]


@pytest.mark.model
def test_user_pattern_codes_the_verb(user_run, run):
    assert cameos(user_run("Russia renewed trade ties with China."), "renewed") == ["046"]
    assert cameos(user_run("Iran condemned the attack on Israel."), "condemned") == ["112"]
    assert cameos(run("Iran condemned the attack on Israel."), "condemned") == ["111"]


@pytest.mark.model
def test_user_code_wins_and_builtin_patterns_remain(user_run, run):
    assert cameos(run("Germany hailed France."), "hailed") == ["051"]
    assert cameos(user_run("Germany hailed France."), "hailed") == ["043"]
    # CONDEMN has no block code: without its pattern's object the packaged entry codes it.
    assert cameos(user_run("Iran condemned Israel."), "condemned") == ["111"]


@pytest.mark.model
def test_inflected_entry_matches_as_written(user_run):
    assert cameos(user_run("Putin left for Beijing."), "left") == ["042"]


@pytest.mark.model
def test_non_cameo_codes_are_never_emitted(user_run):
    extraction = user_run("Iran snubbed Israel. Iran snubbed the invitation from Israel.")
    codebook = load_codebook()
    assert extraction.candidates
    assert all(c.cameo in codebook for c in extraction.candidates)
    assert "225" not in {c.cameo for c in extraction.candidates}


@pytest.mark.model
def test_a_verb_of_saying_reports_its_clause(user_run):
    trace: list[str] = []
    extraction = user_run("Iran said Israel attacked Gaza.", trace)
    assert cameos(extraction, "said") == []
    assert cameos(extraction, "attacked")
    assert any("reports its clause" in line for line in trace)


@pytest.mark.skipif(not SHARED_VERBS.exists(), reason="shared evaluation folder absent")
def test_reads_the_petrarch_validation_verbs():
    layer = read_verbs(SHARED_VERBS)
    assert "041" in codes(layer, "welcome")
    assert "064" in codes(layer, "restore")
    assert "abandon" not in layer.verbs  # its block code 345 is WEIS, not CAMEO
    assert layer.skipped["not a CAMEO code"] > 0
    codebook = load_codebook()
    assert all(p.code in codebook for ps in layer.verbs.values() for p in ps)
