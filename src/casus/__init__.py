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

# Importing the pipeline imports the subpackage `casus.extract` first; binding the function
# afterwards makes `casus.extract` the function for good (a later submodule import keeps it).
from casus.pipeline import Pipeline, extract

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

