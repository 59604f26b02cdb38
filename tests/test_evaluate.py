"""The evaluation harness without spaCy: fragments, matching, scoring, set readers, floors, the
report and the CLI, all driven by hand-built events and a fake pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import EvaluationError
from casus.evaluate import (
    ActorSpec,
    Case,
    Counts,
    Evaluator,
    ExpectedEvent,
    Floors,
    Outcome,
    PlaceSpec,
    align,
    case_passes,
    check_floors,
    full_matching,
    load_floors,
    raise_floors,
    render_markdown,
    save_floors,
    score_classes,
    score_events,
)
from casus.evaluate.golden import load_golden
from casus.evaluate.runner import Skipped
from casus.evaluate.scoring import class_of_root, predicted_class
from casus.evaluate.shared import load_confli_cameo, load_petr_unit, load_plover_gsr
from casus.models import Actor, Document, Event, Evidence, Place, Reject, Result

PLOVER_OF_ROOT = {"01": "AGREE", "03": "COOPERATE", "04": "CONSULT", "11": "ACCUSE",
                  "19": "ASSAULT", "07": "AID", "14": "PROTEST"}


def actor(code: str, text: str = "", country: str | None = None, role: str | None = None):
    return Actor(text=text or code, name=text or code, country=country or code[:3] or None,
                 role=role if role is not None else (code[3:] or None), code=code)


def event(cameo: str, source: Actor | None = None, target: Actor | None = None, *,
          mode: str = "asserted", when: str | None = "2025-01-29", place: Place | None = None,
          confidence: float = 0.8, plover: str | None = None) -> Event:
    evidence = Evidence(text="s", start=0, end=1, trigger="t", trigger_start=0, trigger_end=1)
    return Event(
        id=f"e{cameo}{confidence}", doc_id="d", sentence_index=0, evidence=evidence,
        source=source, target=target, cameo=cameo, cameo_name="name",
        plover=plover or PLOVER_OF_ROOT.get(cameo[:2], "CONSULT"), quad_class=1, goldstein=1.0,
        mode=mode, date=when, date_text=None, date_precision="day" if when else None,
        location=place, confidence=confidence,
    )


USA = ActorSpec(country="USA", role="GOV")
ISR = ActorSpec(country="ISR")


def case(events=(), case_id="c", text="A sentence.", label=None) -> Case:
    return Case(set="golden", id=case_id, text=text, events=tuple(events), label=label)


# --- fragments ------------------------------------------------------------------------------

def test_actor_spec_checks_only_what_it_gives():
    assert USA.agrees(actor("USAGOV"))
    assert not USA.agrees(actor("USAMIL"))
    assert not USA.agrees(None)
    assert ActorSpec(absent=True).agrees(None)
    assert not ActorSpec(absent=True).agrees(actor("USA"))
    assert ActorSpec(names=("Benjamin Netanyahu",)).agrees(actor("ISRGOV", "benjamin netanyahu"))


def test_actor_text_needs_a_shared_content_word():
    spec = ActorSpec(texts=("Hungarian officials", "Romania"))
    assert spec.agrees(actor("HUN", "senior Hungarian diplomats"))
    assert not spec.agrees(actor("HUN", "the government of Austria"))
    assert not ActorSpec(texts=("the ministry of the interior",)).agrees(actor("", "the army"))


def test_root_alternative_accepts_any_code_under_it_and_full_codes_must_be_exact():
    want = ExpectedEvent(cameo=("036", "04"))
    assert want.agrees("code", event("036")) and want.agrees("code", event("042"))
    assert not want.agrees("code", event("031"))
    assert want.agrees("root", event("031"))
    assert not ExpectedEvent(cameo=("03",)).gives("code")


def test_date_is_a_prefix_and_null_means_unknown():
    assert ExpectedEvent(date="2025-02").agrees("date", event("04", when="2025-02-04"))
    assert not ExpectedEvent(date="2025-02-05").agrees("date", event("04", when="2025-02-04"))
    assert ExpectedEvent(date_absent=True).agrees("date", event("04", when=None))
    assert not ExpectedEvent(date_absent=True).agrees("date", event("04"))


def test_location_fragment():
    washington = Place(name="Washington", country="USA")
    assert PlaceSpec(names=("washington",), country="USA").agrees(washington)
    assert not PlaceSpec(country="ISR").agrees(washington)
    assert PlaceSpec(absent=True).agrees(None) and not PlaceSpec().agrees(None)


# --- matching -------------------------------------------------------------------------------

def test_alignment_prefers_the_root_then_the_dyad():
    expected = [ExpectedEvent(cameo=("19",), source=ISR), ExpectedEvent(cameo=("04",), source=USA)]
    produced = [event("042", actor("USAGOV")), event("190", actor("ISRMIL")),
                event("193", actor("USAGOV"))]
    assert align(expected, produced) == [(0, 1), (1, 0)]


def test_an_unrelated_event_is_not_paired():
    expected = [ExpectedEvent(cameo=("19",), source=ISR, target=USA)]
    assert align(expected, [event("042", actor("IRNGOV"), actor("SYR"))]) == []
    untyped = [ExpectedEvent(mode="negated")]
    assert align(untyped, [event("042", actor("IRN"))]) == [(0, 0)]


def test_case_passes_needs_a_distinct_event_per_expectation():
    want = [ExpectedEvent(cameo=("04",)), ExpectedEvent(cameo=("04",), source=USA)]
    one = [event("042", actor("USAGOV"))]
    two = [event("040", actor("IRN"))] + one
    assert not case_passes(case(want), one)
    assert case_passes(case(want), two), "a maximum matching, not the first fit"
    assert full_matching(want, two) == [(0, 0), (1, 1)]
    assert case_passes(case(), []) and not case_passes(case(), one)
    assert case_passes(case(want[:1]), two), "extra events do not fail a case"


def test_optional_events_are_ignored_and_forbidden_ones_fail():
    attack = event("190", actor("ISRMIL"), actor("PSE"))
    optional = Case(set="g", id="o", text="t", optional=(ExpectedEvent(cameo=("19",)),))
    assert case_passes(optional, [attack])
    forbid = Case(set="g", id="f", text="t", events=(ExpectedEvent(cameo=("13",)),),
                  forbid=(ExpectedEvent(cameo=("19",), mode="asserted"),))
    threat = event("138", actor("ISRGOV"))
    assert case_passes(forbid, [threat])
    assert not case_passes(forbid, [threat, attack])
    score = score_events("golden", [Outcome(forbid, (threat, attack)),
                                    Outcome(optional, (attack,))])
    prf = dict(score.prf)
    assert prf["full"] == Counts(tp=1, fp=1, fn=0) and prf["event"] == Counts(1, 1, 0)
    assert dict(score.accuracies)["forbid_kept"].value == 0.0


# --- scoring --------------------------------------------------------------------------------

def test_counts():
    assert Counts(0, 0, 0).f1 == 0.0
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_score_events_counts_fields_and_unpaired_events():
    consult = ExpectedEvent(cameo=("036",), plover="CONSULT", mode="planned", source=USA,
                            target=ISR, date="2025-02-04")
    outcomes = [
        Outcome(case([consult], "right-but-mode"),
                (event("036", actor("USAGOV"), actor("ISRGOV"), when="2025-02-04",
                       plover="CONSULT"),)),
        Outcome(case([], "spurious"), (event("190", actor("IRN")),)),
        Outcome(case([ExpectedEvent(cameo=("112",), source=ISR)], "missed"), ()),
        Outcome(case([ExpectedEvent(cameo=("190",), source=ISR)], "wrong-source"),
                (event("193", actor("PSE")),)),
    ]
    score = score_events("golden", outcomes)
    prf = dict(score.prf)
    assert prf["event"] == Counts(tp=2, fp=1, fn=1)
    assert prf["root"] == Counts(tp=2, fp=1, fn=1)
    assert prf["code"] == Counts(tp=1, fp=2, fn=2)
    assert prf["mode"] == Counts(tp=0, fp=2, fn=1)
    assert prf["source"] == Counts(tp=1, fp=2, fn=2)
    assert "location" not in prf, "a field no case gives is not scored"
    accuracies = dict(score.accuracies)
    assert accuracies["case_pass"].value == 0.0
    assert (accuracies["source_country"].hits, accuracies["source_country"].total) == (1, 2)
    assert accuracies["date"].value == 1.0
    assert score.figure("event.f1") == pytest.approx(2 / 3)
    assert ("19", "19", 1) in score.confusion and ("--", "19", 1) in score.confusion
    assert ("11", "--", 1) in score.confusion
    assert [m.case_id for m in score.misses] == [
        "spurious", "missed", "wrong-source", "right-but-mode"]
    assert score.misses[1].lines() == ["expected ISR -> ? 112", "produced (no event)"]


def test_class_mapping_and_strongest_event():
    assert [class_of_root(r) for r in ("01", "02", "03", "05", "06", "08", "09", "13", "14",
                                       "20")] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    events = [event("042", confidence=0.6), event("190", confidence=0.9),
              event("111", confidence=0.9)]
    assert predicted_class(events) == 4, "the most confident event wins; the first of a tie"
    assert predicted_class([]) == 0


def test_score_classes_macro_f1():
    outcomes = [
        Outcome(case(label=4, case_id="1"), (event("190"),)),
        Outcome(case(label=4, case_id="2"), ()),
        Outcome(case(label=0, case_id="3"), ()),
        Outcome(case(label=1, case_id="4"), (event("042"),)),
    ]
    score = score_classes("confli_cameo", outcomes)
    # class 0: tp1 fp1 -> f1 2/3; class 1: 1.0; class 4: p1 r.5 -> 2/3; classes 2, 3: 0.
    assert score.figure("class.macro_f1") == pytest.approx((2 / 3 + 1 + 2 / 3) / 5)
    assert score.figure("class.accuracy") == 0.75
    assert [m.case_id for m in score.misses] == ["2"]
    assert "class 4" in score.misses[0].lines()[0]


# --- readers --------------------------------------------------------------------------------

def write_golden(folder: Path, *cases: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    return folder


def test_golden_reader_turns_fragments_into_expectations(tmp_path):
    folder = write_golden(tmp_path / "golden", {
        "id": "visit", "text": "T.", "published": "2025-01-29", "note": "n",
        "dictionaries": ["extra/actors.yaml"],
        "events": [{"source": {"country": "USA", "name": ["Donald Trump", "Trump"]},
                    "target": None, "cameo": ["036", "04"], "mode": "planned",
                    "date": "2025-02-04", "location": {"name": "Washington"}}],
    }, {"id": "none", "text": "Nothing happened.", "events": []})
    visit, none = load_golden(folder, tmp_path)
    want = visit.events[0]
    assert want.cameo == ("036", "04") and want.source.names == ("Donald Trump", "Trump")
    assert want.target.absent and want.location.names == ("Washington",)
    assert visit.published == date(2025, 1, 29)
    assert visit.dictionaries == (str(tmp_path / "extra/actors.yaml"),)
    assert none.events == ()


@pytest.mark.parametrize("bad, message", [
    ({"id": "x", "text": "T.", "events": [{"cameo": "036", "moode": "planned"}]}, "'moode'"),
    ({"id": "x", "text": "T.", "events": [{"mode": "maybe"}]}, "unknown mode"),
    ({"id": "x", "text": "T.", "events": [{"cameo": "3"}]}, "CAMEO codes"),
    ({"id": "x", "text": "T."}, "'events' must be a list"),
    ({"id": "x", "text": "", "events": []}, "'text'"),
])
def test_golden_reader_names_the_line_of_a_bad_case(tmp_path, bad, message):
    folder = write_golden(tmp_path / "golden", {"id": "ok", "text": "T.", "events": []}, bad)
    with pytest.raises(EvaluationError, match="cases.jsonl:2") as info:
        load_golden(folder, tmp_path)
    assert message in str(info.value)


def test_golden_ids_are_unique(tmp_path):
    folder = write_golden(tmp_path / "g", *[{"id": "a", "text": "T.", "events": []}] * 2)
    with pytest.raises(EvaluationError, match="already used"):
        load_golden(folder, tmp_path)


PETR_XML = """<Validation><Sentences>
<Sentence date="19950101" id="R-1" category="DEMO" sentence="true">
<!-- probes a plain dyad -->
<EventCoding sourcecode="AAA" targetcode="BBBGOV" eventcode="064"></EventCoding>
<EventCoding sourcecode="BBB" targetcode="AAA" eventcode="174K"></EventCoding>
<Text>
Alpha restored ties
with Beta.
</Text>
<Parse>(ROOT (S (NP (NNP Alpha))))</Parse>
</Sentence>
<Sentence date="19950102" id="R-1" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="19950102" id="R-2" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>Broken.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_petr_reader(tmp_path):
    (tmp_path / "PETR.UnitTest.records.xml").write_text(PETR_XML)
    for name in ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt"):
        (tmp_path / name).write_text("")
    cases, notes = load_petr_unit(tmp_path)
    first, second = cases
    assert [c.id for c in cases] == ["R-1", "R-1#2"]
    assert first.text == "Alpha restored ties with Beta."
    assert first.published == date(1995, 1, 1)
    assert first.events[1].cameo == ("174K",) and first.events[0].target.code == "BBBGOV"
    assert first.note == "DEMO probes a plain dyad"
    assert second.events == ()
    assert first.dictionaries[0].endswith("PETR.Validate.actors.txt")
    assert "1 records" in notes[0]


