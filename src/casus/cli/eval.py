"""`casus eval`: score casus on its golden cases and the shared sets, and hold the quality gate."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from casus.cli.console import guard

EXIT_GATE = 1
MISSES_SHOWN = 5
TEXT_SHOWN = 160


def register(app: typer.Typer) -> None:
    app.command(name="eval")(evaluate)


def evaluate(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SET",
            help="Sets to score: golden, petr_unit, plover_gsr, confli_cameo (default: all).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="Show one case stage by stage: a golden id, a petr_unit or plover_gsr record "
            "id, or a confli_cameo line number.",
        ),
    ] = None,
    update_floors: Annotated[
        bool,
        typer.Option("--update-floors", help="Raise floors to the measured figures (never lowers)."),
    ] = False,
    margin: Annotated[
        float,
        typer.Option(min=0.0, max=0.5, help="With --update-floors: pin floors this far below."),
    ] = 0.0,
    write_docs: Annotated[
        Path | None,
        typer.Option(metavar="PATH", help="Write the figures as Markdown (docs/EVALUATION.md)."),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Folder holding eval/<set> (default: ../shared)."),
    ] = None,
    floors: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Floors file (default: eval/floors.json)."),
    ] = None,
    known_failures: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Rewrite the golden known-failures list: drop the ids that now pass.",
        ),
    ] = None,
) -> None:
    """Score casus on evaluation sets and fail (exit 1) when a figure falls below its floor.

    Sets in the shared folder are skipped with a notice when it is absent.
    """
    from casus import evaluate as ev

    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False)
    with guard():
        evaluator = ev.Evaluator(shared=shared)
        if explain is not None:
            case = evaluator.find(explain, sets or ())
            pipeline = evaluator.pipeline(case.dictionaries)
            _print_explanation(out, ev.explain_case(case, pipeline))
            return
        floors_path = floors or evaluator.repo / ev.FLOORS_FILE
        pinned = ev.load_floors(floors_path)
        ready, skipped = evaluator.available(sets or ())
        for skip in skipped:
            err.print(f"casus eval: skipping {skip.name}: {skip.reason}")
        scores = []
        for evalset in ready:
            started = time.perf_counter()
            loaded = evaluator.load(evalset)
            score = evaluator.score(loaded)
            scores.append(score)
            seconds = time.perf_counter() - started
            _print_score(out, score, pinned, seconds, quote=evalset.own_text)
            if known_failures is not None and evalset.name == "golden":
                _rewrite_known_failures(out, evaluator, loaded.cases, known_failures)
        breaches = ev.check_floors(scores, pinned)
        if update_floors:
            raised, changes = ev.raise_floors(pinned, scores, margin)
            ev.save_floors(floors_path, raised)
            out.print(f"\n{floors_path}: {len(changes)} floor(s) raised or pinned")
            for change in changes:
                out.print(f"  {change.line()}")
            pinned = raised
        if write_docs is not None:
            page = ev.render_markdown(
                scores, skipped, pinned, date.today(), ev.git_commit(evaluator.repo)
            )
            write_docs.parent.mkdir(parents=True, exist_ok=True)
            write_docs.write_text(page, encoding="utf-8")
            out.print(f"\nwrote {write_docs}")
        _print_gate(out, err, breaches, pinned.epsilon)
    if breaches:
        raise typer.Exit(EXIT_GATE)


def _rewrite_known_failures(out: Console, evaluator, cases, path: Path) -> None:
    from casus.evaluate import case_passes
    from casus.evaluate.golden import write_known_failures

    failing = {
        o.case.id
        for o in evaluator.outcomes(cases)
        if o.rejected is not None or not case_passes(o.case, o.events)
    }
    kept = write_known_failures(path, failing, [c.id for c in cases])
    out.print(f"\n{path}: {len(kept)} known failure(s) of {len(cases)} cases")


def _print_score(out: Console, score, pinned, seconds: float, quote: bool) -> None:
    table = Table(title=f"{score.name}: {score.cases} cases, {score.expected} expected, "
              f"{score.produced} produced ({seconds:.1f}s)", title_justify="left")
    for column in ("figure", "TP", "FP", "FN", "precision", "recall", "F1", "F1 floor"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for name, c in score.prf:
        floor = pinned.get(score.name, f"{name}.f1")
        table.add_row(name, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}",
                      f"{c.recall:.3f}", f"{c.f1:.3f}", _floor(floor))
    for name, r in score.accuracies:
        floor = pinned.get(score.name, f"{name}.accuracy")
        table.add_row(f"{name} accuracy", str(r.hits), "", str(r.total - r.hits), "", "",
                      f"{r.value:.3f}", _floor(floor))
    for figure, value in score.figures:
        if figure == "class.macro_f1":
            table.add_row(figure, "", "", "", "", "", f"{value:.3f}",
                          _floor(pinned.get(score.name, figure)))
    out.print()
    out.print(table)
    for note in score.notes:
        out.print(f"  note: {note}")
    for miss in score.misses[:MISSES_SHOWN]:
        out.print(f"  miss {miss.case_id}: {_clip(miss.text)}", markup=False)
        for line in miss.lines(quote=True):
            out.print(f"      {line}", markup=False)


def _print_gate(out: Console, err: Console, breaches, epsilon: float) -> None:
    if not breaches:
        out.print(f"\ngate: every pinned figure is at or above its floor (epsilon {epsilon})")
        return
    err.print(f"\ngate: {len(breaches)} figure(s) below their floor (epsilon {epsilon}):")
    for breach in breaches:
        err.print(f"  {breach.line()}", markup=False)


def _print_explanation(out: Console, explanation) -> None:
    case = explanation.case
    out.print(f"{case.set} {case.id}" + (f"  ({case.note})" if case.note else ""), markup=False)
    out.print(case.text, markup=False)
    if case.published:
        out.print(f"published {case.published.isoformat()}")
    parse = Table(title="parse", title_justify="left")
    for column in ("i", "token", "dep", "head", "pos", "ent"):
        parse.add_column(column)
    for t in explanation.tokens:
        parse.add_row(str(t.index), t.text, t.dep, str(t.head), t.pos, t.ent)
    out.print(parse)
    out.print("extractor trace:")
    for line in explanation.trace or ("(the extractor said nothing)",):
        out.print(f"  {line}", markup=False)
    out.print("produced:")
    for line in explanation.produced():
        out.print(f"  {line}", markup=False)
    out.print("expected:")
    for line in explanation.expected:
        out.print(f"  {line}", markup=False)
    out.print(explanation.verdict)


def _clip(text: str) -> str:
    return text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 3].rstrip() + "..."


def _floor(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
