"""Where an event happened: the toponym attached to its clause by a locative phrase.

``PlaceResolver(gazetteer).for_document(parsed)`` finds the document's toponyms once (GPE, LOC
and FAC entities, plus proper nouns in locative phrases that the gazetteer knows, such as a
"Khan Younis" the tagger took for a person), resolves each with the document as context, and
hands back ``DocumentPlaces``; ``locate(candidate)`` then picks the toponym that a locative
phrase ties to the candidate's clause, nearest first, or None.

What counts as locative: the object of in/at/near/off/outside/across/inside/into/... ("in
Jeddah", "off the island of Lesbos"), of "to" after a verb of movement ("travelled to Beijing"),
the direct object of a verb of visiting ("visit Washington"), and a toponym that names the
facility an event hits ("a Kyiv hospital"). A toponym that is a subject or object of anything
else is an actor ("Washington said"), and the wire dateline is where the story was filed: neither
is a place found in the text. An event of the week's news with no place found there takes one
from its parties (``DocumentPlaces.home``): in the lead, the dateline's city when the story was
filed in the actor's country; else the one state both sides belong to, or that of a side that
acts at home named alone; force never from an attacker of another state; and not when its
sentence names a town the gazetteer does not know ("the town of Malam Fatori"). A place in the
acting actor's own phrase ("prosecutors in Manhattan", "Atlanta police", "a Dhaka court") is
where it acts, ahead of places deeper in the clause. "In the capital" is the capital of the
country the phrase names ("the Ugandan capital"), else of the dateline's country, else of the
country the document names most. A "where" clause with no place of its own happens in the place
it describes ("marched in Athens, where riot police used tear gas"). Force or coercion used on
people caught in an act happens where they are doing it ("fired tear gas at students protesting
in Jakarta"), and the second act of a sentence, with no place of its own, where the first
happened ("... and arrested 200"). A demand, criticism, rejection, threat or sanction is not
placed where the act it answers happened ("condemned the strike on a building in Beirut").

Qualifiers are dropped: "in northern Nigeria" is Place(name="Nigeria", feature="country").

Disambiguation: a hand-table entry wins over GeoNames cities of the same name; a country wins
over cities of its name; otherwise population decides, shifted by the document's context
(countries named or implied by demonyms, and the countries of its sub-national places). Only
that second, "domestic" kind of context can turn "Georgia" from the country into the US state.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from casus.document import MONTHS, dateline_end, dateline_place
from casus.extract.coding import is_event, lexical_match
from casus.extract.lexicon import load_lexicon
from casus.models import Actor, EventCandidate, Parsed, Place
from casus.nlp import entities, hyphen_joined, span_text, token_table
from casus.resolve.clauses import MEANWHILE, attach, head_path
from casus.resolve.gazetteer import Entry, Gazetteer, name_key, population_weight

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Not "on", "over", "toward": "sanctions on Iran", "talks over Gaza" name a target or topic.
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "off", "outside", "across", "inside", "into", "throughout", "around",
    "within", "along", "onto", "aboard", "beside", "through",
})
MOVEMENT = frozenset({
    "travel", "fly", "go", "come", "return", "arrive", "head", "move", "deploy", "trip",
    "visit", "journey", "send", "dispatch", "sail", "march", "flee", "retreat", "withdraw",
})
# Event codes whose target place is also the event's place (see ``_place_as_target``).
FORCE_ROOTS = frozenset({"18", "19", "20"})
_POSTURE_ROOT = "15"  # military posturing, which happens where the forces are
# Roles that act at home: named alone, their state is where they acted (courts, police,
# parliaments, parties, opposition, unions, schools, hospitals, the public, the press).
HOME_ROLES = frozenset(("JUD", "COP", "LEG", "OPP", "PTY", "LAB", "EDU", "HLH", "CVL", "MED"))
# Acts a state's people or organs do at home, whatever their role: protest (14) and the
# coercion of a state's own writ (bans, curfews, states of emergency, arrests, expulsions,
# repression): "Germany's interior ministry banned a group". Seizing, hacking and cyber
# attacks (171, 170, 176) are done abroad too. Only the doer's state is the place, whoever
# the target: the one arrested or deported may be a foreigner ("deported 40 Venezuelans").
HOME_CODES = ("14", "172", "173", "174", "175")
# Armed forces make arrests where they operate, at home or not ("Israeli troops arrested 15
# Palestinians"): their state is no place for such acts.
ABROAD_ROLES = frozenset(("MIL",))
# Roots of answers to what someone else did (demands, criticism, rejection, threats,
# sanctions): a place in a noun of the act they answer is where that act happened, not where
# they were made. A ceasefire agreed, aid given or troops sent "in Syria" are for that place.
WORD_ROOTS = frozenset({"10", "11", "12", "13", "16"})
_DEFIANCE = "128"  # defying a ban is done where it holds: "defied a ban on rallies in Istanbul"
# Prepositions of an occasion ("at a rally in Gulu"): where what was said there was said.
_OCCASION_PREPS = frozenset(("at", "during", "in", "on"))
# Roots of coercion and force, which happen where those they are used on are.
SCENE_ROOTS = frozenset({"17", "18", "19", "20"})
VISIT_CODES = frozenset({"042", "043"})
VISITING = frozenset({"visit", "tour", "enter", "invade", "reach", "storm", "occupy"})
# Attacks whose "on" phrase is where they fell ("launched a drone attack on Kyiv").
ATTACK_NOUNS = frozenset({"attack", "strike", "airstrike", "assault", "raid", "bombardment",
                          "bombing", "shelling", "offensive"})
# Agents that serve where a place before them says ("Atlanta police", "Istanbul prosecutors").
LOCAL_AGENTS = frozenset({"police", "policeman", "prosecutor", "court", "mayor", "governor",
                          "council", "municipality"})
# Nouns that, followed by "of", introduce a place: "the island of Lesbos", "outskirts of Kyiv".
# Nouns of inhabited places whose "of" phrase names one ("the town of Malam Fatori").
SETTLEMENTS = frozenset({"city", "town", "village", "district", "settlement", "hamlet",
                         "municipality", "commune"})
PLACE_NOUNS = frozenset({
    "island", "city", "town", "village", "region", "province", "state", "outskirts", "capital",
    "port", "coast", "suburb", "district", "area", "north", "south", "east", "west", "centre",
    "center", "heart", "border", "streets", "territory", "governorate", "county", "enclave",
    "strip", "peninsula", "gulf", "strait", "sea", "shores", "waters", "edge", "part", "parts",
    "department", "municipality", "commune", "prefecture", "oblast", "canton", "neighbourhood",
    "neighborhood", "settlement", "hamlet",
})
# Nouns a toponym can modify and still say where: "a Kyiv hospital", "a Gaza school".
FACILITY_NOUNS = frozenset({
    "hospital", "school", "market", "mosque", "church", "synagogue", "camp", "airport", "port",
    "base", "building", "neighbourhood", "neighborhood", "suburb", "village", "town", "city",
    "district", "border", "street", "square", "home", "house", "plant", "facility", "prison",
    "station", "embassy", "consulate", "hotel", "university", "refinery", "bridge", "court",
    "courthouse", "stadium", "office", "headquarters", "compound", "checkpoint", "crossing",
})
# Facilities a state keeps abroad: a country that names one owns it, it is not where it stands
# ("the US embassy in London"); a city still places it ("their Washington embassy").
OWNED_FACILITIES = frozenset({"embassy", "consulate"})
QUALIFIERS = re.compile(
    r"^(?:(?:the|northern|southern|eastern|western|central|north|south|east|west|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|north-?east|north-?west|"
    r"south-?east|south-?west|occupied|rural|coastal|greater|upper|lower|downtown)\s+)+",
    re.IGNORECASE,
)
REGION_NOUNS = frozenset({"region", "province", "oblast", "governorate", "state", "district"})
REGION_SUFFIX = re.compile(r"\s+(?:" + "|".join(REGION_NOUNS) + r")$", re.IGNORECASE)

# Score weights: what a candidate is, then how the document's context speaks for it.
# A US state outranks a foreign city of up to a few hundred thousand people ("Florida" is not
# Floridablanca); a bigger city still wins ("Washington").
COUNTRY_BASE, HAND_BASE, STATE_BASE, CITY_BASE = 100.0, 60.0, 62.0, 20.0
CITY_PER_DECADE = 8.0          # per factor ten of population
ALTERNATE_NAME_PENALTY = 5.0   # "Kiev" still finds Kyiv, but a primary "Kiev" would win
IN_NAMED_COUNTRY = 10.0        # the document names or implies the candidate's country
DOMESTIC_CITY, DOMESTIC_REGION, DOMESTIC_COUNTRY = 20.0, 60.0, 40.0
# A town of fewer people than this, in a state the document never names, while it names
# another (or was filed from one), is a namesake: the gazetteer lacks the story's own village
# ("the village of Bambui, near Bamenda" is no Bambui of Brazil). Its name is kept, with no
# state.
NAMESAKE_POPULATION = 50_000
RESPELLED_POPULATION = 100_000  # see ``_respelled``


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the document: token span, character span and what it resolved to."""

    start: int
    end: int
    root: int
    start_char: int
    end_char: int
    text: str
    place: Place | None


