"""The resolve stage: actors, dates and places for extraction candidates, assembled into events."""

from casus.resolve.events import Resolver

__all__ = ["Resolver"]
