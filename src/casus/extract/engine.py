"""The extractor: frames from the parse, coded with the lexicon, with mode and confidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casus.extract import frames, noise
from casus.extract.coding import complements, is_event, lexical_match, objects
from casus.extract.lexicon import NONE_CODE, Lexicon, Pattern, load_lexicon
from casus.extract.mentions import conjuncts, is_actor, mention
from casus.extract.modality import clause_mode, conditional, deontic, negated_here
from casus.extract.quotes import find_quotes
from casus.models import EventCandidate, Extraction, Mention, Parsed
from casus.nlp import doc_text, entities

MAX_PAIRS = 6
# Events between the members of a coordinated subject when there is no object ("A and B met").
_SYMMETRIC_ROOTS = frozenset(("03", "04", "05", "06", "19"))
_STATEMENT_ROOTS = frozenset(("01", "02"))
_COOPERATION_ROOTS = frozenset(("03", "04", "05", "06", "07", "08"))
_INTENT_ROOTS = frozenset(("04", "05", "06", "07", "08"))
_FORCE_ROOTS = frozenset(("14", "15", "16", "17", "18", "19", "20"))
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


class Extractor:
    """Finds event candidates and quotes in parsed documents.

    The lexicons are read once, when the extractor is built; ``lexicon_path`` names a folder
    holding the three lexicon files to use instead of the packaged ones.
    """

    def __init__(self, lexicon_path: str | Path | None = None):
        self.lexicon: Lexicon = load_lexicon(str(lexicon_path) if lexicon_path else None)

    def __call__(self, parsed: Parsed) -> Extraction:
        return self.extract(parsed)

    def extract(self, parsed: Parsed, trace: list[str] | None = None) -> Extraction:
        doc = parsed.doc
        doc_id = parsed.document.id
        log = trace.append if trace is not None else _ignore
        candidates: list[EventCandidate] = []
        for index, sentence in enumerate(doc.sents):
            candidates.extend(self._sentence(doc_id, index, sentence, log))
        quotes = find_quotes(doc, doc_id, self.lexicon)
        for quote in quotes:
            speaker = quote.speaker.text if quote.speaker else "unknown speaker"
            log(f"s{quote.sentence_index}: quote by {speaker!r}: {quote.text[:60]!r}")
        return Extraction(parsed=parsed, candidates=tuple(candidates), quotes=tuple(quotes))

    def _sentence(self, doc_id: str, index: int, sentence, log) -> list[EventCandidate]:
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
        for token in sentence:
            pattern = hits.get(token.i)
            if (token.pos_ != "VERB" and token.i not in consumed and is_event(pattern)
                    and token.dep_ != "attr" and token.ent_type_ not in ("DATE", "TIME")):
                coded.append(_Coded(token, pattern.code, [f"noun '{pattern.source}' -> {pattern.code}"],
                                    nominal=token, base=0.7))
        best: dict[tuple, EventCandidate] = {}
        for item in coded:
            for candidate in self._candidates(doc_id, index, sentence, item, log):
                key = (_span(candidate.source), _span(candidate.target), candidate.cameo)
                if key not in best or best[key].confidence < candidate.confidence:
                    best[key] = candidate
        if not best:
            fallback = self._statement(doc_id, index, sentence, log)
            return [fallback] if fallback else []
        return list(best.values())

    def _code_verb(self, token, hits, consumed: set[int], log, index: int) -> _Coded | None:
        lexicon = self.lexicon
        lemma = token.lemma_.lower()
        pattern: Pattern | None = hits.get(token.i)
        if pattern is not None and pattern.code == NONE_CODE:
            log(f"s{index}: '{token.text}' not an event: lexicon '{pattern.source}'")
            return None
        if pattern is not None and pattern.complements:
            return self._from_pattern(token, pattern, consumed)
        table = lexicon.table_for(lemma)
        if table is not None:
            for comp in complements(token):
                comp_pattern = hits.get(comp.i)
                comp_code = _code_of(comp, comp_pattern, hits, lexicon)
                if comp_code:
                    name, codes = table
                    code = codes.code_for(comp_code[:2])
                    if code:
                        rule = f"{name} table: complement '{comp.text}' ({comp_code}) -> {code}"
                        return _Coded(token, code, [rule], base=0.85)
        if pattern is not None and pattern.obj is not None:
            return self._from_pattern(token, pattern, consumed)
        if lemma in lexicon.light_verbs:
            for obj in [*objects(token), *_in_objects(token)]:
                obj_pattern = hits.get(obj.i)
                if is_event(obj_pattern):
                    consumed.add(obj.i)
                    rule = f"light verb '{lemma}' + noun '{obj_pattern.source}' -> {obj_pattern.code}"
                    return _Coded(token, obj_pattern.code, [rule], nominal=obj, base=0.85)
        if pattern is not None:
            return self._from_pattern(token, pattern, consumed)
        return None

    def _from_pattern(self, token, pattern: Pattern, consumed: set[int]) -> _Coded:
        nominal = None
        if pattern.obj is not None:
            for obj in objects(token):
                consumed.add(obj.i)
                nominal = obj
        return _Coded(token, pattern.code, [f"verb '{pattern.source}' -> {pattern.code}"],
                      nominal=nominal, named_preps=tuple(p for p, _ in pattern.preps))

    def _candidates(self, doc_id, index, sentence, item: _Coded, log) -> list[EventCandidate]:
        lexicon = self.lexicon
        token = item.token
        rules = list(item.rules)
        if token.pos_ == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN" and not any(
            c.dep_ == "agent" for c in token.children
        ):
            log(f"s{index}: '{token.text}' {item.code} dropped: participle without agent")
            return []
        if token.pos_ == "VERB":
            sources, source_rule = frames.verb_sources(token, lexicon)
            targets, target_rule = frames.verb_targets(token, lexicon, item.nominal, item.named_preps)
            if frames.passive(token):
                rules.append("passive")
        else:
            sources, source_rule = frames.nominal_sources(token, lexicon), "nominal modifier"
            targets, target_rule = frames.nominal_targets(token, lexicon), "nominal participant"
            if not sources and not targets and _in_clause(token):
                # "was shot in an assassination attempt": the clause's participants.
                verb = token.head.head
                sources, source_rule = frames.verb_sources(verb, lexicon)
                targets, target_rule = frames.verb_targets(verb, lexicon, None, ())
                source_rule = f"{source_rule} of '{verb.text}'"
        sources, why = self._actors_of(sources, lexicon)
        if why:
            log(f"s{index}: '{token.text}' {item.code} dropped: {why}")
            return []
        targets = [t for t in self._actors_of(targets, lexicon)[0] if t not in sources]
        if not sources and not targets:
            log(f"s{index}: '{token.text}' {item.code} dropped: no participant")
            return []
        if sources:
            rules.append(f"source: {source_rule}")
        if targets:
            rules.append(f"target: {target_rule}")
        if not sources and len(targets) > 1:
            # "talks between Ethiopia and Egypt": the first participant acts on the others.
            sources, targets = targets[:1], targets[1:]
            rules.append("source: first of coordinated participants")
        mode, mode_reason = clause_mode(token, lexicon)
        if mode_reason:
            rules.append(f"mode {mode}: {mode_reason}")
        if mode == "planned" and item.code[:2] == "03":
            mode = "asserted"
            rules.append("an intent (03) is asserted when expressed")
        pairs = _pairs(sources, targets, item.code)
        out = []
        for source, target in pairs:
            code = self._source_code(item.code, source, rules)
            confidence = _confidence(item, source, target, token) * _MODE_WEIGHT[mode]
            out.append(self._candidate(doc_id, index, sentence, token, code, mode,
                                       confidence, source, target, rules))
            log(f"s{index}: '{token.text}' {code} {mode} kept: "
                f"{_text(source)} -> {_text(target)} ({confidence:.2f}; {'; '.join(rules)})")
        for code, source, target, rule in self._derived(token, item.code, mode, pairs):
            confidence = 0.8 if source is not None else 0.55
            out.append(self._candidate(doc_id, index, sentence, token, code, "asserted",
                                       confidence, source, target, [*item.rules, rule]))
            log(f"s{index}: '{token.text}' {code} asserted kept: {_text(source)} -> "
                f"{_text(target)} ({confidence:.2f}; {rule})")
        return out

    def _derived(self, token, code: str, mode: str, pairs: list[tuple]) -> list[tuple]:
        """Speech acts a clause implies: "X will not lift the ban" is X refusing (12x);
        "Russia says Israel must end its attacks" is Russia demanding it of Israel (10x)."""
        lexicon = self.lexicon
        root = code[:2]
        out = []
        if mode == "negated" and root in _COOPERATION_ROOTS and negated_here(token, lexicon):
            refusal = lexicon.tables["refusal"].code_for(root)
            rule = f"negated cooperation {code} -> refusal {refusal}"
            out.extend((refusal, source, target, rule) for source, target in pairs)
        if mode == "planned" and root in _INTENT_ROOTS:
            intent = lexicon.tables["intent"].code_for(root)
            rule = f"planned {code} -> intent {intent}"
            out.extend((intent, source, target, rule) for source, target in pairs)
        if mode in ("planned", "hypothetical") and root in _FORCE_ROOTS and conditional(token, lexicon):
            threat = lexicon.tables["threat"].code_for(root)
            rule = f"conditional {code} -> threat {threat}"
            out.extend((threat, source, target, rule) for source, target in pairs)
        if deontic(token) and token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.attribution:
            speakers, _ = frames.verb_sources(token.head, lexicon)
            speakers = self._actors_of(speakers, lexicon)[0]
            demand = lexicon.tables["demand"].code_for(root)
            addressees = [source for source, _ in pairs if source is not None][:1]
            rule = f"'{token.head.text}' + obligation -> demand {demand}"
            out.extend((demand, speaker, addressee, rule)
                       for speaker in speakers[:2] for addressee in addressees)
        return out

    def _source_code(self, code: str, source, rules: list[str]) -> str:
        if source is None:
            return code
        for table in self.lexicon.source_codes:
            if code in table.codes and table.applies(source):
                rules.append(f"{table.name} source: {code} -> {table.codes[code]}")
                return table.codes[code]
        return code

    def _actors_of(self, heads: list, lexicon: Lexicon) -> tuple[list, str]:
        """Actor heads (coordination expanded); a non-agent head ("storm") drops the frame."""
        out = []
        for head in heads:
            for member in conjuncts(head):
                kind = noise.non_agent(member, lexicon)
                if kind and frames.actor_within(member, lexicon) is None:
                    return [], f"'{member.text}' is a {kind}, not an agent"
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

    def _statement(self, doc_id, index, sentence, log) -> EventCandidate | None:
        """A bare public statement (010) by a named political actor about other actors."""
        lexicon = self.lexicon
        for token in sentence:
            if token.pos_ != "VERB" or token.lemma_.lower() not in ("say", "tell", "state", "declare"):
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects or not _named_actor(subjects[0], lexicon):
                continue
            others = [e for e in entities(sentence.doc)
                      if sentence.start <= e.start and e.end <= sentence.end
                      and e.label_ in ("GPE", "NORP", "ORG", "PERSON")
                      and not (subjects[0].i >= e.start and subjects[0].i < e.end)]
            if not others:
                continue
            mode, reason = clause_mode(token, lexicon)
            rules = ["statement fallback: named speaker, political content"]
            log(f"s{index}: '{token.text}' 010 {mode} kept: {subjects[0].text} (fallback)")
            return self._candidate(doc_id, index, sentence, token, "010", mode, 0.3, subjects[0],
                                   None, rules + ([f"mode {mode}: {reason}"] if reason else []))
        return None


def _ignore(_line: str) -> None:
    return None


def _code_of(token, pattern, hits, lexicon: Lexicon) -> str:
    """A complement's code: its own lexicon hit, or the nominal its light verb carries."""
    if is_event(pattern):
        return pattern.code
    lemma = token.lemma_.lower()
    if lemma in lexicon.light_verbs:
        for obj in objects(token):
            if is_event(hits.get(obj.i)):
                return hits[obj.i].code
    if lemma in _ASPECTUAL:
        for comp in complements(token):
            if comp is not token:
                found = _code_of(comp, hits.get(comp.i), hits, lexicon)
                if found:
                    return found
    return ""


def _demonyms(head) -> list:
    """"Israeli and Syrian officials": one participant per coordinated demonym."""
    for child in head.children:
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
            members = [child] + [c for c in child.children if c.dep_ == "conj"]
            if len(members) > 1:
                return members
    return []


def _in_objects(token) -> list:
    """Nominal events a verb takes part in: "took part in joint exercises"."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children if g.dep_ == "pobj"]


def _in_clause(token) -> bool:
    head = token.head
    return (token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in"
            and head.head.pos_ == "VERB")


def _named_actor(token, lexicon: Lexicon) -> bool:
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (
        token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.political_roles
    )


def _pairs(sources: list, targets: list, code: str) -> list[tuple]:
    if not targets and len(sources) > 1 and code[:2] in _SYMMETRIC_ROOTS:
        # "Xi and Modi met": each met the other.
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    else:
        pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    pairs = [(s, t) for s, t in pairs if s is None or t is None or s.lower_ != t.lower_]
    return pairs[:MAX_PAIRS]


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
