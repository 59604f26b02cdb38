"""Modality: is a clause's event asserted, negated, planned, hypothetical or alleged?

A clause's own markers (negation, modal auxiliaries, "if") decide first; otherwise the mode is
inherited up the chain of governing clauses and nominals, so that "Hungary blocked an EU
statement criticising China" leaves the criticism non-asserted while the blocking is asserted.
"""

from __future__ import annotations

from casus.extract.coding import has_to, time_phrase
from casus.extract.frames import joined_to_report, patient_act, plan_before, speech_act
from casus.extract.lexicon import Lexicon
from casus.extract.verdicts import describes

ASSERTED = "asserted"
# When one clause carries several markers, the strongest reading wins.
_PRIORITY = {"negated": 0, "hypothetical": 1, "alleged": 2, "planned": 3}
_MAX_CLIMB = 8
_DEONTIC = frozenset(("must", "should", "ought"))
# "No agreement was signed", "nobody was arrested", "has no plans to attack": a participant or
# governing noun that is quantified by "no" negates the clause.
_NO_ONE = frozenset(("nobody", "nothing", "none", "noone"))
_CORE_ARGUMENTS = frozenset(("nsubj", "nsubjpass", "dobj"))
_CONDITION = "condition "
_LEFT_OPEN = "left open by "
# Prepositions of where something was done, not what it was done for.
_SCENE_PREPS = frozenset(("at", "near", "outside", "inside", "from"))
# Steps that stay inside one noun phrase and the clauses that modify it.
_PHRASE_STEPS = frozenset(("dobj", "nsubjpass", "pobj", "prep", "acl", "relcl", "compound",
                           "amod", "conj", "appos", "xcomp"))


def clause_mode(token, lexicon: Lexicon) -> tuple[str, str]:
    """The mode of the event headed by `token`, and the reason (for the trace).

    Every marker up the chain of governing clauses counts and the strongest wins: "failed to
    agree on sanctions" is negated although "agree" alone would make the sanctions planned."""
    found = [own_mode(token, lexicon), _no_participant(token), polar_question(token)]
    current = token
    for _ in range(_MAX_CLIMB):
        step = _inherited(current, lexicon)
        if step is None:
            found.append(_alleged_relative(current, lexicon))
            break
        mode, current = step
        if mode and mode[0] == ASSERTED:
            break
        found.append(mode)
        if mode and mode[1].startswith(_LEFT_OPEN):
            break  # "refused to rule out": the refusal is of ruling out, not of the act
    found = [item for item in found if item]
    if not found:
        return ASSERTED, ""
    return min(found, key=_rank)


def _alleged_relative(clause, lexicon: Lexicon) -> tuple[str, str] | None:
    """"accused Pakistan of sponsoring the gunmen who killed 26 tourists": a relative clause on
    what is alleged is alleged too. Other modes stay out of it: in "did not arrest the men who
    attacked the mosque" the attack happened."""
    head = clause.head
    if clause.dep_ != "relcl" or head.dep_ not in ("dobj", "pobj"):
        return None
    mode = clause_mode(head, lexicon)
    return mode if mode[0] == "alleged" else None


def _rank(item: tuple[str, str]) -> int:
    # What an "if" clause says is hypothetical even when it is negated: in "sanctions if Russia
    # did not agree", Russia's not agreeing is a condition, not a reported fact.
    return -1 if item[1].startswith(_CONDITION) else _PRIORITY[item[0]]


def deontic(token) -> bool:
    """Does the clause say what someone must or should do ("Israel must end the attacks")?"""
    return any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in token.children)


def negated_here(token, lexicon: Lexicon) -> bool:
    """Is the clause head itself negated ("will not lift"), as opposed to inheriting it?"""
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and lexicon.adverbs.get(c.lower_) == "negated")
        for c in token.children
    )


