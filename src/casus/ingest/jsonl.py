"""JSON Lines documents (CONTRACT.md "Document input"), streamed one line at a time.

A corpus file may be far larger than memory, so the size limit applies to each line (each
document), not to the file. A bad line is yielded as its error, named ``path:line``; the other
lines are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from casus.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from casus.ingest.decode import check_not_binary, decode_utf8, too_large
from casus.models import RawItem

_OPTIONAL = ("published", "title", "url", "source", "language")
_KNOWN = frozenset(("id", "text", *_OPTIONAL))
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: ``data`` is None when the line is longer than the limit."""

    number: int
    offset: int
    size: int
    data: bytes | None


def read_lines(
    stream: BinaryIO, max_bytes: int, number: int = 1, offset: int = 0
) -> Iterator[Line]:
    """The lines of ``stream``, numbered from ``number``, never holding more than one in memory."""
    while True:
        data = stream.readline(max_bytes + 1)
        if not data:
            return
        size = len(data)
        if size > max_bytes and not data.endswith(b"\n"):
            size += _skip_rest_of_line(stream)
            data = None
        yield Line(number, offset, size, data)
        number, offset = number + 1, offset + size


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def iter_jsonl(
    origin: str, lines: Iterable[Line], max_bytes: int
) -> Iterator[RawItem | InputError]:
    """Documents from JSON lines; a line that cannot be used is yielded as its error.

    Raises an InputError when the input as a whole is not JSON Lines (binary data, no lines).
    """
    seen = False
    for line in lines:
        if line.data is not None and not line.data.strip():
            continue
        if not seen:
            seen = True
            if line.data is not None:
                check_not_binary(origin, line.data)
        try:
            yield _document(f"{origin}:{line.number}", line, max_bytes)
        except InputError as exc:
            yield exc
    if not seen:
        raise EmptyInputError(origin, "no JSON lines: nothing to read")


def _document(origin: str, line: Line, max_bytes: int) -> RawItem:
    if line.data is None:
        raise InputTooLargeError(origin, too_large(line.size, max_bytes))
    record = _parse(origin, line)
    text = record.get("text")
    if text is None:
        raise MalformedInputError(origin, 'JSON object has no "text" field')
    if not isinstance(text, str):
        raise MalformedInputError(origin, f'"text" must be a string, not {_kind(text)}')
    if not text.strip():
        raise EmptyInputError(origin, '"text" is empty')
    fields = {name: _optional_text(origin, record, name) for name in _OPTIONAL}
    meta = {key: value for key, value in record.items() if key not in _KNOWN}
    return RawItem(origin=origin, text=text, id=_identifier(origin, record), meta=meta, **fields)


def _parse(origin: str, line: Line) -> dict[str, Any]:
    text = decode_utf8(origin, line.data or b"", line.offset)
    try:
        record = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            origin, f"not valid JSON ({exc.msg} at column {exc.colno})"
        ) from None
    if not isinstance(record, dict):
        raise MalformedInputError(origin, f"a JSON object was expected, not {_kind(record)}")
    return record


def _identifier(origin: str, record: dict[str, Any]) -> str | None:
    value = record.get("id")
    # Corpora often number their documents; a number is as good an id as a string.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    raise MalformedInputError(
        origin, f'"id" must be a non-empty string or a number, not {_kind(value)}'
    )


def _optional_text(origin: str, record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise MalformedInputError(origin, f'"{name}" must be a string, not {_kind(value)}')


def _kind(value: Any) -> str:
    return (
        {
            dict: "an object",
            list: "an array",
            str: "a string",
            bool: "a boolean",
            int: "a number",
            float: "a number",
            type(None): "null",
        }.get(type(value), type(value).__name__)
        if value != ""
        else "an empty string"
    )
