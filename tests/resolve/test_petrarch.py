"""The PETRARCH-format reader: actor and agent dictionaries as a user layer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casus.errors import KnowledgeError
from casus.resolve.actors_phrase import Word, code_words
from casus.resolve.kb import ActorKB, words
from casus.resolve.petrarch import read_petrarch, split_code

ACTORS = """<!-- A TEST ACTOR DICTIONARY -->
<!-- spans
     two lines -->
NORTHLAND [NLD_X] # comment after a code
NORTHLAND_  [NTH]
+NORTHLANDER
+NORTHLANDISH #another
SOUTHLAND  [STH]

BIG_CHIEF_PIKE
+CHIEF_PIKE
\t[STH <950601]
\t[STHGOV 19950601 - 19990815]
#\t[STHXXX 950601-990815]  commented out
\t[STHREB > 990816]

WEST_RIVER_MILITIA [WRVREBMIL]
FEW_CODES [AAA/BBB]
OLDEN [old]
"""

AGENTS = """<!-- TEST AGENTS -->
!PEOPLE! = MAN, MEN, WOMAN
!DEPT! = MINISTER, MINISTRY

GOVERNMENT  [~GOV] # suffix
CHANCELLOR {CHANCELLORS_OF_STATE} [~GOV]
SOLDIER {} [~MIL]
GRAND!PEOPLE! [~ELD]
!DEPT!_OF_FUN [~GOVFUN]
AID_GROUP {} [NGO~]
# DROPPED [~XXX]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def phrase_words(text: str) -> list[Word]:
    return [Word(w.lower(), w, w, i) for i, w in enumerate(text.split())]


def coded(kb: ActorKB, text: str, day: date | None = date(2000, 1, 1)) -> str:
    return code_words(kb, phrase_words(text), text, day, []).actor.code


@pytest.fixture
def kb(tmp_path):
    return ActorKB.load([write(tmp_path, "a.txt", ACTORS), write(tmp_path, "b.txt", AGENTS)])


def test_actor_lines_synonyms_and_comments(tmp_path):
    layer = read_petrarch(write(tmp_path, "a.txt", ACTORS))
    assert layer.phrases[("northlander",)][0].code == "NTH"
    assert layer.phrases[("northlandish",)][0].code == "NTH"
    assert layer.phrases[("southland",)][0].code == "STH"
    assert layer.phrases[("few", "codes")][0].code == "AAA"  # first of several codes
    assert layer.phrases[("olden",)][0].code == "OLD"  # codes are upper-cased
    assert ("spans",) not in layer.phrases


def test_date_bounded_codes(kb):
    assert coded(kb, "Big Chief Pike", date(1994, 1, 1)) == "STH"
    assert coded(kb, "Big Chief Pike", date(1996, 1, 1)) == "STHGOV"
    assert coded(kb, "Chief Pike", date(2001, 1, 1)) == "STHREB"


def test_agents_suffix_prefix_plural_and_classes(kb):
    assert coded(kb, "Southland government") == "STHGOV"
    assert coded(kb, "Southland soldiers") == "STHMIL"
    assert coded(kb, "Southland chancellors of state") == "STHGOV"
    assert coded(kb, "Southland grandmen") == "STHELD"
    assert coded(kb, "Southland ministry of fun") == "STHGOVFUN"
    assert coded(kb, "Southland aid groups") == "NGOSTH"
    assert coded(kb, "soldiers") == "---MIL"
    assert coded(kb, "former Southland government") == "STHGOVELI"
    assert not kb.lookup(words("dropped"))


def test_user_petrarch_entries_win_and_split_codes(kb):
    actor = code_words(kb, phrase_words("West River Militia"), "x", None, []).actor
    assert (actor.code, actor.country, actor.role) == ("WRVREBMIL", "WRV", "REB")
    assert split_code("---GOV") == (None, "GOV")
    assert split_code("ARN") == ("ARN", None)
    assert split_code("IGOEEU") == ("IGO", None)


def test_bad_petrarch_files(tmp_path):
    with pytest.raises(KnowledgeError, match="synonym before"):
        read_petrarch(write(tmp_path, "x.txt", "+LONELY\nA [AAA]\n"))
    with pytest.raises(KnowledgeError, match="no code"):
        read_petrarch(write(tmp_path, "y.txt", "NOTHING_HERE\n"))
    with pytest.raises(KnowledgeError, match="bad date"):
        read_petrarch(write(tmp_path, "z.txt", "A\n\t[AAA >951341]\n"))


SHARED = Path("/work/shared/eval/petr_unit")


@pytest.mark.skipif(not SHARED.exists(), reason="shared evaluation files are not here")
def test_shared_validation_dictionaries_load():
    kb = ActorKB.load([SHARED / "PETR.Validate.actors.txt", SHARED / "PETR.Validate.agents.txt"])
    assert coded(kb, "Arnor") == "ARN"
    assert coded(kb, "Arnor government") == "ARNGOV"
    assert coded(kb, "Gondor diplomats") == "GONGOV"
    assert coded(kb, "Sam Gamgee", date(2010, 1, 10)) == "ORCHOB"
    assert coded(kb, "Sam Gamgee", date(2014, 1, 10)) == "HOBELI"
    assert coded(kb, "Amnesty International") == "NGM"