def test_plover_reader_skips_the_document_record_and_maps_old_labels(tmp_path):
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {"id": "P-1", "event": "FIGHT", "text": "Troops  attacked rebels.",
         "source": [{"actorText": "Troops"}], "target": None},
        {"id": "P-2", "event": "AGREE", "text": "They agreed.", "source": []},
    ]
    (tmp_path / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps(records))
    cases, _ = load_plover_gsr(tmp_path)
    assert [c.id for c in cases] == ["P-1", "P-2"]
    assert cases[0].events[0].plover == "ASSAULT" and cases[0].text == "Troops attacked rebels."
    assert cases[0].events[0].source.texts == ("Troops",) and cases[0].events[0].target is None
    assert cases[1].events[0].source is None


def test_confli_reader(tmp_path):
    (tmp_path / "train.tsv").write_text("A said B.\t0\nC bombed D.\t4\n")
    cases, _ = load_confli_cameo(tmp_path)
    assert [(c.id, c.label) for c in cases] == [("1", 0), ("2", 4)]
    (tmp_path / "train.tsv").write_text("A said B.\t7\n")
    with pytest.raises(EvaluationError, match="train.tsv:1"):
        load_confli_cameo(tmp_path)


def test_missing_shared_file_is_an_evaluation_error(tmp_path):
    with pytest.raises(EvaluationError, match="missing"):
        load_plover_gsr(tmp_path)


