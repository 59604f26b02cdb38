"""Actor resolution: from a mention in a parsed document to a coded ``Actor``.

``ActorKB.load()`` gives the knowledge (built-ins plus user dictionaries, see ``kb.py``);
``ActorResolver(kb).for_document(parsed)`` reads the document once, in order, coding every noun
phrase and named entity so that later mentions can lean on earlier ones:

- a surname ("Netanyahu") after the full name, or a titled unknown person ("Prime Minister
  Yair Golan" -> "Golan");
- an apposition ("Steve Witkoff, Trump's Middle East envoy") gives an unknown person the
  country and role of the other half;
- a role description ("the Israeli leader") is linked to the person of that country and role
  met earlier, or to the knowledge base's holder of that title on the publication date;
- a bare agent ("the army", "the court") takes the country of an attached "of/from/in X"
  phrase, else of the nearest earlier actor with the same role, else of the nearest state actor
  in its own or the previous sentence;
- a person or capital before an agent noun qualifies it ("the Trump administration" USA GOV,
  "a Dhaka court" BGD JUD);
- a bare agent with no country before it ("protesters", "police") takes the country of a place
  named in its own clause ("police arrested protesters in Istanbul" TUR COP; not a place in a
  relative clause about someone else), else the country the document names most often (a wire
  dateline's city counting once for its country, and leading a story that names no other);
- a bare "officer" serves where the last service named before it did (police or army);
- a bare agent acted on in what a state's body reports ("three soldiers were killed, the
  Nigerien army said") is that state's;
- forces or weapons described by a participle of sending or launching ("drones launched by
  Russia") belong to its agent;
- a member or voice of a non-state organisation ("a spokesman for the Taliban", "rebels with
  the FARC") takes the organisation's code as of the date; a sponsored actor ("Iran-backed
  militias") takes no country from its sponsor or from the context, only from an attached
  "in X";
- an unknown titled person ("Prime Minister X"), an unknown "X province" or "the town of X"
  lies in the country the document is about;
- an unknown name joining a region word to an institution noun ("the West African Monetary
  Union") is a regional IGO, not the region;
- a place name the knowledge base does not know stands for its country ("pounded Kharkiv" UKR);
- a demonym or name that only modifies a noun ("Indian and Pakistani troops", "IAEA chief
  Rafael Grossi") is coded with that noun: IND MIL, the person;
- a pronoun takes the nearest compatible earlier actor, preferring a sentence subject: he/she
  a person, it an organisation or country, they a group; with none before it, the first
  compatible subject after it in its sentence ("During his visit, Putin signed"); "they" in
  what a plural subject says is that subject, coded or not ("lawyers said they would appeal").

Roles are those in force on the document's publication date (the latest when it has none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from casus.document import dateline_end, dateline_place
from casus.extract.frames import group_of_side
from casus.extract.lexicon import load_lexicon
from casus.models import Actor, Mention, Parsed
from casus.nlp import entities, sentence_starts, span_text, text_between, token_table
from casus.resolve.actors_context import (
    PLACE_QUALIFIERS,
    SETTLEMENT_NOUNS,
    SOURCE_ROLES,
    DocumentContext,
    same_clause,
)
from casus.resolve.actors_phrase import (
    NAME_PARTICLES,
    SPONSOR_WORDS,
    Coding,
    Word,
    code_words,
    find_pieces,
    named_with_apostrophe,
    person_actor,
    token_words,
)
from casus.resolve.gazetteer import Gazetteer
from casus.resolve.kb import ActorKB, cased_key, norm_word, role_on, words
from casus.resolve.places import place_named

__all__ = ["ActorKB", "ActorResolver", "DocumentActors"]

PERSON_PRONOUNS = frozenset({
    "he", "him", "his", "himself", "she", "her", "hers", "herself"
})
THING_PRONOUNS = frozenset({
    "it", "its", "itself"
})
GROUP_PRONOUNS = frozenset({
    "they", "them", "their", "theirs", "themselves"
})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
# Pronouns that, as the subject of a reported clause, are who reports it ("they", "it").
SPEAKER_PRONOUNS = frozenset({"they", "it"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it"})
LEADER_WORDS = frozenset({"leader", "head of state", "head of government", "ruler"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
OWNER_PREPS = frozenset({"of", "from", "in", "for", "with"})
MEMBER_PREPS = frozenset({"of", "from", "for", "with"})
INSTITUTION_NOUNS = frozenset({
    "organization", "organisation", "union", "community", "bank", "council", "court",
    "commission", "parliament", "assembly", "forum", "association", "league", "conference",
    "fund", "pact", "agency", "secretariat", "summit", "mission", "cooperation", "treaty"
})
AREA_NOUNS = frozenset({
    "province", "region", "oblast", "governorate", "state", "district", "county", "prefecture",
    "department", "territory", "countryside", "outskirts", "suburbs", "valley", "enclave"
})
NON_REGIONS = frozenset({"IGO", "NGO", "IMG", "KUR"})
# Those whose country says nothing about the state of others beside them: news agencies and
# companies, which report and trade everywhere ("a court sentenced a Facebook blogger" is no
# American court).
UNPLACED_ROLES = frozenset((*SOURCE_ROLES, "BUS"))
# Codes of bodies whose staff are no nationals of theirs.
MEMBERSHIPS = frozenset({"IGO", "NGO"})
UNKNOWN = "---"
# Roles whose acts mostly stay inside their own state: courts, police, parliaments, parties,
# opposition, unions, schools, hospitals, the public.
DOMESTIC_ROLES = frozenset(("JUD", "COP", "LEG", "OPP", "PTY", "LAB", "EDU", "HLH", "CVL"))
# Merchant ships: their flag or owner says whose they are, never the context.
VESSEL_NOUNS = frozenset(("tanker", "freighter", "ship", "vessel"))
# Agent nouns of more than one service ("officer": army or police), with the roles they may
# take; the knowledge base gives the first, the document's last-named service decides.
SERVICE_NOUNS = {"officer": ("MIL", "COP")}
# People held by others: the actor named beside them is most often their captor.
CAPTIVE_NOUNS = frozenset(("hostage", "captive", "abductee", "kidnapee"))
# Participles by which forces or weapons belong to whoever is their agent: "drones launched by
# Russia", "troops sent by Moscow". Not those of harm or support ("soldiers killed by the
# rebels", "militias backed by Iran"), whose agent is someone else.
DISPATCH_VERBS = frozenset((
    "launch", "fire", "send", "deploy", "dispatch", "fly", "operate", "station", "command",
    "lead", "field"
))
# Roles of people who meet abroad: a place in their clause is no clue to their country; but
# a governor or mayor holds office where the clause says.
TRAVELLING_ROLES = frozenset(("GOV", "ELI"))
LOCAL_OFFICES = frozenset(("governor", "mayor", "governorate", "municipality"))
# Roles whose holders often live or act outside their state ("the opposition leader, who lives
# in exile in France"): no country is borrowed from them.
EXILE_ROLES = frozenset(("OPP",))
# Nouns by which news refers back to a named organisation: "Hezbollah ... the group", "the
# European Union ... the bloc".
ANAPHORIC_NOUNS = frozenset({
    "group", "movement", "organisation", "organization", "militia", "faction", "outfit", "bloc",
    "alliance"
})
# Roles of organisations that are not organs of a state: what "the group" can refer to.
NON_STATE_ROLES = frozenset({
    "REB", "INS", "SEP", "UAF", "OPP", "PTY", "NGO", "HRI", "MED", "BUS", "REL", "LAB", "EDU"
})
PRONOUN_WINDOW = 3  # sentences back a pronoun (or "the group") may reach
INHERIT_WINDOW = 6  # sentences back a bare agent may borrow a country from


@dataclass(frozen=True, slots=True)
class Antecedent:
    start: int
    end: int
    sentence: int
    actor: Actor
    subject: bool


class ActorResolver:
    """``gazetteer`` places the place names used as actors; the full one is loaded when none
    is given."""

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer | None = None):
        self.kb = kb
        self.gazetteer = gazetteer

    def for_document(self, parsed: Parsed) -> DocumentActors:
        if self.gazetteer is None:
            self.gazetteer = Gazetteer.load()
        return DocumentActors(self.kb, parsed, self.gazetteer)


class DocumentActors:
    """Resolves mentions of one document; built by ``ActorResolver.for_document``."""

    def __init__(self, kb: ActorKB, parsed: Parsed, gazetteer: Gazetteer):
        self.kb = kb
        self.gazetteer = gazetteer
        self.doc = parsed.doc
        self.day: date | None = parsed.document.published
        self._dateline = dateline_end(parsed.document.text)
        self._names: dict[tuple[str, ...], Actor] = {}
        self._antecedents: list[Antecedent] = []
        self._spans: dict[tuple[int, int], tuple[Actor, tuple[str, ...]]] = {}
        self._sponsored: set[int] = set()  # head tokens of actors with a sponsor
        self.context = DocumentContext(kb, gazetteer, parsed.doc, self._dateline,
                                       dateline_place(parsed.document.text))
        self._read_document()

    def resolve(self, mention: Mention) -> Actor:
        return self._resolve(mention, [])

    def seat(self, actor: Actor) -> bool:
        """Whether the actor is a government named by its capital ("Tehran", "Washington")."""
        return actor.role == "GOV" and any(
            e.form == "seat" for e in self.kb.lookup(words(actor.text), cased_key(actor.text)))

    def explain(self, mention: Mention) -> list[str]:
        trace: list[str] = []
        actor = self._resolve(mention, trace)
        trace.append(f"=> {actor.code or '(uncoded)'} {actor.name!r} ({actor.kind})")
        return trace

    def _resolve(self, mention: Mention, trace: list[str]) -> Actor:
        span = self._span(mention)
        if span is None:
            trace.append("the mention does not align with the parse")
            return Actor(text=mention.text, name=mention.text)
        cached = self._spans.get((span.start, span.end)) or self._chunk_of(span)
        if cached:
            trace.extend(cached[1])
            actor = cached[0]
        else:
            actor = self._code_span(span, trace)
        if not actor.code and len(span) == 1 and span[0].lower_ in PRONOUNS:
            actor = self._cataphora(span[0], trace) or actor
        if (actor.role in DOMESTIC_ROLES and actor.code == UNKNOWN + actor.role
                and span.root.i not in self._sponsored):
            # Read in order, an agent opening its sentence saw no state named after it ("A
            # federal judge blocked Trump's tariffs"); the whole document is read by now. Only
            # roles that act at home: a minister or an army is as often acting abroad, on the
            # state named after it.
            actor = self._nearby_state(actor, span, trace, later=True)
        if actor.role and actor.code == UNKNOWN + actor.role:
            actor = self._reporters_own(actor, span, trace) or actor
        actor = self._modified_noun(span, actor, trace) or actor
        actor = self._group_role(span, actor, trace) or actor
        return actor if actor.text == mention.text else replace(actor, text=mention.text)

    def _service(self, actor: Actor, coding: Coding, span, trace: list[str]) -> Actor:
        """"Police spokesman X said officers had arrested 43 people": a bare "officer" serves
        in the police when police, not the military, were the last of the two named before."""
        if [p.entry.name for p in coding.pieces if p.entry.kind == "agent"] != [span.root.lemma_]:
            return actor  # "army officers", "police officers" say which
        sentence = sentence_starts(self.doc)[span.start]
        recent = sorted({a.sentence for a in self._antecedents if a.start < span.start})
        window = set(recent[-INHERIT_WINDOW:]) | {sentence}
        served = next((a.actor.role for a in reversed(self._antecedents)
                       if a.start < span.start and a.sentence in window
                       and a.actor.role in SERVICE_NOUNS[span.root.lemma_.lower()]), None)
        if served is None or served == actor.role:
            return actor
        trace.append(f"'{span.root.text}' serves where the last named did: {served}")
        return replace(actor, role=served, code=(actor.country or UNKNOWN) + served)

    def _reporters_own(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"Three soldiers were killed in an ambush, the Nigerien army said": those an act
        reported by a state's body was done to are that state's; not those who did it
        ("drones hit a refinery, the ministry said" reports the other side's drones)."""
        reporter = _reporting_verb(span.root, ("nsubjpass", "dobj"))
        speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None) if (
            reporter is not None) else None
        found = self._read_at(speaker) if speaker is not None else None
        if (found is None or found.country not in self.kb.states
                or found.role in SOURCE_ROLES):
            return None
        trace.append(f"role {actor.role} with no country: acted on, as '{found.text}' "
                     f"reports: {found.country}")
        return replace(actor, country=found.country, code=found.country + actor.role)

    def _read_at(self, head) -> Actor | None:
        """The actor read, in order, from the phrase headed by ``head``."""
        return next((actor for (start, end), (actor, _) in self._spans.items()
                     if self.doc[start:end].root.i == head.i), None)

    def _group_role(self, span, actor: Actor, trace: list[str]) -> Actor | None:
        """"The foreign ministers of India and Pakistan": a state named in a group's "of" or
        "from" phrase, where the extractor made each side a participant, takes the group's
        role (INDGOV, PAKGOV)."""
        if actor.kind != "country" or actor.role or not actor.country:
            return None
        group = group_of_side(span.root)
        if group is None:
            return None  # "recalled its ambassador from Israel": no group of sides
        # The role the group's own noun names, not one it took from a side ("officials from
        # Hamas" are REB, Israel's officials are not).
        role = next((e.role for e in self.kb.lookup(words(group.lemma_))
                     if e.kind == "agent" and e.role), None)
        if role is None:
            return None
        trace.append(f"one side of '{group.text}': role {role}")
        return replace(actor, role=role, code=actor.country + role)

    def _chunk_of(self, span) -> tuple[Actor, tuple[str, ...]] | None:
        """The phrase read for the document that holds a shorter mention with the same head
        ("backed separatists" inside "Russian-backed separatists"): coded as a whole, so
        the words the mention leaves out still count."""
        for (start, end), found in self._spans.items():
            if start <= span.start and span.end <= end and self.doc[start:end].root == span.root:
                return found
        return None

    def _cataphora(self, token, trace: list[str]) -> Actor | None:
        """A pronoun with no actor before it ("During his visit, Putin signed"): the first
        compatible subject after it in its sentence."""
        sentence = token.sent
        for later in self._antecedents:
            if (later.start > token.i and later.start < sentence.end and later.subject
                    and _fits(token.lower_, later.actor)):
                trace.append(f"pronoun '{token.text}' -> '{later.actor.text}', named after it")
                return later.actor
        return None

    def _modified_noun(self, span, actor: Actor, trace: list[str]) -> Actor | None:
        """A mention that only modifies a noun ("Indian" in "Indian and Pakistani troops",
        "IAEA" in "IAEA chief Rafael Grossi") is coded together with that noun when the noun
        adds a role or names the person."""
        if actor.role or actor.kind == "person":
            return None
        head = _modified_head(span)
        if head is None:
            return None
        whole = self._enclosing(head)
        if whole is not None and whole.kind == "person" and whole.code and named_person(whole):
            trace.append(f"'{span_text(span)}' qualifies '{whole.name}'")
            return whole
        nouns = [t for t in head.children if t.dep_ == "compound" and span.end <= t.i < head.i]
        ws = token_words(span) + token_words(nouns) + token_words([head])
        coding = code_words(self.kb, ws, span_text(span), self.day, [], self._possessor)
        found = coding.actor
        if found.role and found.code and found.country == actor.country and coding.basis != "none":
            trace.append(f"'{span_text(span)}' modifies '{head.text}': {found.code}")
            return replace(actor, role=found.role, code=found.code)
        return None

    def _enclosing(self, token) -> Actor | None:
        for (start, end), (actor, _) in self._spans.items():
            if start <= token.i < end:
                return actor
        return None

    def _span(self, mention: Mention):
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            if 0 <= mention.head < len(self.doc):
                return self.doc[mention.head : mention.head + 1]
            return None
        return span

    # reading the document in order

    def _read_document(self) -> None:
        for span in _phrases(self.doc):
            if not self._may_name(span):
                continue  # coded on demand, should an event name it
            trace: list[str] = []
            actor = self._code_span(span, trace)
            actor = self._apposition(span, actor, trace)
            self._spans[(span.start, span.end)] = (actor, tuple(trace))
            if actor.code or actor.kind == "person":
                self._antecedents.append(
                    Antecedent(span.start, span.end, sentence_starts(self.doc)[span.start], actor,
                               span.root.dep_ in ("nsubj", "nsubjpass"))
                )

    def _may_name(self, span) -> bool:
        """Could the phrase be coded as an actor or a person, and so be an antecedent? Not
        "energy facilities" or "the proposal": no name, pronoun or capital past the sentence's
        opening article, and no word a known phrase or a back-referring noun begins with."""
        table = token_table(self.doc)
        starts = sentence_starts(self.doc)
        for i in range(span.start, span.end):
            text = table.text[i]
            if table.pos[i] in ("PRON", "PROPN") or table.ent_type[i] or "-" in text:
                return True
            if text[:1].isupper() and not (starts[i] == i and table.pos[i] == "DET"):
                return True
            if self.kb.starts_phrase(norm_word(text)) or table.lower[i] in ANAPHORIC_NOUNS:
                return True
        return False

    def _apposition(self, span, actor: Actor, trace: list[str]) -> Actor:
        """Merge "X, Y" appositions: an unknown person takes the other half's country/role."""
        root = span.root
        if root.dep_ != "appos":
            return actor
        other = next((a for a in reversed(self._antecedents)
                      if a.start <= root.head.i < a.end), None)
        if other is None:
            return actor
        if _description(other.actor) and actor.kind == "person" and named_person(actor):
            merged = replace(actor, text=other.actor.text)
            if not actor.code:
                merged = replace(merged, country=other.actor.country, role=other.actor.role,
                                 code=other.actor.code)
                actor = replace(merged, text=actor.text)
            trace.append(f"apposition: '{other.actor.text}' is {actor.name}")
            self._replace_antecedent(other, merged)
        elif _unplaced_person(other.actor) and actor.code and actor.kind != "country":
            merged = replace(other.actor, country=actor.country, role=actor.role, code=actor.code)
            trace.append(f"apposition: '{other.actor.text}' is '{span_text(span)}' -> {actor.code}")
            self._replace_antecedent(other, merged)
        elif _unplaced_person(actor) and other.actor.code:
            trace.append(f"apposition: '{span_text(span)}' is '{other.actor.text}'")
            actor = replace(actor, country=other.actor.country, role=other.actor.role,
                            code=other.actor.code)
            self._remember_name(actor)
        elif (not other.actor.country and other.actor.kind != "person"
              and actor.kind == "organization" and actor.country):
            # "the rebel group M23", "the militant group, al-Shabaab": the name says who the
            # description is.
            merged = replace(actor, text=other.actor.text)
            note = f"apposition: '{other.actor.text}' is {actor.name} -> {actor.code}"
            trace.append(note)
            self._replace_antecedent(other, merged)
            key = (other.start, other.end)
            if key in self._spans:
                self._spans[key] = (merged, (*self._spans[key][1], note))
        return actor

    def _replace_antecedent(self, old: Antecedent, actor: Actor) -> None:
        index = self._antecedents.index(old)
        self._antecedents[index] = replace(old, actor=actor)
        key = (old.start, old.end)
        if key in self._spans:
            self._spans[key] = (actor, self._spans[key][1])
        self._remember_name(actor)

    def _remember_name(self, actor: Actor) -> None:
        if actor.kind != "person":
            return
        key = words(actor.name)
        if len(key) > 1:
            self._names[key] = actor
            self._names[key[-1:]] = actor
            # A family name written first ("Wang Yi ... Wang", "Hun Manet ... Hun"), unless the
            # word already names someone in the document.
            self._names.setdefault(key[:1], actor)

    # coding one span with the document's context

    def _code_span(self, span, trace: list[str]) -> Actor:
        if len(span) == 1 and token_table(self.doc).lower[span.start] in PRONOUNS:
            return self._pronoun(span[0], trace)
        place = self._place(span, trace)
        if place is not None:
            return place
        ws = named_with_apostrophe(self.kb, token_words(span))
        text = span_text(span)
        for segment in _comma_segments(ws):  # one segment at least, so ``actor`` is set
            coding = code_words(self.kb, segment, text, self.day, trace, self._possessor)
            actor = self._in_context(coding, span, segment, trace)
            if actor.code:
                break
        actor = self._area(span, actor, trace)
        if not actor.code:
            actor = self._settlement(span, trace) or self._anaphor(span, trace) or actor
        if not actor.code:
            actor = self._unknown(span, actor)
        return self._regional_body(span, actor, trace)

    def _regional_body(self, span, actor: Actor, trace: list[str]) -> Actor:
        """A name the knowledge base lacks that joins a region word to an institution noun
        ("the West African Monetary Union", "the Asian Games Council") names a regional
        organisation, not the region itself."""
        if actor.kind == "person":
            return actor
        table = token_table(self.doc)
        nouns = [table.text[i] for i in range(span.start, span.end)
                 if table.text[i][:1].isupper() and table.lower[i] in INSTITUTION_NOUNS]
        pieces = find_pieces(self.kb, token_words(span)) if nouns else []
        if any(p.entry.kind in ("organization", "person") for p in pieces):
            return actor  # a name the knowledge base knows ("European Union")
        regions = [p.entry.country for p in pieces
                   if p.entry.kind == "country" and p.entry.country not in self.kb.states
                   and p.entry.country not in NON_REGIONS]
        if not regions:
            return actor
        trace.append(f"'{nouns[-1]}' makes '{span_text(span)}' a regional organisation")
        name = _label_text(span)
        return Actor(text=span_text(span), name=name, country="IGO", role="IGO",
                     code="IGO" + regions[0], kind="organization")

    def _place(self, span, trace: list[str]) -> Actor | None:
        """A place name the knowledge base does not know ("Kharkiv", "Khan Younis") stands
        for its country; a capital the knowledge base knows stays the government
        ("Washington"), a known surname the person ("Rubio")."""
        table = token_table(self.doc)
        tokens = [i for i in range(span.start, span.end)
                  if table.pos[i] in ("PROPN", "NOUN", "ADJ") or table.ent_type[i]]
        if not tokens or not table.text[tokens[0]][:1].isupper():
            return None
        text = text_between(self.doc, tokens[0], tokens[-1] + 1)
        key = words(text)
        if self.kb.lookup(key, cased_key(text)) or any(table.ent_type[i] == "NORP" for i in tokens):
            return None
        if all(w in PLACE_QUALIFIERS for w in key):
            return None  # "the North" is a side in a story, not a town that happens to be named so
        if key and self.kb.surname(key[-1]) and table.pos[tokens[-1]] == "PROPN":
            return None  # "Rubio" is the secretary of state before it is a Venezuelan town
        # The small tagger often calls a town ORG or nothing; a PERSON reading is trusted
        # unless our own table lists the place.
        person = any(table.ent_type[i] == "PERSON" for i in tokens)
        place = place_named(self.gazetteer, text, curated_only=person)
        if place is None or not place.country or place.feature == "country":
            return None
        if self.context.namesake(text, place.country):
            trace.append(f"place '{text}': only a namesake in {place.country}, no state")
            return None
        trace.append(f"place '{text}' ({place.feature}) stands for its country {place.country}")
        return Actor(text=span_text(span), name=place.name, country=place.country, role=None,
                     code=place.country, kind="country")

    def _possessor(self, ws: Sequence[Word]) -> Actor | None:
        if not ws:
            return None
        if len(ws) == 1 and ws[0].possessive:
            # "its", "their" point back; "our", "my", "whose" name no actor of their own
            return self._pronoun(self.doc[ws[0].token], []) if ws[0].norm in PRONOUNS else None
        return self._code_span(self.doc[ws[0].token : ws[-1].token + 1], [])

    def _in_context(self, coding: Coding, span, ws: Sequence[Word], trace: list[str]) -> Actor:
        actor = coding.actor
        if coding.basis in ("entity", "country") and span.root.ent_type_ == "PERSON" and any(
            p.entry.petrarch for p in coding.pieces
        ):
            actor = replace(actor, kind="person")  # PETRARCH entries do not say what they name
        name = _person_name(span, ws, coding) if coding.basis in ("country", "agent") else None
        earlier = self._names.get((ws[0].norm,)) if coding.basis == "person" and len(ws) == 1 else None
        if earlier is not None and earlier.name != actor.name:
            # "Rodrigo Duterte ... Duterte": the document's own Duterte, not the knowledge
            # base's office holder of that surname on the day.
            trace.append(f"'{span_text(span)}' names {earlier.name} earlier in the document")
            return replace(earlier, text=span_text(span))
        if coding.basis == "person":
            self._remember_name(actor)
        if coding.basis == "none":
            return self._by_name(span, ws, trace) or actor
        if coding.basis == "country" and actor.kind == "country" and _counted_people(span):
            trace.append(f"'{span_text(span)}' counts people of {actor.country}: civilians")
            return replace(actor, role="CVL", code=actor.country + "CVL", kind="group")
        if coding.basis == "agent" and span.root.lemma_.lower() in SERVICE_NOUNS:
            actor = self._service(actor, coding, span, trace)
        if coding.basis == "agent" and not actor.country and not coding.sponsored:
            country = self.context.qualifying_place(span)
            if country:
                trace.append(f"a place before the agent noun gives {country}")
                actor = replace(actor, country=country,
                                code=country + actor.code.removeprefix(UNKNOWN))
        if name and coding.basis in ("country", "agent"):
            trace.append(f"titled person '{name}' (not in the knowledge base)")
            actor = replace(actor, name=name, kind="person")
            if not actor.country and actor.role:
                actor = self._home_country(actor, trace)
            if (not actor.country and actor.role and actor.role not in TRAVELLING_ROLES
                    and not coding.sponsored):
                # "Belarus jailed opposition activist Maria Kolesnikova": as for the title alone;
                # but a minister or former leader is as often the other side's ("Prime Minister
                # X offered condolences to Israeli Prime Minister Netanyahu").
                actor = self._attached(actor, span, trace) or self._inherit(actor, span, trace)
            self._remember_name(actor)
            return actor
        if coding.basis == "agent" and not actor.country:
            actor = self._agent_country(actor, coding, span, trace)
        if actor.kind == "person" and coding.basis in ("country", "agent") and actor.country:
            actor = self._holder(actor, coding, span, trace)
        return actor

    def _agent_country(self, actor: Actor, coding: Coding, span, trace: list[str]) -> Actor:
        if actor.role == "IGO":
            # "the international community", "a UN special rapporteur" named bare: no state's
            # body, whatever state the sentence names; an international one of its kind met
            # earlier, else international in general.
            found = self._attached(actor, span, trace) or self._same_role(actor, span, trace)
            if found is None:
                trace.append("an international body takes no state's country: IGO")
            return found or replace(actor, country="IGO", code="IGO")
        if coding.sponsored or _backed(span):
            trace.append("a sponsored actor takes no country from its sponsor or the context")
            self._sponsored.add(span.root.i)
            return self._attached(actor, span, trace) or actor
        if _foreign(span, coding):
            # "accused foreign intelligence services": of some other state than the one the
            # context names ("the foreign minister" is a title, and keeps the rule below).
            trace.append("'foreign' agents take no country from the context")
            return actor
        return self._attached(actor, span, trace) or self._inherit(actor, span, trace)

    def _by_name(self, span, ws: Sequence[Word], trace: list[str]) -> Actor | None:
        """A name met earlier in the document, or a knowledge-base surname."""
        key = tuple(w.norm for w in ws if not w.barrier)
        if not key:
            return None
        for probe in (key, key[-1:]):
            known = self._names.get(probe)
            if known:
                trace.append(f"'{' '.join(probe)}' names {known.name} earlier in the document")
                return replace(known, text=span_text(span))
        if not any(w.raw[:1].isupper() for w in ws):
            return None
        people = self.kb.surname(key[-1]) if len(key) == 1 else []
        active = [p for p in people if role_on(p, self.day) is not None] or people
        if len(active) == 1:
            trace.append(f"surname '{key[-1]}' -> {active[0].name} (knowledge base)")
            return person_actor(active[0], span_text(span), self.day, trace)
        if len(active) > 1:
            trace.append(f"surname '{key[-1]}' is ambiguous: {[p.name for p in active]}")
        return None

    def _attached(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"soldiers from Gondor", "the government of Gondor": a country in an attached
        of/from/in phrase (outside the mention) gives the bare agent its country. A member
        or voice of a non-state organisation ("a spokesman for the Taliban", "fighters of
        Hezbollah") speaks for it and takes its code."""
        for prep in span.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in OWNER_PREPS or prep.i < span.end:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                owner = self._owner(obj)
                if not owner.country or owner.kind not in ("country", "organization"):
                    continue
                if prep.lower_ in MEMBER_PREPS and _own_code(owner):
                    trace.append(f"'{span_text(span)} {prep.text} {owner.text}' speaks for "
                                 f"{owner.name}: {owner.code}")
                    return replace(owner, text=span_text(span))
                if prep.lower_ == "with" or (prep.lower_ == "for" and owner.kind == "country"
                                             and actor.kind != "person"):
                    continue  # "troops for Ukraine" are sent to it, not by it
                trace.append(f"'{prep.text} {owner.text}' gives the country {owner.country}")
                code = _compose(owner, actor)
                return replace(actor, country=owner.country, code=code)
        return self._dispatched_by(actor, span, trace)

    def _dispatched_by(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"Shot down 40 drones launched by Russia": the agent of a participle of sending or
        launching owns the forces or weapons it describes."""
        for verb in span.root.children:
            if (verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.i < span.end
                    or verb.lemma_.lower() not in DISPATCH_VERBS):
                continue
            for obj in (o for agent in verb.children if agent.dep_ == "agent"
                        for o in agent.children if o.dep_ == "pobj"):
                owner = self._owner(obj)
                if owner.country and owner.kind in ("country", "organization"):
                    trace.append(f"'{verb.text} by {owner.text}' gives the country "
                                 f"{owner.country}")
                    return replace(actor, country=owner.country, code=_compose(owner, actor))
        return None

    def _owner(self, obj) -> Actor:
        """The actor an attached phrase names: its whole name where the knowledge base knows
        it ("the Revolutionary Armed Forces of Colombia"), else the words up to its head."""
        whole = self.doc[obj.left_edge.i : obj.right_edge.i + 1]
        if whole.end > obj.i + 1 and not any(t.is_punct or t.pos_ == "VERB" for t in whole):
            ws = [w for w in token_words(whole) if w.norm not in PLACE_QUALIFIERS]
            found = code_words(self.kb, ws, whole.text, self.day, [])
            if found.basis in ("entity", "country") and [
                (p.start, p.end) for p in found.pieces
            ] == [(0, len(ws))]:
                return replace(found.actor, text=whole.text)
        return self._code_span(self.doc[obj.left_edge.i : obj.i + 1], [])

    def _inherit(self, actor: Actor, span, trace: list[str]) -> Actor:
        """A bare agent ("the army") borrows the country of the last actor with its role,
        else of a place named in its sentence, else of the nearest state actor in its own or
        the previous sentence. A capitalised institution ("the Supreme Court") is the
        country's own, not the one named before with the same role ("the court in The
        Hague")."""
        if span.root.lemma_.lower() in VESSEL_NOUNS:
            # "The Houthis fired missiles at a commercial tanker": ships sail under flags of
            # their own, not those of the states around them.
            trace.append(f"a '{span.root.text}' takes no country from the context")
            return actor
        borrowed = None if _proper_title(span) else self._same_role(actor, span, trace)
        found = borrowed or self._sentence_place(actor, span, trace)
        if found is None and span.root.lemma_.lower() in CAPTIVE_NOUNS:
            # "Hamas agreed to release ten hostages": captives are seldom their captor's people.
            trace.append(f"'{span.root.text}' take no country from those who hold them")
            return actor

        return found or self._nearby_state(actor, span, trace)

    def _sentence_place(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"Police arrested protesters in Istanbul": the nearest place entity of the agent's
        own clause that lies inside one country; a place in a clause that only describes
        someone ("a leader who lives in exile in Britain") says nothing about the agent.
        With none, the country the document names most often, when one leads."""
        # A head of state or minister travels: "The president met Emmanuel Macron in Paris" is
        # no French president. The government as an institution acts at home ("imposed a
        # curfew in Dhaka"), as do police, fighters or bombers where they strike.
        travels = (actor.kind == "person" and actor.role in TRAVELLING_ROLES
                   and span.root.lemma_.lower() not in LOCAL_OFFICES)
        found = None if travels else self.context.clause_place(span)
        if found:
            name, country = found
            trace.append(f"role {actor.role} with no country: the place '{name}' in its "
                         f"clause gives {country}")
            return replace(actor, country=country, code=country + actor.code.removeprefix("---"))
        country = self.context.main_country()
        if country:
            trace.append(f"role {actor.role} with no country: the document is mostly about "
                         f"{country}")
            return replace(actor, country=country, code=country + actor.code.removeprefix("---"))
        return None

    def _settlement(self, span, trace: list[str]) -> Actor | None:
        """"the town of Walikale in eastern Congo", "the city of Kherson": a name introduced
        by a settlement noun is a place, whatever the tagger says; its country is the
        gazetteer's, else that of a place attached to the noun, else the document's."""
        table = token_table(self.doc)
        root = span.root.i
        prep = table.head[root]
        noun = table.head[prep]
        if (table.dep[root] != "pobj" or table.lower[prep] != "of"
                or table.lower[noun] not in SETTLEMENT_NOUNS):
            return None
        if not table.text[root][:1].isupper():
            return None
        country = (self.context.state_of(span_text(span)) or self.context.located_in(self.doc[noun])
                   or self.context.main_country(lead=1))
        if not country:
            return None
        trace.append(f"'{table.text[noun]} of {span_text(span)}' names a place in {country}")
        return Actor(text=span_text(span), name=span_text(span), country=country, role=None, code=country,
                     kind="country")

    def _home_country(self, actor: Actor, trace: list[str]) -> Actor:
        """A titled person of no stated country ("Prime Minister Milos Vucevic") holds office
        in the country the document is about, when one country leads."""
        country = self.context.main_country(lead=1)
        if not country or self._office_taken(country, actor.role):
            return actor
        trace.append(f"'{actor.name}' holds office in the country the document is about: "
                     f"{country}")
        return replace(actor, country=country, code=country + actor.role)

    def _office_taken(self, country: str, role: str) -> bool:
        """Whether the document names a known person holding this role for this country (the
        unknown "Prime Minister X" beside "Israeli Prime Minister Netanyahu" is another
        country's)."""
        for ent in entities(self.doc):
            if ent.label_ != "PERSON":
                continue
            for entry in self.kb.lookup(words(ent.text)):
                held = role_on(entry, self.day) if entry.kind == "person" else None
                if held is not None and held.country == country and held.role == role:
                    return True
        return False

    def _area(self, span, actor: Actor, trace: list[str]) -> Actor:
        """"Diyala province", "the Hama countryside": a sub-national area the gazetteer does
        not know lies in the country the document is about."""
        table = token_table(self.doc)
        if actor.code or table.lower[span.end - 1] not in AREA_NOUNS or len(span) < 2:
            return actor
        if not table.text[span.end - 2][:1].isupper():
            return actor
        country = self.context.main_country(lead=1)
        if not country:
            return actor
        trace.append(f"'{span_text(span)}' is an area of the country the document is about: {country}")
        return Actor(text=span_text(span), name=_label_text(span), country=country, role=None,
                     code=country, kind="country")

    def _nearby_state(self, actor: Actor, span, trace: list[str], later: bool = False) -> Actor:
        """``later``: only actors named after the span, none of them in opposition."""
        sentence = span[0].sent
        previous = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        near = [a for a in self._antecedents
                if previous <= a.sentence and a.start < sentence.end and a.start != span.start
                and a.actor.country in self.kb.states and a.actor.role not in UNPLACED_ROLES
                and (not later or (a.start > span.start and a.actor.role not in EXILE_ROLES))
                and (a.sentence != sentence.start
                     or same_clause(span.root, self.doc[a.start : a.end].root))]
        if not near:
            return actor
        chosen = min(near, key=lambda a: (a.sentence != sentence.start, abs(a.start - span.start)))
        country = chosen.actor.country
        trace.append(f"role {actor.role} with no country: the nearby actor "
                     f"'{chosen.actor.text}' gives {country}")
        return replace(actor, country=country, code=country + actor.role)

    def _same_role(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        sentence = sentence_starts(self.doc)[span.start]
        sentences = {a.sentence for a in self._antecedents if a.start < span.start}
        recent = sorted(sentences)[-INHERIT_WINDOW:]
        found = [earlier for earlier in reversed(self._antecedents)
                 if earlier.start < span.start and earlier.sentence in recent
                 and earlier.sentence <= sentence and earlier.actor.role == actor.role
                 and earlier.actor.country]
        if _definite(span):
            # "President Lula flew to Beijing. The president met Xi": the titled person named
            # before is who "the president" is, even past a capital standing for its government.
            same = next((e for e in found if e.actor.kind == actor.kind and (
                actor.kind != "person" or _same_title(span, self.doc[e.start : e.end]))), None)
            if same is not None:
                trace.append(f"'{span_text(span)}' is '{same.actor.text}' again")
                return replace(same.actor, text=span_text(span))
        # A state or movement lends its people; an NGO or IGO does not ("the Committee to
        # Protect Journalists condemned the arrest of the reporter": no NGO reporter).
        found = [e for e in found if e.actor.country not in MEMBERSHIPS]
        if found:
            other = found[0].actor
            trace.append(f"role {actor.role} with no country: borrowed from '{other.text}'")
            return replace(actor, country=other.country, code=other.code[:3] + actor.role)
        return None

    def _holder(self, actor: Actor, coding: Coding, span, trace: list[str]) -> Actor:
        """"the Israeli leader": the person of that country and role met earlier, else the
        knowledge base's holder of the title on the day."""
        for earlier in reversed(self._antecedents):
            other = earlier.actor
            if (earlier.start < span.start and other.kind == "person" and named_person(other)
                    and other.country == actor.country and other.role == actor.role
                    and _same_title(span, self.doc[earlier.start : earlier.end])):
                trace.append(f"'{span_text(span)}' refers back to {other.name}")
                return replace(other, text=span_text(span))
        titles = [p.entry.name for p in coding.pieces if p.entry.kind == "agent"]
        if not titles or not _definite(span):
            return actor
        leader = any(t in LEADER_WORDS for t in titles)
        holders = list(self.kb.holders(actor.country, titles, leader, self.day))
        if len(holders) == 1:
            trace.append(f"'{span_text(span)}': {holders[0].name} holds {titles[-1]!r} on the day")
            found = person_actor(holders[0], span_text(span), self.day, trace)
            if found.country == actor.country:
                return found
        return actor

    def _unknown(self, span, actor: Actor) -> Actor:
        ent_type = token_table(self.doc).ent_type
        labels = {ent_type[i] for i in range(span.start, span.end) if ent_type[i]}
        if "PERSON" in labels:
            actor = replace(actor, kind="person")
            self._remember_name(actor)
            return actor
        if labels & {"ORG", "NORP"}:
            return replace(actor, kind="organization")
        if labels & {"GPE", "LOC"}:
            return replace(actor, kind="country")
        return actor

    # pronouns

    def _anaphor(self, span, trace: list[str]) -> Actor | None:
        """"the group", "the militant group": a definite group noun with no name of its own
        refers back to the organisation named last before it that is not an organ of a state
        (an armed group, a party, an international body)."""
        table = token_table(self.doc)
        if (table.lower[span.start] != "the" or span.root.lemma_.lower() not in ANAPHORIC_NOUNS
                or any(table.pos[i] == "PROPN" or table.ent_type[i] for i in range(span.start, span.end))):
            return None
        window = sorted({a.sentence for a in self._antecedents if a.end <= span.start})
        window = window[-PRONOUN_WINDOW:]
        found = [a for a in self._antecedents if a.end <= span.start and a.sentence in window
                 and a.actor.code and a.actor.kind == "organization"
                 and (a.actor.country not in self.kb.states or a.actor.role in NON_STATE_ROLES)]
        if not found:
            return None
        chosen = found[-1].actor
        trace.append(f"'{span_text(span)}' refers back to '{chosen.text}' ({chosen.code})")
        return replace(chosen, text=span_text(span))

    def _pronoun(self, token, trace: list[str]) -> Actor:
        word = token.lower_
        speaker = _reporting_subject(token) if word in SPEAKER_PRONOUNS else None
        if speaker is not None:
            # "The man's lawyers said they would appeal", "the army said it had repelled the
            # attack": those who say what "they" or "it" did, coded or not, not the court or
            # the attackers named before them.
            found = self._read_at(speaker)
            phrase = self.doc[speaker.left_edge.i : speaker.i + 1].text
            trace.append(f"pronoun '{token.text}' -> '{phrase}', who say it")
            if found is not None and found.code:
                return replace(found, text=token.text)
            return Actor(text=token.text, name=phrase,
                         kind="group" if word in GROUP_PRONOUNS else "organization")
        sentence = sentence_starts(self.doc)[token.i]
        window = sorted({a.sentence for a in self._antecedents if a.start < token.i})
        window = window[-PRONOUN_WINDOW:]
        # "A French lawyer filed a lawsuit against the prince, accusing him": an object pronoun
        # is never the subject of its own verb.
        own = _own_subject(token) if word in OBJECT_PRONOUNS else None
        found = [a for a in self._antecedents
                 if a.end <= token.i and a.sentence in window and _fits(word, a.actor)
                 and not (own is not None and a.start <= own.i < a.end)]
        if not found and word in GROUP_PRONOUNS:
            found = [a for a in self._antecedents if a.end <= token.i and a.sentence in window
                     and a.actor.kind == "organization"]
        if not found:
            trace.append(f"pronoun '{token.text}': no compatible actor before it")
            return Actor(text=token.text, name=token.text,
                         kind="person" if word in PERSON_PRONOUNS else "group")
        last = max(a.sentence for a in found)
        same = [a for a in found if a.sentence == last]
        subjects = [a for a in same if a.subject]
        chosen = subjects[-1] if subjects and last != sentence else same[-1]
        if subjects and last == sentence:
            chosen = subjects[0]
        trace.append(f"pronoun '{token.text}' -> '{chosen.actor.text}' ({chosen.actor.code})")
        return replace(chosen.actor, text=token.text)


def _own_subject(token):
    """The subject of the verb an object pronoun hangs on, through the participle, infinitive
    or conjoined verb that shares its governor's subject."""
    verb = token.head
    while verb.pos_ in ("VERB", "AUX"):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _backed(span) -> bool:
    """"Rebels backed by Rwanda": a sponsor named after the agent, as in "Rwanda-backed";
    not "troops supported by air force jets", which names no state or organisation."""
    return any(c.dep_ == "acl" and c.lower_ in SPONSOR_WORDS and any(
        o.dep_ == "pobj" and o.ent_type_ in ("GPE", "NORP", "ORG")
        for a in c.children if a.dep_ == "agent" for o in a.children)
        for c in span.root.children)


def _reporting_verb(token, deps: tuple[str, ...]):
    """The verb of saying whose reported clause has ``token`` in one of the ``deps``."""
    clause = token.head
    if token.dep_ not in deps or clause.dep_ != "ccomp":
        return None
    reporter = clause.head
    return reporter if reporter.lemma_.lower() in load_lexicon().attribution else None


def _reporting_subject(token):
    """The subject of the verb of saying whose reported clause has ``token`` as its subject,
    when it agrees with the pronoun: plural for "they" ("lawyers said they would appeal"),
    a singular body that is no person for "it" ("the ministry said it would")."""
    reporter = _reporting_verb(token, ("nsubj", "nsubjpass"))
    if reporter is None:
        return None
    plural = token.lower_ in GROUP_PRONOUNS
    return next((c for c in reporter.children if c.dep_ == "nsubj" and c.i < token.i
                 and (c.tag_ in ("NNS", "NNPS") if plural
                      else c.tag_ in ("NN", "NNP") and c.ent_type_ != "PERSON")), None)


def _counted_people(span) -> bool:
    """A plural demonym counted as people ("three Palestinians", "thousands of Kenyans"),
    not the nation acting ("the Americans rejected the offer")."""
    root = span.root
    if root.ent_type_ != "NORP" or root.tag_ not in ("NNS", "NNPS"):
        return False
    if any(child.dep_ == "nummod" for child in root.children):
        return True
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return head is not None and (head.ent_type_ == "CARDINAL" or head.like_num)


def _own_code(owner: Actor) -> bool:
    """An organisation whose members keep its code: not a state organ (armed groups, IGOs,
    NGOs, parties)."""
    return owner.kind == "organization" and (
        owner.role not in (None, "GOV") or owner.country in ("IGO", "NGO")
    )


def _compose(owner: Actor, agent: Actor) -> str:
    """The code of an agent placed by another actor: its country code plus the agent's."""
    base = owner.code if owner.kind == "country" else (owner.country or "")
    suffix = agent.code.removeprefix("---")
    return base + suffix if not base.endswith(suffix) else base


def _modified_head(span):
    """The noun a mention only modifies: through coordinated modifiers ("Indian and
    Pakistani troops") to the head outside the mention."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ not in MODIFIER_DEPS or span.start <= head.i < span.end or head.i < span.end:
        return None
    return head if head.pos_ in ("NOUN", "PROPN") else None


def _fits(pronoun: str, actor: Actor) -> bool:
    if pronoun in PERSON_PRONOUNS:
        return actor.kind == "person"
    if pronoun in THING_PRONOUNS:
        return actor.kind in ("organization", "country")
    return actor.kind == "group"


def named_person(actor: Actor) -> bool:
    """A person (or body) with a name, not a description such as "Israeli leader"."""
    if actor.wikidata:
        return True
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES
               for w in actor.name.replace("-", " ").split())


def _description(actor: Actor) -> bool:
    """A coded role description standing for a person ("Ukraine's foreign minister")."""
    return actor.kind == "person" and bool(actor.code) and not named_person(actor)


def _unplaced_person(actor: Actor) -> bool:
    return actor.kind == "person" and not actor.country and not actor.role


def _proper_title(span) -> bool:
    """Whether the phrase's head word is capitalised inside the sentence ("the Supreme Court")."""
    root = span.root
    return root.text[:1].isupper() and not root.is_sent_start


def _label_text(span) -> str:
    lower = token_table(span.doc).lower
    start = span.start
    while start < span.end and lower[start] in ("the", "a", "an"):
        start += 1
    return text_between(span.doc, start, span.end) if start < span.end else span_text(span)


def _foreign(span, coding: Coding) -> bool:
    """Whether "foreign" qualifies an agent noun whose title does not include it."""
    titles = " ".join(p.entry.name for p in coding.pieces if p.entry.kind == "agent").lower()
    return "foreign" not in titles.split() and any(t.lower_ == "foreign" for t in span)


def _same_title(span, earlier) -> bool:
    """Whether a bare title ("the president", "the Serbian president") repeats the words of
    an earlier titled mention ("Serbia's president Aleksandar Vucic"); "the foreign minister"
    after it is someone else. A bare name before it ("Vucic") has no title to differ."""
    # The title may stand before the name or be what the name is in apposition to
    # ("Serbia's president Aleksandar Vucic").
    anchor = earlier.root.head if earlier.root.dep_ == "appos" else earlier.root
    phrase = earlier.doc[min(earlier.start, anchor.left_edge.i) : earlier.end]
    named = {t.lemma_.lower() for t in phrase if t.ent_type_ not in ("PERSON", "GPE", "NORP")
             and t.is_alpha}
    title = [span.root, *(c for c in span.root.children if c.dep_ in ("amod", "compound"))]
    return not named or all(t.lemma_.lower() in named for t in title
                            if t.ent_type_ not in ("GPE", "NORP"))


def _definite(span) -> bool:
    table = token_table(span.doc)
    first = table.lower[span.start]
    return first in ("the", "this", "that", "these", "those") or table.tag[span.start] == "PRP$"


def _person_name(span, ws: Sequence[Word], coding: Coding) -> str | None:
    """The PERSON entity in the phrase that no knowledge-base piece covered."""
    ent_type = token_table(span.doc).ent_type
    people = [i for i in range(span.start, span.end) if ent_type[i] == "PERSON"]
    if not people:
        return None
    cut = max((i for i, w in enumerate(ws) if w.possessive), default=-1)
    head_ws = ws[cut + 1 :]
    tokens = {head_ws[i].token for p in coding.pieces for i in range(p.start, p.end)}
    owned = {w.token for w in head_ws}
    people = [i for i in people if i in owned and i not in tokens]
    if not people:
        return None
    return text_between(span.doc, people[0], people[-1] + 1)


def _comma_segments(ws: Sequence[Word]) -> list[list[Word]]:
    segments: list[list[Word]] = [[]]
    for w in ws:
        if w.barrier and not w.possessive and w.raw in (",", ";", "(", ")"):
            segments.append([])
        else:
            segments[-1].append(w)
    return [s for s in segments if s] or [list(ws)]


def _unspaced(chunk):
    """A chunk without the white space a masked wire dateline leaves before it."""
    first = chunk.start
    while first < chunk.end - 1 and chunk.doc[first].is_space:
        first += 1
    return chunk if first == chunk.start else chunk.doc[first : chunk.end]


NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))


def _phrases(doc) -> list:
    """Noun chunks and the named entities they miss, in document order; a chunk that is all
    date or time ("in May", "last March") names no actor, nor Theresa May."""
    names = [ent for ent in entities(doc) if ent.label_ in NAME_LABELS]
    ends = {i: ent.end for ent in names for i in range(ent.start, ent.end)}
    spans = [_through_name(_unspaced(chunk), ends) for chunk in doc.noun_chunks
             if not all(t.ent_type_ in ("DATE", "TIME") for t in chunk)]
    covered = {i for s in spans for i in range(s.start, s.end)}
    for ent in names:
        if not any(i in covered for i in range(ent.start, ent.end)):
            spans.append(ent)
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _through_name(chunk, ends: dict[int, int]):
    """A chunk that stops inside a name runs to the name's end: "The Democratic Republic"
    of "The Democratic Republic of Congo" is no party of its own."""
    end = ends.get(chunk.end - 1, chunk.end)
    return chunk.doc[chunk.start : end] if end > chunk.end else chunk
