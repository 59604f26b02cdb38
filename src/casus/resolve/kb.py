"""The actor knowledge base: entries, their phrase index, and the layers they come from.

Entries come from two layers. The built-in layer is read from ``casus/data/actors`` once per
process (``builtin_layer`` is cached); a user layer is built from each dictionary file the
caller names (our YAML format or PETRARCH ``.txt``), also cached per file and modification time.
Lookups ask the user layers first, newest last given first, so user entries win.

Phrases are indexed as tuples of normalised words (``words``): lower case, accents folded,
periods and apostrophes dropped, hyphens and underscores split. All-capital short aliases such as
"US", "UN" or "IS" are indexed separately and match only capitalised text, so the pronoun "us"
or the verb "is" never becomes an actor.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from casus.errors import KnowledgeError

ENTRY_KINDS = ("person", "organization", "country", "group", "agent", "modifier")
BUILTIN = "built-in"
MAX_PHRASE = 8

_SPLIT = re.compile(r"[\s\-\u2010-\u2015_/]+")
_DROP = re.compile(r"[.'\u2019`]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&]{1,7}$")


@dataclass(frozen=True, slots=True)
class Role:
    """One date-bounded position: what a person (or a PETRARCH entry) is coded as, and when.

    ``code`` is set for PETRARCH date blocks, whose codes need not split into country and role.
    ``confirmed`` is when the fact was last checked; ``casus actors stale`` lists old ones.
    """

    country: str | None
    role: str | None
    start: date | None = None
    end: date | None = None
    title: str | None = None
    leader: bool = False
    confirmed: date | None = None
    code: str | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One knowledge-base entry: a named actor, an agent noun or a modifier word.

    ``code`` is the CAMEO-style code an entity carries when it is more than country + role
    (IGOUNO) or comes from a PETRARCH dictionary. Agents carry ``role`` (built-in) or ``code``
    (PETRARCH, with ``prefix`` telling ``[NGO~]`` from ``[~GOV]``); ``form`` is the kind of
    actor an agent noun names (person, organization or group). ``surname`` is the word that
    names a person alone: the last word of the name by default ("Netanyahu"), the family name
    written first where the data says so ("Xi" for Xi Jinping), None where the word is too
    common a word or given name to stand alone ("Jonathan").
    """

    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    form: str = "group"
    prefix: bool = False
    source: str = BUILTIN
    petrarch: bool = False
    surname: str | None = None

    @property
    def is_user(self) -> bool:
        return self.source != BUILTIN


