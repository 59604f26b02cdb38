"""Turn extraction candidates into CONTRACT events: actors, codes, date, place, id, dedupe."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from casus.codebook import Codebook, load_codebook
from casus.document import dateline_end
from casus.extract.frames import SAYING_ROOTS
from casus.models import (
    Actor,
    Event,
    EventCandidate,
    Evidence,
    Extraction,
    Mention,
    Place,
    Quote,
    QuoteCandidate,
    Result,
)
from casus.resolve.actors import ActorKB, ActorResolver, DocumentActors, named_person
from casus.resolve.actors_context import LOCATIVE_PREPS
from casus.resolve.dates import reporting_day, resolve_date
from casus.resolve.gazetteer import Gazetteer
from casus.resolve.kb import cased_key, words
from casus.resolve.places import FORCE_ROOTS, DocumentPlaces, PlaceResolver

# An event whose source could not be coded is less useful for dyad analysis, and more often a
# misparse; the discount keeps such events below clean ones when sorted by confidence.
UNCODED_SOURCE_FACTOR = 0.8
# A date that fell back to the publication day is a guess about when, not about whether.
FALLBACK_DATE_FACTOR = 0.95
# An event placed from who took part: only news of the last week, and the dateline city only
# in the lead (its first sentences), where the story is most often where it was filed.
CURRENT_DAYS = 7
LEAD_SENTENCES = 2


class Resolver:
    """The resolve stage: ``resolver(extraction) -> Result``."""

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer, codebook: Codebook | None = None):
        self.actors = ActorResolver(kb, gazetteer)
        self.places = PlaceResolver(gazetteer)
        self.codebook = codebook or load_codebook()

    @classmethod
    def load(cls, dictionaries: Sequence[str] = ()) -> Resolver:
        return cls(ActorKB.load(dictionaries=tuple(dictionaries)), Gazetteer.load())

    def __call__(self, extraction: Extraction) -> Result:
        parsed = extraction.parsed
        actors = self.actors.for_document(parsed)
        places = self.places.for_document(parsed)
        voices = _voices(extraction.quotes)
        built = [(self._event(c, actors, places, parsed, voices), c)
                 for c in extraction.candidates]
        events = _without_background_nouns([(e, c) for e, c in built if e is not None], parsed.doc)
        kept = merge_untargeted(_dedupe(events), self.codebook)
        kept = _without_vaguer(_dedupe(_struck_state(e) for e in kept))
        quotes = tuple(_quote(q, actors) for q in extraction.quotes)
        return Result(document=parsed.document, events=kept, quotes=quotes)

    def _event(
        self,
        candidate: EventCandidate,
        actors: DocumentActors,
        places: DocumentPlaces,
        parsed,
        voices: tuple = (),
    ) -> Event | None:
        source = _participant(actors, candidate.source, voices)
        target = _participant(actors, candidate.target, voices)
        source, target = (None if _venue(parsed.doc, m, a, actors) else a
                          for m, a in ((candidate.source, source), (candidate.target, target)))
        location = places.locate(candidate)
        if candidate.cameo[:2] == _PROTEST_ROOT and source is not None:
            source = _protesters(source, location, actors)
        if (target is not None and actors.seat(target)
                and (candidate.cameo[:2] in FORCE_ROOTS
                     or (candidate.cameo[:2] != _CONSULT_ROOT
                         and _locative(parsed.doc, candidate.target)))):
            # "hit a hospital in Khartoum", "missiles struck Kyiv", "condemned the attack in
            # Kabul": a capital named as where, or as what was attacked, is the place, not the
            # government seated there; one visited ("arrived in Moscow") is the government.
            target = _state(target)
        if (target is not None and target.kind == "country" and not target.code
                and parsed.doc[candidate.target.head].ent_type_ == "LOC"):
            # "fired at a ship in the Red Sea": a sea, range or region of no state is no party.
            target = None
        if not (_coded(source) or _coded(target)):
            return None
        if source and target and (_same(source, target)
                                  or _own_country(candidate.cameo, source, target)):
            target = None
        cameo, rules = _meeting_place(candidate, source, target, location)
        cameo, rules = _quarrel(parsed.doc, candidate, cameo, rules, source, target)
        when = resolve_date(parsed, candidate)
        home = None if (location or not _current(when, parsed)
                        or places.names_unknown_place(candidate)) else places.home(
            cameo, source, target, lead=candidate.sentence_index < LEAD_SENTENCES)
        if home is not None:
            location, rules = home[0], (*rules, home[1])
        info = self.codebook.nearest(cameo)
        confidence = candidate.confidence
        if not _coded(source):
            confidence *= UNCODED_SOURCE_FACTOR
        if when is not None and when.text is None:
            confidence *= FALLBACK_DATE_FACTOR
        evidence = _evidence(candidate, parsed.document.text)
        return Event(
            id=_event_id(candidate.doc_id, candidate.sentence_index, evidence, info.code, source,
                         target),
            doc_id=candidate.doc_id,
            sentence_index=candidate.sentence_index,
            evidence=evidence,
            source=source,
            target=target,
            cameo=info.code,
            cameo_name=info.name,
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            mode=candidate.mode,
            date=when.date.isoformat() if when else None,
            date_text=when.text if when else None,
            date_precision=when.precision if when else None,
            location=location,
            confidence=round(min(max(confidence, 0.0), 1.0), 3),
            rules=rules,
        )


def _without_background_nouns(built: list[tuple[Event, EventCandidate]], doc) -> list[Event]:
    """Drop a noun event no one is named as doing that lies in what another event of its
    sentence, done by a named actor, is about: "held talks about the Gaza hostage deal",
    "thanked Washington for its security commitment", "protested against the trade deal with
    Mercosur", "citing the prosecution of Bolsonaro". The noun names the topic of that act,
    not an event of its own; with no actor it would be counted as one by nobody."""
    hosts = [(event, doc[c.anchor]) for event, c in built if _coded(event.source)]
    kept = []
    for event, candidate in built:
        noun = _nominal_trigger(doc, candidate)
        if noun is not None and not _coded(event.source) and any(
            other.sentence_index == event.sentence_index and verb.i != noun.i
            and verb.is_ancestor(noun) for other, verb in hosts
        ):
            continue
        kept.append(event)
    return kept


def _nominal_trigger(doc, candidate: EventCandidate):
    span = doc.char_span(candidate.trigger_start, candidate.trigger_end, alignment_mode="expand")
    if span is None or not len(span) or span.root.pos_ not in ("NOUN", "PROPN"):
        return None
    return span.root


_MEET_ELSEWHERE = "044"


def _meeting_place(candidate: EventCandidate, source: Actor | None, target: Actor | None,
                   location: Place | None) -> tuple[str, tuple[str, ...]]:
    """A meeting is at a third place (044) unless it is held in one side's country: in the
    other side's, the source visits (042); in its own, it hosts (043). "Xi met Putin in
    Moscow": Xi visits Russia, Putin hosts Xi."""
    if (candidate.cameo != _MEET_ELSEWHERE or location is None or not location.country
            or source is None or target is None or source.country == target.country):
        return candidate.cameo, candidate.rules
    if location.country == target.country:
        return "042", (*candidate.rules, f"met in the target's country {location.country}: 042")
    if location.country == source.country:
        return "043", (*candidate.rules, f"met in the source's country {location.country}: 043")
    return candidate.cameo, candidate.rules