def left_open(verb, lexicon: Lexicon) -> bool:
    """"did not rule out military action", "refused to rule out force": a verb that excludes
    an act, itself negated or refused, leaves the act open."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in lexicon.open_heads:
        return False
    if lemma not in lexicon.open_verbs and not any(
            f"{lemma} {c.lower_}" in lexicon.open_verbs for c in verb.children if c.dep_ == "prt"):
        return False
    return negated_here(verb, lexicon) or (
        verb.dep_ == "xcomp"
        and lexicon.complement_modes.get(verb.head.lemma_.lower()) == "negated")


def own_mode(token, lexicon: Lexicon) -> tuple[str, str] | None:
    """Markers attached to the clause head itself."""
    found: list[tuple[str, str]] = []
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and lexicon.adverbs.get(word) == "negated"):
            found.append(("negated", f"negation '{child.text}'"))
        elif child.dep_ in ("aux", "auxpass") and word in lexicon.modals:
            found.append((_modal_mode(word, token, lexicon), f"modal '{child.text}'"))
        elif child.dep_ in ("advmod", "npadvmod") and word in lexicon.adverbs:
            found.append((lexicon.adverbs[word], f"adverb '{child.text}'"))
        elif child.dep_ == "mark" and word in lexicon.conditional_marks:
            found.append(("hypothetical", f"{_CONDITION}'{child.text}'"))
        elif (child.dep_ == "mark" and word in lexicon.future_marks
              and token.tag_ in ("VBP", "VBZ", "VB")):
            # "a day before the allies begin joint drills": in the present after "before" or
            # "until", the act is still to come.
            found.append(("planned", f"'{child.text}' + present"))
        elif (child.dep_ == "advcl" and _conditional(child, lexicon) and not _governs_clause(token)
              and not _threatens(token, lexicon)):
            found.append(("hypothetical", f"consequence of condition '{child.text}'"))
        elif child.dep_ == "amod" and token.pos_ != "VERB" and child.lower_ in lexicon.adverbs:
            found.append((lexicon.adverbs[child.lower_], f"modifier '{child.text}'"))
        elif child.dep_ == "det" and word == "no" and not _exception(token):
            found.append(("negated", f"'no {token.text}'"))
        elif child.dep_ == "det" and word == "any" and token.pos_ != "VERB":
            # "would respond to any attack by the United States": no attack in particular,
            # only one that may come.
            found.append(("hypothetical", f"'any {token.text}'"))
        elif child.dep_ == "prep" and word == "according" and _hearsay_source(child, lexicon):
            found.append(("alleged", "'according to' unnamed reports"))
    day = _scheduled_for(token, lexicon)
    if day is not None:
        # "called a general strike for next week", "set the vote for May 30": what is called or
        # set for a day is still to come.
        found.append(("planned", f"'{token.text}' for '{day.text}'"))
    if token.dep_ == "ROOT" and has_to(token) and any(c.dep_ == "nsubj" for c in token.children):
        # A headline's "Kenya to send police to Haiti": the act is announced, still to come.
        found.append(("planned", "headline 'to'"))
    if token.dep_ == "xcomp" and _is_future_frame(token.head):
        found.append(("planned", f"'{token.head.text} to'"))
    if not found:
        return None
    return min(found, key=_rank)


_TIME_UNITS = frozenset(("minute", "hour", "day", "week", "month", "year", "decade"))
_COMING = frozenset(("next", "coming", "following"))


def _scheduled_for(verb, lexicon: Lexicon):
    """The day a verb of scheduling fixes for its act, in a "for" phrase on the verb or on its
    object ("called a strike for Friday"); a span of time ("for two weeks") is no day."""
    if verb.lemma_.lower() not in lexicon.scheduling_verbs:
        return None
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for holder in holders:
        for link in holder.children:
            # "for Friday", "from Monday", "starting Monday".
            if not ((link.dep_ == "prep" and link.lower_ in SCHEDULING_PREPS)
                    or (link.dep_ in ("acl", "advcl") and link.lemma_.lower() in STARTING)):
                continue
            for day in link.children:
                # "next week" is a day to come; "a decade", "two weeks", "days" are spans.
                if day.dep_ in ("pobj", "npadvmod", "dobj") and day.ent_type_ == "DATE" and not (
                        day.lemma_.lower() in _TIME_UNITS
                        and not any(c.lower_ in _COMING for c in day.children)):
                    return day
    return None


# How a day is set for an act: "called a strike for Friday", "from Monday", "starting Monday".
SCHEDULING_PREPS = frozenset(("for", "from"))
STARTING = frozenset(("start", "begin"))


def _hearsay_source(according, lexicon: Lexicon) -> bool:
    """"according to (unverified) reports", "according to rumours": reports no one is named
    for, which say no more than "reportedly" does; "according to a report by the UN" names its
    source."""
    for to in according.children:
        for noun in to.children:
            if (noun.dep_ == "pobj" and noun.lemma_.lower() in lexicon.hearsay_nouns
                    and not any(c.dep_ == "det" for c in noun.children)):
                return True
    return False


def polar_question(token) -> tuple[str, str] | None:
    """"Did Israel strike Iran?", "Will China invade Taiwan?": a yes-no question, one that opens
    with its auxiliary, asserts nothing in it; "Why did Israel strike Iran?" takes the strike
    as given."""
    root = token
    for _ in range(_MAX_CLIMB * 2):
        if root.head.i == root.i:
            break
        root = root.head
    children = list(root.children)
    if not any(c.dep_ == "punct" and c.text == "?" for c in children):
        return None
    opener = next((c for c in children if c.dep_ in ("aux", "auxpass", "nsubj", "expl")), None)
    if opener is None or opener.dep_ not in ("aux", "auxpass") or not opener.is_sent_start:
        return None
    return "hypothetical", f"question '{opener.text} ...?'"


def _phone_call(verb) -> bool:
    """"called Morrison to congratulate him": "call" with an object and no "on", "upon" or
    "for" is a phone call, and what it was made for happened."""
    if verb.lemma_.lower() != "call" or not any(c.dep_ in ("dobj", "oprd") for c in verb.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") and not time_phrase(c)
                   for c in verb.children)


def _no_participant(token) -> tuple[str, str] | None:
    """"No agreement was signed", "nobody was arrested": the trigger's own subject or object is
    quantified by "no". Only the trigger itself: the talks at whose end no agreement was signed
    still happened."""
    for child in token.children:
        if child.dep_ in _CORE_ARGUMENTS and _none_of(child):
            return "negated", f"no participant '{child.text}'"
    return None


def _none_of(argument) -> bool:
    return argument.lower_ in _NO_ONE or any(
        c.dep_ == "det" and c.lower_ == "no" for c in argument.children
    )


def _exception(noun) -> bool:
    # "no choice but to retaliate", "no option other than force": the exception is asserted.
    return any(c.lower_ in ("but", "except", "other") for c in noun.subtree if c.i > noun.i)


def _stronger(first, second):
    """The stronger of two non-asserted readings, either of which may be missing."""
    found = [item for item in (first, second) if item]
    return min(found, key=_rank) if found else None


def _conditional(clause, lexicon: Lexicon) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in lexicon.conditional_marks for c in clause.children)


def _threatens(token, lexicon: Lexicon) -> bool:
    """"threatened tariffs if Mexico did not stop migrants": the condition is the threatened
    act's; the threat itself was made."""
    lemma = token.lemma_.lower()
    return lemma in lexicon.tables["threat"].verbs or lemma in lexicon.warning_verbs