# --- floors ---------------------------------------------------------------------------------

def scored(name="golden", **figures):
    outcomes = [Outcome(case([ExpectedEvent(cameo=("04",))]), (event("042"),))]
    score = score_events(name, outcomes)
    return score.__class__(**{**{f: getattr(score, f) for f in score.__slots__},
                              "figures": tuple(figures.items())})


def test_gate_breaks_only_beyond_epsilon():
    floors = Floors(0.005, {"golden": {"event.f1": 0.80, "root.f1": 0.50}})
    assert check_floors([scored(**{"event.f1": 0.796, "root.f1": 0.6})], floors) == []
    breaches = check_floors([scored(**{"event.f1": 0.794, "root.f1": 0.6})], floors)
    assert [(b.figure, b.floor) for b in breaches] == [("event.f1", 0.80)]
    assert "below its floor" in breaches[0].line()


def test_a_pinned_figure_that_is_no_longer_measured_breaks_the_gate():
    floors = Floors(0.005, {"golden": {"location.f1": 0.5}, "petr_unit": {"dyad.f1": 0.9}})
    breaches = check_floors([scored(**{"event.f1": 1.0})], floors)
    assert [(b.set, b.figure, b.value) for b in breaches] == [("golden", "location.f1", None)]


def test_floors_are_only_raised():
    floors = Floors(0.005, {"golden": {"event.f1": 0.8, "root.f1": 0.7}})
    raised, changes = raise_floors(floors, [scored(**{"event.f1": 0.9, "root.f1": 0.6,
                                                      "mode.f1": 0.55555})], margin=0.02)
    assert raised.values["golden"] == {"event.f1": 0.88, "root.f1": 0.7, "mode.f1": 0.5355}
    assert {(c.figure, c.old) for c in changes} == {("event.f1", 0.8), ("mode.f1", None)}


