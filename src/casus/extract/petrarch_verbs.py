"""Reading PETRARCH/TABARI verb dictionaries into a user trigger layer for the extractor.

A verb dictionary holds ``&NAME`` synsets (``+WORD`` member lines; a member may be another
``&NAME``) and verb blocks. A block opens with ``--- VERB [code] ---``; the lines below list the
verb and its synonyms (``{FORMS}`` gives inflections, ``+`` marks the verb inside a multi-word
form such as ``WIRE_+TAP``, a trailing ``[code]`` overrides the block's), then pattern lines
``- words * words [code]``: ``*`` is the verb, ``$`` the source, ``+`` the target, ``%`` both,
``^`` a skipped word, ``_`` joins words. ``[---]`` means no code; ``[a:b]`` codes the event and a
reply from the target, of which we keep the first. ``#`` starts a comment, ``<!-- -->`` too.

We keep what the extractor can check on a parse: the verb itself (by lemma, or by the listed
word for inflected entries such as ``SAID``), a particle, the object's head noun with its
modifiers, and preposition phrases after the verb. Patterns with words before the verb, or with
clause words after it (``WOULD``, ``WAS``), are skipped and counted, as are codes that are not
CAMEO codes (PETRARCH's test files carry WEIS codes such as ``223`` or ``174K``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

from casus.codebook import load_codebook
from casus.errors import KnowledgeError
from casus.extract.lexicon import Pattern, Term
from casus.petrarch_format import clean_lines, without_blocks

VERB_HEADER = re.compile(r"^---\s+.*\[[^\]]*\].*---\s*$", re.M)
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{[^}]*\}")
_ACTOR_MARKS = frozenset("$+%")
_ARTICLES = frozenset(("the", "a", "an"))
_PREPOSITIONS = frozenset((
    "to", "for", "with", "in", "on", "upon", "at", "against", "from", "into", "over", "between",
    "of", "about", "by", "near", "toward", "towards", "under", "through", "after", "across",
))
_PARTICLES = frozenset(("down", "out", "up", "off", "back", "away"))
# Words that make the context a clause rather than a phrase ("* WAS UNSATISFACTORY",
# "* WOULD VISIT"): the extractor reads those through its own frames, not through patterns.
_CLAUSE_WORDS = frozenset((
    "was", "were", "is", "are", "be", "been", "being", "would", "will", "should", "could", "can",
    "may", "might", "must", "shall", "not", "no", "never", "n't", "have", "has", "had", "do",
    "did", "does", "that", "it", "its", "their", "they", "he", "she", "we",
))
# A synset can stand for many word sequences: beyond this, a pattern is too broad to expand.
_MAX_EXPANSIONS = 64


@dataclass(frozen=True)
class VerbLayer:
    """The trigger patterns one verb dictionary gives, and what it could not express."""

    source: str
    # Keyed by the word the dictionary lists: a lemma ("restore") or an inflected entry ("said").
    verbs: Mapping[str, tuple[Pattern, ...]]
    skipped: Mapping[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(map(len, self.verbs.values()))


@dataclass
class _Block:
    base: str | None
    header: str
    forms: list[tuple[str, tuple[str, ...], str | None]] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)


def is_verb_dictionary(text: str) -> bool:
    """A PETRARCH verb dictionary has ``--- VERB [code] ---`` block headers."""
    return VERB_HEADER.search(without_blocks(text)) is not None


def verb_dictionaries(paths: Iterable[str | Path]) -> tuple[str, ...]:
    """The verb dictionaries among user dictionary files (the others are actor files)."""
    out = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() == ".txt" and is_verb_dictionary(_read(path)):
            out.append(str(path))
    return tuple(out)


def load_verb_layers(paths: Iterable[str | Path]) -> tuple[VerbLayer, ...]:
    """One layer per verb dictionary among ``paths``, in order; each file read once."""
    return tuple(_layer(p, Path(p).stat().st_mtime) for p in verb_dictionaries(paths))


@lru_cache(maxsize=16)
def _layer(path: str, mtime: float) -> VerbLayer:
    del mtime  # part of the cache key only: an edited dictionary is read again
    return read_verbs(Path(path))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read PETRARCH dictionary ({exc.strerror})") from exc


def read_verbs(path: Path) -> VerbLayer:
    """The user trigger layer of one PETRARCH verb dictionary."""
    lines = [line.strip() for _, line in clean_lines(_read(path))]
    synsets = _synsets(lines)
    skipped: Counter[str] = Counter()
    verbs: dict[str, list[Pattern]] = {}
    codebook = load_codebook()
    for block in _blocks(lines, path, skipped):
        for word, after, own in block.forms:
            code = _cameo(own if own is not None else block.base, codebook, skipped)
            specific = [] if not after else _expand(after, synsets, skipped)
            found = verbs.setdefault(word, [])
            for text, raw in block.patterns:
                found.extend(_patterns(word, text, raw, synsets, codebook, skipped, specific))
            if code is not None:
                found.extend(Pattern(code=code, lemma=word, source=_source(block, word, words),
                                     words=words, user=True) for words in specific or [()])
    return VerbLayer(source=str(path), verbs=_ordered(verbs), skipped=dict(skipped))


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("&"):
            current = out.setdefault(line.split()[0].rstrip("_").upper(), [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].strip())
        else:
            current = None
    return out


def _blocks(lines: list[str], path: Path, skipped: Counter) -> Iterator[_Block]:
    block: _Block | None = None
    for line in lines:
        if VERB_HEADER.match(line):
            if block is not None:
                yield block
            codes = _CODE.findall(line)
            block = _Block(base=codes[0].strip() if codes else None, header=line)
        elif line.startswith("&"):
            if block is not None:
                yield block
            block = None
        elif block is None:
            continue
        elif line.startswith("-"):
            codes = _CODE.findall(line)
            if not codes:
                raise KnowledgeError(f"{path}: pattern without a [code]: {line!r}")
            block.patterns.append((_CODE.sub("", line[1:]).strip(), codes[-1].strip()))
        else:
            block.forms.extend(_forms(line, skipped))
    if block is not None:
        yield block


def _forms(line: str, skipped: Counter) -> list[tuple[str, tuple[str, ...], str | None]]:
    """(verb word, words after it, own code) for a verb line; forms with words before the verb
    ("WIRE_+TAP") cannot be checked on a parse and are left out."""
    codes = _CODE.findall(line)
    own = codes[0].strip() if codes else None
    words = _FORMS.sub("", _CODE.sub("", line)).replace("_", " ").split()
    if not words:
        return []
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    if at > 0:
        skipped["verb form with words before the verb"] += 1
        return []
    verb = words[at].lstrip("+").lower()
    return [(verb, tuple(w.lstrip("+").lower() for w in words[at + 1:]), own)]


def _cameo(code: str | None, codebook, skipped: Counter) -> str | None:
    """The CAMEO code of a PETRARCH code (first of a pair), or None, counting why."""
    if code is None or code.strip("-") == "":
        return None
    first = code.split(":")[0].strip()
    if first.isdigit() and len(first) in (3, 4) and 1 <= int(first[:2]) <= 20 and first in codebook:
        return first
    skipped["not a CAMEO code"] += 1
    return None


def _patterns(word, text, raw_code, synsets, codebook, skipped, specific) -> list[Pattern]:
    if "*" not in text:
        skipped["no verb position"] += 1
        return []
    before, _, after = text.partition("*")
    if _words(before):
        skipped["words before the verb"] += 1
        return []
    code = _cameo(raw_code, codebook, skipped)
    if code is None:
        return []
    out = []
    for words in specific or [()]:
        for tokens in _expand(list(words) + _words(after), synsets, skipped) or []:
            pattern = _context(word, code, tokens, f"{word}: - {text} [{raw_code}]")
            if pattern is None:
                skipped["context not a phrase"] += 1
                break
            out.append(pattern)
    return out


def _words(text: str) -> list[str]:
    return [w for w in text.replace("_", " ").lower().split() if w not in _ACTOR_MARKS]


def _expand(words: Iterable[str], synsets: Mapping[str, list[str]], skipped: Counter,
            depth: int = 0) -> list[tuple[str, ...]]:
    """Every word sequence a pattern stands for, synsets replaced by their members."""
    choices = []
    for word in words:
        if word.startswith("&"):
            members = synsets.get(word.upper())
            if members is None or depth > 4:
                skipped["unknown synset"] += 1
                return []
            options = [seq for m in members
                       for seq in _expand(_words(m), synsets, skipped, depth + 1)]
            choices.append(options)
        else:
            choices.append([(word,)])
    combos = [tuple(w for part in combo for w in part) for combo in product(*choices)]
    if len(combos) > _MAX_EXPANSIONS:
        skipped["synsets too broad"] += 1
        return []
    return combos


def _context(word: str, code: str, tokens: tuple[str, ...], source: str) -> Pattern | None:
    """A pattern from the words after the verb: a particle, an object phrase, then phrases
    each led by a preposition. None when the words are not of that shape."""
    tokens = tuple(t for t in tokens if t not in _ARTICLES)
    if any(t in _CLAUSE_WORDS or not _plain(t) for t in tokens):
        return None
    words: list[str] = []
    rest = list(tokens)
    while rest and rest[0] in _PARTICLES:
        words.append(rest.pop(0))
    segments: list[tuple[str | None, list[str]]] = [(None, [])]
    for token in rest:
        if token in _PREPOSITIONS:
            segments.append((token, []))
        else:
            segments[-1][1].append(token)
    obj = _term(segments[0][1]) if segments[0][1] else None
    preps = []
    for prep, phrase in segments[1:]:
        if phrase:
            preps.append((prep, _term(phrase)))
        else:
            words.append(prep)
    return Pattern(code=code, lemma=word, source=source, words=tuple(words), obj=obj,
                   preps=tuple(preps), user=True)


def _plain(token: str) -> bool:
    return all(ch.isalpha() or ch in "'-" for ch in token)


def _term(phrase: list[str]) -> Term:
    *modifiers, head = phrase
    return Term(heads=frozenset((head, _singular(head))), modifiers=tuple(modifiers))


def _singular(word: str) -> str:
    # PETRARCH lists nouns as they appear ("TIES"); spaCy's lemma is the singular.
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _source(block: _Block, word: str, words: tuple[str, ...]) -> str:
    return f"{' '.join((word, *words))}: {block.header}"


def _ordered(table: Mapping[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    """Most specific first, so a pattern's context is tried before the block's bare code."""
    return {
        lemma: tuple(sorted(patterns, key=lambda p: -p.specificity))
        for lemma, patterns in table.items() if patterns
    }
