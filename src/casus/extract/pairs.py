"""Groups that stand for the two parties just named: "Modi met Lula in Brasilia, and the two
leaders signed a defence agreement", "Iran and the IAEA held talks. Both sides agreed to ...".

Such a group ("the two leaders", "both sides", "the two countries") is not an actor of its own:
it is the source and target of the latest event of its sentence or the one before that had both.
Each party then acts as the group did, on the other where the act is one two parties do
together (a meeting, an agreement), else on the act's own target; a group acted on ("urged both
sides to show restraint") is each party acted on.
"""

from __future__ import annotations

from dataclasses import replace

from casus.extract.frames import each_other
from casus.extract.lexicon import Lexicon
from casus.models import EventCandidate, Mention

# Roots of acts two parties do with each other (the engine's symmetric roots).
_TOGETHER = frozenset(("03", "04", "05", "06"))
# How far back the two parties may have been named: the sentence itself or three before.
_REACH = 3
# Hosting or mediating what others do ("Qatar will host talks between Congo and the M23"): its
# source is a third party, unless its object is the guest itself ("hosted Ruto").
_THIRD_PARTY = ("043", "045", "046")


def pair_group(head, lexicon: Lexicon) -> bool:
    """"the two leaders", "both sides", "the two countries": a plural party noun counted as
    two; "each side", one of the two at a time."""
    if head.lemma_.lower() not in lexicon.pair_nouns:
        return False
    children = {(c.dep_, c.lower_) for c in head.children}
    if head.tag_ == "NN":
        return ("det", "each") in children  # "each side accused the other"
    if head.tag_ != "NNS":
        return False
    return (("nummod", "two") in children and ("det", "the") in children) or any(
        dep in ("det", "predet") and word == "both" for dep, word in children)


def with_pairs(found: list[EventCandidate], earlier: list[EventCandidate], doc,
               lexicon: Lexicon) -> list[EventCandidate]:
    """``found`` (one sentence's events) with each pair group source or target replaced by the
    two parties of the latest two-party event in ``earlier`` or before it in ``found``."""
    out: list[EventCandidate] = []
    for candidate in found:
        source, target = candidate.source, candidate.target
        as_source = source is not None and pair_group(doc[source.head], lexicon)
        as_target = (not as_source and source is not None and target is not None
                     and pair_group(doc[target.head], lexicon))
        parties = (_latest_parties([*earlier, *out], candidate.sentence_index, doc)
                   if as_source or as_target else None)
        if parties is None:
            out.append(candidate)
        elif as_source:
            mutual = each_other(doc[candidate.anchor], the_other=True)
            out.extend(_as_parties(candidate, parties, mutual))
        else:
            out.extend(_to_parties(candidate, parties))
    return out


def _to_parties(candidate: EventCandidate, parties: tuple[Mention, Mention]) -> list[EventCandidate]:
    """"Egypt urged both sides to show restraint": the act is aimed at each party."""
    rule = f"target: '{candidate.target.text}' are {parties[0].text!r} and {parties[1].text!r}"
    return [replace(candidate, target=party, rules=(*candidate.rules, rule)) for party in parties
            if party.text != candidate.source.text]


def _latest_parties(events: list[EventCandidate], sentence: int,
                    doc) -> tuple[Mention, Mention] | None:
    for event in reversed(events):
        if event.sentence_index < sentence - _REACH:
            return None
        if event.cameo.startswith(_THIRD_PARTY) and not _guest(event, doc):
            continue
        if event.mode == "alleged":
            continue  # "accused the RSF of shelling a camp": the camp's people are no side
        if event.source is not None and event.target is not None \
                and event.source.text != event.target.text:
            return event.source, event.target
    return None


def _guest(event: EventCandidate, doc) -> bool:
    """Is the event's target its verb's own object ("hosted Ruto", not "host talks")?"""
    return event.target is not None and any(
        c.dep_ == "dobj" and c.i == event.target.head for c in doc[event.anchor].children)


def _as_parties(candidate: EventCandidate, parties: tuple[Mention, Mention],
                mutual: bool) -> list[EventCandidate]:
    """``mutual``: the act is done to "each other" or "the other" ("each side accused the
    other"), whatever its root."""
    first, second = parties
    rule = f"source: '{candidate.source.text}' are {first.text!r} and {second.text!r}"
    rules = (*candidate.rules, rule)
    if candidate.target is None and (mutual or candidate.cameo[:2] in _TOGETHER):
        pairs = [(first, second), (second, first)]
    else:
        pairs = [(first, candidate.target), (second, candidate.target)]
    return [replace(candidate, source=source, target=target, rules=rules)
            for source, target in pairs if target is None or source.text != target.text]
