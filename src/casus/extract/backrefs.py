"""Acts named again: "Israeli jets struck a building in Beirut. Lebanon condemned the strike".

A reaction to an act (condemning it, welcoming it, investigating it) often names the act with a
definite noun and no actor ("the strike", "the attack"). The noun refers back to the latest act
told with the same word ("struck", "the air strike"), or with a verb the lexicon gives the
noun's own code ("expelled", "the expulsions"), in its sentence or the five before; whoever did
that act is what the reaction is about: its target. Failing the same word, an act of the same
kind in its sentence or the two before links them only when one side alone did such acts
("fired missiles ... condemned the launches"): "condemned the attacks" after Israeli strikes
and Hezbollah rockets names no one. A noun of any act ("the move", "the decision":
``act_nouns``) names the latest act, and a charge ("rejected the accusations":
``charge_nouns``) the latest accusation. What the named act was aimed at ("condemned the attack
on Kyiv") gives way to whoever did it. An act named again as the subject of what it did
("launched air strikes ... The strikes killed 30 people") is that act told again, not a second
one.
"""

from __future__ import annotations

from dataclasses import replace

from casus.extract.coding import is_event, lexical_match
from casus.extract.lexicon import Lexicon
from casus.extract.verdicts import describes
from casus.models import EventCandidate

# Reactions whose object is an act: praise and welcome (05), investigation (09), criticism
# (11), rejection (12), denial (016).
_REACTIONS = ("05", "09", "11", "12", "016")
_ACCUSING = "11"
_DEFINITE = frozenset(("the", "this", "these", "that", "those"))
_REACH = 2  # sentences back an act named again may lie
_WORD_REACH = 5  # ... and one named again in its own words
_AIMED_AT = frozenset(("on", "against", "at", "in"))
_FORCE = frozenset(("18", "19", "20"))


def with_acts_named_again(found: list[EventCandidate], earlier: list[EventCandidate], doc,
                          lexicon: Lexicon) -> list[EventCandidate]:
    """``found`` (one sentence's events) with a reaction's missing target taken from the act its
    definite object names again."""
    out = []
    for candidate in found:
        if candidate.cameo.startswith(_REACTIONS):
            candidate = _about_earlier_act(candidate, [*earlier, *out], doc, lexicon) or candidate
        out.append(candidate)
    return out


def without_restated_acts(found: list[EventCandidate], earlier: list[EventCandidate], doc,
                          lexicon: Lexicon, log) -> list[EventCandidate]:
    """``found`` without the acts whose only doer is an act told before, named again as their
    subject: "Israel launched air strikes on Gaza. The strikes killed 30 people", "imposed
    sanctions on 35 companies. The sanctions freeze their assets" tell one act, not two."""
    out = []
    for candidate in found:
        act = _restated(candidate, earlier, doc, lexicon)
        if act is not None:
            log(f"s{candidate.sentence_index}: '{candidate.trigger}' {candidate.cameo} dropped: "
                f"what '{act.trigger}' {act.cameo}, told before, did")
            continue
        out.append(candidate)
    return out


def _restated(candidate: EventCandidate, earlier: list[EventCandidate], doc,
              lexicon: Lexicon) -> EventCandidate | None:
    if candidate.source is not None:
        return None
    verb = doc[candidate.anchor]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                  for c in subject.children):
        return None
    pattern = lexical_match(subject, lexicon)
    if not is_event(pattern) or _kind(pattern.code[:2]) != _kind(candidate.cameo[:2]):
        return None
    told = [e for e in reversed(earlier)
            if candidate.sentence_index - _REACH <= e.sentence_index < candidate.sentence_index
            and e.source is not None and _kind(e.cameo[:2]) == _kind(candidate.cameo[:2])]
    return _told_act(told, subject)  # "launched air strikes ... The strikes killed"


