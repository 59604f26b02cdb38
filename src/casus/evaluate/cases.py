"""What an evaluation set expects: cases, and expected events as CONTRACT fragments.

A fragment checks only what it gives. An actor side that is given as ``null`` must be empty; one
that is left out is not checked. Matching a produced event against a fragment lives here too, so
the golden test, the scorer and ``--explain`` agree on what "right" means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from casus.models import Actor, Event, Place

# Words too common to show that two actor mentions name the same participant.
_FILLER = frozenset({"the", "a", "an", "of", "and", "s", "in", "on", "for", "to", "its", "their"})
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """What an expected actor must be. ``absent`` says the side must have no actor at all.

    ``names`` are compared whole (case-insensitive) with the actor's name; ``texts`` only need to
    share a content word with the actor's mention or name, because sets mark spans differently.
    """

    country: str | None = None
    role: str | None = None
    code: str | None = None
    kind: str | None = None
    names: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    absent: bool = False

    def agrees(self, actor: Actor | None) -> bool:
        if self.absent or actor is None:
            return self.absent and actor is None
        return all(check(actor) for check in self._checks())

    def agrees_on(self, attribute: str, actor: Actor | None) -> bool:
        """Whether one attribute (``country`` or ``role``) is right."""
        if actor is None:
            return False
        return _same(getattr(self, attribute), getattr(actor, attribute))

    def _checks(self):
        if self.country is not None:
            yield lambda a: _same(self.country, a.country)
        if self.role is not None:
            yield lambda a: _same(self.role, a.role)
        if self.code is not None:
            yield lambda a: _same(self.code, a.code)
        if self.kind is not None:
            yield lambda a: _same(self.kind, a.kind)
        if self.names:
            yield lambda a: fold_name(a.name) in {fold_name(n) for n in self.names}
        if self.texts:
            yield lambda a: _overlaps(self.texts, (a.text, a.name))

    def describe(self, quote: bool = True) -> str:
        """A short label; ``quote=False`` leaves out words taken from the text."""
        if self.absent:
            return "(none)"
        parts = [self.code or "", self.country or "", self.role or ""]
        head = "/".join(p for p in parts if p)
        named = " | ".join(self.names + self.texts) if quote else ""
        return " ".join(p for p in (head, f"'{named}'" if named else "") if p) or "(any)"


@dataclass(frozen=True, slots=True)
class PlaceSpec:
    names: tuple[str, ...] = ()
    country: str | None = None
    absent: bool = False

    def agrees(self, place: Place | None) -> bool:
        if self.absent or place is None:
            return self.absent and place is None
        if self.country is not None and not _same(self.country, place.country):
            return False
        return not self.names or fold_name(place.name) in {fold_name(n) for n in self.names}

    def describe(self) -> str:
        if self.absent:
            return "(none)"
        return "/".join(p for p in (" | ".join(self.names), self.country or "") if p)


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    """One expected event. ``cameo`` holds alternatives: any one of them may be produced.

    A two-digit alternative checks only the root; the full-code figure counts an expected event
    only when it gives at least one longer code. ``date`` is a prefix of the ISO date, so
    ``"2025-02"`` accepts any day of that month; ``date_absent`` says the date must be null.
    """

    cameo: tuple[str, ...] = ()
    plover: str | None = None
    mode: str | None = None
    date: str | None = None
    date_absent: bool = False
    date_precision: str | None = None
    source: ActorSpec | None = None
    target: ActorSpec | None = None
    location: PlaceSpec | None = None

    def gives(self, figure: str) -> bool:
        """Whether this fragment says anything about ``figure`` (see ``FIELD_FIGURES``)."""
        return _GIVES[figure](self)

    def agrees(self, figure: str, event: Event) -> bool:
        return _AGREES[figure](self, event)

    def satisfied_by(self, event: Event) -> bool:
        """Every field the fragment gives is right."""
        return all(self.agrees(f, event) for f in FIELD_FIGURES if self.gives(f))

    @property
    def roots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code[:2] for code in self.cameo))

    def describe(self, quote: bool = True) -> str:
        parts = [
            self.source.describe(quote) if self.source else "?",
            "->",
            self.target.describe(quote) if self.target else "?",
            "/".join(self.cameo) or "-",
            self.plover or "",
            self.mode or "",
            f"date {self.date}" if self.date else ("date (none)" if self.date_absent else ""),
            f"({self.date_precision})" if self.date_precision else "",
            f"at {self.location.describe()}" if self.location else "",
        ]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Case:
    """One evaluation item: a text, when it was published, and what casus should make of it.

    ``optional`` events may be produced or not: a produced event left over that meets one is
    ignored. ``forbid`` events must not be produced: a left-over event that meets one is an
    error, reported apart. ``label`` is set for classification sets (confli_cameo) instead of
    ``events``. ``dictionaries`` are extra actor dictionaries the case needs (absolute paths).
    ``group`` is where the case comes from within its set (a golden file, a PETRARCH category).
    """

    set: str
    id: str
    text: str
    published: date | None = None
    events: tuple[ExpectedEvent, ...] = ()
    label: int | None = None
    dictionaries: tuple[str, ...] = ()
    note: str = ""
    optional: tuple[ExpectedEvent, ...] = ()
    forbid: tuple[ExpectedEvent, ...] = ()
    group: str = ""


def describe_event(event: Event, quote: bool = True) -> str:
    """One line for a produced event, in the same shape as ``ExpectedEvent.describe``."""
    place = f"at {event.location.name}/{event.location.country or ''}" if event.location else ""
    parts = [
        _actor_label(event.source, quote),
        "->",
        _actor_label(event.target, quote),
        event.cameo,
        event.plover,
        event.mode,
        f"date {event.date}" if event.date else "",
        place,
        f"({event.confidence:.2f})",
    ]
    return " ".join(p for p in parts if p)


def _actor_label(actor: Actor | None, quote: bool) -> str:
    if actor is None:
        return "(none)"
    return f"{actor.code or '-'} '{actor.text}'" if quote else actor.code or "-"


def fold_name(name: str) -> str:
    """Names compare after case folding, without accents and with whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _same(expected: str | None, produced: str | None) -> bool:
    return expected is not None and produced is not None and expected.upper() == produced.upper()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _FILLER}