# Nouns of agreements and meetings that a city's name before them places ("the Doha deal",
# "the Istanbul talks", "the Minsk agreements"), not a party.
_VENUE_NOUNS = frozenset((
    "deal", "agreement", "accord", "accords", "talks", "talk", "summit", "process", "format",
    "declaration", "ceasefire", "truce", "meeting", "conference", "negotiation", "framework",
))


def _venue(doc, mention: Mention | None, actor: Actor | None, actors: DocumentActors) -> bool:
    """Is the participant a city named before an agreement or a meeting, which says where it
    was made ("welcomed the Doha deal", "signed the Istanbul agreement")?"""
    if mention is None or actor is None:
        return False
    head = doc[mention.head]
    if head.dep_ not in ("compound", "nmod") or head.head.lemma_.lower() not in _VENUE_NOUNS:
        return False
    if actors.seat(actor):
        return True
    if head.ent_type_ != "GPE" or actor.kind != "country":
        return False  # "U.S.-Soviet talks": a people or a state is a party
    known = actors.kb.lookup(words(head.text), cased_key(head.text))
    return not any(e.kind == "country" for e in known)


_CLASH = "190"
_QUARREL = "111"


def _quarrel(doc, candidate: EventCandidate, cameo: str, rules: tuple[str, ...],
             source: Actor | None, target: Actor | None) -> tuple[str, tuple[str, ...]]:
    """A clash a named person takes part in is a quarrel ("Petro has clashed with the
    electoral council", "Trump clashed with Zelensky"): battles are fought by forces."""
    if cameo != _CLASH or doc[candidate.anchor].lemma_.lower() != "clash" or not any(
            actor is not None and actor.kind == "person" for actor in (source, target)):
        return cameo, rules
    return _QUARREL, (*rules, f"a clash with a person on one side is a quarrel: {_QUARREL}")


