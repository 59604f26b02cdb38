"""The extractor: frames from the parse, coded with the lexicon, with mode and confidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from casus.extract import frames, noise
from casus.extract.backrefs import with_acts_named_again, without_restated_acts
from casus.extract.coding import (
    complements,
    has_to,
    is_event,
    lexical_match,
    objects,
    own_clause,
    prep_objects,
    purpose_clause,
    term_matches,
)
from casus.extract.lexicon import NONE_CODE, Lexicon, Pattern, load_lexicon, with_user_verbs
from casus.extract.mentions import conjuncts, contained_by, is_actor, mention, purpose_root_verb
from casus.extract.modality import (
    blocked,
    clause_mode,
    conditional,
    conditions,
    deontic,
    derivable,
    in_condition,
    left_open,
    negated_here,
    stake_of,
)
from casus.extract.pairs import with_pairs
from casus.extract.petrarch_verbs import load_verb_layers
from casus.extract.quotes import find_quotes
from casus.extract.verdicts import verdict
from casus.models import EventCandidate, Extraction, Mention, Parsed
from casus.nlp import doc_text

MAX_PAIRS = 6
# Events between the members of a coordinated subject when there is no object ("A and B met").
_SYMMETRIC_ROOTS = frozenset(("03", "04", "05", "06", "19"))
# Intents that go one way ("Japan and the United States pledged aid" is no pledge to each
# other): to give aid, reform or yield.
_ONE_WAY = ("033", "034", "035")
_PROTEST_ROOT = "14"
# Appeals and demands (02, 10): what they ask of someone names the addressee.
_APPEAL_ROOTS = frozenset(("02", "10"))
_POSTURE_ROOT = "15"
_THREAT_ROOT = "13"
_DISCUSS_CODE = "040"  # "met to discuss reform": a purpose of discussing names a topic
_TRAVEL_CODE = "042"  # "flew to", which someone carried there ("was flown to") does not make
# Mediators named together mediate side by side, between others: "a truce brokered by Qatar and
# Egypt" is no Qatar-Egypt mediation.
_MEDIATION = "045"
# A story whose first sentences report a disaster is disaster news throughout ("Wildfires tore
# through hillsides east of Athens. Authorities ordered the evacuation of six villages.").
_LEAD_SENTENCES = 2
_PROTEST_SITE_PREPS = frozenset(("outside", "at", "near", "before"))
_MEANS_ROOTS = frozenset(("19", "20"))
_STATEMENT_ROOTS = frozenset(("01", "02"))
_STANCE_ROOTS = frozenset(("03", "13"))
# Speech acts whose content clause is said, not done: appeals, intents, demands, rejections,
# threats.
_SPEECH_ROOTS = frozenset(("02", "03", "10", "12", "13"))
_COOPERATION_ROOTS = frozenset(("03", "04", "05", "06", "07", "08"))
# Acts whose being left open threatens them ("did not rule out sanctions, arrests, force").
_COERCIVE_ROOTS = frozenset(("16", "17", "18", "19", "20"))
_FORCE_CODE = "190"
_VISIT_CODES = frozenset(("042", "043"))
_FORCE_ROOTS = frozenset(("14", "15", "16", "17", "18", "19", "20"))
# The tables of words of saying (frames.SPEECH_TABLES) speak for someone else's act: what is
# threatened, demanded or urged says nothing of the addressee's stance, so no refusal or intent
# is derived inside them.
# Tables whose governing verb stands for its complement: "agreed to meet" is the intent, not a
# meeting too. A denial does not: "Iran denied supplying missiles" also reports the supplying,
# negated.
_FOLDING = frozenset(("intent", "threat", "appeal", "demand", "refusal"))
# Attacks whose object is a place or a thing in one ("struck residential buildings in Kyiv"):
# the named place stands for the target.
_FUTURE = frozenset(("will", "wo", "shall", "'ll"))
# Future in reported speech too: "said it would accept"; and the agent saying so of itself.
_ANNOUNCED = _FUTURE | {"would"}
_OWN_PRONOUNS = frozenset(("it", "they", "we", "he", "she", "i"))
_THING_PRONOUNS = frozenset(("it", "this", "that", "these", "those"))
# Prepositions whose nominal object can be an event the clause's own agent takes part in
# ("travelled to Washington for talks with Trump").
_PURPOSE_PREPS = frozenset(("for", "during"))
# Speech acts a protest voices: statements, appeals, accusations, demands.
_VOICED_ROOTS = frozenset(("01", "02", "11", "10"))
# Acts an accuser says were done to it when no one else is named ("accused Russia of violating
# the ceasefire"): conflict, but not cutting relations or aid, nor protest, which are as often
# done to third parties ("accusing Budapest of blocking aid"), nor any cooperation.
_DONE_TO_ACCUSER = frozenset(("10", "11", "12", "13", "15", "17", "18", "19", "20"))
# Verbs of phase whose complement carries the event ("vowed to keep attacking").
_ASPECTUAL = frozenset(("keep", "continue", "start", "begin", "resume", "go", "step"))
# What did not (or may not) happen ranks below what did when a sentence has several events.
_MODE_WEIGHT = {"asserted": 1.0, "alleged": 0.85, "planned": 0.8, "hypothetical": 0.7,
                "negated": 0.7}


@dataclass
class _Coded:
    """A trigger with its code and the rules that gave it."""

    token: object
    code: str
    rules: list[str]
    nominal: object = None
    base: float = 0.9
    named_preps: tuple[str, ...] = ()
    # The complement clause the governing verb was coded from ("threatened to impose sanctions
    # on Russia"): its targets are the governor's when it has none, and it is no event of its own.
    clause: object = None
    content: frozenset[int] = frozenset()
    # A consequence folded into this attack ("pounded Kharkiv, killing four"; "the strike that
    # killed seven aid workers").
    result: object = None
    # The verb whose agent a nominal event takes ("travelled to Washington for talks").
    host: object = None
    # The attack a passive verb with no agent names as its means ("were killed in an Israeli
    # air strike"): its agent is the verb's.
    means: object = None
    # A threat made by leaving a coercive act open ("did not rule out force"): the negation
    # that makes the threat is not the threat's mode.
    opened: bool = False
    # What a verdict judges ("said the sanctions were illegal"): its actor is the target.
    judged: object = None


class Extractor:
    """Finds event candidates and quotes in parsed documents.

    The lexicons are read once, when the extractor is built; ``lexicon_path`` names a folder
    holding the three lexicon files to use instead of the packaged ones. PETRARCH verb
    dictionaries among ``dictionaries`` (the user dictionary files; actor files are skipped)
    add user trigger patterns, tried before the built-in ones for the same verb.
    """

    def __init__(self, lexicon_path: str | Path | None = None,
                 dictionaries: Iterable[str | Path] = ()):
        base = load_lexicon(str(lexicon_path) if lexicon_path else None)
        self.verb_layers = load_verb_layers(dictionaries)
        self.lexicon: Lexicon = with_user_verbs(base, (v.verbs for v in self.verb_layers))
        self._governing = frozenset().union(
            *(self.lexicon.tables[name].verbs for name in frames.SPEECH_TABLES)
        )

    def __call__(self, parsed: Parsed) -> Extraction:
        return self.extract(parsed)

    def extract(self, parsed: Parsed, trace: list[str] | None = None) -> Extraction:
        doc = parsed.doc
        doc_id = parsed.document.id
        log = trace.append if trace is not None else _ignore
        candidates: list[EventCandidate] = []
        lead_hazard = None
        for index, sentence in enumerate(doc.sents):
            hazard = noise.hazard(sentence, self.lexicon)
            if index < _LEAD_SENTENCES:
                lead_hazard = lead_hazard or hazard
            found = self._sentence(doc_id, index, sentence, log, hazard or lead_hazard)
            found = with_pairs(found, candidates, doc, self.lexicon)
            found = without_restated_acts(found, candidates, doc, self.lexicon, log)
            candidates.extend(with_acts_named_again(found, candidates, doc, self.lexicon))
        quotes = find_quotes(doc, doc_id, self.lexicon)
        for quote in quotes:
            speaker = quote.speaker.text if quote.speaker else "unknown speaker"
            log(f"s{quote.sentence_index}: quote by {speaker!r}: {quote.text[:60]!r}")
        return Extraction(parsed=parsed, candidates=tuple(candidates), quotes=tuple(quotes))

    def _sentence(self, doc_id: str, index: int, sentence, log,
                  hazard: str | None) -> list[EventCandidate]:
        """The events of one sentence; ``hazard`` is the kind of disaster news it belongs to (its
        own, or its story's lead's), under which only politics survives (``_political_in``)."""
        lexicon = self.lexicon
        domain = noise.off_domain(sentence, lexicon)
        if domain:
            log(f"s{index}: skipped: {domain} news, no political actor")
            return []
        hits = {}
        for token in sentence:
            pattern = lexical_match(token, lexicon)
            if pattern is not None:
                hits[token.i] = pattern
        consumed: set[int] = set()
        coded: list[_Coded] = []
        for token in sentence:
            if token.pos_ == "VERB":
                found = self._code_verb(token, hits, consumed, log, index)
                if found is not None:
                    coded.append(found)
        coded = self._fold(coded, consumed, log, index)
        verbs = {item.token.i: item for item in coded}
        background: set[int] = set()
        for token in sentence:
            pattern = hits.get(token.i)
            if (token.pos_ != "VERB" and token.i not in consumed and is_event(pattern)
                    and token.dep_ != "attr" and token.ent_type_ not in ("DATE", "TIME")):
                if self._harm_reported(token, pattern.code, verbs):
                    log(f"s{index}: '{token.text}' {pattern.code} folded into "
                        f"'{token.head.text}': the attack its verb reports")
                    continue
                host = self._manner(token, pattern.code, verbs)
                if host is not None:
                    log(f"s{index}: '{token.text}' {pattern.code} folded into "
                        f"'{host.token.text}': how that act was done")
                    continue
                if _disputed(token, pattern.code, verbs):
                    log(f"s{index}: '{token.text}' {pattern.code} dropped: what "
                        f"'{token.head.text}' disputes, not news of its own")
                    continue
                if _spoken_at(token, pattern.code):
                    log(f"s{index}: '{token.text}' {pattern.code} dropped: where someone spoke, "
                        f"not an act of its own")
                    continue
                if pattern.specificity == 0 and _party_named(token, lexicon):
                    log(f"s{index}: '{token.text}' {pattern.code} dropped: names a party, "
                        f"not an act")
                    continue
                if verbs and _background(token, lexicon) and not _victims(token, lexicon):
                    log(f"s{index}: '{token.text}' {pattern.code} dropped: the background or "
                        f"cause of the clause's own act")
                    background.add(token.i)
                    continue
                coded.append(_Coded(token, pattern.code, [f"noun '{pattern.source}' -> {pattern.code}"],
                                    nominal=token, base=0.7,
                                    host=_host(token, pattern.code, verbs, lexicon)))
        coded = self._without_background_clauses(coded, background, log, index)
        coded = self._fold_relatives(coded, log, index)
        best: dict[tuple, EventCandidate] = {}
        for item in coded:
            for candidate in self._candidates(doc_id, index, sentence, item, hits, log):
                key = (_span(candidate.source), _span(candidate.target), candidate.cameo)
                if key not in best or best[key].confidence < candidate.confidence:
                    best[key] = candidate
        found = list(best.values())
        if hazard:
            found = [c for c in found if _political_in(c, sentence.doc, index, hazard, lexicon, log)]
        elif any(c.cameo.startswith(lexicon.hazard_response) for c in found) and \
                noise.hazard_named(sentence, lexicon):
            # "declared a national emergency over an outbreak of dengue": the hazard is only
            # the occasion, but the emergency is its response, not a crackdown.
            log(f"s{index}: curfew or emergency dropped: declared over a hazard")
            found = [c for c in found if not c.cameo.startswith(lexicon.hazard_response)]
        return found

    def _code_verb(self, token, hits, consumed: set[int], log, index: int) -> _Coded | None:
        lexicon = self.lexicon
        lemma = token.lemma_.lower()
        pattern: Pattern | None = hits.get(token.i)
        if pattern is not None and pattern.code == NONE_CODE:
            log(f"s{index}: '{token.text}' not an event: lexicon '{pattern.source}'")
            return None
        if pattern is not None and _reporting(token, pattern, lexicon):
            log(f"s{index}: '{token.text}' not an event: user verb '{pattern.source}' reports "
                "its clause")
            return None
        judged = verdict(token, lexicon)
        if judged is not None:
            # "called the sentence politically motivated", "said the sanctions were illegal".
            return _Coded(token, judged.code, [judged.rule], base=0.8, judged=judged.judged)
        if lemma in lexicon.attribution:
            demand = self._obligation(token, hits, index, log)
            if demand is not None:
                return demand
        if lemma in lexicon.warning_verbs and any(
                c.dep_ == "ccomp" and not own_clause(c) and is_event(hits.get(c.i))
                for c in token.children):
            # "The UN warned that Israel could attack Rafah", "teachers will strike, the
            # ministry warned": a warning of another's coded act reports it (the act is kept
            # with its own mode); it threatens nothing.
            log(f"s{index}: '{token.text}' not an event: it warns of another's act")
            return None
        threat = self._left_open(token, hits)
        if threat is not None:
            return threat
        if pattern is not None and pattern.complements:
            found = self._from_pattern(token, pattern, consumed)
            comps = [c for c in complements(token) if c.lemma_.lower() in pattern.complements]
            found.clause = comps[0] if comps else None
            found.content = _content(token, comps)
            if found.clause is not None:
                self._refine(found, _code_of(found.clause, hits.get(found.clause.i), hits,
                                             lexicon)[0])
            return found
        table = lexicon.table_for(lemma)
        # "called in the ambassador to protest": a pattern that names the phrasal verb and what
        # it acts on says what it does; the complement is its purpose, not what it urges.
        purpose = is_event(pattern) and bool(pattern.preps)
        if table is not None:
            for comp in () if purpose else complements(token):
                if lemma in lexicon.attribution and not (has_to(comp) or deontic(comp)):
                    # "officials told AFP the army lifted the blockade" reports; "told Iran to
                    # stop" and "insisted Iran must stop" demand.
                    continue
                comp_code, inner = _code_of(comp, hits.get(comp.i), hits, lexicon)
                if comp_code and table[0] == "refusal" and comp_code[:2] in frames.SAYING_ROOTS:
                    # "Egypt declined to condemn Israel": holding back words rejects no one;
                    # the condemnation is kept, negated, and that is all.
                    log(f"s{index}: '{token.text}' not an event: it holds back '{comp.text}'")
                    return None
                if comp_code:
                    name, codes = table
                    code = codes.code_for(comp_code)
                    if code:
                        rule = f"{name} table: complement '{comp.text}' ({comp_code}) -> {code}"
                        content = _content(token, [comp, inner]) if name in _FOLDING else frozenset()
                        return _Coded(token, code, [rule], base=0.85, clause=inner,
                                      content=content)
            name, codes = table
            direct = objects(token)
            # Nouns that play the complement's part, in order: an amount promised as the act
            # it is given in ("pledged $5 million in aid"), the object of a verb that takes
            # one ("demanded an inquiry"), the object of a table's preposition ("appealed for
            # aid").
            nominals = chain(
                ((o, f"amount in '{o.text}'")
                 for o in (_given_in(token, direct, amounts_only=True) if direct else ())),
                ((o, f"object '{o.text}'") for o in (direct if lemma in codes.objects else ())),
                ((o, f"'{prep}' object '{o.text}'")
                 for prep in sorted(codes.preps) for o in _prep_objects(token, prep)))
            for obj, where in nominals:
                code = codes.code_for(hits[obj.i].code) if is_event(hits.get(obj.i)) else ""
                if code:
                    consumed.add(obj.i)
                    rule = f"{name} table: {where} ({hits[obj.i].code}) -> {code}"
                    return _Coded(token, code, [rule], nominal=obj, base=0.85)
        if pattern is not None and pattern.obj is not None:
            found = self._from_pattern(token, pattern, consumed)
            inner = hits.get(found.nominal.i) if found.nominal is not None else None
            if is_event(inner):
                _specific(found, inner)
                self._refine(found, inner.code)
            if lemma in lexicon.permission:
                comps = complements(token)
                found.content = found.content | _content(token, comps)
                # "allowed IAEA inspectors to visit", "allowed aid to enter Gaza": whoever is let
                # in, or where to, is the target.
                found.clause = found.clause or (comps[0] if comps else None)
            return found
        if lemma in lexicon.decision_verbs:
            for obj in _prep_objects(token, "on"):
                if is_event(hits.get(obj.i)):
                    consumed.add(obj.i)
                    code = hits[obj.i].code
                    rule = f"'{lemma} on' + noun '{hits[obj.i].source}' -> {code}"
                    return _Coded(token, code, [rule], nominal=obj, base=0.85)
        carried = _prep_objects(token, "with") if lemma in lexicon.response_verbs else []
        if lemma in lexicon.light_verbs or carried:
            direct = objects(token) if lemma in lexicon.light_verbs else []
            # "took part in talks", "provided 100 million pounds in aid"; but "provided
            # guarantees in the summit" provides guarantees: an "in" phrase carries the act
            # only when the object is no more than a share or an amount. A response verb's
            # "with" phrase carries the act it responds with ("retaliated with tariffs").
            inside = _given_in(token, direct)
            for obj in [*direct, *inside, *carried]:
                obj_pattern = hits.get(obj.i)
                if is_event(obj_pattern):
                    consumed.add(obj.i)
                    rule = f"light verb '{lemma}' + noun '{obj_pattern.source}' -> {obj_pattern.code}"
                    return _Coded(token, obj_pattern.code, [rule], nominal=obj, base=0.85,
                                  content=_said_content(obj, obj_pattern.code))
        if (pattern is not None and pattern.code in _VISIT_CODES and pattern.words
                and any(c.dep_ in ("dobj", "nsubjpass") and is_actor(c, lexicon)
                        for c in token.children)):
            # "flew him to The Hague": a verb of going ("fly to", "head to") with someone as
            # its object carries them somewhere; it is no visit ("visited China" is).
            log(f"s{index}: '{token.text}' {pattern.code} dropped: it carries its object")
            return None
        if pattern is not None:
            return self._from_pattern(token, pattern, consumed)
        return None

    def _left_open(self, token, hits) -> _Coded | None:
        """"did not rule out military action", "refused to rule out the use of force": not
        ruling out a coercive act is a threat of it (13x by the threat table); the act itself
        is hypothetical (see ``modality.left_open``)."""
        lexicon = self.lexicon
        if left_open(token, lexicon) and negated_here(token, lexicon):
            opener = token
        elif lexicon.complement_modes.get(token.lemma_.lower()) == "negated":
            opener = next((c for c in token.children
                           if c.dep_ == "xcomp" and left_open(c, lexicon)), None)
        else:
            return None
        if opener is None:
            return None
        for act in (*complements(opener), *objects(opener)):
            code = self._coercion(act, hits)
            if code:
                threat = lexicon.tables["threat"].code_for(code)
                rule = f"'{act.text}' ({code}) left open by '{opener.text}' -> threat {threat}"
                if opener is token:  # the act's clause lends its target ("taking Taiwan")
                    clause = act if act.pos_ in ("VERB", "AUX") else None
                    return _Coded(token, threat, [rule], base=0.8, clause=clause, opened=True)
                return _Coded(token, threat, [rule], base=0.8, clause=opener,
                              content=frozenset((opener.i,)), opened=True)
        return None

    def _coercion(self, act, hits) -> str:
        """The code of a coercive act, or of force itself ("using military force", "the use of
        force", "military action")."""
        lexicon = self.lexicon
        code = _code_of(act, hits.get(act.i), hits, lexicon)[0]
        if code[:2] in _COERCIVE_ROOTS:
            return code
        means = [act]
        if act.lemma_.lower() == "use":
            means = [*objects(act), *_prep_objects(act, "of")]
        return _FORCE_CODE if any(_names_force(m, lexicon) for m in means) else ""

    def _obligation(self, token, hits, index: int, log) -> _Coded | None:
        """"declared that China must drop its trade barriers": what a named actor is said to
        have to do, when the obligation is no coded act of its own (coded ones are demands of
        that act, see ``_derived``), is a demand (100) on that actor."""
        lexicon = self.lexicon
        for comp in token.children:
            if comp.dep_ != "ccomp" or not deontic(comp) or _code_of(comp, hits.get(comp.i),
                                                                      hits, lexicon)[0]:
                continue
            # A named addressee: "the government must do more" is more often the speaker's own.
            subjects = [c for c in comp.children if c.dep_ == "nsubj" and noise.named(c)
                        and frames.names_actor(c, lexicon)]
            if subjects:
                code = lexicon.tables["demand"].code_for("")
                log(f"s{index}: '{token.text}' + what '{subjects[0].text}' must do -> demand {code}")
                return _Coded(token, code, [f"'{token.lemma_}' + obligation -> demand {code}"],
                              base=0.8, clause=comp)
        return None

    @staticmethod
    def _without_background_clauses(coded: list[_Coded], background: set[int], log,
                            index: int) -> list[_Coded]:
        """"condolences over an attack on mosques that killed 40 people": what a relative
        clause tells of a background act is background too."""
        kept = []
        for item in coded:
            if item.token.dep_ == "relcl" and item.token.head.i in background:
                log(f"s{index}: '{item.token.text}' {item.code} dropped: it tells of background "
                    f"'{item.token.head.text}'")
            else:
                kept.append(item)
        return kept

    def _manner(self, token, code: str, verbs: dict) -> _Coded | None:
        """"were killed in a militant ambush": an attack noun in the "in" phrase of a coded
        attack is how that attack was done, not another one: when it has no participants of its
        own, or when it names the agent a passive verb lacks ("were killed in an Israeli air
        strike", "in a gunfight with militants"), which the verb then takes, with the noun's
        code when that is a military or bombing attack. The attack it folds into, or None."""
        if not _in_clause(token):
            return None
        governor = token.head.head
        verb = verbs.get(governor.i)
        if (verb is None and governor.dep_ == "parataxis"
                and governor.lemma_.lower() in self.lexicon.attribution):
            # "exchanged fire on Thursday, the army said, in the first clash since October":
            # the phrase hangs on the aside, but tells of the act it interrupts.
            verb = verbs.get(governor.head.i)
        if verb is None:
            return None
        if verb.code[:2] == "17" and token.lemma_.lower() in self.lexicon.arrest_means:
            return verb  # "detained 48 people in dawn raids": how the arrests were made
        family = _family(code)
        if token.lemma_.lower() in self.lexicon.reason_nouns and (
                family is None or family != _family(verb.code)):
            # "slapped tariffs on U.S. steel in retaliation (for ...)": why the act was done,
            # not a second act ("a hunger strike in protest against abuses" is the same kind
            # of act, and its noun names what is protested).
            return verb
        if not _family(verb.code) == _family(code) in ("force", "protest"):
            return None
        if not (frames.nominal_sources(token, self.lexicon)
                or frames.nominal_targets(token, self.lexicon)):
            return verb
        if (token.head.lower_ == "in" and frames.passive(verb.token)
                and not frames.verb_sources(verb.token, self.lexicon)[0]):
            verb.means = token  # "were killed in an Israeli air strike": the strike's agent
            _lend_means(verb, token, code)
            return verb
        return None

    def _refine(self, item: _Coded, inner: str) -> None:
        """"agreed to release prisoners" (035) promises a release (0841): 0353; "promised
        military aid" (033): 0332. A governing verb's table gives the sub-code of its own code
        that what it governs calls for."""
        table = self.lexicon.table_for(item.token.lemma_.lower())
        if table is None or not inner:
            return
        specific = table[1].code_for(inner)
        if len(specific) > len(item.code) and specific.startswith(item.code):
            item.rules.append(f"{table[0]} table: '{inner}' -> {specific}")
            item.code = specific

    def _fold(self, coded: list[_Coded], consumed: set[int], log, index: int) -> list[_Coded]:
        """One act, one event: a complement a governing verb was coded from, and a consequence
        participle of an attack, are not events of their own; a clause of readiness ("ready to
        hold talks") is the intent (03x) to do what it says."""
        by_token = {item.token.i: item for item in coded}
        content = set().union(*(item.content for item in coded))
        consumed.update(content)
        out = []
        # Consequence participles folded, by token, with the attack they were folded into.
        consequences: dict[int, _Coded] = {}
        for item in coded:
            token = item.token
            if token.i in content:
                log(f"s{index}: '{token.text}' {item.code} folded into its governing verb")
                continue
            if _disputed_plan(token, by_token):
                log(f"s{index}: '{token.text}' {item.code} dropped: what a disputed plan "
                    f"would do")
                continue
            head = by_token.get(token.head.i)
            # "killing four people and wounding 17", "strikes killed 12 people and wounded
            # dozens": a second harm the same attack did.
            chained = token.dep_ == "conj" and (token.head.i in consequences or head is not None)
            if token.head.i in consequences:
                head = consequences[token.head.i]
            if head is not None and head is not item and self._consequence(item, head, chained):
                log(f"s{index}: '{token.text}' {item.code} folded into '{head.token.text}' "
                    f"{head.code}: a consequence of the same attack")
                head.result = head.result or token
                consequences[token.i] = head
                continue
            cause = (self._harm_of(item, by_token) or self._harmed_when(item, by_token)
                     or self._harm_left(item, by_token))
            if cause is not None:
                # "Fighting between the army and rebels killed 12 civilians": the fighting,
                # which the parser reads as a verb, is the act; the killing is what it did.
                log(f"s{index}: '{token.text}' {item.code} folded into '{cause.token.text}' "
                    f"{cause.code}: what that attack did")
                cause.result = cause.result or token
                continue
            served = purpose_root_verb(token)
            if served is not None and served.i in by_token:
                head = by_token[served.i]  # "Lawyers in Lahore boycotted ... to protest"
            if (head is not None and (token.dep_ == "advcl" or served is not None)
                    and head.code[:2] == item.code[:2]
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)):
                # "blocked roads to protest the deal": the purpose names the act it serves.
                log(f"s{index}: '{token.text}' {item.code} folded into '{head.token.text}' "
                    f"{head.code}: the purpose of the same act")
                head.result = head.result or token
                continue
            if (head is not None and head is not item and _participle_of(token)
                    and token.lemma_.lower() in self.lexicon.scope_verbs
                    and head.code[:2] not in frames.ATTACK_ROOTS):
                # "adopted sanctions against Russia, targeting its shadow fleet": what a measure
                # is aimed at is its scope, not an attack; it lends the measure its target.
                log(f"s{index}: '{token.text}' {item.code} folded into '{head.token.text}' "
                    f"{head.code}: what the act is aimed at")
                head.result = head.result or token
                continue
            if (len(coded) > 1 and token.dep_ == "pcomp"
                    and token.head.lower_ in self.lexicon.history_preps):
                # "has ruled since seizing power in 2020": the history behind the sentence's
                # own act, reported long ago.
                log(f"s{index}: '{token.text}' {item.code} dropped: history since which "
                    f"'{token.head.head.text}' holds")
                continue
            if len(coded) > 1 and _describes_noun(token):
                # "aid to refugees fleeing the war", "inspectors probing the sites": a participle
                # that says who the noun's people are, beside the act the sentence reports.
                log(f"s{index}: '{token.text}' {item.code} dropped: describes "
                    f"'{token.head.text}' beside the clause's own act")
                continue
            if (head is not None and head is not item and head.code[:2] == "14"
                    and item.code[:2] in _VOICED_ROOTS and _participle_of(token)):
                # "demonstrated in Kirkuk calling for independence", "blocked roads demanding
                # his return": what the protesters voice is the protest's message.
                log(f"s{index}: '{token.text}' {item.code} folded into '{head.token.text}' "
                    f"{head.code}: what the protest voices")
                head.result = head.result or token
                continue
            if (head is not None and head is not item and purpose_clause(token)
                    and head.token.lemma_.lower() not in self.lexicon.errand_verbs
                    and item.code[:2] != _PROTEST_ROOT):
                # "sent experts to investigate", "staged a strike to demand reforms": the
                # purpose is what the act aims at, not a second act already done. It lends the act
                # its target ("opened fire to disperse the protesters"). A protest is done by
                # setting out to do it ("defied a curfew to protest against power cuts").
                log(f"s{index}: '{token.text}' {item.code} dropped: the purpose of "
                    f"'{head.token.text}' {head.code}")
                head.result = head.result or token
                continue
            if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.lexicon.readiness:
                intent = self.lexicon.tables["intent"].code_for(item.code)
                item.rules.append(f"'{token.head.text} to' {item.code} -> intent {intent}")
                item.code = intent
            out.append(item)
        return out

    def _fold_relatives(self, coded: list[_Coded], log, index: int) -> list[_Coded]:
        """"the strike that killed seven aid workers": the killing is what the strike did."""
        nouns = {item.token.i: item for item in coded if item.nominal is item.token}
        out = []
        for item in coded:
            token = item.token
            noun = nouns.get(token.head.i)
            if (noun is not None and token.dep_ == "relcl" and token.pos_ == "VERB"
                    and token.lemma_.lower() in self.lexicon.consequences
                    and item.code[:2] in _FORCE_ROOTS and noun.code[:2] in _FORCE_ROOTS):
                log(f"s{index}: '{token.text}' {item.code} folded into '{noun.token.text}' "
                    f"{noun.code}: what the attack did")
                noun.result = noun.result or token
                continue
            out.append(item)
        return out

    def _harmed_when(self, item: _Coded, by_token: dict) -> _Coded | None:
        """"Three officers were killed when their vehicle was ambushed by Boko Haram": a harm
        told with no one doing it, in a "when" clause of the attack or crackdown that did it."""
        token = item.token
        if (token.lemma_.lower() not in self.lexicon.consequences
                or item.code[:2] not in frames.ATTACK_ROOTS or not frames.passive(token)
                or any(c.dep_ == "agent" for c in token.children)):
            return None
        for clause in token.children:
            cause = by_token.get(clause.i)
            if (clause.dep_ == "advcl" and cause is not None
                    and cause.code[:2] in _COERCIVE_ROOTS
                    and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark")
                            for c in clause.children)):
                return cause
        return None

    def _harm_of(self, item: _Coded, by_token: dict) -> _Coded | None:
        """The coded attack, read as a verb, that is the subject of the harm ``item`` tells."""
        token = item.token
        if (token.lemma_.lower() not in self.lexicon.consequences
                or item.code[:2] not in frames.ATTACK_ROOTS):
            return None
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        cause = by_token.get(subject.i) if subject is not None else None
        if cause is None or cause.code[:2] not in frames.ATTACK_ROOTS:
            return None
        return cause

    def _harm_reported(self, noun, code: str, verbs: dict) -> bool:
        """"Clashes between the army and rebels killed 20 fighters", "Israeli strikes killed
        12 people": an attack noun that is the subject of the harm it did is that act's cause,
        which the verb reports, not a second attack; a military or bombing noun lends the verb
        its code."""
        verb = verbs.get(noun.head.i)
        if not (noun.dep_ == "nsubj" and verb is not None
                and noun.head.lemma_.lower() in self.lexicon.consequences
                and code[:2] in frames.ATTACK_ROOTS and verb.code[:2] in frames.ATTACK_ROOTS):
            return False
        # "air strikes killed 30 people": the noun says how, as in "killed in air strikes".
        _lend_means(verb, noun, code)
        return True

    def _harm_left(self, item: _Coded, by_token: dict) -> _Coded | None:
        """"fired tear gas at workers, leaving dozens injured": the harm a consequence
        participle leaves behind is what the act it follows did."""
        token, bearer = item.token, item.token.head
        if (token.dep_ not in ("xcomp", "oprd", "acomp") or item.code[:2] not in frames.ATTACK_ROOTS
                or bearer.lemma_.lower() not in self.lexicon.consequences
                or bearer.tag_ != "VBG" or bearer.dep_ != "advcl"):
            return None
        cause = by_token.get(bearer.head.i)
        return cause if cause is not None and cause.code[:2] in _FORCE_ROOTS else None

    def _consequence(self, item: _Coded, head: _Coded, chained: bool = False) -> bool:
        """``chained``: the participle is conjoined to a consequence already folded."""
        token = item.token
        # A finite verb conjoined to an attack's ("killed 12 and wounded dozens") is its
        # consequence only beside an attack, not an arrest.
        roots = _FORCE_ROOTS if token.tag_ == "VBG" else frames.ATTACK_ROOTS
        form = token.tag_ == "VBG" or (chained and token.tag_ == head.token.tag_)
        return (token.dep_ == ("conj" if chained else "advcl") and form
                and token.lemma_.lower() in self.lexicon.consequences
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
                and item.code[:2] in roots and head.code[:2] in roots)

    def _from_pattern(self, token, pattern: Pattern, consumed: set[int]) -> _Coded:
        nominal = None
        if pattern.obj is not None:
            for obj in objects(token):
                consumed.add(obj.i)
                nominal = obj
        for prep, term in pattern.preps:
            # "went on strike", "called for a ceasefire": the noun the pattern names is part of
            # this event, not one of its own.
            consumed.update(o.i for p, o in prep_objects(token) if p == prep and term_matches(term, o))
        # "arrive in", "travel to": a preposition the pattern names introduces the target.
        named = [c.lower_ for c in token.children if c.dep_ == "prep" and c.lower_ in pattern.words]
        return _Coded(token, pattern.code, [f"verb '{pattern.source}' -> {pattern.code}"],
                      nominal=nominal, named_preps=(*(p for p, _ in pattern.preps), *named),
                      content=_said_content(nominal, pattern.code))

    def _candidates(self, doc_id, index, sentence, item: _Coded, hits: dict,
                    log) -> list[EventCandidate]:
        lexicon = self.lexicon
        token = item.token
        rules = list(item.rules)
        if (token.pos_ == "VERB" and token.dep_ == "acl"
                and (token.tag_ == "VBN" or (token.tag_ == "VBD" and token.head.dep_ == "nsubj"))
                and not any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in token.children)
                and not frames.misread_finite(token, lexicon)):
            # "the deal brokered by China" has its agent; "claims that its coast guard had
            # attacked" is a finite clause with its subject, however the parser hangs it. A
            # subject's participle the tagger calls past ("officials briefed on the talks said")
            # describes the subject.
            log(f"s{index}: '{token.text}' {item.code} dropped: participle without agent")
            return []
        if (token.dep_ == "amod" and token.tag_ in ("VBN", "VBD")
                and not frames.misread_finite(token, lexicon)):
            # "targeted surveillance", "the occupied territories", "Iran-backed militias": an
            # attributive participle describes its noun; it reports no act of its own.
            log(f"s{index}: '{token.text}' {item.code} dropped: attributive participle")
            return []
        if _hearsay(token, lexicon):
            log(f"s{index}: '{token.text}' {item.code} dropped: 'is {token.text} to' marks "
                f"what it governs as alleged, no one accuses")
            return []
        if in_condition(token, lexicon):
            log(f"s{index}: '{token.text}' {item.code} dropped: inside a condition")
            return []
        if blocked(token, lexicon):
            log(f"s{index}: '{token.text}' {item.code} dropped: the act or phrase a verb blocked")
            return []
        if _occasion(token, item):
            log(f"s{index}: '{token.text}' {item.code} dropped: names the occasion of the clause")
            return []
        if (token.lemma_.lower() in lexicon.needs_object and not frames.passive(token)
                and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)):
            log(f"s{index}: '{token.text}' {item.code} dropped: done by its subject itself")
            return []
        if token.pos_ == "VERB":
            sources, source_rule = frames.verb_sources(token, lexicon)
            # The verb's own code decides what its object is ("ready to deploy troops" is an
            # intent, 03, to deploy, 15: the troops are what is sent, not a target).
            own = hits.get(token.i)
            targets, target_rule = frames.verb_targets(
                token, lexicon, item.nominal, item.named_preps,
                own.code if is_event(own) else item.code
            )
            # "their vehicle was ambushed": a possessive pronoun is never a target (below),
            # so it does not keep the targets of what the act did from being looked for.
            targets = [t for t in targets if not frames.pronoun_possessor(t)]
            if frames.passive(token):
                rules.append("passive")
                if not sources and item.means is not None:
                    # "killed in clashes with the army": the other side of the means; not
                    # what it was aimed at ("killed in an attack on a convoy").
                    sources = (frames.nominal_sources(item.means, lexicon)
                               or [t for t in frames.nominal_targets(item.means, lexicon)
                                   if t.head.lower_ not in _AIMED_AT])
                    source_rule = f"agent of '{item.means.text}'"
            device = (_laid_explosive(token, lexicon) if item.code[:2] in frames.ATTACK_ROOTS
                      else None)
            if device is not None:
                # "their vehicle struck a landmine": those it carried were hit; who laid the
                # device is not said.
                targets, target_rule = _carried_by(token), f"ran into '{device.text}'"
                sources, source_rule = [], "no one named laid it"
                item.rules.append(f"'{token.text}' a laid '{device.text}' -> {_ROADSIDE_BOMBING}")
                item.code = _ROADSIDE_BOMBING
            if _undergoes(token, lexicon) and item.code[:2] in frames.ATTACK_ROOTS:
                # "the convoy came under fire from militants": the subject is attacked.
                targets, target_rule = sources, "the subject undergoes it"
                sources = [o for p in token.children if p.dep_ == "prep"
                           and p.lower_ in ("from", "by") for o in p.children if o.dep_ == "pobj"]
                source_rule = "whom it came from"
            if item.judged is not None:
                targets = [t for t in (_judged_actor(item.judged, lexicon),) if t is not None]
                target_rule = f"who '{item.judged.text}' is"
            if not targets:
                targets, target_rule = self._borrowed_targets(item, target_rule, hits)
            if not targets and item.code[:2] in _DONE_TO_ACCUSER:
                targets, target_rule = _accuser(token, lexicon) or (targets, target_rule)
            if not targets and item.code[:2] in _APPEAL_ROOTS:
                # "demanding that the Turkish government provide information": whoever is
                # asked to act is the target, whether or not the act is coded.
                targets, target_rule = _addressee(token, lexicon), "subject of what is asked"
            if not targets and item.code[:2] == _THREAT_ROOT:
                # "threatened tariffs if Mexico did not stop migrants": who must meet the
                # condition is who is threatened.
                targets, target_rule = _condition_subjects(token, lexicon), "subject of the condition"
        else:
            sources, source_rule = frames.nominal_sources(token, lexicon), "nominal modifier"
            targets, target_rule = frames.nominal_targets(token, lexicon), "nominal participant"
            if not targets:
                targets, target_rule = _victims(token, lexicon), "who died of it"
            if not targets and item.code[:2] in _APPEAL_ROOTS:
                # "its demand that Israel ease restrictions"
                targets, target_rule = _addressee(token, lexicon), "subject of what is asked"
            owner = _stakeholder(token, lexicon)
            if not sources and owner is not None:
                # "claimed responsibility for the attack", "denied involvement in the attack".
                sources, source_rule = frames.verb_sources(owner, lexicon)
                source_rule = f"{source_rule} of '{owner.text}'"
            elif not sources and _in_clause(token):
                # "was shot in an assassination attempt", "killed him in an air strike on
                # Beirut": the clause's participants.
                verb = token.head.head
                sources, source_rule = frames.verb_sources(verb, lexicon)
                source_rule = f"{source_rule} of '{verb.text}'"
                if not targets:
                    targets, target_rule = frames.verb_targets(verb, lexicon, None, ())
            elif not sources and item.host is not None:
                # "travelled to Washington for talks with Trump": the traveller talks.
                sources, source_rule = frames.verb_sources(item.host, lexicon)
                source_rule = f"{source_rule} of '{item.host.text}'"
            if not targets and item.result is not None:
                targets, target_rule = self._borrowed_targets(item, target_rule, hits)
            if not sources and not targets and token.dep_ == "nsubj":
                # "clashes erupted between the army and the RSF": the parties hang on the verb.
                targets = _between(token.head, lexicon)
                target_rule = f"'between' object of '{token.head.text}'"
        if item.code[:2] == _POSTURE_ROOT and token.pos_ == "VERB":
            forces = _own_forces(token, sources, lexicon)
            if forces:
                # "France deployed hundreds of riot police": the force is the acting role.
                sources, source_rule = forces, f"force deployed by '{sources[0].text}'"
        sources, why = self._actors_of(sources, lexicon)
        if why:
            log(f"s{index}: '{token.text}' {item.code} dropped: {why}")
            return []
        # A possessive pronoun ("their defence cooperation", "its consulate") refers back to a
        # participant already named or to no one the sentence names: never a target.
        targets = [t for t in self._actors_of(targets, lexicon, patients=True)[0]
                   if t not in sources and not frames.pronoun_possessor(t)]
        # "The foreign ministers of India and Pakistan spoke", "met the leaders of Germany and
        # Italy": a group drawn from several sides is each of them.
        sides = _sides_within(sources[0], lexicon) if len(sources) == 1 else []
        if sides:
            sources, source_rule = sides, f"sides named in '{sources[0].text}'"
        sides = _sides_within(targets[0], lexicon) if len(targets) == 1 else []
        if sides:
            targets, target_rule = sides, f"sides named in '{targets[0].text}'"
        mutual = frames.each_other(token)
        reciprocal = len(sources) > 1 and not item.code.startswith(_MEDIATION) and (
            (item.code[:2] in _SYMMETRIC_ROOTS and not item.code.startswith(_ONE_WAY))
            or token.lemma_.lower() in lexicon.reciprocal_verbs
            or _joint(item.nominal, item.code, lexicon) or mutual)
        if reciprocal and mutual:
            targets = []  # "expelled each other's diplomats": each side is the other's target
        elif (reciprocal and targets and token.lemma_.lower() in lexicon.mutual_with
              and all(_inside_object(t, token) for t in targets)):
            # "Russia and Ukraine exchanged 390 prisoners of war": what the sides trade is no
            # target; each side is the other's.
            targets = []
        elif (reciprocal and targets
              and (_agreeing(item.code) or token.lemma_.lower() in lexicon.reciprocal_verbs
                   or _joint(item.nominal, item.code, lexicon))
              and all(_place_or_topic(t, item.nominal) for t in targets)):
            # "A and B signed a declaration at the White House", "held talks on Tehran's nuclear
            # programme", "exchanged fire at the Torkham crossing": a place or a topic is no
            # partner; each side is the other's.
            targets = []
        if (not targets and not reciprocal and token.pos_ == "VERB"
                and item.code[:2] in frames.ATTACK_ROOTS):
            targets, target_rule = _place_targets(token, item.nominal)
        if not targets and item.code[:2] == _PROTEST_ROOT and token.pos_ == "VERB":
            # "rallied outside the Israeli embassy": the institution protested at.
            targets = _protested_at(token, lexicon)
            target_rule = "the institution protested at"
        if not sources and item.code[:2] == _PROTEST_ROOT and token.pos_ == "VERB":
            counted = _crowd_count(token, lexicon)
            if counted is not None:
                # "as thousands marched against tax increases": a crowd by its size protests;
                # the place it marches in tells whose people they are.
                sources, source_rule = [counted], "a crowd counted"
        # "Thousands protested in Nairobi": a place that stands for the crowd, not its
        # government, does not make the protest an official one.
        crowd = (not sources and not targets and item.code[:2] == _PROTEST_ROOT
                 and (token.pos_ == "VERB"
                      or contained_by(token).dep_ in ("nsubj", "nsubjpass", "ROOT")
                      or _sequel(contained_by(token), lexicon)))
        if crowd:
            # "Protests swept across Georgia", "Protests erupted in Kenya": where no one named
            # protests, the country is the protest's source (not a protest a clause only
            # mentions: "defied a ban on rallies in Istanbul").
            sources, source_rule = _protest_place(token), "the place of the protest"
        if not sources and not targets:
            log(f"s{index}: '{token.text}' {item.code} dropped: no participant")
            return []
        if item.code[:3] == _TRAVEL_CODE and not sources and _carried(token):
            log(f"s{index}: '{token.text}' {item.code} dropped: someone carried somewhere "
                f"makes no visit")  # "was arrested and flown to The Hague"
            return []
        if (not sources and item.code[:2] in _COOPERATION_ROOTS and token.dep_ == "acl"
                and any(c.dep_ == "agent" for c in token.children)):
            log(f"s{index}: '{token.text}' {item.code} dropped: support by no one named only "
                f"describes its noun")  # "troops, supported by air force jets"
            return []
        if not sources and frames.state_participle(token):
            log(f"s{index}: '{token.text}' {item.code} dropped: a state no one is named as "
                f"bringing about")  # "millions remain displaced"
            return []
        if sources:
            rules.append(f"source: {source_rule}")
        if targets:
            rules.append(f"target: {target_rule}")
        if not sources and len(targets) > 1 and not _of_patients(targets):
            if item.code[:2] in _SYMMETRIC_ROOTS:
                # "talks between Ethiopia and Egypt": each talks with the other.
                sources, targets, reciprocal = targets, [], True
                rules.append("source: each of coordinated participants")
            elif token.pos_ != "VERB":
                # "a lawsuit between A and B": the first participant acts on the others; not
                # the objects of a verb whose subject the parser lost ("urged Israel and Hamas").
                sources, targets = targets[:1], targets[1:]
                rules.append("source: first of coordinated participants")
        if not sources and token.pos_ != "VERB" and _inside_noun_phrase(token):
            log(f"s{index}: '{token.text}' {item.code} dropped: mentioned inside a noun phrase, "
                f"with no agent of its own")
            return []
        mode, mode_reason = clause_mode(token, lexicon)
        if token.pos_ != "VERB" and not sources and mode in ("negated", "hypothetical"):
            # "rejected an appeal for a ceasefire", "opposed to French mediation": a noun for an
            # act no one did and no one is named to do only names what is at issue.
            log(f"s{index}: '{token.text}' {item.code} dropped: {mode} noun with no agent")
            return []
        if item.opened and mode == "negated":
            mode, mode_reason = "asserted", "a threat made by not ruling the act out"
        if mode == "asserted" and any(frames.attributed(s, lexicon) for s in sources):
            mode, mode_reason = "alleged", "its source is who it is blamed on"
        if mode_reason:
            rules.append(f"mode {mode}: {mode_reason}")
        if mode == "planned" and item.code[:2] in _STANCE_ROOTS:
            mode = "asserted"
            rules.append("an intent (03) or threat (13) is asserted when expressed")
        pairs = _pairs(sources, targets, reciprocal)
        if (token.lemma_.lower() in lexicon.mutual_with and _with_partners(targets)
                and not any(_crowd(a, lexicon) for a in (*sources, *targets))):
            # "clashed with RSF fighters", "exchanged fire with Taliban forces": both ways. A
            # crowd clashing with police is a violent protest, one way.
            pairs += [(t, s) for s, t in pairs if s is not None and (t, s) not in pairs]
        # What a clause implies follows the act its source does: nurses who would strike stop
        # work, they threaten no force.
        own = self._source_code(item.code, pairs[0][0], [], token) if pairs and not crowd \
            else item.code
        derived = self._derived(token, own, mode, pairs)
        out = []
        if any(code[:2] == "10" for code, *_ in derived):
            # "Russia says Sudan must return the helicopter": the demand is the event; what it
            # asks for is its content, like the complement of "urged Sudan to return".
            log(f"s{index}: '{token.text}' {item.code} {mode}: the content of a demand")
            pairs = []
        for source, target in pairs:
            code = item.code if crowd else self._source_code(item.code, source, rules, token)
            confidence = _confidence(item, source, target, token) * _MODE_WEIGHT[mode]
            out.append(self._candidate(doc_id, index, sentence, token, code, mode,
                                       confidence, source, target, rules))
            log(f"s{index}: '{token.text}' {code} {mode} kept: "
                f"{_text(source)} -> {_text(target)} ({confidence:.2f}; {'; '.join(rules)})")
        for code, source, target, rule in derived:
            confidence = 0.8 if source is not None else 0.55
            out.append(self._candidate(doc_id, index, sentence, token, code, "asserted",
                                       confidence, source, target, [*item.rules, rule]))
            log(f"s{index}: '{token.text}' {code} asserted kept: {_text(source)} -> "
                f"{_text(target)} ({confidence:.2f}; {rule})")
        return out

    def _borrowed_targets(self, item: _Coded, rule: str, hits: dict) -> tuple[list, str]:
        """Targets of the clause a governing verb was coded from ("threatened to impose sanctions
        on Russia"), or of a folded consequence ("pounded the city, killing four civilians").
        A complement with a subject of its own names the addressee ("demanded that Hamas
        release the hostages")."""
        lexicon = self.lexicon
        for clause in (item.clause, item.result):
            if clause is None:
                continue
            subjects = [c for c in clause.children if c.dep_ == "nsubj"
                        and frames.names_actor(c, lexicon)]
            if clause is item.clause and subjects and clause.dep_ == "ccomp":
                return subjects[:1], f"subject of '{clause.text}'"
            own = hits.get(clause.i)  # "ready to deploy troops": troops are no target
            code = own.code if is_event(own) else ""
            found, why = frames.verb_targets(clause, lexicon, None, (), code)
            if found and clause is item.result and code == _DISCUSS_CODE and _in_object(
                    found, clause):
                # "met to discuss reform of the Security Council": what is discussed is the
                # topic, not a partner.
                continue
            if found:
                return found, f"{why} of '{clause.text}'"
        return [], rule

    def _derived(self, token, code: str, mode: str, pairs: list[tuple]) -> list[tuple]:
        """Speech acts a clause implies: "X will not lift the ban" is X refusing (12x);
        "Russia says Israel must end its attacks" is Russia demanding it of Israel (10x); "Israel
        would strike again if ..." is a threat (13x). Only from a clause that states its
        source's own stance: not inside a condition, an allegation or someone else's demand."""
        lexicon = self.lexicon
        root = code[:2]
        out = []
        if not derivable(token, lexicon, self._governing):
            return out
        if (mode == "negated" and root in _COOPERATION_ROOTS and negated_here(token, lexicon)
                and _future(token, lexicon)):
            refusal = lexicon.tables["refusal"].code_for(code)
            rule = f"negated future cooperation {code} -> refusal {refusal}"
            out.extend((refusal, source, target, rule) for source, target in pairs)
        coercive = [c for c in conditions(token, lexicon) if _coercive(c, lexicon)]
        if mode in ("planned", "hypothetical") and root in _FORCE_ROOTS and coercive:
            threat = lexicon.tables["threat"].code_for(code)
            rule = f"conditional {code} -> threat {threat}"
            # "will retaliate if Israel attacks": a threat with no target of its own is made
            # to whoever the condition lays the first move on.
            warned = next((s for c in coercive for s in c.children
                           if s.dep_ == "nsubj" and is_actor(s, lexicon)), None)
            out.extend((threat, source, target if target is not None else warned, rule)
                       for source, target in pairs)
        if (mode == "planned" and pairs and root in _FORCE_ROOTS - {"14", "15"}
                and _announced(token, lexicon) and not conditional(token, lexicon)):
            # "Iran said it will strike back": announcing one's own use of force is a threat
            # (13). A cooperative plan stays one planned event ("said he would meet").
            threat = lexicon.tables["threat"].code_for(code)
            rule = f"own use of force {code} announced -> threat {threat}"
            out.extend((threat, source, target, rule) for source, target in pairs)
        if deontic(token) and token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.attribution:
            speakers, _ = frames.verb_sources(token.head, lexicon)
            speakers = self._actors_of(speakers, lexicon)[0]
            demand = lexicon.tables["demand"].code_for(code)
            addressees = [source for source, _ in pairs if source is not None][:1]
            rule = f"'{token.head.text}' + obligation -> demand {demand}"
            out.extend((demand, speaker, addressee, rule)
                       for speaker in speakers[:2] for addressee in addressees)
        return out

    def _source_code(self, code: str, source, rules: list[str], trigger=None) -> str:
        if source is None:
            return code
        source = _speaker_of(source)
        for table in self.lexicon.source_codes:
            if code in table.codes and table.applies(source, trigger):
                rules.append(f"{table.name} source: {code} -> {table.codes[code]}")
                return table.codes[code]
        return code

    def _actors_of(self, heads: list, lexicon: Lexicon,
                   patients: bool = False) -> tuple[list, str]:
        """Actor heads (coordination expanded); a non-agent source ("storm") drops the frame.
        Of ``patients``, a non-agent is only left out, unless people name it as a party: a
        tanker attacked is a patient ("fired missiles at a commercial tanker")."""
        out = []
        for head in heads:
            members = _named_out(conjuncts(head))
            if patients:
                members = [m for m in members if m.lemma_.lower() in lexicon.agent_nouns
                           or not _non_agent(m, lexicon)]
            else:
                for member in members:
                    kind = _non_agent(member, lexicon)
                    if kind:
                        return [], f"'{member.text}' is a {kind}, not an agent"
            tools = [m for m in members if m.lemma_.lower() in lexicon.instruments]
            out.extend(_owner(tools, lexicon))
            for member in members:
                if member in tools:
                    continue
                if is_actor(member, lexicon):
                    out.extend(_demonyms(member) or [member])
                    continue
                inner = frames.actor_within(member, lexicon)
                if inner is not None:
                    out.append(inner)
        return out, ""

    def _candidate(self, doc_id, index, sentence, token, code, mode, confidence, source, target,
                   rules) -> EventCandidate:
        start, end = _trigger_span(token)
        return EventCandidate(
            doc_id=doc_id, sentence_index=index, sentence_start=sentence.start_char,
            sentence_end=sentence.end_char, trigger=doc_text(token.doc)[start:end],
            trigger_start=start, trigger_end=end, anchor=token.i, cameo=code, mode=mode,
            confidence=round(confidence, 3),
            source=mention(source) if source is not None else None,
            target=mention(target) if target is not None else None,
            rules=tuple(rules),
        )


