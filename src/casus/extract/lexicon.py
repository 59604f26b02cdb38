"""The extraction lexicons: trigger patterns, frame words and noise lists, read once.

The YAML files under ``data/lexicon/`` are compiled into dicts keyed by trigger lemma so that the
per-token work of the extractor is one dict lookup; patterns are sorted most specific first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from casus.errors import KnowledgeError

NONE_CODE = "none"
_FILES = ("triggers.yaml", "frames.yaml", "noise.yaml")
_MODES = ("planned", "hypothetical", "negated", "alleged")
_TABLES = ("intent", "threat", "denial", "refusal", "appeal", "demand", "reduction")


@dataclass(frozen=True, slots=True)
class Term:
    """A head lemma with the modifiers it must carry ("air_strike": strike with air)."""

    heads: frozenset[str]
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon pattern: a trigger lemma, its context conditions and the code they give."""

    code: str
    lemma: str
    source: str
    words: tuple[str, ...] = ()
    obj: Term | None = None
    preps: tuple[tuple[str, Term], ...] = ()
    complements: tuple[str, ...] = ()
    # From a user dictionary (PETRARCH verbs), not from the packaged lexicon.
    user: bool = False

    @property
    def specificity(self) -> int:
        obj = 0 if self.obj is None else 1 + len(self.obj.modifiers)
        # A preposition with its object says more than the preposition alone ("withdraw
        # from:@body" over "withdraw from").
        preps = sum(2 + len(term.modifiers) for _, term in self.preps)
        return len(self.words) + obj + preps + len(self.complements)


@dataclass(frozen=True, slots=True)
class CodeTable:
    """Codes a governing verb takes from its complement's code ("agreed to meet" -> 036,
    "pledged to send weapons" -> 0332): the longest matching key (a code or a prefix of one)."""

    verbs: frozenset[str]
    by_code: Mapping[str, str]
    preps: frozenset[str] = frozenset()
    # Verbs whose direct object, a noun of an act, plays the complement's part ("demanded an
    # inquiry" is a demand that someone investigate).
    objects: frozenset[str] = frozenset()

    def code_for(self, code: str) -> str:
        for size in (4, 3, 2):
            if len(code) >= size and code[:size] in self.by_code:
                return self.by_code[code[:size]]
        return self.by_code.get("*", "")


@dataclass(frozen=True, slots=True)
class SourceCodes:
    """Codes that change with the kind of source ("Israeli forces killed" is 190, not 1823)."""

    name: str
    nouns: frozenset[str]
    entities: frozenset[str]
    codes: Mapping[str, str]
    verbs_only: bool = False  # only where a verb names the act and the source is who did it
    # Triggers whose act the source does not change: a state that executes a prisoner carries
    # out a sentence (1823), it does not use military force.
    kept: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()  # when given, the only triggers whose act it changes

    def applies(self, token, trigger=None) -> bool:
        if self.verbs_only and (trigger is None or trigger.pos_ != "VERB"):
            return False
        if trigger is not None and trigger.lemma_.lower() in self.kept:
            return False
        if self.triggers and (trigger is None or not self.triggers & _act_words(trigger)):
            return False
        lemma = token.lemma_.lower()
        if token.ent_type_ in self.entities or lemma in self.nouns:
            return True
        # Two-word entries name a kind by its modifier: "suicide bomber".
        return any(f"{c.lemma_.lower()} {lemma}" in self.nouns
                   for c in token.children if c.dep_ in ("compound", "amod"))


