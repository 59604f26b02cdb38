"""What a document says about where it is, for actor resolution: the state a place name lies
in, the country the document names most often, the places of an agent's own clause, and place
names that qualify an agent noun ("Kharkiv police").

``DocumentContext`` is built once per document by ``DocumentActors`` and caches its counts.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from casus.document import MONTHS
from casus.extract.lexicon import load_lexicon
from casus.nlp import entities, hyphen_joined, sentence_starts
from casus.resolve.dates import WEEKDAYS
from casus.resolve.gazetteer import Gazetteer
from casus.resolve.kb import ActorKB, cased_key, words
from casus.resolve.places import namesake, owner_of_facility, place_named

# Roles of those who only report ("AFP reported", "told Reuters"): the agency's country says
# nothing about where the police it quotes serve.
SOURCE_ROLES = frozenset(("MED",))

__all__ = ["PLACE_QUALIFIERS", "DocumentContext", "same_clause"]

DESCRIPTIVE_DEPS = frozenset({"relcl", "acl", "appos", "parataxis"})
# Links to a clause of its own: one ("arrested them for protesting in Minsk") still speaks of
# where the agent acts, two do not.
NESTING_DEPS = frozenset({"advcl", "pcomp", "xcomp"})
# Where something else happened, not where the agents are: a place under a preposition of
# an earlier or later time ("accused troops of attacking the camp, days after talks in
# Geneva"), or the venue of a meeting ("talks in Geneva", "a summit in Addis Ababa").
OTHER_TIME_PREPS = frozenset({"after", "before", "since", "until", "following", "ahead"})
VENUE_NOUNS = frozenset({"talk", "summit", "conference", "meeting", "negotiation", "forum"})
LOCATIVE = "LOCATIVE"
PLACE_LABELS = frozenset({"GPE", "LOC", LOCATIVE})
PLACE_QUALIFIERS = frozenset({
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "the"
})
SETTLEMENT_NOUNS = frozenset({
    "town", "city", "village", "villages", "towns", "cities", "province", "region", "district",
    "camp", "port", "island", "enclave", "suburb", "neighbourhood", "neighborhood", "capital"
})
# Capitalised words of time that follow a preposition like places do ("on Monday").
TIME_NAMES = frozenset({*WEEKDAYS, "christmas", "easter", "ramadan", "eid", "passover"})
# "on" too: the city an attack falls on ("Russia's attack on Kyiv killed 12 people") is where
# its victims are, when the tagger has not called it a place; a state after "on" ("sanctions on
# Iran") is a place entity already, so the word adds only such names.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "on",
                            "upon"})


class DocumentContext:
    """Place knowledge about one parsed document; ``dateline`` is the character offset where
    the text proper begins (a dateline names where the story was filed, not its subject) and
    ``filed`` the place it names, if any."""

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer, doc, dateline: int,
                 filed: str | None = None):
        self.kb = kb
        self.gazetteer = gazetteer
        self.doc = doc
        self._dateline = dateline
        self._filed = filed
        self._filed_state: str | None = None
        self._countries: Counter | None = None
        self._places: dict[int, list] = {}
        self._states: dict[str, str | None] = {}  # the agents of a document ask for the same names
        self._namesakes: dict[tuple[str, str], bool] = {}

    def clause_place(self, span) -> tuple[str, str] | None:
        """The nearest place of the span's own clause that lies inside one state, as (name,
        state); a place in a clause that only describes someone else does not count."""
        root = span.root
        # "outside the US embassy in London": the embassy's owner is not where it stands.
        # "Xinhua reported": a name the tagger took for a place that names a news agency.
        places = [e for e in self._sentence_places(span.start)
                  if same_clause(root, e.root) and not owner_of_facility(e.root)
                  and not self._owner(e, span)
                  and (span.start <= e.start < span.end
                       or not _aside(e.root, {root.i, *(t.i for t in root.ancestors)}))
                  and not any(entry.role in SOURCE_ROLES for entry in self.kb.lookup(words(e.text)))]
        # A place inside the phrase first ("Israel ordered residents of Tyre to leave").
        for ent in sorted(places, key=lambda e: (not span.start <= e.start < span.end,
                                                 abs(e.start - span.start))):
            country = self.state_of(ent.text)
            if country and not (ent.label_ == LOCATIVE and self._stray(ent.text, country)):
                return ent.text, country
        return None

    def _owner(self, ent, span) -> bool:
        """A state named as the owner or maker of something outside the agent's phrase ("would
        shoot down any US drone"), not where the agent is; a city before a noun still is ("a
        Kyiv hospital")."""
        if span.start <= ent.start < span.end or ent.root.dep_ not in ("compound", "amod", "nmod"):
            return False
        place = place_named(self.gazetteer, ent.text)
        return place is not None and place.feature == "country"

    def _stray(self, name: str, country: str) -> bool:
        """A name no tagger called a place, which the gazetteer knows only as another name of a
        place abroad ("near the town of Boni" in a story about Mali is no Bonn). A namesake
        abroad (the places' ``namesake``) has no state already (``state_of``)."""
        place = place_named(self.gazetteer, name)
        if place is None or words(place.name) == words(name):
            return False
        main = self.main_country(lead=1)
        return main is not None and main != country

    def namesake(self, name: str, country: str) -> bool:
        """Is the name's town in ``country`` only a namesake of the story's own place (the
        places' ``namesake``)? Asked once per name and state."""
        key = (name, country)
        if key not in self._namesakes:
            self._namesakes[key] = self._namesake(name, country)
        return self._namesakes[key]

    def _namesake(self, name: str, country: str) -> bool:
        entry = next((e for e in self.gazetteer.lookup(name) if e.place.country == country),
                     None)
        if entry is None:
            return False
        return namesake(entry, self._named_without(name, country), self._filed_state)

    def _named_without(self, name: str, country: str) -> Counter:
        """The countries the document names, less the name's own mentions of its state:
        "Tripoli" cannot vouch for itself."""
        named = self._named_countries().copy()
        named[country] -= sum(1 for e in entities(self.doc) if e.text == name)
        return named

    def _sentence_places(self, token: int) -> list:
        """The place names of a token's sentence past the dateline, found once per sentence:
        every agent of the sentence asks."""
        start = sentence_starts(self.doc)[token]
        found = self._places.get(start)
        if found is None:
            sentence = self.doc[token].sent
            found = self._places[start] = [
                self._joined(e) for e in (*entities(self.doc), *_locatives(sentence))
                if e.label_ in PLACE_LABELS and sentence.start <= e.start < sentence.end
                and e.start_char >= self._dateline]
        return found

    def _joined(self, ent):
        """"Guinea-Bissau", not the "Guinea" the tagger cut from it; "Israel" of
        "Israel-Hamas", which names no state."""
        return hyphen_joined(ent, self._state_named)

    def qualifying_place(self, span) -> str | None:
        """"Kharkiv police", "New York Governor Andrew Cuomo": a place name the knowledge base
        does not know, before the agent noun, gives the agent its country."""
        run = []
        for token in span:
            if token.lower_ in ("the", "a", "an") and not run:
                continue
            named = token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "LOC", "FAC")
            if not named or not token.text[:1].isupper() or token.ent_type_ == "PERSON":
                break
            run.append(token)
        for end in range(len(run), 0, -1):
            text = self.doc[run[0].i : run[end - 1].i + 1].text
            key = words(text)
            if self.kb.lookup(key, cased_key(text)) or (len(key) == 1 and self.kb.surname(key[0])):
                return None
            country = self.state_of(text)
            if country:
                return country
        return None

    def state_of(self, name: str) -> str | None:
        """The state a place name lies in (``_state_named``); of the states a name is found in,
        the one the document names wins over the name's best-known bearer ("Lebanese troops
        clashed with gunmen in Tripoli")."""
        if name not in self._states:
            self._states[name] = self._state_in_context(name)
        return self._states[name]

    def _state_in_context(self, name: str) -> str | None:
        country = self._state_named(name)
        if country is None or self.namesake(name, country):
            return None
        named = self._named_without(name, country)
        entries = self.gazetteer.lookup(name)
        # Only a bearer of some size: a town of 40,000 does not unseat Minsk.
        size = max((e.population for e in entries if e.place.country == country), default=0)
        others = {e.place.country for e in entries
                  if e.place.country != country and e.population * 10 >= size}
        found = [c for c in sorted(others) if named[c] > 0]
        if named[country] <= 0 and found:
            return max(found, key=lambda c: named[c])
        return country

    def _state_named(self, name: str) -> str | None:
        """The state a place name lies in, without the document: a country our table names
        ("Congo"), else the gazetteer's reading, stripped of words such as "eastern"."""
        key = words(name)
        bare = key
        while bare and bare[0] in PLACE_QUALIFIERS:
            bare = bare[1:]
        for probe in dict.fromkeys((key, bare)):  # "South Sudan" before "Sudan"
            known = [e for e in self.kb.lookup(probe) if e.kind == "country"] if probe else []
            if known:
                return known[0].country if known[0].country in self.kb.states else None
        place = place_named(self.gazetteer, name)
        if place is not None and place.country and place.country in self.kb.states:
            return place.country
        return None

    def _named_countries(self) -> Counter:
        if self._countries is None:
            # "accused troops of attacking a camp, days after Swiss-mediated talks in Geneva"
            # is no story about Switzerland.
            self._countries = Counter(self._state_of_entity(e) for e in entities(self.doc)
                                      if e.start_char >= self._dateline and not _aside(e.root))
            self._countries.pop(None, None)
            state = self._filed_state = (self.state_of(self._filed.title()) if self._filed
                                         else None)
            if state:
                # "BAMAKO, Mali (AP) — Soldiers detained the prime minister": a correspondent
                # mostly files from the country the story is about.
                self._countries[state] += 1
        return self._countries

    def main_country(self, lead: int = 2) -> str | None:
        """The country the document's places and demonyms name most often, counting the
        dateline's, when it leads the next by ``lead`` or more (by default one stray mention
        of another country does not unseat it); in a story that names no state but its
        dateline's, that one."""
        named = self._named_countries()
        ranked = named.most_common(2) + [("", 0)]
        if len(named) == 1 and ranked[0][0] == self._filed_state:
            return self._filed_state
        return ranked[0][0] if ranked[0][0] and ranked[0][1] - ranked[1][1] >= lead else None

    def located_in(self, noun) -> str | None:
        """The state of an "in X" phrase attached to a noun ("the town ... in eastern Congo")."""
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                country = self.state_of(self.doc[obj.left_edge.i : obj.i + 1].text)
                if country:
                    return country
        return None

    def _state_of_entity(self, ent) -> str | None:
        if ent.label_ in ("GPE", "LOC"):
            return self._state_named(self._joined(ent).text)
        # "Mali's army", which the tagger took for a person's: a state's own name, alone.
        if ent.label_ == "NORP" or (ent.label_ in ("PERSON", "ORG") and len(ent) == 1):
            found = [e for e in self.kb.lookup(words(ent.text)) if e.kind == "country"]
            if found and found[0].country in self.kb.states:
                return found[0].country
        return None


