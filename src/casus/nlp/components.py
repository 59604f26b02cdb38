"""Faster stand-ins for two of the English model's components, with the same output.

The model's ``attribute_ruler`` (tag -> POS, morphology and a few lemmas) and rule
``lemmatizer`` cost about a sixth of the whole parse: the ruler runs spaCy's general ``Matcher``
over all of its ~180 patterns at every token, and the lemmatizer makes a Python ``Token`` for
every token to ask a cache it mostly hits. Here the ruler's patterns are indexed by a value their
first token needs and the attributes the ruler has already normalised are written as arrays, in
its rule order; the lemmatizer reads its own cache over plain arrays and leaves every miss to
spaCy's. ``install`` swaps them in only when every pattern and attribute is of a kind the index
understands; tests compare every token annotation with the shipped components.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language

# The token attributes a ruler pattern may test, as columns of Doc.to_array.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]
# The column a pattern is indexed by, most selective first: a word before its tag.
_SELECTIVE = (1, 0, 2, 3)
# What a rule may write for the array write to equal spaCy's per-token one: token attributes
# only (spaCy also writes lexical ones to the shared Lexeme).
_WRITABLE = {TAG, POS, MORPH, LEMMA, DEP}


class UnsupportedPattern(ValueError):
    """A ruler pattern the tag index cannot evaluate exactly (operators, other attributes)."""


def _token_test(spec: dict, strings) -> tuple[tuple[int, object], ...]:
    """One pattern token as (column, test of the column's value) pairs."""
    tests = []
    for key, value in spec.items():
        column = _COLUMNS.get(key)
        if column is None:
            raise UnsupportedPattern(key)
        operator, operand = next(iter(value.items())) if isinstance(value, dict) else ("==", value)
        if isinstance(value, dict) and len(value) != 1 or operator not in _TESTS:
            raise UnsupportedPattern(f"{key}: {value}")
        if key == "IS_SPACE" and operator == "REGEX":
            raise UnsupportedPattern(f"{key}: {value}")
        tests.append((column, _TESTS[operator](operand, strings, key == "IS_SPACE")))
    return tuple(tests)


class _In:
    """``{"IN": [...]}`` or a plain value: the column's value is one of these."""

    def __init__(self, values, strings, flag: bool):
        values = values if isinstance(values, list) else [values]
        self.allowed = frozenset(int(bool(v)) if flag else strings.add(v) for v in values)

    def __call__(self, value: int) -> bool:
        return value in self.allowed


class _NotIn(_In):
    def __call__(self, value: int) -> bool:
        return value not in self.allowed


class _Search:
    """``{"REGEX": ...}`` as the Matcher reads it (``re.search`` on the attribute's string),
    remembered per string."""

    def __init__(self, pattern: str, strings, flag: bool):
        self.regex = re.compile(pattern)
        self.strings = strings
        self.seen: dict[int, bool] = {}

    def __call__(self, value: int) -> bool:
        found = self.seen.get(value)
        if found is None:
            found = self.seen[value] = bool(self.regex.search(self.strings[value]))
        return found


_TESTS = {"==": _In, "IN": _In, "NOT_IN": _NotIn, "REGEX": _Search}


class IndexedAttributeRuler:
    """The model's AttributeRuler, its patterns looked up by a value their first token needs
    (its lower-case form where it names one, else its tag, dependency or spacing), and its
    attributes written as arrays."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        written = sorted({attr for attrs in ruler.attrs for attr in attrs})
        if not set(written) <= _WRITABLE:
            raise UnsupportedPattern(f"writes attributes {written}")
        self._written = written
        # Per rule: which token of the match it writes, and (column, value) pairs to write.
        self._writes = [
            (index, tuple((written.index(attr), value) for attr, value in attrs.items()))
            for attrs, index in zip(ruler.attrs, ruler.indices, strict=True)
        ]
        self._index: dict[tuple[int, int], list] = {}
        self._unindexed: list = []
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                self._add(rule, tuple(_token_test(spec, strings) for spec in pattern))
        self._columns = sorted({column for column, _ in self._index})

    def _add(self, rule: int, tests: tuple) -> None:
        needed = min(((column, test) for column, test in tests[0] if type(test) is _In),
                     key=lambda pair: _SELECTIVE.index(pair[0]), default=None)
        if needed is None:
            self._unindexed.append((rule, tests))
            return
        column, test = needed
        # A one-token pattern whose only test is the one indexed needs no test once found.
        rest = None if len(tests) == 1 and len(tests[0]) == 1 else tests
        for value in test.allowed:
            self._index.setdefault((column, value), []).append((rule, rest))

    def __call__(self, doc):
        rows = doc.to_array(_ARRAY).tolist()
        matches = set()
        for start, row in enumerate(rows):
            for column in self._columns:
                for rule, tests in self._index.get((column, row[column]), ()):
                    if tests is None:
                        matches.add((rule, start, start + 1))
                    elif _matches(rows, start, tests):
                        matches.add((rule, start, start + len(tests)))
            for rule, tests in self._unindexed:
                column, passes = tests[0][0]
                if passes(row[column]) and _matches(rows, start, tests):
                    matches.add((rule, start, start + len(tests)))
        if matches:
            values = doc.to_array(self._written)
            # Later rules win where two set the same attribute, as in AttributeRuler.match.
            for rule, start, end in sorted(matches):
                index, writes = self._writes[rule]
                token = start + index if index >= 0 else end + index
                for column, value in writes:
                    values[token, column] = value
            doc.from_array(self._written, values)
        return doc


def _matches(rows: list, start: int, tests: tuple) -> bool:
    if start + len(tests) > len(rows):
        return False
    return all(passes(rows[start + k][column])
               for k, test in enumerate(tests) for column, passes in test)


class CachedLemmatizer:
    """The model's rule Lemmatizer, its cache read over arrays; misses go to spaCy's own."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer

    def __call__(self, doc):
        lemmatizer = self.lemmatizer
        cache, strings = lemmatizer.cache, doc.vocab.strings
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = array[:, 3]
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            forms = cache.get((orth, pos, morph))
            if forms is None:
                forms = lemmatizer.lemmatize(doc[i])
            lemmas[i] = strings.add(forms[0])
        doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas))
        return doc


