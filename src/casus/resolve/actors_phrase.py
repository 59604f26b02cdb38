"""Coding one noun phrase from its words: find the knowledge-base pieces, then combine them.

A phrase such as "Israeli Prime Minister Benjamin Netanyahu" or "Iranian-backed Houthi rebels"
is read left to right, taking the longest known phrase at each word. The pieces combine by
fixed rules (see ``combine``): a known person wins; a possessor gives the country ("Trump's
envoy"); a named organisation keeps its code; otherwise a country or region plus the agent noun
gives country + role ("Israeli troops" -> ISR MIL). A country followed by "-backed" is a
sponsor, not the actor, and is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span

from casus.extract.lexicon import load_lexicon
from casus.models import Actor
from casus.nlp import Tokens, token_table
from casus.resolve.kb import ActorKB, Entry, fold, norm_word, role_on
from casus.resolve.petrarch import split_code

NAMED = ("person", "organization", "country", "group")
SPONSOR_WORDS = frozenset({
    "backed", "sponsored", "supported", "funded", "aligned", "allied", "trained", "armed",
    "affiliated", "linked", "inspired", "friendly", "leaning"
})
STANCE_WORDS = frozenset({"pro", "anti"})
# Lower-case words inside personal names ("Abu Bakr al-Baghdadi", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "ben", "de", "da", "di", "du", "la", "le", "van", "von",
    "der", "den", "dos", "das"
})
# "English-speaking lawyers", "Russian-language media": a language, not a nationality.
LANGUAGE_WORDS = frozenset({"speaking", "language"})
PROXY_NOUNS = frozenset({"group", "groups", "faction", "factions", "proxy", "proxies", "movement",
                         "forces", "outfit", "outfits"})
FUNCTION_POS = frozenset({"PRON", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PART"})
DOMINANT_ROLES = frozenset({"OPP", "ELI"})
UNKNOWN_COUNTRY = "---"
_HYPHEN = re.compile(r"[-\u2010-\u2015]")
_DROP = re.compile(r"[.'\u2019`]")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


class Word(NamedTuple):
    """One word of a phrase; a spaCy token may give several (hyphen-split). A named tuple
    rather than a dataclass: phrases are read word by word, and it is built three times
    faster."""

    norm: str
    cased: str
    raw: str
    token: int
    hyphen: bool = False
    pos: str = ""
    ent: str = ""
    barrier: bool = False
    possessive: bool = False


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    entries: tuple[Entry, ...]
    text: str

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass(frozen=True, slots=True)
class Coding:
    """What a phrase codes to, and what it was built from (``basis``: person, entity,
    country, agent or none)."""

    actor: Actor
    basis: str
    pieces: tuple[Piece, ...] = ()
    sponsored: bool = False


class _TokenWords(NamedTuple):
    """The words one token gives (the first one marked ``hyphen`` after a lone hyphen token);
    a hyphen pending from before carries past the token when ``keeps``, and one starts after
    it when ``sets``."""

    words: tuple[Word, ...]
    keeps: bool
    sets: bool


def token_words(tokens: Sequence) -> list[Word]:
    """Words of a run of spaCy tokens (a Span or a list of Tokens): hyphenated tokens split,
    punctuation kept as barriers."""
    if isinstance(tokens, Span):
        doc, positions = tokens.doc, range(tokens.start, tokens.end)
    elif tokens:
        doc, positions = tokens[0].doc, [tok.i for tok in tokens]
    else:
        return []
    known = _document_words(doc)
    out: list[Word] = []
    pending_hyphen = False
    for i in positions:
        found = known.get(i)
        if found is None:
            found = known[i] = _words_of(doc, i)
        if pending_hyphen and found.words:
            out.append(found.words[0]._replace(hyphen=True))
            out.extend(found.words[1:])
        else:
            out.extend(found.words)
        pending_hyphen = (pending_hyphen and found.keeps) or found.sets
    return out


def _document_words(doc) -> dict[int, _TokenWords]:
    """The words of each token read so far in this document: phrases overlap and are read
    several times over (the phrase, its possessor, its attached phrases)."""
    known = doc.user_data.get("casus.words")
    if known is None:
        known = doc.user_data["casus.words"] = {}
    return known


def _words_of(doc, i: int) -> _TokenWords:
    table = token_table(doc)
    text = table.text[i]
    if table.tag[i] == "POS" or text.lower() in ("'s", "\u2019s", "'"):
        word = Word("", "", text, i, barrier=True, possessive=True)
        return _TokenWords((word,), True, False)
    if table.tag[i] == "PRP$":  # "its", "his": the possessor is the pronoun itself
        word = Word(table.lower[i], "", text, i, barrier=True, possessive=True)
        return _TokenWords((word,), True, False)
    if _HYPHEN.fullmatch(text):
        return _TokenWords((), True, True)
    if table.punct[i]:
        word = Word("", "", text, i, barrier=True)
        return _TokenWords((word,), True, False)
    ent = "PERSON+" if _in_long_person(table, i) else table.ent_type[i]
    pos = table.pos[i]
    parts = _spellings(text)
    words = tuple(Word(norm, cased, part, i, hyphen=j > 0, pos=pos, ent=ent)
                  for j, (norm, cased, part) in enumerate(parts))
    return _TokenWords(words, not parts, text.endswith("-"))


@lru_cache(maxsize=65536)  # news repeats its words: each spelt once, not once per token
def _spellings(text: str) -> tuple[tuple[str, str, str], ...]:
    """The hyphen-split parts of a token's text, each as (norm, cased, raw)."""
    return tuple((norm_word(part), _DROP.sub("", fold(part)), part)
                 for part in _HYPHEN.split(text) if part)


