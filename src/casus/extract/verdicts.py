"""Criticism given as a verdict: "called the sentence politically motivated", "described the
strikes as a violation of international law", "said the sanctions were illegal".

Such a sentence holds no verb of criticising, yet a coder codes the speaker disapproving of
what is judged (111), or denying it when a charge is judged false ("said the accusations were
baseless": 016). The verdict words and the verbs that pronounce them are data in frames.yaml
(``verdict_verbs``, ``verdict_words``, ``denial_words``).
"""

from __future__ import annotations

from typing import NamedTuple

from casus.extract.lexicon import Lexicon
from casus.extract.mentions import RELATIVE_PRONOUNS

_CRITICISE = "111"
_DENY = "016"
# The words of a predicate that may carry the verdict: its head and what qualifies it ("an
# illegal drug leader", "politically motivated and inhumane").
_QUALIFIERS = frozenset(("amod", "advmod", "compound", "conj", "acomp"))
_RELATIVES = RELATIVE_PRONOUNS | {"what"}


class Verdict(NamedTuple):
    code: str
    judged: object  # the phrase judged: its actor is the target
    rule: str


def verdict(verb, lexicon: Lexicon) -> Verdict | None:
    """The verdict ``verb`` pronounces: "called X Y", "described X as Y", or a reporting verb
    whose clause says "X was Y"; None when the predicate holds no verdict word."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.verdict_verbs:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects and describes(verb):
            # "in a move London called baseless": what the clause describes is what it judges.
            objects = [verb.head]
        if objects:
            judged = objects[0]
            return _judge(judged, _predicates(verb, judged), f"'{verb.text} X Y'", lexicon)
    if lemma in lexicon.attribution:
        for clause in verb.children:
            if clause.dep_ == "ccomp" and clause.lemma_ == "be":
                subjects = [c for c in clause.children if c.dep_ == "nsubj"]
                predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
                if subjects:
                    found = _judge(subjects[0], predicates, f"'{verb.text} X was Y'", lexicon)
                    if found is not None:
                        return found
    return None


def describes(verb) -> bool:
    """Is the verb a clause on the noun it hangs on, with a subject but no object of its own,
    so that the noun is its object ("a move London called baseless", which the parser reads as
    a relative clause or a clause of the noun)?"""
    return (verb.dep_ in ("relcl", "acl") and not any(c.dep_ == "dobj" for c in verb.children)
            and any(c.dep_ == "nsubj" for c in verb.children))


def _predicates(verb, judged) -> list:
    """What ``judged`` is called: an object complement, a second object, or an "as" phrase."""
    found = [c for c in verb.children if c.dep_ == "oprd"
             or (c.dep_ == "dobj" and c.i > judged.i)]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            # "described it as hostile": the parser may hang the adjective as a modifier.
            found.extend(c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp"))
    return found


def _judge(judged, predicates: list, frame: str, lexicon: Lexicon) -> Verdict | None:
    if judged.lower_ in _RELATIVES:
        return None  # "condemning what it called a violation": the condemnation is the act
    for predicate in predicates:
        word = next((w for w in _words(predicate) if w.lemma_.lower() in lexicon.verdict_words
                     or w.lower_ in lexicon.verdict_words), None)
        if word is None:
            continue
        charge = judged.lemma_.lower() in lexicon.charge_nouns | lexicon.hearsay_nouns
        if charge and (word.lemma_.lower() in lexicon.denial_words
                       or word.lower_ in lexicon.denial_words):
            return Verdict(_DENY, judged, f"{frame}: '{judged.text}' called '{word.text}' -> {_DENY}")
        return Verdict(_CRITICISE, judged, f"{frame}: '{word.text}' -> {_CRITICISE}")
    return None


def _words(predicate) -> list:
    out = [predicate]
    for child in predicate.children:
        if child.dep_ in _QUALIFIERS:
            out.append(child)
            out.extend(c for c in child.children if c.dep_ in _QUALIFIERS)
    return out
