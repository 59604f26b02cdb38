"""Plain text from an HTML fragment (a feed item's description), keeping paragraph breaks.

Feed snippets are short and already the article text, so a tag stripper is enough here; whole
pages go through trafilatura in ``html.py``, which also drops navigation and boilerplate.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    )
)
_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\s*\n\s*")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def markup_to_text(fragment: str) -> str:
    """The text of ``fragment`` with tags removed, entities decoded, one blank line per block."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    text = _SPACES.sub(" ", "".join(collector.parts))
    return _BREAKS.sub("\n\n", text).strip()
