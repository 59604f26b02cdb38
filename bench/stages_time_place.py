"""The date and place stages' share of run time, against the spaCy parse they follow.

Builds a few hundred sentences from templates (a date phrase and a place phrase around an event
verb), parses them with `nlp.pipe`, then times `resolve_date` and `PlaceResolver.for_document` +
`DocumentPlaces.locate` for one candidate per verb. The gazetteer's load from its cache file is
measured in a fresh process (wall time and resident memory added). Prints seconds and shares.

    .venv/bin/python bench/stages_time_place.py [--sentences 400]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from datetime import date

from casus.models import Document, EventCandidate, Parsed
from casus.nlp import load_pipeline
from casus.resolve.dates import resolve_date
from casus.resolve.gazetteer import Gazetteer
from casus.resolve.places import PlaceResolver

SUBJECTS = ["Israeli troops", "Russian forces", "The government", "Protesters", "Rebels",
            "The foreign minister", "Police", "Officials"]
CLAUSES = ["clashed with police {where} {when}", "will meet their counterparts {where} {when}",
           "raided homes {where} {when}", "held talks {where} {when}",
           "said {when} they had shelled positions {where}", "plan to visit {place} {when}"]
WHERE = ["in Jeddah", "in northern Nigeria", "off the island of Lesbos", "in the Kursk region",
         "in Khan Younis", "in Georgia", "near Kharkiv", "in the Red Sea", "at a Kyiv hospital"]
WHEN = ["on Tuesday", "on 4 February", "last week", "in December", "two years ago",
        "yesterday", "for three days", "next month", "earlier this month", "on Feb. 4, 2025"]
# Resident memory from /proc (Linux): current, not peak, so imports before the load don't count.
LOAD_PROBE = (
    "import os, time\n"
    "from casus.resolve.gazetteer import Gazetteer\n"
    "def rss():\n"
    "    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n"
    "before = rss()\n"
    "start = time.perf_counter()\n"
    "Gazetteer.load()\n"
    "print(time.perf_counter() - start, (rss() - before) / 2**20)\n"
)


def sentences(count: int) -> list[str]:
    combos = itertools.cycle(itertools.product(SUBJECTS, CLAUSES, WHERE, WHEN))
    out = []
    for subject, clause, where, when in itertools.islice(combos, 0, count * 7, 7):
        place = where.split(" ", 1)[1].removeprefix("the island of ")
        out.append(f"{subject} {clause.format(where=where, when=when, place=place)}.")
    return out


def candidates(parsed: Parsed) -> list[EventCandidate]:
    found = []
    for token in parsed.doc:
        if token.pos_ != "VERB":
            continue
        sent = token.sent
        found.append(EventCandidate(
            doc_id=parsed.document.id, sentence_index=0, sentence_start=sent.start_char,
            sentence_end=sent.end_char, trigger=token.text, trigger_start=token.idx,
            trigger_end=token.idx + len(token), anchor=token.i, cameo="010",
            mode="asserted", confidence=1.0))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=400)
    args = parser.parse_args()

    Gazetteer.load()  # build the cache file if this is the first run
    probe = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True,
                           check=True)
    load_s, load_mb = (float(v) for v in probe.stdout.split())

    nlp = load_pipeline()
    texts = sentences(args.sentences)
    published = date(2025, 1, 29)
    documents = [Document(id=str(i), text=t, published=published) for i, t in enumerate(texts)]
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    parsed = [Parsed(d, doc) for d, doc in zip(documents, nlp.pipe(texts), strict=True)]
    parse_s = time.perf_counter() - start

    work = [(p, candidates(p)) for p in parsed]
    resolve_date(*next((p, c[0]) for p, c in work if c))  # import and warm dateparser
    start = time.perf_counter()
    dated = sum(resolve_date(p, c) is not None for p, cs in work for c in cs)
    date_s = time.perf_counter() - start

    resolver = PlaceResolver(Gazetteer.load())
    start = time.perf_counter()
    located = 0
    for p, cs in work:
        places = resolver.for_document(p)
        located += sum(places.locate(c) is not None for c in cs)
    place_s = time.perf_counter() - start

    n = sum(len(cs) for _, cs in work)
    total = parse_s + date_s + place_s
    print(f"sentences {len(texts)}, candidates {n}, dated {dated}, located {located}")
    print(f"gazetteer load from cache: {load_s:.2f} s, +{load_mb:.0f} MB resident")
    for name, seconds in [("parse", parse_s), ("dates", date_s), ("places", place_s)]:
        print(f"{name:7} {seconds:7.3f} s  {100 * seconds / total:5.1f} %"
              f"  ({1000 * seconds / max(n, 1):.3f} ms per candidate)")


if __name__ == "__main__":
    main()
