"""Fixtures for the extract stage tests."""

from __future__ import annotations

import pytest

from casus.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def run(parsed, extractor):
    """Extract from text: run("Iran condemned Israel.") -> Extraction (trace in .trace)."""

    def make(text: str, trace: list[str] | None = None):
        return extractor.extract(parsed(text), trace=trace)

    return make
