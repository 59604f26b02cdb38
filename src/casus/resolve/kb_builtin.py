"""Reading our actor knowledge files: ``countries.tsv`` and the YAML entity/agent/people files.

The YAML format is the same for the built-in files and for user dictionaries (see
``casus/data/actors/README.md``): top-level keys ``confirmed`` (default confirmation date),
``entities``, ``people``, ``agents`` and ``modifiers``. Every file is validated as it is read;
a bad field raises ``KnowledgeError`` naming the file and the entry.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from casus.errors import KnowledgeError
from casus.models import parse_iso_date
from casus.resolve.kb import BUILTIN, Entry, Layer, Role, words

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TOP_KEYS = {"confirmed", "entities", "people", "agents", "modifiers"}
ENTITY_KEYS = {"name", "aliases", "kind", "country", "role", "code", "wikidata", "roles"}
PERSON_KEYS = {"name", "aliases", "country", "wikidata", "roles", "surname"}
ROLE_KEYS = {"country", "role", "code", "start", "end", "title", "leader", "confirmed"}
AGENT_FORMS = ("person", "organization", "group")
COUNTRY_COLUMNS = ["code", "name", "aliases", "adjectives", "capitals", "wikidata"]


@lru_cache(maxsize=1)
def builtin_layer() -> Layer:
    """The built-in knowledge, read once per process."""
    layer = Layer(source=BUILTIN)
    root = resources.files("casus") / "data" / "actors"
    with resources.as_file(root) as folder:
        _read_countries(folder / "countries.tsv", layer)
        for path in sorted(folder.glob("*.yaml")) + sorted((folder / "people").glob("*.yaml")):
            _read_yaml(path, layer)
    return layer


def yaml_layer(path: Path, source: str) -> Layer:
    """A user dictionary in our YAML format."""
    layer = Layer(source=source)
    _read_yaml(path, layer)
    return layer


def _read_countries(path: Path, layer: Layer) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        )
        if rows.fieldnames != COUNTRY_COLUMNS:
            raise KnowledgeError(f"{path}: columns must be {COUNTRY_COLUMNS}")
        for number, row in enumerate(rows, start=2):
            _add_country(row, layer, f"{path}:{number}")


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _add_country(row: Mapping[str, str], layer: Layer, where: str) -> None:
    code = (row.get("code") or "").strip()
    if len(code) != 3 or not code.isupper():
        raise KnowledgeError(f"{where}: country code {code!r} is not three capital letters")
    wikidata = (row.get("wikidata") or "").strip() or None
    country = Entry(name=row["name"], kind="country", country=code, code=code, wikidata=wikidata)
    layer.states.add(code)
    for phrase in [row["name"], *_split(row["aliases"]), *_split(row["adjectives"])]:
        layer.add(phrase, country)
    capitals = _split(row["capitals"])
    if capitals:
        seat = Entry(name=f"government of {row['name']}", kind="organization", country=code,
                     role="GOV", form="seat")
        for capital in capitals:
            layer.add(capital, seat)


def _read_yaml(path: Path, layer: Layer) -> None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot read actor dictionary: {exc}") from exc
    if not isinstance(data, dict) or set(data) - TOP_KEYS:
        raise KnowledgeError(f"{path}: top-level keys must be among {sorted(TOP_KEYS)}")
    source = layer.source
    confirmed = _date(data.get("confirmed"), f"{path}: confirmed")
    for item in data.get("entities") or ():
        _add_entity(_checked(item, ENTITY_KEYS, path), layer, source, confirmed)
    for item in data.get("people") or ():
        _add_person(_checked(item, PERSON_KEYS, path), layer, source, confirmed, path)
    _add_agents(data.get("agents") or {}, layer, source, path)
    for word, role in (data.get("modifiers") or {}).items():
        layer.add(str(word), Entry(name=str(word), kind="modifier", role=str(role), source=source))


def _checked(item: Any, allowed: set[str], path: Path) -> dict[str, Any]:
    if not isinstance(item, dict) or "name" not in item:
        raise KnowledgeError(f"{path}: every entry needs a name: {item!r}")
    unknown = set(item) - allowed
    if unknown:
        raise KnowledgeError(f"{path}: {item['name']}: unknown fields {sorted(unknown)}")
    return item


def _add_entity(item: dict[str, Any], layer: Layer, source: str, confirmed: date | None) -> None:
    kind = item.get("kind", "organization")
    where = f"{source}: {item['name']}"
    if kind not in ("organization", "country", "group"):
        raise KnowledgeError(f"{where}: kind {kind!r} is not allowed")
    roles = tuple(_role(r, item.get("country"), confirmed, where) for r in item.get("roles", ()))
    entry = Entry(
        name=str(item["name"]),
        kind=kind,
        country=item.get("country"),
        role=item.get("role"),
        code=item.get("code"),
        wikidata=item.get("wikidata"),
        roles=roles,
        source=source,
    )
    for phrase in (entry.name, *item.get("aliases", ())):
        layer.add(str(phrase), entry)


def _add_person(
    item: dict[str, Any], layer: Layer, source: str, confirmed: date | None, path: Path
) -> None:
    where = f"{path}: {item['name']}"
    country = item.get("country")
    roles = tuple(_role(r, country, confirmed, where) for r in item.get("roles") or ())
    entry = Entry(
        name=str(item["name"]),
        kind="person",
        country=country or (roles[0].country if roles else None),
        wikidata=item.get("wikidata"),
        roles=roles,
        form="person",
        source=source,
        surname=_surname(item, where),
    )
    layer.add_person(entry, [str(a) for a in item.get("aliases", ())])


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "emir", "sultan"})


def _surname(item: dict[str, Any], where: str) -> str | None:
    """The word that names the person alone: ``surname: false`` for none, a word of the name for
    a family name written first ("Xi"), else the name's last word when it has several."""
    key = words(str(item["name"]))
    given = item.get("surname", True)
    if given is True:
        # "Ferdinand Marcos Jr." is Marcos alone, not "Jr."; "King Abdullah II" has no family
        # name news uses alone.
        bare = [w for w in key if w not in NAME_SUFFIXES]
        return bare[-1] if len(bare) > 1 and bare[0] not in ROYAL_TITLES else None
    if given is False:
        return None
    if not isinstance(given, str) or words(given) not in [(w,) for w in key]:
        raise KnowledgeError(f"{where}: `surname` is false or one word of the name, not {given!r}")
    return words(given)[0]