def _in_long_person(table: Tokens, i: int) -> bool:
    """Inside a PERSON name of several tokens ("Michael Jordan"), where a country is no actor;
    not a span the tagger called a person that runs on in lower case ("Kazakh anti-corruption
    officers")."""
    if table.ent_type[i] != "PERSON":
        return False
    start = i
    while start > 0 and table.ent_iob[start] == "I":
        start -= 1
    end = i + 1
    while end < len(table.text) and table.ent_iob[end] == "I":
        end += 1
    if end - start < 2:
        return False
    return all(word[:1].isupper() or not word[:1].isalpha() or word in NAME_PARTICLES
               for word in table.text[start:end])


def find_pieces(kb: ActorKB, ws: Sequence[Word]) -> list[Piece]:
    """Longest known phrases, left to right."""
    norms = tuple(w.norm for w in ws)
    pieces: list[Piece] = []
    i = 0
    while i < len(ws):
        piece = _longest_at(kb, ws, norms, i)
        if piece:
            pieces.append(piece)
            i = piece.end
        else:
            i += 1
    return pieces


def _longest_at(kb: ActorKB, ws: Sequence[Word], norms: tuple[str, ...], i: int) -> Piece | None:
    for length in range(_reach(kb, ws, norms, i), 0, -1):
        seg = ws[i : i + length]
        key = norms[i : i + length]
        cased = (seg[0].cased,) if length == 1 else None
        found = kb.lookup(key, cased)
        entries = [e for e in found if _plausible(e, seg)] if found else []
        if (not entries and length == 1 and seg[0].pos == "PROPN" and seg[0].raw[:1].isupper()
                and not _inside_name(ws, i)):
            entries = kb.surname(seg[0].norm)  # "Trump administration", "Starmer"
        if entries:
            text = " ".join(w.raw for w in seg)
            return Piece(i, i + length, tuple(entries), text)
    return None


def _reach(kb: ActorKB, ws: Sequence[Word], norms: tuple[str, ...], i: int) -> int:
    """The most words from ``i`` worth looking up: no barrier among them, at most
    ``kb.max_phrase``, and beyond one word only as far as a known phrase begins so."""
    end = i
    stop = min(len(ws), i + kb.max_phrase)
    while end < stop and not ws[end].barrier:
        end += 1
    if end == i:
        return 0
    return max(1, kb.reach(norms[i:end]))


