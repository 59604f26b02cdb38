"""Scale-out on Ray: the same pipeline, run by a pool of worker processes or machines.

The driver reads the inputs (ingest and the document stage are cheap) and ships batches of
Documents to Ray actors, each holding one ``Pipeline`` (the spaCy model, lexicons, actor KB and
gazetteer load once per actor). Each actor hands back one Result or Reject per Document; only
those records and Documents cross the wire, never a spaCy Doc. Outcomes come back in input order,
with ingest and document rejects in their places.

An actor runs one batch at a time, so that a worker that dies (a segfault, the OOM killer) takes
only its own batch with it: those documents become rejects with stage ``scale`` and the run goes
on on the restarted actor. The driver buffers at most ``2 x workers`` batches, running or
finished but not yet handed out, so a slow consumer holds reading back.

Ray is an optional dependency and is imported here only, when a run starts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casus.config import Settings, load_settings
from casus.document import to_document
from casus.errors import ConfigError, InputError
from casus.ingest import iter_items, to_reject
from casus.models import Document, Reject, Result, parse_iso_date
from casus.pipeline import Pipeline

INSTALL_HINT = "pip install -r requirements/ray.txt (or pip install 'casus[ray]')"
# Ray restarts a crashed actor this many times; after that the pool starts a fresh one.
MAX_RESTARTS = 1
# How often, and how long each time, to ask a restarted actor whether it is up.
READY_TRIES = 3
READY_TIMEOUT_S = 60
# Batches buffered per worker: one running, one finished and waiting for the consumer.
IN_FLIGHT_PER_WORKER = 2

PipelineFactory = Callable[[Settings], Pipeline]


def run_on_ray(
    inputs: Iterable[str],
    settings: Settings | None = None,
    published: date | str | None = None,
    *,
    workers: int | None = None,
    batch_size: int = 64,
    address: str | None = None,
    factory: PipelineFactory = Pipeline,
) -> Iterator[Result | Reject]:
    """Yield a Result or Reject per input document, like ``Pipeline.run``, computed on Ray.

    ``workers`` defaults to the CPUs Ray sees; ``address`` is passed to ``ray.init`` when Ray is
    not initialised yet (None starts a local instance, ``"auto"`` joins a running cluster).
    ``factory`` builds each actor's pipeline from the settings. Raises ConfigError when Ray is
    not installed or an argument is out of range.
    """
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    ray = _import_ray()
    settings = settings or load_settings()
    override = parse_iso_date(published) if published else None
    batches = _batches(_entries(inputs, settings, override), batch_size)
    return _run(ray, batches, settings, workers, address, factory)


def _import_ray():
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(f"Ray is not installed; to scale out on it: {INSTALL_HINT}") from exc
    return ray


def _entries(
    inputs: Iterable[str], settings: Settings, published: date | None
) -> Iterator[Document | Reject]:
    """Documents and rejects in input order: the driver's share of the work."""
    for item in iter_items(inputs, settings):
        if isinstance(item, Reject):
            yield item
            continue
        try:
            yield to_document(item, published=published)
        except InputError as exc:
            yield to_reject(exc, stage="document")


@dataclass
class _Batch:
    """A run of entries; its documents go to one actor, its rejects wait here in their places."""

    index: int
    entries: list[Document | Reject] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return [entry for entry in self.entries if isinstance(entry, Document)]

    def merge(self, outcomes: list[Result | Reject]) -> list[Result | Reject]:
        """The entries with each Document replaced by its outcome, matched by document id.

        The pipeline may hand a batch's outcomes back out of input order (a text over the
        parser's limit is rejected before the parse of its neighbours finishes).
        """
        by_id: dict[str | None, deque[Result | Reject]] = {}
        for outcome in outcomes:
            by_id.setdefault(_doc_id(outcome), deque()).append(outcome)
        return [
            by_id[entry.id].popleft() if isinstance(entry, Document) else entry
            for entry in self.entries
        ]

    def crashed(self, error: Exception) -> list[Result | Reject]:
        message = f"the Ray worker died while processing a batch of {len(self.documents)} documents"
        return [
            Reject(
                origin=entry.origin or entry.id,
                stage="scale",
                error=type(error).__name__,
                message=message,
                doc_id=entry.id,
            )
            if isinstance(entry, Document)
            else entry
            for entry in self.entries
        ]