def _governs_clause(token) -> bool:
    # "threatened to strike if the drills went ahead": the parser often hangs the condition on
    # the governing verb; it belongs to the complement.
    return any(c.dep_ == "xcomp" for c in token.children)


def derivable(token, lexicon: Lexicon, tables: frozenset[str]) -> bool:
    """May a speech act be derived from this clause ("will not lift" -> a refusal)?

    Not when the clause, or one governing it, is a condition ("if it did not agree"), nor under
    a governor that makes it hypothetical or alleged ("accused X of refusing"), nor inside the
    complement of a verb in `tables` (threats, demands, appeals: what is threatened or demanded
    says nothing of the addressee's own stance). A reporting verb ends the climb: what is said
    is the speaker's stance."""
    current = token
    for _ in range(_MAX_CLIMB):
        if _conditional(current, lexicon):
            return False
        head = current.head
        if head.i == current.i or _reporting(head, lexicon):
            return True
        lemma = head.lemma_.lower()
        if lemma in tables:
            return False
        found = _governor_mode(head, lexicon, nominal=current.dep_ in ("dobj", "nsubjpass"))
        if found and found[0] in ("hypothetical", "alleged"):
            return False
        current = head
    return True


def in_condition(token, lexicon: Lexicon) -> bool:
    """Is the token inside the "if" clause of a condition ("sanctions if it did not agree to a
    ceasefire")? What a condition supposes is not reported at all."""
    return any(_conditional(t, lexicon) for t in (token, *token.ancestors))


