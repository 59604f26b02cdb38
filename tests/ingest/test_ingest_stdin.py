"""``-`` reads stdin and sniffs its format."""

from __future__ import annotations

import io
import sys

import pytest

from casus.config import Settings
from casus.ingest import STDIN, iter_items
from casus.models import RawItem, Reject


@pytest.fixture
def stdin(monkeypatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    return feed


def test_jsonl_on_stdin_streams_lines_and_rejects_bad_ones(stdin):
    stdin(b'\n{"id": "s1", "text": "Mali expelled the envoy."}\nnot json\n{"text": "Niger too."}\n')
    results = list(iter_items(["-"]))
    assert [type(r).__name__ for r in results] == ["RawItem", "Reject", "RawItem"]
    assert results[0].origin == f"{STDIN}:2"
    assert results[0].id == "s1"
    assert results[1].origin == f"{STDIN}:3"
    assert results[1].error == "MalformedInputError"
    assert results[2].text == "Niger too."


def test_text_on_stdin(stdin):
    stdin(b"Sudan and Egypt held talks.\n\nThe talks went on for days.\n")
    (item,) = iter_items(["-"])
    assert isinstance(item, RawItem)
    assert item.origin == STDIN
    assert item.text == "Sudan and Egypt held talks.\n\nThe talks went on for days.\n"


def test_html_on_stdin(stdin, resources):
    stdin((resources / "article.html").read_bytes())
    (item,) = iter_items(["-"])
    assert item.title == "Foreign ministers meet in Geneva to discuss ceasefire"
    assert item.published == "2025-01-29"


def test_feed_on_stdin(stdin, resources):
    stdin((resources / "europe.atom").read_bytes())
    items = list(iter_items(["-"]))
    assert [i.origin for i in items] == [f"{STDIN}#1", f"{STDIN}#2"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "EmptyInputError"),
        (b"x" * 50, "InputTooLargeError"),
        (b"short line\n" + b"y" * 60 + b"\n", "InputTooLargeError"),
        (b"\x00\x01binary", "BinaryInputError"),
    ],
)
def test_bad_stdin_gives_one_reject(stdin, data, error):
    stdin(data)
    results = list(iter_items(["-"], Settings(max_bytes=40)))
    assert len(results) == 1
    assert isinstance(results[0], Reject)
    assert (results[0].origin, results[0].error) == (STDIN, error)


def test_oversized_stdin_message(stdin):
    stdin(b"z" * 50)
    (reject,) = iter_items(["-"], Settings(max_bytes=40))
    assert reject.message == "more than 40 bytes is over the limit of 40 bytes (max_bytes)"
