"""Shared fixtures. Tests that load the real spaCy pipeline use `nlp` or `parsed` and are marked
`model`; the pipeline is loaded once per test session."""

from __future__ import annotations

from datetime import date

import pytest

from casus.models import Document, Parsed
from casus.nlp import parse_one


@pytest.fixture(scope="session")
def nlp():
    from casus.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parsed(nlp):
    """Build a Parsed from text: parsed("Iran condemned Israel.", published="2025-01-29")."""

    def make(text: str, published: str | None = "2025-01-29", doc_id: str = "t") -> Parsed:
        when = date.fromisoformat(published) if published else None
        return parse_one(nlp, Document(id=doc_id, text=text, published=when))

    return make
