from __future__ import annotations

from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ingest"


@pytest.fixture
def resources() -> Path:
    return RESOURCES