def _condition_subjects(verb, lexicon: Lexicon) -> list:
    """The actor subject of an "if" or "unless" clause on the verb or on its complement."""
    for clause in (verb, *complements(verb)):
        for condition in conditions(clause, lexicon):
            found = [s for s in condition.children if s.dep_ == "nsubj" and is_actor(s, lexicon)]
            if found:
                return found
    return []


def _judged_actor(judged, lexicon: Lexicon):
    """The actor a verdict is about: the judged phrase itself, or the actor inside it ("the US
    sanctions" -> "US"); a thing named by a pronoun ("calling it dangerous": the decision) is
    no actor."""
    if judged.lower_ in _THING_PRONOUNS:
        return None
    if is_actor(judged, lexicon):
        return judged
    return frames.actor_within(judged, lexicon)


def _political_in(candidate: EventCandidate, doc, index: int, hazard: str, lexicon: Lexicon,
                  log) -> bool:
    """In hazard news an event counts when it is politics whoever acts (an accusation, a
    protest, an arrest: ``hazard_contentious``), force or an appeal by a named actor
    (``hazard_force``, ``hazard_appeals``), or anything between two named actors ("China sent
    rescue teams to Turkey after the quake"); the rest is the disaster and the response to it.
    A pronoun that acts on a named target names its actor ("Japan said it would send relief
    goods to Libya")."""
    source, target = candidate.source, candidate.target
    code = candidate.cameo
    if source is not None and code.startswith(lexicon.hazard_contentious):
        return True
    named_source = source is not None and noise.named(doc[source.head])
    if named_source and code.startswith((*lexicon.hazard_force, *lexicon.hazard_appeals)):
        return True
    giver = doc[source.head] if source is not None else None
    if (code.startswith(_AID_CODES) and giver is not None
            and (_state_or_body(giver) or giver.pos_ == "PRON")
            and (_state_named(giver) or target is None or noise.named(doc[target.head]))):
        # "China offered 10 million yuan in humanitarian assistance", "The European Union
        # released 1.5 million euros": a state or an international body (or "it" standing
        # for one) giving aid does politics, even where the story does not name who receives
        # it; an unnamed state's navy rescuing "140 people" is the disaster's response.
        return True
    if (source is not None and target is not None and noise.named(doc[target.head])
            and (named_source or doc[source.head].pos_ == "PRON")):
        return True
    log(f"s{index}: '{candidate.trigger}' {code} dropped: {hazard} news, not politics")
    return False


