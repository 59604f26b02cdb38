"""The HTTP API over a casus DuckDB store, and the dashboard page that calls it.

Each request opens the store and closes it when answered (about 20 ms), so that the server holds
no lock on the database file between requests and `casus ingest` can add to it meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from casus import __version__
from casus.codebook import load_codebook
from casus.errors import StoreError
from casus.models import MODES
from casus.serve import errors
from casus.serve.errors import ApiError
from casus.store import DuckDBStore
from casus.store.query import EventQuery
from casus.store.reads import StoredReject, find_document, find_event, list_rejects, page_events
from casus.store.stats import EventStats, event_stats

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 1000
# A request is parsed while the client waits; longer texts belong to `casus ingest`.
MAX_EXTRACT_CHARS = 100_000
# The dashboard loads nothing from elsewhere; the policy makes sure it cannot.
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

Mode = Literal[MODES]  # type: ignore[valid-type]

router = APIRouter(prefix="/api")


def create_app(db_path: str, read_only: bool = True) -> FastAPI:
    """The API and dashboard over the DuckDB store at ``db_path``.

    ``read_only``: the database must already exist (``StoreError`` otherwise) and the app never
    creates it; with ``read_only=False`` a missing database is created, empty, on first use.
    """
    path = str(db_path)
    if read_only and not _exists(path):
        raise StoreError(_missing(path))
    app = FastAPI(
        title="casus",
        version=__version__,
        summary="Political events coded from news text, with their evidence.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.open_store = partial(_open_store, path, read_only)
    app.state.extract_lock = threading.Lock()
    errors.install(app)
    app.include_router(router)
    app.add_api_route("/", _dashboard, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(_security_headers)
    return app


def _exists(path: str) -> bool:
    return path == ":memory:" or Path(path).exists()


def _missing(path: str) -> str:
    return f"no database at {path} (create one with `casus ingest INPUT... --db {path}`)"


def _open_store(path: str, read_only: bool) -> DuckDBStore:
    # Checked on every request too: the file may have been removed since the app started.
    if read_only and not _exists(path):
        raise StoreError(_missing(path))
    return DuckDBStore(path)


def _store(request: Request) -> Iterator[DuckDBStore]:
    with request.app.state.open_store() as store:
        yield store


Store = Annotated[DuckDBStore, Depends(_store)]


def _filters(
    actor: Annotated[
        str | None, Query(max_length=200, description="Part of either side's name or mention.")
    ] = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^([A-Za-z]{3})?$", description="Either side's country code (ISR)."),
    ] = None,
    root: Annotated[
        str | None,
        Query(pattern=r"^((0?[1-9])|(1[0-9])|20)?$", description="CAMEO root code, 01..20."),
    ] = None,
    mode: Annotated[Mode | None, Query(description="Event mode.")] = None,
    since: Annotated[date | None, Query(description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events on or before (YYYY-MM-DD).")] = None,
) -> EventQuery:
    if since and until and since > until:
        raise ApiError(422, "invalid_parameters", f"since ({since}) is after until ({until})")
    return EventQuery(
        actor=actor or None, country=country or None, root=root or None, since=since,
        until=until, mode=mode,
    )  # fmt: skip


Filters = Annotated[EventQuery, Depends(_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many first.")]


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get("/events")
def events(store: Store, filters: Filters, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Stored events passing every filter, by date (undated last), document, sentence."""
    page = page_events(store, filters, limit, offset)
    return {
        "events": [event.to_dict() for event in page.events],
        "count": len(page.events),
        "total": page.total,
        "limit": limit,
        "offset": offset,
    }


@router.get("/events/{event_id}")
def event(store: Store, event_id: str) -> dict:
    found = find_event(store, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event with id {event_id!r}")
    return found.to_dict()


@router.get("/documents/{doc_id}")
def document(store: Store, doc_id: str) -> dict:
    """A stored document with its events and quotes."""
    found = find_document(store, doc_id)
    if found is None:
        raise ApiError(404, "not_found", f"no document with id {doc_id!r}")
    return {
        "document": found.document.to_dict(),
        "events": [item.to_dict() for item in found.events],
        "quotes": [quote.to_dict() for quote in found.quotes],
    }


@router.get("/stats")
def stats(
    store: Store,
    filters: Filters,
    top: Annotated[int, Query(ge=1, le=100, description="How many dyads to list.")] = 10,
) -> dict:
    """Row counts of the store, and counts over the events passing the filters."""
    return {"counts": store.counts(), **_stats_payload(event_stats(store, filters, top))}


@router.get("/rejects")
def rejects(store: Store, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Inputs that could not be processed, most recent first."""
    page = list_rejects(store, limit, offset)
    return {
        "rejects": [_reject_payload(item) for item in page.rejects],
        "count": len(page.rejects),
        "total": page.total,
        "limit": limit,
        "offset": offset,
    }


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_EXTRACT_CHARS)
    published: date | None = None


@router.post("/extract")
def extract(request: Request, body: ExtractRequest) -> dict:
    """Code the events in one text (nothing is stored). The model loads on the first call."""
    # spaCy's pipeline is not meant to be shared between threads, and the lock also keeps two
    # first calls from loading the model twice.
    with request.app.state.extract_lock:
        from casus.pipeline import extract as extract_events

        found = extract_events(body.text, published=body.published)
    return {"events": [item.to_dict() for item in found], "count": len(found)}


def _dashboard() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


async def _security_headers(request: Request, call_next) -> Response:
    response = await call_next(request)
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _stats_payload(found: EventStats) -> dict[str, Any]:
    codebook = load_codebook()
    per_root = {tally.key: tally.count for tally in found.by_root}
    return {
        "events": found.total,
        "undated": found.undated,
        "roots": [
            {"root": root, "name": codebook.root_name(root), "count": per_root.get(root, 0)}
            for root in sorted(codebook.roots())
        ],
        "plover": [{"plover": t.key, "count": t.count} for t in found.by_plover],
        "modes": [{"mode": t.key, "count": t.count} for t in found.by_mode],
        "days": [{"date": t.key, "count": t.count} for t in found.by_day],
        "dyads": [{"source": d.source, "target": d.target, "count": d.count} for d in found.dyads],
    }


def _reject_payload(item: StoredReject) -> dict[str, Any]:
    recorded = item.recorded_at.isoformat() if item.recorded_at else None
    return {"id": item.id, **item.reject.to_dict(), "recorded_at": recorded}
