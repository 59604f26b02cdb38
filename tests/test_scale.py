"""The Ray adapter: the same outcomes as the local pipeline, in input order; a crashed worker
costs only its batch; reading is held back by the consumer; and without Ray, one clear error."""

from __future__ import annotations

import os
import pickle
import sys

import pytest

from casus import scale
from casus.config import load_settings
from casus.errors import ConfigError
from casus.extract import Extractor
from casus.models import Reject, Result
from casus.pipeline import Pipeline

TEXTS = [
    "Israeli warplanes struck targets in southern Lebanon on Monday, the army said.",
    "Iran condemned the attack and accused Washington of backing it.",
    "The foreign ministers of Japan and South Korea met in Tokyo on Tuesday.",
    "Police arrested dozens of protesters in Tbilisi overnight.",
    "Russia will send humanitarian aid to Syria next month, officials said.",
    "France and Germany signed a defence agreement in Paris.",
]
CRASH = "CRASH"


@pytest.fixture(scope="module")
def local_ray():
    # Ray is an optional extra: without it only the tests of the error that says so run.
    ray = pytest.importorskip("ray")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    # The fake pipelines below live in this module, which worker processes cannot import.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield ray
    ray.cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def settings():
    return load_settings(path=None, env={})


@pytest.fixture
def folder(tmp_path):
    """Six texts with a binary file third in sorted order."""
    names = ["a.txt", "b.txt", "d.txt", "e.txt", "f.txt", "g.txt"]
    for name, text in zip(names, TEXTS, strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return tmp_path


class EchoPipeline:
    """Stands in for Pipeline in the actors: no model, a Result per document, and a hard crash
    of the worker process for a document that asks for one."""

    def __init__(self, settings):
        self.settings = settings

    def documents(self, documents):
        for document in documents:
            if CRASH in document.text:
                os._exit(1)
            yield Result(document=document)


class FailingExtractPipeline(Pipeline):
    """The real pipeline, with an extractor that raises on one document."""

    def __init__(self, settings=None):
        super().__init__(settings)
        real = Extractor()

        def extract(parsed):
            if "Tbilisi" in parsed.document.text:
                raise ValueError("no frame for this")
            return real(parsed)

        # An instance attribute shadows the class's cached property.
        self.extractor = extract


@pytest.mark.model
def test_ray_gives_the_local_pipelines_outcomes_in_input_order(local_ray, settings, folder):
    local = list(Pipeline(settings).run([str(folder)]))
    # Batches of three documents: the binary file's reject falls inside the first one.
    remote = list(scale.run_on_ray([str(folder)], settings, workers=2, batch_size=3))

    assert [type(o).__name__ for o in remote] == ["Result"] * 2 + ["Reject"] + ["Result"] * 4
    (reject,) = (o for o in remote if isinstance(o, Reject))
    assert reject.origin.endswith("c.txt") and reject.stage == "ingest"
    assert [o for o in remote if isinstance(o, Result)] == [
        o for o in local if isinstance(o, Result)
    ]
    assert [e.id for o in remote if isinstance(o, Result) for e in o.events] == [
        e.id for o in local if isinstance(o, Result) for e in o.events
    ]
    assert any(o.events for o in remote if isinstance(o, Result))
    # Only plain records came back over the wire: no spaCy object inside.
    assert b"spacy" not in pickle.dumps(remote)


@pytest.mark.model
def test_rejects_from_a_worker_come_back_in_their_places(local_ray, settings, folder):
    # Over the parser's limit: the pipeline rejects it ahead of the batch's parsed documents.
    (folder / "ea.txt").write_text("x " * 600_000, encoding="utf-8")
    outcomes = list(
        scale.run_on_ray(
            [str(folder)], settings, workers=2, batch_size=3, factory=FailingExtractPipeline
        )
    )
    names = [o.origin.rsplit("/", 1)[-1] for o in outcomes if isinstance(o, Reject)]
    stages = [o.stage for o in outcomes if isinstance(o, Reject)]
    assert [type(o).__name__ for o in outcomes] == (
        ["Result"] * 2 + ["Reject"] + ["Result"] + ["Reject"] * 2 + ["Result"] * 2
    )
    assert list(zip(names, stages, strict=True)) == [
        ("c.txt", "ingest"),
        ("e.txt", "extract"),
        ("ea.txt", "nlp"),
    ]


@pytest.mark.model
def test_a_crashed_worker_loses_its_batch_only_and_the_run_goes_on(local_ray, settings, tmp_path):
    texts = ["one", CRASH, "two", CRASH, "three", CRASH, "four"]
    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(f"{text} {n}", encoding="utf-8")
    outcomes = list(
        scale.run_on_ray([str(tmp_path)], settings, workers=1, batch_size=1, factory=EchoPipeline)
    )
    # Three crashes on one worker: Ray restarts it once, then the pool starts a fresh actor.
    assert [type(o).__name__ for o in outcomes] == ["Result", "Reject"] * 3 + ["Result"]
    assert [o.document.text for o in outcomes if isinstance(o, Result)] == [
        "one 0",
        "two 2",
        "three 4",
        "four 6",
    ]
    crashed = [o for o in outcomes if isinstance(o, Reject)]
    assert {o.stage for o in crashed} == {"scale"}
    died = local_ray.exceptions.RayActorError
    assert all(issubclass(getattr(local_ray.exceptions, o.error), died) for o in crashed)
    assert all("died" in o.message for o in crashed)
    assert [o.origin.rsplit("/", 1)[-1] for o in crashed] == ["1.txt", "3.txt", "5.txt"]


@pytest.mark.model
def test_reading_is_held_back_until_the_consumer_catches_up(
    local_ray, settings, tmp_path, monkeypatch
):
    for n in range(12):
        (tmp_path / f"{n:02}.txt").write_text(f"text {n}", encoding="utf-8")
    built = []

    def counting(item, published=None):
        built.append(item.origin)
        return scale_to_document(item, published=published)

    scale_to_document = scale.to_document
    monkeypatch.setattr(scale, "to_document", counting)
    outcomes = scale.run_on_ray(
        [str(tmp_path)], settings, workers=1, batch_size=2, factory=EchoPipeline
    )
    first = next(outcomes)
    # One worker: at most two batches of two documents read ahead of the consumer.
    assert first.document.text == "text 0"
    assert len(built) <= 2 * 1 * 2
    rest = list(outcomes)
    assert len(rest) == 11 and len(built) == 12


def test_without_ray_the_error_says_what_to_install(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ConfigError, match=r"pip install -r requirements/ray\.txt"):
        scale.run_on_ray(["."], settings)


def test_nonsense_sizes_are_refused_before_ray_starts(settings):
    with pytest.raises(ConfigError, match="batch_size"):
        scale.run_on_ray(["."], settings, batch_size=0)
    with pytest.raises(ConfigError, match="workers"):
        scale.run_on_ray(["."], settings, workers=0)
