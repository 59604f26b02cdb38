"""Frames: who acts and who is acted upon, read from the dependency parse around a trigger."""

from __future__ import annotations

from casus.extract.coding import has_to, is_event, lexical_match
from casus.extract.lexicon import Lexicon
from casus.extract.mentions import (
    RELATIVE_PRONOUNS,
    is_actor,
    misread_adjective,
    misread_conjunct,
    misread_name,
    through_container,
)
from casus.extract.noise import non_agent

# "accused Russia of shelling", "charged it with supporting", "jailed him for refusing",
# "prevented Iran from enriching", "warned Russia against attacking": the object acts in these
# clauses; in "suspended aid by accusing Pakistan" the subject does.
_OBJECT_PCOMP_PREPS = frozenset(("of", "with", "for", "from", "against"))

_SUBJECT_DEPS = ("nsubj", "csubj")
_PASSIVE_DEPS = ("nsubjpass", "auxpass")
_MAX_DEPTH = 6


def passive(verb) -> bool:
    return any(c.dep_ in _PASSIVE_DEPS for c in verb.children)


def _children(token, *deps: str) -> list:
    return [c for c in token.children if c.dep_ in deps]


# A plural group drawn from the sides its "of"/"from" phrase names ("the foreign ministers of
# India and Pakistan", "officials from Hamas and Israel"): the extractor makes each side a
# participant, the actor resolver gives each the group's role.
_SIDE_PREPS = frozenset(("of", "from"))


def side_heads(group) -> list:
    """The heads of a plural group's "of"/"from" phrases; none for a singular noun ("its
    ambassador from Israel", "the Serb population from Tarcin and Pazaric")."""
    if group.tag_ != "NNS":
        return []
    return [o for p in group.children if p.dep_ == "prep" and p.lower_ in _SIDE_PREPS
            for o in p.children if o.dep_ == "pobj"]


def group_of_side(token):
    """The plural group whose "of"/"from" phrase names the token or its first conjunct, or
    None."""
    while token.dep_ == "conj":
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in _SIDE_PREPS or prep.head.tag_ != "NNS":
        return None
    return prep.head


def _pobjs(prep) -> list:
    found = []
    for g in prep.children:
        if g.dep_ == "pcomp" and g.tag_ == "VBG" and prep.lower_ != "with" and not any(
                c.dep_ in ("aux", "mark") for c in g.children):
            # "fired tear gas at protesters marching on parliament": the parser makes the
            # noun the subject of a gerund clause; the noun is what the preposition takes
            # ("with X saying ..." is a clause of its own).
            found.extend(through_container(s) for s in g.children if s.dep_ == "nsubj")
        if g.dep_ in ("pobj", "pcomp"):
            found.append(through_container(g))
    return found


def _agents(verb) -> list:
    return [o for a in _children(verb, "agent") for o in _pobjs(a)]


def names_actor(token, lexicon: Lexicon) -> bool:
    """Whether the head is an actor or names one inside its phrase ("Niger's military rulers")."""
    return is_actor(token, lexicon) or actor_within(token, lexicon) is not None


def actor_within(token, lexicon: Lexicon):
    """An actor named inside a non-actor phrase: "Israel's decision", "an EU statement",
    "Israeli strikes", "an attack by militants"."""
    for child in token.children:
        if child.dep_ == "poss" and is_actor(child, lexicon):
            return child
    for child in token.children:
        # "US humanitarian aid": the parser makes a state's name before an adjective a nominal
        # modifier (an organisation there is as often what the act is done to: "the Bundestag
        # hack").
        if child.dep_ == "nmod" and child.ent_type_ in ("GPE", "NORP"):
            return child
        if child.dep_ == "compound" and (
            child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
            or (child.pos_ == "PROPN" and not child.ent_type_)
        ):
            return child
    for child in token.children:
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
            return child
    for child in token.children:
        # "a Greek-owned cargo ship", "a Liberian-flagged tanker": the owner named before the
        # participle.
        if child.dep_ == "amod" and child.lemma_.lower() in lexicon.ownership:
            for owner in child.children:
                if owner.dep_ in ("npadvmod", "compound", "nmod") and owner.ent_type_ in ("NORP", "GPE"):
                    return owner
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.nominal_source_preps:
            found = [o for o in _pobjs(child) if is_actor(o, lexicon)]
            if found:
                return found[0]
    for child in token.children:
        # "a drone attack blamed on Russia", "an explosion attributed to the PKK": whoever it is
        # laid at (alleged: see ``attributed``).
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.attributing:
            found = [o for prep in child.children if prep.dep_ == "prep"
                     and prep.lower_ in ("on", "to") for o in _pobjs(prep) if is_actor(o, lexicon)]
            if found:
                return found[0]
    for child in token.children:
        # "pension reforms planned by the government", "drones launched by Russia": the agent
        # of the participle that describes the thing; not a third party that only brought it
        # about ("talks mediated by Oman", "a deal brokered by the United States").
        if (child.dep_ == "acl" and child.tag_ == "VBN"
                and child.lemma_.lower() not in _THIRD_PARTY_VERBS):
            found = [o for agent in child.children if agent.dep_ == "agent"
                     for o in _pobjs(agent) if is_actor(o, lexicon)]
            if found:
                return found[0]
    return None