def test_floors_round_trip_and_bad_files(tmp_path):
    path = tmp_path / "eval" / "floors.json"
    assert load_floors(path) == Floors()
    save_floors(path, Floors(0.005, {"golden": {"root.f1": 0.5, "event.f1": 0.25}}))
    assert load_floors(path).values == {"golden": {"event.f1": 0.25, "root.f1": 0.5}}
    path.write_text('{"floors": [1]}')
    with pytest.raises(EvaluationError, match="not a floors file"):
        load_floors(path)


# --- report ---------------------------------------------------------------------------------

def test_report_is_deterministic_and_quotes_only_our_own_sentences():
    golden = score_events("golden", [Outcome(case([ExpectedEvent(cameo=("19",))],
                                                  text="Our own sentence."), ())])
    plover = score_events("plover_gsr", [Outcome(case([ExpectedEvent(plover="AID")],
                                                      text="A borrowed sentence."), ())])
    skipped = [Skipped("confli_cameo", "/x not found")]
    args = ([golden, plover], skipped, Floors(0.005, {"golden": {"event.f1": 0.1}}),
            date(2025, 3, 1), "abc1234")
    page = render_markdown(*args)
    assert page == render_markdown(*args)
    assert "2025-03-01" in page and "`abc1234`" in page
    assert "Our own sentence." in page and "A borrowed sentence." not in page
    assert "## `plover_gsr`" in page and "`confli_cameo`: /x not found" in page
    assert "| `event` | 0 | 0 | 1 | 0.000 | 0.000 | 0.000 | 0.100 |" in page