def _doc_id(outcome: Result | Reject) -> str | None:
    return outcome.document.id if isinstance(outcome, Result) else outcome.doc_id


def _batches(entries: Iterable[Document | Reject], size: int) -> Iterator[_Batch]:
    """Batches of ``size`` documents, each with the rejects that came among them."""
    batch = _Batch(index=0)
    count = 0
    for entry in entries:
        batch.entries.append(entry)
        if isinstance(entry, Document):
            count += 1
        if count == size:
            yield batch
            batch, count = _Batch(index=batch.index + 1), 0
    if batch.entries:
        yield batch


class _Worker:
    """The Ray actor: one pipeline per process, reused for every batch it is sent."""

    def __init__(self, settings: Settings, factory: PipelineFactory):
        self.pipeline = factory(settings)

    def process(self, documents: list[Document]) -> list[Result | Reject]:
        return list(self.pipeline.documents(documents))

    def ready(self) -> bool:
        return True


def _run(
    ray,
    batches: Iterator[_Batch],
    settings: Settings,
    workers: int | None,
    address: str | None,
    factory: PipelineFactory,
) -> Iterator[Result | Reject]:
    if not ray.is_initialized():
        ray.init(address=address)
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    pool = _Pool(ray, settings, factory, size)
    try:
        yield from pool.ordered(batches)
    finally:
        pool.close()


class _Pool:
    """Actors, the batches they are running, and the finished batches waiting to be handed out."""

    def __init__(self, ray, settings: Settings, factory: PipelineFactory, size: int):
        self.ray = ray
        self.remote = ray.remote(num_cpus=1, max_restarts=MAX_RESTARTS, max_task_retries=0)(_Worker)
        self.settings = settings
        self.factory = factory
        self.size = size
        self.actors = [self._spawn() for _ in range(size)]
        self.crashes = [0] * size
        self.idle: deque[int] = deque(range(size))
        self.running: dict[Any, tuple[int, _Batch]] = {}
        self.finished: dict[int, list[Result | Reject]] = {}

    def _spawn(self):
        return self.remote.remote(self.settings, self.factory)

    def ordered(self, batches: Iterator[_Batch]) -> Iterator[Result | Reject]:
        limit = IN_FLIGHT_PER_WORKER * self.size
        upcoming = 0
        exhausted = False
        while True:
            while not exhausted and self.idle and len(self.running) + len(self.finished) < limit:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                else:
                    self._submit(batch)
            if upcoming in self.finished:
                yield from self.finished.pop(upcoming)
                upcoming += 1
            elif self.running:
                self._collect_one()
            else:
                return

    def _submit(self, batch: _Batch) -> None:
        documents = batch.documents
        if not documents:
            self.finished[batch.index] = batch.entries
            return
        slot = self.idle.popleft()
        ref = self.actors[slot].process.remote(documents)
        self.running[ref] = (slot, batch)

    def _collect_one(self) -> None:
        (ref,), _ = self.ray.wait(list(self.running), num_returns=1)
        slot, batch = self.running.pop(ref)
        try:
            self.finished[batch.index] = batch.merge(self.ray.get(ref))
        except self.ray.exceptions.RayActorError as exc:
            self.finished[batch.index] = batch.crashed(exc)
            self._after_crash(slot)
        self.idle.append(slot)

    def _after_crash(self, slot: int) -> None:
        # Ray restarts the actor up to MAX_RESTARTS times; past that it stays dead, so the slot
        # gets a fresh actor and the run keeps its width.
        self.crashes[slot] += 1
        if self.crashes[slot] > MAX_RESTARTS or not self._ready(slot):
            self.ray.kill(self.actors[slot], no_restart=True)
            self.actors[slot] = self._spawn()
            self.crashes[slot] = 0

    def _ready(self, slot: int) -> bool:
        """Wait until a crashed actor is back: a batch sent while Ray is still restarting it can
        be lost with the old process, and only the batch that crashed may be."""
        for _ in range(READY_TRIES):
            try:
                return self.ray.get(self.actors[slot].ready.remote(), timeout=READY_TIMEOUT_S)
            except (self.ray.exceptions.RayActorError, self.ray.exceptions.GetTimeoutError):
                continue
        return False

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor, no_restart=True)
