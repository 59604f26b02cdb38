"""Every golden case (tests/golden/*.jsonl) as its own test: each expected event must be met, in
every field the case gives, by an event of its own; a case with `"events": []` must yield none.

All cases go through the pipeline together (one batched parse) and each test checks its own.
Adding a case touches no Python.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.evaluate import Evaluator, case_passes
from casus.evaluate.cases import describe_event
from casus.evaluate.golden import load_golden, read_known_failures

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
CASES = load_golden(GOLDEN, REPO) if any(GOLDEN.glob("*.jsonl")) else ()
KNOWN_FAILURES = read_known_failures(GOLDEN / "known_failures.txt")


def _param(case):
    if case.id in KNOWN_FAILURES:
        mark = pytest.mark.xfail(strict=True, reason="listed in tests/golden/known_failures.txt")
        return pytest.param(case, id=case.id, marks=mark)
    return pytest.param(case, id=case.id)


@pytest.fixture(scope="module")
def outcomes():
    return {o.case.id: o for o in Evaluator(repo=REPO).outcomes(CASES)}


@pytest.mark.model
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden_case(case, outcomes):
    outcome = outcomes[case.id]
    assert outcome.rejected is None, f"the pipeline rejected the case: {outcome.rejected}"
    if not case_passes(case, outcome.events):
        expected = [e.describe() for e in case.events] or ["(no event)"]
        expected += [f"(forbidden) {e.describe()}" for e in case.forbid]
        produced = [describe_event(e) for e in outcome.events] or ["(no event)"]
        pytest.fail(
            f"{case.id} ({case.note})\n{case.text}\n"
            + "".join(f"  expected {line}\n" for line in expected)
            + "".join(f"  produced {line}\n" for line in produced)
            + f"  see: casus eval golden --explain {case.id}",
            pytrace=False,
        )
