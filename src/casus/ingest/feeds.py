"""RSS (0.9x, 1.0, 2.0) and Atom feeds: one RawItem per item or entry.

The parser never touches the network, never loads a DTD and never expands entities, so a hostile
feed cannot read local files or blow up memory (XXE, "billion laughs"); an entity reference is
simply left out of the text. Elements are matched by local name, so namespaced variants
(``content:encoded``, ``dc:date``, RSS 1.0's RDF items) need no special cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from lxml import etree

from casus.errors import EmptyInputError, InputError, MalformedInputError
from casus.ingest.decode import check_not_binary, decode
from casus.ingest.markup import markup_to_text
from casus.models import RawItem

_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_LIBXML_POSITION = re.compile(r",? line \d+, column \d+$")
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
_ATOM_TEXT = ("content", "summary")
_RSS_TEXT = ("encoded", "description")
_RSS_DATES = ("pubDate", "date", "published", "updated")
_ATOM_DATES = ("published", "updated")


def iter_feed(origin: str, data: bytes) -> Iterator[RawItem | InputError]:
    """Items of the feed in ``data``; an entry that cannot be used is yielded as its error.

    Raises an InputError when the feed as a whole cannot be read.
    """
    root = _parse(origin, data)
    kind = _local(root)
    if kind in ("rss", "RDF"):
        entries, read = [e for e in root.iter() if _local(e) == "item"], _rss_item
        source = _text_of(_child(_channel(root), "title"))
    elif kind == "feed":
        entries, read = [e for e in root if _local(e) == "entry"], _atom_entry
        source = _text_of(_child(root, "title"))
    else:
        raise MalformedInputError(
            origin, f"XML but not an RSS or Atom feed (root element <{kind}>)"
        )
    if not entries:
        raise EmptyInputError(origin, "feed has no items")
    language = _language(root)
    for number, entry in enumerate(entries, start=1):
        yield read(f"{origin}#{number}", entry, source, language)


def _parse(origin: str, data: bytes) -> etree._Element:
    declared = _ENCODING_DECL.match(data)
    if declared is None or declared.group(1).decode("ascii").lower() in _UTF8_NAMES:
        decode(origin, data)  # an undeclared encoding must be UTF-8: say exactly where it is not
    else:
        check_not_binary(origin, data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = _LIBXML_POSITION.sub("", exc.msg or "")
        raise MalformedInputError(
            origin, f"feed is not well-formed XML (line {exc.lineno}: {reason})"
        ) from None


def _rss_item(origin: str, item: etree._Element, source: str | None, language: str | None):
    return _item(
        origin,
        title=_text_of(_child(item, "title")),
        link=_text_of(_child(item, "link")),
        published=_date(_text_of(_child(item, *_RSS_DATES))),
        body=_body(_child(item, *_RSS_TEXT)),
        guid=_text_of(_child(item, "guid")),
        source=source,
        language=language,
    )


def _atom_entry(origin: str, entry: etree._Element, source: str | None, language: str | None):
    return _item(
        origin,
        title=_text_of(_child(entry, "title")),
        link=_atom_link(entry),
        published=_date(_text_of(_child(entry, *_ATOM_DATES))),
        body=_body(_child(entry, *_ATOM_TEXT)),
        guid=_text_of(_child(entry, "id")),
        source=source,
        language=_language(entry) or language,
    )


def _item(origin: str, *, title, link, published, body, guid, source, language):
    # A headline-only item (common in news feeds) is still news: its title becomes the text.
    text = body or title
    if not text:
        return EmptyInputError(origin, "feed entry has neither text nor a title")
    return RawItem(
        origin=origin,
        text=text,
        id=guid,
        published=published,
        title=title,
        url=link,
        source=source,
        language=language,
    )


def _child(parent: etree._Element | None, *names: str) -> etree._Element | None:
    """The first child named (by local name) in ``names`` that has content, in ``names`` order."""
    if parent is None:
        return None
    for name in names:
        for child in parent:
            if _local(child) == name and (len(child) or (child.text or "").strip()):
                return child
    return None


def _body(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    if len(element) and element.get("type") == "xhtml":
        markup = "".join(etree.tostring(child, encoding="unicode") for child in element)
    else:
        markup = _raw_text(element)
    return markup_to_text(markup) or None


def _text_of(element: etree._Element | None) -> str | None:
    """A one-line field (title, link, date), with any markup in it removed."""
    if element is None:
        return None
    text = " ".join(markup_to_text(_raw_text(element)).split())
    return text or None


def _raw_text(element: etree._Element) -> str:
    # Character data only: entity references (never expanded) and comments are dropped,
    # the text after them is kept.
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _atom_link(entry: etree._Element) -> str | None:
    links = [e for e in entry if _local(e) == "link" and e.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return links[0].get("href") if links else None


def _channel(root: etree._Element) -> etree._Element | None:
    return next((e for e in root if _local(e) == "channel"), None)


def _language(element: etree._Element) -> str | None:
    declared = _text_of(_child(_channel(element), "language"))
    return declared or element.get("{http://www.w3.org/XML/1998/namespace}lang")


def _date(value: str | None) -> str | None:
    """RFC 822 dates (RSS) as ISO 8601; anything else as given, for the document stage to judge."""
    if value is None:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
