"""The comment syntax shared by every PETRARCH dictionary file (actors, agents, verbs).

``#`` starts a comment outside brackets (inside them it is part of a code: ``[###]``) and
``<!-- ... -->`` blocks are comments. The readers of each kind of file live with the stage that
uses them: ``resolve/petrarch.py`` (actors, agents) and ``extract/petrarch_verbs.py`` (verbs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

BLOCK_COMMENT = re.compile(r"<!\s*-*.*?-->", re.S)


def without_blocks(text: str) -> str:
    """The text with comment blocks blanked, keeping their line breaks (line numbers hold)."""
    return BLOCK_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def clean_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line without comments), dropping blank lines and comment blocks."""
    for number, raw in enumerate(without_blocks(text).splitlines(), start=1):
        line = strip_comment(raw).rstrip()
        if line.strip():
            yield number, line


def strip_comment(line: str) -> str:
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line
