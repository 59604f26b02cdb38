"""Noise filters: sentences about sport, markets, entertainment or weather, and non-agents."""

from __future__ import annotations

import re

from casus.extract.lexicon import Lexicon
from casus.nlp import doc_text

_NOMINAL = ("NOUN", "PROPN")
# Verbs are cues only for accidents ("crashed", "collided"); elsewhere they are too ambiguous.
_VERB_CUE_DOMAINS = frozenset(("accident",))
# Accident verbs that attackers do too: an accident only when nothing armed set them off.
_DETONATIONS = frozenset(("explode",))
_NATIONAL_DOMAINS = frozenset(("weather", "accident", "market", "disease"))
# News of what nature, accidents and disease did to people: its deaths, evacuations and rescues
# are not political events, however many officials it quotes.
_HAZARD_DOMAINS = frozenset(("weather", "accident", "disease"))
# Where clubs and companies make deals and sanction: a shared political word does not outweigh
# such a domain's cue.
_SHARED_DOMAINS = frozenset(("sport", "market", "entertainment"))
_NAMED = frozenset(("GPE", "NORP", "ORG", "PERSON"))
_SUBORDINATE = frozenset(("advcl", "relcl", "acl", "pcomp"))
# A hazard after these is a circumstance or a grievance, not the news: "refuses to lift the ban
# despite a drought", "protesters blocked roads over the floods", "resigned over the crash".
_CIRCUMSTANTIAL = frozenset(("despite", "notwithstanding", "over"))


# Words whose final "s" is no plural: "series" is not Serie A, "status" no statu.
_NOT_PLURAL = ("ies", "ss", "us")


def _lookup(table, token) -> str | None:
    """A word's entry by lemma or form, with a plain plural read as its singular ("Wildfires"
    tagged as a proper noun keeps its form)."""
    for key in (token.lemma_.lower(), token.lower_):
        if key in table:
            return table[key]
        if key.endswith("s") and not key.endswith(_NOT_PLURAL) and key[:-1] in table:
            return table[key[:-1]]
    return None


def off_domain(sentence, lexicon: Lexicon) -> str | None:
    """The domain ("sport", "weather", ...) of a sentence with no political actor word, or None.

    Countries and nationalities are political actors in weather, accident, disease and market news
    ("India flew supplies to Myanmar after the earthquake") but not in sport or entertainment,
    where they name teams ("Brazil beat Argentina")."""
    for token in sentence:
        if _accident_verb(token, lexicon):
            # "A military plane crashed, killing 65": the accident is the main event.
            return lexicon.domain_cues.get(token.lemma_.lower(), "accident")
    cues: dict[str, set[str]] = {}
    national = shared = False
    for token in sentence:
        lemma = token.lemma_.lower()
        if _listed(token, lexicon.shared_political):
            shared = True
        elif _listed(token, lexicon.political_roles) and not _reporter(token, lexicon):
            return None
        national = national or token.ent_type_ in ("GPE", "NORP")
        # A cue is a noun, or what the tagger called an adjective heading a phrase ("in the final").
        nominal = token.pos_ in _NOMINAL or token.dep_ in ("pobj", "dobj", "nsubj")
        found = _lookup(lexicon.domain_cues, token) if nominal else None
        if token.pos_ == "VERB" and lemma in lexicon.result_verbs:
            found = "sport"  # a weak cue: "defeated Madrid in the final" takes a second one
        if found == "sport" and lemma in lexicon.match_periods and _ordered(token):
            lemma = f"{lemma} (period)"  # "in the second half": a strong cue
        if found:
            cues.setdefault(found, set()).add(lemma)
    if _scoreline(sentence, lexicon):
        cues.setdefault("sport", set()).add("scoreline")
    weak = lexicon.weak_cues | lexicon.result_verbs
    domain = next((d for d, words in cues.items() if len(words) > 1 or not words <= weak), None)
    if domain in _NATIONAL_DOMAINS and national:
        return None
    if shared and (national or domain not in _SHARED_DOMAINS):
        return None  # "The US imposed sanctions on the Russian football federation"
    return domain


_ORDINALS = frozenset(("first", "second", "third", "fourth", "opening", "closing", "final"))


def _ordered(token) -> bool:
    """"the second half": a match period (``match_periods``) an ordinal counts is a strong cue;
    "about half of trains" is no sport."""
    return any(c.dep_ in ("amod", "nummod") and c.lower_ in _ORDINALS for c in token.children)


# "3-1", "2–0", "4 - 0": two goal counts, not part of a longer number, a date or a percentage.
_SCORE = re.compile(r"(?<![\d/-])(?<!\d[.,])\b\d{1,2} ?[-\u2013] ?\d{1,2}\b(?![\d/%-]|[.,]\d)")


