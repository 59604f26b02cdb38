"""Lexicon matching: which pattern, hence which CAMEO code, a trigger token takes in context."""

from __future__ import annotations

from casus.extract.lexicon import NONE_CODE, Lexicon, Pattern, Term
from casus.extract.mentions import RELATIVE_PRONOUNS, misread_adjective, through_container

_OBJECT_DEPS = ("dobj", "nsubjpass", "dative", "attr", "oprd")
_COMPLEMENT_DEPS = ("xcomp", "ccomp")


def objects(token) -> list:
    """The direct objects of a verb (the subject of a passive), looked through containers."""
    out = [through_container(c) for c in token.children if c.dep_ in _OBJECT_DEPS[:2]]
    if token.dep_ == "relcl":
        # "Goma, which the rebels seized": the relative pronoun stands for the noun it follows.
        out = [through_container(token.head) if o.lower_ in RELATIVE_PRONOUNS else o for o in out]
    # "launched air and artillery strikes": the parser may make the first modifier the object
    # and hang the real head on it as a conjunct.
    out.extend(through_container(c) for head in list(out) for c in head.children
               if c.dep_ == "conj" and c.pos_ == "NOUN")
    if (token.dep_ == "acl" and token.tag_ == "VBN") or misread_adjective(token):
        # "a missile fired by the Houthis", "Trump imposed tariffs" (misparsed): the modified
        # noun is the object.
        out.append(through_container(token.head))
    for child in token.children:
        # "allowed inspectors to visit": the subject of an infinitive is the verb's object.
        if child.dep_ == "ccomp" and has_to(child):
            out.extend(through_container(g) for g in child.children if g.dep_ == "nsubj")
    return out


def noun_objects(token) -> list:
    """What a nominal trigger is about: its compounds and "of" objects."""
    out = [c for c in token.children if c.dep_ in ("compound", "amod")]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            out.extend(through_container(g) for g in child.children if g.dep_ == "pobj")
    return out


def complements(token) -> list:
    """Clausal complements, including "to"-clauses attached to the object ("urged X to Y")."""
    out = [c for c in token.children if c.dep_ in _COMPLEMENT_DEPS or _delayed_complement(token, c)]
    for child in token.children:
        if child.dep_ in ("dobj", "prep"):
            holders = [child] + [g for g in child.children if g.dep_ == "pobj"]
            for holder in holders:
                out.extend(g for g in holder.children if g.dep_ in ("xcomp", "acl", "relcl")
                           and g.pos_ in ("VERB", "AUX") and has_to(g))
    return out


def own_clause(clause) -> bool:
    """Is the clause about the speaker's own act? "warned it would retaliate", "vowed its forces
    would respond" are; "warned that Israel could attack Rafah" warns of another's act."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if clause.dep_ != "ccomp" or subject is None or subject.pos_ == "PRON":
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)


def _delayed_complement(token, child) -> bool:
    """A "to"-clause the parser made an adverbial because a time phrase stands between it and
    its verb ("threatened on Sunday to impose sanctions"): nothing but when-words between."""
    if child.dep_ != "advcl" or child.i < token.i or not has_to(child):
        return False
    between = set(range(token.i + 1, child.left_edge.i))
    timing = set()
    for c in token.children:
        if token.i < c.i < child.left_edge.i and (
            (c.dep_ == "prep" and time_phrase(c)) or c.dep_ == "advmod"
            or (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))
        ):
            timing.update(t.i for t in c.subtree)
    return bool(between) and between <= timing


def has_to(verb) -> bool:
    """An infinitive: "to" is among its auxiliaries ("agreed to meet")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def purpose_clause(token) -> bool:
    """A "to" clause with no subject of its own that says what its head act was for."""
    return (token.dep_ == "advcl" and has_to(token)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))


def context_words(token) -> set[str]:
    words = set()
    for child in token.children:
        if (child.dep_ == "prep" and time_phrase(child)) or child.dep_ == "aux":
            # "called Morrison on Wednesday" is no "call on", "to protest" no "protest to".
            continue
        words.add(child.lemma_.lower())
        if child.dep_ in ("prep", "agent"):
            words.update(g.lemma_.lower() for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return words


def time_phrase(prep) -> bool:
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def prep_objects(token) -> list[tuple[str, object]]:
    """(preposition, object) pairs on the trigger and, for verbs, on its direct object."""
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    pairs = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "pcomp"):
                        pairs.append((child.lower_, through_container(grand)))
    return pairs