_AID_CODES = ("07", "033")


def _state_named(head) -> bool:
    """Does the phrase name a state or a people ("Italy", "Japan's foreign ministry"), or is
    it a proper name? "The navy", which the tagger may call an organisation, is none."""
    return head.pos_ == "PROPN" or any(t.ent_type_ in ("GPE", "NORP") for t in head.subtree)


def _state_or_body(head) -> bool:
    """Does the phrase name a state or an organisation ("China", "the European Union")?"""
    return head.ent_type_ in ("GPE", "ORG") and head.ent_iob_ in ("B", "I")


def _reporting(token, pattern: Pattern, lexicon: Lexicon) -> bool:
    """"Gondor said Arnor would ...": a user dictionary's bare code for a verb of saying (PETRARCH
    lists SAID) names the report, whose clause carries the event; casus reads it as a frame."""
    return (pattern.user and pattern.specificity == 0
            and token.lemma_.lower() in lexicon.attribution
            and any(c.dep_ == "ccomp" for c in token.children))


def _ignore(_line: str) -> None:
    return None


def _code_of(token, pattern, hits, lexicon: Lexicon) -> tuple[str, object]:
    """A complement's code: its own lexicon hit, or the nominal its light verb carries; and the
    clause that carries it ("keep attacking": "attacking")."""
    if is_event(pattern):
        return pattern.code, token
    lemma = token.lemma_.lower()
    if lemma in lexicon.light_verbs:
        for obj in objects(token):
            if is_event(hits.get(obj.i)):
                return hits[obj.i].code, token
    if lemma in _ASPECTUAL:
        for comp in complements(token):
            if comp is not token:
                found, inner = _code_of(comp, hits.get(comp.i), hits, lexicon)
                if found:
                    return found, inner
    return "", None