def _scoreline(sentence, lexicon: Lexicon) -> bool:
    """A result verb and a scoreline in one sentence: a match report (a strong cue)."""
    return (_SCORE.search(doc_text(sentence.doc)[sentence.start_char : sentence.end_char])
            is not None
            and any(t.pos_ == "VERB" and t.lemma_.lower() in lexicon.result_verbs for t in sentence))


def _accident_verb(token, lexicon: Lexicon) -> bool:
    """A main-clause accident verb with no political subject. One in a subordinate clause sets
    the scene of another act ("will not release the pilots ... killed when their plane
    crashed")."""
    return (token.pos_ == "VERB" and _lookup(lexicon.domain_cues, token) in _VERB_CUE_DOMAINS
            and _main_clause(token) and not _political_subject(token, lexicon)
            and not (token.lemma_.lower() in _DETONATIONS and _detonated(token, lexicon)))


def _main_clause(verb) -> bool:
    """Not subordinate; or the finite verb of a sentence the parser hung on its subject noun
    ("Two trains collided in Odisha, killing ...": "collided" read as a clause of "trains")."""
    if verb.dep_ not in _SUBORDINATE:
        return True
    head = verb.head
    return verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in _NOMINAL


def _listed(token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _reporter(token, lexicon: Lexicon) -> bool:
    """"..., officials said": who reports a sentence does not make its news political."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in lexicon.attribution and any(
        c.dep_ == "ccomp" for c in token.head.children)


def _detonated(verb, lexicon: Lexicon) -> bool:
    """An explosion someone set off: one with an object ("exploded a series of bombs"), no
    subject of its own (shared with an act before it), or a weapon, laid explosive or person
    for its subject ("a car bomb exploded", "a suicide bomber exploded his vest"); not "a gas
    tanker exploded"."""
    weapons = lexicon.instruments | {entry.split()[-1] for entry in lexicon.laid_explosives}
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return (not subjects or any(c.dep_ == "dobj" for c in verb.children)
            or any(c.lemma_.lower() in weapons or (c.lemma_.lower() in lexicon.agent_nouns
                                                   and non_agent(c, lexicon) is None)
                   for c in subjects))


def _political_subject(verb, lexicon: Lexicon) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lexicon.political_roles
               for c in verb.children)


def non_agent(token, lexicon: Lexicon) -> str | None:
    """The kind of non-agent ("hazard", "market", ...) a head noun names ("Hurricane Melissa"
    through its compound), or None."""
    if token.pos_ not in _NOMINAL or token.ent_type_ in ("NORP", "GPE"):
        return None
    if token.lemma_.lower() in lexicon.instruments and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in lexicon.instruments
            for c in token.children):
        return None  # "artillery fire", "rocket fire": a weapon's, not a blaze
    if token.lemma_.lower() in lexicon.agent_nouns:
        # "oil workers", "market traders": people named by their trade still act.
        return _lookup(lexicon.non_agents, token)
    for word in (token, *(c for c in token.children if c.dep_ == "compound")):
        found = _lookup(lexicon.non_agents, word)
        if found:
            return found
    return None


def hazard(sentence, lexicon: Lexicon) -> str | None:
    """The hazard ("weather", "accident", "disease") a sentence reports, whoever it names; one
    it only mentions as a circumstance ("refuses to lift the ban despite a drought") is none."""
    return next((domain for token in sentence
                 if (domain := _hazard_cue(token, lexicon)) and not _circumstance(token)), None)


def hazard_named(sentence, lexicon: Lexicon) -> bool:
    """Does the sentence name a hazard at all, even as a circumstance ("declared a national
    emergency over an outbreak of dengue")?"""
    return any(_hazard_cue(token, lexicon) for token in sentence)


def _hazard_cue(token, lexicon: Lexicon) -> str | None:
    """The hazard a noun or an accident verb names ("flood", "crashed"), or None; "caught
    fire" and "fire broke out" name an accident, though fire alone is also what troops open."""
    if token.lemma_.lower() == "fire" and (
            (token.dep_ == "dobj" and token.head.lemma_ == "catch")
            or (token.dep_ == "nsubj" and token.head.lemma_ == "break")  # "fire broke out"
            or any(c.lemma_ == "catch" for c in token.children)):  # read "caught fire" as one
        return "accident"
    domain = _lookup(lexicon.domain_cues, token)
    if domain in _HAZARD_DOMAINS and (token.pos_ in _NOMINAL or _accident_verb(token, lexicon)):
        return domain
    return None


def _circumstance(token) -> bool:
    """Inside a phrase of grievance or concession, however deep ("over his handling of the
    floods"), up to the clause's verb."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in _CIRCUMSTANTIAL:
            return True
    return False


def named(token) -> bool:
    """Does the phrase headed here name an actor (a country, people, organisation, person),
    itself or in what it governs ("the people of Myanmar")?"""
    return any(t.ent_type_ in _NAMED or t.pos_ == "PROPN" for t in token.subtree)