def _inside_name(ws: Sequence[Word], i: int) -> bool:
    """The word is part of a longer personal name the knowledge base does not know
    ("Mahmoud Hussein", "Salih Muslim"): not a known surname standing alone."""
    return ws[i].ent == "PERSON+"


def _plausible(entry: Entry, seg: Sequence[Word]) -> bool:
    if len(seg) == 1 and seg[0].pos in FUNCTION_POS and seg[0].raw.islower():
        return False  # "us", "it", "is": function words, not the US or Italy
    if entry.kind in NAMED and not any(w.raw[:1].isupper() for w in seg):
        return False  # names are capitalised in running text
    return not (entry.kind == "country" and len(seg) == 1 and seg[0].ent == "PERSON+")


def _drop_name_parts(kb: ActorKB, ws: Sequence[Word], pieces: list[Piece],
                     trace: list[str]) -> list[Piece]:
    """A region word followed by a capitalised word that nothing in the knowledge base
    covers is the start of a longer name ("West Bengal", "Middle East Eye"), not the region."""
    starts = {p.start for p in pieces}
    ends = {p.end for p in pieces}
    kept = []
    for piece in pieces:
        after = ws[piece.end] if piece.end < len(ws) else None
        before = ws[piece.start - 1] if piece.start > 0 else None
        region = piece.entry.kind == "country" and piece.entry.country not in kb.states
        if (region and after is not None and not after.barrier and not after.hyphen
                and after.raw[:1].isupper() and piece.end not in starts):
            trace.append(f"'{piece.text} {after.raw}' is a name: '{piece.text}' is no region here")
            continue
        if piece.entry.kind == "person" and all(w.ent == "DATE" for w in ws[piece.start : piece.end]):
            trace.append(f"'{piece.text}' is part of a date, not a name")  # "the May 31 election"
            continue
        if (piece.end - piece.start > 1 and before is not None and before.pos == "PROPN"
                and before.raw[:1].isupper() and not before.barrier and not before.possessive
                and piece.start not in ends and piece.entry.kind in ("organization", "country")):
            # "the Liberal Democratic Party", "the Social Democratic Party": a longer name
            # the knowledge base does not know; what it is comes from its last words.
            trace.append(f"'{before.raw} {piece.text}' is a longer name: not '{piece.text}'")
            inner = find_pieces(kb, ws[piece.start + 1 : piece.end])
            kept.extend(replace(p, start=p.start + piece.start + 1, end=p.end + piece.start + 1)
                        for p in inner)
            continue
        kept.append(piece)
    return kept


def _drop_languages(ws: Sequence[Word], pieces: list[Piece], trace: list[str]) -> list[Piece]:
    """Remove a people's name that names their language ("English-speaking lawyers"): the
    actor is of no state by it, and may take one from where it is."""
    kept = []
    for piece in pieces:
        after = ws[piece.end] if piece.end < len(ws) else None
        if after is not None and after.hyphen and after.norm in LANGUAGE_WORDS:
            trace.append(f"'{piece.text}' names a language ('{after.raw}'), not a nationality")
            continue
        kept.append(piece)
    return kept