def _about_earlier_act(candidate: EventCandidate, events: list[EventCandidate], doc,
                       lexicon: Lexicon) -> EventCandidate | None:
    named = _act_named(doc[candidate.anchor], lexicon)
    if named is None:
        return None
    noun, root = named
    if candidate.target is not None and not _struck_by(doc[candidate.target.head], noun):
        return None  # a target of the reaction's own ("condemned Russia's attack")
    # Not the same reaction by another of its sources ("Seoul and Tokyo condemned the launches").
    # "condemned the attack on Kyiv": only an act told as done to Kyiv is the one named.
    victim = candidate.target
    told = [e for e in reversed(events) if e.anchor != candidate.anchor
            and e.sentence_index >= candidate.sentence_index - _WORD_REACH
            and e.source is not None and (victim is None or _same_victim(e, victim))]
    recent = [e for e in told if e.sentence_index >= candidate.sentence_index - _REACH]
    lemma = noun.lemma_.lower()
    if lemma in lexicon.charge_nouns:
        # "denied the accusations": whoever accused, in whatever words.
        event = next((e for e in recent if e.cameo[:2] == _ACCUSING), None)
    elif lemma in lexicon.act_nouns:
        event = next(iter(recent), None)
    else:
        # "struck ... condemned the strike", "fired two missiles ... condemned the launches";
        # "expelled two diplomats ... called the expulsions groundless" (the verb and the noun
        # of one act in the lexicon), further back when told in the noun's own words.
        event = (next((e for e in told if _act_word(e, noun, lexicon)), None)
                 or _told_act([e for e in recent if _kind(e.cameo[:2]) == _kind(root)], noun,
                              root))
    if event is None:
        return None
    if candidate.source is not None and event.source.text == candidate.source.text:
        return None  # "Israel defended the strike": its own act, no one else's
    rule = f"target: who did '{noun.text}', told before"
    return replace(candidate, target=event.source, rules=(*candidate.rules, rule))


def _told_act(told: list[EventCandidate], noun, root: str | None = None) -> EventCandidate | None:
    """Of the acts of the noun's kind told before (latest first, each with a doer), the one
    told with the noun's own word ("struck" for "the strike", of the noun's own root where one
    is given), else the latest when one side alone did such acts."""
    same = [e for e in told if (root is None or e.cameo[:2] == root) and _same_word(e, noun)]
    if same:
        return same[0]
    return told[0] if told and len({e.source.text for e in told}) == 1 else None


def _act_word(event: EventCandidate, noun, lexicon: Lexicon) -> bool:
    """Was the earlier act told with the noun's word, or with a verb the lexicon gives the
    noun's own code, word alone ("expel" and "expulsion", "detain" and "detention")?"""
    if _same_word(event, noun):
        return True
    codes = {p.code for p in lexicon.nouns.get(noun.lemma_.lower(), ()) if not p.specificity}
    trigger = noun.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return bool(codes) and trigger is not None and any(
        p.code in codes for t in trigger for p in lexicon.verbs.get(t.lemma_.lower(), ())
        if not p.specificity)


def _same_victim(event: EventCandidate, victim) -> bool:
    """Was the earlier act done to the one the named act was aimed at (a word in common)?"""
    return event.target is not None and bool(
        set(event.target.text.lower().split()) & set(victim.text.lower().split()) - _DEFINITE)


def _kind(root: str) -> str:
    """Assault, fighting and mass violence (18-20) are one kind of act named again: "pounded
    Kyiv ... condemned the attack"."""
    return "force" if root in _FORCE else root


def _struck_by(target, noun) -> bool:
    """Is the reaction's target only what the act it names was aimed at ("condemned the attack
    on Kyiv")? Then whoever did the act is what the reaction is about."""
    head = target
    while head.i != head.head.i and head.i != noun.i:
        if head.dep_ == "pobj" and head.head.head.i == noun.i and head.head.lower_ in _AIMED_AT:
            return True
        head = head.head
    return False


def _same_word(event: EventCandidate, noun) -> bool:
    """Was the earlier act told with the noun's word ("struck" for "the strike")?"""
    trigger = noun.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return trigger is not None and any(t.lemma_.lower() == noun.lemma_.lower() for t in trigger)


def _act_named(verb, lexicon: Lexicon):
    """The definite event noun the reaction takes as object, with its root, or None; or the
    act noun a relative clause of reaction describes ("in a move London called baseless")."""
    if describes(verb) and verb.head.lemma_.lower() in lexicon.act_nouns:
        return verb.head, None
    for obj in verb.children:
        if obj.dep_ != "dobj" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                         for c in obj.children):
            continue
        lemma = obj.lemma_.lower()
        if lemma in lexicon.act_nouns or lemma in lexicon.charge_nouns:
            return obj, None
        pattern = lexical_match(obj, lexicon)
        if is_event(pattern):
            return obj, pattern.code[:2]
    return None
