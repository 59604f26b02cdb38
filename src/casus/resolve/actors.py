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
  named in its sentence ("police arrested protesters in Istanbul" TUR COP);
- a place name the knowledge base does not know stands for its country ("pounded Kharkiv" UKR);
- a demonym or name that only modifies a noun ("Indian and Pakistani troops", "IAEA chief
  Rafael Grossi") is coded with that noun: IND MIL, the person;
- a pronoun takes the nearest compatible earlier actor, preferring a sentence subject: he/she
  a person, it an organisation or country, they a group; with none before it, the first
  compatible subject after it in its sentence ("During his visit, Putin signed").

Roles are those in force on the document's publication date (the latest when it has none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from casus.models import Actor, Mention, Parsed
from casus.nlp import entities
from casus.resolve.actors_phrase import (
    Coding,
    Word,
    code_words,
    person_actor,
    token_words,
)
from casus.resolve.clauses import dateline_end
from casus.resolve.gazetteer import Gazetteer
from casus.resolve.kb import ActorKB, role_on, words
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
LEADER_WORDS = frozenset({"leader", "head of state", "head of government", "ruler"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
PRONOUN_WINDOW = 3  # sentences back a pronoun may reach
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
        self._read_document()

    def resolve(self, mention: Mention) -> Actor:
        return self._resolve(mention, [])

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
        cached = self._spans.get((span.start, span.end))
        if cached:
            trace.extend(cached[1])
            actor = cached[0]
        else:
            actor = self._code_span(span, trace)
        if not actor.code and len(span) == 1 and span[0].lower_ in PRONOUNS:
            actor = self._cataphora(span[0], trace) or actor
        actor = self._modified_noun(span, actor, trace) or actor
        return replace(actor, text=mention.text)

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
        if whole is not None and whole.kind == "person" and whole.code and _named(whole):
            trace.append(f"'{span.text}' qualifies '{whole.name}'")
            return whole
        nouns = [t for t in head.children if t.dep_ == "compound" and span.end <= t.i < head.i]
        ws = token_words(span) + token_words(nouns) + token_words([head])
        coding = code_words(self.kb, ws, span.text, self.day, [], self._possessor)
        found = coding.actor
        if found.role and found.code and found.country == actor.country and coding.basis != "none":
            trace.append(f"'{span.text}' modifies '{head.text}': {found.code}")
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
            trace: list[str] = []
            actor = self._code_span(span, trace)
            actor = self._apposition(span, actor, trace)
            self._spans[(span.start, span.end)] = (actor, tuple(trace))
            if actor.code or actor.kind == "person":
                self._antecedents.append(
                    Antecedent(span.start, span.end, span[0].sent.start, actor,
                               span.root.dep_ in ("nsubj", "nsubjpass"))
                )

    def _apposition(self, span, actor: Actor, trace: list[str]) -> Actor:
        """Merge "X, Y" appositions: an unknown person takes the other half's country/role."""
        root = span.root
        if root.dep_ != "appos":
            return actor
        other = next((a for a in reversed(self._antecedents)
                      if a.start <= root.head.i < a.end), None)
        if other is None:
            return actor
        if _description(other.actor) and actor.kind == "person" and _named(actor):
            merged = replace(actor, text=other.actor.text)
            if not actor.code:
                merged = replace(merged, country=other.actor.country, role=other.actor.role,
                                 code=other.actor.code)
                actor = replace(merged, text=actor.text)
            trace.append(f"apposition: '{other.actor.text}' is {actor.name}")
            self._replace_antecedent(other, merged)
        elif _unplaced_person(other.actor) and actor.code and actor.kind != "country":
            merged = replace(other.actor, country=actor.country, role=actor.role, code=actor.code)
            trace.append(f"apposition: '{other.actor.text}' is '{span.text}' -> {actor.code}")
            self._replace_antecedent(other, merged)
        elif _unplaced_person(actor) and other.actor.code:
            trace.append(f"apposition: '{span.text}' is '{other.actor.text}'")
            actor = replace(actor, country=other.actor.country, role=other.actor.role,
                            code=other.actor.code)
            self._remember_name(actor)
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

    # coding one span with the document's context

    def _code_span(self, span, trace: list[str]) -> Actor:
        if len(span) == 1 and span[0].lower_ in PRONOUNS:
            return self._pronoun(span[0], trace)
        place = self._place(span, trace)
        if place is not None:
            return place
        ws = token_words(span)
        segments = _comma_segments(ws)
        actor = Actor(text=span.text, name=span.text)
        for segment in segments:
            coding = code_words(self.kb, segment, span.text, self.day, trace, self._possessor)
            actor = self._in_context(coding, span, segment, trace)
            if actor.code:
                break
        if not actor.code:
            actor = self._unknown(span, actor)
        return actor

    def _place(self, span, trace: list[str]) -> Actor | None:
        """A place name the knowledge base does not know ("Kharkiv", "Khan Younis") stands
        for its country; a capital the knowledge base knows stays the government
        ("Washington"), a known surname the person ("Rubio")."""
        tokens = [t for t in span if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.ent_type_]
        if not tokens or not tokens[0].text[:1].isupper():
            return None
        text = self.doc[tokens[0].i : tokens[-1].i + 1].text
        key = words(text)
        if self.kb.lookup(key) or any(t.ent_type_ == "NORP" for t in tokens):
            return None
        if key and self.kb.surname(key[-1]) and tokens[-1].pos_ == "PROPN":
            return None  # "Rubio" is the secretary of state before it is a Venezuelan town
        # The small tagger often calls a town ORG or nothing; a PERSON reading is trusted
        # unless our own table lists the place.
        person = any(t.ent_type_ == "PERSON" for t in tokens)
        place = place_named(self.gazetteer, text, curated_only=person)
        if place is None or not place.country or place.feature == "country":
            return None
        trace.append(f"place '{text}' ({place.feature}) stands for its country {place.country}")
        return Actor(text=span.text, name=place.name, country=place.country, role=None,
                     code=place.country, kind="country")

    def _possessor(self, ws: Sequence[Word]) -> Actor | None:
        if not ws:
            return None
        if len(ws) == 1 and ws[0].norm in PRONOUNS:
            return self._pronoun(self.doc[ws[0].token], [])
        return self._code_span(self.doc[ws[0].token : ws[-1].token + 1], [])

    def _in_context(self, coding: Coding, span, ws: Sequence[Word], trace: list[str]) -> Actor:
        actor = coding.actor
        if coding.basis in ("entity", "country") and span.root.ent_type_ == "PERSON" and any(
            p.entry.petrarch for p in coding.pieces
        ):
            actor = replace(actor, kind="person")  # PETRARCH entries do not say what they name
        name = _person_name(span, ws, coding)
        if coding.basis == "person":
            self._remember_name(actor)
        if coding.basis == "none":
            return self._by_name(span, ws, trace) or actor
        if name and coding.basis in ("country", "agent"):
            trace.append(f"titled person '{name}' (not in the knowledge base)")
            actor = replace(actor, name=name, kind="person")
            self._remember_name(actor)
            return actor
        if coding.basis == "agent":
            actor = self._attached(actor, span, trace) or self._inherit(actor, span, trace)
        if actor.kind == "person" and coding.basis in ("country", "agent") and actor.country:
            actor = self._holder(actor, coding, span, trace)
        return actor

    def _by_name(self, span, ws: Sequence[Word], trace: list[str]) -> Actor | None:
        """A name met earlier in the document, or a knowledge-base surname."""
        key = tuple(w.norm for w in ws if not w.barrier)
        if not key:
            return None
        for probe in (key, key[-1:]):
            known = self._names.get(probe)
            if known:
                trace.append(f"'{' '.join(probe)}' names {known.name} earlier in the document")
                return replace(known, text=span.text)
        if not any(w.raw[:1].isupper() for w in ws):
            return None
        people = self.kb.surname(key[-1]) if len(key) == 1 else []
        active = [p for p in people if role_on(p, self.day) is not None] or people
        if len(active) == 1:
            trace.append(f"surname '{key[-1]}' -> {active[0].name} (knowledge base)")
            return person_actor(active[0], span.text, self.day, trace)
        if len(active) > 1:
            trace.append(f"surname '{key[-1]}' is ambiguous: {[p.name for p in active]}")
        return None

    def _attached(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"soldiers from Gondor", "the government of Gondor": a country in an attached
        of/from/in phrase (outside the mention) gives the bare agent its country."""
        for prep in span.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in") or prep.i < span.end:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                owner = self._code_span(self.doc[obj.left_edge.i : obj.i + 1], [])
                if owner.country and owner.kind in ("country", "organization"):
                    trace.append(f"'{prep.text} {owner.text}' gives the country {owner.country}")
                    code = _compose(owner, actor)
                    return replace(actor, country=owner.country, code=code)
        return None

    def _inherit(self, actor: Actor, span, trace: list[str]) -> Actor:
        """A bare agent ("the army") borrows the country of the last actor with its role,
        else of a place named in its sentence, else of the nearest state actor in its own or
        the previous sentence."""
        return (self._same_role(actor, span, trace) or self._sentence_place(actor, span, trace)
                or self._nearby_state(actor, span, trace))

    def _sentence_place(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        """"Police arrested protesters in Istanbul": the nearest place entity of the sentence
        that lies inside one country."""
        sentence = span[0].sent
        places = [e for e in entities(self.doc) if e.label_ in ("GPE", "LOC")
                  and sentence.start <= e.start < sentence.end
                  and e.start_char >= self._dateline]
        for ent in sorted(places, key=lambda e: abs(e.start - span.start)):
            place = place_named(self.gazetteer, ent.text)
            if place is not None and place.country and place.country in self.kb.states:
                trace.append(f"role {actor.role} with no country: the place '{ent.text}' in its "
                             f"sentence gives {place.country}")
                return replace(actor, country=place.country,
                               code=place.country + actor.code.removeprefix("---"))
        return None

    def _nearby_state(self, actor: Actor, span, trace: list[str]) -> Actor:
        sentence = span[0].sent
        previous = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        near = [a for a in self._antecedents
                if previous <= a.sentence and a.start < sentence.end and a.start != span.start
                and a.actor.country in self.kb.states]
        if not near:
            return actor
        chosen = min(near, key=lambda a: (a.sentence != sentence.start, abs(a.start - span.start)))
        country = chosen.actor.country
        trace.append(f"role {actor.role} with no country: the nearby actor "
                     f"'{chosen.actor.text}' gives {country}")
        return replace(actor, country=country, code=country + actor.role)

    def _same_role(self, actor: Actor, span, trace: list[str]) -> Actor | None:
        sentence = span[0].sent.start
        sentences = {a.sentence for a in self._antecedents if a.start < span.start}
        recent = sorted(sentences)[-INHERIT_WINDOW:]
        for earlier in reversed(self._antecedents):
            if earlier.start >= span.start or earlier.sentence not in recent:
                continue
            other = earlier.actor
            if other.role == actor.role and other.country and earlier.sentence <= sentence:
                trace.append(f"role {actor.role} with no country: borrowed from '{other.text}'")
                if _definite(span) and other.kind == actor.kind:
                    return replace(other, text=span.text)
                return replace(actor, country=other.country, code=other.code[:3] + actor.role)
        return None

    def _holder(self, actor: Actor, coding: Coding, span, trace: list[str]) -> Actor:
        """"the Israeli leader": the person of that country and role met earlier, else the
        knowledge base's holder of the title on the day."""
        for earlier in reversed(self._antecedents):
            other = earlier.actor
            if (earlier.start < span.start and other.kind == "person" and _named(other)
                    and other.country == actor.country and other.role == actor.role):
                trace.append(f"'{span.text}' refers back to {other.name}")
                return replace(other, text=span.text)
        titles = [p.entry.name for p in coding.pieces if p.entry.kind == "agent"]
        if not titles or not _definite(span):
            return actor
        leader = any(t in LEADER_WORDS for t in titles)
        holders = list(self.kb.holders(actor.country, titles, leader, self.day))
        if len(holders) == 1:
            trace.append(f"'{span.text}': {holders[0].name} holds {titles[-1]!r} on the day")
            found = person_actor(holders[0], span.text, self.day, trace)
            if found.country == actor.country:
                return found
        return actor

    def _unknown(self, span, actor: Actor) -> Actor:
        labels = {t.ent_type_ for t in span if t.ent_type_}
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

    def _pronoun(self, token, trace: list[str]) -> Actor:
        word = token.lower_
        sentence = token.sent.start
        window = sorted({a.sentence for a in self._antecedents if a.start < token.i})
        window = window[-PRONOUN_WINDOW:]
        found = [a for a in self._antecedents
                 if a.end <= token.i and a.sentence in window and _fits(word, a.actor)]
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


NAME_PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "ben", "de", "da", "di", "du", "la", "le", "van", "von",
    "der", "den", "dos", "das"
})


def _named(actor: Actor) -> bool:
    """A person with a name, not a description such as "Israeli leader"."""
    if actor.wikidata:
        return True
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES
               for w in actor.name.replace("-", " ").split())


def _description(actor: Actor) -> bool:
    """A coded role description standing for a person ("Ukraine's foreign minister")."""
    return actor.kind == "person" and bool(actor.code) and not _named(actor)


def _unplaced_person(actor: Actor) -> bool:
    return actor.kind == "person" and not actor.country and not actor.role


def _definite(span) -> bool:
    first = span[0].lower_
    return first in ("the", "this", "that", "these", "those") or span[0].tag_ == "PRP$"


def _person_name(span, ws: Sequence[Word], coding: Coding) -> str | None:
    """The PERSON entity in the phrase that no knowledge-base piece covered."""
    cut = max((i for i, w in enumerate(ws) if w.possessive), default=-1)
    head_ws = ws[cut + 1 :]
    tokens = {head_ws[i].token for p in coding.pieces for i in range(p.start, p.end)}
    owned = {w.token for w in head_ws}
    people = [t for t in span if t.ent_type_ == "PERSON" and t.i in owned and t.i not in tokens]
    if not people:
        return None
    first, last = people[0].i, people[-1].i
    return span.doc[first : last + 1].text


def _comma_segments(ws: Sequence[Word]) -> list[list[Word]]:
    segments: list[list[Word]] = [[]]
    for w in ws:
        if w.barrier and not w.possessive and w.raw in (",", ";", "(", ")"):
            segments.append([])
        else:
            segments[-1].append(w)
    return [s for s in segments if s] or [list(ws)]


def _phrases(doc) -> list:
    """Noun chunks and the named entities they miss, in document order."""
    spans = list(doc.noun_chunks)
    covered = {i for s in spans for i in range(s.start, s.end)}
    for ent in entities(doc):
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") and not any(
            i in covered for i in range(ent.start, ent.end)
        ):
            spans.append(ent)
    return sorted(spans, key=lambda s: (s.start, -s.end))