def drop_sponsors(ws: Sequence[Word], pieces: list[Piece], trace: list[str],
                  kb: ActorKB | None = None) -> list[Piece]:
    """Remove named pieces that only qualify the actor: "Iranian-backed", "pro-Russian". A
    possessor opening the sponsor's words is the actor's own ("Sudan's army-backed
    government" is Sudan's government)."""
    kept = []
    for piece in pieces:
        after = ws[piece.end] if piece.end < len(ws) else None
        before = ws[piece.start - 1] if piece.start > 0 else None
        sponsor = after is not None and after.hyphen and after.norm in SPONSOR_WORDS
        stance = before is not None and before.norm in STANCE_WORDS and ws[piece.start].hyphen
        if piece.entry.kind in NAMED and (sponsor or stance):
            word = after.raw if sponsor else before.raw
            trace.append(f"'{piece.text}' qualifies the actor ('{word}'), it is not the actor")
            owner = ws[piece.start]
            if (kb is not None and sponsor and piece.end - piece.start > 1
                    and (owner.possessive or owner.raw.endswith("'s"))):
                bare = owner.raw.removesuffix("'s")
                owner = owner._replace(norm=norm_word(bare), cased=bare, raw=bare,
                                       possessive=False)
                found = [p for p in find_pieces(kb, [owner]) if p.entry.kind == "country"]
                if found:
                    trace.append(f"'{owner.raw}' before the sponsor is the actor's own")
                kept.extend(replace(p, start=p.start + piece.start, end=p.end + piece.start)
                            for p in found)
            continue
        kept.append(piece)
    return kept


def pick_entry(piece: Piece, day: date | None) -> Entry:
    """Among same-named entries, prefer a person who holds a role on the day."""
    for entry in piece.entries:
        if entry.kind == "person" and role_on(entry, day) is not None:
            return entry
    return piece.entry


def person_actor(entry: Entry, text: str, day: date | None, trace: list[str]) -> Actor:
    """A known person, coded by the role in force on the day (ELI once every role has ended)."""
    role = role_on(entry, day)
    if role is not None:
        when = f"on {day}" if day else "latest"
        trace.append(f"{entry.name}: role {role.role} ({role.title or 'untitled'}) {when} "
                     f"[{role.start or '...'}..{role.end or ''}] from {entry.source}")
        code = role.code or _join(role.country, role.role)
        return _actor(text, entry, role.country, role.role, code)
    ended = [r for r in entry.roles if r.end and day and r.end <= day]
    if ended:
        last = max(ended, key=lambda r: r.end)
        trace.append(f"{entry.name}: every role ended by {day} (last {last.role} until "
                     f"{last.end}): former official, ELI")
        return _actor(text, entry, last.country, "ELI", _join(last.country, "ELI"))
    trace.append(f"{entry.name}: no role on {day}; country only")
    code = entry.code or (entry.country or "")
    country, agent = split_code(code) if entry.petrarch else (entry.country, entry.role)
    return _actor(text, entry, country, agent, code)


def _actor(text: str, entry: Entry, country, role, code: str) -> Actor:
    kind = entry.kind if entry.kind in ("person", "organization", "country", "group") else "group"
    return Actor(text=text, name=entry.name, country=country, role=role, code=code,
                 kind=kind, wikidata=entry.wikidata)


def _join(country: str | None, role: str | None) -> str:
    if not role:
        return country or ""
    return (country or UNKNOWN_COUNTRY) + role


def entity_code(entry: Entry, day: date | None) -> tuple[str | None, str | None, str]:
    """Country, role and code of a named organisation or country on the day."""
    role = role_on(entry, day)
    if role is not None and role.code:
        country, agent = split_code(role.code)
        return country, agent, role.code
    if role is not None:
        return role.country, role.role, _join(role.country, role.role)
    if entry.petrarch:
        country, agent = split_code(entry.code or "")
        return country, agent, entry.code or ""
    return entry.country, entry.role, entry.code or _join(entry.country, entry.role)


def choose_role(agents: Sequence[Entry], modifiers: Sequence[Entry]) -> Entry | None:
    """The agent that names the actor's role: the head (last) agent, unless the head is a
    generic GOV noun ("officials", "leader") after a more specific one ("military officials")
    or a dominant role (opposition) appears anywhere."""
    if not agents:
        return None
    for agent in agents:
        if agent.role in DOMINANT_ROLES:
            return agent
    head = agents[-1]
    if head.role == "GOV":
        for agent in agents[:-1]:
            if agent.role and agent.role != "GOV":
                return agent
    return head


