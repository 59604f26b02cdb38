"""Scale-out: the local pipeline against run_on_ray on the same folder of articles.

Copies the files in examples/ into a temporary folder until it holds at least --articles
documents, then, in one process, times (a) `Pipeline(settings).run([folder])` after the model
and knowledge bases are loaded, and (b) `run_on_ray([folder], workers=N)` on a local Ray
instance, each round starting its own actors (each loads the model once). Ray's own start-up
and the local load are timed apart. Prints seconds (median of --rounds) and articles/second,
and checks that both give the same events.

    .venv/bin/python bench/scale_ray.py [--articles 200] [--workers 2] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from casus.config import load_settings
from casus.ingest import iter_items
from casus.models import Result
from casus.pipeline import Pipeline
from casus.scale import run_on_ray

ROOT = Path(__file__).resolve().parents[1]


def build_folder(folder: Path, articles: int, settings) -> int:
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
    per_copy = sum(1 for _ in iter_items([str(ROOT / "examples")], settings))
    copies = -(-articles // per_copy)
    for n in range(copies):
        for path in examples:
            shutil.copy(path, folder / f"{n:04}-{path.name}")
    return copies * per_copy


def timed(outcomes) -> tuple[float, float, list]:
    """Seconds to the first outcome, seconds to the last, and the outcomes."""
    start = time.perf_counter()
    first, got = None, []
    for outcome in outcomes:
        if first is None:
            first = time.perf_counter() - start
        got.append(outcome)
    return first or 0.0, time.perf_counter() - start, got


def event_ids(outcomes) -> list[str]:
    return [e.id for o in outcomes if isinstance(o, Result) for e in o.events]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import ray

    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        count = build_folder(Path(tmp), args.articles, settings)
        inputs = [tmp]

        start = time.perf_counter()
        pipeline = Pipeline(settings)
        pipeline.nlp, pipeline.extractor, pipeline.resolver  # noqa: B018 - load before timing
        local_load = time.perf_counter() - start
        local = [timed(pipeline.run(inputs)) for _ in range(args.rounds)]

        start = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
        ray_start = time.perf_counter() - start
        remote = [
            timed(run_on_ray(inputs, settings, workers=args.workers, batch_size=args.batch_size))
            for _ in range(args.rounds)
        ]
        ray.shutdown()

    same = event_ids(local[0][2]) == event_ids(remote[0][2])
    local_s = statistics.median(r[1] for r in local)
    remote_s = statistics.median(r[1] for r in remote)
    remote_first = statistics.median(r[0] for r in remote)
    print(
        f"{count} articles, {len(event_ids(local[0][2]))} events, {os.cpu_count()} CPUs, "
        f"median of {args.rounds}; same events both ways: {same}"
    )
    print(
        f"local Pipeline: load {local_load:.2f} s, run {local_s:.2f} s "
        f"({count / local_s:.1f} articles/s)"
    )
    print(
        f"run_on_ray ({args.workers} workers, batches of {args.batch_size}): ray.init "
        f"{ray_start:.2f} s, run {remote_s:.2f} s ({count / remote_s:.1f} articles/s), "
        f"first outcome after {remote_first:.2f} s"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
