"""The codebook: complete and equal to the reference tables, validated, with parent fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casus.codebook import Codebook, CodeInfo, load_codebook, parse_codebook, quad_class
from casus.errors import KnowledgeError
from casus.models import PLOVER_TYPES

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
GOLDSTEIN_TABLE = REFERENCE / "CAMEO.goldsteinscale.txt"
CROSSWALK = REFERENCE / "CAMEO2PLOVER-2021.txt"
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"reference tables not present at {REFERENCE}"
)

# Labels of older PLOVER drafts and the current type each became.
OLD_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
# Crosswalk codes that CAMEO 1.1b3 does not have (see the data README).
NOT_CAMEO = {"1213", "1214"}
HEADER = "code\tname\tgoldstein\tplover\tplover_mode\n"


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook()


def read_goldstein() -> dict[str, float]:
    lines = GOLDSTEIN_TABLE.read_text(encoding="utf-8").splitlines()[1:]
    pairs = (line.split("\t") for line in lines if line.strip())
    return {code.strip(): float(score) for code, score in pairs}


def read_crosswalk() -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for line in CROSSWALK.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            label = OLD_PLOVER.get(match[2], match[2])
            types.setdefault(match[1], set()).add(label)
    return types


def test_size_and_roots(book):
    assert len(book) == 311
    assert book.roots() == tuple(f"{n:02d}" for n in range(1, 21))
    assert book.root_name("04") == "Consult"


@needs_reference
def test_every_reference_code_present_with_its_goldstein_score(book):
    table = read_goldstein()
    assert set(table) == {info.code for info in book}
    wrong = {
        code: (book[code].goldstein, score)
        for code, score in table.items()
        if book[code].goldstein != score
    }
    assert wrong == {}


@needs_reference
def test_plover_types_agree_with_crosswalk(book):
    crosswalk = read_crosswalk()
    assert set(crosswalk) - {info.code for info in book} == NOT_CAMEO
    wrong = {
        code: (book[code].plover, types)
        for code, types in crosswalk.items()
        if code in book and book[code].plover not in types
    }
    assert wrong == {}


def test_every_code_has_a_contract_plover_type(book):
    assert {info.plover for info in book} <= set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("010", "SUPPORT", "statement"),
        ("012", "ACCUSE", ""),
        ("015", "CONCEDE", ""),
        ("016", "REJECT", ""),
        ("019", "AGREE", ""),
        ("0231", "REQUEST", "assist"),
        ("042", "CONSULT", "visit"),
        ("173", "COERCE", "arrest"),
    ],
)
def test_chosen_plover_mappings(book, code, plover, mode):
    assert (book[code].plover, book[code].plover_mode) == (plover, mode)


def test_names_are_cameo_names(book):
    assert book["010"].name == "Make statement, not specified below"
    assert book["036"].name == "Express intent to meet or negotiate"
    assert book["1124"].name == "Accuse of war crimes"


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_by_root(root, quad):
    assert quad_class(root) == quad


def test_codes_carry_their_root_and_quad_class(book):
    for info in book:
        assert info.root == info.code[:2]
        assert info.quad_class == quad_class(info.root)
    assert book["1823"] == CodeInfo(
        "1823", "Kill by physical assault", "18", 4, -10.0, "ASSAULT", ""
    )


def test_lookup_protocol(book):
    assert "036" in book
    assert "0361" not in book
    assert book.get("0361") is None
    with pytest.raises(KeyError, match="0361"):
        book["0361"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("1124", "1124"), ("1213", "121"), ("0369", "036"), ("199", "19"), ("0999", "09")],
)
def test_nearest_falls_back_to_parent_then_root(book, code, expected):
    assert book.nearest(code).code == expected


def test_nearest_unknown_root(book):
    with pytest.raises(KeyError):
        book.nearest("999")


def test_load_is_cached():
    assert load_codebook() is load_codebook()


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("03a\tX\t1.0\tAGREE\t", "digits"),
        ("21\tX\t1.0\tAGREE\t", "root"),
        ("036\tX\t11.0\tAGREE\t", "goldstein"),
        ("036\tX\tmuch\tAGREE\t", "number"),
        ("036\tX\t4.0\tDEMAND\t", "PLOVER"),
        ("036\t\t4.0\tAGREE\t", "name"),
    ],
)
def test_bad_row_names_file_and_line(tmp_path, row, why):
    path = tmp_path / "bad.tsv"
    path.write_text(
        HEADER + "03\tExpress intent to cooperate\t4.0\tAGREE\t\n" + row + "\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=rf"bad\.tsv:3: .*{why}"):
        parse_codebook(path.read_text(encoding="utf-8"), str(path))


def test_duplicate_and_missing_columns(tmp_path):
    row = "036\tExpress intent to meet or negotiate\t4.0\tAGREE\t\n"
    with pytest.raises(KnowledgeError, match=r"x\.tsv:3: duplicate"):
        parse_codebook(HEADER + row + row, "x.tsv")
    with pytest.raises(KnowledgeError, match="missing columns: plover"):
        parse_codebook("code\tname\tgoldstein\n", "x.tsv")