def _speaker_of(source):
    """"Nurses said they would strike": a pronoun subject of what is said is most often the
    speaker; its kind is the speaker's."""
    clause = source.head
    if source.pos_ != "PRON" or source.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return source
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return speaker if speaker is not None and speaker.pos_ in ("NOUN", "PROPN") else source


def _names_force(noun, lexicon: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in lexicon.force_nouns or any(
        f"{c.lemma_.lower()} {lemma}" in lexicon.force_nouns for c in noun.children
        if c.dep_ in ("amod", "compound"))


def _specific(item: _Coded, inner: Pattern) -> None:
    """"sent medical supplies" (070 by the verb) is humanitarian aid (073 by the noun); "opened
    an investigation into the strike" (090) investigates military action (093). A generic
    code (x0) gives way to its object's own code under the same root."""
    code = item.code
    if len(code) == 3 and code.endswith("0") and inner.code[:2] == code[:2] and inner.code != code:
        item.rules.append(f"object '{inner.source}' -> {inner.code}")
        item.code = inner.code


def _said_content(nominal, code: str) -> frozenset[int]:
    """"gave Hamas an ultimatum to free the hostages", "made an offer to buy Greenland": the
    "to"-clause of a demand, offer, threat or appeal is what is asked or offered, not an act."""
    if nominal is None or code[:2] not in _SPEECH_ROOTS:
        return frozenset()
    return frozenset(c.i for c in nominal.children if c.dep_ in ("acl", "relcl") and has_to(c))


def _content(governor, clauses) -> frozenset[int]:
    """The tokens a governing verb's code stands for: its complement clauses, the clauses between
    them ("vowed to keep attacking") and a noun holding one ("rejected the demand to withdraw")."""
    out = set()
    for clause in clauses:
        if clause is None:
            continue
        out.add(clause.i)
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            out.add(clause.head.i)
        for step in clause.ancestors:
            if step.i == governor.i or step.dep_ not in ("xcomp", "ccomp") or step.i in out:
                break
            out.add(step.i)
    return frozenset(out)


def _hearsay(token, lexicon: Lexicon) -> bool:
    """"Soldiers are alleged to have killed ...": a passive allegation with no agent and an
    infinitive is a mode marker, not an accusation."""
    return (token.pos_ == "VERB" and lexicon.complement_modes.get(token.lemma_.lower()) == "alleged"
            and frames.passive(token) and not any(c.dep_ == "agent" for c in token.children)
            and any(c.dep_ == "xcomp" for c in token.children))


def _own_forces(verb, sources: list, lexicon: Lexicon) -> list:
    """The force a country deploys at home: an agent noun object with no name of its own.
    Sent abroad ("deployed police officers to Haiti"), the force would be placed by its
    destination, so the country stays the source."""
    if not sources or any(s.ent_type_ != "GPE" for s in sources):
        return []
    if any(p.lower_ in ("to", "into") for p in verb.children if p.dep_ in ("prep", "dative")):
        return []
    return [o for o in objects(verb) if o.pos_ == "NOUN" and is_actor(o, lexicon)
            and frames.actor_within(o, lexicon) is None][:1]


def _protested_at(verb, lexicon: Lexicon) -> list:
    """An institution ("the Israeli embassy", "parliament") in a place phrase of a protest."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _PROTEST_SITE_PREPS:
            found = [o for o in prep.children if o.dep_ == "pobj"
                     and o.lemma_.lower() in lexicon.protest_sites]
            if found:
                return found[:1]
    return []


def _non_agent(member, lexicon: Lexicon) -> str | None:
    """The kind of non-agent a participant head names, unless an actor inside its phrase acts
    ("the Awami League" is no sports league); "Cyclone Remal", "Typhoon Yagi": a name a hazard
    word heads is the hazard's, though the tagger calls it a person or an organisation."""
    kind = noise.non_agent(member, lexicon)
    inner = frames.actor_within(member, lexicon) if kind else None
    if kind and (inner is None or inner.i == member.i
                 or (kind == "hazard" and noise.non_agent(inner, lexicon))
                 or (inner.is_sent_start and inner.pos_ == "NOUN")):
        # "Flash floods killed 60": a common noun the sentence's start capitalises names
        # no one, whatever the tagger makes of it.
        return kind
    return None


def _lend_means(verb: _Coded, noun, code: str) -> None:
    """A military or bombing noun that says how a harm was done lends the verb its code."""
    if code[:2] in _MEANS_ROOTS or code.startswith("183"):
        verb.rules.append(f"by means of '{noun.text}' -> {code}")
        verb.code = code


def _in_object(found: list, verb) -> bool:
    """Do the tokens lie inside the verb's direct object ("discuss reform of the Council")?"""
    return any(o.left_edge.i <= t.i <= o.right_edge.i
               for o in verb.children if o.dep_ == "dobj" for t in found)


def _carried(verb) -> bool:
    """A passive verb of travel, or one joined to a passive ("was arrested and flown to")."""
    if verb.pos_ != "VERB":
        return False
    return frames.passive(verb) or (verb.dep_ == "conj" and verb.tag_ == "VBN"
                                    and frames.passive(verb.head))


def _sequel(noun, lexicon: Lexicon) -> bool:
    """Is the noun what an act set off ("sparked mass protests in Istanbul")?"""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.sequel_verbs


def _protest_place(token) -> list:
    """A named place in the protest's own phrase, a clause describing it, or the clause it is
    the subject of."""
    outer = contained_by(token)  # "a wave of protests swept Kenya"
    holders = [token, *(c for c in outer.children if c.dep_ in ("acl", "relcl"))]
    if outer.dep_ in ("nsubj", "nsubjpass", "dobj"):
        holders.append(outer.head)  # "protests swept Kenya", "sparked protests in Istanbul"
    for holder in holders:
        for place in frames.places_in(holder, depth=2):
            return [place]
        named = [c for c in holder.children if c.dep_ == "dobj" and c.ent_type_ == "GPE"]
        if named and holder is not token:
            return named[:1]  # "protests swept Kenya"
    return []


def _announced(token, lexicon: Lexicon) -> bool:
    """A future act its own agent announces: "X said it will ...", "X says X would ...",
    "they said they would keep attacking"."""
    clause = token
    while clause.dep_ == "xcomp":
        clause = clause.head
    speaker = clause.head
    if clause.dep_ != "ccomp" or speaker.lemma_.lower() not in lexicon.attribution:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _ANNOUNCED for c in clause.children):
        return False
    doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    sayer = next((c for c in speaker.children if c.dep_ == "nsubj"), None)
    if doer is None or sayer is None:
        return False
    return doer.lower_ in _OWN_PRONOUNS or doer.lemma_.lower() == sayer.lemma_.lower()


