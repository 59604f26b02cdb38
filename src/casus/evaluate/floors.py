"""The quality gate: pinned floors per set and figure, checked after every evaluation.

A figure breaks its floor when it falls below it by more than ``epsilon``. Floors only go up:
``raise_floors`` lifts a floor to a better measurement (less an optional margin) and pins new
figures, but never lowers one; lowering a floor is a reviewed edit of the floors file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from casus.errors import EvaluationError
from casus.evaluate.scoring import SetScore

DEFAULT_EPSILON = 0.005
_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Floors:
    epsilon: float = DEFAULT_EPSILON
    values: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def get(self, set_name: str, figure: str) -> float | None:
        return self.values.get(set_name, {}).get(figure)


@dataclass(frozen=True, slots=True)
class Breach:
    """A figure under its floor; ``value`` is None when the figure was not measured at all."""

    set: str
    figure: str
    floor: float
    value: float | None

    def line(self) -> str:
        got = "not measured" if self.value is None else f"{self.value:.4f}"
        return f"{self.set} {self.figure}: {got} is below its floor {self.floor:.4f}"


@dataclass(frozen=True, slots=True)
class Change:
    set: str
    figure: str
    old: float | None
    new: float

    def line(self) -> str:
        before = "unpinned" if self.old is None else f"{self.old:.4f}"
        return f"{self.set} {self.figure}: {before} -> {self.new:.4f}"


def load_floors(path: Path) -> Floors:
    """The pinned floors; a missing file pins nothing."""
    if not path.is_file():
        return Floors()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        epsilon = float(data.get("epsilon", DEFAULT_EPSILON))
        values = {
            str(name): {str(k): float(v) for k, v in figures.items()}
            for name, figures in data["floors"].items()
        }
    except (json.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(
            f"{path}: not a floors file ({{\"epsilon\": ..., \"floors\": {{set: {{figure: "
            f"value}}}}}}): {exc}"
        ) from None
    return Floors(epsilon, values)


def save_floors(path: Path, floors: Floors) -> None:
    data = {
        "epsilon": floors.epsilon,
        "floors": {
            name: {k: figures[k] for k in sorted(figures)}
            for name, figures in sorted(floors.values.items())
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def check_floors(scores: Iterable[SetScore], floors: Floors) -> list[Breach]:
    """Every pinned figure of the scored sets that fell below its floor by more than epsilon.

    Sets that were not scored (skipped, not asked for) are not checked.
    """
    breaches = []
    for score in scores:
        measured = dict(score.figures)
        for figure, floor in sorted(floors.values.get(score.name, {}).items()):
            value = measured.get(figure)
            if value is None or value < floor - floors.epsilon:
                breaches.append(Breach(score.name, figure, floor, value))
    return breaches


def raise_floors(
    floors: Floors, scores: Iterable[SetScore], margin: float = 0.0
) -> tuple[Floors, list[Change]]:
    """Floors lifted to the measurements less ``margin``; never lowered."""
    values = {name: dict(figures) for name, figures in floors.values.items()}
    changes = []
    for score in scores:
        pinned = values.setdefault(score.name, {})
        for figure, value in score.figures:
            candidate = _round_down(max(0.0, value - margin))
            old = pinned.get(figure)
            if old is None or candidate > old:
                pinned[figure] = candidate
                changes.append(Change(score.name, figure, old, candidate))
    return Floors(floors.epsilon, values), changes


def _round_down(value: float) -> float:
    # Rounding down keeps a floor at or under the measurement it came from.
    scale = 10**_DIGITS
    return math.floor(value * scale + 1e-9) / scale
