"""Read golden cases (``tests/golden/*.jsonl``): one case a line, events as CONTRACT fragments.

The reader is strict: an unknown key is an error naming the file and line, so a misspelt field
never silently stops being checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casus.errors import EvaluationError
from casus.evaluate.cases import ActorSpec, Case, ExpectedEvent, PlaceSpec
from casus.models import DATE_PRECISIONS, MODES, PLOVER_TYPES, parse_iso_date

CASE_KEYS = frozenset(
    {"id", "text", "published", "note", "events", "optional", "forbid", "dictionaries"}
)
EVENT_KEYS = frozenset(
    {"source", "target", "cameo", "plover", "mode", "date", "date_precision", "location"}
)
ACTOR_KEYS = frozenset({"country", "role", "code", "kind", "name", "text"})
PLACE_KEYS = frozenset({"name", "country"})


def load_golden(folder: Path, repo: Path, set_name: str = "golden") -> tuple[Case, ...]:
    """Every case of every ``*.jsonl`` file in ``folder``, files in name order."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise EvaluationError(f"no golden files (*.jsonl) in {folder}")
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{file.name}:{number}"
            case = _case(_json(line, where), where, repo, set_name, file.stem)
            if case.id in seen:
                raise EvaluationError(f"{where}: case id {case.id!r} already used at {seen[case.id]}")
            seen[case.id] = where
            cases.append(case)
    return tuple(cases)


def _json(line: str, where: str) -> Mapping[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise EvaluationError(f"{where}: a case must be a JSON object")
    return data


def _case(data: Mapping[str, Any], where: str, repo: Path, set_name: str, group: str) -> Case:
    _known(data, CASE_KEYS, where, "case")
    for key in ("id", "text"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise EvaluationError(f"{where}: {key!r} must be a non-empty string")
    if not isinstance(data.get("events"), list):
        raise EvaluationError(f"{where}: 'events' must be a list ([] for a text with no event)")
    for key in ("optional", "forbid"):
        if not isinstance(data.get(key, []), list):
            raise EvaluationError(f"{where}: {key!r} must be a list of event fragments")
    try:
        published = parse_iso_date(data.get("published"))
    except ValueError:
        raise EvaluationError(f"{where}: 'published' is not an ISO date") from None
    where = f"{where} ({data['id']})"
    return Case(
        set=set_name,
        id=data["id"],
        text=data["text"],
        published=published,
        events=_events(data, "events", where),
        optional=_events(data, "optional", where),
        forbid=_events(data, "forbid", where),
        group=group,
        dictionaries=tuple(str(repo / p) for p in _strings(data, "dictionaries", where)),
        note=str(data.get("note") or ""),
    )


def _events(data: Mapping[str, Any], key: str, where: str) -> tuple[ExpectedEvent, ...]:
    return tuple(_event(e, f"{where} {key} {n}") for n, e in enumerate(data.get(key, []), 1))


def _event(data: Any, where: str) -> ExpectedEvent:
    if not isinstance(data, dict):
        raise EvaluationError(f"{where}: an event must be a JSON object")
    _known(data, EVENT_KEYS, where, "event")
    cameo = _strings(data, "cameo", where)
    if any(not (c[:2].isdigit() and 2 <= len(c) <= 4) for c in cameo):
        raise EvaluationError(f"{where}: 'cameo' must be CAMEO codes such as '03' or '036'")
    plover = data.get("plover")
    if plover is not None and plover not in PLOVER_TYPES:
        raise EvaluationError(f"{where}: unknown PLOVER type {plover!r}")
    mode = data.get("mode")
    if mode is not None and mode not in MODES:
        raise EvaluationError(f"{where}: unknown mode {mode!r}; one of {', '.join(MODES)}")
    return ExpectedEvent(
        cameo=cameo,
        plover=plover,
        mode=mode,
        date=_date(data, where),
        date_absent="date" in data and data["date"] is None,
        date_precision=_precision(data, where),
        source=_actor(data, "source", where),
        target=_actor(data, "target", where),
        location=_place(data, where),
    )


def _date(data: Mapping[str, Any], where: str) -> str | None:
    value = data.get("date")
    if value is None:
        return None
    if not isinstance(value, str) or not value[:4].isdigit():
        raise EvaluationError(f"{where}: 'date' must be an ISO date or its prefix ('2025-02')")
    return value


def _precision(data: Mapping[str, Any], where: str) -> str | None:
    value = data.get("date_precision")
    if value is not None and value not in DATE_PRECISIONS:
        raise EvaluationError(
            f"{where}: 'date_precision' must be one of {', '.join(DATE_PRECISIONS)}"
        )
    return value


def _actor(data: Mapping[str, Any], side: str, where: str) -> ActorSpec | None:
    if side not in data:
        return None
    value = data[side]
    if value is None:
        return ActorSpec(absent=True)
    if not isinstance(value, dict) or not value:
        raise EvaluationError(f"{where}: {side!r} must be an object with actor fields, or null")
    _known(value, ACTOR_KEYS, f"{where} {side}", "actor")
    return ActorSpec(
        country=value.get("country"),
        role=value.get("role"),
        code=value.get("code"),
        kind=value.get("kind"),
        names=_strings(value, "name", where),
        texts=_strings(value, "text", where),
    )


def _place(data: Mapping[str, Any], where: str) -> PlaceSpec | None:
    if "location" not in data:
        return None
    value = data["location"]
    if value is None:
        return PlaceSpec(absent=True)
    if not isinstance(value, dict) or not value:
        raise EvaluationError(f"{where}: 'location' must be an object (name, country), or null")
    _known(value, PLACE_KEYS, f"{where} location", "location")
    return PlaceSpec(names=_strings(value, "name", where), country=value.get("country"))


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A field that may be one string or a list of alternatives."""
    value = data.get(key)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise EvaluationError(f"{where}: {key!r} must be a string or a list of strings")
    return tuple(values)


def _known(data: Mapping[str, Any], keys: frozenset[str], where: str, what: str) -> None:
    unknown = sorted(set(data) - keys)
    if unknown:
        raise EvaluationError(
            f"{where}: unknown {what} key {unknown[0]!r}; known: {', '.join(sorted(keys))}"
        )


KNOWN_FAILURES_HEADER = """\
# Golden cases casus does not pass yet, one id a line. tests/test_golden.py expects each of these
# to fail (strict xfail): when one starts passing, that test fails until its id is removed here,
# so the list only shrinks. Rewrite it with `make golden-known` (drops ids that now pass; a case
# that newly fails is never added by it).
"""


def read_known_failures(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def write_known_failures(path: Path, failing: set[str], order: list[str]) -> list[str]:
    """Keep the ids that still fail; a missing file starts the list from every failing case."""
    known = read_known_failures(path) if path.exists() else set(failing)
    kept = [case_id for case_id in order if case_id in known and case_id in failing]
    path.write_text(KNOWN_FAILURES_HEADER + "".join(f"{i}\n" for i in kept), encoding="utf-8")
    return kept
