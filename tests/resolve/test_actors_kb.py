"""The knowledge base: loading, validation, date-bounded roles, user layers, stale roles."""

from __future__ import annotations

import time
import tracemalloc
from datetime import date

import pytest

from casus.errors import KnowledgeError
from casus.resolve.actors_phrase import code_words, find_pieces
from casus.resolve.kb import ActorKB, Entry, Role, role_on, stale_roles, words
from casus.resolve.kb_builtin import builtin_layer


def plain_words(text: str):
    """Words for the phrase coder without spaCy: capitalisation kept, no tags."""
    from casus.resolve.actors_phrase import Word

    return [Word(w.lower().replace(".", ""), w.replace(".", ""), w, i)
            for i, w in enumerate(text.split())]


def code(kb: ActorKB, text: str, day: date | None = date(2025, 3, 1)):
    return code_words(kb, plain_words(text), text, day, []).actor


def test_builtin_knowledge_is_broad():
    kb = ActorKB.load()
    people = list(kb.people())
    assert len(people) >= 400
    assert all(p.roles for p in people)
    for phrase, country in [("Israeli", "ISR"), ("Emirati", "ARE"), ("North Korean", "PRK"),
                            ("Palestine", "PSE"), ("Kosovo", "XKX"), ("Taiwan", "TWN")]:
        assert kb.lookup(words(phrase))[0].country == country


def test_load_is_cached_fast_and_small():
    builtin_layer.cache_clear()
    from casus.resolve import kb as module

    module._load.cache_clear()
    tracemalloc.start()
    began = time.perf_counter()
    ActorKB.load()
    cold = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    began = time.perf_counter()
    ActorKB.load()
    warm = time.perf_counter() - began
    assert cold < 1.0
    assert peak < 100_000_000
    assert warm < 0.01


def test_words_normalise_like_text():
    assert words("U.S.") == ("us",)
    assert words("the Élysée") == ("elysee",)
    assert words("al-Qaeda") == ("al", "qaeda")
    assert words("HAMAS_MILITARY_COMMAND") == ("hamas", "military", "command")


def test_role_in_force_on_a_date():
    entry = Entry(name="X", kind="person", roles=(
        Role("USA", "GOV", date(2017, 1, 20), date(2021, 1, 20)),
        Role("USA", "GOV", date(2025, 1, 20), None),
    ))
    assert role_on(entry, date(2018, 1, 1)).start == date(2017, 1, 20)
    assert role_on(entry, date(2021, 1, 20)) is None  # the end day belongs to the successor
    assert role_on(entry, date(2025, 1, 20)).start == date(2025, 1, 20)
    assert role_on(entry, None).start == date(2025, 1, 20)


def test_known_leaders_change_with_the_date():
    kb = ActorKB.load()
    assert code(kb, "Keir Starmer", date(2024, 8, 1)).code == "GBRGOV"
    assert code(kb, "Rishi Sunak", date(2023, 8, 1)).code == "GBRGOV"
    assert code(kb, "Rishi Sunak", date(2024, 8, 1)).role == "OPP"
    assert code(kb, "Rishi Sunak", date(2025, 1, 1)).role == "ELI"
    assert code(kb, "Friedrich Merz", date(2025, 6, 1)).code == "DEUGOV"
    assert code(kb, "Olaf Scholz", date(2023, 6, 1)).code == "DEUGOV"
    assert code(kb, "Jens Stoltenberg", date(2024, 6, 1)).code == "IGONAT"
    assert code(kb, "Mark Rutte", date(2025, 6, 1)).code == "IGONAT"
    assert code(kb, "Yahya Sinwar", date(2024, 5, 1)).code == "PSEREB"
    assert code(kb, "Hassan Nasrallah", date(2024, 5, 1)).code == "LBNREB"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_yaml_wins_over_builtin(tmp_path):
    path = write(tmp_path, "mine.yaml", """
entities:
- {name: Israel (test), kind: country, country: XIS, code: XIS, aliases: [Israel]}
people:
- name: Zed Qux
  country: FRA
  roles:
  - {role: MIL, start: 2020-01-01, title: Chief of Staff, confirmed: 2025-01-01}
agents:
  EDU:
    group: [troops]
""")
    kb = ActorKB.load([path])
    assert code(kb, "Israel").code == "XIS"
    assert code(kb, "Zed Qux").code == "FRAMIL"
    assert code(kb, "Zed Qux").kind == "person"
    assert code(kb, "Israeli troops").code == "ISREDU"
    assert code(ActorKB.load(), "Israel").code == "ISR"  # the built-ins are untouched