def _act_words(trigger) -> set[str]:
    """The lemmas that name a trigger's act: its own, and its object's ("launched a strike")."""
    return {trigger.lemma_.lower(),
            *(c.lemma_.lower() for c in trigger.children if c.dep_ == "dobj")}


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows, as lookups."""

    verbs: Mapping[str, tuple[Pattern, ...]]
    nouns: Mapping[str, tuple[Pattern, ...]]
    attribution: frozenset[str]
    light_verbs: frozenset[str]
    reciprocal_verbs: frozenset[str]
    mutual_with: frozenset[str]
    protest_sites: frozenset[str]
    complement_modes: Mapping[str, str]
    alleged_passive_only: frozenset[str]
    tables: Mapping[str, CodeTable]
    object_control: frozenset[str]
    object_pcomp: frozenset[str]
    factive: frozenset[str]
    modals: Mapping[str, str]
    adverbs: Mapping[str, str]
    conditional_marks: frozenset[str]
    future_marks: frozenset[str]
    negating_preps: frozenset[str]
    presupposing_preps: frozenset[str]
    planned_preps: frozenset[str]
    background_preps: frozenset[str]
    reason_nouns: frozenset[str]
    culpability: Mapping[str, str]
    stake_nouns: frozenset[str]
    patient_nouns: frozenset[str]
    stake_verbs: frozenset[str]
    death_verbs: frozenset[str]
    errand_verbs: frozenset[str]
    source_codes: tuple[SourceCodes, ...]
    target_preps: frozenset[str]
    nominal_target_preps: frozenset[str]
    nominal_source_preps: frozenset[str]
    non_agents: Mapping[str, str]
    domain_cues: Mapping[str, str]
    weak_cues: frozenset[str]
    match_periods: frozenset[str]
    result_verbs: frozenset[str]
    political_roles: frozenset[str]
    shared_political: frozenset[str]
    hazard_contentious: tuple[str, ...]
    hazard_force: tuple[str, ...]
    hazard_appeals: tuple[str, ...]
    hazard_response: tuple[str, ...]
    agent_nouns: frozenset[str]
    readiness: frozenset[str]
    scheduling_verbs: frozenset[str]
    decision_verbs: frozenset[str]
    permission: frozenset[str]
    consequences: frozenset[str]
    scope_verbs: frozenset[str]
    charge_nouns: frozenset[str]
    act_nouns: frozenset[str]
    hearsay_nouns: frozenset[str]
    pair_nouns: frozenset[str]
    sequel_verbs: frozenset[str]
    verdict_verbs: frozenset[str]
    verdict_words: frozenset[str]
    denial_words: frozenset[str]
    other_side_nouns: frozenset[str]
    history_preps: frozenset[str]
    instruments: frozenset[str]
    laid_explosives: frozenset[str]
    running_into: frozenset[str]
    undergoing: frozenset[str]
    needs_object: frozenset[str]
    ownership: frozenset[str]
    response_verbs: frozenset[str]
    intransitive_acts: frozenset[str]
    open_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    attributing: frozenset[str]
    open_heads: frozenset[str]  # their first words, to rule most verbs out at once
    arrest_means: frozenset[str]
    force_nouns: frozenset[str]
    # Verbs of the demand and appeal tables: their complement is what someone else is to do
    # ("demanded that Israel withdraw").
    addressing: frozenset[str] = field(default_factory=frozenset)
    codes: frozenset[str] = field(default_factory=frozenset)
    # User verb patterns by the word their dictionary lists, for inflected entries ("said")
    # that no lemma reaches; empty without user dictionaries.
    user_forms: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)

    def table_for(self, lemma: str) -> tuple[str, CodeTable] | None:
        for name, table in self.tables.items():
            if lemma in table.verbs:
                return name, table
        return None


def with_user_verbs(lexicon: Lexicon, layers: Iterable[Mapping[str, tuple[Pattern, ...]]]
                    ) -> Lexicon:
    """The lexicon with user verb patterns tried before the built-in ones for the same verb;
    of several user layers, the later wins (as with actor dictionaries)."""
    user: dict[str, tuple[Pattern, ...]] = {}
    for layer in layers:
        for word, patterns in layer.items():
            user[word] = (*patterns, *user.get(word, ()))
    if not user:
        return lexicon
    verbs = dict(lexicon.verbs)
    for word, patterns in user.items():
        verbs[word] = (*patterns, *lexicon.verbs.get(word, ()))
    return replace(lexicon, verbs=verbs, user_forms={word: verbs[word] for word in user})


def default_lexicon_dir() -> Path:
    return Path(str(resources.files("casus").joinpath("data", "lexicon")))


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and validate the lexicon folder (the packaged one by default), once per path."""
    folder = Path(path) if path else default_lexicon_dir()
    raw = {name: _read_yaml(folder / name) for name in _FILES}
    return _build(raw["triggers.yaml"], raw["frames.yaml"], raw["noise.yaml"])


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read lexicon file {path}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"lexicon file {path} must hold a mapping")
    return data


