"""The quality gate: every pinned figure holds, and the gate can fail.

`test_every_set_holds_its_floors` runs the evaluation on the golden cases and, where the shared
folder is present, the shared sets, and checks eval/floors.json. The other tests show the gate
failing: on a tiny set of our own with a floor set above what casus scores, and when one trigger
is removed from a copy of the lexicon.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from casus.evaluate import (
    FLOORS_FILE,
    Evaluator,
    Floors,
    check_floors,
    load_floors,
    raise_floors,
)
from casus.evaluate.golden import load_golden

REPO = Path(__file__).resolve().parents[1]
# The trigger the weakening test removes, and sentences of our own that need it.
REMOVED = "condemn"
TINY_SET = [
    {"id": "condemn-1", "text": "Iran condemned Israel on Monday.", "published": "2025-01-29",
     "events": [{"source": {"country": "IRN"}, "target": {"country": "ISR"}, "cameo": "11"}]},
    {"id": "condemn-2", "text": "The French government condemned Russia.",
     "published": "2025-01-29",
     "events": [{"source": {"country": "FRA"}, "target": {"country": "RUS"}, "cameo": "11"}]},
    {"id": "calm", "text": "The weather was mild in Paris.", "published": "2025-01-29",
     "events": []},
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden")
    (folder / "tiny.jsonl").write_text("\n".join(json.dumps(c) for c in TINY_SET) + "\n")
    return load_golden(folder, REPO)


def score(cases, make_pipeline=None):
    return Evaluator(repo=REPO, make_pipeline=make_pipeline).outcomes(cases)


@pytest.mark.model
def test_every_set_holds_its_floors():
    floors = load_floors(REPO / FLOORS_FILE)
    assert floors.values, f"{FLOORS_FILE} pins no floor"
    scores, skipped = Evaluator(repo=REPO).run()
    assert {s.name for s in scores} >= {"golden"}
    breaches = check_floors(scores, floors)
    assert not breaches, "\n".join(b.line() for b in breaches)


@pytest.mark.model
def test_a_floor_above_the_measurement_fails_the_gate(tiny):
    from casus.evaluate import score_events

    measured = score_events("tiny", score(tiny))
    at, _ = raise_floors(Floors(), [measured])
    assert check_floors([measured], at) == [], "floors at the measurement hold"
    above = Floors(0.005, {"tiny": {"event.f1": measured.figure("event.f1") + 0.01}})
    (breach,) = check_floors([measured], above)
    assert breach.figure == "event.f1" and breach.value == measured.figure("event.f1")


@pytest.mark.model
def test_removing_a_lexicon_entry_is_reported_as_a_drop(tiny, tmp_path):
    from casus.evaluate import score_events
    from casus.extract import Extractor
    from casus.extract.lexicon import default_lexicon_dir
    from casus.pipeline import Pipeline

    weakened = shutil.copytree(default_lexicon_dir(), tmp_path / "lexicon")
    triggers = weakened / "triggers.yaml"
    lexicon = yaml.safe_load(triggers.read_text(encoding="utf-8"))
    for entry in lexicon["entries"].values():
        for kind in ("verbs", "nouns"):
            if entry.get(kind):
                entry[kind] = [p for p in entry[kind] if p.split()[0] != REMOVED]
    triggers.write_text(yaml.safe_dump(lexicon), encoding="utf-8")

    def weakened_pipeline(settings):
        pipeline = Pipeline(settings)
        pipeline.extractor = Extractor(lexicon_path=weakened)
        return pipeline

    full = score_events("tiny", score(tiny))
    assert full.figure("event.recall") == 1.0, "the full lexicon finds both condemnations"
    floors, _ = raise_floors(Floors(), [full])
    weak = score_events("tiny", score(tiny, weakened_pipeline))
    dropped = {b.figure for b in check_floors([weak], floors)}
    assert {"event.recall", "root.f1", "dyad.f1"} <= dropped
