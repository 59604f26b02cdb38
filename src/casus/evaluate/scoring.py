"""Figures for one evaluation set: precision, recall and F1 per field, accuracies, confusions.

Event sets (golden, petr_unit, plover_gsr) are scored by pairing expected and produced events in
each case (see ``matching``). ``full`` counts an expected event as found only when one produced
event is right in every field it gives. The other figures use the alignment by type and dyad:
for a field such as ``root``, a pair whose expected fragment gives the field is a true positive
when the produced event gets it right, and both a false positive and a false negative when it
gets it wrong; an expected event left unpaired is a false negative; a produced event left over
is a false positive unless it meets an ``optional`` fragment. A field no case of the set gives
is not scored.

Classification sets (confli_cameo) take the strongest produced event of each sentence as its class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from casus.evaluate.cases import (
    FIELD_FIGURES,
    ExpectedEvent,
    Outcome,
    describe_event,
)
from casus.evaluate.matching import Leftovers, align, case_passes, full_matching, leftovers
from casus.models import Event

NO_EVENT = "--"
WORST_MISSES = 10
# A missed or spurious event ranks above any number of wrong fields on a found one.
UNPAIRED_WEIGHT = 100


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass(frozen=True, slots=True)
class Miss:
    """A case casus got wrong, for the report: ``errors`` ranks how wrong.

    ``detail`` says what a classification set expected and got, where events cannot.
    """

    case_id: str
    text: str
    errors: int
    expected: tuple[ExpectedEvent, ...] = ()
    produced: tuple[Event, ...] = ()
    detail: tuple[str, ...] = ()

    def lines(self, quote: bool = True) -> list[str]:
        """What was expected and produced; ``quote=False`` leaves out words of the text."""
        if self.detail:
            return list(self.detail)
        want = [e.describe(quote) for e in self.expected] or ["(no event)"]
        got = [describe_event(e, quote) for e in self.produced] or ["(no event)"]
        return [f"expected {w}" for w in want] + [f"produced {g}" for g in got]


@dataclass(frozen=True, slots=True)
class SetScore:
    """Everything measured on one set. ``figures`` are the numbers the gate pins."""

    name: str
    cases: int
    expected: int
    produced: int
    figures: tuple[tuple[str, float], ...]
    prf: tuple[tuple[str, Counts], ...] = ()
    accuracies: tuple[tuple[str, Ratio], ...] = ()
    confusion: tuple[tuple[str, str, int], ...] = ()
    misses: tuple[Miss, ...] = ()
    notes: tuple[str, ...] = ()
    breakdowns: tuple[tuple[str, tuple[tuple[str, Counts], ...]], ...] = ()

    def figure(self, name: str) -> float | None:
        return dict(self.figures).get(name)


# Accuracies over paired events: whether the fragment gives it, and whether the event has it right.
_ACCURACIES: tuple[tuple[str, Callable, Callable], ...] = (
    ("source_country", lambda e: _gives_attr(e.source, "country"),
     lambda e, ev: e.source.agrees_on("country", ev.source)),
    ("source_role", lambda e: _gives_attr(e.source, "role"),
     lambda e, ev: e.source.agrees_on("role", ev.source)),
    ("target_country", lambda e: _gives_attr(e.target, "country"),
     lambda e, ev: e.target.agrees_on("country", ev.target)),
    ("target_role", lambda e: _gives_attr(e.target, "role"),
     lambda e, ev: e.target.agrees_on("role", ev.target)),
    ("mode", lambda e: e.gives("mode"), lambda e, ev: e.agrees("mode", ev)),
    ("date", lambda e: e.gives("date"), lambda e, ev: e.agrees("date", ev)),
    ("location", lambda e: e.gives("location"), lambda e, ev: e.agrees("location", ev)),
)


def _gives_attr(spec, attribute: str) -> bool:
    return spec is not None and not spec.absent and getattr(spec, attribute) is not None


def score_events(name: str, outcomes: Sequence[Outcome], notes: Iterable[str] = ()) -> SetScore:
    """Score an event set; see the module docstring for the counting rules."""
    counts: dict[str, Counts] = {f: Counts() for f in ("full", "event", *FIELD_FIGURES)}
    accuracy: dict[str, Ratio] = {label: Ratio() for label, _, _ in _ACCURACIES}
    confusion: Counter[tuple[str, str]] = Counter()
    breakdown: dict[str, Counter[tuple[str, str]]] = {b: Counter() for b in _BREAKDOWNS}
    passed = forbids_kept = Ratio()
    misses = []
    for outcome in outcomes:
        case, produced = outcome.case, outcome.events
        expected = case.events
        pairs = align(expected, produced)
        rest = leftovers(case, produced, {j for _, j in pairs})
        for figure, case_counts in _case_counts(expected, produced, pairs, rest).items():
            counts[figure] += case_counts
        full = full_matching(expected, produced)
        full_rest = leftovers(case, produced, {j for _, j in full})
        counts["full"] += Counts(len(full), len(full_rest.errors), len(expected) - len(full))
        _count_breakdowns(breakdown, outcome, full, full_rest)
        forbids_kept += Ratio(len(case.forbid) - full_rest.broken_forbids, len(case.forbid))
        for label, gives, agrees in _ACCURACIES:
            accuracy[label] += Ratio(
                sum(1 for i, j in pairs if gives(expected[i]) and agrees(expected[i], produced[j])),
                sum(1 for i, _ in pairs if gives(expected[i])),
            )
        confusion.update(_root_confusion(expected, produced, pairs, rest))
        ok = case_passes(case, produced)
        passed += Ratio(int(ok), 1)
        if not ok:
            misses.append(_miss(outcome, pairs, rest))
    given = {f for f in FIELD_FIGURES if any(e.gives(f) for o in outcomes for e in o.case.events)}
    prf = tuple((f, c) for f, c in counts.items() if f in ("full", "event") or f in given)
    accuracies = (("case_pass", passed),) + tuple(
        (label, ratio)
        for label, ratio in (*accuracy.items(), ("forbid_kept", forbids_kept))
        if ratio.total
    )
    return SetScore(
        name=name,
        cases=len(outcomes),
        expected=sum(len(o.case.events) for o in outcomes),
        produced=sum(len(o.events) for o in outcomes),
        figures=_prf_figures(prf) + tuple((f"{k}.accuracy", r.value) for k, r in accuracies),
        prf=prf,
        accuracies=accuracies,
        confusion=_sorted_confusion(confusion) if "root" in given else (),
        misses=_worst(misses),
        notes=tuple(notes) + _rejected_note(outcomes),
        breakdowns=_breakdown_tables(breakdown),
    )


def _case_counts(
    expected: Sequence[ExpectedEvent],
    produced: Sequence[Event],
    pairs: list[tuple[int, int]],
    rest: Leftovers,
) -> dict[str, Counts]:
    paired_e = {i for i, _ in pairs}
    spare = len(rest.errors)
    out = {"event": Counts(len(pairs), spare, len(expected) - len(pairs))}
    for figure in FIELD_FIGURES:
        right = sum(
            1 for i, j in pairs if expected[i].gives(figure)
            and expected[i].agrees(figure, produced[j])
        )
        wrong = sum(1 for i, _ in pairs if expected[i].gives(figure)) - right
        unpaired = sum(
            1 for i, e in enumerate(expected) if i not in paired_e and e.gives(figure)
        )
        out[figure] = Counts(right, wrong + spare, wrong + unpaired)
    return out


# The full-match figure broken down: by the case's group (golden file), by root, by mode.
_BREAKDOWNS = ("group", "root", "mode")
_OPEN = "(open)"


def _count_breakdowns(
    tables: dict[str, Counter[tuple[str, str]]],
    outcome: Outcome,
    full: list[tuple[int, int]],
    rest: Leftovers,
) -> None:
    case, produced = outcome.case, outcome.events
    matched = {i for i, _ in full}
    for i, want in enumerate(case.events):
        kind = "tp" if i in matched else "fn"
        keys = {"group": case.group, "root": want.roots[0] if want.roots else _OPEN,
                "mode": want.mode or _OPEN}
        for table, key in keys.items():
            tables[table][(key, kind)] += 1
    for j in rest.errors:
        event = produced[j]
        keys = {"group": case.group, "root": event.root, "mode": event.mode}
        for table, key in keys.items():
            tables[table][(key, "fp")] += 1


def _breakdown_tables(
    tables: dict[str, Counter[tuple[str, str]]],
) -> tuple[tuple[str, tuple[tuple[str, Counts], ...]], ...]:
    out = []
    for table, cells in tables.items():
        keys = sorted({key for key, _ in cells})
        rows = tuple(
            (key, Counts(cells[(key, "tp")], cells[(key, "fp")], cells[(key, "fn")]))
            for key in keys
        )
        if len(rows) > 1 or (rows and table != "group"):
            out.append((table, rows))
    return tuple(out)


def _root_confusion(expected, produced, pairs, rest: Leftovers) -> Counter[tuple[str, str]]:
    cells: Counter[tuple[str, str]] = Counter()
    paired_e = {i for i, _ in pairs}
    for i, j in pairs:
        if expected[i].cameo:
            roots = expected[i].roots
            got = produced[j].root
            cells[(got if got in roots else roots[0], got)] += 1
    for i, want in enumerate(expected):
        if i not in paired_e and want.cameo:
            cells[(want.roots[0], NO_EVENT)] += 1
    for j in rest.errors:
        cells[(NO_EVENT, produced[j].root)] += 1
    return cells


def _sorted_confusion(cells: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    return tuple(sorted(((e, p, n) for (e, p), n in cells.items()), key=lambda c: (c[0], c[1])))


def _miss(outcome: Outcome, pairs: list[tuple[int, int]], rest: Leftovers) -> Miss:
    expected, produced = outcome.case.events, outcome.events
    wrong_fields = sum(
        1 for i, j in pairs for f in FIELD_FIGURES
        if expected[i].gives(f) and not expected[i].agrees(f, produced[j])
    )
    unpaired = len(expected) - len(pairs) + len(rest.errors)
    return Miss(
        case_id=outcome.case.id,
        text=outcome.case.text,
        errors=UNPAIRED_WEIGHT * unpaired + wrong_fields,
        expected=tuple(expected),
        produced=tuple(produced),
    )


def _worst(misses: list[Miss]) -> tuple[Miss, ...]:
    # Stable sort keeps set order among equally bad cases, so the report is deterministic.
    return tuple(sorted(misses, key=lambda m: -m.errors)[:WORST_MISSES])


def _prf_figures(prf: tuple[tuple[str, Counts], ...]) -> tuple[tuple[str, float], ...]:
    return tuple(
        (f"{name}.{measure}", getattr(counts, measure))
        for name, counts in prf
        for measure in ("precision", "recall", "f1")
    )


def _rejected_note(outcomes: Sequence[Outcome]) -> tuple[str, ...]:
    rejected = [o for o in outcomes if o.rejected]
    if not rejected:
        return ()
    first = rejected[0]
    return (f"{len(rejected)} case(s) rejected by the pipeline, e.g. {first.case.id}: "
            f"{first.rejected}",)


# Classification: the five event classes of confli_cameo, by CAMEO root.
CLASS_NAMES = (
    "0 statement/appeal (01-02)",
    "1 verbal cooperation (03-05)",
    "2 material cooperation (06-08)",
    "3 verbal conflict (09-13)",
    "4 material conflict (14-20)",
)
_CLASS_STARTS = ((14, 4), (9, 3), (6, 2), (3, 1), (1, 0))


def class_of_root(root: str) -> int:
    number = int(root)
    return next(label for start, label in _CLASS_STARTS if number >= start)


def strongest(events: Sequence[Event]) -> Event | None:
    """The most confident event; the earliest wins a tie."""
    return max(events, key=lambda e: e.confidence) if events else None


def predicted_class(events: Sequence[Event]) -> int:
    top = strongest(events)
    return class_of_root(top.root) if top else 0


def score_classes(name: str, outcomes: Sequence[Outcome], notes: Iterable[str] = ()) -> SetScore:
    """Macro-F1 and accuracy of the sentence class implied by casus's strongest event."""
    pairs = [(o.case.label, predicted_class(o.events)) for o in outcomes]
    per_class = tuple(
        (f"class_{c}", Counts(
            sum(1 for gold, got in pairs if gold == got == c),
            sum(1 for gold, got in pairs if got == c != gold),
            sum(1 for gold, got in pairs if gold == c != got),
        ))
        for c in range(len(CLASS_NAMES))
    )
    correct = Ratio(sum(1 for gold, got in pairs if gold == got), len(pairs))
    macro = sum(c.f1 for _, c in per_class) / len(per_class)
    covered = sum(1 for o in outcomes if o.events)
    confusion = Counter((str(gold), str(got)) for gold, got in pairs)
    misses = [
        _class_miss(o, gold, got)
        for o, (gold, got) in zip(outcomes, pairs, strict=True)
        if gold != got
    ]
    return SetScore(
        name=name,
        cases=len(outcomes),
        expected=len(outcomes),
        produced=sum(len(o.events) for o in outcomes),
        figures=(("class.macro_f1", macro), ("class.accuracy", correct.value))
        + tuple((f"{label}.f1", c.f1) for label, c in per_class),
        prf=per_class,
        accuracies=(("class", correct),),
        confusion=_sorted_confusion(confusion),
        misses=_worst(misses),
        notes=tuple(notes)
        + (f"{covered} of {len(outcomes)} sentences have at least one event; "
           "a sentence without one counts as class 0.",)
        + _rejected_note(outcomes),
    )


def _class_miss(outcome: Outcome, gold: int, got: int) -> Miss:
    top = strongest(outcome.events)
    return Miss(
        case_id=outcome.case.id,
        text=outcome.case.text,
        errors=abs(gold - got),
        produced=tuple(outcome.events),
        detail=(f"expected class {CLASS_NAMES[gold]}", f"produced class {CLASS_NAMES[got]}"
                + (f" from the {top.cameo} event ({top.confidence:.2f})" if top else " (no event)")),
    )