_THIRD_PARTY_VERBS = frozenset((
    "broker", "mediate", "host", "facilitate", "sponsor", "organise", "organize", "convene",
    "chair", "arrange",
))


def attributed(actor, lexicon: Lexicon) -> bool:
    """Is the actor only the one an act is blamed on ("an attack blamed on Russia")?"""
    prep = actor.head
    return (actor.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.dep_ == "acl"
            and prep.head.lemma_.lower() in lexicon.attributing)


def plan_before(clause, verb, lexicon: Lexicon):
    """The noun of a plan or plot the verb takes before ``clause`` (its object, or the object
    of its preposition), when the parser hung the noun's "to" clause on the verb."""
    for child in verb.children:
        nouns = [child] if child.dep_ == "dobj" else (
            [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [])
        for noun in nouns:
            if (noun.i < clause.i and noun.pos_ == "NOUN"
                    and lexicon.complement_modes.get(noun.lemma_.lower()) == "planned"):
                return noun
    return None


def _foiled(plot, verb, lexicon: Lexicon) -> bool:
    """Was the plot stopped, by the verb ("foiled a plot") or by its word ("a foiled plot")?"""
    return (lexicon.complement_modes.get(verb.lemma_.lower()) == "negated"
            or any(c.dep_ == "amod" and lexicon.adverbs.get(c.lower_) == "negated"
                   for c in plot.children))


def verb_sources(verb, lexicon: Lexicon, depth: int = 0) -> tuple[list, str]:
    """The agent heads of a verb's clause and the rule that found them."""
    if depth > _MAX_DEPTH:
        return [], ""
    if passive(verb):
        agents = _agents(verb)
        if agents:
            return agents, "passive agent"
        return [], "passive, no agent"
    subjects = _children(verb, *_SUBJECT_DEPS)
    if (len(subjects) > 1 and subjects[0].i < subjects[-1].i < verb.i
            and not is_actor(subjects[0], lexicon) and is_actor(subjects[-1], lexicon)
            and non_agent(subjects[0], lexicon) is None):
        # "Sudan's paramilitary Rapid Support Forces shelled": the parser split one phrase
        # into two subjects; its head is the actor next to the verb.
        subjects = subjects[-1:]
    if subjects:
        subject = through_container(subjects[0])
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head], "relative clause subject"
        if subject.lemma_.lower() in lexicon.charge_nouns:
            # "a charge Kigali denied", read as the charge with "Kigali" in apposition.
            answering = [c for c in subject.children if c.dep_ == "appos"]
            if answering:
                return answering[:1], "who answers the charge"
        return [subject], "subject"
    return _inherited_sources(verb, lexicon, depth)


def state_participle(verb) -> bool:
    """A passive participle its subject is in ("remain displaced by the conflict", "stay
    detained"); not one of a stance that takes a complement ("are committed to opening up")."""
    if verb.dep_ != "acomp" or verb.tag_ != "VBN":
        return False
    if _children(verb, "agent"):
        return True
    return not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in _STANCE_PREPS)
                   for c in verb.children)


_STANCE_PREPS = frozenset(("to", "on", "with", "about", "for", "against"))
# Verbs whose subject holds the intent or plan they take ("had no intention of invading",
# "announced plans for building"); not those that answer someone else's ("rejected a proposal").
_HOLDING_VERBS = frozenset(("have", "hold", "harbour", "harbor", "express", "announce", "make",
                            "unveil", "outline", "signal"))