def blocked(token, lexicon: Lexicon) -> bool:
    """Is the token the act a verb blocked, or inside its phrase ("vetoed a resolution calling
    for a ceasefire", "blocked a bill that would have imposed sanctions")? Only the blocking is
    an event: the blocked act never happened and was never the blocker's own."""
    current = token
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head.i == current.i or current.dep_ not in _PHRASE_STEPS:
            return False
        if current.dep_ in ("dobj", "nsubjpass"):
            lemma = head.lemma_.lower()
            return (lexicon.complement_modes.get(lemma) == "negated"
                    and lemma not in lexicon.factive)
        current = head
    return False


def conditional(token, lexicon: Lexicon) -> bool:
    """Is the clause the consequence of an "if" clause ("would strike if Tehran resumed")?"""
    return bool(conditions(token, lexicon))


def conditions(token, lexicon: Lexicon) -> list:
    """The "if" or "unless" clauses on a clause head."""
    return [c for c in token.children if c.dep_ == "advcl" and _conditional(c, lexicon)]


def _modal_mode(word: str, clause, lexicon: Lexicon) -> str:
    mode = lexicon.modals[word]
    # "said he would visit": a future seen from the past, not a hypothesis.
    if word in ("would", "'d") and clause.dep_ == "ccomp" and _reporting(clause.head, lexicon):
        return "planned"
    return mode


def _is_future_frame(head) -> bool:
    """"is going to", "is to", "is due to", "is set to"."""
    lemma = head.lemma_.lower()
    if lemma == "go" and head.tag_ == "VBG":
        return True
    return lemma == "be" and head.pos_ == "AUX"


def _reporting(token, lexicon: Lexicon) -> bool:
    return token.lemma_.lower() in lexicon.attribution


def _reported(clause, head, lexicon: Lexicon) -> bool:
    return (clause.dep_ == "ccomp" and _reporting(head, lexicon) and not has_to(clause)
            and not any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in clause.children))


def _governor_mode(governor, lexicon: Lexicon, nominal: bool) -> tuple[str, str] | None:
    """What a governing word does to the clause or nominal it governs."""
    lemma = governor.lemma_.lower()
    if _phone_call(governor) or governor.dep_ == "prep":
        # "died due to torture": "due" heads a preposition here, not "is due to meet".
        return None
    if nominal and lemma in lexicon.factive:
        return ASSERTED, f"presupposed by '{governor.text}'"
    if not nominal and lemma in ("have", "be") and any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in governor.children):
        return "negated", f"'{governor.text} yet to'"  # "has yet to release": not done so far
    if left_open(governor, lexicon):
        return "hypothetical", f"{_LEFT_OPEN}'{governor.text}'"
    # A phrasal verb first: "ruled out sending troops" is not "ruled that".
    # One with a particle the table does not list takes nothing from the bare verb: "called
    # in the ambassador to protest" summoned him, it appealed for nothing.
    phrasal = [f"{lemma} {c.lower_}" for c in governor.children if c.dep_ == "prt"]
    if phrasal:
        mode = next((lexicon.complement_modes[p] for p in phrasal if p in lexicon.complement_modes),
                    None)
    else:
        mode = lexicon.complement_modes.get(lemma)
    if (mode == "alleged" and lemma in lexicon.alleged_passive_only and governor.pos_ == "VERB"
            and not _passive(governor)):
        mode = None
    if mode:
        return mode, f"under '{governor.text}'"
    return None