def _overlaps(expected: tuple[str, ...], produced: tuple[str, ...]) -> bool:
    got = set().union(*(_words(t) for t in produced if t))
    return any(_words(text) & got for text in expected)


def _code_given(e: ExpectedEvent) -> bool:
    return any(len(code) > 2 for code in e.cameo)


def _code_agrees(e: ExpectedEvent, event: Event) -> bool:
    # A root alternative accepts any code under it; a longer one must be produced exactly.
    return any(event.cameo == code or (len(code) == 2 and event.root == code) for code in e.cameo)


def _date_agrees(e: ExpectedEvent, event: Event) -> bool:
    if e.date_absent:
        return event.date is None
    return event.date is not None and event.date.startswith(e.date or "")


def _dyad_agrees(e: ExpectedEvent, event: Event) -> bool:
    return all(
        spec is None or spec.agrees(actor)
        for spec, actor in ((e.source, event.source), (e.target, event.target))
    )


# Every field figure: whether a fragment gives it, and whether a produced event gets it right.
# "dyad" is the PETRARCH notion of a correct coding: root, source and target all right;
# "dyad_code" asks for the full code instead of the root.
_GIVES = {
    "root": lambda e: bool(e.cameo),
    "code": _code_given,
    "plover": lambda e: e.plover is not None,
    "mode": lambda e: e.mode is not None,
    "source": lambda e: e.source is not None,
    "target": lambda e: e.target is not None,
    "date": lambda e: e.date is not None or e.date_absent,
    "date_precision": lambda e: e.date_precision is not None,
    "location": lambda e: e.location is not None,
    "dyad": lambda e: bool(e.cameo) and e.source is not None and e.target is not None,
    "dyad_code": lambda e: _code_given(e) and e.source is not None and e.target is not None,
}
_AGREES = {
    "root": lambda e, ev: ev.root in e.roots,
    "code": _code_agrees,
    "plover": lambda e, ev: ev.plover == e.plover,
    "mode": lambda e, ev: ev.mode == e.mode,
    "source": lambda e, ev: e.source is not None and e.source.agrees(ev.source),
    "target": lambda e, ev: e.target is not None and e.target.agrees(ev.target),
    "date": _date_agrees,
    "date_precision": lambda e, ev: ev.date_precision == e.date_precision,
    "location": lambda e, ev: e.location is not None and e.location.agrees(ev.location),
    "dyad": lambda e, ev: ev.root in e.roots and _dyad_agrees(e, ev),
    "dyad_code": lambda e, ev: _code_agrees(e, ev) and _dyad_agrees(e, ev),
}
FIELD_FIGURES = tuple(_GIVES)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What casus made of one case: its events, or why the document was rejected."""

    case: Case
    events: tuple[Event, ...] = ()
    rejected: str | None = None
