"""RawItem -> Document: normalised text, a parsed publication date and a stable id.

Every character offset casus reports (evidence, triggers, quotes) points into ``Document.text``,
which is the normalised text built here; normalising is idempotent, so a Document's text
normalises to itself.

Normalisation: Unicode NFC; ``\\r\\n``, ``\\r`` and the Unicode line and paragraph separators
become ``\\n``; control characters other than ``\\n`` go; any run of horizontal white space (spaces,
tabs, no-break and other Unicode spaces) becomes one space; spaces around a line break and at
either end of the text go. Line breaks are kept as they are: paragraph breaks help the sentence
splitter.

Ids: the item's own id when it has one (a JSONL ``id``, a feed entry's guid), else
``content_id(text)``: ``"sha1:"`` and the first 16 hex digits of the SHA-1 of the normalised text,
so the same article ingested twice, from any file or format, gets the same id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from casus.errors import EmptyInputError, MalformedInputError
from casus.models import Document, RawItem, parse_iso_date

_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_AROUND_BREAKS = re.compile(r" ?\n ?")
# Written-out dates seen in feeds and CMS exports that are neither ISO 8601 nor RFC 822.
_DATE_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
)


def to_document(item: RawItem, published: date | str | None = None) -> Document:
    """The Document for ``item``; ``published``, when given, overrides the item's own date.

    Raises EmptyInputError when no text is left, MalformedInputError for a date it cannot read.
    """
    text = normalise(item.text)
    if not text:
        raise EmptyInputError(item.origin, "no text left after normalisation")
    when = parse_published(item.origin, published if published is not None else item.published)
    return Document(
        id=item.id or content_id(text),
        text=text,
        published=when,
        title=_one_line(item.title),
        url=item.url,
        source=item.source,
        language=item.language,
        origin=item.origin,
        meta=dict(item.meta),
    )


def normalise(text: str) -> str:
    """The text casus works on; see the module docstring for the rules."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    return _AROUND_BREAKS.sub("\n", text).strip()


def content_id(text: str) -> str:
    """``sha1:`` and 16 hex digits of the SHA-1 of ``text`` (pass the normalised text)."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_published(origin: str, value: str | date | None) -> date | None:
    """A publication date from ISO 8601, RFC 822 or a common written form; None when absent."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = value.strip()
    if not text:
        return None
    for read in (parse_iso_date, _rfc822, _written):
        try:
            return read(text)
        except (ValueError, TypeError, IndexError):
            continue
    raise MalformedInputError(origin, f"published date {text!r} is not a date casus can read")


def _rfc822(text: str) -> date:
    return parsedate_to_datetime(text).date()


def _written(text: str) -> date:
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(text)


def _one_line(title: str | None) -> str | None:
    if title is None:
        return None
    return " ".join(normalise(title).split()) or None


# A wire dateline opens many agency stories: "GAZA CITY, Jan 29 (Reuters) -". It names where the
# story was filed, not who acts or where the events happened.
_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Z.'\- ]*[A-Z.])                # the place, in capitals
    (?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?                # optional country or state
    (?:,?\s*(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))?  # optional date: "Jan 29"
    (?:\s*\([A-Za-z .&/-]{1,40}\))?                  # optional agency: "(Reuters)"
    \s*(?:--?|–|—|:)\s
    """,
    re.VERBOSE,
)


def dateline_end(text: str) -> int:
    """The character offset where a leading wire dateline ends, 0 when the text has none."""
    match = _dateline(text)
    return match.end() if match is not None else 0


def dateline_place(text: str) -> str | None:
    """The place a wire dateline names ("KYIV" in "KYIV, March 3 (Reuters) -"), as written."""
    match = _dateline(text)
    return match.group("place").strip() if match is not None else None


def dateline_date(text: str, published: date | None) -> date | None:
    """The day a wire dateline gives ("KYIV, March 3 (Reuters) -"): the day the story was
    filed, which its "on Tuesday" and "overnight" count from. Its year is the publication's,
    or the one before for a story filed in late December and published in January."""
    match = _dateline(text)
    if match is None or match.group("month") is None or published is None:
        return None
    month = MONTHS.get(match.group("month")[:3].lower())
    if month is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            filed = date(year, month, int(match.group("day")))
        except ValueError:
            return None
        if filed <= published + timedelta(days=1):
            return filed
    return None


# Some agencies write the place in title case; the agency in brackets must then follow:
# "Nairobi (AFP) -", "Kampala, May 18 (AFP) -".
_TITLE_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][a-z'\-]+(?:[ -][A-Z][a-z'\-]+){0,3})
    (?:,\s*[A-Z][A-Za-z.'\- ]{1,30}?)?
    (?:,?\s*(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))?
    \s*\([A-Za-z.&/-]+(?:\s[A-Za-z.&/-]+){0,2}\)
    \s*(?:--?|–|—|:)\s
    """,
    re.VERBOSE,
)


def _dateline(text: str):
    head = text[:160]
    match = _DATELINE.match(head) or _TITLE_DATELINE.match(head)
    if match is None or len(match.group("place").replace(" ", "")) < 2:
        return None
    return match


# Month names and abbreviations as news writes them; the date resolver reads them too.
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