def _answered_charge(clause, verb, lexicon: Lexicon) -> bool:
    """"Congo accused Rwanda of sending troops, a charge Kigali denied": the parser hangs the
    whole report under the trailing reply, but the reply is to a charge named after the report,
    which stays as reported."""
    return clause.i < verb.i and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in lexicon.charge_nouns
        and clause.i < c.i < verb.i for c in verb.children)


def _participle(verb) -> bool:
    """A past participle with no subject of its own ("the deal brokered by China")."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark")
                                          for c in verb.children)


def _passive(token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)


def _inherited(current, lexicon: Lexicon):
    """One step up the chain: (mode or None, next token), or None to stop climbing."""
    dep = current.dep_
    head = current.head
    if head.i == current.i:
        return None
    if dep == "ccomp" and _answered_charge(current, head, lexicon):
        return None
    if dep == "ccomp" and _apart(current, head):
        return None
    if dep in ("xcomp", "ccomp"):
        found = _governor_mode(head, lexicon, nominal=False)
        if found and found[0] != "alleged" and _reported(current, head, lexicon):
            # "officials told Reuters that Israel had released 30 prisoners": what a reporting
            # verb relays in a finite clause is reported as fact ("told Iran to stop" is not).
            return None
        if found:
            return found, head
        if _reporting(head, lexicon):
            if dep == "ccomp" and negated_here(head, lexicon):
                # "has never confirmed that it supplied shells": what is not confirmed is
                # only alleged.
                return ("alleged", f"under negated '{head.text}'"), head
            return None
        return own_mode(head, lexicon), head
    if dep == "oprd" and head.lemma_.lower() in lexicon.verdict_verbs:
        return ("alleged", f"what '{head.text}' calls it"), head  # "called it an attack"
    if dep in ("dobj", "nsubjpass", "attr", "oprd"):
        found = _governor_mode(head, lexicon, nominal=True)
        if found:
            return found, head
        return own_mode(head, lexicon), head
    if dep == "pcomp" and head.lower_ == "by" and head.head.pos_ in ("VERB", "AUX"):
        # "suspended aid by accusing Pakistan of ...": the means of an act shares its mode; it
        # is not what a verb like "suspend" stops.
        return own_mode(head.head, lexicon), head.head
    if dep == "pcomp" and head.lower_ in lexicon.presupposing_preps and head.head.i != head.i:
        # "would follow the US in recognising Jerusalem": an act done in doing another shares
        # that act's mode (a presupposed event is a noun: "killed in an air strike").
        return own_mode(head.head, lexicon), head.head
    if dep == "pcomp" and head.lower_ == "with" and any(c.dep_ == "nsubj" for c in current.children):
        # "failed to agree, with each side rejecting the other's proposals": an absolute
        # clause with its own subject tells what went on; what governs the sentence does not
        # reach it.
        return None
    if dep in ("pobj", "pcomp"):
        return _through_preposition(head, lexicon)
    if dep == "nsubj":
        # "a summit was only possible at the final stage", "talks are unlikely": a nominal
        # event's predicate adjective says whether it happens.
        found = next((_governor_mode(c, lexicon, nominal=False) for c in head.children
                      if c.dep_ == "acomp" and current.pos_ == "NOUN"), None)
        return _stronger(found, own_mode(head, lexicon)), head
    if dep in ("acl", "relcl") and has_to(current):
        # "a plan to take control", "an attempt to kill", "no plans to attack".
        return _stronger(_governor_mode(head, lexicon, nominal=False), own_mode(head, lexicon)), head
    if dep == "advcl" and has_to(current):
        # "called on Israel on Monday to halt the offensive": the parser often hangs the
        # complement as a purpose clause once a phrase comes between.
        found = _governor_mode(head, lexicon, nominal=False)
        if found and found[0] in ("hypothetical", "planned"):
            return found, head
        noun = plan_before(current, head, lexicon)
        if noun is not None:
            # "foiled a plot to bomb the embassy", "linked them to a foiled plot to set fire
            # to a hub": the clause is the plot's, which was never carried out.
            noun_mode = _stronger(_governor_mode(noun, lexicon, nominal=False),
                                  own_mode(noun, lexicon))
            return _stronger(found, noun_mode), head
    if dep == "advcl" and _gerund_object(current, head):
        # "ruled out sending troops", "stopped paying salaries": the parser reads the gerund
        # right after the verb as an adverbial clause; it is the verb's complement.
        found = _governor_mode(head, lexicon, nominal=False)
        if found:
            return found, head
    if (dep == "acl" and head.pos_ == "NOUN" and not _participle(current)
            and not (current.lemma_.lower() in lexicon.verdict_verbs and describes(current))):
        # "reports that its troops attacked", "claims that it fired": a noun's content clause;
        # a participle describes its noun instead ("a deal brokered by China"), as does a
        # verdict on it ("a move Tallinn called groundless").
        return _governor_mode(head, lexicon, nominal=False) or own_mode(head, lexicon), head
    if dep == "advcl" and _past_background(current, lexicon):
        # "failed to agree after Slovakia blocked the measures": what happened before the
        # clause's act is reported as fact, whatever befell the act.
        return (ASSERTED, f"'{_mark(current)}' + past"), head
    if dep == "advcl" and _trailing_participle(current, head) and (
            speech_act(current, lexicon) or current.lemma_.lower() in lexicon.sequel_verbs):
        # "would not withdraw its police, vowing to continue the fight", "has yet to certify
        # the result, prompting protests": a trailing word of saying, vowing or accusing, or of
        # what followed, is an act of its own, which shares the subject but not the negation
        # or the modal of the clause it trails ("will extend the curfew, banning assembly"
        # shares both).
        return (ASSERTED, f"'{current.text}' trails as an act of its own"), head
    if dep in ("advcl", "acl"):
        return own_mode(head, lexicon), head
    if dep in ("acomp", "xcomp") or (dep == "ccomp" and head.pos_ == "ADJ"):
        return own_mode(head, lexicon), head
    if (dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children)
            and not _finite_after_bare(current, head)):
        reporter = joined_to_report(current, lexicon)
        if reporter is not None:
            return own_mode(reporter, lexicon), reporter
        return own_mode(head, lexicon), head
    return None


def _apart(clause, head) -> bool:
    """"A bomber killed 17 worshippers; no group claimed responsibility": a semicolon between
    a clause and a later verb the parser hung it on makes them two sentences in one."""
    if clause.i > head.i:
        return False
    return any(t.text == ";" for t in clause.doc[clause.right_edge.i + 1 : head.i])


def _mark(clause) -> str:
    return next((c.lower_ for c in clause.children if c.dep_ == "mark"), "")


def _past_background(clause, lexicon: Lexicon) -> bool:
    """A past-tense clause marked "after", "because", "since" ("after Slovakia blocked", "a
    year after it was bombed")."""
    mark = _mark(clause)
    past = clause.tag_ == "VBD" or (clause.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children))
    return past and (mark in lexicon.presupposing_preps or mark == "because")