def misread_finite(verb, lexicon: Lexicon) -> bool:
    """A past verb the parser read as a participle: of the sentence's only noun, with an
    object or a "to" complement a passive participle would not take ("The Iraqi air force
    carried out three air strikes", "rulers threatened on Wednesday to nationalise") or as an
    act no one undergoes ("Relatives of the hostages protested outside", "Hundreds of
    students protested");
    or as an adjective (``misread_adjective``: "Belarus jailed opposition activist X")."""
    head = verb.head
    if verb.dep_ == "amod":
        return misread_adjective(verb)
    if reported_subject(verb, lexicon) is not None:
        return True
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ == "nsubj" and head.i == verb.i - 1 and _children(verb, "dobj"):
        # "ECOWAS condemned on Wednesday the arrest of ... and called for his release": a
        # participle right after the subject of the sentence's verb, with an object of its
        # own, is a first verb the parser hung on the subject.
        return True
    return (head.dep_ == "ROOT"
            and (any(c.dep_ == "dobj" or (c.dep_ == "xcomp" and has_to(c))
                     for c in verb.children)
                 or (verb.lemma_.lower() in lexicon.intransitive_acts
                     and is_actor(through_container(head), lexicon))))


def reported_subject(verb, lexicon: Lexicon):
    """"Haitian police backed by the Kenyan-led mission killed 15 gang members, the national
    police said": the parser hung the reported verb, with its object, inside the first
    subject of the verb of saying, which it left with two subjects. That first subject is the
    reported verb's."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or not _children(verb, "dobj"):
        return None
    subject = verb.head
    while subject.dep_ not in ("nsubj", "ROOT") and subject.head.i != subject.i:
        subject = subject.head
    reporter = subject.head
    if (subject.dep_ != "nsubj" or reporter.lemma_.lower() not in lexicon.attribution
            or len(_children(reporter, "nsubj")) < 2 or subject.i > verb.i):
        return None
    return subject


def _inherited_sources(verb, lexicon: Lexicon, depth: int) -> tuple[list, str]:
    dep = verb.dep_
    head = verb.head
    if head.i == verb.i:
        return [], ""
    if misread_finite(verb, lexicon):
        first = misread_conjunct(verb)
        if first is not None:
            # "rejected the results and boycotted parliament": the first verb's subject.
            found, _ = verb_sources(first, lexicon, depth + 1)
            return found, f"shared with '{first.text}'"
        reported = reported_subject(verb, lexicon)
        if reported is not None:
            return [reported], "subject of a reported verb the parser hung on it"
        if dep == "amod":  # "Trump imposed tariffs": the name the parser made the root
            name = misread_name(verb)
            return [head.head if name is None else name], \
                "the name before a past verb parsed as an adjective"
        return [through_container(head)], "subject of a past verb parsed as a participle"
    if dep == "acl" and verb.tag_ == "VBN":
        return _agents(verb), "participle agent"
    nominal_head = head.pos_ in ("NOUN", "PROPN", "PRON")
    if nominal_head and (dep == "acl" or (dep in ("xcomp", "ccomp", "relcl") and has_to(verb))):
        # "called on Iran to stop", "a statement criticising China".
        if is_actor(head, lexicon) or actor_within(head, lexicon) is not None:
            return [head], "clause of its noun"
        if head.dep_ == "dobj":
            # "The council adopted a resolution endorsing the plan": the council endorses.
            found, _ = verb_sources(head.head, lexicon, depth + 1)
            return found, f"subject of '{head.head.text}' through '{head.text}'"
        return [head], "clause of its noun"
    if state_participle(verb):
        # "two million people remain displaced by the conflict": they undergo it.
        return _agents(verb), "agent of a participle of state"
    if dep in ("acomp", "attr") or (dep == "xcomp" and passive(head)):
        # "are due to hold talks", "is set to host", "are alleged to have killed".
        subjects = _children(head, "nsubj", "nsubjpass")
        if subjects:
            return [through_container(subjects[0])], f"subject of '{head.text}'"
        return verb_sources(head, lexicon, depth + 1)
    if dep in ("xcomp", "ccomp"):
        if head.lemma_.lower() in lexicon.object_control:
            controller = _object_controller(head)
            if controller is not None:
                return [controller], f"object control of '{head.text}'"
        found, _ = verb_sources(head, lexicon, depth + 1)
        return found, f"subject control of '{head.text}'"
    if dep == "pcomp":
        governor = head.head
        if governor.pos_ in ("ADV", "ADJ") and governor.dep_ in ("advmod", "acomp"):
            governor = governor.head  # "stopped short of recognising": the verb "short" hangs on
        elif (governor.pos_ == "NOUN" and governor.dep_ == "dobj"
              and governor.lemma_.lower() in lexicon.complement_modes
              and governor.head.lemma_.lower() in _HOLDING_VERBS
              and not _children(governor, "poss")):
            governor = governor.head  # "had no intention of invading": whoever had it
        act = patient_act(governor, lexicon)
        if act is not None and head.lower_ in _OBJECT_PCOMP_PREPS:
            # "ordered the arrest of Bolsonaro for violating restrictions": who undergoes the
            # act did what it is for.
            patients = nominal_targets(act[0], lexicon)
            if patients:
                return patients, f"who undergoes '{act[0].text}'"
        # "ELN guerrillas were accused of kidnapping": a passive's subject is its object.
        objects = _children(governor, "dobj") or _children(governor, "nsubjpass")
        if (objects and governor.lemma_.lower() in lexicon.object_pcomp
                and head.lower_ in _OBJECT_PCOMP_PREPS):
            return objects, f"object of '{governor.text}'"
        found, _ = verb_sources(governor, lexicon, depth + 1)
        return found, f"subject of '{governor.text}'"
    if (dep == "advcl" and head.lemma_.lower() in lexicon.attribution
            and not speech_act(verb, lexicon)):
        reported = next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)
        if reported is not None:
            # "Russia launched drones, the air force said, damaging energy facilities": a
            # participle after a parenthetical attribution goes on with the report, not the
            # reporter; one of saying goes on with the reporter (", Syria said, condemning").
            found, _ = verb_sources(reported, lexicon, depth + 1)
            return found, f"shared with '{reported.text}' past the attribution"
    plot = plan_before(verb, head, lexicon) if dep == "advcl" and has_to(verb) else None
    if plot is not None and _foiled(plot, head, lexicon):
        # "police foiled a plot to bomb the embassy": the plotters, not the police, would bomb.
        return [], f"a clause of the foiled '{plot.text}'"
    if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        reporter = joined_to_report(verb, lexicon, depth)
        if reporter is not None:
            found, _ = verb_sources(reporter, lexicon, depth + 1)
            return found, f"shared with '{reporter.text}' past what was said"
        found, _ = verb_sources(head, lexicon, depth + 1)
        return found, f"shared with '{head.text}'"
    return [], ""


def joined_to_report(verb, lexicon: Lexicon, depth: int = 0):
    """The word of saying a second word of saying belongs to, where the parser joined it to
    what was said: "Britain said the verdict was politically motivated and called for his
    release", "Zelensky said Moscow was lying and urged allies to send air defences" (what
    Moscow is said to do is no act), "denied that mercenaries had killed civilians, calling the
    allegations fabricated". Not "killed one soldier and wounded two", nor "clashed with police
    while demanding ..., officials said". The speaker's act shares the speaker's subject and
    mode, not those of what was said ("said diplomats would be expelled and accused Berlin")."""
    dep, head = verb.dep_, verb.head
    if dep not in ("conj", "advcl") or head.pos_ not in ("VERB", "AUX") or head.dep_ != "ccomp":
        return None
    reporter = head.head
    if not (speech_act(verb, lexicon) and speech_act(reporter, lexicon)):
        return None
    if dep == "conj":
        found, _ = verb_sources(head, lexicon, depth + 1)
        joined = reporter.lemma_.lower() in lexicon.attribution and (
            not any(is_actor(f, lexicon) for f in found)
            or not is_event(lexical_match(head, lexicon)))
    else:
        joined = reporter.i < head.i < verb.i and not any(c.dep_ == "mark" for c in verb.children)
    return reporter if joined else None


# The complement tables of words of saying: promising, threatening, urging, demanding,
# refusing, denying (not "reduction": "suspending aid" says nothing).
SPEECH_TABLES = ("intent", "threat", "appeal", "demand", "refusal", "denial")


def speech_act(verb, lexicon: Lexicon) -> bool:
    """A word of saying, vowing, demanding, denying, accusing or condemning ("prohibiting",
    "damaging" are none)."""
    lemma = verb.lemma_.lower()
    table = lexicon.table_for(lemma)
    if lemma in _FORCING and not _children(verb, "xcomp", "ccomp"):
        return False  # "forced six men off the bus": done by hand, not by word
    if lemma in lexicon.attribution or (table is not None and table[0] in SPEECH_TABLES):
        return True
    pattern = lexical_match(verb, lexicon)
    if is_event(pattern):
        return pattern.code[:2] in SAYING_ROOTS  # "arresting" makes a reason alleged, says nothing
    return lexicon.complement_modes.get(lemma) == "alleged"


def _object_controller(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            found = _pobjs(child)
            if found:
                return found[0]
    return None


# Disapproval and rejection voiced as a noun ("voiced opposition"): the noun is what is said.
_EXPRESSED_ROOTS = frozenset(("11", "12"))
# Verbs of demand that are deeds without a clause of what is demanded ("forced them off").
_FORCING = frozenset(("force", "compel"))
# Statements, appeals, accusations: what they are about can name their addressee.
SAYING_ROOTS = frozenset(("01", "02", "11"))
_TOPIC_PREPS = frozenset(("over", "about", "in", "of", "on", "regarding", "at"))
# Attacks: their object is often a place ("struck sites in Pakistan"), and a weapon object
# belongs to the target ("shot down a Russian jet").
ATTACK_ROOTS = frozenset(("18", "19", "20"))
# Codes whose object is what one side gives the other: aid, experts, rescue teams.
_GIVING_ROOTS = frozenset(("06", "07"))
_PROTEST_ROOT = "14"
_VISIT = "042"
# Codes whose object is what one side stops giving the other ("banned exports of gallium to
# the United States", "halted arms sales to Israel"): the target is who would receive it.
_WITHHOLDING_ROOTS = frozenset(("16",))
# Codes whose object is the source's own force ("sent troops to Libya", "deployed warships"):
# the target is where it goes, never the force itself.
_DEPLOYING_ROOTS = frozenset(("15",))


def verb_targets(
    verb, lexicon: Lexicon, nominal, named_preps: tuple[str, ...], code: str = ""
) -> tuple[list, str]:
    """The patient heads of a verb's clause. `nominal` is the object whose lexicon entry coded the
    event (its own participants are the targets: "imposed sanctions on Iran")."""
    object_deps = ("dobj",)
    if passive(verb):
        patients = _children(verb, "nsubjpass")
        if patients and patients[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head], "relative clause patient"
        object_deps = ("dobj", "nsubjpass")
    elif state_participle(verb):
        return _children(verb.head, "nsubj", "nsubjpass")[:1], "subject of a participle of state"
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and not misread_finite(verb, lexicon):
        if code[:2] in ATTACK_ROOTS and verb.head.lemma_.lower() in lexicon.instruments:
            return [], "a weapon launched is no target"  # "drones launched by Russia"
        return [verb.head], "participle modifier"
    for child in _children(verb, "dative"):
        if is_actor(child, lexicon):
            return [child], "indirect object"
    found_objects = (_children(verb, *object_deps) or _small_clause_object(verb, lexicon)
                     or _zero_relative_object(verb, lexicon))
    if verb.dep_ == "amod" and misread_adjective(verb):
        noun = verb.head  # the noun a misread verb modifies is its object, with its name
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head  # "jailed opposition leader Nika Melia"
        found_objects = [noun]
    for obj in found_objects:
        if obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and is_actor(verb.head, lexicon):
            # "six companies that it accused of helping Iran": the relative's antecedent.
            return [verb.head], "relative clause object"
        if obj.lemma_.lower() in lexicon.other_side_nouns and not is_actor(obj, lexicon):
            continue  # "his counterpart Italian President Sergio Mattarella": the name after it
        obj = through_container(obj)
        if _own(obj, lexicon) or (code[:2] in _DEPLOYING_ROOTS and obj.pos_ == "NOUN"):
            # "recalled its ambassador from Israel", "withdrew their troops": the source's own
            # people are what it moves, the target is where from or to.
            found = _moved_to(obj, lexicon) or _recipients(verb, lexicon)
            if found:
                return found, f"where '{obj.text}' move"
            continue
        if obj is nominal or obj.i == getattr(nominal, "i", -1):
            # "sent rescue teams to Turkey": what the coding object names is given; whoever
            # receives it is the target. "Sent a delegation to Freetown": where it goes is
            # whom it visits.
            if code[:3] == _VISIT:
                found = [o for holder in (verb, obj) for prep in _children(holder, "prep", "dative")
                         if prep.lower_ == "to" for o in _pobjs(prep)]
            else:
                found = (_recipients(verb, lexicon) or _recipients(obj, lexicon)
                         if code[:2] in _GIVING_ROOTS else [])
            if found:
                return found, f"recipient of '{obj.text}'"
            # "launched 120 drones at Ukrainian cities": the weapon launched is no target; but
            # one that was shot down belongs to the target ("shot down a Russian fighter jet").
            weapon = obj.lemma_.lower() in lexicon.instruments
            if code[:2] in _EXPRESSED_ROOTS and obj.lemma_.lower() in lexicon.agent_nouns:
                # "voiced opposition to the deal": the feeling expressed is the act, not the
                # opposition party; what it is against is the target.
                return [o for p in _children(obj, "prep") if p.lower_ in ("to", "against")
                        for o in _children(p, "pobj")], f"what '{obj.text}' is against"
            if is_actor(obj, lexicon) and not weapon:
                return [obj], "object"
            owner = weapon_owner(obj, lexicon) if weapon and code[:2] in ATTACK_ROOTS else None
            if owner is not None and not pronoun_possessor(owner):
                if owner.i > obj.i:
                    # "drones launched by Russia": the owner is named after the weapon's phrase,
                    # which alone would not say whose it is.
                    return [owner], f"owner of '{obj.text}'"
                return [obj], "a weapon with its owner"  # coded with the owner's force
            found = (nominal_targets(obj, lexicon, opposed=code[:2] == _PROTEST_ROOT)
                     or _participle_targets(obj, lexicon))
            if found:
                return found, f"participant of '{obj.text}'"
            inner = actor_within(obj, lexicon)
            if inner is not None and not pronoun_possessor(inner):
                return [inner], f"actor of '{obj.text}'"
            continue  # "closed its border with Sudan": "its" is the closer's own
        found = _recipients(verb, lexicon) if code[:2] in _GIVING_ROOTS else []
        if found:
            # "extradited a suspected spy to Britain", "shared intelligence with the United
            # States": what is handed over is no target; who receives it is.
            return found, f"recipient of '{obj.text}'"
        if is_actor(obj, lexicon):
            return [obj], "object"
        inner = actor_within(obj, lexicon)
        if inner is not None and not pronoun_possessor(inner):
            return [inner], f"actor of object '{obj.text}'"
        found = nominal_targets(obj, lexicon, depth=2)
        if found:
            return found, f"participant of object '{obj.text}'"
        found = _withheld_from(obj, lexicon) if code[:2] in _WITHHOLDING_ROOTS else []
        if found:
            return found, f"who '{obj.text}' went to"
        if inner is not None:
            return [inner], f"actor of object '{obj.text}'"
        owner = _institution(obj, lexicon) if code[:2] in _SITE_ROOTS else None
        if owner is not None:
            return [owner], f"the institution of '{obj.text}'"
    if nominal is not None and nominal.dep_ == "pobj":
        # "agreed on new sanctions against Israel": the decided event's own participants.
        found = nominal_targets(nominal, lexicon)
        if found:
            return found, f"participant of '{nominal.text}'"
    found = _small_clause_subject(verb, lexicon)
    if found:
        return found, "subject of the verb's small clause"
    found, rule = _prep_targets(verb, lexicon, named_preps)
    if not found and code[:2] in SAYING_ROOTS:
        # "expressed concern over the violence in Myanmar", "condemned the attack in Kabul":
        # a statement about what happens in a country is addressed to it.
        # An appeal "for a ceasefire in Sudan" speaks of what its nominal names.
        spoken_of = [*found_objects, *([nominal] if nominal is not None else [])]
        found = [p for o in spoken_of for p in _places_spoken_of(o)][:1]
        rule = "the country the statement is about"
    return found, rule


# Acts done to a site ("stormed the parliament building", "attacked a police station"): the
# site's institution is the target.
_SITE_ROOTS = ATTACK_ROOTS | {"14"}


def _institution(site, lexicon: Lexicon):
    """The institution a building or post names ("the parliament building", "a police
    station", "an army base")."""
    return next((c for c in site.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                 and c.lemma_.lower() in lexicon.agent_nouns), None)


def weapon_owner(thing, lexicon: Lexicon):
    """Who a weapon belongs to: the actor its phrase names, or a country or people named before
    it deeper in the phrase ("a Russian Su-34 fighter jet")."""
    found = actor_within(thing, lexicon)
    if found is not None:
        return found
    return next((token for word in thing.lefts for token in word.subtree
                 if token.ent_type_ in ("NORP", "GPE") and token.dep_ in ("amod", "compound", "poss")),
                None)


def _places_spoken_of(thing, depth: int = 3):
    """Named countries in a noun's "over", "about", "in", "of", "on" phrases, `depth` deep."""
    for prep in thing.children:
        if prep.dep_ != "prep" or prep.lower_ not in _TOPIC_PREPS:
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if obj.ent_type_ == "GPE":
                yield obj
            elif depth > 1:
                yield from _places_spoken_of(obj, depth - 1)


def _participle_targets(noun, lexicon: Lexicon) -> list:
    """"lift sanctions imposed on Tehran by his predecessor": whom the participle describing
    the noun aims it at, not who did it."""
    return [o for verb in _children(noun, "acl") if verb.tag_ == "VBN"
            for prep in _children(verb, "prep") if prep.lower_ in ("on", "against")
            for o in _pobjs(prep) if is_actor(o, lexicon)][:1]


def _small_clause_object(verb, lexicon: Lexicon) -> list:
    """"detained a Ukrainian agent plotting to blow up a pipeline": the parser makes the
    object the subject of the bare "-ing" clause that describes it; a verb of saying reports a
    clause, not a person."""
    if verb.lemma_.lower() in lexicon.attribution:
        return []
    return [s for clause in _children(verb, "ccomp") if clause.tag_ == "VBG"
            and clause.i > verb.i and not _children(clause, "aux", "mark")
            for s in _children(clause, "nsubj")][:1]


def each_other(verb, the_other: bool = False) -> bool:
    """Whether the verb's object is "each other" / "one another", or is owned by it ("expelled
    each other's diplomats"); with ``the_other``, also "the other" (after "each side")."""
    wanted = {("other", "each"), ("another", "one"), ("one", "another")}
    if the_other:
        wanted.add(("other", "the"))
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "pobj", "prep")):
        words = [obj, *obj.children, *(g for c in obj.children for g in c.children)]
        pairs = {(w.lower_, d.lower_) for w in words for d in w.children}
        if pairs & wanted:
            return True
    return False