def _build(triggers: Mapping, frames: Mapping, noise: Mapping) -> Lexicon:
    classes = {name: frozenset(_lemmas(values)) for name, values in triggers["classes"].items()}
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    seen: dict[tuple[str, str], str] = {}
    for code, entry in triggers["entries"].items():
        code = str(code)
        if code != NONE_CODE and not (code.isdigit() and len(code) in (3, 4)):
            raise KnowledgeError(f"lexicon code {code!r} is not a 3- or 4-digit CAMEO code")
        for kind, table in (("verbs", verbs), ("nouns", nouns)):
            for text in _lemmas(entry.get(kind) or ()):
                pattern = parse_pattern(text, code, classes)
                key = (kind, _canonical(text))
                if seen.get(key, code) != code:
                    raise KnowledgeError(
                        f"lexicon pattern {text!r} ({kind}) is listed under {seen[key]} and {code}"
                    )
                seen[key] = code
                table.setdefault(pattern.lemma, []).append(pattern)
    return Lexicon(
        verbs=_sorted(verbs),
        nouns=_sorted(nouns),
        attribution=frozenset(_lemmas(frames["attribution"])),
        light_verbs=frozenset(_lemmas(frames["light_verbs"])),
        reciprocal_verbs=frozenset(_lemmas(frames["reciprocal_verbs"])),
        mutual_with=frozenset(_lemmas(frames["mutual_with"])),
        protest_sites=frozenset(_lemmas(frames["protest_sites"])),
        complement_modes=_complement_modes(frames["complement"]),
        alleged_passive_only=frozenset(_lemmas(frames["alleged_passive_only"])),
        tables={name: _table(frames[name]) for name in _TABLES},
        object_control=frozenset(_lemmas(frames["object_control"])),
        object_pcomp=frozenset(_lemmas(frames["object_pcomp"])),
        factive=frozenset(_lemmas(frames["factive"])),
        modals=_inverted(frames["modals"]),
        adverbs=_inverted(frames["adverbs"]),
        conditional_marks=frozenset(_lemmas(frames["conditional_marks"])),
        future_marks=frozenset(_lemmas(frames["future_marks"])),
        negating_preps=frozenset(_lemmas(frames["negating_preps"])),
        presupposing_preps=frozenset(_lemmas(frames["presupposing_preps"])),
        planned_preps=frozenset(_lemmas(frames["planned_preps"])),
        background_preps=frozenset(_lemmas(frames["background_preps"])),
        reason_nouns=frozenset(_lemmas(frames["reason_nouns"])),
        culpability=_inverted(frames["culpability"]),
        stake_nouns=frozenset(_lemmas(frames["stake_nouns"])),
        patient_nouns=frozenset(_lemmas(frames["patient_nouns"])),
        stake_verbs=frozenset(_lemmas(frames["stake_verbs"])),
        death_verbs=frozenset(_lemmas(frames["death_verbs"])),
        errand_verbs=frozenset(_lemmas(frames["errand_verbs"])),
        source_codes=tuple(_source_codes(name, entry) for name, entry in frames["source_codes"].items()),
        target_preps=frozenset(_lemmas(frames["target_preps"])),
        nominal_target_preps=frozenset(_lemmas(frames["nominal_target_preps"])),
        nominal_source_preps=frozenset(_lemmas(frames["nominal_source_preps"])),
        non_agents=_inverted(noise["non_agents"]),
        domain_cues=_inverted(noise["domain_cues"]),
        weak_cues=frozenset(_lemmas(noise["weak_cues"])),
        match_periods=frozenset(_lemmas(noise["match_periods"])),
        result_verbs=frozenset(_lemmas(noise["result_verbs"])),
        political_roles=frozenset(_lemmas(noise["political_roles"])),
        shared_political=frozenset(_lemmas(noise["shared_political"])),
        hazard_contentious=tuple(noise["hazard_contentious"]),
        hazard_force=tuple(noise["hazard_force"]),
        hazard_appeals=tuple(noise["hazard_appeals"]),
        hazard_response=tuple(noise["hazard_response"]),
        agent_nouns=frozenset(_lemmas(frames["agent_nouns"])),
        readiness=frozenset(_lemmas(frames["readiness"])),
        scheduling_verbs=frozenset(_lemmas(frames["scheduling_verbs"])),
        decision_verbs=frozenset(_lemmas(frames["decision_verbs"])),
        permission=frozenset(_lemmas(frames["permission"])),
        consequences=frozenset(_lemmas(frames["consequences"])),
        scope_verbs=frozenset(_lemmas(frames["scope_verbs"])),
        charge_nouns=frozenset(_lemmas(frames["charge_nouns"])),
        act_nouns=frozenset(_lemmas(frames["act_nouns"])),
        hearsay_nouns=frozenset(_lemmas(frames["hearsay_nouns"])),
        pair_nouns=frozenset(_lemmas(frames["pair_nouns"])),
        sequel_verbs=frozenset(_lemmas(frames["sequel_verbs"])),
        verdict_verbs=frozenset(_lemmas(frames["verdict_verbs"])),
        verdict_words=frozenset(_lemmas(frames["verdict_words"])),
        denial_words=frozenset(_lemmas(frames["denial_words"])),
        other_side_nouns=frozenset(_lemmas(frames["other_side_nouns"])),
        history_preps=frozenset(_lemmas(frames["history_preps"])),
        instruments=frozenset(_lemmas(frames["instruments"])),
        laid_explosives=frozenset(_lemmas(frames["laid_explosives"])),
        running_into=frozenset(_lemmas(frames["running_into"])),
        undergoing=frozenset(_lemmas(frames["undergoing"])),
        needs_object=frozenset(_lemmas(frames["needs_object"])),
        ownership=frozenset(_lemmas(frames["ownership"])),
        response_verbs=frozenset(_lemmas(frames["response_verbs"])),
        intransitive_acts=frozenset(_lemmas(frames["intransitive_acts"])),
        open_verbs=frozenset(_lemmas(frames["open_verbs"])),
        warning_verbs=frozenset(_lemmas(frames["warning_verbs"])),
        attributing=frozenset(_lemmas(frames["attributing"])),
        open_heads=frozenset(v.split()[0] for v in _lemmas(frames["open_verbs"])),
        arrest_means=frozenset(_lemmas(frames["arrest_means"])),
        force_nouns=frozenset(_lemmas(frames["force_nouns"])),
        codes=frozenset(code for code in map(str, triggers["entries"]) if code != NONE_CODE),
        addressing=frozenset(_lemmas([*frames["demand"]["verbs"], *frames["appeal"]["verbs"]])),
    )


