"""Web pages: the article's main text, title and publication date, by trafilatura.

This is the only module that imports trafilatura. Pages are decoded here rather than by
trafilatura so that a page in an undeclared, non-UTF-8 encoding is refused with a reason instead
of being guessed at; a charset the page declares itself is honoured.
"""

from __future__ import annotations

import codecs
import re

import trafilatura

from casus.errors import EmptyInputError, EncodingError, MalformedInputError
from casus.ingest.decode import decode
from casus.models import RawItem

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD = 4096


def read_html(origin: str, data: bytes) -> RawItem:
    """One RawItem from a whole page. Raises an InputError when the page has no article text."""
    page = _decode_page(origin, data)
    try:
        found = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError) as exc:
        raise MalformedInputError(origin, f"HTML that cannot be parsed ({exc})") from None
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise EmptyInputError(origin, "no article text could be extracted from the HTML")
    return RawItem(
        origin=origin,
        text=_paragraphs(text),
        published=found.date or None,
        title=found.title or None,
        url=found.url or None,
        source=found.sitename or None,
        language=found.language or None,
    )


def _decode_page(origin: str, data: bytes) -> str:
    try:
        return decode(origin, data)
    except EncodingError as not_utf8:
        charset = _declared_charset(data)
        if charset is None:
            raise
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            reason = f"{not_utf8.reason}, nor valid in its declared charset {charset}"
            raise EncodingError(origin, reason) from None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:_HEAD])
    if match is None:
        return None
    name = match.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    return None if codec.name == "utf-8" else codec.name


def _paragraphs(text: str) -> str:
    # trafilatura puts one block per line; a blank line between blocks keeps the sentence
    # splitter from running a headline without a full stop into the paragraph under it.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