@dataclass(frozen=True, slots=True)
class Context:
    """What a document says about where it is: countries named (directly, by demonym or by a
    place inside them) and countries whose sub-national places it names (not capitals, which
    news uses for governments)."""

    countries: Counter
    domestic: Counter


# Scoring only reads a context, so the empty one is built once.
_NO_CONTEXT = Context(Counter(), Counter())


class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def for_document(self, parsed: Parsed) -> DocumentPlaces:
        doc = parsed.doc
        spans = _toponym_spans(doc, self.gazetteer)
        candidates = {span.start: _candidates(self.gazetteer, span_text(span)) for span in spans}
        taken = {t.i for span in spans for t in span}
        context = _context(doc, self.gazetteer, candidates.values(), taken)
        floor = dateline_end(parsed.document.text)
        filed_name = dateline_place(parsed.document.text)
        filed_found = _candidates(self.gazetteer, filed_name.title()) if filed_name else ()
        filed = _choose(filed_found, context) if filed_found else None
        chosen: dict[str, Place] = {}  # a name met again is placed the same way
        toponyms = []
        for span in spans:
            if span.start_char < floor:
                continue
            text = span_text(span)
            found = candidates[span.start]
            if found and text not in chosen:
                own = _without(context, found)
                entry = _choose_entry(found, own)
                chosen[text] = (Place(name=text) if namesake(
                    entry, own.countries, filed.country if filed else None) else entry.place)
            place = chosen[text] if found else (self._demonym(text) or _bare(span))
            toponyms.append(Toponym(span.start, span.end, span.root.i, span.start_char,
                                    span.end_char, text, place))
        placed = {t.root for t in toponyms}
        toponyms.extend(self._capitals(parsed, context, floor, placed))
        return DocumentPlaces(parsed, tuple(toponyms), self.gazetteer, filed)

    def _capitals(self, parsed: Parsed, context: Context, floor: int,
                  placed: set[int]) -> list[Toponym]:
        """"in the capital", "outside the Ugandan capital": the capital of the country the
        phrase names, else of the country whose city the dateline names, else of the country
        the document names most. A capital named beside it ("Madagascar's capital
        Antananarivo") is that city, when the tagger did not take it for a place itself."""
        found = []
        lower = token_table(parsed.doc).lower  # a Token per token would cost more than the rest
        for i in (i for i, word in enumerate(lower) if word == "capital"):
            token = parsed.doc[i]
            if token.pos_ != "NOUN" or token.idx < floor or not is_locative(token):
                continue
            children = list(token.children)
            if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in children):
                continue  # "invested in venture capital"
            named = [c for c in children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"
                     and self._country_of(c) is None]
            if any(c.i in placed for c in named):
                continue  # "the capital, Kinshasa": a toponym of its own
            country = next(filter(None, map(self._country_of, children)), None)
            country = country or self._dateline_country(parsed) or _leading(context)
            place = self.gazetteer.capital_of(country) if country else None
            if place is None or any(name_key(c.text) != name_key(place.name) for c in named):
                continue
            found.append(Toponym(token.i, token.i + 1, token.i, token.idx,
                                 token.idx + len(token), token.text, place))
        return found

    def _demonym(self, text: str) -> Place | None:
        """"Ukrainian power plants": a people's name the tagger took for a place is its
        country."""
        code = self.gazetteer.demonym(text)
        return self.gazetteer.country(code) if code else None

    def _country_of(self, word) -> str | None:
        """The country an adjective or possessor of "capital" names ("the Kenyan capital",
        "Uganda's capital")."""
        if word.dep_ not in ("amod", "compound", "poss"):
            return None
        code = self.gazetteer.demonym(word.text)
        if code:
            return code
        countries = [e.place.country for e in _candidates(self.gazetteer, word.text)
                     if e.place.feature == "country"]
        return countries[0] if countries else None

    def _dateline_country(self, parsed: Parsed) -> str | None:
        name = dateline_place(parsed.document.text)
        found = _candidates(self.gazetteer, name.title()) if name else ()
        return _choose(found, _NO_CONTEXT).country if found else None