def _zero_relative_object(verb, lexicon: Lexicon) -> list:
    """"freed a French tourist it detained in May": a relative clause with no relative word
    and no object of its own has its noun for the object; one with a subject of its own says
    the noun is not who acted."""
    if verb.dep_ != "relcl" or passive(verb) or not is_actor(verb.head, lexicon):
        return []
    subjects = _children(verb, "nsubj")
    if not subjects or subjects[0].lower_ in RELATIVE_PRONOUNS:
        return []
    return [verb.head]


def _small_clause_subject(verb, lexicon: Lexicon) -> list:
    """"found Marine Le Pen guilty", "declared the group a terrorist organisation": the parser
    makes the object the subject of a verbless clause."""
    for clause in _children(verb, "ccomp"):
        if clause.pos_ in ("ADJ", "NOUN"):
            found = [c for c in _children(clause, "nsubj") if is_actor(c, lexicon)]
            if found:
                return found
    return []


def pronoun_possessor(token) -> bool:
    """"welcomed their resumption of ties with X": "their" points back to the subject; the
    object's own participant says whom the act concerns."""
    return token.dep_ == "poss" and token.pos_ == "PRON"


def _prep_targets(verb, lexicon: Lexicon, named_preps: tuple[str, ...]) -> tuple[list, str]:
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative")]
    ordered = sorted(preps, key=lambda p: (p.lower_ not in named_preps, _prep_rank(p.lower_, lexicon)))
    for prep in ordered:
        if prep.lower_ not in named_preps and prep.lower_ not in lexicon.target_preps:
            continue
        # "marched against corruption and the government": a party named after an issue.
        for obj in [o for first in _pobjs(prep) for o in (first, *_children(first, "conj"))]:
            if prep.lower_ == "with" and _absolute(prep, obj):
                continue  # "fought for the town, with residents reporting gunfire"
            if is_actor(obj, lexicon):
                return [obj], f"'{prep.text}' object"
            inner = actor_within(obj, lexicon)
            if inner is not None:
                return [inner], f"actor of '{prep.text}' object"
            for place in places_in(obj, depth=2) if prep.lower_ == "from" else ():
                # "withdrew from five positions in southern Lebanon": where from is the target.
                return [place], f"place in '{prep.text}' object"
    return [], ""


