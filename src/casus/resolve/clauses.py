"""Which clause a phrase belongs to: the shared geometry of the date and place resolvers.

A date or place phrase belongs to an event when the phrase's chain of syntactic heads reaches
the event's anchor, or when both reach the same clause head. Clauses are bounded by the
dependencies that start a new finite or adverbial clause; an ``xcomp`` ("invited him to visit")
stays inside its governor's clause, so "on 4 February" under "visit" also dates "invited".
"""

from __future__ import annotations

from dataclasses import dataclass

# Dependencies whose dependent heads a clause of its own.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"})
VERBAL = frozenset({"VERB", "AUX"})
# Subordinators of a clause that goes on while its governor's act does ("as thousands
# marched"): it shares that act's day and place.
MEANWHILE = frozenset({"as", "while", "when"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# A noun on the way up that is not the anchor means the phrase describes that noun ("the
# anniversary of the 7 October attack"): it still counts, but after any direct attachment.
NOUN_DETOUR = 3

def is_clause_head(token) -> bool:
    if token.dep_ in CLAUSE_DEPS or token.head.i == token.i:
        return True
    if token.dep_ in {"conj", "pcomp", "acl"} and token.pos_ in VERBAL and not token.ent_type_:
        # (A name the tagger took for a verb, "in Sagaing", heads no clause.)
        # A conjoined verb with its own subject, or a verbal complement of a preposition or a
        # noun ("after meeting", "talks held in Doha"), reports an event of its own.
        return token.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in token.children)
    return False


def head_path(token, head=None) -> list:
    """The token and its heads, up to and including its clause head. ``head`` overrides the
    token's own parsed head (a resolver that knows better than the parser)."""
    if head is not None and head.i != token.i:
        return [token, *head_path(head)]
    path = [token]
    while not is_clause_head(path[-1]):
        path.append(path[-1].head)
    return path


def clause_head(token):
    return head_path(token)[-1]


@dataclass(frozen=True, slots=True)
class Attachment:
    """How a phrase hangs on an anchor: ``distance`` in dependency steps (smaller is closer)."""

    distance: int
    direct: bool


def attach(phrase_root, anchor, head=None) -> Attachment | None:
    """How the phrase headed by ``phrase_root`` attaches to ``anchor``'s clause, None if not."""
    path = head_path(phrase_root, head)
    detour = 0
    for steps, token in enumerate(path):
        if token.i == anchor.i:
            return Attachment(distance=steps + detour, direct=True)
        if steps and token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"pobj", "compound"}:
            detour = NOUN_DETOUR
    anchor_path = head_path(anchor)
    if anchor_path[-1].i != path[-1].i:
        return None
    return Attachment(distance=len(path) + len(anchor_path) - 2 + detour, direct=False)
