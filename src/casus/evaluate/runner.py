"""Run evaluation cases through the casus pipeline, once per set, in batches.

Every case of a set becomes a ``Document`` and the whole set goes through
``Pipeline.documents`` in one stream, so spaCy parses it with ``nlp.pipe``. Cases that need extra
actor dictionaries (petr_unit, some golden cases) get a pipeline of their own; all pipelines
share the one loaded spaCy model. Nothing is cached on disk between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from casus.config import Settings
from casus.errors import EvaluationError
from casus.evaluate.cases import Case, Outcome
from casus.evaluate.scoring import SetScore
from casus.evaluate.sets import EvalSet, default_shared, find_repo, select
from casus.models import Document, Reject, Result


@dataclass(frozen=True, slots=True)
class LoadedSet:
    set: EvalSet
    cases: tuple[Case, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


def _default_factory(settings: Settings):
    from casus.pipeline import Pipeline

    return Pipeline(settings)


class Evaluator:
    """Loads sets, runs them through casus and scores them.

    ``make_pipeline(settings)`` builds what runs the cases: anything with ``documents()`` (and,
    for ``explain``, ``nlp``, ``extractor`` and ``resolver``). Tests pass their own to change one
    stage. Settings default to casus's defaults rather than the user's ``casus.toml``, so figures
    measure casus itself and compare with the pinned floors.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        repo: Path | None = None,
        shared: Path | None = None,
        make_pipeline: Callable[[Settings], object] | None = None,
    ):
        self.settings = settings or Settings()
        self.repo = repo or find_repo()
        self.shared = shared or default_shared(self.repo)
        self._make_pipeline = make_pipeline or _default_factory
        self._pipelines: dict[tuple[str, ...], object] = {}

    def available(self, names: Sequence[str] = ()) -> tuple[list[EvalSet], list[Skipped]]:
        """The sets that can be run here, and those skipped because their folder is absent."""
        ready, skipped = [], []
        for evalset in select(names):
            folder = evalset.folder(self.repo, self.shared)
            if folder.is_dir():
                ready.append(evalset)
            else:
                skipped.append(Skipped(evalset.name, f"{folder} not found"))
        return ready, skipped

    def load(self, evalset: EvalSet) -> LoadedSet:
        cases, notes = evalset.read(evalset.folder(self.repo, self.shared), self.repo)
        return LoadedSet(evalset, cases, notes)

    def score(self, loaded: LoadedSet) -> SetScore:
        outcomes = self.outcomes(loaded.cases)
        return loaded.set.score(loaded.set.name, outcomes, loaded.notes)

    def run(self, names: Sequence[str] = ()) -> tuple[list[SetScore], list[Skipped]]:
        ready, skipped = self.available(names)
        return [self.score(self.load(s)) for s in ready], skipped

    def outcomes(self, cases: Sequence[Case]) -> list[Outcome]:
        """What casus makes of each case, in case order."""
        got: dict[str, Result | Reject] = {}
        for dictionaries, group in _by_dictionaries(cases).items():
            pipeline = self.pipeline(dictionaries)
            for item in pipeline.documents(_document(c) for c in group):
                got[_doc_id_of(item)] = item
        return [_outcome(case, got.get(_doc_id(case))) for case in cases]

    def pipeline(self, dictionaries: tuple[str, ...] = ()):
        """One pipeline per dictionary layer, built on first use."""
        if dictionaries not in self._pipelines:
            settings = replace(
                self.settings, dictionaries=self.settings.dictionaries + dictionaries
            )
            self._pipelines[dictionaries] = self._make_pipeline(settings)
        return self._pipelines[dictionaries]

    def find(self, case_id: str, names: Sequence[str] = ()) -> Case:
        """A case by its id in any available set (a confli_cameo case's id is its line number)."""
        ready, _ = self.available(names)
        for evalset in ready:
            for case in self.load(evalset).cases:
                if case.id == case_id:
                    return case
        searched = ", ".join(s.name for s in ready) or "no available set"
        raise EvaluationError(f"no case {case_id!r} in {searched}")


def _by_dictionaries(cases: Iterable[Case]) -> dict[tuple[str, ...], list[Case]]:
    groups: dict[tuple[str, ...], list[Case]] = {}
    for case in cases:
        groups.setdefault(case.dictionaries, []).append(case)
    return groups


def _doc_id(case: Case) -> str:
    return f"{case.set}/{case.id}"


def _document(case: Case) -> Document:
    return Document(id=_doc_id(case), text=case.text, published=case.published,
                    origin=_doc_id(case))


def _doc_id_of(item: Result | Reject) -> str:
    return item.document.id if isinstance(item, Result) else (item.doc_id or item.origin)


def _outcome(case: Case, item: Result | Reject | None) -> Outcome:
    if isinstance(item, Result):
        return Outcome(case, tuple(item.events))
    if isinstance(item, Reject):
        return Outcome(case, (), rejected=item.message)
    return Outcome(case, (), rejected="the pipeline returned nothing for this case")