_PROTEST_ROOT = "14"
_CONSULT_ROOT = "04"
# Roots of acts done in a place, whose object is a place or thing more often than an actor:
# cooperation and aid ("joint exercises in Belarus"), investigation ("war crimes in Darfur"),
# force posture ("drills around Taiwan"), coercion and force ("shelled villages in the Kherson
# region"). Protest (14) is left out: protesters abroad address someone else.
_PLACED_ROOTS = frozenset(("06", "07", "09", "15", "17", "18", "19", "20"))


def _protesters(source: Actor, location: Place | None, actors: DocumentActors) -> Actor:
    """"a rally in Tehran": the people of the capital protest, not the government there;
    "Indigenous groups staged a sit-in in Brasilia": protesters no one codes are civilians of
    the state where they protest; "pro-Russian demonstrators marched in Chisinau": protesters
    with a role but no country are of that state too."""
    if actors.seat(source):
        return _state(source)
    if (source.code and source.country) or location is None or not location.country:
        return source
    # No code, or a role with no country ("pro-EU demonstrators": a stance is no nationality).
    role = source.role or "CVL"
    return replace(source, country=location.country, role=role, code=location.country + role)


def _own_country(code: str, source: Actor, target: Actor) -> bool:
    """A statement, appeal or accusation "about" the speaker's own country as a whole ("China
    rejected criticism of its policies in China") is addressed to no one."""
    return (code[:2] in SAYING_ROOTS and target.kind == "country"
            and target.code == target.country == source.country)


def _state(actor: Actor) -> Actor:
    """The country of a capital named as a place."""
    return _country(actor.text, actor.country)


def _country(text: str, country: str | None) -> Actor:
    return Actor(text=text, name=text, country=country, code=country or "", kind="country")


def _locative(doc, mention: Mention | None) -> bool:
    """Whether the mention is the object of a place preposition ("in Khartoum")."""
    if mention is None:
        return False
    head = doc[mention.head]
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _struck_state(event: Event) -> Event:
    """An act done in a place (an attack, an inquiry, aid) by a coded source that names no
    coded target, placed in another state, is done to that state. Applied after untargeted
    events are folded into targeted ones, so that "killed by a Russian drone strike" stays
    one event."""
    source, target, location = event.source, event.target, event.location
    if event.root not in _PLACED_ROOTS or not _coded(source) or _coded(target):
        return event
    if location is None or not location.country or location.country == source.country:
        return event
    state = _country(location.name, location.country)
    return replace(
        event,
        id=_event_id(event.doc_id, event.sentence_index, event.evidence, event.cameo, source,
                     state),
        target=state,
        rules=(*event.rules, "target: the state where it took place"),
    )


def merge_untargeted(events: tuple[Event, ...], codebook: Codebook) -> tuple[Event, ...]:
    """Fold an event with no coded target into a targeted one of the same sentence, source,
    root and mode: "threatened sanctions" and "threatened Russia" are one threat. The more
    specific code of the two is kept."""
    targeted: dict[tuple, list[int]] = {}
    for i, event in enumerate(events):
        if _coded(event.target):
            targeted.setdefault(_fold_key(event), []).append(i)
    out = list(events)
    dropped: set[int] = set()
    for i, event in enumerate(events):
        homes = targeted.get(_fold_key(event))
        if _coded(event.target) or not homes:
            continue
        dropped.add(i)
        for j in homes:
            if _refines(event.cameo, out[j].cameo):
                out[j] = _recode(out[j], event.cameo, codebook)
    return tuple(e for i, e in enumerate(out) if i not in dropped)


def _recode(event: Event, code: str, codebook: Codebook) -> Event:
    info = codebook.nearest(code)
    return replace(
        event,
        cameo=info.code,
        cameo_name=info.name,
        plover=info.plover,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
    )


# A pronoun or possessive that in-document resolution could not tie to an actor names no one.
_PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
    ]
)


_FIRST_PERSON = frozenset(("we", "us", "our", "ours"))


def _voices(quotes) -> tuple[tuple[int, int, Mention], ...]:
    """Where each quotation with a known speaker lies: its "we" is the speaker's side."""
    return tuple((q.start, q.end, q.speaker) for q in quotes if q.speaker is not None)


def _participant(actors: DocumentActors, mention: Mention | None,
                 voices: tuple = ()) -> Actor | None:
    if mention is None:
        return None
    if mention.text.casefold() in _FIRST_PERSON:
        # '"We will strike back," the Iranian defence minister said': the speaker's side.
        speaker = next((v for start, end, v in voices if start <= mention.start < end), None)
        if speaker is not None:
            actor = actors.resolve(speaker)
            return replace(actor, text=mention.text) if actor.code else None
    actor = actors.resolve(mention)
    if not actor.code and actor.text.casefold() in _PRONOUNS:
        return None
    return actor


def _fold_key(event: Event) -> tuple:
    return (event.sentence_index, _actor_key(event.source), event.root, event.mode)


