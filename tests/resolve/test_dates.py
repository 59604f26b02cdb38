"""Date resolution: JSONL cases through the real parser, plus the pure reader and the clause
geometry on hand-built parses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from casus.document import dateline_end
from casus.models import Document, EventCandidate, Parsed
from casus.resolve.clauses import attach
from casus.resolve.dates import FUTURE, PAST, read_expression, resolve_date

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "date_cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
PUBLISHED = date(2025, 1, 29)  # a Wednesday


def anchor_index(doc, word: str, nth: int = 0) -> int:
    """The token index of the nth token spelled ``word``: the event's anchor in a case."""
    found = [t.i for t in doc if t.text == word]
    assert len(found) > nth, f"{word!r} not in {doc.text!r}"
    return found[nth]


def candidate_at(parsed: Parsed, index: int, mode: str = "asserted") -> EventCandidate:
    token = parsed.doc[index]
    sentence = token.sent
    return EventCandidate(
        doc_id=parsed.document.id, sentence_index=0, sentence_start=sentence.start_char,
        sentence_end=sentence.end_char, trigger=token.text, trigger_start=token.idx,
        trigger_end=token.idx + len(token), anchor=index, cameo="010", mode=mode,
        confidence=1.0,
    )


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_date_case(parsed, case):
    item = parsed(case["text"], published=case["published"])
    index = anchor_index(item.doc, case["anchor"])
    got = resolve_date(item, candidate_at(item, index, case.get("mode", "asserted")))
    if case["date"] is None:
        assert got is None
        return
    assert got is not None, case["note"]
    assert got.date.isoformat() == case["date"], case["note"]
    if "precision" in case:
        assert got.precision == case["precision"], case["note"]
    if "date_text" in case:
        assert got.text == case["date_text"], case["note"]
    if "confidence" in case:
        assert got.confidence == pytest.approx(case["confidence"]), case["note"]


@pytest.mark.parametrize(("text", "direction", "expected", "precision"), [
    ("on Tuesday", PAST, "2025-01-28", "day"),
    ("on Tuesday", FUTURE, "2025-02-04", "day"),
    ("on Tuesday", None, "2025-01-28", "day"),
    ("last Wednesday", None, "2025-01-22", "day"),
    ("next Wednesday", None, "2025-02-05", "day"),
    ("Tuesday night", PAST, "2025-01-28", "day"),
    ("4 February", PAST, "2024-02-04", "day"),
    ("4 February", FUTURE, "2025-02-04", "day"),
    ("4 February", None, "2025-02-04", "day"),
    ("the 4th of February", FUTURE, "2025-02-04", "day"),
    ("February 4th", FUTURE, "2025-02-04", "day"),
    ("in December", PAST, "2024-12-01", "month"),
    ("in December", FUTURE, "2025-12-01", "month"),
    ("in December", None, "2024-12-01", "month"),
    ("in mid-March", PAST, "2024-03-01", "month"),
    ("early 2024", None, "2024-01-01", "year"),
    ("a week ago", None, "2025-01-22", "week"),
    ("two weeks ago", None, "2025-01-15", "week"),
    ("six months ago", None, "2024-07-01", "month"),
    ("last month", None, "2024-12-01", "month"),
    ("later this year", None, "2025-01-01", "year"),
    ("tomorrow", None, "2025-01-30", "day"),
    ("last weekend", None, "2025-01-25", "day"),
])
def test_read_expression(text, direction, expected, precision):
    reading = read_expression(text, PUBLISHED, direction)
    assert reading is not None
    assert (reading.date.isoformat(), reading.precision) == (expected, precision)


@pytest.mark.parametrize("text", [
    "for three days", "more than 15 months", "the past week", "the past two years",
    "in recent weeks", "24 hours", "the 1990s", "decades", "Tuesday's vote count",
])
def test_durations_and_non_dates_are_not_dates(text):
    assert read_expression(text, PUBLISHED, PAST) is None


def test_relative_forms_need_a_publication_date():
    assert read_expression("on Tuesday", None, PAST) is None
    assert read_expression("last week", None, PAST) is None
    assert read_expression("4 February", None, PAST) is None
    assert read_expression("4 February 2025", None, PAST).date == date(2025, 2, 4)


@pytest.mark.parametrize("text", ["February the 4th, 2025", "2025/02/04", "02/04/2025"])
def test_dateparser_handles_what_our_forms_do_not(text):
    reading = read_expression(text, PUBLISHED, None)
    assert reading is not None and reading.date == date(2025, 2, 4)


def test_dateparser_is_not_asked_to_guess_the_year_without_a_publication_date():
    assert read_expression("February the 4th", None, None) is None


def test_dateline_end():
    text = "GAZA CITY, Jan 29 (Reuters) - Israeli troops withdrew."
    assert text[dateline_end(text):].startswith("Israeli")
    assert dateline_end("KYIV, Ukraine (AP) — Russia struck.") > 0
    assert dateline_end("BEIRUT - Israel struck.") > 0
    assert dateline_end("Israel struck Gaza - officials said.") == 0
    assert dateline_end("A - B") == 0


# Hand-built parses: the clause geometry without the statistical parser's opinions.

