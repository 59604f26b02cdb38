"""Extraction cases as data: tests/extract/cases.jsonl, one probe per line.

A case lists expected events (code or root, source/target mention text or null for none, mode);
each must be found among the candidates. `"events": []` says the text yields nothing; `not_modes` says a code must
never come out in a given mode; `max_events` caps the number of candidates.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _matches(candidate, expected: dict) -> bool:
    if "cameo" in expected and candidate.cameo != expected["cameo"]:
        return False
    if "root" in expected and candidate.cameo[:2] != expected["root"]:
        return False
    if "mode" in expected and candidate.mode != expected["mode"]:
        return False
    for side in ("source", "target"):
        if side in expected:
            mention = getattr(candidate, side)
            if (mention.text if mention else None) != expected[side]:  # null: no participant
                return False
    return True


def _describe(candidates) -> str:
    return "; ".join(
        f"{c.cameo} {c.mode} {c.source.text if c.source else None!r}->"
        f"{c.target.text if c.target else None!r}"
        for c in candidates
    )


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(run, case):
    trace: list[str] = []
    candidates = run(case["text"], trace).candidates
    if not case["events"]:
        assert candidates == (), _describe(candidates)
    for expected in case["events"]:
        assert any(_matches(c, expected) for c in candidates), (
            f"missing {expected}; got {_describe(candidates)}; trace: {trace}"
        )
    for code, mode in case.get("not_modes", {}).items():
        assert not any(c.cameo == code and c.mode == mode for c in candidates), _describe(candidates)
    if "max_events" in case:
        assert len(candidates) <= case["max_events"], _describe(candidates)
