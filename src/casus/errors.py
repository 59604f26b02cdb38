"""One exception tree for casus. Third-party errors are translated into it at the boundary.

    CasusError
    ├── ConfigError            settings file or environment is wrong (unknown key, bad value)
    ├── ModelMissingError      the spaCy pipeline package is not installed (says what to install)
    ├── KnowledgeError         a codebook, lexicon, dictionary or gazetteer file is invalid
    ├── InputError             one input cannot become a document; recorded as a reject
    │   ├── EmptyInputError        nothing to read (empty file, HTML with no text)
    │   ├── BinaryInputError       the bytes are not text
    │   ├── EncodingError          the text is not valid UTF-8 (or declared encoding)
    │   ├── MalformedInputError    JSONL/feed/HTML that does not parse, or lacks a required field
    │   └── InputTooLargeError     over the configured size limit
    ├── StoreError             the database could not be opened, migrated or written
    └── EvaluationError        an evaluation set is missing or malformed, or a floor is broken

Library code raises these and never prints or exits; the CLI turns them into one-line messages.
"""

from __future__ import annotations


class CasusError(Exception):
    """Base of every error casus raises on purpose."""


class ConfigError(CasusError):
    pass


class ModelMissingError(CasusError):
    pass


class KnowledgeError(CasusError):
    pass


class InputError(CasusError):
    """An input that cannot become a document. ``reason`` is a short human sentence."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class MalformedInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class StoreError(CasusError):
    pass


class EvaluationError(CasusError):
    pass