def _crowd(token, lexicon: Lexicon) -> bool:
    return any(table.name == "crowd" and table.applies(token) for table in lexicon.source_codes)


def _with_partners(targets: list) -> bool:
    return bool(targets) and all(t.dep_ == "pobj" and t.head.lower_ == "with" for t in targets)


def _addressee(verb, lexicon: Lexicon) -> list:
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "acl"):
            found = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                     and frames.names_actor(c, lexicon)]
            if found:
                return found[:1]
    return []


def _accuser(token, lexicon: Lexicon) -> tuple[list, str] | None:
    """"Azerbaijan accused Russia of shooting down the plane": an alleged act that names no
    one it was done to was, as the accuser tells it, done to the accuser."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ != "of":
        return None
    governor = prep.head
    if lexicon.complement_modes.get(governor.lemma_.lower()) != "alleged":
        return None
    accusers, _ = frames.verb_sources(governor, lexicon)
    return (accusers, f"the accuser, '{governor.text}'") if accusers else None


def _owner(tools: list, lexicon: Lexicon) -> list:
    """"Russian missiles and drones": one participant for all the weapons, the first that names
    its owner (the weapon's phrase when it can stand for a force, "Israeli jets"; one per
    demonym in "Russian and Chinese warships"); weapons with no owner name no actor."""
    for tool in tools:
        inner = frames.weapon_owner(tool, lexicon)
        if inner is not None:
            if is_actor(tool, lexicon):
                return _demonyms(tool) or [tool]
            return [inner]
    return []


def _future(token, lexicon: Lexicon) -> bool:
    """"will not lift", "won't meet", "said it would not meet": a stance on one's own future act,
    not a report that it did not happen ("did not meet")."""
    reported = token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.attribution
    return any(c.dep_ == "aux" and (c.lower_ in _FUTURE or (reported and c.lower_ == "would"))
               for c in token.children)


def _host(token, code: str, verbs: dict, lexicon: Lexicon):
    """The verb whose agent takes part in a nominal event: one of the same family in whose
    "for"/"during" phrase it stands ("travelled to Washington for talks with Trump": the
    traveller talks; "took hostages during the attack"), or one that plans or weighs it ("the EU
    is considering sanctions": the EU's sanctions). Other "for" phrases say what is asked or
    regretted ("appealed for a ceasefire"): their agent is not the nominal's."""
    culprit = _culpable(token, lexicon)
    if culprit is not None:
        return culprit
    head = token.head
    if token.dep_ == "dobj" and lexicon.complement_modes.get(head.lemma_.lower()) in (
        "planned", "hypothetical"
    ) and head.lemma_.lower() not in lexicon.object_control:
        return head
    if not (token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _PURPOSE_PREPS):
        return None
    verb = verbs.get(head.head.i)
    if verb is None or _family(verb.code) != _family(code) or _family(code) is None:
        return None
    return verb.token


def _sides_within(group, lexicon: Lexicon) -> list:
    """The coordinated actors of a plural group's side phrase (``frames.side_heads``), when
    there are two or more."""
    for obj in frames.side_heads(group):
        members = [m for m in conjuncts(obj) if is_actor(m, lexicon)]
        # One name the tagger read across the commas is left whole.
        starts = {_entity_start(m) for m in members}
        if len(members) > 1 and len(starts) == len(members):
            return members
    return []


def _entity_start(token) -> int:
    """Where the named entity holding the token begins (the token itself outside one)."""
    doc, i = token.doc, token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _stakeholder(token, lexicon: Lexicon):
    """The verb whose object claims or denies a part in the nominal event ("claimed
    responsibility for the attack"), or None."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    found = stake_of(token.head, lexicon)
    return found[0] if found is not None else None


def _culpable(token, lexicon: Lexicon):
    """"the cartel has been responsible for mass killings", "was found guilty of torture": the
    clause's subject did what the noun names."""
    while token.dep_ == "conj":
        token = token.head
    prep = token.head
    adjective = prep.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or adjective.dep_ != "acomp":
        return None
    if lexicon.culpability.get(adjective.lemma_.lower()) != prep.lower_:
        return None
    return adjective.head


def _family(code: str) -> str | None:
    root = code[:2]
    if root == "04":
        return "consult"
    if root in ("18", "19", "20"):
        return "force"
    if root == "14":
        return "protest"
    return None


def _occasion(token, item) -> bool:
    """"met at the G7 summit", "the sidelines of the SCO summit": a meeting noun named by its
    organiser, inside a prepositional phrase, is the setting of the clause, not an event."""
    if token.pos_ == "VERB" or item.code[:2] != "04" or token.dep_ != "pobj":
        return False
    if any(c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE", "NORP") for c in token.children):
        return True
    # "will provide guarantees in the summit", "signed the deal at the meeting": a bare meeting
    # noun that sets another act's scene, with no parties of its own.
    prep = token.head
    return (prep.lower_ in ("at", "in", "during") and prep.head.pos_ == "VERB"
            and not any(c.dep_ in ("prep", "poss", "compound", "amod") for c in token.children))


def _victims(nominal, lexicon: Lexicon) -> list:
    """"the prisoner died after torture", "died as a result of the beatings": whoever died of
    the act the noun names is its target."""
    token = nominal
    for _ in range(4):
        if token.dep_ not in ("pobj", "pcomp", "prep", "conj"):
            return []
        token = token.head
        if token.pos_ == "VERB":
            break
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.death_verbs:
        return []
    return [c for c in token.children if c.dep_ == "nsubj"]


def _background(nominal, lexicon: Lexicon) -> bool:
    """"resigned after the killing of ...", "a strike in protest against the arrests": a noun
    event that sets the scene or gives the cause of another act."""
    if nominal.dep_ != "pobj":
        return False
    prep = nominal.head
    return (prep.lower_ in lexicon.background_preps
            or prep.head.lower_ in lexicon.background_preps
            or (prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in lexicon.reason_nouns))


# Verbs of speaking whose "at" phrase says where the speaker spoke.
_SPEAKING = frozenset(("speak", "talk", "address", "say", "tell", "announce", "declare"))
# Reactions that dispute what they are about (criticism, rejection, protest), and the
# cooperation (03-08) that, so disputed, is their topic rather than news.
_DISPUTING_ROOTS = frozenset(("11", "12", "14"))
_COOPERATION_NOUN_ROOTS = frozenset(("03", "04", "05", "06", "07", "08"))
_DISPUTED_PREPS = frozenset(("against", "over", "about"))
_PLAN_NOUNS = frozenset(("plan", "proposal", "scheme"))
_JOINT_WORDS = frozenset(("joint", "mutual", "bilateral"))
_ROADSIDE_BOMBING = "1833"
_AIMED_AT = frozenset(("on", "upon", "against", "at"))  # what an attack noun falls on


def _disputed(nominal, code: str, verbs: dict) -> bool:
    """"protested against a trade deal between the EU and Mercosur", "criticised the agreement
    between Brussels and Kyiv": the cooperation of others disputed is what the reaction is
    about, an act of before, not one this sentence reports."""
    if code[:2] not in _COOPERATION_NOUN_ROOTS or not any(
            c.dep_ == "prep" and c.lower_ == "between" for c in nominal.children):
        return False  # "turned down Moscow's offer": an offer made, which a side answers
    return _disputed_noun(nominal, verbs)


def _disputed_plan(token, verbs: dict) -> bool:
    """"protested against a plan to buy new cars for lawmakers": what a plan that a reaction
    disputes would do is its topic, no act of its own. A decision is an act already taken
    ("protested against the decision to suspend talks")."""
    noun = token.head
    return (token.dep_ == "acl" and has_to(token) and noun.lemma_.lower() in _PLAN_NOUNS
            and _disputed_noun(noun, verbs))


def _disputed_noun(noun, verbs: dict) -> bool:
    """Is the noun the object of a coded criticism, rejection or protest, directly or after
    "against", "over" or "about"?"""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _DISPUTED_PREPS:
        head = head.head
    elif noun.dep_ != "dobj":
        return False
    verb = verbs.get(head.i)
    return verb is not None and verb.code[:2] in _DISPUTING_ROOTS


def _party_named(noun, lexicon: Lexicon) -> bool:
    """"Supporters of Armenia's opposition": a bare trigger noun that is also an agent
    ("opposition") names the party when nothing says what it opposes ("opposition to the
    plan")."""
    return (noun.lemma_.lower() in lexicon.agent_nouns
            and not any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in noun.children))


def _spoken_at(nominal, code: str) -> bool:
    """"speaking at a meeting of his party", "told reporters at a summit": a meeting where
    someone spoke is the occasion of the speech, not an act reported."""
    prep = nominal.head
    return (code[:2] == "04" and nominal.dep_ == "pobj" and prep.lower_ == "at"
            and prep.head.lemma_.lower() in _SPEAKING)


def _inside_noun_phrase(token) -> bool:
    """"the chances of a breakthrough at the next round of talks": an event named inside
    another noun's phrase, not reported as such."""
    head = token.head
    return (token.dep_ == "pobj" and head.dep_ == "prep"
            and head.head.pos_ in ("NOUN", "PROPN", "ADJ", "ADV"))


def _place_targets(verb, nominal) -> tuple[list, str]:
    """A named place in the attacked object's phrase ("the port of Odesa", "buildings in
    Kyiv"), else in the clause ("struck sites in Pakistan")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if nominal is not None:
        objects.append(nominal)
    for holder in (*objects, verb):
        for place in frames.places_in(holder, depth=2):
            return [place], f"place in '{holder.text}'"
    return [], ""


def _demonyms(head) -> list:
    """"Israeli and Syrian officials", "US and Ukrainian officials": one participant per
    coordinated demonym or country name."""
    for child in head.children:
        if child.dep_ not in ("amod", "nmod", "compound"):
            continue
        members = [child] + [c for c in child.children if c.dep_ == "conj"]
        # One tagged a people or a place vouches for capitalised partners the tagger missed
        # ("Azerbaijani and Armenian troops", where "Azerbaijani" came out a person).
        if (len(members) > 1 and any(m.ent_type_ in ("NORP", "GPE") for m in members)
                and all(m.is_title or m.is_upper for m in members)):
            return members
    return []


def _prep_objects(token, word: str) -> list:
    """Nominal events a verb takes part in ("took part in joint exercises") or decides on
    ("agreed on new sanctions")."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == word
            for g in c.children if g.dep_ == "pobj"]