def _trailing_participle(clause, head) -> bool:
    """An "-ing" clause with no marker of its own after its verb's clause ("..., vowing to")."""
    return (clause.tag_ == "VBG" and clause.i > head.i and not _mark(clause)
            and any(t.text == "," for t in clause.doc[head.i : clause.i]))


def _gerund_object(clause, verb) -> bool:
    """A gerund with no marker of its own right after its verb (and the verb's particle)."""
    if clause.tag_ != "VBG" or any(c.dep_ in ("mark", "nsubj") for c in clause.children):
        return False
    end = max([verb.i, *(c.i for c in verb.children if c.dep_ == "prt")])
    return clause.i == end + 1


def _finite_after_bare(conjunct, head) -> bool:
    """"would not resign and accused ...", "did not attend and criticised ...", "had not fired
    and denied ...": a finite verb (or a participle, which no bare verb's auxiliary takes)
    joined to a bare verb or a participle does not share the auxiliary, nor its negation."""
    return (head.tag_ == "VB" and conjunct.tag_ in ("VBD", "VBZ", "VBP", "VBN")) or (
        head.tag_ == "VBN" and conjunct.tag_ in ("VBD", "VBZ", "VBP"))


def stake_of(prep, lexicon: Lexicon):
    """The verb and its object noun that claim or deny a part in what ``prep`` introduces
    ("claimed responsibility for", "denied involvement in", the preposition on the noun or on
    the verb), or None."""
    head = prep.head
    if head.lemma_.lower() in lexicon.stake_nouns and head.dep_ == "dobj":
        verb, stake = head.head, head
    elif head.pos_ == "VERB":
        verb = head
        stake = next((c for c in head.children if c.dep_ == "dobj" and c.i < prep.i
                      and c.lemma_.lower() in lexicon.stake_nouns), None)
    else:
        return None
    if stake is None or verb.lemma_.lower() not in lexicon.stake_verbs:
        return None
    return verb, stake