# --- runner and CLI with a fake pipeline -----------------------------------------------------

class FakePipeline:
    """Codes "X hit Y" as an assault by X on Y; rejects texts that say "reject"."""

    calls: list[tuple[tuple[str, ...], int]] = []

    def __init__(self, settings):
        self.settings = settings

    def documents(self, documents):
        documents = list(documents)
        FakePipeline.calls.append((self.settings.dictionaries, len(documents)))
        for doc in documents:
            if "reject" in doc.text:
                yield Reject(origin=doc.id, stage="nlp", error="E", message="no", doc_id=doc.id)
                continue
            words = doc.text.rstrip(".").split()
            events = ()
            if "hit" in words:
                i = words.index("hit")
                events = (event("190", actor(words[i - 1]), actor(words[i + 1])),)
            yield Result(document=Document(id=doc.id, text=doc.text), events=events)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    write_golden(root / "tests" / "golden",
                 {"id": "hit", "text": "USA hit ISR.", "events": [
                     {"cameo": "19", "source": {"country": "USA"}, "target": {"code": "ISR"}}]},
                 {"id": "calm", "text": "All is calm.", "events": []},
                 {"id": "miss", "text": "ISR hit USA.", "dictionaries": ["d.txt"], "events": [
                     {"cameo": "19", "source": {"country": "USA"}}]},
                 {"id": "bad", "text": "please reject me", "events": []})
    monkeypatch.chdir(root)
    monkeypatch.setattr("casus.evaluate.runner._default_factory", FakePipeline)
    FakePipeline.calls = []
    return root