def _refines(code: str, other: str) -> bool:
    """Is ``code`` a more specific code under ``other`` (1312 under 131, 131 under 130)?"""
    general = other[:-1] if len(other) == 3 and other.endswith("0") else other
    return code != other and len(code) >= len(other) and code.startswith(general)


def _coded(actor: Actor | None) -> bool:
    return bool(actor and actor.code)


def _same(a: Actor, b: Actor) -> bool:
    """Both sides resolved to one actor: a self-directed event is a resolution slip, not news."""
    # Two people, or two groups ("Republicans" and "Democrats" both USAPTY), may share a code;
    # a state or an institution acting on itself may not.
    institutional = ("country", "organization")
    if a.code and a.code == b.code and a.kind in institutional and b.kind in institutional:
        return True
    return a.name.casefold() == b.name.casefold()


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return f"{actor.code}|{actor.name.casefold()}"


def _participant_key(actor: Actor | None) -> str:
    if actor is not None and actor.code and (actor.kind == "group" or not named_person(actor)):
        return actor.code  # "11 students and a teacher": one party, by the role they share
    return _actor_key(actor)


def _event_id(doc_id: str, sentence_index: int, evidence: Evidence, code: str, source,
              target) -> str:
    # The dyad is part of the key because one trigger can carry several dyads
    # ("A and B met C"); the rest is what CONTRACT names: document, sentence, trigger, code.
    parts = (
        doc_id,
        str(sentence_index),
        str(evidence.trigger_start),
        str(evidence.trigger_end),
        code,
        _actor_key(source),
        _actor_key(target),
    )
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _evidence(candidate: EventCandidate, text: str) -> Evidence:
    # spaCy's sentence spans carry the blank lines that follow them, and the first sentence the
    # blanked wire dateline before it; the evidence is the sentence alone.
    start = max(candidate.sentence_start, dateline_end(text))
    sentence = text[start : candidate.sentence_end].rstrip()
    return Evidence(
        text=sentence,
        start=start,
        end=start + len(sentence),
        trigger=candidate.trigger,
        trigger_start=candidate.trigger_start,
        trigger_end=candidate.trigger_end,
    )


def _current(when, parsed) -> bool:
    """Is the event part of the news, not background ("was killed in Berlin in 2019")? Only
    such events are placed from who took part."""
    day = reporting_day(parsed)
    return when is None or day is None or abs((when.date - day).days) <= CURRENT_DAYS


def _without_vaguer(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Drop an event that another of its sentence, code and mode tells more exactly: "will
    visit Japan for a summit with his Japanese counterpart" is one visit, to JPNGOV, not also
    one to JPN."""
    groups: dict[tuple, list[Event]] = {}
    for event in events:
        groups.setdefault((event.sentence_index, event.cameo, event.mode), []).append(event)
    vaguer = {id(e) for group in groups.values() if len(group) > 1 for e in group
              if any(_vaguer(e, other) for other in group if other is not e)}
    return tuple(e for e in events if id(e) not in vaguer)


def _vaguer(event: Event, other: Event) -> bool:
    sides = [(event.source, other.source), (event.target, other.target)]
    if not all(_actor_key(a) == _actor_key(b) or _refined(a, b) for a, b in sides):
        return False
    return any(_refined(a, b) for a, b in sides)


def _refined(actor: Actor | None, other: Actor | None) -> bool:
    """Is ``other`` the same state as ``actor`` named more exactly (JPN, JPNGOV)?"""
    return (actor is not None and other is not None and actor.kind == "country"
            and len(actor.code) == 3 and other.code.startswith(actor.code)
            and len(other.code) > 3)


def _dedupe(events) -> tuple[Event, ...]:
    """One event per (source, target, code, sentence): the most confident one wins. Groups
    and people named by a role noun are one participant by their code ("persecuting women and
    girls" is one act against AFGCVL, "abducted 11 students and a teacher" one against
    ---EDU); named actors stay apart by name (two USAGOV people are two)."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.sentence_index,
            _participant_key(event.source),
            _participant_key(event.target),
            event.cameo,
        )
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return tuple(sorted(best.values(), key=lambda e: (e.sentence_index, e.evidence.trigger_start)))


def _quote(candidate: QuoteCandidate, actors: DocumentActors) -> Quote:
    speaker = actors.resolve(candidate.speaker) if candidate.speaker else None
    digest = hashlib.sha1(
        f"{candidate.doc_id}\x1f{candidate.start}\x1f{candidate.end}".encode()
    ).hexdigest()[:20]
    return Quote(
        id=digest,
        doc_id=candidate.doc_id,
        sentence_index=candidate.sentence_index,
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        speaker=speaker,
    )