def parse_pattern(text: str, code: str, classes: Mapping[str, frozenset[str]]) -> Pattern:
    """Read one pattern string (syntax in triggers.yaml's header)."""
    parts = text.lower().split()
    if not parts or parts[0][0] in "+~@" or ":" in parts[0]:
        raise KnowledgeError(f"lexicon pattern {text!r} must start with a trigger lemma")
    words: list[str] = []
    preps: list[tuple[str, Term]] = []
    complements: list[str] = []
    obj: Term | None = None
    for part in parts[1:]:
        if part.startswith("+"):
            obj = _term(part[1:], text, classes)
        elif part.startswith("~"):
            complements.append(part[1:])
        elif ":" in part:
            prep, _, rest = part.partition(":")
            preps.append((prep, _term(rest, text, classes)))
        else:
            words.append(part)
    return Pattern(
        code=code, lemma=parts[0], source=text, words=tuple(words), obj=obj,
        preps=tuple(preps), complements=tuple(complements),
    )


def _term(spec: str, text: str, classes: Mapping[str, frozenset[str]]) -> Term:
    *modifiers, head = spec.split("_")
    if head.startswith("@"):
        if head[1:] not in classes:
            raise KnowledgeError(f"lexicon pattern {text!r} names unknown class {head!r}")
        heads = classes[head[1:]]
    else:
        heads = frozenset((head,))
    if not head or not all(modifiers):
        raise KnowledgeError(f"lexicon pattern {text!r} has an empty term")
    return Term(heads=heads, modifiers=tuple(modifiers))


def _canonical(text: str) -> str:
    return " ".join(str(text).lower().split())


def _lemmas(values: Iterable[Any]) -> list[str]:
    out = []
    for value in values:
        if not isinstance(value, str):
            # YAML reads bare on/no/yes as booleans: such words must be quoted.
            raise KnowledgeError(f"lexicon word {value!r} is not a string (quote it)")
        out.append(value.lower())
    return out


def _sorted(table: Mapping[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    # Most specific first; `none` wins ties so that "release a statement" beats "release", and
    # a named word beats any name of a kind ("joined the Abraham Accords" is an agreement
    # before it is an organisation).
    def key(pattern: Pattern) -> tuple[int, int, int]:
        wildcard = pattern.obj is not None and any(h.startswith("$") for h in pattern.obj.heads)
        return (-pattern.specificity, 0 if pattern.code == NONE_CODE else 1, int(wildcard))

    return {lemma: tuple(sorted(patterns, key=key)) for lemma, patterns in table.items()}


def _inverted(groups: Mapping[str, Iterable[Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, values in groups.items():
        for value in _lemmas(values):
            out.setdefault(value, str(name))
    return out


def _complement_modes(groups: Mapping[str, Mapping]) -> dict[str, str]:
    out: dict[str, str] = {}
    for mode, entry in groups.items():
        if mode not in _MODES:
            raise KnowledgeError(f"frames.yaml: unknown complement mode {mode!r}")
        for verb in _lemmas(entry["verbs"]):
            if out.get(verb, mode) != mode:
                raise KnowledgeError(
                    f"frames.yaml: complement verb {verb!r} is both {out[verb]} and {mode}"
                )
            out[verb] = mode
    return out


def _source_codes(name: str, entry: Mapping) -> SourceCodes:
    return SourceCodes(
        name=str(name),
        nouns=frozenset(_lemmas(entry["nouns"])),
        entities=frozenset(str(e) for e in entry["entities"]),
        codes={str(k): str(v) for k, v in entry["codes"].items()},
        verbs_only=bool(entry.get("verbs_only", False)),
        kept=frozenset(_lemmas(entry.get("kept", ()))),
        triggers=frozenset(_lemmas(entry.get("triggers", ()))),
    )


def _table(entry: Mapping) -> CodeTable:
    return CodeTable(
        verbs=frozenset(_lemmas(entry["verbs"])),
        by_code={str(k): str(v) for k, v in entry["by_code"].items()},
        preps=frozenset(_lemmas(entry.get("preps") or ())),
        objects=frozenset(_lemmas(entry.get("objects") or ())),
    )
