"""The evaluation sets casus knows, where they live, and how each is read and scored.

``golden`` lives in the repository (``tests/golden``). The others live in the shared folder
beside the repository (``<repo>/../shared/eval/<set>``); on a machine without it they are skipped
with a notice, never fetched or copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import casus
from casus.errors import EvaluationError
from casus.evaluate.cases import Case, Outcome
from casus.evaluate.golden import load_golden
from casus.evaluate.scoring import SetScore, score_classes, score_events
from casus.evaluate.shared import load_confli_cameo, load_petr_unit, load_plover_gsr

GOLDEN_DIR = Path("tests", "golden")
FLOORS_FILE = Path("eval", "floors.json")


@dataclass(frozen=True, slots=True)
class EvalSet:
    """One set. ``own_text`` says its sentences are ours, so the docs may quote them."""

    name: str
    description: str
    shared: bool
    own_text: bool
    read: Callable[[Path, Path], tuple[tuple[Case, ...], tuple[str, ...]]]
    score: Callable[[str, Sequence[Outcome], Sequence[str]], SetScore]

    def folder(self, repo: Path, shared: Path) -> Path:
        return shared / "eval" / self.name if self.shared else repo / GOLDEN_DIR


def _read_golden(folder: Path, repo: Path) -> tuple[tuple[Case, ...], tuple[str, ...]]:
    return load_golden(folder, repo), ()


SETS: dict[str, EvalSet] = {
    s.name: s
    for s in (
        EvalSet("golden", "casus's own cases: every CONTRACT field, as fragments",
                False, True, _read_golden, score_events),
        EvalSet("petr_unit", "PETRARCH validation records, coded with the validation "
                "dictionaries: (source, target, code) triples", True, False,
                lambda folder, _: load_petr_unit(folder), score_events),
        EvalSet("plover_gsr", "CAMEO manual examples recoded in PLOVER: type and actor texts",
                True, False, lambda folder, _: load_plover_gsr(folder), score_events),
        EvalSet("confli_cameo", "news sentences labelled with one of five event classes",
                True, False, lambda folder, _: load_confli_cameo(folder), score_classes),
    )
}


def find_repo(start: Path | None = None) -> Path:
    """The casus checkout: the nearest folder up from ``start`` (default: the working directory)
    that holds golden cases, else the checkout the package was installed from (editable)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / GOLDEN_DIR).is_dir():
            return folder
    installed = Path(casus.__file__).resolve().parents[2]
    if (installed / GOLDEN_DIR).is_dir():
        return installed
    raise EvaluationError(
        f"no casus checkout found from {here}: `casus eval` needs the repository "
        f"({GOLDEN_DIR} and {FLOORS_FILE}); run it inside one"
    )


def default_shared(repo: Path) -> Path:
    return repo.parent / "shared"


def select(names: Sequence[str]) -> list[EvalSet]:
    """The named sets in the given order, or all of them when none is named."""
    unknown = [n for n in names if n not in SETS]
    if unknown:
        raise EvaluationError(f"unknown evaluation set {unknown[0]!r}; known: {', '.join(SETS)}")
    return [SETS[n] for n in dict.fromkeys(names)] if names else list(SETS.values())