def _locatives(sentence) -> list:
    """Capitalised names after a place preposition ("in Bamako", "in Barsalogho, Burkina
    Faso"), which the small tagger often labels ORG or not at all; each name of an
    apposition is offered on its own."""
    found = []
    for token in sentence:
        if token.dep_ not in ("pobj", "appos") or not token.text[:1].isupper():
            continue
        if token.lower_ in MONTHS or token.lower_ in TIME_NAMES:
            continue  # "kidnapped in March", "in May": a time, not the English towns
        if token.ent_type_ in ("DATE", "TIME") and token.ent_iob_ != "B":
            continue  # inside a time phrase; "Kyiv overnight" the tagger took whole is a place
        if token.dep_ == "pobj" and token.head.lower_ not in LOCATIVE_PREPS and not (
                token.head.lower_ == "of" and token.head.head.lower_ in SETTLEMENT_NOUNS):
            continue  # a place is "in X", "near X", or "the town of X"
        if token.dep_ == "appos" and token.head.dep_ != "pobj":
            continue
        start = min((t.i for t in token.lefts if t.dep_ == "compound"), default=token.i)
        found.append(Span(token.doc, start, token.i + 1, label=LOCATIVE))
    return found


def _charged(word) -> bool:
    """A verb whose object does what its "of"/"for" clause says (the extractor's
    ``object_pcomp``: "accused the party of ...", "thanked Qatar for ..."), or that object: the
    parser hangs the clause on either."""
    if word.dep_ == "dobj":
        word = word.head
    return word.lemma_.lower() in load_lexicon().object_pcomp


