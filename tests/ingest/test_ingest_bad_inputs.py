"""Every kind of bad input becomes exactly one Reject that names the input and the reason."""

from __future__ import annotations

import os
import shutil

import pytest

from casus.config import Settings
from casus.ingest import iter_items
from casus.models import RawItem, Reject

BAD_FILES = [
    ("empty.txt", b"", "EmptyInputError", "empty: nothing to read"),
    ("blank.txt", b"  \n\t\n", "EmptyInputError", "only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "BinaryInputError", "NUL bytes"),
    ("controls.txt", bytes(range(1, 9)) * 40, "BinaryInputError", "mostly control bytes"),
    ("latin1.txt", "Café au lait".encode("latin-1"), "EncodingError",
     "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("latin1.html", "<html><body><p>Zürich</p></body></html>".encode("latin-1"),
     "EncodingError", "not valid UTF-8 (byte 0xfc at offset 16)"),
    ("nothing.jsonl", b"\n\n", "EmptyInputError", "no JSON lines"),
    ("binary.jsonl", b"\x00\x01\x02garbage\n{}\n", "BinaryInputError", "NUL bytes"),
    ("empty.rss", b"", "EmptyInputError", "empty"),
    ("channel.rss", b"<rss><channel><title>t</title></channel></rss>", "EmptyInputError",
     "feed has no items"),
]  # fmt: skip


def only_reject(results: list[RawItem | Reject]) -> Reject:
    assert len(results) == 1, results
    assert isinstance(results[0], Reject), results
    return results[0]


@pytest.mark.parametrize(("name", "data", "error", "reason"), BAD_FILES)
def test_bad_file_gives_one_reject(tmp_path, name, data, error, reason):
    path = tmp_path / name
    path.write_bytes(data)
    reject = only_reject(list(iter_items([path])))
    assert reject.origin == str(path)
    assert reject.stage == "ingest"
    assert reject.error == error
    assert reason in reject.message
    assert reject.line().startswith(f"{path}: ")


def test_html_without_text(resources):
    path = resources / "no_text.html"
    reject = only_reject(list(iter_items([path])))
    assert (reject.origin, reject.error) == (str(path), "EmptyInputError")
    assert "no article text" in reject.message


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 40, encoding="utf-8")
    reject = only_reject(list(iter_items([path], Settings(max_bytes=100))))
    assert reject.error == "InputTooLargeError"
    assert reject.message == "200 bytes is over the limit of 100 bytes (max_bytes)"


def test_missing_path(tmp_path):
    path = tmp_path / "gone.txt"
    reject = only_reject(list(iter_items([path])))
    assert (reject.origin, reject.error) == (str(path), "InputError")
    assert reject.message == "no such file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Nobody may read this.", encoding="utf-8")
    path.chmod(0)
    try:
        reject = only_reject(list(iter_items([path])))
    finally:
        path.chmod(0o600)
    assert reject.error == "InputError"
    assert "cannot be read" in reject.message


def test_empty_folder(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    reject = only_reject(list(iter_items([folder])))
    assert (reject.origin, reject.error) == (str(folder), "EmptyInputError")
    assert "folder has no files casus reads" in reject.message


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Chad closed its border.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = list(iter_items([tmp_path / "missing.txt", empty, good]))
    assert [type(r).__name__ for r in results] == ["Reject", "Reject", "RawItem"]
    assert results[2].text == "Chad closed its border."


def test_malformed_jsonl_lines_are_rejected_and_good_lines_kept(resources):
    path = resources / "docs.jsonl"
    results = list(iter_items([path]))
    items = [r for r in results if isinstance(r, RawItem)]
    rejects = {r.origin: r for r in results if isinstance(r, Reject)}
    assert [i.id for i in items] == ["a1", "4"]
    assert [i.origin for i in items] == [f"{path}:1", f"{path}:6"]
    assert sorted(rejects) == [f"{path}:{n}" for n in (3, 4, 5, 7, 8)]
    assert "not valid JSON" in rejects[f"{path}:3"].message
    assert rejects[f"{path}:4"].message == 'JSON object has no "text" field'
    assert rejects[f"{path}:5"].message == "a JSON object was expected, not an array"
    assert rejects[f"{path}:7"].error == "EmptyInputError"
    assert rejects[f"{path}:8"].message == '"title" must be a string, not a number'
    assert all(r.stage == "ingest" for r in rejects.values())


def test_jsonl_limit_applies_per_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    long_line = '{"id": "big", "text": "' + "x" * 300 + '"}'
    path.write_text(f'{{"id": "s1", "text": "Short one."}}\n{long_line}\n'
                    '{"id": "s2", "text": "Short two."}\n', encoding="utf-8")  # fmt: skip
    results = list(iter_items([path], Settings(max_bytes=120)))
    assert [getattr(r, "id", None) for r in results] == ["s1", None, "s2"]
    reject = results[1]
    assert (reject.origin, reject.error) == (f"{path}:2", "InputTooLargeError")
    assert (
        reject.message == f"{len(long_line) + 1} bytes is over the limit of 120 bytes (max_bytes)"
    )


def test_jsonl_line_with_invalid_utf8_names_the_file_offset(tmp_path):
    path = tmp_path / "mixed.jsonl"
    first = b'{"text": "fine"}\n'
    path.write_bytes(first + b'{"text": "caf\xe9"}\n')
    results = list(iter_items([path]))
    assert isinstance(results[0], RawItem)
    assert results[1].error == "EncodingError"
    assert results[1].message == f"not valid UTF-8 (byte 0xe9 at offset {len(first) + 13})"


def test_folder_is_walked_recursively_sorted_without_hidden_or_unknown_files(resources, tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(resources / "tree", tree)
    origins = [r.origin for r in iter_items([tree])]
    assert origins == [
        str(tree / "rome.txt"),
        str(tree / "asia" / "talks.txt"),
        str(tree / "europe" / "berlin.TXT"),
        f"{tree / 'europe' / 'wire.jsonl'}:1",
    ]


def test_unknown_extension_given_explicitly_is_read_as_text(resources):
    path = resources / "tree" / "europe" / "table.csv"
    (item,) = iter_items([path])
    assert isinstance(item, RawItem)
    assert item.text == "id,text\n"


def test_single_path_is_accepted_as_inputs(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Peru recalled its ambassador.", encoding="utf-8")
    assert [r.text for r in iter_items(str(path))] == ["Peru recalled its ambassador."]


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfBolivia and Chile met.",
        "Bolivia and Chile met.".encode("utf-16"),
    ],
)
def test_byte_order_marks(tmp_path, data):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    (item,) = iter_items([path])
    assert item.text == "Bolivia and Chile met."


def test_path_through_a_file_cannot_be_read(tmp_path):
    parent = tmp_path / "plain.txt"
    parent.write_text("x", encoding="utf-8")
    reject = only_reject(list(iter_items([parent / "child.txt"])))
    assert reject.error == "InputError"
    assert reject.message == "cannot be read (Not a directory)"