_PLACE_ENTS = ("GPE", "LOC", "FAC")
# Head nouns that take away what their modifier names: "funding cuts" are no funding.
_UNDOING_HEADS = frozenset((
    "cut", "cutback", "freeze", "halt", "suspension", "reduction", "end", "pause", "withdrawal",
    "ban", "loss", "shortage", "cancellation", "termination",
))
_MODIFIER_DEPS = ("compound", "amod", "nmod")
# Entities whose inner words are part of a name.
_NAME_ENTS = frozenset(("ORG", "PERSON", "GPE", "FAC", "NORP"))


def term_matches(term: Term, token) -> bool:
    if "$place" in term.heads and token.ent_type_ in _PLACE_ENTS and not term.modifiers:
        return True
    if "$person" in term.heads and token.ent_type_ == "PERSON" and not term.modifiers:
        return True
    if "$org" in term.heads and token.ent_type_ == "ORG" and not term.modifiers:
        return True
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in term.heads:
        lemma = lemma[:-1]  # "the Abraham Accords": the tagger leaves a name's plural alone
    if lemma not in term.heads and token.lower_ not in term.heads:
        # "curfew hours", "alert level", "Hezbollah leader Hassan Nasrallah": a modifier can
        # carry the meaning, unless the head undoes it ("funding cuts", "an aid freeze").
        return not term.modifiers and lemma not in _UNDOING_HEADS and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in term.heads for c in token.children
        )
    if not term.modifiers:
        return True
    mods = {c.lemma_.lower() for c in token.children}
    # "search and rescue workers", "humanitarian and medical aid": coordinated modifiers.
    mods.update(g.lemma_.lower() for c in token.children if c.dep_ in _MODIFIER_DEPS
                for g in c.children if g.dep_ == "conj")
    return all(m in mods for m in term.modifiers)


def match(token, patterns: tuple[Pattern, ...], nominal: bool,
          addressed: bool = False) -> Pattern | None:
    """The most specific pattern whose conditions all hold for `token`. A complement counts
    when it states the speaker's own act, or, for a verb that addresses others (``addressed``:
    "demanded that the Philippines stop"), anyone's."""
    words = objs = preps = comps = None
    for pattern in patterns:
        if pattern.words:
            words = words if words is not None else context_words(token)
            if not all(w in words for w in pattern.words):
                continue
        if pattern.obj is not None:
            objs = objs if objs is not None else (noun_objects(token) if nominal else objects(token))
            if not any(term_matches(pattern.obj, o) for o in objs):
                continue
        if pattern.preps:
            preps = preps if preps is not None else prep_objects(token)
            if not all(any(p == prep and term_matches(term, o) for p, o in preps)
                       for prep, term in pattern.preps):
                continue
        if pattern.complements:
            comps = comps if comps is not None else [c for c in complements(token)
                                                     if addressed or own_clause(c)]
            lemmas = {c.lemma_.lower() for c in comps}
            if not all(c in lemmas for c in pattern.complements):
                continue
        return pattern
    return None


def lexical_match(token, lexicon: Lexicon) -> Pattern | None:
    """The token's own lexicon hit, verb or noun, ignoring what its complement says. A word
    inside a name ("the Committee to Protect Journalists", "the Rapid Support Forces") names,
    it does not act."""
    if token.ent_iob_ == "I" and token.ent_type_ in _NAME_ENTS:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        patterns = lexicon.user_forms.get(token.lower_) or lexicon.verbs.get(lemma)
        if not patterns:
            return None
        return match(token, patterns, nominal=False, addressed=lemma in lexicon.addressing)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
        patterns = lexicon.nouns.get(lemma)
        return match(token, patterns, nominal=True) if patterns else None
    return None


def is_event(pattern: Pattern | None) -> bool:
    return pattern is not None and pattern.code != NONE_CODE
