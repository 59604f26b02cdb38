"""casus: political event data from news text.

    >>> import casus
    >>> events = casus.extract("Iran condemned the Israeli strikes on Tuesday.", published="2025-01-29")

The library is silent: it logs to a NullHandler and never prints; the ``casus`` CLI talks.
"""

import logging

from casus.models import (
    Actor,
    Document,
    Event,
    EventDate,
    Evidence,
    Place,
    Quote,
    RawItem,
    Reject,
    Result,
)
__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Document",
    "Event",
    "EventDate",
    "Evidence",
    "Pipeline",
    "Place",
    "Quote",
    "RawItem",
    "Reject",
    "Result",
    "__version__",
    "extract",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    # The pipeline pulls in spaCy and every stage; importing it lazily keeps `import casus.models`
    # (and the CLI's --help) fast.
    if name in ("Pipeline", "extract"):
        from casus import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'casus' has no attribute {name!r}")
