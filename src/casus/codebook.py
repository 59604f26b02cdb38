"""The CAMEO event codebook: every code's name, Goldstein score, quad class and PLOVER type.

The table lives in ``data/codebook/cameo.tsv`` (provenance in that folder's README). It is read
and validated once; ``load_codebook()`` returns the same ``Codebook`` on every call.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from casus.errors import KnowledgeError
from casus.models import PLOVER_TYPES

CODEBOOK_RESOURCE = ("data", "codebook", "cameo.tsv")
COLUMNS = ("code", "name", "goldstein", "plover", "plover_mode")

# Quad class by root: the first root of each class, in order.
_QUAD_STARTS = ((15, 4), (10, 3), (6, 2), (1, 1))


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One CAMEO event code as casus reports it."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    plover_mode: str


def quad_class(root: str) -> int:
    """1 verbal cooperation (01-05), 2 material cooperation (06-09), 3 verbal conflict (10-14),
    4 material conflict (15-20)."""
    number = int(root)
    for start, quad in _QUAD_STARTS:
        if number >= start:
            return quad
    raise ValueError(f"not a CAMEO root: {root!r}")


class Codebook:
    """All CAMEO codes, roots (two digits) included, looked up by their text form."""

    def __init__(self, infos: Iterable[CodeInfo]):
        self._codes: dict[str, CodeInfo] = {info.code: info for info in infos}

    def __getitem__(self, code: str) -> CodeInfo:
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code: {code!r}") from None

    def get(self, code: str, default: CodeInfo | None = None) -> CodeInfo | None:
        return self._codes.get(code, default)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[CodeInfo]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def roots(self) -> tuple[str, ...]:
        return tuple(code for code in self._codes if len(code) == 2)

    def root_name(self, root: str) -> str:
        return self[root].name

    def nearest(self, code: str) -> CodeInfo:
        """The code itself, else its closest known ancestor (4 -> 3 digits -> root).

        Lets a rule that names a finer code than the codebook holds still be reported under
        the code it refines. Raises KeyError when not even the root is known.
        """
        for length in range(len(code), 1, -1):
            info = self._codes.get(code[:length])
            if info is not None:
                return info
        raise KeyError(f"unknown CAMEO code: {code!r}")


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The packaged codebook, read and validated once."""
    resource = resources.files("casus").joinpath(*CODEBOOK_RESOURCE)
    origin = "/".join(("casus",) + CODEBOOK_RESOURCE)
    return Codebook(parse_codebook(resource.read_text(encoding="utf-8"), origin))


def parse_codebook(text: str, origin: str) -> list[CodeInfo]:
    """Read the TSV text of a codebook; ``origin`` names the file in error messages."""
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or ())]
    if missing:
        raise KnowledgeError(f"{origin}: missing columns: {', '.join(missing)}")
    infos: list[CodeInfo] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        info = _parse_row(row, origin, line)
        if info.code in seen:
            raise KnowledgeError(f"{origin}:{line}: duplicate code {info.code!r}")
        seen.add(info.code)
        infos.append(info)
    if not infos:
        raise KnowledgeError(f"{origin}: no codes")
    return infos


def _parse_row(row: dict[str, str | None], origin: str, line: int) -> CodeInfo:
    def bad(why: str) -> KnowledgeError:
        return KnowledgeError(f"{origin}:{line}: {why}")

    values = {column: (row.get(column) or "").strip() for column in COLUMNS}
    code = values["code"]
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        raise bad(f"code must be 2 to 4 digits, got {code!r}")
    root = code[:2]
    if not 1 <= int(root) <= 20:
        raise bad(f"root must be 01..20, got {root!r}")
    if not values["name"]:
        raise bad(f"code {code} has no name")
    try:
        goldstein = float(values["goldstein"])
    except ValueError:
        raise bad(f"goldstein is not a number: {values['goldstein']!r}") from None
    if not -10.0 <= goldstein <= 10.0:
        raise bad(f"goldstein must be within -10..10, got {goldstein}")
    if values["plover"] not in PLOVER_TYPES:
        raise bad(f"unknown PLOVER type {values['plover']!r}")
    return CodeInfo(
        code=code,
        name=values["name"],
        root=root,
        quad_class=quad_class(root),
        goldstein=goldstein,
        plover=values["plover"],
        plover_mode=values["plover_mode"],
    )
