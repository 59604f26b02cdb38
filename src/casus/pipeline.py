"""The one place the stages are wired: ingest -> document -> nlp -> extract -> resolve.

A failing input never stops a run: ingest hands back rejects inline, the document stage's
InputErrors become rejects here, and a document that breaks a later stage is recorded as a
reject naming the stage and the error class, and the run goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property, lru_cache

from casus.config import Settings, load_settings
from casus.document import to_document
from casus.errors import InputError, InputTooLargeError
from casus.extract import Extractor
from casus.ingest import iter_items, to_reject
from casus.models import Document, Event, Parsed, RawItem, Reject, Result, parse_iso_date
from casus.nlp import load_pipeline, parse, parse_one
from casus.resolve import Resolver


class Pipeline:
    """Streams inputs through every stage, in batches, yielding a Result or a Reject per input.

    The spaCy pipeline, the extractor and the resolver (with its knowledge base and gazetteer)
    are loaded on first use and then reused for every document.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or load_settings()

    @cached_property
    def nlp(self):
        return load_pipeline(self.settings.model)

    @cached_property
    def extractor(self) -> Extractor:
        return Extractor(dictionaries=self.settings.dictionaries)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver.load(dictionaries=self.settings.dictionaries)

    def run(
        self, inputs: Iterable[str], published: date | str | None = None
    ) -> Iterator[Result | Reject]:
        """Read inputs (paths, folders, ``-``) and yield what became of each document."""
        override = parse_iso_date(published) if published else None
        pending: deque[Reject] = deque()

        def documents() -> Iterator[Document]:
            for item in iter_items(inputs, self.settings):
                if isinstance(item, Reject):
                    pending.append(item)
                    continue
                try:
                    yield to_document(item, published=override)
                except InputError as exc:
                    pending.append(to_reject(exc, stage="document"))

        for outcome in self.documents(documents()):
            while pending:
                yield pending.popleft()
            yield outcome
        yield from pending

    def documents(self, documents: Iterable[Document]) -> Iterator[Result | Reject]:
        """Parse, extract and resolve documents that are already built."""
        # Load every stage before the first document: a broken dictionary or a missing model is
        # one error for the run, not a reject for every document.
        limit = self.nlp.max_length
        extractor, resolver = self.extractor, self.resolver
        oversized: deque[Reject] = deque()

        def fitting() -> Iterator[Document]:
            for document in documents:
                if len(document.text) > limit:
                    oversized.append(_too_long(document, limit))
                else:
                    yield document

        settings = self.settings
        parsed_docs = parse(self.nlp, fitting(), settings.batch_size, settings.n_process)
        for parsed in parsed_docs:
            while oversized:
                yield oversized.popleft()
            yield _process(parsed, extractor, resolver)
        yield from oversized

    def process(self, document: Document) -> Result:
        """One document through every stage; errors propagate (the Python API's path)."""
        if len(document.text) > self.nlp.max_length:
            reject = _too_long(document, self.nlp.max_length)
            raise InputTooLargeError(reject.origin, reject.message)
        parsed = parse_one(self.nlp, document)
        return self.resolver(self.extractor(parsed))


def _process(parsed: Parsed, extractor: Extractor, resolver: Resolver) -> Result | Reject:
    stage = "extract"
    try:
        extraction = extractor(parsed)
        stage = "resolve"
        return resolver(extraction)
    except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
        document = parsed.document
        return Reject(
            origin=document.origin or document.id,
            stage=stage,
            error=type(exc).__name__,
            message=f"{stage} failed: {exc}",
            doc_id=document.id,
        )


def _too_long(document: Document, limit: int) -> Reject:
    return Reject(
        origin=document.origin or document.id,
        stage="nlp",
        error="InputTooLargeError",
        message=f"{len(document.text)} characters is over the parser's limit of {limit}",
        doc_id=document.id,
    )


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, published: date | str | None = None) -> list[Event]:
    """Events in one text, with dates resolved against ``published`` (ISO date or date)."""
    when = published.isoformat() if isinstance(published, date) else published
    document = to_document(RawItem(origin="<text>", text=text, published=when))
    return list(_default_pipeline().process(document).events)
