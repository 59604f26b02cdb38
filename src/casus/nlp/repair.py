"""Repairs of one tagging error of the small English model that costs whole events.

The model reads some past verbs after a sentence-opening name as adjectives of the noun that
follows ("Trump paused military aid to Ukraine": "Trump" the root, "paused" an adjective of
"aid"), and gives them the adjective's lemma ("paused") or a bare verb's tag ("cut"), so neither
the verb lexicon nor the extractor's reading of that shape finds them. Where the
parse has that shape, the word is re-tagged as the past verb it is (VBD, VERB) and lemmatised as
a verb; the dependency arcs are left as they are, for the extractor reads that shape itself
(``casus.extract.mentions.misread_name``).
"""

from __future__ import annotations

from spacy.language import Language

from casus.nlp.components import shipped

_PAST_TAG, _PAST_MORPH = "VBD", "Tense=Past|VerbForm=Fin"


class MisreadPastVerbs:
    """Re-tags words standing where a sentence-opening name's past verb belongs."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer

    def __call__(self, doc):
        for token in doc:
            if _misread_tag(token) and _after_subject(token):
                token.tag_, token.pos_ = _PAST_TAG, "VERB"
                token.set_morph(_PAST_MORPH)
                token.lemma_ = self.lemmatizer.rule_lemmatize(token)[0]
        return doc


def _misread_tag(token) -> bool:
    """An "-ed" adjective, or a bare verb form that is also its own past ("cut", "hit")."""
    return (token.tag_ == "JJ" and token.lower_.endswith("ed")) or token.tag_ == "VB"


def _after_subject(token) -> bool:
    """An adjective of a noun, right after the capitalised word that opens its sentence, where
    that word is the root and the noun its "object", or the noun is a verbless root and the word
    its modifier: the shapes the parser gives "Name <past verb> <adjective> <noun>"."""
    if token.dep_ != "amod" or token.i == 0:
        return False
    name, noun = token.doc[token.i - 1], token.head
    if not name.is_sent_start or not name.text[:1].isupper() or noun.i <= token.i:
        return False
    if name.dep_ == "ROOT" and noun.dep_ == "dobj" and noun.head == name:
        return True
    return noun.dep_ == "ROOT" and name.head == noun and name.dep_ in ("nmod", "compound", "amod")


# No annotations on the factory: spaCy validates them as pydantic fields, which this module's
# postponed annotations would leave unresolved.
@Language.factory("casus_misread_past_verbs")
def _make(nlp, name):
    return MisreadPastVerbs(_rule_lemmatizer(nlp))


def _rule_lemmatizer(nlp: Language):
    """The model's rule lemmatizer (kept under another name where casus stands in for it)."""
    if "lemmatizer" not in nlp.component_names:
        return None
    pipe = shipped(nlp, "lemmatizer")
    if getattr(pipe, "mode", None) == "rule" and hasattr(pipe, "rule_lemmatize"):
        return pipe
    return None


def install(nlp: Language) -> Language:
    """Add the repair after the lemmatizer of a pipeline with a rule lemmatizer."""
    if "lemmatizer" in nlp.pipe_names and _rule_lemmatizer(nlp) is not None:
        nlp.add_pipe("casus_misread_past_verbs", after="lemmatizer")
    return nlp
