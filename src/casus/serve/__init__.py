"""casus's HTTP API and dashboard (FastAPI lives here and nowhere else in casus)."""

from casus.serve.app import create_app

__all__ = ["create_app"]