_PLACE_PREPS = frozenset(("in", "of", "near", "on", "at", "outside", "across"))


def _absolute(prep, obj) -> bool:
    """", with residents reporting heavy gunfire": a "with" set off by a comma whose object
    does something of its own in an "-ing" clause tells what went on meanwhile; it is no
    partner of the act ("clashed with protesters demanding his resignation" is)."""
    return (prep.i > 0 and prep.doc[prep.i - 1].text == ","
            and any(c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for c in obj.children))


def places_in(holder, depth: int):
    """Named places (GPE entities) in a phrase's locative or "of" phrases, `depth` deep:
    "the port of Odesa", "residential buildings in Kyiv", "Erbil international airport"."""
    for prep in holder.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.ent_type_ == "GPE" or (obj.ent_type_ == "LOC" and obj.pos_ == "PROPN"):
                yield obj
                continue
            if depth > 1:
                # "fired at Erbil international airport": a city naming the facility in the
                # phrase itself (not one deeper: "on a highway in Michoacán state").
                yield from (c for c in obj.children
                            if c.dep_ == "compound" and c.ent_type_ == "GPE")
                yield from places_in(obj, depth - 1)


def _own(obj, lexicon: Lexicon) -> bool:
    lemma = obj.lemma_.lower()
    return lemma in lexicon.agent_nouns and lemma not in lexicon.other_side_nouns and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children
    )


