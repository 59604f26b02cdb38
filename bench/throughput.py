"""Throughput: how much casus adds to the bare spaCy parse.

Builds an in-memory corpus from examples/ repeated to at least --articles documents, then times,
in one process and alternating rounds, (a) bare `nlp.pipe` over the texts, (b) the full casus
pipeline from Documents to Results (parse, extract, resolve) in one process, and (c) the same
pipeline parsing in --workers processes (`casus extract --workers N`). Models, lexicons and knowledge bases
are loaded and warmed before any clock starts, then frozen out of the garbage collector as the CLI
does. Prints articles/second for both and the overhead
ratio; `--json` also writes the figures to bench/out/.

    .venv/bin/python bench/throughput.py [--articles 200] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import spacy

from casus.config import load_settings
from casus.document import to_document
from casus.ingest import iter_items
from casus.models import Document, Reject
from casus.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
TARGET_OVERHEAD = 0.30


def corpus(size: int, settings) -> list[Document]:
    """The example articles, copied under fresh ids until there are at least `size`."""
    originals = []
    for item in iter_items([str(ROOT / "examples")], settings):
        if isinstance(item, Reject):
            raise SystemExit(f"example rejected: {item.line()}")
        originals.append(to_document(item))
    copies = -(-size // len(originals))
    return [
        replace(document, id=f"{document.id}#{n}")
        for n in range(copies)
        for document in originals
    ]


def time_bare(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_casus(pipeline: Pipeline, documents: list[Document]) -> tuple[float, int]:
    start = time.perf_counter()
    events = 0
    for outcome in pipeline.documents(documents):
        if isinstance(outcome, Reject):
            raise SystemExit(f"document rejected during the benchmark: {outcome.line()}")
        events += len(outcome.events)
    return time.perf_counter() - start, events


def measure(articles: int, rounds: int, workers: int) -> dict:
    settings = load_settings()
    documents = corpus(articles, settings)
    texts = [document.text for document in documents]
    nlp = spacy.load(settings.model)  # the model as shipped, without anything casus adds
    pipeline = Pipeline(replace(settings, n_process=1))
    # casus with the parse in worker processes (--workers): the same work on more cores.
    parallel = Pipeline(replace(settings, n_process=workers))
    parallel.nlp, parallel.extractor, parallel.resolver = (
        pipeline.nlp, pipeline.extractor, pipeline.resolver
    )
    # Warm both paths: lazy loads (lexicons, actor KB, gazetteer) must not count.
    time_bare(nlp, texts[:8], settings.batch_size)
    time_casus(pipeline, documents[:8])
    # As `casus extract` does once its pipeline is loaded (casus.cli.run._pipeline): what is
    # loaded lives as long as the process, out of the collector's full passes. Process-wide, so
    # the bare parse runs under it too.
    gc.collect()
    gc.freeze()

    bare, full, wide, events = [], [], [], 0
    for _ in range(rounds):
        bare.append(time_bare(nlp, texts, settings.batch_size))
        seconds, events = time_casus(pipeline, documents)
        full.append(seconds)
        wide.append(time_casus(parallel, documents)[0])
    bare_s, full_s = statistics.median(bare), statistics.median(full)
    wide_s = statistics.median(wide)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "model": settings.model,
        "batch_size": settings.batch_size,
        "articles": len(documents),
        "characters": sum(len(text) for text in texts),
        "events": events,
        "rounds": rounds,
        "bare_seconds": round(bare_s, 3),
        "casus_seconds": round(full_s, 3),
        "bare_articles_per_second": round(len(documents) / bare_s, 1),
        "casus_articles_per_second": round(len(documents) / full_s, 1),
        "overhead": round(full_s / bare_s - 1, 3),
        "workers": workers,
        "casus_workers_seconds": round(wide_s, 3),
        "casus_workers_articles_per_second": round(len(documents) / wide_s, 1),
        "workers_overhead": round(wide_s / bare_s - 1, 3),
        "target_overhead": TARGET_OVERHEAD,
    }


def report(figures: dict) -> str:
    verdict = "within" if figures["overhead"] <= TARGET_OVERHEAD else "OVER"
    return "\n".join([
        f"corpus: {figures['articles']} articles, {figures['characters']} characters, "
        f"{figures['events']} events; median of {figures['rounds']} rounds; "
        f"{figures['machine']['cpus']} CPUs",
        f"bare spaCy ({figures['model']}): {figures['bare_articles_per_second']} articles/s",
        f"casus pipeline:                  {figures['casus_articles_per_second']} articles/s",
        f"overhead: {figures['overhead']:+.1%} ({verdict} the {TARGET_OVERHEAD:.0%} target, "
        "one process)",
        f"casus --workers {figures['workers']}:               "
        f"{figures['casus_workers_articles_per_second']} articles/s "
        f"({figures['workers_overhead']:+.1%} against the one-process bare parse)",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="corpus size (at least)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each (median)")
    parser.add_argument("--json", action="store_true", help="also write bench/out/*.json")
    parser.add_argument("--workers", type=int, default=2, help="parse processes for the second run")
    args = parser.parse_args(argv)
    figures = measure(args.articles, args.rounds, args.workers)
    print(report(figures))
    if args.json:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"throughput-{figures['when'][:19].replace(':', '')}.json"
        path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
