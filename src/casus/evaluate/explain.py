"""``casus eval --explain ID``: everything casus did with one evaluation case.

The parse (token, dependency, head, part of speech, entity), the extractor's trace (frames,
lexicon entries and rules that fired, and why each candidate was kept or dropped), the resolved
events and the expected ones, with the verdict the scorer would give.
"""

from __future__ import annotations

from dataclasses import dataclass

from casus.evaluate.cases import Case, describe_event
from casus.evaluate.matching import case_passes
from casus.evaluate.scoring import CLASS_NAMES, predicted_class
from casus.models import Document, Event
from casus.nlp import parse_one


@dataclass(frozen=True, slots=True)
class Token:
    index: int
    text: str
    dep: str
    head: int
    pos: str
    ent: str


@dataclass(frozen=True, slots=True)
class Explanation:
    case: Case
    tokens: tuple[Token, ...]
    trace: tuple[str, ...]
    events: tuple[Event, ...]
    expected: tuple[str, ...]
    verdict: str

    def produced(self) -> tuple[str, ...]:
        return tuple(describe_event(e) for e in self.events) or ("(no event)",)


def explain_case(case: Case, pipeline) -> Explanation:
    """Run one case through ``pipeline``'s stages one by one, keeping the extractor's trace."""
    document = Document(id=f"{case.set}/{case.id}", text=case.text, published=case.published)
    parsed = parse_one(pipeline.nlp, document)
    trace: list[str] = []
    extraction = pipeline.extractor.extract(parsed, trace=trace)
    events = tuple(pipeline.resolver(extraction).events)
    return Explanation(
        case=case,
        tokens=tuple(_token(t) for t in parsed.doc),
        trace=tuple(trace),
        events=events,
        expected=_expected(case),
        verdict=_verdict(case, events),
    )


def _token(token) -> Token:
    entity = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else ""
    return Token(token.i, token.text, token.dep_, token.head.i, token.pos_, entity)


def _expected(case: Case) -> tuple[str, ...]:
    if case.label is not None:
        return (f"class {CLASS_NAMES[case.label]}",)
    lines = [e.describe() for e in case.events] or ["(no event)"]
    lines += [f"optional: {e.describe()}" for e in case.optional]
    lines += [f"forbidden: {e.describe()}" for e in case.forbid]
    return tuple(lines)


def _verdict(case: Case, events: tuple[Event, ...]) -> str:
    if case.label is not None:
        got = predicted_class(events)
        outcome = "right" if got == case.label else "wrong"
        return f"{outcome}: the strongest event gives class {CLASS_NAMES[got]}"
    if case_passes(case, events):
        return "pass: every expected event is met in every field it gives"
    return "fail: some expected event is missing or wrong (or an event was produced for none)"