def _recipients(holder, lexicon: Lexicon) -> list:
    """Who receives what a verb gives: its (or its object's) "to", "into" or "with" actor."""
    for prep in holder.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into", "with"):
            found = [o for o in _pobjs(prep) if is_actor(o, lexicon)]
            if found:
                return found
    return []


def _withheld_from(obj, lexicon: Lexicon) -> list:
    """The "to" actor of a withheld thing's phrase: the parser often hangs it on the last of
    what is named ("exports of gallium and germanium to the United States")."""
    holders = [obj]
    for holder in holders:  # the noun, what it is "of", and their conjuncts; no clauses
        holders.extend(c for c in holder.children if c.dep_ == "conj"
                       or (c.dep_ == "pobj" and holder.dep_ == "prep" and holder.lower_ == "of"))
        holders.extend(c for c in holder.children if c.dep_ == "prep" and c.lower_ == "of")
    for holder in holders:
        found = [o for p in holder.children if p.dep_ == "prep" and p.lower_ == "to"
                 for o in _pobjs(p) if is_actor(o, lexicon)]
        if found:
            return found
    return []


def _moved_to(obj, lexicon: Lexicon) -> list:
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "to", "into"):
            found = [o for o in _pobjs(prep) if is_actor(o, lexicon)]
            if found:
                return found
    return []