def test_evaluator_batches_by_dictionaries_and_keeps_case_order(repo):
    evaluator = Evaluator()
    loaded = evaluator.load(evaluator.available(["golden"])[0][0])
    outcomes = evaluator.outcomes(loaded.cases)
    assert [o.case.id for o in outcomes] == ["hit", "calm", "miss", "bad"]
    assert FakePipeline.calls == [((), 3), ((str(repo / "d.txt"),), 1)]
    assert outcomes[0].events[0].source.code == "USA"
    assert outcomes[3].rejected == "no"
    score = evaluator.score(loaded)
    assert score.figure("event.recall") == 1.0 and score.figure("source.recall") == 0.5
    assert score.figure("case_pass.accuracy") == 0.75
    assert any("rejected" in n for n in score.notes)


def test_absent_shared_sets_are_skipped(repo):
    ready, skipped = Evaluator().available()
    assert [s.name for s in ready] == ["golden"]
    assert {s.name for s in skipped} == {"petr_unit", "plover_gsr", "confli_cameo"}
    with pytest.raises(EvaluationError, match="unknown evaluation set"):
        Evaluator().available(["gold"])


def test_cli_gate_update_and_docs(repo):
    runner = CliRunner()
    floors = repo / "eval" / "floors.json"
    save_floors(floors, Floors(0.005, {"golden": {"source.f1": 0.51}}))
    result = runner.invoke(app, ["eval", "golden", "--write-docs", "docs/EVALUATION.md"])
    assert result.exit_code == 1, result.output
    assert "golden source.f1: 0.5000 is below its floor 0.5100" in result.output
    assert "skipping" not in result.output
    assert "# casus evaluation" in (repo / "docs" / "EVALUATION.md").read_text()

    save_floors(floors, Floors(0.005, {"golden": {"source.f1": 0.2, "event.f1": 1.0}}))
    result = runner.invoke(app, ["eval", "--update-floors"])
    assert result.exit_code == 0, result.output
    assert "skipping petr_unit" in result.output
    assert "golden source.f1: 0.2000 -> 0.5000" in result.output
    assert "golden event.f1" not in result.output
    pinned = load_floors(floors).values["golden"]
    assert pinned["source.f1"] == 0.5 and pinned["case_pass.accuracy"] == 0.75


def test_cli_explain_unknown_case_is_one_line(repo):
    result = CliRunner().invoke(app, ["eval", "--explain", "nope"])
    assert result.exit_code == 2
    assert "no case 'nope' in golden" in result.output


@pytest.mark.model
def test_explain_shows_the_parse_the_trace_and_both_sides(tmp_path):
    from casus.evaluate import explain_case

    repo_root = Path(__file__).resolve().parents[1]
    folder = write_golden(tmp_path / "g", {
        "id": "condemn", "text": "Iran condemned Israel on Monday.", "published": "2025-01-29",
        "events": [{"source": {"country": "IRN"}, "cameo": "11"}],
        "forbid": [{"cameo": "19"}]})
    (want,) = load_golden(folder, repo_root)
    evaluator = Evaluator(repo=repo_root)
    explanation = explain_case(want, evaluator.pipeline())
    assert [t.text for t in explanation.tokens][:3] == ["Iran", "condemned", "Israel"]
    assert explanation.tokens[0].dep == "nsubj" and explanation.tokens[0].head == 1
    assert any("condemn" in line for line in explanation.trace)
    assert explanation.events and explanation.events[0].root == "11"
    assert explanation.expected == ("IRN -> ? 11", "forbidden: ? -> ? 19")
    assert explanation.verdict.startswith("pass")


def test_known_failures_list_only_shrinks(tmp_path):
    from casus.evaluate.golden import read_known_failures, write_known_failures

    path = tmp_path / "known.txt"
    assert write_known_failures(path, {"b", "a"}, ["a", "b", "c"]) == ["a", "b"]
    assert read_known_failures(path) == {"a", "b"}
    # "a" now passes and "c" newly fails: a is dropped, c is not added
    assert write_known_failures(path, {"b", "c"}, ["a", "b", "c"]) == ["b"]
    assert read_known_failures(path) == {"b"}
    assert path.read_text(encoding="utf-8").startswith("# Golden cases")
