from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from casus.document import content_id, normalise, to_document
from casus.errors import EmptyInputError, MalformedInputError
from casus.models import RawItem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Line one.\r\nLine two.\rLine three.", "Line one.\nLine two.\nLine three."),
        ("Bad\x00 bytes\x07 gone\x1b.", "Bad bytes gone."),
        ("Too    many   spaces\tand\u00a0tabs.", "Too many spaces and tabs."),
        ("Para one.\n\n\nPara two.", "Para one.\n\n\nPara two."),
        ("Trailing   \n   leading.", "Trailing\nleading."),
        ("  edges  \n", "edges"),
        ("Cafe\u0301 in Gene\u0300ve", "Café in Genève"),
        ("Line\u2028separator", "Line\nseparator"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected
    assert normalise(expected) == expected  # idempotent


def test_offsets_point_into_the_normalised_text():
    item = RawItem(origin="t.txt", text="  Iran\r\n  condemned   the\u00a0strike\x00.")
    document = to_document(item)
    assert document.text == "Iran\ncondemned the strike."
    start = document.text.index("the strike")
    assert document.text[start : start + len("the strike")] == "the strike"


def test_id_is_the_items_own_or_a_content_hash():
    assert to_document(RawItem(origin="a", text="Text.", id="given-1")).id == "given-1"
    derived = to_document(RawItem(origin="a", text="Chad  closed the border.\r\n")).id
    assert re.fullmatch(r"sha1:[0-9a-f]{16}", derived)
    assert derived == content_id("Chad closed the border.")
    # the same article from another file, with other white space, gets the same id
    assert to_document(RawItem(origin="b", text=" Chad closed  the border.")).id == derived
    assert to_document(RawItem(origin="c", text="Chad opened the border.")).id != derived


@pytest.mark.parametrize(
    "value",
    [
        "2025-01-29",
        "2025-01-29T23:30:00+01:00",
        "2025-01-29T08:00:00Z",
        "Wed, 29 Jan 2025 08:00:00 +0000",
        "29 January 2025",
        "January 29, 2025",
        "2025/01/29",
        "29.01.2025",
    ],
)
def test_published_formats(value):
    document = to_document(RawItem(origin="a", text="x", published=value))
    assert document.published == date(2025, 1, 29)


def test_explicit_published_overrides_the_items():
    item = RawItem(origin="a", text="x", published="2020-05-05")
    assert to_document(item, published=date(2025, 1, 29)).published == date(2025, 1, 29)
    assert to_document(item, published=datetime(2024, 2, 3, 9)).published == date(2024, 2, 3)
    assert to_document(item).published == date(2020, 5, 5)
    assert to_document(RawItem(origin="a", text="x")).published is None


def test_unreadable_date_is_malformed_input():
    with pytest.raises(MalformedInputError) as caught:
        to_document(RawItem(origin="feed.rss#2", text="x", published="next Tuesday-ish"))
    assert caught.value.origin == "feed.rss#2"
    assert "'next Tuesday-ish'" in caught.value.reason


def test_no_text_after_normalisation_is_empty_input():
    with pytest.raises(EmptyInputError) as caught:
        to_document(RawItem(origin="blank.txt", text=" \x00\r\n\t "))
    assert caught.value.origin == "blank.txt"


def test_fields_are_carried_over():
    item = RawItem(
        origin="docs.jsonl:3", text="Text.", title="  A\n  headline ", url="https://x.example/1",
        source="Wire", language="en", meta={"section": "world"},
    )  # fmt: skip
    document = to_document(item)
    assert document.title == "A headline"
    assert (document.url, document.source, document.language) == (
        "https://x.example/1",
        "Wire",
        "en",
    )
    assert document.origin == "docs.jsonl:3"
    assert document.meta == {"section": "world"}


def test_a_dateline_gives_the_filing_day_in_the_publication_year_or_the_one_before():
    from datetime import date

    from casus.document import dateline_date

    assert dateline_date("KYIV, March 3 (Reuters) - Drones struck.", date(2026, 3, 4)) == date(2026, 3, 3)
    assert dateline_date("WASHINGTON, Dec 31 (Reuters) - x", date(2026, 1, 2)) == date(2025, 12, 31)
    assert dateline_date("PARIS, Sept. 5 (AFP) - x", date(2025, 9, 6)) == date(2025, 9, 5)
    assert dateline_date("NAIROBI (AP) - x", date(2026, 1, 1)) is None
    assert dateline_date("KYIV, March 3 (Reuters) - x", None) is None