def petrarch_code(base: str, agents: Sequence[Entry], former: bool) -> str:
    """PETRARCH composition: prefix agents, the actor code, suffix agents, ELI when former."""
    prefixes = "".join(a.code or a.role or "" for a in agents if a.prefix)
    code = base or UNKNOWN_COUNTRY
    chunks = {code[i : i + 3] for i in range(0, len(code), 3)}
    for suffix in [a.code or a.role or "" for a in agents if not a.prefix] + (
        ["ELI"] if former else []
    ):
        if suffix and suffix not in chunks:
            code += suffix
            chunks.add(suffix)
    return prefixes + code


# Titles any side's people carry ("the RSF's leader", "a Hamas official"): they name no office
# of a past day.
GENERIC_TITLES = frozenset(("leader", "chief", "head", "official", "senior official",
                            "spokesman", "spokeswoman", "spokesperson"))
# Roles of people who hold no state office: their forces and aides are of the same kind.
OUT_OF_STATE_ROLES = frozenset(("REB", "INS", "UAF", "OPP", "PTY"))

PossessorFn = Callable[[Sequence[Word]], Actor | None]


def code_words(
    kb: ActorKB,
    ws: Sequence[Word],
    text: str,
    day: date | None,
    trace: list[str],
    possessor: PossessorFn | None = None,
) -> Coding:
    """Code a phrase's words; ``possessor`` resolves the words before a possessive "'s"."""
    cut = max((i for i, w in enumerate(ws) if w.possessive), default=None)
    head_ws = ws[cut + 1 :] if cut is not None else ws
    if head_ws and head_ws[-1].norm in _other_side_nouns():
        # "his Chinese counterpart", "its neighbour": the possessor is the other party.
        possessor = None
    owner = possessor(_owner_words(ws, cut)) if cut is not None and possessor else None
    found = _drop_name_parts(kb, head_ws, find_pieces(kb, head_ws), trace)
    found = _drop_languages(head_ws, found, trace)
    pieces = drop_sponsors(head_ws, found, trace, kb)
    sponsored = len(pieces) < len(found)
    coding = _code_pieces(pieces, head_ws, owner, text, day, trace, sponsored)
    return replace(coding, sponsored=True) if sponsored else coding


@lru_cache(maxsize=1)
def _other_side_nouns() -> frozenset[str]:
    """The extractor's ``other_side_nouns`` (frames.yaml), with their plurals as written
    ("counterparts", "allies")."""
    nouns = load_lexicon().other_side_nouns
    return nouns | {n[:-1] + "ies" if n.endswith("y") else n + "s" for n in nouns}


def _code_pieces(pieces, head_ws, owner, text, day, trace, sponsored) -> Coding:
    """Combine the pieces left once sponsors are dropped (see the module docstring)."""
    for piece in pieces:
        trace.append(f"'{piece.text}' -> {describe(piece.entry)}")
    agents = [p.entry for p in pieces if p.entry.kind == "agent"]
    if any(a.petrarch for a in agents):
        agents = [a for a in agents if a.petrarch]
    former = any(p.entry.kind == "modifier" and p.entry.role == "ELI" for p in pieces)
    named = [p for p in pieces if p.entry.kind in NAMED]
    petr = any(p.entry.petrarch for p in pieces) or bool(owner and _is_petrarch_code(owner))
    label = _label(text)
    people = [p for p in named if any(e.kind == "person" for e in p.entries)]
    if people and not _modifies(people[0], pieces):
        return _with_person(pick_entry(people[0], day), text, agents, former, day, trace, pieces)
    if people and owner is None:
        owner = person_actor(pick_entry(people[0], day), people[0].text, day, trace)
        trace.append(f"'{people[0].text}' qualifies the agent after it")
    orgs = [p for p in named if p.entry.kind == "organization"
            and not (p.entry.form == "seat" and agents)]
    if owner is not None and owner.code and orgs and owner.kind == "country":
        trace.append(f"'{orgs[0].text}' names the actor; '{owner.text}' only says whose it is")
    elif owner is not None and owner.code:
        return _with_owner(owner, label, text, agents, former, petr, trace, pieces)
    if orgs:
        return _with_entity(orgs[0].entry, text, agents, former, petr, day, trace, pieces)
    if named:
        return _with_country(named[0].entry, text, label, agents, former, petr, day, trace, pieces)
    if agents or former:
        return _with_agents(text, label, agents, former, petr, trace, pieces)
    if sponsored and head_ws and head_ws[-1].norm in PROXY_NOUNS:
        trace.append(f"a sponsored '{head_ws[-1].raw}' is an armed group: ---REB")
        return Coding(Actor(text=text, name=label, role="REB", code=UNKNOWN_COUNTRY + "REB",
                            kind="group"), "agent", tuple(pieces))
    return Coding(Actor(text=text, name=text), "none", tuple(pieces))


