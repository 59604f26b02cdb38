"""Place resolution: JSONL cases through the real parser and gazetteer, plus disambiguation on
a tiny hand-built gazetteer and the index's round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.errors import KnowledgeError
from casus.models import EventCandidate, Mention, Parsed, Place
from casus.resolve import gazetteer as gazetteer_module
from casus.resolve.gazetteer import Entry, Gazetteer, cache_dir, cache_path, name_key
from casus.resolve.places import Context, PlaceResolver, _choose

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "place_cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver(Gazetteer.load())


def anchor_index(doc, word: str, nth: int = 0) -> int:
    """The token index of the nth token spelled ``word``: the event's anchor in a case."""
    found = [t.i for t in doc if t.text == word]
    assert len(found) > nth, f"{word!r} not in {doc.text!r}"
    return found[nth]


def candidate_at(parsed: Parsed, index: int, source: Mention | None = None,
                 target: Mention | None = None, cameo: str = "010") -> EventCandidate:
    token = parsed.doc[index]
    sentence = token.sent
    return EventCandidate(
        doc_id=parsed.document.id, sentence_index=0, sentence_start=sentence.start_char,
        sentence_end=sentence.end_char, trigger=token.text, trigger_start=token.idx,
        trigger_end=token.idx + len(token), anchor=index, cameo=cameo, mode="asserted",
        confidence=1.0, source=source, target=target,
    )


def word_mention(parsed: Parsed, word: str) -> Mention:
    """The event's target, given in a case as one word of the text."""
    index = anchor_index(parsed.doc, word)
    token = parsed.doc[index]
    return Mention(text=word, start=token.idx, end=token.idx + len(token), head=index)


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_place_case(parsed, resolver, case):
    item = parsed(case["text"])
    target = word_mention(item, case["target"]) if "target" in case else None
    source = word_mention(item, case["source"]) if "source" in case else None
    candidate = candidate_at(item, anchor_index(item.doc, case["anchor"]), source=source,
                             target=target, cameo=case.get("cameo", "010"))
    place = resolver.for_document(item).locate(candidate)
    expected = case["location"]
    if expected is None:
        assert place is None, case["note"]
        return
    assert place is not None, case["note"]
    for key, value in expected.items():
        assert getattr(place, key) == value, f"{key}: {case['note']}"
    if place.feature in {"city", "country", "region"} and place.country:
        assert place.lat is not None and place.lon is not None


@pytest.mark.model
def test_a_toponym_that_is_the_candidates_actor_is_not_its_place(parsed, resolver):
    item = parsed("Troops entered Gaza.")
    gaza = anchor_index(item.doc, "Gaza")
    target = Mention(text="Gaza", start=item.doc[gaza].idx, end=item.doc[gaza].idx + 4, head=gaza)
    places = resolver.for_document(item)
    entered = anchor_index(item.doc, "entered")
    assert places.locate(candidate_at(item, entered)) is not None
    assert places.locate(candidate_at(item, entered, source=target)) is None


@pytest.mark.model
def test_places_from_another_sentence_do_not_leak(parsed, resolver):
    item = parsed("Leaders met in Paris. Protesters marched.")
    places = resolver.for_document(item)
    assert places.locate(candidate_at(item, anchor_index(item.doc, "met"))).name == "Paris"
    assert places.locate(candidate_at(item, anchor_index(item.doc, "marched"))) is None


# A tiny gazetteer: the disambiguation rules without GeoNames.

def _entry(name, country, feature, source, population=0, capital=False, primary=True):
    place = Place(name=name, country=country, lat=0.0, lon=0.0, feature=feature)
    return Entry(place=place, source=source, population=population, primary=primary,
                 capital=capital)


GEORGIA_COUNTRY = _entry("Georgia", "GEO", "country", "country", 3_700_000)
GEORGIA_STATE = _entry("Georgia", "USA", "region", "state")
TINY = [
    ("Georgia", GEORGIA_COUNTRY), ("Georgia", GEORGIA_STATE),
    ("Atlanta", _entry("Atlanta", "USA", "city", "city", 500_000)),
    ("Tbilisi", _entry("Tbilisi", "GEO", "city", "city", 1_000_000, capital=True)),
    ("Washington", _entry("Washington", "USA", "city", "city", 690_000, capital=True)),
    ("Lebanon", _entry("Lebanon", "LBN", "country", "country", 6_800_000)),
    ("Lebanon", _entry("Lebanon", "USA", "city", "city", 30_000)),
    ("Gaza", _entry("Gaza Strip", "PSE", "region", "hand")),
    ("Gaza", _entry("Gaza", "PSE", "city", "city", 410_000)),
    ("Paris", _entry("Paris", "FRA", "city", "city", 2_100_000)),
    ("Paris", _entry("Paris", "USA", "city", "city", 25_000)),
]


