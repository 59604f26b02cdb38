"""Pairing expected events with produced ones, within one case.

Two pairings, for two questions:

- ``align`` (was the event found, and which fields are right?) is greedy and deterministic.
  Every (expected, produced) pair gets a key: does the event type agree (the CAMEO root when the
  fragment gives a code, else the PLOVER type), how many sides of the dyad agree, does the full
  code agree, how many fields agree in all. Pairs are taken best key first (ties by position),
  each event at most once. A pair is eligible only when the type or at least one side of the
  dyad agrees, so an unrelated event in the same text is not counted as found; a fragment that
  gives neither type nor actors may pair with any event.
- ``full_matching`` (is the event right in every field given?) pairs an expected event only
  with a produced event that satisfies all its fields, and takes a maximum matching.

Produced events left over are then sorted: one that meets a ``forbid`` fragment is an error, one
that meets an ``optional`` fragment is ignored, any other is a false positive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casus.evaluate.cases import FIELD_FIGURES, Case, ExpectedEvent
from casus.models import Event


def align(
    expected: Sequence[ExpectedEvent], produced: Sequence[Event]
) -> list[tuple[int, int]]:
    """Pairs of (expected index, produced index), in expected order."""
    ranked = []
    for i, want in enumerate(expected):
        for j, event in enumerate(produced):
            key = _pair_key(want, event)
            if key is not None:
                ranked.append((key, i, j))
    ranked.sort(key=lambda item: (tuple(-k for k in item[0]), item[1], item[2]))
    taken_e: set[int] = set()
    taken_p: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in taken_e and j not in taken_p:
            taken_e.add(i)
            taken_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _pair_key(want: ExpectedEvent, event: Event) -> tuple[int, ...] | None:
    type_ok = _type_agrees(want, event)
    sides = sum(
        1 for figure in ("source", "target") if want.gives(figure) and want.agrees(figure, event)
    )
    untyped = not (want.cameo or want.plover or want.source or want.target)
    if not (type_ok or sides or untyped):
        return None
    code_ok = want.gives("code") and want.agrees("code", event)
    fields = sum(1 for f in FIELD_FIGURES if want.gives(f) and want.agrees(f, event))
    return (int(type_ok), sides, int(code_ok), fields)


def _type_agrees(want: ExpectedEvent, event: Event) -> bool:
    if want.cameo:
        return want.agrees("root", event)
    return want.plover is not None and want.agrees("plover", event)


def full_matching(
    expected: Sequence[ExpectedEvent], produced: Sequence[Event]
) -> list[tuple[int, int]]:
    """A maximum matching of expected events to produced events that satisfy them entirely."""
    options = [
        [j for j, event in enumerate(produced) if want.satisfied_by(event)] for want in expected
    ]
    owner: dict[int, int] = {}
    for i in range(len(expected)):
        _augment(i, options, owner, set())
    return sorted((i, j) for j, i in owner.items())


def _augment(i: int, options: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    # Kuhn's augmenting path: cases hold a handful of events, so this is instant.
    for j in options[i]:
        if j in seen:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], options, owner, seen):
            owner[j] = i
            return True
    return False


@dataclass(frozen=True, slots=True)
class Leftovers:
    """Produced events no expected event took: errors, forbidden errors, and ignored ones."""

    false: tuple[int, ...]
    forbidden: tuple[int, ...]
    ignored: tuple[int, ...]
    broken_forbids: int

    @property
    def errors(self) -> tuple[int, ...]:
        return tuple(sorted(self.false + self.forbidden))


def leftovers(case: Case, produced: Sequence[Event], paired: set[int]) -> Leftovers:
    false, forbidden, ignored = [], [], []
    broken = set()
    for j, event in enumerate(produced):
        if j in paired:
            continue
        hits = [k for k, bad in enumerate(case.forbid) if bad.satisfied_by(event)]
        if hits:
            forbidden.append(j)
            broken.update(hits)
        elif any(ok.satisfied_by(event) for ok in case.optional):
            ignored.append(j)
        else:
            false.append(j)
    return Leftovers(tuple(false), tuple(forbidden), tuple(ignored), len(broken))


def case_passes(case: Case, produced: Sequence[Event]) -> bool:
    """Each expected event is met, in every field it gives, by an event of its own; no event
    meets a ``forbid`` fragment; and a case that expects no event gets none (optional ones
    aside). Other extra events do not fail a case: the figures count them.
    """
    pairs = full_matching(case.events, produced)
    if len(pairs) < len(case.events):
        return False
    rest = leftovers(case, produced, {j for _, j in pairs})
    return not rest.forbidden and (bool(case.events) or not rest.false)
