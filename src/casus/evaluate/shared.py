"""Readers for the evaluation sets kept outside the repository (the ``shared`` folder).

These files are read where they lie and never copied into the repo. Each reader turns one set's
own format into ``Case`` records with CONTRACT fragments, so all sets are scored by the same code.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from casus.errors import EvaluationError
from casus.evaluate.cases import ActorSpec, Case, ExpectedEvent

PETR_RECORDS = "PETR.UnitTest.records.xml"
PETR_DICTIONARIES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
# The validation verb patterns: used when present, as a user trigger layer of the extractor.
PETR_VERBS = "PETR.Validate.verbs.txt"
PLOVER_FILE = "PLOVER_GSR_CAMEO.txt"
CONFLI_FILE = "train.tsv"

# The PLOVER gold set predates the current 16 types; these are its retired labels' successors.
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
              "INVESTIGATE": "ACCUSE"}
CONFLI_CLASSES = 5


def load_petr_unit(folder: Path) -> tuple[tuple[Case, ...], tuple[str, ...]]:
    """PETRARCH validation records, coded with the validation actor and agent dictionaries (and
    verb dictionary, when the folder has one).

    Records whose only coding is an ``error`` (they test PETRARCH's own input checks) are skipped
    and counted in the returned notes.
    """
    file = folder / PETR_RECORDS
    dictionaries = tuple(str(folder / name) for name in PETR_DICTIONARIES)
    for path in (file, *map(Path, dictionaries)):
        _require(path)
    if (folder / PETR_VERBS).is_file():
        dictionaries += (str(folder / PETR_VERBS),)
    root = _parse_xml(file)
    cases, skipped, ids = [], 0, Counter()
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if codings and all(c.get("error") for c in codings):
            skipped += 1
            continue
        ids[sentence.get("id", "")] += 1
        cases.append(_petr_case(sentence, codings, ids, dictionaries, file))
    notes = (f"{skipped} records that test PETRARCH's input errors are skipped.",)
    return tuple(cases), notes


def _parse_xml(file: Path) -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    try:
        return ET.parse(file, parser=parser).getroot()
    except ET.ParseError as exc:
        raise EvaluationError(f"{file}: not valid XML ({exc})") from None


def _petr_case(sentence, codings, ids: Counter, dictionaries, file: Path) -> Case:
    record = sentence.get("id", "")
    if not record:
        raise EvaluationError(f"{file}: a Sentence has no id")
    text = " ".join((sentence.findtext("Text") or "").split())
    if not text:
        raise EvaluationError(f"{file}: sentence {record} has no text")
    events = tuple(
        ExpectedEvent(
            cameo=(c.get("eventcode", ""),),
            source=ActorSpec(code=c.get("sourcecode")),
            target=ActorSpec(code=c.get("targetcode")),
        )
        for c in codings
        if c.get("eventcode")
    )
    comments = [" ".join((c.text or "").split()) for c in sentence if c.tag is ET.Comment]
    return Case(
        set="petr_unit",
        id=_unique(record, ids[record]),
        text=text,
        published=_petr_date(sentence.get("date"), record, file),
        events=events,
        dictionaries=dictionaries,
        note=" ".join([sentence.get("category", "")] + comments[:1]).strip(),
        group=sentence.get("category", ""),
    )


def _petr_date(value: str | None, record: str, file: Path) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise EvaluationError(f"{file}: sentence {record} has a bad date {value!r}") from None


def load_plover_gsr(folder: Path) -> tuple[tuple[Case, ...], tuple[str, ...]]:
    """PLOVER gold-standard records: the event type and the source/target actor texts."""
    file = _require(folder / PLOVER_FILE)
    try:
        records = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{file}: not valid JSON ({exc.msg})") from None
    if not isinstance(records, list):
        raise EvaluationError(f"{file}: expected a JSON list of records")
    cases, ids = [], Counter()
    for record in records:
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        ids[record.get("id", "")] += 1
        cases.append(_plover_case(record, ids, file))
    return tuple(cases), ("Old PLOVER labels are mapped: "
                          + ", ".join(f"{a}->{b}" for a, b in OLD_PLOVER.items()) + ".",)


def _plover_case(record: dict[str, Any], ids: Counter, file: Path) -> Case:
    record_id, text, label = record.get("id"), record.get("text"), record.get("event")
    if not (record_id and text and label):
        raise EvaluationError(f"{file}: record {record_id or '?'} lacks id, text or event")
    expected = ExpectedEvent(
        plover=OLD_PLOVER.get(label, label),
        source=_plover_actor(record.get("source")),
        target=_plover_actor(record.get("target")),
    )
    return Case(
        set="plover_gsr",
        id=_unique(record_id, ids[record_id]),
        text=" ".join(text.split()),
        published=None,
        events=(expected,),
        note=str(record.get("comment") or record.get("context") or ""),
    )


def _plover_actor(value: Any) -> ActorSpec | None:
    texts = tuple(a["actorText"] for a in value or () if isinstance(a, dict) and a.get("actorText"))
    return ActorSpec(texts=texts) if texts else None


def load_confli_cameo(folder: Path) -> tuple[tuple[Case, ...], tuple[str, ...]]:
    """Sentences labelled with their main event class; a case's id is its line number."""
    file = _require(folder / CONFLI_FILE)
    cases = []
    with file.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row:
                continue
            if len(row) != 2 or row[1].strip() not in {str(c) for c in range(CONFLI_CLASSES)}:
                raise EvaluationError(f"{file}:{number}: expected 'sentence<TAB>class 0-4'")
            cases.append(Case(set="confli_cameo", id=str(number), text=row[0].strip(),
                              label=int(row[1])))
    return tuple(cases), ()


def _require(path: Path) -> Path:
    if not path.is_file():
        raise EvaluationError(f"evaluation file {path} is missing")
    return path


def _unique(record_id: str, seen: int) -> str:
    # Both shared sets repeat an id or two; the second use becomes "<id>#2".
    return record_id if seen == 1 else f"{record_id}#{seen}"