def _given_in(verb, direct: list, amounts_only: bool = False) -> list:
    """What an amount or a share is given as: the "in" phrase of the verb or of the amount
    itself ("provided 100 million pounds in aid", "announced 10 million euros in humanitarian
    aid", "took part in talks"); none when the verb's object is more than that ("provided
    guarantees in the summit")."""
    measure = _amount if amounts_only else _measure
    if any(not measure(o) for o in direct):
        return []
    return [*_prep_objects(verb, "in"), *(g for o in direct for g in _prep_objects(o, "in"))]


def _in_clause(token) -> bool:
    head = token.head
    return (token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in"
            and head.head.pos_ == "VERB")


_PLACE_PREPS = frozenset(("at", "in"))
_ABOUT_PREPS = frozenset(("on", "about", "over", "regarding"))


def _inside_object(target, verb) -> bool:
    """Whether a target lies in the verb's direct object."""
    return any(c.dep_ == "dobj" and (c == target or c.is_ancestor(target)) for c in verb.children)


def _laid_explosive(verb, lexicon: Lexicon):
    """The mine or roadside bomb a subject hit, struck or stepped on, or None."""
    if verb.lemma_.lower() not in lexicon.running_into:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        o for p in verb.children if p.dep_ in ("prep", "prt") and p.lower_ in ("on", "over")
        for o in p.children if o.dep_ == "pobj"]
    for obj in objects:
        modifiers = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound")}
        for entry in lexicon.laid_explosives:
            *words, head = entry.split()
            if obj.lemma_.lower() == head and set(words) <= modifiers:
                return obj
    return None


