"""Participants: which tokens can name an actor, and the full noun phrase a head stands for."""

from __future__ import annotations

from casus.extract.lexicon import Lexicon
from casus.models import Mention
from casus.nlp import doc_text, entities

ACTOR_ENTS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
NON_ACTOR_ENTS = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"))
PERSONAL_PRONOUNS = frozenset(
    ("he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "it", "its", "their",
     "his", "our")
)
RELATIVE_PRONOUNS = frozenset(("who", "which", "that", "whom"))
# Dependents that belong to a noun phrase as written ("the Israeli Prime Minister Benjamin
# Netanyahu", "the president of France"); clauses, appositions and conjuncts do not.
_PHRASE_DEPS = frozenset(
    ("det", "amod", "compound", "poss", "case", "nummod", "nmod", "quantmod", "predet", "nn")
)
_CONTAINERS = frozenset(
    ("round", "wave", "series", "package", "set", "state", "number", "string", "spate", "string",
     "batch", "slew", "raft", "host", "flurry", "volley", "kind", "type", "lot", "hundred",
     "thousand", "million", "dozen", "ten", "score", "tonne", "ton", "shipment", "consignment",
     "cargo", "truckload", "load", "amount", "group", "pair", "couple", "handful", "campaign",
     "collection", "part", "portion", "share", "bulk", "rest", "remainder", "most", "much",
     "some", "all", "half")
)


def is_actor(token, lexicon: Lexicon) -> bool:
    """Can this head name a participant (a person, group, organisation or country)?"""
    if token.ent_type_ in NON_ACTOR_ENTS or token.like_num:
        return False
    if token.ent_type_ in ACTOR_ENTS:
        return True
    if token.pos_ == "PRON":
        return token.lower_ in PERSONAL_PRONOUNS
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.agent_nouns:
        return not _force_as_means(token)
    if token.pos_ == "NOUN" and token.is_upper and token.is_alpha and 2 <= len(token) <= 6:
        # "criticised ECOWAS": an acronym the tagger left a common noun; not a currency before
        # its amount ("USD 88,550,000").
        after = token.nbor() if token.i + 1 < len(token.doc) else None
        return after is None or not after.like_num
    return token.is_title and (_named_elsewhere(token) or _misread_subject(token)
                               or _bare_opening_subject(token))


def _force_as_means(token) -> bool:
    """"the use of force", "used military force": force with no article is a means, not a
    body of troops ("a multinational force", "Israeli forces")."""
    return token.tag_ == "NN" and token.lower_ == "force" and not any(
        c.dep_ in ("det", "poss") for c in token.children)


def _bare_opening_subject(token) -> bool:
    """A capitalised singular noun opening the sentence as its subject with no determiner:
    the tagger's misreading of a name ("Trump gave Hamas an ultimatum")."""
    return (token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NN" and token.is_sent_start
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children))


