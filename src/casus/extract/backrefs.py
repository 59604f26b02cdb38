"""Acts named again: "Israeli jets struck a building in Beirut. Lebanon condemned the strike".

A reaction to an act (condemning it, welcoming it, investigating it) often names the act with
a definite noun and no actor ("the strike", "the attack"). The noun refers back to the latest
act told with the same word in its sentence or the two before ("struck", "the air strike"),
and whoever did that act is what the reaction is about: its target. Only the same word links
them: "condemned the strikes" after Israeli strikes and Hezbollah rockets means the strikes.
A noun of any act ("the move", "the decision": ``act_nouns``) names the latest act, and a
charge ("rejected the accusations": ``charge_nouns``) the latest accusation.
"""

from __future__ import annotations

from dataclasses import replace

from casus.extract.coding import is_event, lexical_match
from casus.extract.lexicon import Lexicon
from casus.models import EventCandidate

# Reactions whose object is an act: praise and welcome (05), investigation (09), criticism
# (11), rejection (12), denial (016).
_REACTIONS = ("05", "09", "11", "12", "016")
_ACCUSING = "11"
_DEFINITE = frozenset(("the", "this", "these", "that", "those"))
_REACH = 2  # sentences back an act named again may lie


def with_acts_named_again(found: list[EventCandidate], earlier: list[EventCandidate], doc,
                          lexicon: Lexicon) -> list[EventCandidate]:
    """``found`` (one sentence's events) with a reaction's missing target taken from the act its
    definite object names again."""
    out = []
    for candidate in found:
        if candidate.target is None and candidate.cameo.startswith(_REACTIONS):
            candidate = _about_earlier_act(candidate, [*earlier, *out], doc, lexicon) or candidate
        out.append(candidate)
    return out


def _about_earlier_act(candidate: EventCandidate, events: list[EventCandidate], doc,
                       lexicon: Lexicon) -> EventCandidate | None:
    named = _act_named(doc[candidate.anchor], lexicon)
    if named is None:
        return None
    noun, root = named
    lemma = noun.lemma_.lower()
    for event in reversed(events):
        if event.sentence_index < candidate.sentence_index - _REACH:
            return None
        if event.source is None:
            continue
        if lemma in lexicon.charge_nouns:
            # "denied the accusations": whoever accused, in whatever words.
            if event.cameo[:2] != _ACCUSING:
                continue
        elif lemma not in lexicon.act_nouns and (event.cameo[:2] != root
                                                 or not _same_word(event, noun)):
            continue
        if candidate.source is not None and event.source.text == candidate.source.text:
            return None  # "Israel defended the strike": its own act, no one else's
        rule = f"target: who did '{noun.text}', told before"
        return replace(candidate, target=event.source, rules=(*candidate.rules, rule))
    return None


def _same_word(event: EventCandidate, noun) -> bool:
    """Was the earlier act told with the noun's word ("struck" for "the strike")?"""
    trigger = noun.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return trigger is not None and any(t.lemma_.lower() == noun.lemma_.lower() for t in trigger)


def _act_named(verb, lexicon: Lexicon):
    """The definite event noun the reaction takes as object, with its root, or None."""
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