_PREP_ORDER = ("against", "on", "upon", "with", "to", "toward", "towards", "at", "into", "between",
               "for", "from", "over", "of", "in")


def _prep_rank(word: str, lexicon: Lexicon) -> int:
    return _PREP_ORDER.index(word) if word in _PREP_ORDER else len(_PREP_ORDER)


def nominal_sources(noun, lexicon: Lexicon) -> list:
    if undergoer(noun, lexicon) is not None:
        # "Navalny's arrest by Russian police": only the "by" phrase names who did it.
        return [o for c in noun.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for o in _pobjs(c) if is_actor(o, lexicon)][:1]
    found = actor_within(noun, lexicon)
    return [found] if found is not None else []


def patient_act(governor, lexicon: Lexicon):
    """The act a "for" reason hangs on when someone undergoes it ("ordered the arrest of X for
    insulting the president"), as (patient noun, the light verb carrying it or None), whether
    the reason hangs on the verb or on the noun; None for any other governor."""
    if governor.lemma_.lower() in lexicon.light_verbs:
        noun = next((c for c in governor.children
                     if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.patient_nouns), None)
        return (noun, governor) if noun is not None else None
    if governor.lemma_.lower() not in lexicon.patient_nouns:
        return None
    head = governor.head
    carried = governor.dep_ == "dobj" and head.lemma_.lower() in lexicon.light_verbs
    return governor, head if carried else None