def _doc(words, heads, deps, pos, tags=None):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos,
               tags=tags or ["" for _ in words])


def test_attach_direct_and_through_xcomp():
    # invited(2) -xcomp-> visit(5) -prep-> on(7) -pobj-> February(9)
    doc = _doc(
        ["Trump", "has", "invited", "him", "to", "visit", "Washington", "on", "4", "February"],
        [2, 2, 2, 2, 5, 2, 5, 5, 9, 7],
        ["nsubj", "aux", "ROOT", "dobj", "aux", "xcomp", "dobj", "prep", "nummod", "pobj"],
        ["PROPN", "AUX", "VERB", "PRON", "PART", "VERB", "PROPN", "ADP", "NUM", "PROPN"],
    )
    direct = attach(doc[9], doc[5])
    through = attach(doc[9], doc[2])
    assert direct is not None and direct.direct and direct.distance == 2
    assert through is not None and through.direct and through.distance == 3


def test_attach_refuses_another_clause():
    # said(1) ROOT; on Monday under said; struck(5) ccomp of said
    doc = _doc(
        ["Officials", "said", "on", "Monday", "Israel", "struck", "Gaza"],
        [1, 1, 1, 2, 5, 1, 5],
        ["nsubj", "ROOT", "prep", "pobj", "nsubj", "ccomp", "dobj"],
        ["NOUN", "VERB", "ADP", "PROPN", "PROPN", "VERB", "PROPN"],
    )
    assert attach(doc[3], doc[1]) is not None
    assert attach(doc[3], doc[5]) is None


def test_conjoined_verb_without_subject_shares_the_clause():
    # struck(1) on Monday(3); and withdrew(5) conj without a subject
    doc = _doc(
        ["Israel", "struck", "on", "Monday", "and", "withdrew"],
        [1, 1, 1, 2, 1, 1],
        ["nsubj", "ROOT", "prep", "pobj", "cc", "conj"],
        ["PROPN", "VERB", "ADP", "PROPN", "CCONJ", "VERB"],
    )
    assert attach(doc[3], doc[5]) is not None


def _hand_parsed(doc, published=PUBLISHED):
    return Parsed(Document(id="h", text=doc.text, published=published), doc)


def _hand_candidate(doc, index):
    return EventCandidate(doc_id="h", sentence_index=0, sentence_start=0,
                          sentence_end=len(doc.text), trigger=doc[index].text,
                          trigger_start=doc[index].idx,
                          trigger_end=doc[index].idx + len(doc[index]), anchor=index,
                          cameo="010", mode="asserted", confidence=1.0)


def test_lone_date_on_a_verbless_head_is_used():
    # A headline-like fragment: "Talks : strike on Gaza yesterday" where the date hangs on a
    # noun that is not the anchor's clause.
    doc = _doc(
        ["Strike", "on", "Gaza", ";", "talks", "yesterday"],
        [0, 0, 1, 0, 4, 4],
        ["ROOT", "prep", "pobj", "punct", "ROOT", "npadvmod"],
        ["NOUN", "ADP", "PROPN", "PUNCT", "NOUN", "ADV"],
    )
    doc.ents = []
    got = resolve_date(_hand_parsed(doc), _hand_candidate(doc, 0))
    assert got is not None
    assert got.date == date(2025, 1, 28) and got.text == "yesterday"
    assert got.confidence <= 0.8


def test_fallback_is_publication_day_at_half_confidence():
    doc = _doc(["Israel", "struck", "Gaza"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["PROPN", "VERB", "PROPN"])
    got = resolve_date(_hand_parsed(doc), _hand_candidate(doc, 1))
    assert got is not None
    assert (got.date, got.text, got.precision, got.confidence) == (PUBLISHED, None, "day", 0.5)
    assert resolve_date(_hand_parsed(doc, published=None), _hand_candidate(doc, 1)) is None


@pytest.mark.parametrize(("tag", "aux", "expected"), [
    ("VBD", [], "2025-01-28"),          # met on Tuesday
    ("VB", ["will"], "2025-02-04"),     # will meet on Tuesday
    ("VB", ["could"], "2025-02-04"),    # could meet on Tuesday
    ("VBZ", [], "2025-02-04"),          # meets on Tuesday
    ("VBN", ["has"], "2025-01-28"),     # has met on Tuesday
])
def test_tense_decides_the_weekday(tag, aux, expected):
    words = ["Iran", *aux, "met", "on", "Tuesday"]
    verb = 1 + len(aux)
    heads = [verb, *[verb for _ in aux], verb, verb, verb + 1]
    deps = ["nsubj", *["aux" for _ in aux], "ROOT", "prep", "pobj"]
    pos = ["PROPN", *["AUX" for _ in aux], "VERB", "ADP", "PROPN"]
    tags = ["NNP", *["MD" if a in {"will", "could"} else "VBZ" for a in aux], tag, "IN", "NNP"]
    doc = _doc(words, heads, deps, pos, tags)
    for token, lemma in zip(doc, [w.lower() for w in words], strict=True):
        token.lemma_ = lemma
    got = resolve_date(_hand_parsed(doc), _hand_candidate(doc, verb))
    assert got is not None and got.date.isoformat() == expected