@lru_cache(maxsize=65536)  # news repeats its words; folding is per word on the hot path
def fold(text: str) -> str:
    """Strip accents so that "Élysée" and "Elysee" meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm_word(raw: str) -> str:
    return _DROP.sub("", fold(raw)).lower()


def words(phrase: str) -> tuple[str, ...]:
    """The index key of a phrase: normalised words, hyphens and underscores split, without a
    leading "the" (text is matched past its articles, so "the UN Security Council" finds the
    council rather than "the UN")."""
    key = tuple(w for w in (norm_word(p) for p in _SPLIT.split(phrase.strip())) if w)
    return key[1:] if len(key) > 1 and key[0] == "the" else key


def cased_key(phrase: str) -> tuple[str, ...] | None:
    """The case-sensitive key of an all-capital alias ("U.S." -> ("US",)), else None."""
    parts = [p for p in _SPLIT.split(phrase.strip()) if p]
    if len(parts) != 1 or not _ACRONYM.match(parts[0]):
        return None
    return (_DROP.sub("", parts[0]),)


@dataclass
class Layer:
    """The entries of one source, indexed by phrase key."""

    source: str
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    cased: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    people: list[Entry] = field(default_factory=list)
    states: set[str] = field(default_factory=set)

    def add(self, phrase: str, entry: Entry, case_sensitive: bool = True) -> None:
        key = cased_key(phrase) if case_sensitive else None
        index = self.cased if key else self.phrases
        key = key or words(phrase)
        if not key:
            return
        bucket = index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def add_person(self, entry: Entry, aliases: Iterable[str]) -> None:
        self.people.append(entry)
        for alias in (entry.name, *aliases):
            self.add(alias, entry)


class ActorKB:
    """Built-in knowledge plus user dictionaries; user entries win over built-ins.

    ``ActorKB.load()`` is cheap after the first call in a process: the built-in layer and each
    user file are parsed once and cached.
    """

    def __init__(self, layers: Sequence[Layer]):
        self.layers = tuple(layers)
        self.user_layers = tuple(layer for layer in layers if layer.source != BUILTIN)
        self.max_phrase = MAX_PHRASE
        self._surnames = _surname_index(self.layers)
        self.states = frozenset().union(*(layer.states for layer in self.layers))
        # Every leading run of words of a known phrase: a phrase lookup can stop lengthening
        # once no known phrase begins with the words so far (see ``reach``).
        self._prefixes = frozenset(
            key[:n] for layer in self.layers for key in layer.phrases
            for n in range(1, len(key) + 1)
        )

    @classmethod
    def load(cls, dictionaries: Iterable[str | Path] = ()) -> ActorKB:
        paths = tuple(str(Path(p)) for p in dictionaries)
        return _load(paths, tuple(_mtime(p) for p in paths))

    def lookup(self, key: tuple[str, ...], cased: tuple[str, ...] | None = None) -> list[Entry]:
        """Entries for a phrase; the first layer (user layers first) that knows it wins."""
        for layer in self.layers:
            found = layer.cased.get(cased) if cased else None
            found = found or layer.phrases.get(key)
            if found:
                return found
        return []

    def reach(self, key: tuple[str, ...]) -> int:
        """How many leading words of ``key`` some known phrase begins with: ``lookup`` of a
        longer part of ``key`` finds nothing (case-sensitive aliases are single words)."""
        n = 0
        while n < len(key) and key[: n + 1] in self._prefixes:
            n += 1
        return n

    def starts_phrase(self, word: str) -> bool:
        """Does some known phrase begin with this normalised word?"""
        return (word,) in self._prefixes

    def surname(self, word: str) -> list[Entry]:
        """People whose last name is this word; user-layer people first."""
        return self._surnames.get(word, [])

    def people(self) -> Iterator[Entry]:
        for layer in self.layers:
            yield from layer.people

    def holders(self, country: str, titles: Iterable[str], leader: bool, day: date | None):
        """People who hold one of these titles for this country on this day (or most lately)."""
        wanted = {t.lower() for t in titles}
        for person in self.people():
            role = role_on(person, day)
            if role is None or role.country != country:
                continue
            if day is None and role.end is not None:
                continue  # the latest role has ended: this person holds nothing now
            title = (role.title or "").lower()
            if title in wanted or (leader and role.leader):
                yield person


class StaleRole(NamedTuple):
    name: str
    code: str
    title: str | None
    start: date | None
    end: date | None
    confirmed: date | None
    source: str


def stale_roles(kb: ActorKB, as_of: date, days: int = 365) -> list[StaleRole]:
    """Roles that may have changed since they were confirmed: still open (or ending after the
    confirmation) and confirmed more than ``days`` before ``as_of`` (or never)."""
    limit = as_of - timedelta(days=days)
    found = []
    for layer in kb.layers:
        for entry in _dated_entries(layer):
            for role in entry.roles:
                unsettled = role.end is None or role.confirmed is None or role.end > role.confirmed
                if unsettled and (role.confirmed is None or role.confirmed < limit):
                    code = role.code or _code(role.country, role.role)
                    found.append(StaleRole(entry.name, code, role.title, role.start, role.end,
                                           role.confirmed, entry.source))
    return sorted(found, key=lambda r: (r.confirmed or date.min, r.name))


def _dated_entries(layer: Layer) -> Iterator[Entry]:
    seen: set[int] = set()
    for bucket in (*layer.phrases.values(), *layer.cased.values()):
        for entry in bucket:
            if entry.roles and id(entry) not in seen:
                seen.add(id(entry))
                yield entry


def _code(country: str | None, role: str | None) -> str:
    return (country or "---") + (role or "") if role else country or ""


def role_on(entry: Entry, day: date | None) -> Role | None:
    """The role in force on ``day``; with no day, the one that started last."""
    if not entry.roles:
        return None
    if day is None:
        return max(entry.roles, key=lambda r: (r.start or date.min, r.end is None))
    for role in entry.roles:
        if role.holds_on(day):
            return role
    return None


def _surname_index(layers: Sequence[Layer]) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for layer in layers:
        for person in layer.people:
            if person.surname:
                index.setdefault(person.surname, []).append(person)
    return index


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError as exc:
        raise KnowledgeError(f"{path}: actor dictionary cannot be read ({exc.strerror})") from exc


@lru_cache(maxsize=16)
def _load(paths: tuple[str, ...], mtimes: tuple[float, ...]) -> ActorKB:
    from casus.resolve.kb_builtin import builtin_layer

    del mtimes  # part of the cache key only: an edited dictionary is read again
    user = [user_layer(p) for p in reversed(paths)]
    return ActorKB([*user, builtin_layer()])


def user_layer(path: str) -> Layer:
    from casus.resolve.kb_builtin import yaml_layer
    from casus.resolve.petrarch import read_petrarch

    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return yaml_layer(Path(path), source=path)
    if suffix == ".txt":
        return read_petrarch(Path(path))
    raise KnowledgeError(f"{path}: actor dictionaries must be .yaml/.yml (ours) or .txt (PETRARCH)")