def _through_preposition(prep, lexicon: Lexicon):
    found = stake_of(prep, lexicon)
    if found is not None:
        # "denied involvement in the attack": the denier's part in it is negated; "claimed
        # responsibility for the attack": it happened.
        verb, stake = found
        if lexicon.complement_modes.get(verb.lemma_.lower()) == "negated":
            return ("negated", f"'{verb.text} {stake.text}'"), verb
        return (ASSERTED, f"owned through '{stake.text}'"), stake
    word = prep.lower_
    if word == "as" and prep.head.lemma_.lower() in lexicon.verdict_verbs:
        # "which Vilnius described as a hybrid attack by Minsk": a characterisation alleges.
        return ("alleged", f"'{prep.head.text} as'"), prep.head
    if word in lexicon.negating_preps:
        return ("negated", f"'{prep.text}'"), prep
    if word in lexicon.planned_preps or prep.head.lower_ in lexicon.planned_preps:
        if prep.head.tag_ == "VBD" and any(
                c.dep_ == "pcomp" and (any(a.dep_ == "auxpass" for a in c.children)
                                       or (c.tag_ == "VBG" and not speech_act(prep.head, lexicon)))
                for c in prep.children):
            # "broke through a gate before being pushed back by police", "fought for hours
            # before withdrawing": what the actors of a past act did, or had done to them, next
            # is told as done ("demanded a truce before allowing aid in" sets a condition on
            # their own act).
            return None
        return ("planned", f"'{prep.head.text} {prep.text}'"), prep
    if word in lexicon.presupposing_preps:
        return None
    governor = prep.head
    if governor.i == prep.i:
        return None
    # "ordered the arrest of X for insulting the president": the reason is the arrest's, whose
    # mode for it is alleged; the order's own markers count, not what "order" does to its
    # complement.
    act = patient_act(governor, lexicon)
    if act is not None and act[1] is not None:
        noun, verb = act
        return _stronger(_governor_mode(noun, lexicon, nominal=False),
                         own_mode(verb, lexicon)), verb
    found = _governor_mode(governor, lexicon, nominal=False)
    if found and not (found[0] == "alleged" and word in _SCENE_PREPS):
        # "no intention of attacking": the governor's own negation outranks its plan. What an
        # arrest or charge is for is alleged; where it was made ("arrested 40 people at a
        # rally") is not.
        return _stronger(found, own_mode(governor, lexicon)), governor
    return own_mode(governor, lexicon), governor