def undergoer(noun, lexicon: Lexicon):
    """Who undergoes an event noun named by its possessor ("Navalny's arrest", "the
    president's impeachment"), or None; not when an "of" phrase names that ("Israel's killing
    of aid workers")."""
    if noun.lemma_.lower() not in lexicon.patient_nouns or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and is_actor(c, lexicon)), None)


def nominal_targets(noun, lexicon: Lexicon, depth: int = 0, opposed: bool = False) -> list:
    """Participants of a nominal event: "strikes on Gaza", "talks with Iran", "arrest of X";
    with `depth`, also through that many "of" phrases: a verb's object "the resumption of ties
    with Iran" names whom the act concerns; with ``opposed`` (a protest), the agent whose
    doing it is against ("a strike against government plans")."""
    inner = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.nominal_target_preps:
            found = [o for o in _pobjs(child) if is_actor(o, lexicon)]
            if found:
                return found
            # "sanctions on Russia's shadow fleet": the actor owning the participant.
            found = [a for a in (actor_within(o, lexicon) for o in _pobjs(child)) if a is not None]
            if child.lower_ == "against" and opposed:
                # "a strike against government plans": whose plans are opposed is the target.
                found = found or [c for o in _pobjs(child) for c in _children(o, "compound")
                                  if c.lemma_.lower() in lexicon.agent_nouns]
            if found:
                return found[:1]
            if child.lower_ == "of":
                inner.extend(_pobjs(child))
    for obj in inner if depth > 0 else ():
        found = nominal_targets(obj, lexicon, depth - 1)
        if found:
            return found
    patient = undergoer(noun, lexicon)
    return [patient] if patient is not None else []
