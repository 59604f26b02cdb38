"""Which inputs there are (files, folders, stdin), what format each is in, and reading them.

Everything here reports a bad input by raising (or, for one bad part of a good input, yielding)
an ``InputError``; ``casus.ingest.iter_items`` is the one place that turns those into rejects.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from casus.errors import EmptyInputError, InputError, InputTooLargeError
from casus.ingest.decode import decode, too_large
from casus.ingest.feeds import iter_feed
from casus.ingest.html import read_html
from casus.ingest.jsonl import Line, iter_jsonl, read_lines
from casus.models import RawItem

STDIN = "<stdin>"
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_SNIFF = 2048
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: ``path`` None means stdin, ``kind`` None means "sniff the format"."""

    origin: str
    path: Path | None
    kind: str | None


def expand(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Source | InputError]:
    """The sources named by ``inputs``, folders walked; a name that cannot be used as its error."""
    for name in inputs:
        if os.fspath(name) == "-":
            yield Source(STDIN, None, None)
        else:
            yield from _expand_path(Path(name), os.fspath(name))


def _expand_path(path: Path, origin: str) -> Iterator[Source | InputError]:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except FileNotFoundError:
        yield InputError(origin, "no such file or folder")
        return
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    if not is_folder:
        yield Source(origin, path, FORMATS.get(path.suffix.lower(), "text"))
        return
    found = False
    for source in _walk(path):
        found = found or isinstance(source, Source)
        yield source
    if not found:
        yield EmptyInputError(origin, f"folder has no files casus reads ({', '.join(FORMATS)})")


def _walk(folder: Path) -> Iterator[Source | InputError]:
    """Files under ``folder`` with a known extension, in sorted order, hidden ones left out."""
    errors: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            kind = FORMATS.get(path.suffix.lower())
            if kind and not name.startswith(".") and path.is_file():
                yield Source(str(path), path, kind)
        for error in errors:
            yield InputError(error.filename or str(folder), f"cannot be read ({error.strerror})")
        errors.clear()


def read(source: Source, max_bytes: int) -> Iterator[RawItem | InputError]:
    """The items in one source; raises an InputError when the source as a whole is unusable."""
    if source.path is None:
        yield from _read_stdin(max_bytes)
    elif source.kind == "jsonl":
        with _open(source) as stream:
            yield from iter_jsonl(source.origin, read_lines(stream, max_bytes), max_bytes)
    else:
        data = _read_file(source, max_bytes)
        yield from parse(source.origin, source.kind or "text", data)


def parse(origin: str, kind: str, data: bytes) -> Iterator[RawItem | InputError]:
    """The items in a whole input held in memory."""
    if kind == "html":
        yield read_html(origin, data)
    elif kind == "feed":
        yield from iter_feed(origin, data)
    else:
        yield RawItem(origin=origin, text=decode(origin, data))


def _open(source: Source):
    try:
        return open(source.path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputError(source.origin, f"cannot be read ({exc.strerror or exc})") from None


def _read_file(source: Source, max_bytes: int) -> bytes:
    """The whole file, refusing one over the limit before reading it."""
    with _open(source) as stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise InputTooLargeError(source.origin, too_large(size, max_bytes))
            # Read one byte past the limit: a file that grew, or a pipe, has no trustworthy size.
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(source.origin, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputTooLargeError(source.origin, too_large(None, max_bytes))
    return data


def _read_stdin(max_bytes: int) -> Iterator[RawItem | InputError]:
    """Sniff the format of stdin: JSON Lines are streamed, anything else is read whole."""
    stream = sys.stdin.buffer
    head: list[Line] = []
    for line in read_lines(stream, max_bytes):
        head.append(line)
        if line.data is None or line.data.strip():
            break
    first = head[-1] if head else None
    if first is not None and first.data is not None and _looks_like_json(first.data):
        rest = read_lines(stream, max_bytes, first.number + 1, first.offset + first.size)
        yield from iter_jsonl(STDIN, chain(head, rest), max_bytes)
        return
    if any(line.data is None for line in head):
        raise InputTooLargeError(STDIN, too_large(None, max_bytes))
    data = b"".join(line.data or b"" for line in head)
    data += stream.read(max(0, max_bytes + 1 - len(data)))
    if len(data) > max_bytes:
        raise InputTooLargeError(STDIN, too_large(None, max_bytes))
    yield from parse(STDIN, sniff(data), data)


def _looks_like_json(line: bytes) -> bool:
    # Decided on the first line so that a JSONL stream never has to be held in memory; a later
    # line that is not a JSON object becomes a reject naming its line number.
    stripped = line.strip().removeprefix(b"\xef\xbb\xbf")
    return stripped.startswith(b"{") and stripped.endswith(b"}")


def sniff(data: bytes) -> str:
    """``feed``, ``html`` or ``text``, from how the data starts."""
    head = data[:_SNIFF].lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if not head.startswith(b"<"):
        return "text"
    return "feed" if any(root in head for root in _FEED_ROOTS) else "html"