def _undergoes(verb, lexicon: Lexicon) -> bool:
    """"came under fire", "came under attack": the subject undergoes what the verb names."""
    return verb.lemma_.lower() in lexicon.undergoing and any(
        p.dep_ == "prep" and p.lower_ == "under" for p in verb.children)


def _carried_by(verb) -> list:
    """Who was hit when the verb's subject ran into an explosive: "four policemen died when
    their vehicle struck a landmine" (the "when" clause's governor's subject), "the army's
    truck" (its owner), "a military convoy" (itself)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is None:
        return [subject]
    if not frames.pronoun_possessor(owner):
        return [owner]
    governor = verb.head if verb.dep_ == "advcl" else None
    found = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")] if governor else []
    return found[:1]


def _joint(nominal, code: str, lexicon: Lexicon) -> bool:
    """An act two sides do with each other by its noun: "carried out a prisoner swap", "began
    a joint exercise"; "launched joint strikes on Kyiv" is one they do together to another."""
    return nominal is not None and code[:2] not in frames.ATTACK_ROOTS and (
        nominal.lemma_.lower() in lexicon.reciprocal_verbs
        or any(c.dep_ == "amod" and c.lower_ in _JOINT_WORDS for c in nominal.children))


def _agreeing(code: str) -> bool:
    """Acts two parties do together: intents and agreements (03), consultation (04), signing
    an agreement (057)."""
    return code[:2] in ("03", "04") or code == "057"