def named_with_apostrophe(kb: ActorKB, ws: Sequence[Word]) -> Sequence[Word]:
    """A name whose apostrophe is no possessive ("Workers' Party of Korea", "People's
    Protection Units"): the words without it, when the knowledge base knows them whole."""
    bare: list[Word] = []
    gaps = []  # where a mark sat in ``bare``: inside the word before it, or before bare[at]
    for w in ws:
        if not (w.possessive and not w.norm and bare):
            bare.append(w)
        elif w.raw.lower() in ("'s", "\u2019s"):  # "People's" is indexed as "peoples"
            last = bare[-1]
            bare[-1] = last._replace(norm=last.norm + "s", cased=last.cased + "s",
                                     raw=last.raw + w.raw)
            gaps.append(len(bare))
        else:
            gaps.append(len(bare))
    if not gaps:
        return ws
    spanning = [p for p in find_pieces(kb, bare) if p.entry.kind in NAMED
                and any(p.start < at < p.end for at in gaps)]
    if not spanning:
        return ws
    # "South Sudan's army": a longer name that the possessor begins earlier ("South Sudan")
    # wins over one that starts inside it ("Sudan's army"). Before the first mark the two
    # word lists share their positions.
    first = spanning[0]
    if any(q.entry.kind in NAMED and q.start < first.start < q.end
           for q in find_pieces(kb, ws[: gaps[0]])):
        return ws
    return bare


def _owner_words(ws: Sequence[Word], cut: int) -> list[Word]:
    """The possessor before a possessive marker, or the possessive pronoun itself."""
    if ws[cut].norm:
        return [ws[cut]]
    begin = max((i + 1 for i in range(cut) if ws[i].barrier), default=0)
    return list(ws[begin:cut])


def _modifies(person: Piece, pieces: Sequence[Piece]) -> bool:
    """A person followed by an agent noun names whose it is ("the Trump administration")."""
    return any(p.start >= person.end and p.entry.kind == "agent" for p in pieces)


def describe(entry: Entry) -> str:
    what = entry.code or _join(entry.country, entry.role) or entry.role or ""
    origin = "" if not entry.is_user else f" (user: {entry.source})"
    return f"{entry.kind} {entry.name!r} {what}{origin}".rstrip()


def _label(text: str) -> str:
    return _ARTICLE.sub("", text.strip())


def _is_petrarch_code(actor: Actor) -> bool:
    return bool(actor.code) and actor.code != _join(actor.country, actor.role)


def _with_person(entry, text, agents, former, day, trace, pieces) -> Coding:
    actor = person_actor(entry, text, day, trace)
    titled = None if former else _titled_role(entry, agents, day)
    if titled is not None:
        trace.append(f"the mention calls {entry.name} '{titled.title or titled.role}', an office "
                     f"held from {titled.start or '...'}: the text speaks of that time")
        code = titled.code or _join(titled.country, titled.role)
        return Coding(_actor(text, entry, titled.country, titled.role, code), "person",
                      tuple(pieces))
    if former and actor.role != "ELI":
        trace.append("'former': ELI")
        actor = _replace(actor, role="ELI", code=_join(actor.country, "ELI"))
    elif not actor.role and agents:
        agent = choose_role(agents, ())
        trace.append(f"no role known on the day; title gives {agent.role}")
        actor = _replace(actor, role=agent.role, code=_join(actor.country, agent.role))
    return Coding(actor, "person", tuple(pieces))