def _role(raw: Any, country: str | None, confirmed: date | None, where: str) -> Role:
    if not isinstance(raw, dict) or set(raw) - ROLE_KEYS or "role" not in raw:
        raise KnowledgeError(f"{where}: a role needs `role` and only {sorted(ROLE_KEYS)}: {raw}")
    start, end = _date(raw.get("start"), where), _date(raw.get("end"), where)
    if start and end and end < start:
        raise KnowledgeError(f"{where}: role ends ({end}) before it starts ({start})")
    return Role(
        country=raw.get("country", country),
        role=str(raw["role"]),
        start=start,
        end=end,
        title=raw.get("title"),
        leader=bool(raw.get("leader", False)),
        confirmed=_date(raw.get("confirmed"), where) or confirmed,
        code=raw.get("code"),
    )


def _date(value: Any, where: str) -> date | None:
    try:
        return parse_iso_date(value)
    except (TypeError, ValueError) as exc:
        raise KnowledgeError(f"{where}: {value!r} is not an ISO date") from exc


def _add_agents(agents: Mapping[str, Any], layer: Layer, source: str, path: Path) -> None:
    for role, forms in agents.items():
        if not isinstance(forms, dict) or set(forms) - set(AGENT_FORMS):
            raise KnowledgeError(f"{path}: agents.{role} must map {AGENT_FORMS} to noun lists")
        for form, nouns in forms.items():
            for noun in nouns or ():
                _add_agent(str(noun), str(role), form, layer, source)


def _add_agent(noun: str, role: str, form: str, layer: Layer, source: str) -> None:
    singular = Entry(name=noun, kind="agent", role=role, form=form, source=source)
    layer.add(noun, singular, case_sensitive=False)
    if form != "group":
        plural = Entry(name=noun, kind="agent", role=role, form="group", source=source)
        for variant in plurals(noun):
            layer.add(variant, plural, case_sensitive=False)


def plurals(noun: str) -> Iterable[str]:
    """Regular English plurals of a (possibly multi-word) agent noun."""
    parts = noun.split(" ")
    at = parts.index("of") - 1 if "of" in parts[1:] else len(parts) - 1
    parts[at] = _plural_word(parts[at])
    yield " ".join(parts)


def _plural_word(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