def _place_or_topic(target, nominal) -> bool:
    """Whether a target was read from where an act happened ("at the White House") or from what
    its talks or deal are about ("talks on Tehran's nuclear programme"), not from a partner."""
    token = target
    while token.head.i != token.i:
        if token.dep_ == "pobj":
            prep = token.head
            return (prep.lower_ in _PLACE_PREPS
                    or (prep.lower_ in _ABOUT_PREPS and nominal is not None and prep.head == nominal))
        token = token.head
    return False


def _pairs(sources: list, targets: list, reciprocal: bool) -> list[tuple]:
    if not targets and reciprocal:
        # "Xi and Modi met", "traded accusations": each acted on the other.
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    else:
        pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    # The same name on both sides is one participant ("Britain ... Britain"); "North Korea"
    # and "South Korea" share a head word but are two.
    pairs = [(s, t) for s, t in pairs if s is None or t is None or _words(s) != _words(t)]
    return pairs[:MAX_PAIRS]


_PART_NOUNS = frozenset(("part", "role", "share", "hand"))
_AMOUNT_ENTS = frozenset(("MONEY", "QUANTITY", "CARDINAL", "PERCENT"))


def _measure(obj) -> bool:
    return obj.lemma_.lower() in _PART_NOUNS or _amount(obj)


def _amount(obj) -> bool:
    # "10 million euros" is an amount whether or not the tagger calls it money.
    return (obj.ent_type_ in _AMOUNT_ENTS or obj.like_num
            or any(c.dep_ == "nummod" and c.like_num for c in obj.children))


def _between(verb, lexicon: Lexicon) -> list:
    """The actors a verb's "between" phrase coordinates."""
    found = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found.extend(m for m in conjuncts(pobj) if is_actor(m, lexicon))
    return found


def _words(head) -> str:
    return mention(head).text.lower()


def _confidence(item: _Coded, source, target, token) -> float:
    score = item.base
    if frames.passive(token):
        score -= 0.05
    if source is None:
        score -= 0.25
    if target is None:
        score -= 0.1
    if item.code[:2] in _STATEMENT_ROOTS:
        score *= 0.75
    if _backgrounded(token):
        score *= 0.8
    return max(0.05, min(score, 1.0))


_SUBORDINATE = frozenset(("relcl", "acl", "advcl", "amod", "pcomp"))


def _backgrounded(token) -> bool:
    """A trigger in a modifier clause or a nominal inside another clause's object or phrase
    ("condolences for those who perished in the attack") is not the sentence's main event."""
    if token.pos_ != "VERB":
        return token.dep_ not in ("nsubj", "nsubjpass", "ROOT", "appos")
    return token.dep_ in _SUBORDINATE


def _trigger_span(token) -> tuple[int, int]:
    """The trigger word, with its particle when one follows closely ("carried out")."""
    end_token = token
    for child in token.children:
        if child.dep_ == "prt" and 0 < child.i - token.i <= 3:
            end_token = child
    return token.idx, end_token.idx + len(end_token.text)


def _span(item: Mention | None) -> str | None:
    # Same words, same participant: a sentence repeating "Britain" names one actor.
    return item.text.lower() if item is not None else None


def _text(token) -> str:
    return repr(token.text) if token is not None else "none"


_COUNTED_PEOPLE = frozenset(("man", "woman", "person", "people"))


def _named_out(members: list) -> list:
    """"arrested three men, two Ukrainians and a German": a count of people followed by a comma
    and the list of who they are is that list, not a party beside it."""
    first = members[0]
    doc = first.doc
    if (len(members) > 1 and first.lemma_.lower() in _COUNTED_PEOPLE
            and any(c.dep_ == "nummod" for c in first.children)
            and first.i + 1 < len(doc) and doc[first.i + 1].text == ","):
        return members[1:]
    return members


def _coercive(condition, lexicon: Lexicon) -> bool:
    """Does an "if" clause make its consequence a threat? "unless Israel stops its strikes",
    "if Israel attacks", "if attacked" lay it on someone; "if a ceasefire is reached" or "if the
    talks fail" only says when, and leaves an offer or a plan."""
    if any(c.dep_ == "mark" and c.lower_ == "unless" for c in condition.children):
        return True
    subjects = [c for c in condition.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not subjects or any(is_actor(s, lexicon) for s in subjects)


_CROWD_COUNTS = frozenset(("thousand", "hundred", "dozen", "million", "score", "ten"))


def _crowd_count(verb, lexicon: Lexicon):
    """The subject of a protest verb, or of the verb whose purpose it is ("gathered to
    protest"), when it only counts people ("thousands", "tens of thousands", "200") or names
    people by a trade no table lists ("Stevedores went on strike"): a plural common noun that
    names no hazard, market or thing."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            counted = (subject.lemma_.lower() in _CROWD_COUNTS or subject.ent_type_ == "CARDINAL"
                       or (subject.tag_ == "NNS" and noise.non_agent(subject, lexicon) is None))
            return subject if counted else None
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _of_patients(participants: list) -> bool:
    """Are the participants all what an "of" phrase says the act befell ("the occupation of
    Goma and Bukavu"), not parties that act on each other ("talks between Ethiopia and Egypt")?"""
    for token in participants:
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if not (node.dep_ == "pobj" and node.head.lower_ == "of"):
            return False
    return True


def _describes_noun(token) -> bool:
    """A participle or a background relative clause on a noun of another act ("aid to refugees
    fleeing the war", "freed the men whom they had taken hostage", "arms for Macedonia, which
    is preparing an offensive"). A relative clause in the narrative past ("arrested the men who
    attacked the bus") or on the subject ("Netanyahu, who visited Washington in April, met ...")
    reports news of its own."""
    noun = token.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "acl":
        return token.tag_ == "VBG"
    return (token.dep_ == "relcl" and noun.dep_ not in ("nsubj", "nsubjpass")
            and _background_tense(token))


def _background_tense(verb) -> bool:
    """Past perfect ("had taken") or present ("is preparing", "blame"): not the narrative past."""
    tags = [verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    return perfect or any(tag in ("VBZ", "VBP") for tag in tags)


def _participle_of(token) -> bool:
    """An "-ing" clause with no subject of its own that goes with its head act."""
    return (token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ == "VBG"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))
