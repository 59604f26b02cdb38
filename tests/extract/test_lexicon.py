"""The lexicon files load, validate and agree with the codebook."""

from __future__ import annotations

import shutil

import pytest

from casus.codebook import load_codebook
from casus.errors import KnowledgeError
from casus.extract.lexicon import default_lexicon_dir, load_lexicon, parse_pattern


def test_every_code_is_in_the_codebook():
    codebook = load_codebook()
    lexicon = load_lexicon()
    assert lexicon.codes, "no codes loaded"
    assert sorted(c for c in lexicon.codes if c not in codebook) == []
    tables = [code for table in lexicon.tables.values() for code in table.by_code.values()]
    mapped = [code for table in lexicon.source_codes for code in table.codes.values()]
    assert sorted(c for c in tables + mapped if c not in codebook) == []


def test_lexicon_covers_every_root_with_hundreds_of_entries():
    lexicon = load_lexicon()
    assert {code[:2] for code in lexicon.codes} == {f"{n:02d}" for n in range(1, 21)}
    assert sum(len(p) for p in lexicon.verbs.values()) > 1000
    assert sum(len(p) for p in lexicon.nouns.values()) > 300


def test_pattern_syntax():
    pattern = parse_pattern("issue +arrest_warrant for:@x", "173", {"x": frozenset({"suspect"})})
    assert pattern.lemma == "issue"
    assert pattern.obj.heads == {"warrant"} and pattern.obj.modifiers == ("arrest",)
    assert pattern.preps[0][0] == "for" and pattern.preps[0][1].heads == {"suspect"}
    assert pattern.specificity == 4  # object + its modifier, preposition + its object


def test_preposition_with_object_beats_bare_preposition():
    withdraw = parse_pattern("withdraw from", "0874", {})
    from_body = parse_pattern("withdraw from:@x", "160", {"x": frozenset({"court"})})
    assert from_body.specificity > withdraw.specificity


def test_most_specific_pattern_first():
    lift = load_lexicon().verbs["lift"]
    assert lift[-1].specificity <= lift[0].specificity
    assert any(p.code == "085" for p in lift)


def _copy(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(default_lexicon_dir(), folder)
    return folder


def test_duplicate_pattern_across_codes_is_an_error(tmp_path):
    folder = _copy(tmp_path)
    triggers = folder / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8")
    triggers.write_text(text.replace('"0874":\n    verbs: [', '"0874":\n    verbs: [condemn, '),
                        encoding="utf-8")
    with pytest.raises(KnowledgeError, match="condemn"):
        load_lexicon(str(folder))


def test_unquoted_yaml_boolean_is_an_error(tmp_path):
    folder = _copy(tmp_path)
    frames = folder / "frames.yaml"
    text = frames.read_text(encoding="utf-8")
    frames.write_text(text.replace('target_preps: [against, "on",', "target_preps: [against, on,"),
                      encoding="utf-8")
    with pytest.raises(KnowledgeError, match="quote it"):
        load_lexicon(str(folder))


def test_unknown_class_is_an_error():
    with pytest.raises(KnowledgeError, match="unknown class"):
        parse_pattern("impose +@nothing", "163", {})