def _context(countries=(), domestic=()):
    from collections import Counter

    return Context(Counter(countries), Counter(domestic))


def test_tiny_gazetteer_lookup_ignores_case_accents_and_the():
    gazetteer = Gazetteer(TINY, {"Georgian": "GEO"})
    assert gazetteer.lookup("the GEORGIA") == (GEORGIA_COUNTRY, GEORGIA_STATE)
    assert gazetteer.demonym("georgians") is None
    assert gazetteer.demonym("Georgian") == "GEO"
    assert name_key("Khān Yūnis") == "khan yunis"
    assert name_key("U.S.") == "u s"


@pytest.mark.parametrize(("countries", "domestic", "expected"), [
    ((), (), "GEO"),
    (("USA",), (), "GEO"),                 # naming the US is not enough
    (("USA",), ("USA",), "USA"),           # a US sub-national place is
    (("USA", "GEO"), ("USA", "GEO"), "GEO"),
])
def test_georgia_by_domestic_context(countries, domestic, expected):
    gazetteer = Gazetteer(TINY)
    chosen = _choose(gazetteer.lookup("Georgia"), _context(countries, domestic))
    assert chosen.country == expected


def test_a_country_never_loses_to_a_town_of_its_name():
    gazetteer = Gazetteer(TINY)
    chosen = _choose(gazetteer.lookup("Lebanon"), _context(["USA"] * 5, ["USA"] * 5))
    assert chosen.country == "LBN"


def test_hand_table_wins_over_geonames_city():
    assert _choose(Gazetteer(TINY).lookup("Gaza"), _context()).name == "Gaza Strip"


def test_population_then_context_for_cities():
    gazetteer = Gazetteer(TINY)
    assert _choose(gazetteer.lookup("Paris"), _context()).country == "FRA"
    assert _choose(gazetteer.lookup("Paris"), _context(["USA"], ["USA"] * 3)).country == "USA"


@pytest.mark.model
def test_document_context_uses_capitals_as_countries_only(nlp):
    from datetime import date

    from casus.models import Document

    def locate(text):
        doc = nlp(text)
        item = Parsed(Document(id="c", text=text, published=date(2025, 1, 29)), doc)
        places = PlaceResolver(Gazetteer(TINY)).for_document(item)
        return places.locate(candidate_at(item, anchor_index(doc, "gathered")))

    assert locate("Police in Atlanta watched. Crowds gathered in Georgia.").country == "USA"
    assert locate("Washington watched. Crowds gathered in Georgia.").country == "GEO"


def test_index_round_trips_through_json(tmp_path):
    gazetteer = Gazetteer(TINY, {"Georgian": "GEO"})
    path = tmp_path / "index.json"
    gazetteer_module._write_cache(path, gazetteer.to_index())
    again = Gazetteer.from_index(json.loads(path.read_text(encoding="utf-8")))
    assert len(again) == len(gazetteer)
    for name in ("Georgia", "Gaza", "Paris", "Lebanon"):
        assert again.lookup(name) == gazetteer.lookup(name)
    assert again.demonym("Georgian") == "GEO"


def test_index_of_another_format_is_refused():
    index = Gazetteer(TINY).to_index()
    index["format"] = -1
    with pytest.raises(KnowledgeError):
        Gazetteer.from_index(index)


def test_cache_location_follows_the_environment(tmp_path):
    assert cache_dir({"CASUS_CACHE": str(tmp_path)}) == tmp_path
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "casus"
    name = cache_path({"CASUS_CACHE": str(tmp_path)}).name
    assert name.startswith(f"gazetteer-{gazetteer_module.INDEX_FORMAT}-gnc")


def test_full_gazetteer_is_loaded_once_and_knows_the_news(resolver):
    gazetteer = resolver.gazetteer
    assert Gazetteer.load() is gazetteer
    assert len(gazetteer) > 50_000
    for name, country in [("Gaza", "PSE"), ("Donbas", "UKR"), ("Crimea", "UKR"),
                          ("Strait of Hormuz", None), ("U.S.", "USA"), ("Britain", "GBR"),
                          ("Texas", "USA"), ("Jeddah", "SAU")]:
        assert any(e.place.country == country for e in gazetteer.lookup(name)), name
    assert gazetteer.demonym("Israeli") == "ISR"


@pytest.mark.parametrize("row", [
    {"name": "X", "feature": "city", "country": None, "lat": 91, "lon": 0},
    {"name": "X", "feature": "volcano", "country": None, "lat": 0, "lon": 0},
    {"name": "X", "feature": "city", "lat": 0, "lon": 0},
])
def test_bad_hand_rows_are_knowledge_errors(row):
    with pytest.raises(KnowledgeError):
        list(gazetteer_module._hand_entries([row]))