def _aside(place, above=frozenset()) -> bool:
    """Is a place named for another time or as a meeting's venue, below the heads ``above``
    (anywhere in its sentence when none are given)?"""
    for token in place.ancestors:
        if token.i in above:
            return False
        if (token.dep_ == "prep" and token.lower_ in OTHER_TIME_PREPS) or (
                token.pos_ == "NOUN" and token.lemma_.lower() in VENUE_NOUNS):
            return True
    return False


def same_clause(agent, other) -> bool:
    """Whether ``other`` reaches the lowest head it shares with ``agent`` without leaving a
    clause or phrase that only describes something (a relative clause, an apposition)."""
    above = {agent.i, *(t.i for t in agent.ancestors)}
    start = other.head if other.dep_ == "appos" else other  # "Barsalogho, Burkina Faso"
    nested = 0
    for token in (start, *start.ancestors):
        if token.i in above:
            return True
        if token.dep_ in DESCRIPTIVE_DEPS and token.head.i != agent.i:
            return False  # a clause describing the agent itself still speaks of it
        gerund = token.dep_ == "pcomp" or (token.dep_ == "pobj" and token.tag_ == "VBG")
        if gerund and _charged(token.head.head):
            # "accused the ruling party of steering the country towards Moscow": what the
            # object is said to do, and where, is its own, not the subject's.
            return False
        if token.dep_ in NESTING_DEPS and token.pos_ in ("VERB", "AUX"):
            nested += 1
            if nested > 1:
                # "indicted him, accusing him of ordering drones over Pyongyang": a clause
                # within a clause speaks of others' acts and places.
                return False
    return True