def _misread_subject(token) -> bool:
    """The name the parser made the root before a verb it read as an adjective ("Trump")."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return following is not None and misread_name(following) == token


def misread_adjective(verb) -> bool:
    """A past verb the parser tagged as an adjective of a noun though it is the clause's verb:
    it has a subject of its own ("Belarus jailed opposition activist X"), or it follows the
    name the parser took for something else (``misread_name``)."""
    if verb.dep_ != "amod" or verb.tag_ not in ("VBN", "VBD"):
        return False
    return (any(c.dep_ == "nsubj" for c in verb.children) or misread_name(verb) is not None
            or misread_conjunct(verb) is not None)


def misread_conjunct(verb):
    """The verb a second past verb is conjoined to, when the parser read it as an adjective of
    its object and the object as the conjunct ("rejected the results and boycotted
    parliament"): an "and" right before it, a bare noun after it."""
    noun = verb.head
    if (verb.dep_ != "amod" or noun.dep_ != "conj" or noun.head.pos_ != "VERB"
            or verb.i == 0 or verb.doc[verb.i - 1].dep_ != "cc"
            or any(c.dep_ in ("det", "poss") for c in noun.children)):
        return None
    return noun.head


def misread_name(verb):
    """The capitalised word right before a past verb the parser read as an adjective of the
    noun after it, when that word is really the subject: the parser made the word the root and
    the noun its "object" ("Trump imposed tariffs on Canada"; a noun root with a direct object
    is itself a misparse), or made the noun the root of a verbless sentence with the word its
    modifier ("Trump suspended military aid to Ukraine")."""
    if verb.dep_ != "amod" or verb.tag_ not in ("VBN", "VBD") or verb.i == 0:
        return None
    root = verb.sent.root
    subject = _purpose_root_subject(verb, root)
    if subject is not None:
        return subject
    if (root.pos_ in ("NOUN", "PROPN") and root.i < verb.i
            and not any(t.pos_ in ("VERB", "AUX") and t.i != verb.i for t in verb.sent)):
        # "Georgian authorities on Saturday jailed opposition leader Nika Melia": a sentence
        # the parser left without a verb has this one, and its root noun is the subject.
        return root
    noun, name = verb.head, _subject_phrase_head(verb)
    if name.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or not name.text[:1].isupper():
        return None
    if noun.dep_ in ("dobj", "appos") and noun.head == name and name.dep_ == "ROOT":
        return name
    if noun.dep_ == "ROOT" and name.head == noun and name.dep_ in ("nmod", "compound", "amod"):
        return name
    return None


def _purpose_root_subject(verb, root):
    """"Lawyers in Lahore boycotted court proceedings on Monday to protest against a law": the
    parser read the past verb as an adjective inside the subject's phrase and made the purpose
    infinitive the root, with the subject its own. A past form inside that subject's phrase,
    the sentence's only other verb, is the clause's verb when it is tagged past or follows a
    noun ("in Lahore boycotted", "in Punjab province boycotted"); a headline's "workers in
    affected regions to strike" is not."""
    if root.tag_ != "VB" or root.i < verb.i:
        return None
    if verb.tag_ != "VBD" and verb.doc[verb.i - 1].pos_ not in ("PROPN", "NOUN"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not subject.is_ancestor(verb):
        return None
    others = [t for t in verb.sent if t.pos_ in ("VERB", "AUX") and t.i not in (verb.i, root.i)
              and t.dep_ != "aux"]
    return subject if not others else None


def purpose_root_verb(root):
    """The past verb a purpose infinitive the parser made the root serves (see
    ``_purpose_root_subject``), or None."""
    if root.dep_ != "ROOT" or root.tag_ != "VB":
        return None
    return next((t for t in root.sent if t.dep_ == "amod" and t.i < root.i
                 and _purpose_root_subject(t, root) is not None), None)


def _subject_phrase_head(verb):
    """The word before the verb, or the root whose phrase runs up to the verb ("Police in
    Tbilisi used water cannon": "Police", the parser's root, with "in Tbilisi")."""
    before = verb.doc[verb.i - 1]
    root = before.sent.root
    if root.i < before.i and all(root.is_ancestor(t) for t in verb.doc[root.i + 1 : verb.i]):
        return root
    return before


def _named_elsewhere(token) -> bool:
    """A capitalised word the tagger missed ("Starmer later spoke") that the document names
    as a person or organisation elsewhere ("Keir Starmer hosted ...")."""
    return any(
        ent.label_ in ("PERSON", "ORG") and token.text in ent.text.split() for ent in entities(token.doc)
    )


def through_container(token):
    """Look through quantity nouns: "a new round of sanctions" -> sanctions."""
    for _ in range(3):
        inner = _contained(token) if token.lemma_.lower() in _CONTAINERS else None
        if inner is None:
            return token
        token = inner
    return token


def contained_by(token):
    """The quantity noun a word is the content of, outermost first: "protests" in "a wave of
    protests" -> "wave"; the word itself when it is in none."""
    for _ in range(3):
        prep = token.head
        if not (token.dep_ == "pobj" and prep.lower_ == "of"
                and prep.head.lemma_.lower() in _CONTAINERS):
            return token
        token = prep.head
    return token


def _contained(token):
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def conjuncts(token, cap: int = 4) -> list:
    """The head and the heads coordinated with it ("Israel and Hamas"), at most `cap`."""
    out = [token]
    frontier = [token]
    while frontier and len(out) < cap:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") and len(out) < cap:
                out.append(child)
                frontier.append(child)
    if len(out) > 1:
        stolen = _stolen_subject_start(out)
        if stolen is not None:
            out = [c for c in out if c.i < stolen]
    return out


def _stolen_subject_start(chain: list) -> int | None:
    """"killing 18 civilians, witnesses and a health worker said": a main verb right after the
    chain with no subject of its own lost it to the chain; it begins after the chain's last
    comma ("witnesses"), or None."""
    doc = chain[0].doc
    end = max(c.right_edge.i for c in chain) + 1
    if end >= len(doc):
        return None
    verb = doc[end]
    if verb.dep_ != "ROOT" or verb.pos_ != "VERB" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    commas = [i for i in range(chain[0].i, end) if doc[i].text == ","]
    return commas[-1] if commas else None


# Parts of a group whose own "of" phrase names the group: "a leader of a faction of the
# Sinaloa Cartel", "a commander of the armed wing of Hamas".
_PART_OF_GROUP = frozenset(("faction", "wing", "branch", "unit", "cell", "arm", "splinter"))


def phrase_tokens(head) -> list:
    """The tokens of the noun phrase headed by `head`, without clauses, appositions, conjuncts."""
    keep = [head]
    stack = [head]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "amod" and misread_adjective(child):
                continue  # "jailed opposition leader X": the verb is not part of the name
            if child.dep_ in _PHRASE_DEPS or (
                child.dep_ == "prep" and child.lower_ == "of"
                and (current is head or current.lemma_.lower() in _PART_OF_GROUP)
                and _of_belongs(current, child)
            ) or (child.dep_ == "pobj" and current.dep_ == "prep" and current.lower_ == "of"):
                keep.append(child)
                stack.append(child)
    return keep


def _name_around(head):
    """The organisation name a head lies inside, when the name runs past the head's own phrase
    ("Committee" in "the Committee to Protect Journalists")."""
    if head.ent_type_ != "ORG":
        return None
    return next((ent for ent in entities(head.doc) if ent.start <= head.i < ent.end
                 and len(ent) > 1), None)


def _of_belongs(head, prep) -> bool:
    """"the president of France", "the Prince of Wales" name one actor; "convicted Sam
    Bankman-Fried of fraud" hangs the charge on the name; "accused officials of stalling" a
    clause, not a noun."""
    if not any(o.dep_ == "pobj" for o in prep.children):
        return False
    if head.pos_ != "PROPN":
        return True
    return any(o.pos_ == "PROPN" or o.ent_type_ for o in prep.children if o.dep_ == "pobj")


def mention(head) -> Mention:
    """The full noun phrase of `head` as a Mention (char offsets into the document text)."""
    tokens = phrase_tokens(head)
    first = min(token.i for token in tokens)
    last = max(token.i for token in tokens)
    doc = head.doc
    name = _name_around(head)
    if name is not None:
        # "The Committee to Protect Journalists": a name the parser split into a clause.
        first, last = min(first, name.start), max(last, name.end - 1)
    while last > head.i and (doc[last].is_punct or doc[last].dep_ == "case"):
        last -= 1
    while first < head.i and doc[first].is_punct:
        first += 1
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    return Mention(text=doc_text(doc)[start:end], start=start, end=end, head=head.i)