def _titled_role(entry: Entry, agents: Sequence[Entry], day: date | None):
    """The role a title in the mention names ("President Bush", "Secretary of State Hillary
    Clinton") when the person holds another role, or none, on the day: a text that gives the
    title was written while it was held, whatever date it carries. The latest such role
    begun by the day wins, else the first one after it (a date given for a whole batch)."""
    wanted = {a.role for a in agents if a.role and not a.petrarch and a.name not in GENERIC_TITLES}
    current = role_on(entry, day)
    if not wanted or (current is not None and current.role in wanted):
        return None
    matching = [r for r in entry.roles if r.role in wanted]
    begun = [r for r in matching if day is None or r.start is None or r.start <= day]
    if begun:
        return max(begun, key=lambda r: r.start or date.min)
    return min(matching, key=lambda r: r.start or date.min) if matching else None


def _with_owner(owner, label, text, agents, former, petr, trace, pieces) -> Coding:
    trace.append(f"possessor '{owner.text}' -> {owner.code}")
    agent = choose_role(agents, ())
    if owner.kind == "organization" and owner.role not in (None, "GOV") or owner.country == "IGO":
        trace.append("an organisation's own member keeps its code and name")
        return Coding(_replace(owner, text=text), "entity", tuple(pieces))
    role = "ELI" if former else (agent.role if agent else owner.role)
    if owner.kind == "person" and owner.role in OUT_OF_STATE_ROLES and role in ("MIL", "GOV"):
        # "the RSF leader ... said his forces had captured Dilling", "the opposition MP and two
        # of his aides": a rebel leader's forces are rebels, an opposition figure's aides the
        # opposition, not an army or a government.
        role = owner.role
    if petr:
        code = petrarch_code(owner.code[:3], agents, former)
        country, role = split_code(code)
    else:
        country, code = owner.country, _join(owner.country, role)
    kind = agent.form if agent else owner.kind
    return Coding(Actor(text=text, name=label, country=country, role=role, code=code, kind=kind),
                  "country", tuple(pieces))


def _with_entity(entry, text, agents, former, petr, day, trace, pieces) -> Coding:
    country, role, code = entity_code(entry, day)
    if petr and (agents or former):
        code = petrarch_code(code, agents, former)
        country, role = split_code(code)
    elif former:
        trace.append("'former': ELI")
        role, code = "ELI", _join(country, "ELI")
    return Coding(Actor(text=text, name=entry.name, country=country, role=role, code=code,
                        kind=entry.kind, wikidata=entry.wikidata), "entity", tuple(pieces))


def _with_country(entry, text, label, agents, former, petr, day, trace, pieces) -> Coding:
    country, role, code = entity_code(entry, day)
    agent = choose_role(agents, ())
    if petr:
        code = petrarch_code(code, agents, former)
        country, role = split_code(code)
    elif former or agent:
        role = "ELI" if former else agent.role
        code = _join(country, role)
    if not (agents or former):
        return Coding(Actor(text=text, name=entry.name, country=country, role=role, code=code,
                            kind="country", wikidata=entry.wikidata), "country", tuple(pieces))
    kind = agent.form if agent else "person"
    return Coding(Actor(text=text, name=label, country=country, role=role, code=code, kind=kind),
                  "country", tuple(pieces))


def _with_agents(text, label, agents, former, petr, trace, pieces) -> Coding:
    agent = choose_role(agents, ())
    if petr:
        code = petrarch_code("", agents, former)
        country, role = split_code(code)
    else:
        country, role = None, "ELI" if former else agent.role
        code = _join(None, role)
    kind = agent.form if agent else "person"
    trace.append(f"no country in the phrase: {code}")
    return Coding(Actor(text=text, name=label, country=country, role=role, code=code, kind=kind),
                  "agent", tuple(pieces))


def _replace(actor: Actor, **changes) -> Actor:
    return replace(actor, **changes)