# Factories take no annotations: spaCy validates them as pydantic fields, which the postponed
# annotations of this module would leave unresolved.
@Language.factory("casus_indexed_attribute_ruler")
def _make_ruler(nlp, name):
    return IndexedAttributeRuler(shipped(nlp, "attribute_ruler"))


@Language.factory("casus_cached_lemmatizer")
def _make_lemmatizer(nlp, name):
    return CachedLemmatizer(shipped(nlp, "lemmatizer"))


def shipped(nlp: Language, name: str):
    """The model's own component ``name``, whether casus stands in for it or not."""
    kept = _kept_name(name)
    return nlp.get_pipe(kept if kept in nlp.component_names else name)


def _kept_name(name: str) -> str:
    return f"casus_shipped_{name}"


def install(nlp: Language) -> Language:
    """Run the model's attribute ruler and rule lemmatizer through the faster stand-ins,
    in place; a pipeline without them, or with patterns the index cannot read, is left as is."""
    names = nlp.pipe_names
    if "attribute_ruler" in names:
        try:
            IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))
        except UnsupportedPattern:
            pass
        else:
            _stand_in(nlp, "attribute_ruler", "casus_indexed_attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
        _stand_in(nlp, "lemmatizer", "casus_cached_lemmatizer")
    return nlp


def _stand_in(nlp: Language, name: str, factory: str) -> None:
    """Put the stand-in where the component was; the component stays, disabled, under a new
    name for the stand-in to delegate to."""
    nlp.rename_pipe(name, _kept_name(name))
    nlp.add_pipe(factory, name=name, before=_kept_name(name))
    nlp.disable_pipe(_kept_name(name))
