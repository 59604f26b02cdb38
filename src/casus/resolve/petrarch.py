"""Reading PETRARCH/TABARI-format actor and agent dictionaries into a user layer.

Actor dictionaries hold blocks: a phrase line (words joined by ``_`` or spaces, an optional
trailing ``_``), ``+SYNONYM`` lines, and codes in brackets on the phrase line or on the lines
below: ``[CODE]``, ``[CODE <YYMMDD]`` (until), ``[CODE >YYMMDD]`` (from),
``[CODE YYYYMMDD-YYYYMMDD]`` (between). ``#`` starts a comment outside brackets; ``<!-- -->``
blocks are comments. Several codes separated by ``/`` name several actors; we keep the first,
as an Actor carries one code.

Agent dictionaries hold ``NOUN {PLURAL} [~ABC]`` lines (``[ABC~]`` puts the code before the
actor's instead of after it; ``{}`` means the regular plural) and ``!CLASS! = A, B`` lines whose
class may be used inside later nouns (``CONGRESS!PERSON!``). A file counts as an agent
dictionary when its codes use ``~``. A verb dictionary (``--- VERB [code] ---`` headers)
gives no actors: it is read by the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from casus.errors import KnowledgeError
from casus.extract.petrarch_verbs import is_verb_dictionary
from casus.petrarch_format import clean_lines
from casus.resolve.kb import Entry, Layer, Role
from casus.resolve.kb_builtin import plurals

_CODE = re.compile(r"\[([^\]]*)\]")
_CLASS = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_DATED = re.compile(r"^(\S+)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))$")
_PLURAL = re.compile(r"\{([^}]*)\}")


@dataclass
class _Block:
    phrases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def read_petrarch(path: Path) -> Layer:
    """A user layer from one PETRARCH actor or agent dictionary."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read PETRARCH dictionary ({exc.strerror})") from exc
    layer = Layer(source=str(path))
    if is_verb_dictionary(text):
        # Verb dictionaries are the extractor's (extract/petrarch_verbs.py): no actors here.
        return layer
    lines = list(clean_lines(text))
    if any("~" in code for _, line in lines for code in _CODE.findall(line)):
        _read_agents(lines, layer, path)
    else:
        _read_actors(lines, layer, path)
    return layer


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _read_actors(lines: list[tuple[int, str]], layer: Layer, path: Path) -> None:
    block: _Block | None = None
    for number, line in lines:
        stripped = line.strip()
        codes = _CODE.findall(stripped)
        head = _CODE.sub("", stripped).strip()
        if stripped.startswith("+"):
            if block is None:
                raise KnowledgeError(f"{path}:{number}: synonym before any actor")
            block.phrases.append(_phrase(head[1:]))
        elif head and not line[:1].isspace():
            _add_block(block, layer, path)
            block = _Block(phrases=[_phrase(head)])
        elif block is None:
            raise KnowledgeError(f"{path}:{number}: code before any actor")
        block.codes.extend(codes)
    _add_block(block, layer, path)


def _add_block(block: _Block | None, layer: Layer, path: Path) -> None:
    if block is None or not block.phrases:
        return
    default, roles = None, []
    for raw in block.codes:
        code, role = _dated_code(raw.strip(), path, block.phrases[0])
        if role is None:
            default = default or code
        else:
            roles.append(role)
    if default is None and not roles:
        raise KnowledgeError(f"{path}: {block.phrases[0]}: no code")
    code = default or roles[-1].code
    country, role = split_code(code)
    entry = Entry(
        name=block.phrases[0].title(),
        kind="country" if len(code) == 3 else "organization",
        country=country,
        role=role,
        code=code,
        roles=tuple(roles),
        source=str(path),
        petrarch=True,
    )
    for phrase in block.phrases:
        layer.add(phrase, entry, case_sensitive=False)


def _dated_code(raw: str, path: Path, name: str) -> tuple[str, Role | None]:
    match = _DATED.match(raw)
    if not match:
        if " " in raw or not raw:
            raise KnowledgeError(f"{path}: {name}: cannot read code [{raw}]")
        return _first(raw), None
    code, sign, when, start, end = match.groups()
    code = _first(code)
    country, role = split_code(code)
    if sign == "<":
        bounds = (None, _petr_date(when, path, name))
    elif sign == ">":
        bounds = (_petr_date(when, path, name), None)
    else:
        bounds = (_petr_date(start, path, name), _petr_date(end, path, name))
    return code, Role(country=country, role=role, start=bounds[0], end=bounds[1], code=code)


def _first(code: str) -> str:
    return code.split("/")[0].upper()


def _petr_date(text: str, path: Path, name: str) -> date:
    """YYMMDD (years before 50 are 20xx) or YYYYMMDD."""
    try:
        if len(text) == 6:
            year = int(text[:2])
            return date(year + (2000 if year < 50 else 1900), int(text[2:4]), int(text[4:]))
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise KnowledgeError(f"{path}: {name}: bad date {text!r}") from exc


AGENT_CODES = frozenset({
    "GOV", "MIL", "LEG", "JUD", "COP", "OPP", "PTY", "REB", "INS", "CVL", "MED", "BUS",
    "NGO", "IGO", "HRI", "REF", "REL", "LAB", "EDU", "CRM", "SPY", "ELI", "AGR", "DEV",
    "ENV", "HLH", "MOD", "RAD", "UAF", "SEP", "BNK", "CHR", "MOS", "JEW", "BUD", "HIN"
})


def split_code(code: str) -> tuple[str | None, str | None]:
    """Country and role of a CAMEO-style code: the first three letters, then the next three
    when they are a known agent code ("ARNGOV" -> ARN, GOV; "---GOV" -> None, GOV)."""
    country = code[:3] if len(code) >= 3 and code[:3].isalpha() else None
    role = code[3:6] if code[3:6] in AGENT_CODES else None
    return country, role


def _read_agents(lines: list[tuple[int, str]], layer: Layer, path: Path) -> None:
    classes: dict[str, list[str]] = {}
    for number, line in lines:
        stripped = line.strip()
        match = _CLASS.match(stripped)
        if match:
            classes[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(stripped)
        if not codes:
            raise KnowledgeError(f"{path}:{number}: agent line without a [code]")
        _add_agent_line(stripped, codes[0].strip(), classes, layer, path, number)


def _add_agent_line(line, code, classes, layer, path, number) -> None:
    if "~" not in code:
        raise KnowledgeError(f"{path}:{number}: agent code [{code}] lacks ~")
    prefix = not code.startswith("~")
    code = code.replace("~", "").strip().upper()
    body = _CODE.sub("", line)
    plural_match = _PLURAL.search(body)
    noun = _phrase(_PLURAL.sub("", body))
    role = code[:3] if code[:3] in AGENT_CODES else None
    for variant in _expand(noun, classes):
        single = Entry(name=variant.lower(), kind="agent", code=code, role=role, prefix=prefix,
                       form="person", source=str(path), petrarch=True)
        many = Entry(name=variant.lower(), kind="agent", code=code, role=role, prefix=prefix,
                     form="group", source=str(path), petrarch=True)
        layer.add(variant, single, case_sensitive=False)
        explicit = plural_match.group(1).strip() if plural_match else ""
        for form in [_phrase(explicit)] if explicit else plurals(variant.lower()):
            layer.add(form, many, case_sensitive=False)


def _expand(noun: str, classes: dict[str, list[str]]) -> list[str]:
    """Nouns with substitution classes replaced by each of their members."""
    for name, members in classes.items():
        if name in noun:
            return [v for m in members for v in _expand(noun.replace(name, m, 1), classes)]
    return [noun]