class DocumentPlaces:
    """The resolved toponyms of one document; ``locate`` places one candidate."""

    def __init__(self, parsed: Parsed, toponyms: tuple[Toponym, ...],
                 gazetteer: Gazetteer | None = None, filed: Place | None = None):
        self.parsed = parsed
        self.toponyms = toponyms
        self.gazetteer = gazetteer
        self.filed = filed  # where the wire dateline says the story was filed

    def home(self, cameo: str, source: Actor | None, target: Actor | None,
             lead: bool) -> tuple[Place, str] | None:
        """Where an event that names no place happened, from who took part, with the reason
        (for the event's rules). In the lead (``lead``: the first two sentences), the
        dateline's city when the story was filed in the actor's country ("LA PAZ, Bolivia
        (AP) — A Bolivian judge ordered ..."); force by the target's. Else the one state the
        parties belong to, when both sides are of it or the one side named acts at home
        ("Argentina's unions staged a general strike"): a government, an army or a rebel group
        named alone may be acting anywhere. Protest and the coercion of a state's own writ
        (``HOME_CODES``) are placed in the doer's state, whoever the target. Force is never
        placed from an attacker of another state ("Israeli jets struck" says where the jets
        came from)."""
        src = source.country if source is not None and source.country else None
        tgt = target.country if target is not None and target.country else None
        force = cameo[:2] in FORCE_ROOTS or cameo[:2] == _POSTURE_ROOT
        writ = bool(src) and cameo.startswith(HOME_CODES) and source.role not in ABROAD_ROLES
        if src and tgt and src != tgt and not writ:
            state = None if force else src
            if lead and state and self.filed is not None and self.filed.country == state:
                return self.filed, "location: the dateline's city, the actor's country"
            return None
        state = src if writ else tgt if force else (src or tgt)
        if state is None:
            return None
        if lead and self.filed is not None and self.filed.country == state:
            return self.filed, "location: the dateline's city, the parties' country"
        alone = source if src else target
        if not (writ or (src and tgt) or alone.role in HOME_ROLES):
            return None
        country = self.gazetteer.country(state) if self.gazetteer is not None else None
        reason = ("the doer's state, where its writ runs" if writ
                  else "the one state its parties belong to")
        return (country, f"location: {reason}") if country else None

    def names_unknown_place(self, candidate: EventCandidate) -> bool:
        """Does the candidate's sentence name a settlement no toponym covers ("attacked the
        town of Malam Fatori")? Then the event happened somewhere named, which no guess from
        its parties should replace."""
        placed = {t.root for t in self.toponyms}
        doc = self.parsed.doc
        for token in doc.char_span(candidate.sentence_start, candidate.sentence_end,
                                   alignment_mode="expand") or ():
            prep = token.head
            if (token.dep_ == "pobj" and token.pos_ == "PROPN" and token.i not in placed
                    and prep.lower_ == "of" and prep.head.lemma_.lower() in SETTLEMENTS):
                return True
        return False

    def locate(self, candidate: EventCandidate) -> Place | None:
        doc = self.parsed.doc
        anchor = doc[candidate.anchor]
        source = candidate.source.head if candidate.source else None
        target = candidate.target.head if candidate.target else None
        best = None
        for toponym in self.toponyms:
            if not (candidate.sentence_start <= toponym.start_char < candidate.sentence_end):
                continue
            if toponym.place is None:
                continue
            root = doc[toponym.root]
            if toponym.root == source and not (root.dep_ == "pobj" and is_locative(root)):
                continue  # "Tbilisi said": an actor; "thousands marched in Tbilisi": the place
            if toponym.place.feature == "country" and owner_of_facility(root):
                continue
            if (candidate.cameo[:2] in WORD_ROOTS and candidate.cameo != _DEFIANCE
                    and _of_other_act(root, anchor)):
                continue  # "condemned the strike on a building in Beirut": where it struck
            local = (root.dep_ in ("compound", "nmod") and root.head.i == source
                     and root.head.lemma_.lower() in LOCAL_AGENTS
                     and toponym.place.feature in ("city", "region"))
            if toponym.root == target:
                if not _place_as_target(toponym.place, root, candidate.cameo):
                    continue
            elif not (is_locative(root) or local
                      or (candidate.cameo[:2] in FORCE_ROOTS and _attacked_place(root))):
                continue
            attachment = attach(root, anchor)
            distance = attachment.distance if attachment is not None else None
            if distance is not None and local:
                distance = 2  # "Atlanta police arrested 15 protesters": where they serve
            if distance is not None and root.dep_ == "pobj" and root.head.head.i == source:
                # "prosecutors in Manhattan charged him with smuggling cocaine into the United
                # States": where the actor is, it acts; a place deeper in the clause is what the
                # act is about.
                distance = 1
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, toponym.place)
        if best:
            return best[1]
        found = self._where(anchor)
        if found is None and candidate.cameo[:2] in SCENE_ROOTS:
            found = self._scene(anchor)
        if found is None and (_shares_place(anchor) or _conjoined(anchor)):
            # "gathered in Tbilisi to protest", "fired tear gas in Nairobi as thousands
            # marched": a purpose, or what goes on meanwhile, happens where its clause does;
            # so does the next act of a sentence ("fired tear gas in Jakarta and arrested 200").
            return self.locate(replace(candidate, anchor=anchor.head.i))
        return found

    def _scene(self, anchor) -> Place | None:
        """"Fired tear gas at students protesting outside parliament in Jakarta": force used
        on people caught in an act happens where they are doing it."""
        for obj in _acted_on(anchor):
            for act in (c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBG"):
                for toponym in self.toponyms:
                    root = self.parsed.doc[toponym.root]
                    if (toponym.place is not None and is_locative(root)
                            and head_path(root)[-1].i == act.i):
                        return toponym.place
        return None

    def _where(self, anchor) -> Place | None:
        """"marched in Athens, where riot police used tear gas": a "where" clause happens in the
        place it describes."""
        top = head_path(anchor)[-1]
        if top.dep_ != "relcl" or not any(c.lower_ == "where" for c in top.children):
            return None
        place = top.head
        if place.dep_ != "pobj" or place.head.head.pos_ not in ("VERB", "AUX"):
            return None  # "Tigray, a region close to Eritrea, where ...": the parser's guess
        return next((t.place for t in self.toponyms if t.root == place.i), None)


def _of_other_act(place, anchor) -> bool:
    """Does the place hang on a noun of some other act between it and the anchor ("froze
    assets over the crackdown on protesters in Tbilisi")?"""
    lexicon = load_lexicon()
    for token in head_path(place)[1:]:
        if token.i == anchor.i:
            return False
        own = (token.dep_ == "dobj" and token.head.i == anchor.i
               and anchor.lemma_.lower() in lexicon.light_verbs)  # "held talks in Beijing"
        # "insulted the president at a rally in Gulu": an occasion is where the act was.
        occasion = token.dep_ == "pobj" and token.head.lower_ in _OCCASION_PREPS
        if (token.pos_ == "NOUN" and not own and not occasion
                and is_event(lexical_match(token, lexicon))):
            return True
    return False



def owner_of_facility(token) -> bool:
    """Does the toponym name the state that keeps a facility abroad ("the US embassy")?"""
    return (token.dep_ in {"compound", "nmod", "amod", "poss"}
            and token.head.lemma_.lower() in OWNED_FACILITIES)


def _place_as_target(place: Place, root, cameo: str) -> bool:
    """A target that is a place is also where the event happened when the event goes there: a
    visit to it ("flew to Washington", "visited Kyiv"), or force used on a town or region
    ("pounded Kharkiv", "captured Goma", "raided Jenin"). A country attacked or a capital
    criticised is an actor, not a place."""
    if cameo[:2] in SCENE_ROOTS:
        return place.feature != "country"
    return cameo[:3] in VISIT_CODES and is_locative(root)


def is_locative(token) -> bool:
    """Whether the toponym headed by ``token`` says where something happened."""
    dep, head = token.dep_, token.head
    if dep in {"appos", "conj"} and head.i != token.i:
        return is_locative(head)
    if dep == "pobj" or (dep == "pcomp" and token.ent_type_ in TOPONYM_LABELS):
        # "a school in Sagaing": a place name ending in -ing the parser took for a verb.
        return _locative_prep(head)
    if dep == "dobj":
        # "drowned off Lesbos": the parser often reads the preposition as a verb particle.
        particle = any(c.dep_ == "prt" and c.lower_ in LOCATIVE_PREPS and c.i < token.i
                       for c in head.children)
        return particle or head.lemma_ in VISITING
    if dep in {"compound", "nmod", "amod", "poss"} and head.lemma_.lower() in FACILITY_NOUNS:
        return head.dep_ in {"dobj", "nsubjpass", "pobj"} or is_locative(head)
    return False


def _locative_prep(prep) -> bool:
    word = prep.lower_
    if word in LOCATIVE_PREPS:
        return True
    governor = prep.head
    if word == "to":
        return governor.lemma_ in MOVEMENT
    if word == "of" and governor.lemma_.lower() in PLACE_NOUNS:
        return governor.dep_ in {"npadvmod", "advmod"} or is_locative(governor)
    return False


def _attacked_place(token) -> bool:
    """"launched a drone attack on Kyiv": the place an attack noun falls on; "pounded the
    port of Hodeidah", "shelled the town of Bakhmut": the place struck."""
    prep = token.head
    if token.dep_ != "pobj":
        return False
    if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
        return prep.head.dep_ in ("dobj", "nsubjpass")
    return prep.lower_ in ("on", "against") and prep.head.lemma_.lower() in ATTACK_NOUNS


def _toponym_spans(doc, gazetteer: Gazetteer) -> list:
    """Toponym entities, and proper nouns in locative positions that the gazetteer knows (the
    tagger misses many: "a Kyiv hospital", "Khan Younis" as a person). A name before "region",
    "province" and the like takes the noun along: "the Kursk region" is a region."""
    # "Guinea-Bissau", not the "Guinea" the tagger cut from it.
    spans = [_with_region_noun(hyphen_joined(e, lambda name: _candidates(gazetteer, name)))
             for e in entities(doc) if e.label_ in TOPONYM_LABELS]
    taken = {t.i for span in spans for t in span}
    pos = token_table(doc).pos
    for i in range(len(doc)):
        if i in taken or pos[i] != "PROPN":
            continue
        token = doc[i]
        if token.lower_ in MONTHS or not _could_be_place(token):  # "in March 2024"
            continue
        if gazetteer.demonym(token.text):
            continue  # "the eastern Thai border": a people's name, whatever town shares it
        span = _with_region_noun(_proper_noun_span(token))
        if _candidates(gazetteer, span_text(span)) and not any(t.i in taken for t in span):
            spans.append(span)
            taken.update(t.i for t in span)
    return sorted(spans, key=lambda s: s.start)


def _could_be_place(token) -> bool:
    if token.dep_ in {"compound", "poss"}:
        head = token.head
        return head.pos_ != "PROPN" and (head.lemma_.lower() in FACILITY_NOUNS | REGION_NOUNS)
    # Any object: a struck or captured town is the event's place too (``_place_as_target``);
    # ``locate`` still decides which objects say where.
    return token.dep_ in {"pobj", "dobj"}


def _with_region_noun(span):
    head = span.root.head
    if (span.root.dep_ == "compound" and head.i == span.end
            and head.lemma_.lower() in REGION_NOUNS):
        return span.doc[span.start:head.i + 1]
    return span


def _proper_noun_span(token):
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    return doc[start:token.i + 1]


def place_named(gazetteer: Gazetteer, text: str, curated_only: bool = False) -> Place | None:
    """The most likely place a name stands for, without document context; with
    ``curated_only``, only a hand-table place (names the tagger misreads, such as "Khan
    Younis")."""
    found = _candidates(gazetteer, text)
    if curated_only:
        found = tuple(e for e in found if e.source == "hand")
    return _choose(found, _NO_CONTEXT) if found else None


def _candidates(gazetteer: Gazetteer, text: str) -> tuple[Entry, ...]:
    found = gazetteer.lookup(text)
    if found:
        return _spelled_as(found, text)
    bare = QUALIFIERS.sub("", text)
    if bare != text:
        found = gazetteer.lookup(bare)
        if found:
            return found
    core = REGION_SUFFIX.sub("", bare)
    if core != bare:
        return tuple(_as_region(e, bare) for e in gazetteer.lookup(core))
    return _respelled(gazetteer, bare)


def _respelled(gazetteer: Gazetteer, name: str) -> tuple[Entry, ...]:
    """A name in another common spelling of an Arabic one: a final long vowel written either
    way ("Hodeidah", "Raqqa"), the article left out or put in ("Qamishli" is Al Qamishli).
    Only a city big enough to be news under either spelling: "Abdullah" is a man, not the
    Russian town of Abdulino that also goes by "Abdulla"."""
    if not name[:1].isupper():
        return ()
    others = [f"Al {name}"]
    if name.endswith("ah"):
        others.append(name[:-1])
    elif name.endswith("a"):
        others.append(name + "h")
    bare = re.sub(r"^(?:Al|El|al|el)[- ]", "", name)
    if bare != name:
        others.append(bare)
    return next((found for other in others if (found := tuple(
        e for e in gazetteer.lookup(other) if e.population >= RESPELLED_POPULATION))), ())


def _as_region(entry: Entry, name: str) -> Entry:
    """"Sumy region" when the gazetteer only knows the city of Sumy: the region, placed at
    its namesake city."""
    p = entry.place
    place = Place(name=name, country=p.country, lat=p.lat, lon=p.lon, feature="region")
    # The namesake's own standing (population, primary name) ranks the candidates: "Hama
    # province" is Syria's, not a Japanese village's.
    return Entry(place=place, source=entry.source, population=entry.population,
                 primary=entry.primary)


def _bare(span) -> Place | None:
    """A toponym entity the gazetteer does not know still names a place; keep its words. One
    with no capitalised word ("its east coast", "the border") is a description, not a name."""
    if span.label_ not in TOPONYM_LABELS:
        return None
    name = QUALIFIERS.sub("", span_text(span)) or span_text(span)
    if not any(word[:1].isupper() for word in name.split()):
        return None
    return Place(name=name)


def _context(doc, gazetteer: Gazetteer, candidate_sets, taken: set[int]) -> Context:
    """Counts of the countries the document names: by its toponyms (``candidate_sets``), its
    demonyms, and country names the tagger took for a person or an organisation ("Mali's
    army"), outside the toponyms (``taken``)."""
    countries: Counter = Counter()
    domestic: Counter = Counter()
    for found in candidate_sets:
        if not found:
            continue
        top = _choose_entry(found, _NO_CONTEXT)
        if top.place.country is None:
            continue
        countries[top.place.country] += 1
        if top.place.feature != "country" and not top.capital:
            domestic[top.place.country] += 1
    words = [e.text for e in entities(doc) if e.label_ == "NORP"]
    table = token_table(doc)
    tokens = zip(table.text, table.ent_type, table.pos, strict=True)
    words += [text for text, ent_type, pos in tokens
              if ent_type != "NORP" and text[:1].isupper() and pos in {"ADJ", "PROPN", "NOUN"}]
    for word in words:
        code = gazetteer.demonym(word)
        if code:
            countries[code] += 1
    for i, (text, ent_type) in enumerate(zip(table.text, table.ent_type, strict=True)):
        if ent_type in ("PERSON", "ORG") and i not in taken:
            named = [e for e in gazetteer.lookup(text) if e.place.feature == "country"]
            if named:
                countries[named[0].place.country] += 1
    return Context(countries, domestic)


def _spelled_as(found: tuple[Entry, ...], text: str) -> tuple[Entry, ...]:
    """Of the places a name may be, those spelled as the text spells it with its accents
    ("Léré" is the Chadian or Malian town, not Nigeria's Lere), when the text has any."""
    if text.isascii():
        return found
    exact = tuple(e for e in found if e.place.name.casefold() == text.casefold())
    return exact or found


def namesake(entry: Entry, countries: Counter, filed: str | None) -> bool:
    """Is the gazetteer's best town for a name a small one (``NAMESAKE_POPULATION``) in a
    state the document never names (``countries``: how often it names each, the name itself
    not counted), while it names another state or was filed from one (``filed``: that state)?
    A big city found by another of its names is not doubted: "Kharkov", "Hodeida"."""
    code = entry.place.country
    if (entry.place.feature != "city" or entry.source != "city" or code is None
            or entry.population >= NAMESAKE_POPULATION or countries[code] > 0):
        return False
    return any(n > 0 for c, n in countries.items() if c != code) or filed not in (None, code)


def _leading(context: Context) -> str | None:
    """The country the document names most, when no other is named as often."""
    ranked = context.countries.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _without(context: Context, found: tuple[Entry, ...]) -> Context:
    """The context minus the toponym's own contribution: "Georgia" cannot vouch for itself."""
    top = _choose_entry(found, _NO_CONTEXT)
    code = top.place.country
    if code is None:
        return context
    countries, domestic = Counter(context.countries), Counter(context.domestic)
    countries[code] -= 1
    if top.place.feature != "country" and not top.capital:
        domestic[code] -= 1
    return Context(+countries, +domestic)


def _choose(found: tuple[Entry, ...], context: Context) -> Place:
    return _choose_entry(found, context).place


def _choose_entry(found: tuple[Entry, ...], context: Context) -> Entry:
    pool = found
    if any(e.source == "hand" for e in pool):
        pool = tuple(e for e in pool if e.source in {"hand", "country"})
    if any(e.place.feature == "country" for e in pool):
        pool = tuple(e for e in pool if e.place.feature in {"country", "region"})
    if any(e.capital and e.primary for e in pool):
        # A capital's own name is no other place's old name: "Islamabad" is not Chattogram,
        # a city six times bigger that once bore it.
        pool = tuple(e for e in pool if e.primary)
    return max(pool, key=lambda e: score(e, context))


def score(entry: Entry, context: Context) -> float:
    feature, code = entry.place.feature, entry.place.country
    if feature == "country":
        value = COUNTRY_BASE + (DOMESTIC_COUNTRY if context.domestic[code] else 0.0)
    elif entry.source == "hand":
        value = HAND_BASE
    elif entry.source == "state":
        value = STATE_BASE
    else:
        value = CITY_BASE + CITY_PER_DECADE * population_weight(entry)
    if not entry.primary:
        value -= ALTERNATE_NAME_PENALTY
    if code is not None and feature != "country":
        value += IN_NAMED_COUNTRY if context.countries[code] else 0.0
        if context.domestic[code]:
            value += DOMESTIC_CITY if feature == "city" else DOMESTIC_REGION
    elif code is not None:
        value += IN_NAMED_COUNTRY if context.countries[code] else 0.0
    return value


def _acted_on(verb) -> list:
    """The verb's object and the objects of its prepositions ("fired at students")."""
    found = [c for c in verb.children if c.dep_ == "dobj"]
    found += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return found


def _conjoined(verb) -> bool:
    """The second verb of a pair of acts ("fired tear gas ... and arrested 200")."""
    return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i


def _shares_place(clause) -> bool:
    """A clause that takes its governor's place: a purpose ("to protest"), what goes on
    meanwhile ("as thousands marched") or what an act did ("slammed into a block in Sumy,
    killing seven people"), not what came before or after."""
    if clause.dep_ not in ("advcl", "xcomp") or clause.head.i == clause.i:
        return False
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    if marks:
        return all(m in MEANWHILE for m in marks)
    if clause.tag_ == "VBG" and clause.lemma_.lower() in load_lexicon().consequences:
        return True
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
