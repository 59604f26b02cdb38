"""Evaluation: score casus against its golden cases and the shared sets, and hold the gate.

    cases     expected events as CONTRACT fragments, and what a produced event must match
    golden    read tests/golden/*.jsonl
    shared    read the shared sets (petr_unit, plover_gsr, confli_cameo) where they lie
    matching  pair expected and produced events in a case
    scoring   precision, recall, F1, accuracies, confusions, worst misses per set
    sets      the known sets and where they live
    runner    run a set's cases through the pipeline in one batched stream
    floors    pinned floors: check, and raise only
    report    docs/EVALUATION.md
    explain   one case, stage by stage
"""

from casus.evaluate.cases import ActorSpec, Case, ExpectedEvent, Outcome, PlaceSpec
from casus.evaluate.explain import Explanation, explain_case
from casus.evaluate.floors import (
    Breach,
    Change,
    Floors,
    check_floors,
    load_floors,
    raise_floors,
    save_floors,
)
from casus.evaluate.matching import align, case_passes, full_matching
from casus.evaluate.report import git_commit, headline, render_markdown
from casus.evaluate.runner import Evaluator, LoadedSet, Skipped
from casus.evaluate.scoring import Counts, Miss, Ratio, SetScore, score_classes, score_events
from casus.evaluate.sets import FLOORS_FILE, SETS, EvalSet, default_shared, find_repo

__all__ = [
    "FLOORS_FILE",
    "SETS",
    "ActorSpec",
    "Breach",
    "Case",
    "Change",
    "Counts",
    "EvalSet",
    "Evaluator",
    "ExpectedEvent",
    "Explanation",
    "Floors",
    "LoadedSet",
    "Miss",
    "Outcome",
    "PlaceSpec",
    "Ratio",
    "SetScore",
    "Skipped",
    "align",
    "case_passes",
    "check_floors",
    "default_shared",
    "explain_case",
    "full_matching",
    "find_repo",
    "git_commit",
    "headline",
    "load_floors",
    "raise_floors",
    "render_markdown",
    "save_floors",
    "score_classes",
    "score_events",
]