def test_surname_is_the_last_word_unless_the_data_names_another(tmp_path):
    path = write(tmp_path, "names.yaml", """
people:
- {name: Zed Qux, country: FRA}
- {name: Vexa Lumo, country: CHN, surname: Vexa}
- {name: Jonathan Quill, country: GBR, surname: false}
""")
    kb = ActorKB.load([path])
    assert [p.name for p in kb.surname("qux")] == ["Zed Qux"]
    assert [p.name for p in kb.surname("vexa")] == ["Vexa Lumo"]
    assert kb.surname("lumo") == [] and kb.surname("quill") == []


def test_later_user_dictionary_wins(tmp_path):
    first = write(tmp_path, "a.yaml", "entities:\n- {name: Foo, country: AAA, role: GOV}\n")
    second = write(tmp_path, "b.yaml", "entities:\n- {name: Foo, country: BBB, role: GOV}\n")
    assert code(ActorKB.load([first, second]), "Foo").code == "BBBGOV"


@pytest.mark.parametrize("text, message", [
    ("people:\n- {name: A, roles: [{role: GOV, start: 2020-01-01, end: 2019-01-01}]}\n", "ends"),
    ("entities:\n- {name: A, colour: red}\n", "unknown fields"),
    ("actors: []\n", "top-level keys"),
    ("people:\n- {name: A, roles: [{role: GOV, start: not-a-date}]}\n", "ISO date"),
    ("entities:\n- {aliases: [x]}\n", "needs a name"),
    ("people:\n- {name: Zed Qux, surname: Quux}\n", "one word of the name"),
])
def test_bad_user_yaml_is_a_knowledge_error(tmp_path, text, message):
    with pytest.raises(KnowledgeError, match=message):
        ActorKB.load([write(tmp_path, "bad.yaml", text)])


def test_missing_or_unknown_dictionary_is_a_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot be read"):
        ActorKB.load([tmp_path / "missing.yaml"])
    with pytest.raises(KnowledgeError, match="must be"):
        ActorKB.load([write(tmp_path, "x.csv", "a,b\n")])


def test_stale_lists_open_roles_confirmed_over_a_year_ago(tmp_path):
    path = write(tmp_path, "s.yaml", """
confirmed: 2024-01-01
people:
- name: Old Open
  country: FRA
  roles: [{role: GOV, start: 2020-01-01}]
- name: Old Closed
  country: FRA
  roles: [{role: GOV, start: 2020-01-01, end: 2021-01-01}]
- name: Fresh Open
  country: FRA
  roles: [{role: GOV, start: 2020-01-01, confirmed: 2026-06-01}]
""")
    kb = ActorKB.load([path])
    mine = [r for r in stale_roles(kb, date(2026, 11, 24)) if r.source == str(path)]
    assert [r.name for r in mine] == ["Old Open"]
    assert mine[0].code == "FRAGOV"
    assert stale_roles(kb, date(2024, 6, 1), days=365) == [
        r for r in stale_roles(kb, date(2024, 6, 1)) if r.confirmed and r.confirmed < date(2023, 6, 2)
    ]


def test_function_words_and_lowercase_names_do_not_match():
    kb = ActorKB.load()
    assert find_pieces(kb, plain_words("us")) == []
    assert [p.entry.country for p in find_pieces(kb, plain_words("US"))] == ["USA"]
    assert find_pieces(kb, plain_words("chad")) == []
